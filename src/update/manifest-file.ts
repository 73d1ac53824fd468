/**
 * Reading `.design-first/manifest.json` for `update`. Every path in it is
 * checked before it is used, because update deletes the generated files the
 * manifest names: a hand-edited manifest must not point outside the service.
 *
 * A manifest of version 1 (design-first 0.1, which recorded absolute paths)
 * is read and migrated: its paths become relative to the service, and the next
 * update writes it as version 2.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DesignFirstError } from '../errors.js';
import type { Ownership } from '../ownership.js';
import { MANIFEST_PATH, MANIFEST_VERSION, relativeToService, type Manifest } from '../write/manifest.js';
import { safeRelativePath } from '../write/paths.js';

export type { ManifestVersion } from '../write/manifest.js';

const OWNERS: readonly Ownership[] = ['generated', 'platform', 'team'];
const HASH = /^[0-9a-f]{64}$/;

/** The manifest of the service in `dir`, checked (and migrated from version 1); DF_ERR_UPDATE_NO_MANIFEST when there is none. */
export async function readManifest(dir: string): Promise<Manifest> {
  const file = path.join(dir, MANIFEST_PATH);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new DesignFirstError('DF_ERR_UPDATE_NO_MANIFEST', `${dir} has no ${MANIFEST_PATH}, so it was not made by design-first new`, { file: dir });
    }
    throw new DesignFirstError('DF_ERR_UPDATE_BAD_MANIFEST', `cannot read it: ${(error as Error).message}`, { file });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DesignFirstError('DF_ERR_UPDATE_BAD_MANIFEST', `not JSON: ${(error as Error).message}`, { file });
  }
  return checkManifest(data, file, dir);
}

/**
 * The manifest's shape, field by field; the first problem found is reported
 * with its JSON pointer. `dir` (the service) is what version 1's absolute
 * paths are made relative to.
 */
export function checkManifest(data: unknown, file: string, dir = path.dirname(path.dirname(file))): Manifest {
  const bad = (pointer: string, what: string) => new DesignFirstError('DF_ERR_UPDATE_BAD_MANIFEST', what, { file, pointer });
  if (!isObject(data)) throw bad('', 'the manifest is not a JSON object');
  const version = data.manifestVersion;
  if (version !== 1 && version !== MANIFEST_VERSION) {
    throw bad(
      '/manifestVersion',
      `manifestVersion ${JSON.stringify(version)} is not 1 or ${MANIFEST_VERSION} (a newer design-first wrote it? then update with that version)`,
    );
  }
  const generator = data.generator;
  if (!isObject(generator) || typeof generator.name !== 'string' || typeof generator.version !== 'string')
    throw bad('/generator', 'generator must be { name, version }');
  if (typeof data.templateVersion !== 'string') throw bad('/templateVersion', 'templateVersion must be a string');
  if (data.templates !== null && typeof data.templates !== 'string') throw bad('/templates', 'templates must be a folder or null');
  const playbook = data.playbook;
  const playbookSource = version === 1 ? (playbook as Record<string, unknown> | undefined)?.file : (playbook as Record<string, unknown> | undefined)?.source;
  if (!isObject(playbook) || (playbookSource !== null && typeof playbookSource !== 'string') || typeof playbook.hash !== 'string') {
    throw bad('/playbook', version === 1 ? 'playbook must be { file, hash }' : 'playbook must be { source, name, version, hash }');
  }
  if (!Array.isArray(data.versions) || data.versions.length === 0) throw bad('/versions', 'versions must list at least one version');
  const keys = new Set<string>();
  data.versions.forEach((entry: unknown, index) => {
    const at = `/versions/${index}`;
    if (!isObject(entry)) throw bad(at, 'a version must be an object');
    for (const field of ['key', 'blueprint', 'source', 'hash', 'apiVersion'] as const) {
      if (typeof entry[field] !== 'string') throw bad(`${at}/${field}`, `${field} must be a string`);
    }
    const key = entry.key as string;
    if (!/^v\d+$/.test(key) || keys.has(key)) throw bad(`${at}/key`, `${JSON.stringify(key)} is not a version key (v1, v2...) or appears twice`);
    keys.add(key);
    if (!/^blueprints\/[^/]+$/.test(safePath(entry.blueprint as string, () => bad(`${at}/blueprint`, 'unsafe path')))) {
      throw bad(`${at}/blueprint`, 'a stored blueprint lives in blueprints/');
    }
    if (!HASH.test(entry.hash as string)) throw bad(`${at}/hash`, 'hash must be a sha256 in hex');
    if (version === MANIFEST_VERSION && (!isObject(entry.playbook) || typeof entry.playbook.hash !== 'string')) {
      throw bad(`${at}/playbook`, 'playbook must be { name, version, hash, contract }');
    }
  });
  if (!isObject(data.files)) throw bad('/files', 'files must map paths to { owner, hash }');
  for (const [name, entry] of Object.entries(data.files)) {
    const at = `/files/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (safePath(name, () => bad(at, `${JSON.stringify(name)} is not a path inside the service`)) !== name) {
      throw bad(at, `${JSON.stringify(name)} is not a normalised relative path`);
    }
    if (!isObject(entry) || !OWNERS.includes(entry.owner as Ownership) || typeof entry.hash !== 'string' || !HASH.test(entry.hash)) {
      throw bad(at, 'an entry must be { owner: generated|platform|team, hash: sha256 }');
    }
  }
  if (data.overriddenFindings !== undefined && (!Array.isArray(data.overriddenFindings) || data.overriddenFindings.some((line) => typeof line !== 'string'))) {
    throw bad('/overriddenFindings', 'overriddenFindings must be a list of strings');
  }
  const checked = { ...(data as unknown as Manifest), overriddenFindings: (data.overriddenFindings as string[] | undefined) ?? [] };
  return version === 1 ? migrateFromVersion1(checked as unknown as ManifestV1, dir) : checked;
}

/** What design-first 0.1 wrote: absolute paths, one playbook for the service, no contracts. */
interface ManifestV1 extends Omit<Manifest, 'manifestVersion' | 'playbook' | 'service' | 'versions'> {
  playbook: { file: string | null; hash: string };
  versions: Array<{ key: string; blueprint: string; source: string; hash: string; apiVersion: string }>;
}

/**
 * Version 1 -> 2: absolute paths made relative to the service; each version
 * pinned to the service's playbook by hash, with no contract recorded (update
 * reads it from that playbook when it is still at hand); the service name is
 * read from package.json when the update needs it.
 */
function migrateFromVersion1(old: ManifestV1, dir: string): Manifest {
  const relative = (file: string) => (path.isAbsolute(file) ? relativeToService(dir, file) : file);
  return {
    ...old,
    manifestVersion: MANIFEST_VERSION,
    templates: old.templates === null ? null : relative(old.templates),
    playbook: { source: old.playbook.file === null ? null : relative(old.playbook.file), name: null, version: null, hash: old.playbook.hash },
    service: { name: '' },
    versions: old.versions.map((entry) => ({ ...entry, source: relative(entry.source), playbook: { name: null, version: null, hash: old.playbook.hash } })),
  };
}

function safePath(name: string, fail: () => DesignFirstError): string {
  try {
    return safeRelativePath(name);
  } catch {
    throw fail();
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
