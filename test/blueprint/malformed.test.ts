/**
 * Issue 6, "Malformed input" and the loader's part of "Hostile blueprints":
 * every broken or hostile blueprint given to `design-first new` must exit 2
 * with exactly one line on stderr that names the file (and the line and column
 * when there is one) and the DF_ERR code, never a stack trace, and must write
 * nothing at all: neither the out folder nor anything next to it.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { runNew } from '../../src/cli/commands/new.js';
import type { ErrorCode } from '../../src/errors.js';

const HEADER = `openapi: 3.0.3\ninfo:\n  title: Hostile\n  version: '1.0.0'\n`;

/** A valid blueprint whose only schema use is `$ref: <ref>` (quoted as given). */
function refTo(ref: string): string {
  return `${HEADER}paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: ${ref}
components:
  schemas:
    Pet:
      type: object
`;
}

const BILLION_LAUGHS = `${HEADER}paths: {}
x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]
x-b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
x-c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
x-d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
x-e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
x-f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
x-g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
x-h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
x-i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]
x-j: &j [*i,*i,*i,*i,*i,*i,*i,*i,*i,*i]
`;

const DEEP = 10_000;
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89,
]);

/** Where the error must point in the root file: a text to find (its n-th occurrence), or an explicit line and column. */
type Where = { find: string; occurrence?: number; offset?: number } | { line: number; column: number } | 'file-only';

interface Case {
  name: string;
  /** Files of the case folder; the blueprint is `blueprint.yaml` unless `root` says otherwise. */
  files?: Record<string, string | Uint8Array>;
  root?: string;
  code: ErrorCode;
  where: Where;
  allowRemoteRefs?: boolean;
  /** Extra preparation in the case folder (folders, links). */
  prepare?: (folder: string) => Promise<void>;
  /** Assert this case fails fast and without keeping much memory. */
  bounded?: boolean;
}

