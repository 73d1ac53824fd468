/**
 * Response serialisation, in-process: the one-pass writer
 * (templates/service/src/platform/serialize.ts) beside the projection +
 * JSON.stringify it replaced (test/model/fixtures/serialize-before.ts) and
 * fast-json-stringify (what a hand-written Fastify route uses), on the pets
 * collection body GET /v1/pets answers and on larger bodies. Both serialisers
 * run in the same process, taking turns, so a busy machine slows both alike.
 *
 *   npx tsx bench/serialize.ts [--rounds N]
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { flag, isMain, table } from './support.js';

type Serializer = (value: unknown) => string | undefined;
interface Compiler {
  compile(schema: unknown): (value: unknown) => unknown;
}
type CompilerClass<T> = new (documents: Map<string, Record<string, unknown>>) => T;
const load = async (relative: string) => import(pathToFileURL(fileURLToPath(new URL(relative, import.meta.url))).href);

const ID = 'urn:design-first:v1:response';
const ref = (name: string) => ({ $ref: `${ID}#/$defs/${name}` });
// The pets blueprint's response definitions (examples/pets/service, v1), and a composed schema as real blueprints write them.
const defs: Record<string, unknown> = {
  Species: { type: 'string', enum: ['cat', 'dog', 'rabbit', 'tortoise'] },
  Pet: {
    type: 'object',
    properties: {
      Id: { type: 'string', format: 'uuid' },
      Name: { type: 'string' },
      Species: ref('Species'),
      DateOfBirth: { type: ['string', 'null'], format: 'date' },
      RegisteredAt: { type: 'string', format: 'date-time' },
    },
    required: ['Id', 'Name', 'Species', 'RegisteredAt'],
  },
  PetCollection: {
    type: 'object',
    properties: { Page: { type: 'integer', format: 'int32' }, Pets: { type: 'array', items: ref('Pet') }, Links: { type: 'array', items: ref('Link') } },
    required: ['Page', 'Pets', 'Links'],
  },
  Link: {
    type: 'object',
    properties: { Rel: { type: 'string' }, Href: { type: 'string' }, Type: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] } },
    required: ['Rel', 'Href', 'Type'],
  },
  Owned: {
    allOf: [ref('Pet'), { type: 'object', properties: { Owner: { type: 'object', properties: { Name: { type: 'string' }, Email: { type: 'string' } } } } }],
  },
  OwnedCollection: { type: 'object', properties: { Page: { type: 'integer' }, Pets: { type: 'array', items: ref('Owned') } } },
};

const pet = (index: number) => ({
  Id: `5b0a5e36-6a0c-4f0e-9d7c-2b0f8f1f3c${String(index % 100).padStart(2, '0')}`,
  Name: `Tibbles ${index}`,
  Species: 'cat',
  DateOfBirth: '2019-04-01',
  RegisteredAt: '2024-01-31T09:30:00Z',
});
const links = [{ Rel: 'self', Href: '/v1/pets?page=1', Type: 'GET' }];

const CASES: Array<{ name: string; schema: string; body: unknown }> = [
  { name: 'pets collection (the mock answer of GET /v1/pets)', schema: 'PetCollection', body: { Page: 1, Pets: [pet(0)], Links: links } },
  {
    name: '100 pets, an undeclared property on each',
    schema: 'PetCollection',
    body: { Page: 1, Pets: Array.from({ length: 100 }, (_, index) => ({ ...pet(index), internal: index })), Links: links },
  },
  {
    name: '100 pets, RegisteredAt a Date',
    schema: 'PetCollection',
    body: { Page: 1, Pets: Array.from({ length: 100 }, (_, index) => ({ ...pet(index), RegisteredAt: new Date(1_700_000_000_000 + index) })), Links: links },
  },
  {
    name: '100 pets through allOf (Pet + Owner)',
    schema: 'OwnedCollection',
    body: { Page: 1, Pets: Array.from({ length: 100 }, (_, index) => ({ ...pet(index), Owner: { Name: 'A', Email: 'a@example.org', Password: 'x' } })) },
  },
];

/** Nanoseconds per call: the fastest of a few timed batches. */
function time(run: () => unknown, budgetMs = 300): number {
  let calls = 1;
  for (let start = performance.now(); performance.now() - start < 20; calls *= 2) for (let index = 0; index < calls; index++) run();
  let best = Infinity;
  for (const deadline = performance.now() + budgetMs; performance.now() < deadline; ) {
    const start = process.hrtime.bigint();
    for (let index = 0; index < calls; index++) run();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / calls);
  }
  return best;
}

async function main(): Promise<void> {
  const rounds = flag('--rounds', 3);
  const After = (
    (await load('../templates/service/src/platform/serialize.ts')) as { ProjectionCompiler: CompilerClass<{ serializer(schema: unknown): Serializer }> }
  ).ProjectionCompiler;
  const Before = ((await load('../test/model/fixtures/serialize-before.ts')) as { ProjectionCompiler: CompilerClass<Compiler> }).ProjectionCompiler;
  const fastJson = createRequire(import.meta.url)('fast-json-stringify') as (schema: unknown, options?: unknown) => Serializer;
  const documents = new Map([[ID, defs]]);
  const before = new Before(documents);
  const after = new After(documents);
  const rows: string[][] = [];
  for (const { name, schema, body } of CASES) {
    const project = before.compile(ref(schema));
    const old: Serializer = (value) => JSON.stringify(project(value));
    const now = after.serializer(ref(schema));
    const peer = fastJson({ ...ref(schema) }, { schema: { [ID]: { $id: ID, $defs: defs } } });
    if (now(body) !== old(body)) throw new Error(`${name}: the two serialisers disagree`);
    const samples = { old: [] as number[], now: [] as number[], peer: [] as number[] };
    for (let round = 0; round < rounds; round++) {
      samples.old.push(time(() => old(body)));
      samples.now.push(time(() => now(body)));
      samples.peer.push(time(() => peer(body)));
    }
    const [o, n, p] = [Math.min(...samples.old), Math.min(...samples.now), Math.min(...samples.peer)];
    rows.push([name, `${(o / 1000).toFixed(2)}`, `${(n / 1000).toFixed(2)}`, `${(o / n).toFixed(2)}x`, `${(p / 1000).toFixed(2)}`, String(now(body)!.length)]);
  }
  console.log(
    table(
      ['body', 'projection + JSON.stringify µs', 'one-pass writer µs', 'speed-up', 'fast-json-stringify µs', 'bytes'],
      ['l', 'r', 'r', 'r', 'r', 'r'],
      rows,
    ),
  );
}

if (isMain(import.meta.url)) await main();
