/**
 * The package as a user installs it: `npm pack` of this checkout (its built
 * `dist/`, as `npm test` leaves it), installed with `npm install <tarball>`
 * into a folder outside the repository, and run through the installed
 * `design-first` binary. A difference between the TypeScript sources and what
 * the compiler emitted (the Ajv crash of issue 19) shows here and nowhere else.
 *
 * Installing takes a while, so each packed tarball is installed once, under
 * .tmp/cache/installed-cli/<hash of what was packed>, and every CLI test file reuses it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { packedTool, repoRoot, run } from '../generate/helpers.js';
import { sharedEntry } from '../generate/shared-cache.js';

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
  // Packed once per run for every test file (helpers.ts), with --ignore-scripts: `prepare` would rebuild; the tests check what is built now.
  const tarball = await packedTool();
  // The packed folder is named by a hash of what was packed (helpers.ts): the install is keyed by it too.
  const hash = path.basename(path.dirname(tarball));
  // One install per tarball, made by the first test file to ask while the others wait (shared-cache.ts).
  const target = await sharedEntry('installed-cli', hash, async (staging) => {
    await run(npm, ['init', '-y'], staging);
    const added = await run(npm, ['install', tarball, '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], staging, {}, 540_000);
    return added.code === 0 ? undefined : `npm install of the packed tarball failed:\n${added.stderr.slice(-3000)}`;
  });
  return path.join(target, 'node_modules/.bin/design-first');
}

/** Run the installed `design-first` with `args` in `cwd`. */
export async function designFirst(args: string[], cwd: string = repoRoot, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const binary = await installedBin();
  return run(binary, args, cwd, { NO_COLOR: '1', ...env });
}
