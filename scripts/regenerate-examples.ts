/** `npm run examples`: regenerate the committed example services (after a deliberate template change). */
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runNew } from '../src/cli/commands/new.js';
import { EXAMPLE_SERVICES } from './example-services.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(repoRoot);
for (const example of EXAMPLE_SERVICES) {
  // Generate beside the committed service and swap only on success, so a failing template never deletes it.
  const fresh = `${example.out}.regenerating`;
  await rm(fresh, { recursive: true, force: true });
  const code = await runNew({ blueprints: [...example.blueprints], upstream: 'upstreams' in example ? [...example.upstreams] : [], out: fresh });
  if (code !== 0) process.exit(code);
  await rm(example.out, { recursive: true, force: true });
  await rename(fresh, example.out);
}
