#!/usr/bin/env node
// `npm run demo [-- OUT]`: the tool's main job in one command. Generates the pets
// service (v1 and v2) from examples/pets, installs it, and starts it with `npm run dev`
// (mock auth). Needs dist/ built (npm ci does it).
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(mkdtempSync(path.join(os.tmpdir(), 'design-first-demo-')), 'pets'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const step = (command, args, cwd) => {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

step(process.execPath, [path.join(root, 'bin/design-first.js'), 'new', 'examples/pets/pets-v1.yaml', 'examples/pets/pets-v2.yaml', '--out', out], root);
// The service pins generator-design-first in its devDependencies, and the package is not on the npm registry yet:
// this checkout, packed as npm would publish it, is given to npm install (package.json stays as generated).
const packs = mkdtempSync(path.join(os.tmpdir(), 'design-first-pack-'));
step(npm, ['pack', '--silent', '--ignore-scripts', '--pack-destination', packs], root);
const tarball = path.join(
  packs,
  readdirSync(packs).find((name) => name.endsWith('.tgz')),
);
step(npm, ['install', '--no-save', '--no-audit', '--no-fund', tarball], out);
const port = process.env.PORT ?? '3000';
console.log(
  `\nStarting the service in ${out} with npm run dev (mock auth, restarts on changes). Try:\n  curl http://127.0.0.1:${port}/v1/pets\n  open http://127.0.0.1:${port}/v1/docs\nCtrl-C stops it.\n`,
);
const server = spawn(npm, ['run', 'dev'], { cwd: out, stdio: 'inherit', env: { ...process.env, PORT: port } });
server.on('exit', (code) => process.exit(code ?? 0));
process.on('SIGINT', () => server.kill('SIGTERM'));