const CASES: Case[] = [
  {
    name: 'invalid YAML: bad indentation',
    files: { 'blueprint.yaml': `${HEADER}paths:\n  /pets:\n    get:\n      operationId: a\n     responses: {}\n` },
    code: 'DF_ERR_LOAD_SYNTAX',
    where: { find: '     responses' },
  },
  {
    name: 'invalid YAML: unclosed quote',
    files: { 'blueprint.yaml': `openapi: 3.0.3\ninfo:\n  title: "Hostile\n  version: '1.0.0'\npaths: {}\n` },
    code: 'DF_ERR_LOAD_SYNTAX',
    where: { find: '"Hostile' },
  },
  {
    name: 'invalid JSON: trailing comma',
    files: { 'blueprint.json': `{\n  "openapi": "3.0.3",\n  "info": { "title": "x", "version": "1" },\n  "paths": {},\n}\n` },
    root: 'blueprint.json',
    code: 'DF_ERR_LOAD_SYNTAX',
    where: { line: 5, column: 1 },
  },
  {
    name: 'invalid JSON: truncated',
    files: { 'blueprint.json': `{\n  "openapi": "3.0.3",\n  "info": { "title": ` },
    root: 'blueprint.json',
    code: 'DF_ERR_LOAD_SYNTAX',
    where: { line: 3, column: 22 },
  },
  { name: 'empty file', files: { 'blueprint.yaml': '' }, code: 'DF_ERR_LOAD_EMPTY', where: 'file-only' },
  { name: 'whitespace only', files: { 'blueprint.yaml': ' \n\t\n  \r\n' }, code: 'DF_ERR_LOAD_EMPTY', where: 'file-only' },
  { name: 'binary: PNG bytes', files: { 'blueprint.yaml': PNG }, code: 'DF_ERR_LOAD_BINARY', where: 'file-only' },
  {
    name: 'binary: a NUL byte in text',
    files: { 'blueprint.yaml': `${HEADER}paths: {}\nx-note: "a\u0000b"\n` },
    code: 'DF_ERR_LOAD_BINARY',
    where: { find: '\u0000' },
  },
  {
    name: 'a YAML list at the top',
    files: { 'blueprint.yaml': '- openapi: 3.0.3\n- paths: {}\n' },
    code: 'DF_ERR_LOAD_NOT_OBJECT',
    where: { line: 1, column: 1 },
  },
  {
    name: 'openapi: 2.5',
    files: { 'blueprint.yaml': `info: {title: x, version: '1'}\nopenapi: 2.5\npaths: {}\n` },
    code: 'DF_ERR_LOAD_VERSION',
    where: { find: 'openapi' },
  },
  {
    name: 'no openapi field',
    files: { 'blueprint.yaml': `info: {title: x, version: '1'}\npaths: {}\n` },
    code: 'DF_ERR_LOAD_VERSION',
    where: { line: 1, column: 1 },
  },
  {
    name: 'swagger: "2.0"',
    files: { 'blueprint.yaml': `info: {title: x, version: '1'}\nswagger: "2.0"\npaths: {}\n` },
    code: 'DF_ERR_LOAD_SWAGGER2',
    where: { find: 'swagger' },
  },
  { name: '`paths` is a string', files: { 'blueprint.yaml': `${HEADER}paths: /pets\n` }, code: 'DF_ERR_LOAD_SHAPE', where: { find: 'paths' } },
  {
    name: 'unresolved internal $ref',
    files: { 'blueprint.yaml': refTo("'#/components/schemas/Missing'") },
    code: 'DF_ERR_REF_UNRESOLVED',
    where: { find: '$ref' },
  },
  {
    name: '$ref to a missing file',
    files: { 'blueprint.yaml': refTo('./schemas/absent.yaml') },
    code: 'DF_ERR_REF_MISSING_FILE',
    where: { find: '$ref' },
  },
  {
    name: '$ref to a file outside the folder (../x.yaml)',
    files: { 'blueprint.yaml': refTo('../x.yaml') },
    code: 'DF_ERR_REF_OUTSIDE',
    where: { find: '$ref' },
  },
  {
    name: '$ref outside the folder, percent-encoded (%2e%2e%2fx.yaml)',
    files: { 'blueprint.yaml': refTo('"%2e%2e%2fx.yaml"') },
    code: 'DF_ERR_REF_OUTSIDE',
    where: { find: '$ref' },
  },
  {
    name: '$ref through a symbolic link that leaves the folder',
    files: { 'blueprint.yaml': refTo('./link.yaml') },
    prepare: async (folder) => symlink(path.join(folder, '..', 'x.yaml'), path.join(folder, 'link.yaml')),
    code: 'DF_ERR_REF_OUTSIDE',
    where: { find: '$ref' },
  },
  {
    name: 'absolute-path $ref (/etc/passwd)',
    files: { 'blueprint.yaml': refTo('/etc/passwd') },
    code: 'DF_ERR_REF_OUTSIDE',
    where: { find: '$ref' },
  },
  {
    name: 'file: URL $ref (file:///etc/passwd)',
    files: { 'blueprint.yaml': refTo("'file:///etc/passwd'") },
    code: 'DF_ERR_REF_OUTSIDE',
    where: { find: '$ref' },
  },
  {
    name: 'remote $ref without --allow-remote-refs',
    files: { 'blueprint.yaml': refTo("'http://127.0.0.1/x.yaml'") },
    code: 'DF_ERR_REF_REMOTE',
    where: { find: '$ref' },
  },
  ...[
    'http://127.0.0.1/x.yaml',
    'http://localhost:9/x.yaml',
    'http://[::1]/x.yaml',
    'http://[::ffff:127.0.0.1]/x.yaml',
    'http://169.254.169.254/latest/meta-data',
    'http://2130706433/x.yaml',
    'http://10.0.0.1/x.yaml',
  ].map(
    (url): Case => ({
      name: `remote $ref to a private address with --allow-remote-refs (${url})`,
      files: { 'blueprint.yaml': refTo(`'${url}'`) },
      allowRemoteRefs: true,
      code: 'DF_ERR_REF_PRIVATE_ADDRESS',
      where: { find: '$ref' },
    }),
  ),
  {
    name: 'duplicate operationIds',
    files: {
      'blueprint.yaml': `${HEADER}paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200': { description: ok }
  /animals:
    get:
      operationId: listPets
      responses:
        '200': { description: ok }
`,
    },
    code: 'DF_ERR_MODEL_DUPLICATE_OPERATION_ID',
    where: { find: 'operationId', occurrence: 2 },
  },
  { name: 'YAML alias bomb (billion laughs)', files: { 'blueprint.yaml': BILLION_LAUGHS }, code: 'DF_ERR_LOAD_ALIASES', where: 'file-only', bounded: true },
  {
    name: `JSON nested ${DEEP} levels of [`,
    files: { 'blueprint.json': `${'['.repeat(DEEP)}${']'.repeat(DEEP)}` },
    root: 'blueprint.json',
    code: 'DF_ERR_LOAD_TOO_DEEP',
    where: { line: 1, column: 201 },
    bounded: true,
  },
  {
    name: `JSON nested ${DEEP} levels of {`,
    files: { 'blueprint.json': `{"openapi": "3.0.3", "x": ${'{"a": '.repeat(DEEP)}1${'}'.repeat(DEEP)}}` },
    root: 'blueprint.json',
    code: 'DF_ERR_LOAD_TOO_DEEP',
    // level 1 is the document; level 201 is the 200th `{"a": `.
    where: { line: 1, column: '{"openapi": "3.0.3", "x": '.length + 199 * '{"a": '.length + 1 },
    bounded: true,
  },
  {
    name: `JSON: ${DEEP} unclosed [`,
    files: { 'blueprint.json': '['.repeat(DEEP) },
    root: 'blueprint.json',
    code: 'DF_ERR_LOAD_TOO_DEEP',
    where: { line: 1, column: 201 },
    bounded: true,
  },
  {
    name: `YAML nested ${DEEP} levels of flow mappings`,
    files: { 'blueprint.yaml': `openapi: 3.0.3\nx: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n` },
    code: 'DF_ERR_LOAD_TOO_DEEP',
    where: { line: 2, column: 'x: '.length + 199 * '{a: '.length + 1 },
    bounded: true,
  },
  {
    name: `YAML nested ${DEEP} levels of flow sequences`,
    files: { 'blueprint.yaml': `openapi: 3.0.3\nx: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n` },
    code: 'DF_ERR_LOAD_TOO_DEEP',
    where: { line: 2, column: 'x: '.length + 199 + 1 },
    bounded: true,
  },
  {
    name: `YAML nested ${DEEP} levels of block sequences (- - - …)`,
    files: { 'blueprint.yaml': `openapi: 3.0.3\nx:\n  ${'- '.repeat(DEEP)}1\n` },
    code: 'DF_ERR_LOAD_TOO_DEEP',
    where: { line: 3, column: 2 + 199 * 2 + 1 },
    bounded: true,
  },
  {
    name: 'YAML nested 300 levels of block mappings',
    files: { 'blueprint.yaml': `openapi: 3.0.3\n${Array.from({ length: 300 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} 1\n` },
    code: 'DF_ERR_LOAD_TOO_DEEP',
    // level 1 is the document's mapping (k0 is in it); level 201 is the mapping that holds k200.
    where: { find: 'k200:' },
  },
  {
    name: 'the blueprint is a folder',
    root: 'blueprint.yaml',
    prepare: async (folder) => mkdir(path.join(folder, 'blueprint.yaml')),
    code: 'DF_ERR_LOAD_READ',
    where: 'file-only',
  },
  { name: 'the blueprint does not exist', root: 'absent.yaml', code: 'DF_ERR_LOAD_NOT_FOUND', where: 'file-only' },
];

