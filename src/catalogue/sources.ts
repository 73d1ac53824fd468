/**
 * What the catalogue is built from: each argument is a service folder (it has
 * a design-first manifest: one API, whose versions are the service's stored
 * blueprints), a blueprint file, or a folder of blueprint files. Plain
 * blueprints that share a title and an owner and differ in major version are
 * one API with several versions; otherwise each is an API of its own.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { loadBlueprint, type LoadedBlueprint, type LoadOptions } from '../blueprint/load.js';
import { DesignFirstError, isDesignFirstError } from '../errors.js';
import { readManifest } from '../update/manifest-file.js';
import { MANIFEST_PATH, type Manifest } from '../write/manifest.js';
import { versionFacts } from './api-facts.js';

export interface LoadedVersion {
  key: string;
  loaded: LoadedBlueprint;
}

export interface ApiSource {
  kind: 'service' | 'blueprint';
  /** The service folder (absolute) for a service. */
  dir: string | null;
  /** The service's package name, or null. */
  service: string | null;
  manifest: Manifest | null;
  /** Oldest major version first. */
  versions: LoadedVersion[];
}

/** A blueprint's major version key, as services name them (`1.2.3` -> v1, `v2` -> v2, a date -> v1). */
export type VersionKeyOf = (document: unknown) => string;

export async function readSources(inputs: readonly string[], versionKeyOf: VersionKeyOf, loadOptions: LoadOptions): Promise<ApiSource[]> {
  const services: ApiSource[] = [];
  const blueprints: LoadedVersion[] = [];
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (!info) throw new DesignFirstError('DF_ERR_LOAD_NOT_FOUND', 'no such file or folder', { file: input });
    if (info.isDirectory() && (await stat(path.join(input, MANIFEST_PATH)).catch(() => undefined))) {
      services.push(await readService(input, versionKeyOf, loadOptions));
    } else if (info.isDirectory()) {
      const found = await readBlueprintFolder(input, versionKeyOf, loadOptions);
      if (found.length === 0) {
        throw new DesignFirstError('DF_ERR_CATALOGUE_INPUT', `holds neither ${MANIFEST_PATH} (a service) nor an OpenAPI 3 blueprint (.yaml, .yml, .json)`, {
          file: input,
        });
      }
      blueprints.push(...found);
    } else {
      const loaded = await loadBlueprint(input, loadOptions);
      blueprints.push({ key: versionKeyOf(loaded.document), loaded });
    }
  }
  return [...services, ...groupBlueprints(blueprints)];
}

async function readService(dir: string, versionKeyOf: VersionKeyOf, loadOptions: LoadOptions): Promise<ApiSource> {
  const manifest = await readManifest(dir);
  const versions: LoadedVersion[] = [];
  for (const version of manifest.versions) {
    const file = path.join(dir, version.blueprint);
    try {
      const loaded = await loadBlueprint(file, loadOptions);
      versions.push({ key: versionKeyOf(loaded.document), loaded });
    } catch (error) {
      if (isDesignFirstError(error) && error.code === 'DF_ERR_LOAD_NOT_FOUND') {
        throw new DesignFirstError('DF_ERR_UPDATE_SOURCE_MISSING', `${version.blueprint}, the blueprint of ${version.key}, is missing`, { file });
      }
      throw error;
    }
  }
  return { kind: 'service', dir, service: await serviceName(dir), manifest, versions: byMajor(versions) };
}

/** The service's package name as the team has it now, else its folder's name. */
export async function serviceName(dir: string): Promise<string> {
  try {
    const name = (JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name;
    if (typeof name === 'string' && name.trim() !== '') return name;
  } catch {
    // no package.json, or not JSON: the folder's name will do
  }
  return path.basename(dir);
}

/**
 * Every blueprint directly inside a folder, in name order. A YAML or JSON file
 * without an `openapi` field is a fragment of a multi-file blueprint (or not a
 * blueprint at all), so it is passed over; anything else that fails to load stops the build.
 */
async function readBlueprintFolder(folder: string, versionKeyOf: VersionKeyOf, loadOptions: LoadOptions): Promise<LoadedVersion[]> {
  const names = (await readdir(folder, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && /\.(ya?ml|json)$/i.test(entry.name))
    .map((entry) => entry.name)
    .sort();
  const found: LoadedVersion[] = [];
  for (const name of names) {
    try {
      const loaded = await loadBlueprint(path.join(folder, name), loadOptions);
      found.push({ key: versionKeyOf(loaded.document), loaded });
    } catch (error) {
      if (isDesignFirstError(error) && error.code === 'DF_ERR_LOAD_VERSION' && error.message === 'no `openapi` field') continue;
      throw error;
    }
  }
  return found;
}

/**
 * Blueprints with the same title and owner (info.contact) whose major versions
 * differ are the versions of one API; otherwise each blueprint is an API of its own.
 */
function groupBlueprints(blueprints: readonly LoadedVersion[]): ApiSource[] {
  const byTitle = new Map<string, LoadedVersion[]>();
  for (const blueprint of blueprints) {
    const facts = versionFacts(blueprint.loaded.document);
    const key = JSON.stringify([facts.title, facts.owner]);
    const group = byTitle.get(key) ?? [];
    group.push(blueprint);
    byTitle.set(key, group);
  }
  const sources: ApiSource[] = [];
  for (const group of byTitle.values()) {
    const distinct = new Set(group.map((entry) => entry.key)).size === group.length;
    const apis = distinct ? [group] : group.map((entry) => [entry]);
    for (const versions of apis) sources.push({ kind: 'blueprint', dir: null, service: null, manifest: null, versions: byMajor(versions) });
  }
  return sources;
}

function byMajor(versions: LoadedVersion[]): LoadedVersion[] {
  const major = (key: string) => Number(key.slice(1));
  return [...versions].sort((a, b) => major(a.key) - major(b.key));
}
