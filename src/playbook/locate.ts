/**
 * Where a playbook is: a file (YAML or JSON), or an npm package that holds one
 * (the playbook file plus its templates, rules and helpers, published by the
 * organisation and installed in each service as a devDependency).
 *
 * A package names its playbook file in package.json (`"designFirst": {
 * "playbook": "playbook.yaml" }`), or has `playbook.yaml` at its root. The
 * manifest records a package as `name@version`, never as a path, so a clone
 * of the service reads the version installed in that clone.
 */
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DesignFirstError } from '../errors.js';

export type PlaybookRef = { kind: 'file'; file: string } | { kind: 'package'; name: string; version: string; file: string };

/** An npm package name (scoped or not), as `npm` accepts it. */
const PACKAGE_NAME = /^(@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/;

/**
 * What `--playbook ARG` names: a file relative to `cwd` when one exists there
 * (or ARG has a path separator or a file extension), else the package ARG
 * installed where `packagesFrom` (default `cwd`; for update, the service)
 * resolves packages from.
 */
export async function locatePlaybook(argument: string, cwd: string, packagesFrom = cwd): Promise<PlaybookRef> {
  const file = path.resolve(cwd, argument);
  if (await exists(file)) return { kind: 'file', file };
  const looksLikeFile =
    argument.startsWith('.') || path.isAbsolute(argument) || /\.(ya?ml|json)$/i.test(argument) || (!argument.startsWith('@') && argument.includes('/'));
  if (looksLikeFile || !PACKAGE_NAME.test(argument)) return { kind: 'file', file };
  return resolvePackage(argument, packagesFrom);
}

/** `@council/api-playbook@2026.1.0` -> name and version; undefined for anything else. */
export function parsePackageSource(source: string): { name: string; version: string } | undefined {
  const at = source.lastIndexOf('@');
  if (at <= 0) return undefined;
  const name = source.slice(0, at);
  const version = source.slice(at + 1);
  return PACKAGE_NAME.test(name) && version !== '' ? { name, version } : undefined;
}

/** The playbook package `name` as installed for `fromDir` (its node_modules, then its parents'). */
export async function resolvePackage(name: string, fromDir: string): Promise<PlaybookRef & { kind: 'package' }> {
  let manifestFile: string;
  try {
    manifestFile = createRequire(path.join(fromDir, 'package.json')).resolve(`${name}/package.json`);
  } catch {
    throw new DesignFirstError('DF_ERR_PLAYBOOK_NOT_INSTALLED', `the playbook package ${name} is not installed in ${fromDir}`, { file: fromDir });
  }
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as { version?: unknown; designFirst?: { playbook?: unknown } };
  const root = path.dirname(manifestFile);
  const named = manifest.designFirst?.playbook;
  const file = path.resolve(root, typeof named === 'string' ? named : 'playbook.yaml');
  if (path.relative(root, file).startsWith('..')) {
    throw new DesignFirstError('DF_ERR_PLAYBOOK_INVALID', `designFirst.playbook names a file outside the package ${name}`, {
      file: manifestFile,
      pointer: '/designFirst/playbook',
    });
  }
  if (!(await exists(file))) {
    throw new DesignFirstError(
      'DF_ERR_PLAYBOOK_INVALID',
      `the package ${name} has no playbook file ${path.relative(root, file)} (name it in package.json: "designFirst": { "playbook": "…" })`,
      { file: manifestFile },
    );
  }
  return { kind: 'package', name, version: typeof manifest.version === 'string' ? manifest.version : '0.0.0', file };
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}