let base: string;
let caseNumber = 0;

before(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'df-malformed-'));
  // The target of `../x.yaml`: it exists, so only the folder rule can refuse it.
  await writeFile(path.join(base, 'x.yaml'), 'type: object\n');
});

/** Capture a command's output as lines. */
function captureIo(): { stdout: string[]; stderr: string[]; io: { stdout: (text: string) => void; stderr: (text: string) => void } } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const split = (sink: string[]) => (text: string) => sink.push(...text.replace(/\n$/, '').split('\n'));
  return { stdout, stderr, io: { stdout: split(stdout), stderr: split(stderr) } };
}

/** Every file and folder under `folder`, hidden ones included, with the bytes of each file. */
async function snapshot(folder: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const key = path.relative(folder, full);
      if (entry.isDirectory()) {
        result.set(`${key}/`, 'folder');
        await walk(full);
      } else if (entry.isSymbolicLink()) {
        result.set(key, 'link');
      } else {
        result.set(key, (await readFile(full)).toString('base64'));
      }
    }
  };
  await walk(folder);
  return result;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** How the loader names a file: relative to the working folder when inside it. */
function shown(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function lineAndColumn(text: string, where: Where): string | undefined {
  if (where === 'file-only') return undefined;
  if ('line' in where) return `${where.line}:${where.column}`;
  let index = -1;
  for (let n = 0; n < (where.occurrence ?? 1); n++) {
    index = text.indexOf(where.find, index + 1);
    assert.ok(index >= 0, `fixture does not contain ${JSON.stringify(where.find)}`);
  }
  index += where.offset ?? 0;
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - (before.lastIndexOf('\n') + 1) + 1;
  return `${line}:${column}`;
}

async function prepareCase(entry: Case): Promise<{ folder: string; root: string; rootText: string }> {
  const folder = path.join(base, `case-${++caseNumber}`);
  await mkdir(folder);
  for (const [name, content] of Object.entries(entry.files ?? {})) {
    await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
    await writeFile(path.join(folder, name), content);
  }
  await entry.prepare?.(folder);
  const root = path.join(folder, entry.root ?? 'blueprint.yaml');
  const content = entry.files?.[entry.root ?? 'blueprint.yaml'];
  return { folder, root, rootText: typeof content === 'string' ? content : '' };
}

/** The single stderr line: starts with `design-first: `, names the file, the place and the code, no stack. */
function assertOneLine(entry: Case, output: ReturnType<typeof captureIo>, root: string, rootText: string, codes: readonly ErrorCode[]): string {
  assert.deepEqual(output.stdout, [], 'nothing on stdout');
  assert.equal(output.stderr.length, 1, `exactly one line on stderr, got:\n${output.stderr.join('\n')}`);
  const line = output.stderr[0]!;
  assert.ok(line.startsWith('design-first: '), line);
  assert.doesNotMatch(line, /^\s+at /m, 'no stack trace');
  assert.doesNotMatch(line, /[\u0000-\u001f\u2028\u2029]/, 'no control characters');
  const code = /\[(DF_ERR_[A-Z0-9_]+)\]/.exec(line)?.[1];
  assert.ok(code && codes.includes(code as ErrorCode), `expected ${codes.join(' or ')} in: ${line}`);
  if (code === entry.code) {
    assert.ok(line.includes(shown(root)), `names the file ${shown(root)}: ${line}`);
    const place = lineAndColumn(rootText, entry.where);
    if (place) assert.ok(line.includes(`${shown(root)}:${place}`), `names ${shown(root)}:${place}: ${line}`);
  }
  return line;
}

describe('design-first new refuses malformed and hostile blueprints: exit 2, one line, nothing written', () => {
  for (const entry of CASES) {
    describe(entry.name, () => {
      it('into an out folder that does not exist: it still does not exist', async () => {
        const { folder, root, rootText } = await prepareCase(entry);
        const out = path.join(folder, 'out');
        const before = await snapshot(folder);
        const output = captureIo();
        const heapBefore = process.memoryUsage().heapUsed;
        const started = performance.now();
        const code = await runNew({ blueprints: [root], out, lint: false, allowRemoteRefs: entry.allowRemoteRefs ?? false }, output.io);
        const elapsed = performance.now() - started;
        const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
        assert.equal(code, 2, output.stderr.join('\n'));
        assertOneLine(entry, output, root, rootText, [entry.code]);
        assert.equal(await exists(out), false, 'the out folder was not created');
        assert.deepEqual(await snapshot(folder), before, 'nothing was written next to it either');
        if (entry.bounded) {
          assert.ok(elapsed < 2000, `took ${Math.round(elapsed)} ms`);
          assert.ok(heapGrowth < 64 * 1024 * 1024, `heap grew by ${Math.round(heapGrowth / 1024 / 1024)} MiB`);
        }
      });

      it('into an existing out folder with a file in it: left byte-for-byte as it was', async () => {
        const { folder, root, rootText } = await prepareCase(entry);
        const out = path.join(folder, 'out');
        await mkdir(path.join(out, 'src'), { recursive: true });
        await writeFile(path.join(out, 'keep.txt'), 'the team wrote this\n');
        await writeFile(path.join(out, 'src', 'app.ts'), Uint8Array.from([0xef, 0xbb, 0xbf, 0x2f, 0x2f, 0x0a, 0x00, 0xff]));
        const before = await snapshot(folder);
        const output = captureIo();
        const code = await runNew({ blueprints: [root], out, lint: false, allowRemoteRefs: entry.allowRemoteRefs ?? false }, output.io);
        assert.equal(code, 2, output.stderr.join('\n'));
        assertOneLine(entry, output, root, rootText, [entry.code, 'DF_ERR_OUT_NOT_EMPTY']);
        assert.deepEqual(await snapshot(folder), before, 'the out folder and its surroundings are unchanged');
      });
    });
  }
});

/** The $ref form of the billion laughs: each file inlines the next one ten times. */
function refBomb(levels: number): Record<string, string> {
  const files: Record<string, string> = {
    'blueprint.yaml': `${HEADER}paths:\n  /x:\n    $ref: 'l1.yaml#/item'\n`,
  };
  for (let level = 1; level <= levels; level++) {
    const callbacks =
      level < levels
        ? `    callbacks:\n${Array.from({ length: 10 }, (_, k) => `      c${k}:\n        '{$url}':\n          $ref: 'l${level + 1}.yaml#/item'\n`).join('')}`
        : '';
    files[`l${level}.yaml`] = `item:\n  post:\n    responses:\n      '200': {description: ok}\n${callbacks}`;
  }
  return files;
}

describe('resource-exhaustion attempts fail fast inside a small heap', () => {
  it('billion laughs, a $ref expansion bomb and 10,000 levels of nesting each end in one line within 2 s, in a worker limited to 96 MiB', async () => {
    const folder = path.join(base, 'exhaustion');
    const inputs: Array<{ name: string; files: Record<string, string>; code: ErrorCode }> = [
      { name: 'alias', files: { 'blueprint.yaml': BILLION_LAUGHS }, code: 'DF_ERR_LOAD_ALIASES' },
      { name: 'refs', files: refBomb(9), code: 'DF_ERR_LOAD_TOO_LARGE' },
      { name: 'yaml-deep', files: { 'blueprint.yaml': `openapi: 3.0.3\nx: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n` }, code: 'DF_ERR_LOAD_TOO_DEEP' },
      { name: 'json-deep', files: { 'blueprint.json': `${'['.repeat(DEEP)}${']'.repeat(DEEP)}` }, code: 'DF_ERR_LOAD_TOO_DEEP' },
    ];
    const jobs: Array<{ name: string; file: string; out: string }> = [];
    for (const input of inputs) {
      const dir = path.join(folder, input.name);
      await mkdir(dir, { recursive: true });
      for (const [name, content] of Object.entries(input.files)) await writeFile(path.join(dir, name), content);
      jobs.push({ name: input.name, file: path.join(dir, Object.keys(input.files)[0]!), out: path.join(dir, 'out') });
    }
    const before = await snapshot(folder);
    const source = `
      import { parentPort, workerData } from 'node:worker_threads';
      const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))});
      register();
      const { runNew } = await import(${JSON.stringify(new URL('../../src/cli/commands/new.ts', import.meta.url).href)});
      const results = [];
      for (const job of workerData) {
        const stderr = [];
        const started = performance.now();
        const code = await runNew({ blueprints: [job.file], out: job.out, lint: false }, { stdout: (text) => stderr.push('stdout: ' + text), stderr: (text) => stderr.push(text) });
        results.push({ name: job.name, code, stderr, elapsed: performance.now() - started });
      }
      parentPort.postMessage(results);
    `;
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(source)}`), {
      workerData: jobs,
      resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
    });
    const results = await new Promise<Array<{ name: string; code: number; stderr: string[]; elapsed: number }>>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject); // ERR_WORKER_OUT_OF_MEMORY when a limit is broken
      worker.once('exit', (code) => reject(new Error(`the worker exited with ${code} before answering`)));
    });
    await worker.terminate();
    for (const input of inputs) {
      const result = results.find((entry) => entry.name === input.name)!;
      assert.equal(result.code, 2, `${input.name}: ${result.stderr.join('\n')}`);
      assert.equal(result.stderr.length, 1, `${input.name}: ${result.stderr.join('\n')}`);
      assert.match(result.stderr[0]!, new RegExp(`^design-first: .*\\[${input.code}\\]`), input.name);
      assert.ok(result.elapsed < 2000, `${input.name} took ${Math.round(result.elapsed)} ms`);
    }
    assert.deepEqual(await snapshot(folder), before, 'nothing was written');
  });
});
