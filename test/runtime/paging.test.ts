/**
 * Paging and links in generated services: the apprenticeships example
 * (PascalCase, OpenAPI `links`) and a fixture with `x-paging`, `x-page-size`,
 * `x-links`, OpenAPI links and a camelCase playbook. Handlers are replaced
 * with test code that returns items and a total, as a team would write them;
 * the services must type-check, pass their own generated tests, and answer
 * the envelope the playbook describes.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { runNew } from '../../src/cli/commands/new.js';
import { detectPaging } from '../../src/model/paging.js';
import { bin, captureIo, repoRoot, run, scratchFolder } from '../generate/helpers.js';

const fixtures = path.join(repoRoot, 'test/runtime/fixtures/paging');

let apprenticeships: string;
let library: string;
let libraryNotes: string[];
const apps: FastifyInstance[] = [];

/** 45 courses and 150 providers in Pascal case; 45 books (total known) and endless authors (no total) in camel case. */
const HANDLERS: Record<string, Record<string, string>> = {
  apprenticeships: {
    'src/handlers/v1/providers/listProviderCourses.ts': `
import type { Handlers } from '../../../generated/v1/handlers.js';

const courses = Array.from({ length: 45 }, (_, i) => ({ LarsCode: i + 1, Title: \`Course \${i + 1}\`, Level: 3 }));

export const listProviderCourses: Handlers['listProviderCourses'] = async (request) => {
  const { offset, limit } = request.paging;
  return { status: 200, items: courses.slice(offset, offset + limit), total: courses.length };
};
`,
    'src/handlers/v1/providers/listProviders.ts': `
import type { Handlers } from '../../../generated/v1/handlers.js';

const providers = Array.from({ length: 150 }, (_, i) => ({ Ukprn: 10000001 + i, Name: \`Provider \${i + 1}\`, Links: [] }));

export const listProviders: Handlers['listProviders'] = async (request) => {
  const { offset, limit } = request.paging;
  return { status: 200, items: providers.slice(offset, offset + limit), total: providers.length };
};
`,
  },
  library: {
    'src/handlers/v1/shelves/listShelfBooks.ts': `
import type { Handlers } from '../../../generated/v1/handlers.js';

const books = Array.from({ length: 45 }, (_, i) => ({ id: \`b\${i + 1}\`, title: \`Book \${i + 1}\` }));

export const listShelfBooks: Handlers['listShelfBooks'] = async (request) => {
  const { offset, limit } = request.paging;
  return { status: 200, items: books.slice(offset, offset + limit), total: books.length };
};
`,
    'src/handlers/v1/authors/listAuthors.ts': `
import type { Handlers } from '../../../generated/v1/handlers.js';

// No total: the collection's size is not known (or too costly to count).
export const listAuthors: Handlers['listAuthors'] = async (request) => {
  const { page, offset, pageSize } = request.paging;
  const count = page === null ? 3 : pageSize;
  return { status: 200, items: Array.from({ length: count }, (_, i) => ({ name: \`Author \${offset + i + 1}\` })) };
};
`,
  },
};

async function generate(label: string, blueprint: string, playbook?: string): Promise<{ service: string; notes: string[] }> {
  const service = path.join(await scratchFolder(`paging-${label}`), 'service');
  const io = captureIo();
  const code = await runNew({ blueprints: [blueprint], out: service, cwd: repoRoot, ...(playbook ? { playbook } : {}) }, io);
  assert.equal(code, 0, io.err.join('\n'));
  for (const [file, source] of Object.entries(HANDLERS[label]!)) await writeFile(path.join(service, file), source.trimStart());
  return { service, notes: io.err };
}

async function appOf(service: string): Promise<FastifyInstance> {
  const helpers = (await import(pathToFileURL(path.join(service, 'test/helpers.ts')).href)) as { testApp(): Promise<FastifyInstance> };
  const app = await helpers.testApp();
  apps.push(app);
  return app;
}

before(async () => {
  const [first, second] = await Promise.all([
    generate('apprenticeships', 'examples/apprenticeships/training-providers.yaml'),
    generate('library', path.join(fixtures, 'library.yaml'), path.join(fixtures, 'playbook.yaml')),
  ]);
  apprenticeships = first.service;
  library = second.service;
  libraryNotes = second.notes;
});

after(async () => {
  await Promise.all(apps.map((app) => app.close()));
});

type Envelope = Record<string, unknown>;

