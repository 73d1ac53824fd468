/**
 * The generated contract test on a small blueprint with a required response
 * header: a fresh service passes (its mock sends the header); then each way a
 * handler can break the blueprint fails `test/contract.test.ts` with one
 * message naming the operation, the status and the JSON pointer.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { before, test } from 'node:test';
import { runNew } from '../../src/cli/commands/new.js';
import { bin, captureIo, repoRoot, run, scratchFolder } from './helpers.js';

const BLUEPRINT = {
  openapi: '3.1.0',
  info: { title: 'Notes', version: '1.0.0' },
  paths: {
    '/notes': {
      post: {
        operationId: 'createNote',
        requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/NewNote' } } } },
        responses: {
          '201': {
            description: 'Created.',
            headers: {
              Location: { required: true, schema: { type: 'string' }, example: '/v1/notes/1' },
              'X-Count': { schema: { type: 'integer' } },
            },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } },
          },
          '400': { $ref: '#/components/responses/Problem' },
        },
      },
    },
    '/notes/{noteId}': {
      get: {
        operationId: 'getNote',
        parameters: [{ name: 'noteId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: 'The note.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } } },
          '404': { $ref: '#/components/responses/Problem' },
        },
      },
    },
  },
  components: {
    responses: {
      Problem: {
        description: 'A problem.',
        content: { 'application/problem+json': { schema: { type: 'object', required: ['title'], properties: { title: { type: 'string' } } } } },
      },
    },
    schemas: {
      NewNote: { type: 'object', required: ['Text'], properties: { Text: { type: 'string', example: 'Buy milk' } } },
      Note: { type: 'object', required: ['Id', 'Text'], properties: { Id: { type: 'string', example: '1' }, Text: { type: 'string', example: 'Buy milk' } } },
    },
  },
};

let service: string;

before(async () => {
  const folder = await scratchFolder('contract');
  const blueprint = path.join(folder, 'notes.json');
  await writeFile(blueprint, JSON.stringify(BLUEPRINT));
  service = path.join(folder, 'service');
  const io = captureIo();
  assert.equal(await runNew({ blueprints: [blueprint], out: service, cwd: repoRoot, lint: false }, io), 0, io.err.join('\n'));
});

/** Replaces a handler, runs the contract test, and gives the failure messages of the operation's test. */
async function contractWith(operation: 'createNote' | 'getNote', body: string): Promise<{ code: number; output: string }> {
  const file = path.join(service, `src/handlers/v1/notes/${operation}.ts`);
  await writeFile(
    file,
    `import type { Handlers } from '../../../generated/v1/handlers.js';\n\nexport const ${operation}: Handlers['${operation}'] = async () => {\n  ${body}\n};\n`,
  );
  const result = await run(bin('tsx'), ['--test', 'test/contract.test.ts'], service);
  return { code: result.code, output: result.stdout };
}

test('a fresh service passes: the mock answers with the required header', async () => {
  const result = await run(bin('tsx'), ['--test', 'test/contract.test.ts'], service);
  assert.equal(result.code, 0, result.stdout.slice(-2000));
  assert.match(result.stdout, /# pass 2\n/);
});

test('a required header missing, or a header the blueprint types otherwise', async () => {
  const missing = await contractWith('createNote', "return { status: 201, body: { Id: '1', Text: 'x' } };");
  assert.equal(missing.code, 1);
  assert.match(
    missing.output,
    /operation createNote \(v1 POST \/notes\) answered 201 without the required header Location \(#\/paths\/~1notes\/post\/responses\/201\/headers\/Location\)/,
  );

  const typed = await contractWith(
    'createNote',
    "return { status: 201, body: { Id: '1', Text: 'x' }, headers: { location: '/v1/notes/1', 'x-count': 'many' } };",
  );
  assert.equal(typed.code, 1);
  assert.match(
    typed.output,
    /operation createNote \(v1 POST \/notes\) answered 201 with header X-Count: must be integer \(#\/paths\/~1notes\/post\/responses\/201\/headers\/X-Count\/schema\)/,
  );

  const kept = await contractWith('createNote', "return { status: 201, body: { Id: '1', Text: 'x' }, headers: { location: '/v1/notes/1', 'x-count': '2' } };");
  assert.equal(kept.code, 0, kept.output.slice(-2000));
});

test('a media type the response does not list, a status it does not declare, a body its schema refuses, a failure', async () => {
  const mediaType = await contractWith('getNote', "return { status: 200, body: 'note' as never, contentType: 'text/plain' };");
  assert.equal(mediaType.code, 1);
  assert.match(
    mediaType.output,
    /operation getNote \(v1 GET \/notes\/\{noteId\}\) answered 200 as text\/plain, which #\/paths\/~1notes~1\{noteId\}\/get\/responses\/200\/content does not list \(application\/json\)/,
  );

  const status = await contractWith('getNote', "return { status: 418 as 200, body: { Id: '1', Text: 'x' } };");
  assert.equal(status.code, 1);
  assert.match(
    status.output,
    /operation getNote \(v1 GET \/notes\/\{noteId\}\) answered 418, a status the blueprint does not declare \(declared: 200, 404; #\/paths\/~1notes~1\{noteId\}\/get\/responses\)/,
  );

  const body = await contractWith('getNote', 'return { status: 200, body: { Id: 1 } as never };');
  assert.equal(body.code, 1);
  assert.match(
    body.output,
    /answered 200 with a body the blueprint does not allow: \/ must have required property 'Text'; \/Id must be string \(#\/paths\/~1notes~1\{noteId\}\/get\/responses\/200\/content\/application~1json\/schema\)/,
  );

  const failed = await contractWith('getNote', "throw new Error('the database is down');");
  assert.equal(failed.code, 1);
  assert.match(failed.output, /operation getNote \(v1 GET \/notes\/\{noteId\}\) answered 500: the service failed/);

  // Any declared answer passes once the handler is real: here, the declared 404.
  const declared = await contractWith('getNote', "return { status: 404, body: { title: 'No such note' }, contentType: 'application/problem+json' };");
  assert.equal(declared.code, 0, declared.output.slice(-2000));
});
