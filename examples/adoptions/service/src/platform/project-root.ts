/**
 * The service's root folder (where package.json and blueprints/ live), found
 * from this file so it works from src/ (tsx) and from dist/src/ (compiled).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let folder = start;
  while (!existsSync(path.join(folder, 'package.json'))) {
    const parent = path.dirname(folder);
    if (parent === folder) return start;
    folder = parent;
  }
  return folder;
}

export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));