describe('the services with handlers that return items and a total', () => {
  test('type-check, and pass their own contract and paging tests', async () => {
    for (const service of [apprenticeships, library]) {
      const typecheck = await run(bin('tsc'), ['--noEmit', '-p', '.'], service);
      assert.equal(typecheck.code, 0, typecheck.stdout);
      const tests = await run(bin('tsx'), ['--test', 'test/contract.test.ts', 'test/paging.test.ts'], service);
      assert.equal(tests.code, 0, tests.stdout.slice(-3000));
      assert.match(tests.stdout, /# fail 0/);
    }
  });

  test('a paged handler that returns a body instead of items fails the type-check', async () => {
    const file = path.join(library, 'src/handlers/v1/authors/listAuthors.ts');
    const source = HANDLERS.library!['src/handlers/v1/authors/listAuthors.ts']!.trimStart();
    try {
      await writeFile(file, source.replace(/return \{ status: 200, items: .*\};/, 'return { status: 200, body: { page: 1, authors: [], links: [] } };'));
      const typecheck = await run(bin('tsc'), ['--noEmit', '-p', '.'], library);
      assert.notEqual(typecheck.code, 0);
      assert.match(typecheck.stdout, /src\/handlers\/v1\/authors\/listAuthors\.ts/);
    } finally {
      await writeFile(file, source);
    }
  });
});

describe('PascalCase envelope (apprenticeships example)', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await appOf(apprenticeships);
  });
  const courses = '/v1/providers/10012345/training-courses';
  const link = (Rel: string, Href: string) => ({ Rel, Href, Type: 'GET' });

  test('a page has Page, the items under the blueprint name, and Links keeping the other query parameters', async () => {
    const response = await app.inject(`${courses}?foo=a%20b&x=%26&page=2`);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as Envelope;
    assert.deepEqual(Object.keys(body), ['Page', 'TrainingCourses', 'Links']);
    assert.equal(body.Page, 2);
    const items = body.TrainingCourses as Array<{ LarsCode: number }>;
    assert.deepEqual(
      items.map((course) => course.LarsCode),
      Array.from({ length: 20 }, (_, i) => 21 + i),
    );
    const here = `${courses}?foo=a%20b&x=%26`;
    assert.deepEqual(body.Links, [
      link('self', `${here}&page=2`),
      link('first-page', `${here}&page=1`),
      link('prev-page', `${here}&page=1`),
      link('next-page', `${here}&page=3`),
      link('last-page', `${here}&page=3`),
      // Declared in the blueprint: an OpenAPI link to getProvider with ukprn from the request's path.
      link('training-provider', '/v1/providers/10012345'),
    ]);
  });

  test('the last page has no next-page link', async () => {
    const body = (await app.inject(`${courses}?page=3`)).json() as Envelope;
    assert.equal((body.TrainingCourses as unknown[]).length, 5);
    const rels = (body.Links as Array<{ Rel: string }>).map((l) => l.Rel);
    assert.deepEqual(rels, ['self', 'first-page', 'prev-page', 'last-page', 'training-provider']);
  });

  test('no page gives all results when there are few enough', async () => {
    const response = await app.inject(courses);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as Envelope;
    assert.equal(body.Page, 1);
    assert.equal((body.TrainingCourses as unknown[]).length, 45);
    assert.deepEqual(body.Links, [link('self', courses), link('training-provider', '/v1/providers/10012345')]);
  });

  test('no page with more results than the unpaged maximum answers 400: paging is mandatory', async () => {
    const response = await app.inject('/v1/providers');
    assert.equal(response.statusCode, 400);
    assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
    const body = response.json();
    assert.match(body.detail, /paging is mandatory: ask for \?page=1/);
    assert.match(body.detail, /not repeat/i);
    assert.deepEqual(
      body.errors.map((e: { in: string; pointer: string }) => [e.in, e.pointer]),
      [['query', '/page']],
    );
    const paged = (await app.inject('/v1/providers?page=8')).json() as Envelope;
    assert.equal((paged.Providers as unknown[]).length, 10);
    assert.deepEqual((paged.Links as Array<{ Rel: string; Href: string }>).find((l) => l.Rel === 'last-page')?.Href, '/v1/providers?page=8');
  });

  test('page=0 and page=abc answer 400 in the problem shape', async () => {
    for (const page of ['0', 'abc', '-2', '2.5', '']) {
      const response = await app.inject(`${courses}?page=${page}`);
      assert.equal(response.statusCode, 400, `page=${page}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      assert.equal(response.json().errors[0].pointer, '/page');
    }
  });
});

describe('camelCase envelope, x-page-size, x-links and OpenAPI links (fixture)', () => {
  let app: FastifyInstance;
  before(async () => {
    app = await appOf(library);
  });
  const link = (rel: string, href: string) => ({ rel, href, type: 'GET' });

  test('keys follow the playbook profile and the page size is the blueprint x-page-size', async () => {
    const response = await app.inject('/v1/shelves/7/books?genre=sci%20fi&page=2');
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as Envelope;
    assert.deepEqual(Object.keys(body), ['page', 'books', 'links']);
    assert.equal(body.page, 2);
    assert.deepEqual(
      (body.books as Array<{ id: string }>).map((book) => book.id),
      Array.from({ length: 10 }, (_, i) => `b${11 + i}`),
    );
    const here = '/v1/shelves/7/books?genre=sci%20fi';
    assert.deepEqual(body.links, [
      link('self', `${here}&page=2`),
      link('first-page', `${here}&page=1`),
      link('prev-page', `${here}&page=1`),
      link('next-page', `${here}&page=3`),
      link('last-page', `${here}&page=5`),
      // x-links on the response, in any key casing, with {shelfId} and {$request.query.genre}
      link('shelf', '/v1/shelves/7'),
      link('same-genre', '/v1/books?genre=sci%20fi'),
      // OpenAPI links: from the request's path, and from the envelope's first item
      link('shelf-detail', '/v1/shelves/7'),
      link('first-book', '/v1/books/b11'),
    ]);
  });

  test('a declared link whose value is missing is left out; one the generator cannot fill was reported', async () => {
    const body = (await app.inject('/v1/shelves/7/books?page=9')).json() as Envelope;
    assert.deepEqual(body.books, []);
    const rels = (body.links as Array<{ rel: string; href: string }>).map((l) => `${l.rel} ${l.href}`);
    // Past the end: prev-page goes to the last page; no first book, no genre.
    assert.deepEqual(rels, [
      'self /v1/shelves/7/books?page=9',
      'first-page /v1/shelves/7/books?page=1',
      'prev-page /v1/shelves/7/books?page=5',
      'last-page /v1/shelves/7/books?page=5',
      'shelf /v1/shelves/7',
      'shelf-detail /v1/shelves/7',
    ]);
    assert.ok(
      libraryNotes.some((note) => /links\/created-book: \$response\.header\.Location is not an expression/.test(note)),
      libraryNotes.join('\n'),
    );
  });

  test('no page with more than the playbook unpaged maximum answers 400: paging is mandatory', async () => {
    const response = await app.inject('/v1/shelves/7/books');
    assert.equal(response.statusCode, 400);
    assert.match(response.json().detail, /more than 30 results, so paging is mandatory: ask for \?page=1/);
  });

  test('x-paging without a declared page parameter: the playbook page size, links without a total', async () => {
    const response = await app.inject('/v1/authors?name=Le%20Guin&page=2');
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as Envelope;
    assert.deepEqual(Object.keys(body), ['page', 'authors', 'links']);
    assert.deepEqual(
      (body.authors as Array<{ name: string }>).map((a) => a.name),
      ['Author 6', 'Author 7', 'Author 8', 'Author 9', 'Author 10'],
    );
    const here = '/v1/authors?name=Le%20Guin';
    assert.deepEqual(body.links, [
      link('self', `${here}&page=2`),
      link('prev-page', `${here}&page=1`),
      // A full page and no total: there may be more.
      link('next-page', `${here}&page=3`),
      // x-links on the operation, an absolute URL with {name} from the query
      link('author-search', 'https://search.example.gov.uk/authors?q=Le%20Guin'),
    ]);
    const all = (await app.inject('/v1/authors')).json() as Envelope;
    assert.equal(all.page, 1);
    assert.deepEqual(all.links, [link('self', '/v1/authors')]);
  });

  test('the platform checks page when the blueprint does not declare it', async () => {
    for (const query of ['page=abc', 'page=0', 'page=1&page=2', 'page=', 'page=99999999999999999']) {
      const response = await app.inject(`/v1/authors?${query}`);
      assert.equal(response.statusCode, 400, `${query}: ${response.body}`);
      const body = response.json();
      assert.match(body.detail, /page/);
      assert.match(body.detail, /not repeat/i);
      assert.deepEqual(body.errors, [{ in: 'query', pointer: '/page', detail: body.errors[0].detail }]);
    }
    assert.equal((await app.inject('/v1/authors?page=007')).json().page, 7);
  });
});

describe('detectPaging (the model)', () => {
  const document = {
    paths: {
      '/items': {
        get: { operationId: 'listItems', responses: { '200': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Page' } } } } } },
      },
      '/items/{itemId}/parts': {
        parameters: [{ name: 'itemId', in: 'path', required: true }],
        get: {
          operationId: 'listParts',
          parameters: [
            { name: 'sort', in: 'query' },
            { name: 'colour', in: 'query' },
          ],
        },
      },
    },
    components: {
      schemas: {
        Page: {
          allOf: [
            { type: 'object', properties: { Links: { type: 'array', items: {} }, Items: { type: 'array', items: { $ref: '#/components/schemas/Item' } } } },
          ],
        },
        Item: { type: 'object', properties: { Id: { type: 'string' } } },
      },
    },
  };
  const input = (operation: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
    document,
    method: 'get',
    operation,
    pointer: '/paths/~1items/get',
    queryParameterNames: ['page'],
    pathParams: [] as Array<[string, string]>,
    successStatus: 200,
    successSchema: { $ref: '#/components/schemas/Page' },
    envelope: { page: 'Page', links: 'Links', rel: 'Rel', href: 'Href', type: 'Type' },
    defaultPageSize: 20,
    unpagedMaximum: 100,
    types: { document, typeNameOf: (name: string) => name },
    notes: [] as string[],
    servedPath: (blueprintPath: string) => blueprintPath,
    ...overrides,
  });

  test('finds the items through $ref and allOf, skipping the links array, and types them', () => {
    const found = detectPaging(input({ responses: { '200': {} }, 'x-page-size': 7 }));
    assert.equal(found?.route.itemsKey, 'Items');
    assert.equal(found?.route.pageSize, 7);
    assert.deepEqual(found?.model, { status: 200, itemType: { kind: 'ref', name: 'Item' } });
  });

  test('does not page without a page parameter or x-paging, with x-paging: false, or for a 2XX answer', () => {
    assert.equal(detectPaging(input({ responses: { '200': {} } }, { queryParameterNames: [] })), null);
    assert.equal(detectPaging(input({ responses: { '200': {} }, 'x-paging': false })), null);
    assert.equal(detectPaging(input({ responses: { '2XX': {} } })), null);
    assert.notEqual(detectPaging(input({ responses: { '200': {} }, 'x-paging': true }, { method: 'post', queryParameterNames: [] })), null);
  });

  test('OpenAPI links: operationRef, constants, qualified names and the target query parameters', () => {
    const links = {
      parts: {
        operationRef: '#/paths/~1items~1{itemId}~1parts/get',
        parameters: { 'path.itemId': '$response.body#/Items/0/Id', sort: 'name', 'query.colour': '$request.query.colour', 'header.x': 'ignored' },
      },
      nowhere: { operationId: 'noSuchOperation' },
      incomplete: { operationId: 'listParts', parameters: { sort: 'name' } },
    };
    const notes: string[] = [];
    const found = detectPaging(input({ responses: { '200': { links } } }, { notes }));
    assert.deepEqual(found?.route.links, [
      {
        rel: 'parts',
        type: 'GET',
        absolute: false,
        href: ['/items/', { in: 'body', pointer: '/Items/0/Id' }, '/parts'],
        query: [
          ['sort', { in: 'constant', value: 'name' }],
          ['colour', { in: 'query', name: 'colour' }],
        ],
      },
    ]);
    assert.equal(notes.length, 2);
    assert.match(notes[0]!, /links\/nowhere: no operation has operationId "noSuchOperation"; the link is left out/);
    assert.match(notes[1]!, /links\/incomplete: no value for the target's path parameter "itemId"/);
  });

  test('x-links: placeholders name parameters of the operation; anything else is noted and left out', () => {
    const notes: string[] = [];
    const found = detectPaging(
      input(
        {
          responses: { '200': {} },
          'x-links': [
            { REL: 'owner', HREF: 'owners/{ownerId}' },
            { rel: 'bad', href: '/x/{nothing}' },
            { rel: 'no-href' },
            { rel: 'expr', href: '/y?z={$url}' },
          ],
        },
        {
          notes,
          pathParams: [
            ['ownerId', 'owner-id'],
            ['ownerId2', 'ownerId'],
          ],
        },
      ),
    );
    assert.deepEqual(found?.route.links, [{ rel: 'owner', type: 'GET', absolute: false, href: ['/owners/', { in: 'path', name: 'ownerId2' }], query: [] }]);
    assert.equal(notes.length, 3);
    assert.match(notes[0]!, /x-links\/1: \{nothing\} is neither a path nor a query parameter/);
    assert.match(notes[1]!, /x-links\/2: a link needs rel and href/);
    assert.match(notes[2]!, /x-links\/3: \$url is not an expression design-first fills in/);
  });
});
