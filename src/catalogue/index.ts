/**
 * `design-first catalogue`: a static developer portal of many APIs, built
 * offline from their blueprints and services (docs/catalogue.md).
 *
 * Each API is described (facts, lint against the catalogue's playbook, diff
 * between consecutive versions, the service's drift, maturity) and its pages
 * written to a staging folder at once; the index, exports and assets come
 * last, and the whole catalogue replaces the target only when complete.
 */
import { createHash } from 'node:crypto';
import { dump as toYaml } from 'js-yaml';
import type { LoadedBlueprint } from '../blueprint/load.js';
import { formatChanges } from '../diff/index.js';
import { formatFindings } from '../lint/index.js';
import type { ResolvedPlaybook } from '../playbook/types.js';
import type { Manifest } from '../write/manifest.js';
import { catalogueAssets, checkAssets } from './assets.js';
import { describeApi, slugFor } from './describe-api.js';
import { backstageEntities, catalogueCsv, catalogueJson, type ApiDates } from './exports.js';
import { StagedCatalogue } from './output.js';
import { aboutPage, apiPage, changelogFile, downloadsPage, indexPage, referencePage, versionPage } from './pages.js';
import { readSources, type ApiSource, type VersionKeyOf } from './sources.js';
import type { Catalogue, CatalogueApi, ServiceDrift } from './types.js';
import { apiFolder, versionFolder } from './views.js';

export type { Catalogue, CatalogueApi, ServiceDrift } from './types.js';
export { GOVERNMENT_CATALOGUE_COLUMNS } from './exports.js';

export interface CatalogueOptions {
  /** Service folders, blueprint files and folders of blueprints (absolute). */
  inputs: readonly string[];
  /** The catalogue's folder (absolute): new, empty, or an earlier catalogue. */
  out: string;
  title: string;
  playbook: ResolvedPlaybook;
  /** How pages name the playbook: "the built-in playbook", a file name, `name@version`. */
  playbookName: string;
  /** Where the catalogue will be published; exports then hold absolute links. */
  baseUrl: string | null;
  /** The organisation publishing the APIs, for catalogue.csv's provider column. */
  provider: string | null;
  generatorVersion: string;
  versionKeyOf: VersionKeyOf;
  /** A service's drift from the current generator, templates and playbook (the estate layer answers). */
  driftOf: (dir: string, manifest: Manifest) => Promise<ServiceDrift>;
  now?: Date;
  allowRemoteRefs?: boolean;
  progress?: (step: string) => void;
}

export interface BuiltCatalogue {
  catalogue: Catalogue;
  files: number;
}

export async function buildCatalogue(options: CatalogueOptions): Promise<BuiltCatalogue> {
  await checkAssets();
  const progress = options.progress ?? (() => {});
  progress('reading the blueprints');
  const sources = await readSources(options.inputs, options.versionKeyOf, { allowRemoteRefs: options.allowRemoteRefs ?? false });
  const now = options.now ?? new Date();
  const catalogue: Catalogue = {
    title: options.title,
    builtAt: now.toISOString(),
    generator: { name: 'generator-design-first', version: options.generatorVersion },
    playbook: { name: options.playbookName, hash: options.playbook.hash },
    baseUrl: options.baseUrl,
    apis: [],
  };
  const output = await StagedCatalogue.open(options.out);
  try {
    const slugs = new Set<string>();
    const hashes = new Map<string, string>();
    const total = sources.length;
    // Taken off the list one by one, so each API's documents are let go once its files are written.
    for (let source = sources.shift(); source; source = sources.shift()) {
      progress(`describing API ${total - sources.length} of ${total}`);
      const drift = source.kind === 'service' ? await options.driftOf(source.dir!, source.manifest!) : null;
      const api = await describeApi(source, '', drift, { playbook: options.playbook, baseUrl: options.baseUrl, provider: options.provider });
      api.slug = slugFor(api.title, slugs);
      hashes.set(api.slug, blueprintsHash(source));
      await writeApi(output, catalogue, api, source);
      catalogue.apis.push(api);
    }
    catalogue.apis.sort((a, b) => a.title.localeCompare(b.title) || a.slug.localeCompare(b.slug));

    progress('writing the index and exports');
    const dates = datesOf(catalogue, hashes, output, now);
    await output.write('index.html', indexPage(catalogue));
    await output.write('downloads.html', downloadsPage(catalogue));
    await output.write('about.html', aboutPage(catalogue));
    await output.write('catalogue.csv', catalogueCsv(catalogue, dates));
    await output.write('catalogue.json', catalogueJson(catalogue, dates, hashes));
    for (const asset of catalogueAssets()) await output.copy(asset.path, asset.from);
    await output.commit();
  } catch (error) {
    await output.abort();
    throw error;
  }
  return { catalogue, files: output.fileCount };
}

/** Every file of one API: its page, and per version a page, the reference docs, the raw blueprint and its findings. */
async function writeApi(output: StagedCatalogue, catalogue: Catalogue, api: CatalogueApi, source: ApiSource): Promise<void> {
  for (const [index, version] of api.versions.entries()) {
    const loaded = source.versions[index]!.loaded;
    const folder = versionFolder(api, version);
    const raw = rawBlueprint(loaded);
    await output.write(`${folder}/index.html`, versionPage(catalogue, api, version, !loaded.singleFile));
    await output.write(`${folder}/reference.html`, referencePage(catalogue, api, version, loaded.document));
    await output.write(`${folder}/openapi.json`, raw.json);
    await output.write(`${folder}/openapi.yaml`, raw.yaml);
    await output.write(`${folder}/findings.json`, formatFindings(version.findings, 'json', { color: false }));
  }
  const folder = apiFolder(api);
  for (const log of api.changelogs) await output.write(`${folder}/${changelogFile(log.from, log.to)}`, formatChanges(log.changes, 'markdown'));
  await output.write(`${folder}/catalog-info.yaml`, backstageEntities(catalogue, api));
  await output.write(`${folder}/index.html`, apiPage(catalogue, api));
}

/** The blueprint as JSON and YAML: the file itself where it is one file in that format, else the bundled document. */
function rawBlueprint(loaded: LoadedBlueprint): { json: string; yaml: string } {
  const own = loaded.singleFile ? loaded.root : undefined;
  return {
    json: own?.format === 'json' ? own.text : `${JSON.stringify(loaded.document, null, 2)}\n`,
    // js-yaml writes large documents several times faster than `yaml`; noRefs: shared objects are written out, never as anchors.
    yaml: own?.format === 'yaml' ? own.text : toYaml(loaded.document, { noRefs: true, lineWidth: -1 }),
  };
}

function blueprintsHash(source: ApiSource): string {
  const hash = createHash('sha256');
  for (const version of source.versions) hash.update(JSON.stringify(version.loaded.document)).update('\u0000');
  return hash.digest('hex');
}

/** dateAdded carried over from the earlier catalogue; dateUpdated moves when the API's blueprints changed. */
function datesOf(catalogue: Catalogue, hashes: ReadonlyMap<string, string>, output: StagedCatalogue, now: Date): Map<string, ApiDates> {
  const today = now.toISOString().slice(0, 10);
  const dates = new Map<string, ApiDates>();
  for (const api of catalogue.apis) {
    const before = output.previous?.apis.get(api.slug);
    dates.set(api.slug, {
      dateAdded: before?.dateAdded ?? today,
      dateUpdated: before && before.blueprintHash === hashes.get(api.slug) ? before.dateUpdated : today,
    });
  }
  return dates;
}
