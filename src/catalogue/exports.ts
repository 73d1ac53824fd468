/**
 * The catalogue for other catalogues:
 * - catalogue.csv: one row per API in the columns of the UK government API
 *   catalogue (co-cddo/api-catalogue's data/catalogue.csv), written with csv-stringify;
 * - catalogue.json: everything the pages show;
 * - catalog-info.yaml per API: Backstage entities of kind API, one per version.
 */
import { stringify as toCsv } from 'csv-stringify/sync';
import { stringify as toYaml } from 'yaml';
import type { Catalogue, CatalogueApi } from './types.js';
import { ownerLabel } from './views.js';

export const GOVERNMENT_CATALOGUE_COLUMNS = [
  'dateAdded',
  'dateUpdated',
  'url',
  'name',
  'description',
  'documentation',
  'license',
  'maintainer',
  'areaServed',
  'startDate',
  'endDate',
  'provider',
] as const;

/** When each API entered the catalogue and last changed, carried from the previous build. */
export interface ApiDates {
  dateAdded: string;
  dateUpdated: string;
}

/** The address of a page: absolute under the base URL when there is one, else relative to the catalogue. */
export function addressOf(catalogue: Pick<Catalogue, 'baseUrl'>, relative: string): string {
  return catalogue.baseUrl ? new URL(relative, catalogue.baseUrl.endsWith('/') ? catalogue.baseUrl : `${catalogue.baseUrl}/`).href : relative;
}

export function catalogueCsv(catalogue: Catalogue, dates: ReadonlyMap<string, ApiDates>): string {
  const rows = catalogue.apis.map((api) => {
    const date = dates.get(api.slug)!;
    const row: Record<(typeof GOVERNMENT_CATALOGUE_COLUMNS)[number], string> = {
      dateAdded: date.dateAdded,
      dateUpdated: date.dateUpdated,
      url: api.url ?? '',
      name: api.title,
      description: api.summary,
      documentation: addressOf(catalogue, `apis/${api.slug}/index.html`),
      license: api.license ?? '',
      maintainer: maintainerOf(api),
      areaServed: api.areaServed ?? '',
      startDate: api.startDate ?? '',
      endDate: api.endDate ?? '',
      provider: api.provider ?? '',
    };
    return GOVERNMENT_CATALOGUE_COLUMNS.map((column) => neutralised(row[column]));
  });
  return toCsv([[...GOVERNMENT_CATALOGUE_COLUMNS], ...rows], { record_delimiter: 'unix' });
}

/** The team to contact: an email address when the blueprint gives one (the government catalogue asks for a team address). */
function maintainerOf(api: CatalogueApi): string {
  if (!api.owner) return '';
  return api.owner.email ?? api.owner.url ?? ownerLabel(api.owner);
}

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or
 * carriage return first) gets a leading apostrophe (OWASP's advice on CSV
 * injection): blueprints are untrusted and catalogue.csv is opened in spreadsheets.
 */
export function neutralised(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function catalogueJson(catalogue: Catalogue, dates: ReadonlyMap<string, ApiDates>, hashes: ReadonlyMap<string, string>): string {
  const data = {
    ...catalogue,
    apis: catalogue.apis.map((api) => ({
      ...api,
      ...dates.get(api.slug),
      blueprintHash: hashes.get(api.slug),
      documentation: addressOf(catalogue, `apis/${api.slug}/index.html`),
      // Findings are in each version's findings.json; the list here would repeat them.
      versions: api.versions.map(({ findings: _findings, sourceFile: _sourceFile, ...version }) => version),
      source: api.source.kind === 'service' ? { kind: 'service', service: api.source.service } : { kind: 'blueprint', files: api.source.files.length },
    })),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}

/**
 * Backstage entities (https://backstage.io/docs/features/software-catalog/descriptor-format#kind-api):
 * `<slug>-<version>`, lifecycle `production` or `deprecated`, the owner from
 * info.contact, and the definition read from the version's openapi.yaml beside it.
 */
export function backstageEntities(catalogue: Catalogue, api: CatalogueApi): string {
  const owner = api.owner ? entityName(ownerLabel(api.owner)) : 'unknown';
  const documents = api.versions.map((version) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: entityName(`${api.slug}-${version.key}`),
      title: `${api.title} ${version.key}`,
      ...(api.summary ? { description: api.summary } : {}),
      tags: [version.key, api.audience],
      links: [{ url: addressOf(catalogue, `apis/${api.slug}/${version.key}/index.html`), title: 'Catalogue page' }],
    },
    spec: {
      type: 'openapi',
      lifecycle: version.lifecycle === 'live' ? 'production' : 'deprecated',
      owner,
      definition: { $text: `./${version.key}/openapi.yaml` },
    },
  }));
  return documents.map((document) => toYaml(document, { lineWidth: 0 })).join('---\n');
}

/** A Backstage entity name: letters, digits and `-_.` between alphanumerics, at most 63 characters. */
export function entityName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return name || 'unnamed';
}
