/**
 * The package as a user installs it: `npm pack` of this checkout (its built
 * `dist/`, as `npm test` leaves it), installed with `npm install <tarball>`
 * into a folder outside the repository, and run through the installed
 * `design-first` binary. A difference between the TypeScript sources and what
 * the compiler emitted (the Ajv crash of issue 19) shows here and nowhere else.
 *
 * Installing takes a while, so each packed tarball is installed once, under
 * .tmp/installed-cli/<hash of the tarball>, and every CLI test file reuses it.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoRoot, run } from '../generate/helpers.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

let installed: Promise<string> | undefined;

/** The installed binary's path (packing and installing on first use). */
export function installedBin(): Promise<string> {
  installed ??= install();
  return installed;
}

async function install(): Promise<string> {
  if (!existsSync(path.join(repoRoot, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does) first');
  const packFolder = await mkdtemp(path.join(os.tmpdir(), 'df-pack-'));
  // --ignore-scripts: `prepare` would rebuild; the tests check what is built now.
  const packed = await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', packFolder], repoRoot, {}, 300_000);
  if (packed.code !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
  const tarball = path.join(packFolder, (JSON.parse(packed.stdout) as Array<{ filename: string }>)[0]!.filename);
  const hash = createHash('sha256')
    .update(await readFile(tarball))
    .digest('hex')
    .slice(0, 16);
  const base = path.join(repoRoot, '.tmp/installed-cli');
  const target = path.join(base, hash);
  const binary = path.join(target, 'node_modules/.bin/design-first');
  if (existsSync(binary)) return binary;

  await mkdir(base, { recursive: true });
  const staging = await mkdtemp(path.join(base, `${hash}-`));
  await run(npm, ['init', '-y'], staging);
  const added = await run(npm, ['install', tarball, '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], staging, {}, 540_000);
  if (added.code !== 0) throw new Error(`npm install of the packed tarball failed:\n${added.stderr.slice(-3000)}`);
  try {
    await rename(staging, target);
  } catch {
    // Another test file installed the same tarball meanwhile: use theirs.
    await rm(staging, { recursive: true, force: true });
  }
  await rm(packFolder, { recursive: true, force: true });
  return binary;
}

/** Run the installed `design-first` with `args` in `cwd`. */
export async function designFirst(args: string[], cwd: string = repoRoot, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const binary = await installedBin();
  return run(binary, args, cwd, { NO_COLOR: '1', ...env });
}
