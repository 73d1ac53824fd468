/**
 * The catalogue's HTML pages: each function turns catalogue data into the
 * context its template prints (views.ts decides the labels) and renders it.
 * Links are relative, with explicit `index.html`, so the catalogue works from
 * the file system as well as from any static host.
 */
import type { Change } from '../diff/index.js';
import { renderPage } from './nunjucks-env.js';
import type { Catalogue, CatalogueApi, CatalogueVersion } from './types.js';
import {
  AUDIENCE_LABELS,
  authLabel,
  conformanceTag,
  driftTag,
  lifecycleTag,
  maturityTag,
  ownerHref,
  ownerLabel,
  paragraphs,
  plural,
  safeHref,
  versionFolder,
  type Tag,
} from './views.js';

/** How many findings and changes a page lists before pointing at the full file (keeps every page small). */
export const FINDINGS_ON_PAGE = 50;
export const CHANGES_ON_PAGE = 100;

interface Cell {
  text: string;
  href?: string | null;
  tag?: Tag;
  code?: boolean;
  lines?: Array<{ text: string; href?: string | null }>;
}

function common(catalogue: Catalogue, root: string) {
  return {
    root,
    catalogue: { ...catalogue, builtAtText: `${catalogue.builtAt.slice(0, 16).replace('T', ' at ')} UTC` },
  };
}

const SEVERITY_TAGS: Record<string, string> = {
  error: 'govuk-tag--red',
  warning: 'govuk-tag--yellow',
  info: 'govuk-tag--grey',
  breaking: 'govuk-tag--red',
};

export function indexPage(catalogue: Catalogue): string {
  const apis = catalogue.apis;
  const owners = [...new Set(apis.map((api) => ownerLabel(api.owner)))].sort((a, b) => a.localeCompare(b));
  const services = apis.filter((api) => api.source.kind === 'service').length;
  const option = (value: string, text: string) => ({ value, text });
  return renderPage('index.njk', {
    ...common(catalogue, ''),
    pageTitle: catalogue.title,
    section: 'apis',
    lead: leadText(apis.length, services),
    filters: [
      {
        name: 'audience',
        label: 'Audience',
        items: [option('', 'Any'), option('internal', 'Internal'), option('external', 'External'), option('unstated', 'Not stated')],
      },
      { name: 'owner', label: 'Owner', items: [option('', 'Any'), ...owners.map((owner) => option(ownerKey(owner), owner))] },
      { name: 'lifecycle', label: 'Lifecycle', items: [option('', 'Any'), option('live', 'Live'), option('deprecated', 'Deprecated')] },
      {
        name: 'conformance',
        label: 'Conformance',
        items: [option('', 'Any'), option('conforms', 'Conforms'), option('warnings', 'Warnings only'), option('errors', 'Errors')],
      },
    ],
    apis: apis.map((api) => ({
      title: api.title,
      href: `apis/${api.slug}/index.html`,
      summary: api.summary,
      owner: ownerLabel(api.owner),
      ownerKey: ownerKey(ownerLabel(api.owner)),
      audience: api.audience,
      audienceLabel: AUDIENCE_LABELS[api.audience],
      auth: authLabel(api.authentication),
      lifecycles: [...new Set(api.versions.map((version) => version.lifecycle))].join(' '),
      versions: api.versions.map((version) => ({
        key: version.key,
        apiVersion: version.apiVersion,
        href: `${versionFolder(api, version)}/index.html`,
        lifecycle: lifecycleTag(version),
      })),
      conformance: api.conformance.level,
      conformanceTag: conformanceTag(api.conformance),
      // Two services may serve APIs of one title; the service's name tells them apart.
      service: api.source.kind === 'service' ? api.source.service : null,
      driftTag: driftTag(api.drift),
      driftReasons: api.drift?.reasons ?? [],
      maturityTag: maturityTag(api.maturity),
      maturityReason: maturitySentence(api),
    })),
  });
}

function leadText(apis: number, services: number): string {
  if (apis === 0) return 'No APIs yet.';
  if (services === apis) return `${plural(apis, 'API')}, each served by a service that design-first generated.`;
  if (services === 0) return `${plural(apis, 'API')}, each described by a blueprint.`;
  return `${plural(apis, 'API')}: ${services} served by ${services === 1 ? 'a service' : 'services'} that design-first generated, ${apis - services} described by a blueprint alone.`;
}

/** A filter value for an owner: the label without spaces (data attributes are matched word by word). */
function ownerKey(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9@.]+/g, '-');
}

/** Why the API is not one level higher (or that it meets every criterion). */
function maturitySentence(api: CatalogueApi): string {
  const missing = api.maturity.criteria.filter((criterion) => criterion.level === api.maturity.level + 1 && !criterion.met);
  if (missing.length === 0) return 'meets every criterion';
  return `not level ${api.maturity.level + 1}: ${missing.map((criterion) => criterion.reason).join('; ')}`;
}

