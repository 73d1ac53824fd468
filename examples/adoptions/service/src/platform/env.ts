/**
 * `.env` beside package.json, when there is one: each line sets a variable
 * the environment does not already set (the real environment wins), with
 * Node's own parser (process.loadEnvFile, Node 20.12 and later). The service
 * runs the same with or without it; in a container the environment is set
 * by the platform and .env is not copied (.dockerignore).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './project-root.js';

export const ENV_FILE = path.join(projectRoot, '.env');

/** Loads `file` into process.env when it exists; says whether it did. */
export function loadDotEnv(file: string = ENV_FILE): boolean {
  if (!existsSync(file)) return false;
  process.loadEnvFile(file);
  return true;
}
