// @ts-check
/**
 * The cold-start benchmark's peer: a bare Fastify 5 app registering the same
 * routes as a generated service (method and URL of each, from ROUTES_FILE, a
 * JSON list of [method, url] the benchmark extracts from the service's route
 * table beforehand), with no schemas, hooks or plugins; each answers `{}`.
 * This is the floor of starting a Fastify service of that size: what
 * importing Fastify and building its router for the routes costs. Listens on
 * HOST:PORT.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

/** @type {Array<[string, string]>} */
const routes = JSON.parse(readFileSync(process.env.ROUTES_FILE ?? '', 'utf8'));
const app = Fastify({ logger: false, routerOptions: { maxParamLength: 500 } });
for (const [method, url] of routes) app.route({ method, url, handler: async () => ({}) });
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) process.once(signal, () => app.close().then(() => process.exit(0)));
