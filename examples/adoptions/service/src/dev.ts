/**
 * `npm run dev`: the service for local development. `.env` is read first
 * (the environment still wins), then AUTH_MODE defaults to mock, so secured
 * operations answer without credentials; the service warns about it at start
 * and refuses it when NODE_ENV=production. tsx restarts it on every change,
 * and pino-pretty makes the logs readable.
 */
import { loadDotEnv } from './platform/env.js';

loadDotEnv();
process.env.AUTH_MODE ??= 'mock';
await import('./server.js');
