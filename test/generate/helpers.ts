/**
 * Helpers for tests that generate real services. Services generated inside
 * the repository's .tmp/ folder resolve their dependencies from the
 * repository's node_modules (the same versions the service template pins; a
 * test checks that), so many services can be type-checked and tested without
 * an `npm install` each. One test (e2e) does the real install in its
 * service's folder, with the tool packed as npm would publish it (packedTool,
 * installService); tests whose services must be installed outside the
 * repository, but whose subject is not the install, share one install per
 * dependency set (installServiceShared).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CommandIo } from '../../src/cli/run-command.js';
import { sharedEntry } from './shared-cache.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = (name: string) => path.join(repoRoot, 'node_modules', '.bin', name);
export const execFileAsync = promisify(execFile);

/** A fresh folder under <repo>/.tmp/ (the generated service goes in `service` inside it). */
export async function scratchFolder(label: string): Promise<string> {
  const base = path.join(repoRoot, '.tmp');
  await mkdir(base, { recursive: true });
  return mkdtemp(path.join(base, `${label}-`));
}

export function captureIo(): CommandIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (text) => out.push(text), stderr: (text) => err.push(text) };
}

/** Run a command, resolving with its output whatever the exit code. */
export async function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, timeout = 300_000) {
  try {
    // NODE_TEST_CONTEXT would make a nested `node --test` report to this runner instead of printing TAP.
    const { NODE_TEST_CONTEXT: _nested, ...inherited } = process.env;
    const { stdout, stderr } = await execFileAsync(command, args, { cwd, env: { ...inherited, ...env }, timeout, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failure.code === 'number' ? failure.code : 1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

/** A port nothing listens on now, on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * This repository as npm would publish it (`npm pack`: the `files` of
 * package.json, dist/ as last built, so build first; `npm test` does), in
 * `folder`. Returns the tarball's path.
 */
export async function packTool(folder: string): Promise<string> {
  // --ignore-scripts: `prepare` would rebuild dist/ while other test files run the built command line.
  const packed = await run(npm, ['pack', '--ignore-scripts', '--pack-destination', folder], repoRoot);
  if (packed.code !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const tarball = (await readdir(folder)).find((name) => name.startsWith('generator-design-first-') && name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball in ${folder}`);
  return path.join(folder, tarball);
}

let packedOnce: Promise<string> | undefined;

/**
 * The tool packed once per `npm test` run, for every service and install that
 * needs it: a tarball in .tmp/cache/packed/<hash of what npm would pack>/
 * (shared-cache.ts: the first test process packs, the others wait for it and
 * reuse it). A change to dist/, templates/ or any other published file is a
 * new hash, so a new pack.
 */
export function packedTool(): Promise<string> {
  packedOnce ??= publishedContentHash().then(async (key) => {
    const entry = await sharedEntry('packed', key, async (staging) => {
      try {
        await packTool(staging);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    });
    return packedIn(entry);
  });
  return packedOnce;
}

async function packedIn(folder: string): Promise<string> {
  const tarball = (await readdir(folder)).find((name) => name.startsWith('generator-design-first-') && name.endsWith('.tgz'));
  if (!tarball) throw new Error(`no packed tarball in ${folder}`);
  return path.join(folder, tarball);
}

/** A hash of every file `npm pack` may take: package.json's `files`, package.json itself, README and LICENSE. */
async function publishedContentHash(): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as { files: string[] };
  const hash = createHash('sha256');
  const visit = async (relative: string): Promise<void> => {
    const full = path.join(repoRoot, relative);
    const info = await stat(full).catch(() => undefined);
    if (!info) return;
    if (info.isDirectory()) {
      if (path.basename(relative) === 'node_modules') return;
      for (const name of (await readdir(full)).sort()) await visit(path.join(relative, name));
      return;
    }
    hash
      .update(`${relative}\0`)
      .update(await readFile(full))
      .update('\0');
  };
  for (const entry of ['package.json', 'README.md', 'LICENSE', ...manifest.files]) await visit(entry);
  return hash.digest('hex').slice(0, 16);
}

/**
 * `npm install` in a generated service, its package.json as generated.
 * generator-design-first is not on the npm registry yet, and the service pins
 * it in its devDependencies (the version that generated it), so npm could not
 * install it from there. The packed tool is given on the command line with
 * --no-save: npm takes the pinned `generator-design-first@<version>` from that
 * tarball and everything else from the registry, and package.json is left as
 * generated. (A local registry such as verdaccio would serve the same tarball,
 * but would proxy every other download too, at several times the cost.)
 *
 * This is the real install, in the service's own folder: e2e.test.ts uses it,
 * as the end-to-end check of what a user does.
 */
export async function installService(service: string, tarball: string) {
  return run(npm, ['install', '--no-save', '--no-audit', '--no-fund', '--prefer-offline', tarball], service, {}, 480_000);
}

/**
 * The same install as installService, done once per dependency set and shared.
 * Tests whose subject is not the install itself (upstream calls, client
 * packages, ...) install services that the same template made, so most of
 * them ask npm for exactly the same packages; each one installing them again
 * cost a minute of a 2-core CI run. The first to ask installs for real with
 * installService (in .tmp/cache/installs/<hash of the dependency fields of
 * package.json, the tarball, Node's version and platform>, under the lock of
 * shared-cache.ts); every service then gets its own node_modules copied from
 * it, as hard links where the file system allows (`cp -al`), else as a full
 * copy. The copy sits in the service's folder, so Node resolves every package
 * from the service as after its own install (nothing from the cache folder or
 * from this repository's node_modules), and npm's .bin links (relative
 * symlinks) still point at their packages. npm's record of the tree
 * (node_modules/.package-lock.json) is copied, not linked, so that a later
 * `npm install` in one service (outer-inner.test.ts adds a package) rewrites
 * its own record and nobody else's; npm replaces package folders rather than
 * writing into their files, so the linked files are never changed.
 */
export async function installServiceShared(service: string, tarball: string) {
  const manifest = JSON.parse(await readFile(path.join(service, 'package.json'), 'utf8')) as Record<string, unknown>;
  const dependencyFields = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'overrides', 'engines'];
  const key = createHash('sha256')
    .update(JSON.stringify(dependencyFields.map((field) => manifest[field] ?? null)))
    .update(await readFile(tarball))
    .update(`${process.version} ${process.platform} ${process.arch}`)
    .digest('hex')
    .slice(0, 16);
  let installed = { code: 0, stdout: '', stderr: '' };
  const entry = await sharedEntry('installs', key, async (staging) => {
    await writeFile(path.join(staging, 'package.json'), JSON.stringify(manifest, null, 2));
    installed = await installService(staging, tarball);
    return installed.code === 0 ? undefined : `npm install failed (exit ${installed.code})`;
  }).catch((error: Error) => error);
  if (entry instanceof Error) return { code: installed.code || 1, stdout: installed.stdout, stderr: installed.stderr || entry.message };
  const target = path.join(service, 'node_modules');
  await rm(target, { recursive: true, force: true });
  const linked = await run('cp', ['-al', path.join(entry, 'node_modules'), target], service);
  if (linked.code !== 0) {
    // Another file system (the cache under the repository, the service under the system's temporary folder): copy.
    await rm(target, { recursive: true, force: true });
    await cp(path.join(entry, 'node_modules'), target, { recursive: true, verbatimSymlinks: true });
  }
  const record = path.join(target, '.package-lock.json');
  if (existsSync(record)) {
    await rm(record);
    await copyFile(path.join(entry, 'node_modules/.package-lock.json'), record);
  }
  return installed;
}