export function apiPage(catalogue: Catalogue, api: CatalogueApi): string {
  const root = '../../';
  const facts: Array<Cell & { key: string }> = [
    { key: 'Owner', text: ownerLabel(api.owner), href: ownerHref(api.owner) },
    { key: 'Audience', text: AUDIENCE_LABELS[api.audience] },
    { key: 'Authentication', text: authLabel(api.authentication) },
    { key: 'Conformance', text: `against ${catalogue.playbook.name}, over every version`, tag: conformanceTag(api.conformance) },
  ];
  if (api.drift) {
    facts.push({
      key: 'Templates and playbook',
      text: api.drift.inStep ? 'the service is in step with the current templates and playbook' : '',
      tag: driftTag(api.drift)!,
      lines: api.drift.reasons.map((text) => ({ text })),
    });
  }
  if (api.url) facts.push({ key: 'Address', text: api.url, code: true });
  if (api.license) facts.push({ key: 'Licence', text: api.license });
  facts.push({
    key: 'Source',
    text: api.source.kind === 'service' ? `the service ${api.source.service}` : `${plural(api.source.files.length, 'blueprint')} without a service`,
  });
  facts.push({ key: 'Backstage', text: 'catalog-info.yaml', href: 'catalog-info.yaml' });
  return renderPage('api.njk', {
    ...common(catalogue, root),
    pageTitle: api.title,
    section: 'apis',
    breadcrumbs: [{ text: 'APIs', href: `${root}index.html` }, { text: api.title }],
    api: {
      title: api.title,
      caption: api.source.kind === 'service' ? `Service ${api.source.service}` : 'API',
      paragraphs: paragraphs(api.description),
      facts,
      versionRows: api.versions.map((version): Cell[] => [
        { text: `${version.key} (${version.apiVersion})`, href: `${version.key}/index.html` },
        { text: '', tag: lifecycleTag(version) },
        { text: '', tag: conformanceTag(version.conformance) },
        {
          text: 'Reference',
          href: `${version.key}/reference.html`,
          lines: [
            { text: 'openapi.json', href: `${version.key}/openapi.json` },
            { text: 'openapi.yaml', href: `${version.key}/openapi.yaml` },
          ],
        },
      ]),
      maturityLevel: api.maturity.level,
      maturityRows: api.maturity.criteria.map((criterion): Cell[] => [
        { text: CRITERION_NAMES[criterion.id] },
        { text: String(criterion.level) },
        { text: '', tag: criterion.met ? { text: 'Met', classes: 'govuk-tag--green' } : { text: 'Not met', classes: 'govuk-tag--grey' } },
        { text: criterion.reason },
      ]),
      changelogs: api.changelogs.map((log) => ({
        from: log.from,
        to: log.to,
        countsText: changeCounts(log.counts),
        markdownHref: changelogFile(log.from, log.to),
        items: log.changes.slice(0, CHANGES_ON_PAGE).map(changeItem),
        more: Math.max(0, log.changes.length - CHANGES_ON_PAGE),
      })),
    },
  });
}

export const CRITERION_NAMES: Record<CatalogueApi['maturity']['criteria'][number]['id'], string> = {
  'openapi-3': 'Documented with OpenAPI 3',
  documented: 'Fully documented',
  oauth: 'OAuth',
  'external-access': 'External access',
  published: 'Published to a catalogue',
  'generated-docs': 'Documentation generated from the blueprint',
};

/** The changelog's Markdown file, beside the API page. */
export const changelogFile = (from: string, to: string): string => `changes-${from}-${to}.md`;

function changeItem(change: Change) {
  return { tag: { text: change.severity, classes: SEVERITY_TAGS[change.severity] ?? 'govuk-tag--grey' }, message: change.message };
}

function changeCounts(counts: { breaking: number; warning: number; info: number }): string {
  const total = counts.breaking + counts.warning + counts.info;
  if (total === 0) return 'No changes to the contract';
  return `${plural(total, 'change')}: ${counts.breaking} breaking, ${plural(counts.warning, 'warning')}, ${counts.info} other`;
}

