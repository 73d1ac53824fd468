/**
 * What the catalogue says about an API, decided before any page is drawn:
 * facts read from blueprints (odd shapes included), maturity levels with their
 * reasons, the exports' formats, and the escaping of what a blueprint gives.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { parseAllDocuments } from 'yaml';
import { firstParagraph, versionFacts } from '../../src/catalogue/api-facts.js';
import { slugFor } from '../../src/catalogue/describe-api.js';
import { backstageEntities, catalogueCsv, entityName, GOVERNMENT_CATALOGUE_COLUMNS, neutralised } from '../../src/catalogue/exports.js';
import { maturityOf, type MaturityInputs } from '../../src/catalogue/maturity.js';
import { scriptJson } from '../../src/catalogue/pages.js';
import type { Catalogue, CatalogueApi, CatalogueVersion } from '../../src/catalogue/types.js';
import { safeHref } from '../../src/catalogue/views.js';

const operation = (summary: string) => ({ summary, responses: { '200': { description: 'ok' } } });

test('facts: owner, audience, lifecycle, sunset, servers and operations come from the blueprint', () => {
  const facts = versionFacts({
    openapi: '3.1.0',
    info: {
      title: ' Parking ',
      version: '2.1.0',
      description: 'First.\n\nSecond.',
      contact: { name: 'Parking team', email: 'p@example.gov.uk' },
      'x-audience': 'external',
      'x-deprecated': true,
      'x-sunset': '2027-01-31',
      license: { name: 'MIT' },
    },
    servers: [{ url: 'https://a.example/v2' }, { description: 'no url' }, 'not an object'],
    paths: { '/permits': { get: operation('List permits'), post: { description: 'Create one.\n\nMore.' }, parameters: [] }, '/odd': 'not a path item' },
  });
  assert.equal(facts.title, 'Parking');
  assert.equal(facts.apiVersion, '2.1.0');
  assert.deepEqual(facts.owner, { name: 'Parking team', email: 'p@example.gov.uk', url: null });
  assert.equal(facts.audience, 'external');
  assert.equal(facts.lifecycle, 'deprecated');
  assert.equal(facts.sunset, '2027-01-31');
  assert.deepEqual(facts.servers, ['https://a.example/v2']);
  assert.equal(facts.license, 'MIT');
  assert.deepEqual(
    facts.operations.map((op) => `${op.method} ${op.path} ${op.summary}`),
    ['GET /permits List permits', 'POST /permits Create one.'],
  );
});

test('facts: a document of the wrong shapes gives defaults, never a crash', () => {
  const facts = versionFacts({ openapi: 3, info: { title: ['x'], contact: 'someone', version: 1 }, paths: [], components: { securitySchemes: 'none' } });
  assert.equal(facts.title, 'Untitled API');
  assert.equal(facts.apiVersion, '1');
  assert.equal(facts.owner, null);
  assert.equal(facts.audience, 'unstated');
  assert.equal(facts.lifecycle, 'live');
  assert.deepEqual(facts.authentication, []);
  assert.deepEqual(facts.operations, []);
});

test('facts: authentication lists the schemes operations require, as people name them', () => {
  const facts = versionFacts({
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    security: [{ cc: ['read'] }],
    paths: {
      '/a': { get: operation('a') },
      '/b': { get: { ...operation('b'), security: [{ key: [] }, { oidc: [] }] } },
      '/c': { get: { ...operation('c'), security: [] } },
    },
    components: {
      securitySchemes: {
        cc: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://login.example/token', scopes: { read: 'Read' } } } },
        key: { type: 'apiKey', in: 'header', name: 'Ocp-Apim-Subscription-Key' },
        oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://login.example/.well-known/openid-configuration' },
        unused: { type: 'http', scheme: 'basic' },
      },
    },
  });
  assert.deepEqual(
    facts.authentication.map((method) => [method.kind, method.label, method.url, method.scopes]),
    [
      ['oauth2-client-credentials', 'OAuth 2.0 client credentials', 'https://login.example/token', ['read']],
      ['subscription-key', 'Subscription key in the Ocp-Apim-Subscription-Key header', null, []],
      ['openid-connect', 'OpenID Connect', 'https://login.example/.well-known/openid-configuration', []],
    ],
  );
});

test('the first paragraph of a description is one line, cut at a word with an ellipsis when long', () => {
  assert.equal(firstParagraph('One\nline.\n\nTwo.'), 'One line.');
  const long = firstParagraph('word '.repeat(100), 50);
  assert.equal(long.length, 50);
  assert.ok(long.endsWith('…'));
});

function version(overrides: Partial<CatalogueVersion> = {}): CatalogueVersion {
  return {
    key: 'v1',
    apiVersion: '1.0.0',
    openapi: '3.0.3',
    lifecycle: 'live',
    sunset: null,
    servers: [],
    authentication: [],
    operations: [{ method: 'GET', path: '/a', summary: 'A', operationId: null, deprecated: false }],
    conformance: { level: 'conforms', errors: 0, warnings: 0, infos: 0, byRule: [] },
    findings: [],
    sourceFile: '/x.yaml',
    ...overrides,
  };
}

const oauth = { scheme: 'cc', kind: 'oauth2-client-credentials' as const, label: 'OAuth 2.0 client credentials', url: null, scopes: [] };
const inStep = {
  inStep: true,
  generator: { recorded: '1', current: '1', behind: false },
  templates: { recorded: '1', current: '1', behind: false },
  playbook: { recorded: 'p', current: 'p', changed: false },
  reasons: [],
};

function maturity(overrides: Partial<MaturityInputs>) {
  return maturityOf({
    newest: version(),
    description: 'd',
    owner: { name: 'Team', email: null, url: null },
    audience: 'external',
    authentication: [oauth],
    drift: inStep,
    baseUrl: 'https://apis.example.gov.uk/',
    ...overrides,
  });
}

test('maturity: level 3 needs every criterion; each level missing says why', () => {
  assert.equal(maturity({}).level, 3);
  assert.ok(maturity({}).criteria.every((criterion) => criterion.met));

  const internal = maturity({ audience: 'internal' });
  assert.equal(internal.level, 2);
  assert.match(internal.criteria.find((c) => c.id === 'external-access')!.reason, /x-audience: internal/);

  const noOauth = maturity({ authentication: [{ ...oauth, kind: 'subscription-key', label: 'Subscription key in the K header' }] });
  assert.equal(noOauth.level, 1);
  assert.match(noOauth.criteria.find((c) => c.id === 'oauth')!.reason, /Subscription key in the K header, not OAuth/);

  const undocumented = maturity({
    description: '',
    owner: null,
    newest: version({ operations: [{ method: 'GET', path: '/a', summary: '', operationId: null, deprecated: false }] }),
  });
  assert.equal(undocumented.level, 1);
  assert.match(
    undocumented.criteria.find((c) => c.id === 'documented')!.reason,
    /a description \(info.description\), an owner \(info.contact\), a summary for 1 operation/,
  );

  const blueprintOnly = maturity({ drift: null });
  assert.equal(blueprintOnly.level, 2);
  assert.match(blueprintOnly.criteria.find((c) => c.id === 'generated-docs')!.reason, /no service serves documentation/);

  const drifted = maturity({ drift: { ...inStep, inStep: false, reasons: ['template set 1.0.0; 2.0.0 is current'] } });
  assert.equal(drifted.level, 2);
  assert.match(drifted.criteria.find((c) => c.id === 'generated-docs')!.reason, /has drifted: template set 1.0.0; 2.0.0 is current/);

  assert.match(maturity({ baseUrl: null }).criteria.find((c) => c.id === 'published')!.reason, /--base-url/);
});

function api(overrides: Partial<CatalogueApi> = {}): CatalogueApi {
  return {
    slug: 'parking',
    title: 'Parking',
    description: 'Permits.',
    summary: 'Permits.',
    owner: { name: 'Parking team', email: 'parking@example.gov.uk', url: null },
    audience: 'external',
    authentication: [],
    versions: [version(), version({ key: 'v2', apiVersion: '2.0.0', lifecycle: 'deprecated' })],
    lifecycle: 'live',
    conformance: version().conformance,
    source: { kind: 'blueprint', files: ['/x.yaml'] },
    drift: null,
    maturity: { level: 1, criteria: [] },
    changelogs: [],
    license: 'OGL-UK-3.0',
    areaServed: 'Exampleshire',
    provider: 'Example Council',
    url: 'https://api.example.gov.uk/parking',
    startDate: null,
    endDate: null,
    ...overrides,
  };
}

const catalogue = (apis: CatalogueApi[], baseUrl: string | null = 'https://apis.example.gov.uk/portal'): Catalogue => ({
  title: 'APIs',
  builtAt: '2026-01-02T03:04:05.000Z',
  generator: { name: 'generator-design-first', version: '0.1.0' },
  playbook: { name: 'the built-in playbook', hash: 'x' },
  baseUrl,
  apis,
});

test("catalogue.csv: the government catalogue's columns, one row per API, absolute documentation links, formulas neutralised", () => {
  const hostile = api({
    slug: 'sums',
    title: '=HYPERLINK("https://evil.example","click")',
    summary: '+1, "quoted", and\nnewline',
    owner: { name: '@team', email: null, url: null },
  });
  const text = catalogueCsv(
    catalogue([api(), hostile]),
    new Map([
      ['parking', { dateAdded: '2025-01-01', dateUpdated: '2026-01-02' }],
      ['sums', { dateAdded: '2026-01-02', dateUpdated: '2026-01-02' }],
    ]),
  );
  const rows = parseCsv(text, { columns: true }) as Array<Record<string, string>>;
  assert.deepEqual(Object.keys(rows[0]!), [...GOVERNMENT_CATALOGUE_COLUMNS]);
  assert.deepEqual(rows[0], {
    dateAdded: '2025-01-01',
    dateUpdated: '2026-01-02',
    url: 'https://api.example.gov.uk/parking',
    name: 'Parking',
    description: 'Permits.',
    documentation: 'https://apis.example.gov.uk/portal/apis/parking/index.html',
    license: 'OGL-UK-3.0',
    maintainer: 'parking@example.gov.uk',
    areaServed: 'Exampleshire',
    startDate: '',
    endDate: '',
    provider: 'Example Council',
  });
  assert.equal(rows[1]!.name, `'=HYPERLINK("https://evil.example","click")`);
  assert.equal(rows[1]!.description, `'+1, "quoted", and\nnewline`);
  assert.equal(rows[1]!.maintainer, "'@team");
  assert.equal(neutralised('-2'), "'-2");
  assert.equal(neutralised('plain'), 'plain');
});

test('Backstage: one API entity per version, names within the rules, lifecycle from the version, definition beside it', () => {
  const documents = parseAllDocuments(backstageEntities(catalogue([]), api())).map((document) => document.toJS() as Record<string, any>);
  assert.equal(documents.length, 2);
  for (const entity of documents) {
    assert.equal(entity.apiVersion, 'backstage.io/v1alpha1');
    assert.equal(entity.kind, 'API');
    assert.equal(entity.spec.type, 'openapi');
    assert.equal(entity.spec.owner, 'parking-team');
    assert.match(entity.metadata.name, /^[a-z0-9]+(?:[-_.][a-z0-9]+)*$/);
    assert.ok(entity.metadata.name.length <= 63);
  }
  assert.deepEqual(
    documents.map((entity) => [entity.metadata.name, entity.spec.lifecycle, entity.spec.definition.$text]),
    [
      ['parking-v1', 'production', './v1/openapi.yaml'],
      ['parking-v2', 'deprecated', './v2/openapi.yaml'],
    ],
  );
  assert.equal(entityName('  ---  '), 'unnamed');
  assert.equal(entityName('x'.repeat(80)).length, 63);
});

test('slugs: lower-case words joined by hyphens, unique, never empty', () => {
  const taken = new Set<string>();
  assert.equal(slugFor('Parking Permits API', taken), 'parking-permits-api');
  assert.equal(slugFor('Parking permits API!', taken), 'parking-permits-api-2');
  assert.equal(slugFor('../../etc', taken), 'etc');
  assert.equal(slugFor('日本語', taken), 'api');
  assert.equal(slugFor('Café', taken), 'cafe');
});

test('JSON inside a script element cannot close it, and parses back to the same value', () => {
  const value = { title: '</script><script>alert(1)</script>', note: '<!-- & \u2028 \u2029' };
  const text = scriptJson(value);
  assert.doesNotMatch(text, /<|>|&|\u2028|\u2029/);
  assert.deepEqual(JSON.parse(text), value);
});

test('only http(s) and mailto addresses become links', () => {
  assert.equal(safeHref('https://a.example/x'), 'https://a.example/x');
  assert.equal(safeHref('mailto:a@example.gov.uk'), 'mailto:a@example.gov.uk');
  assert.equal(safeHref('javascript:alert(1)'), null);
  assert.equal(safeHref(' JAVASCRIPT:alert(1)'), null);
  assert.equal(safeHref('data:text/html,x'), null);
  assert.equal(safeHref(null), null);
});
