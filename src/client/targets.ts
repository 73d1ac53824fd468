/**
 * Which blueprints to generate clients for: every version in the service's
 * `.design-first/manifest.json` (or those named with --version), or one
 * blueprint given with --blueprint.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DesignFirstError } from '../errors.js';

export const MANIFEST_PATH = '.design-first/manifest.json';

export interface VersionSource {
  /** Version key, for example v1; names the output folder. */
  readonly key: string;
  /** Absolute path of the blueprint. */
  readonly blueprint: string;
}

const VERSION_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isVersionKey(key: string): boolean {
  return VERSION_KEY.test(key);
}

/** The versions of a service, in manifest order, narrowed to `wanted` when given. */
export async function serviceVersions(dir: string, wanted: readonly string[] | undefined): Promise<VersionSource[]> {
  const file = path.join(dir, MANIFEST_PATH);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? `${dir} is not a design-first service (no ${MANIFEST_PATH})`
        : `cannot read the manifest: ${(error as Error).message}`;
    throw new DesignFirstError('DF_ERR_CLIENT_NO_SERVICE', reason, code === 'ENOENT' || code === 'ENOTDIR' ? {} : { file });
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new DesignFirstError('DF_ERR_CLIENT_NO_SERVICE', `the manifest is not JSON: ${(error as Error).message}`, { file });
  }
  const entries = typeof manifest === 'object' && manifest !== null ? (manifest as { versions?: unknown }).versions : undefined;
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new DesignFirstError('DF_ERR_CLIENT_NO_SERVICE', 'the manifest lists no versions', { file, pointer: '/versions' });
  }
  const versions = entries.map((entry: unknown, index): VersionSource => {
    const { key, blueprint } = (typeof entry === 'object' && entry !== null ? entry : {}) as { key?: unknown; blueprint?: unknown };
    if (typeof key !== 'string' || !isVersionKey(key)) {
      throw new DesignFirstError('DF_ERR_CLIENT_NO_SERVICE', 'a version without a usable `key` (such as v1)', { file, pointer: `/versions/${index}/key` });
    }
    const relative = typeof blueprint === 'string' && blueprint !== '' ? blueprint : `blueprints/${key}.yaml`;
    return { key, blueprint: path.resolve(dir, relative) };
  });
  if (wanted === undefined) return versions;
  return wanted.map((key) => {
    const found = versions.find((version) => version.key === key);
    if (!found) {
      throw new DesignFirstError(
        'DF_ERR_CLIENT_UNKNOWN_VERSION',
        `the service has no version ${JSON.stringify(key)}; it has ${versions.map((version) => version.key).join(', ')}`,
        { file },
      );
    }
    return found;
  });
}

/** The service's npm package name, when its package.json has a valid one. */
export async function servicePackageName(dir: string): Promise<string | undefined> {
  try {
    const { name } = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
    return typeof name === 'string' && /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}