export function versionPage(catalogue: Catalogue, api: CatalogueApi, version: CatalogueVersion, bundled: boolean): string {
  const root = '../../../';
  const index = api.versions.indexOf(version);
  const previous = index > 0 ? api.versions[index - 1] : undefined;
  const changes = previous ? api.changelogs.find((log) => log.from === previous.key && log.to === version.key) : undefined;
  const shown = version.findings.slice(0, FINDINGS_ON_PAGE);
  const facts: Array<Cell & { key: string }> = [
    { key: 'Version', text: version.apiVersion },
    { key: 'OpenAPI', text: version.openapi },
    { key: 'Servers', text: version.servers[0] ?? 'None stated', code: version.servers.length > 0, lines: version.servers.slice(1).map((text) => ({ text })) },
    { key: 'Audience', text: AUDIENCE_LABELS[api.audience] },
    ...authenticationFacts(version),
  ];
  return renderPage('version.njk', {
    ...common(catalogue, root),
    pageTitle: `${api.title} ${version.key}`,
    section: 'apis',
    breadcrumbs: [{ text: 'APIs', href: `${root}index.html` }, { text: api.title, href: '../index.html' }, { text: version.key }],
    api: { title: api.title },
    version: {
      key: version.key,
      apiVersion: version.apiVersion,
      bundled,
      lifecycleTag: lifecycleTag(version),
      warning:
        version.lifecycle === 'deprecated'
          ? `This version is deprecated${version.sunset ? ` and will be switched off on ${version.sunset}` : ''}. Move to ${api.versions.find((other) => other.lifecycle === 'live')?.key ?? 'a later version'}.`
          : null,
      facts,
      operationsCaption: plural(version.operations.length, 'operation'),
      operations: version.operations.map((operation) => ({
        method: operation.method,
        path: operation.path,
        summary: operation.deprecated ? `${operation.summary || '(no summary)'} (deprecated)` : operation.summary,
      })),
      conformanceTag: conformanceTag(version.conformance),
      ruleRows: version.conformance.byRule.map((entry): Cell[] => [{ text: entry.rule }, { text: entry.severity }, { text: String(entry.count) }]),
      findingsHeading:
        version.findings.length > shown.length
          ? `The first ${shown.length} of ${version.findings.length} findings (all are in findings.json)`
          : plural(version.findings.length, 'finding'),
      findings: shown.map((finding) => ({
        tag: { text: finding.severity, classes: SEVERITY_TAGS[finding.severity] ?? 'govuk-tag--grey' },
        line: finding.line,
        pointer: finding.pointer,
        message: finding.message,
        rule: finding.rule,
      })),
      changes:
        changes && previous
          ? { from: previous.key, countsText: changeCounts(changes.counts), href: `../index.html#changes-${previous.key}-${version.key}` }
          : null,
    },
  });
}

function authenticationFacts(version: CatalogueVersion): Array<Cell & { key: string }> {
  if (version.authentication.length === 0) return [{ key: 'Authentication', text: authLabel([]) }];
  return version.authentication.map((method) => ({
    key: version.authentication.length === 1 ? 'Authentication' : `Authentication (${method.scheme})`,
    text: method.label,
    lines: [
      ...(method.url ? [{ text: method.url, href: safeHref(method.url) }] : []),
      ...(method.scopes.length > 0 ? [{ text: `Scopes: ${method.scopes.join(', ')}` }] : []),
    ],
  }));
}

/** Redoc's options: untrusted blueprints, GOV.UK's colours and the system font, nothing fetched. */
const REDOC_OPTIONS = JSON.stringify({
  untrustedSpec: true,
  hideDownloadButton: true,
  jsonSampleExpandLevel: 2,
  theme: {
    colors: { primary: { main: '#003078' } },
    typography: {
      fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif',
      headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif' },
      code: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
    },
  },
});

export function referencePage(catalogue: Catalogue, api: CatalogueApi, version: CatalogueVersion, document: unknown): string {
  return renderPage('reference.njk', {
    ...common(catalogue, '../../../'),
    api: { title: api.title },
    version: { key: version.key },
    redocOptions: REDOC_OPTIONS,
    blueprintJson: scriptJson(withoutExternalLogo(document)),
  });
}

/**
 * JSON that is safe inside a `<script type="application/json">` element: `<`,
 * `>` and `&` as \u escapes, so no `</script>` or `<!--` in a blueprint ends it.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `info.x-logo` would make Redoc fetch an image from wherever the blueprint says: left out. */
function withoutExternalLogo(document: unknown): unknown {
  const root = document as { info?: Record<string, unknown> } | null;
  if (!root?.info || !Object.hasOwn(root.info, 'x-logo')) return document;
  const { 'x-logo': _logo, ...info } = root.info;
  return { ...root, info };
}

export function downloadsPage(catalogue: Catalogue): string {
  return renderPage('downloads.njk', {
    ...common(catalogue, ''),
    pageTitle: 'Downloads',
    section: 'downloads',
    apis: catalogue.apis.map((api) => ({ title: api.title, href: `apis/${api.slug}/catalog-info.yaml` })),
  });
}

export function aboutPage(catalogue: Catalogue): string {
  return renderPage('about.njk', {
    ...common(catalogue, ''),
    pageTitle: 'About this catalogue',
    section: 'about',
    criteria: Object.entries(CRITERION_NAMES).map(([id, name]) => ({ id, name })),
  });
}
