#!/usr/bin/env node
// `npm run demo [-- OUT]`: the tool's main job in one command. Generates the pets
// service (v1 and v2) from examples/pets, installs it, and starts it in mock mode.
import { spawnSync, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
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
step(npm, ['install', '--no-audit', '--no-fund'], out);
const port = process.env.PORT ?? '3000';
console.log(`\nStarting the service in ${out} (AUTH_MODE=mock). Try:\n  curl http://127.0.0.1:${port}/v1/pets\n  open http://127.0.0.1:${port}/v1/docs\nCtrl-C stops it.\n`);
const server = spawn(npm, ['start'], { cwd: out, stdio: 'inherit', env: { ...process.env, AUTH_MODE: 'mock', PORT: port } });
server.on('exit', (code) => process.exit(code ?? 0));
process.on('SIGINT', () => server.kill('SIGTERM'));
