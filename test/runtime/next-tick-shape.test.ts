/**
 * platform/next-tick-shape.ts holds one process.nextTick task object so that
 * V8 never drops the task objects' shape: without it, a full garbage
 * collection with no task object alive leaves Node's next-tick object literal
 * megamorphic for the rest of the process, and every task object is built in
 * V8's slow path (docs/runtime.md, "The next-tick shape").
 *
 * Read from V8 itself: a child process (with V8's test intrinsics, which only
 * it enables) makes task objects, runs full collections with none alive,
 * makes more, and prints V8's record of `process.nextTick`
 * (`%DebugPrint`), whose DefineKeyedOwnPropertyInLiteral slots are the
 * literal's. Without the module they must end megamorphic (so this test can
 * fail), with it they must not. The record's format is V8's own: on a Node
 * that prints no such slot, or no longer drops the shape, the test is skipped
 * and says why.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { scratchFolder } from '../generate/helpers.js';
import { repoRoot } from './generated-service.js';

const pinModule = pathToFileURL(path.join(repoRoot, 'templates/service/src/platform/next-tick-shape.ts')).href;

function child(pin: boolean): string {
  return `
${pin ? `const { pinnedTaskObject } = await import(${JSON.stringify(pinModule)});` : 'const pinnedTaskObject = () => undefined;'}
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));
const tasks = () => { for (let i = 0; i < 1000; i++) process.nextTick(() => {}); };
tasks();
await settle();
// Full collections with no task object alive but a held one.
globalThis.gc();
globalThis.gc();
tasks();
await settle();
const held = pinnedTaskObject();
process.stderr.write(JSON.stringify({ held: held !== undefined && 'callback' in held && 'args' in held }) + '\\n');
%DebugPrint(process.nextTick);
`;
}

/** The states of the literal's slots in V8's record, and whether the child held a task object. */
async function literalSlots(pin: boolean): Promise<{ states: string[]; held: boolean }> {
  // V8 prints its record through C's stdout, which loses text written to a pipe that Node made non-blocking:
  // the child writes it to a file instead.
  const record = path.join(await scratchFolder('next-tick-shape'), 'record.txt');
  const output = openSync(record, 'w');
  let result: ReturnType<typeof spawnSync>;
  try {
    const args = ['--expose-gc', '--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '--eval', child(pin)];
    result = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', output, 'pipe'], encoding: 'utf8', timeout: 60_000 });
  } finally {
    closeSync(output);
  }
  assert.equal(result.status, 0, String(result.stderr));
  const states = [...readFileSync(record, 'utf8').matchAll(/slot #\d+ DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((match) => match[1]!);
  const held = (JSON.parse(String(result.stderr).trim().split('\n').at(-1)!) as { held: boolean }).held;
  return { states, held };
}

test('without a held task object a full collection leaves the next-tick literal megamorphic; with next-tick-shape.ts it does not', {
  timeout: 60_000,
}, async (t) => {
  const without = await literalSlots(false);
  if (without.states.length === 0) {
    t.skip(`this Node (${process.version}) prints no DefineKeyedOwnPropertyInLiteral slot for process.nextTick`);
    return;
  }
  if (!without.states.includes('MEGAMORPHIC')) {
    t.skip(`this Node (${process.version}) kept the task objects' shape through full collections without help (${without.states.join(', ')})`);
    return;
  }
  const withPin = await literalSlots(true);
  assert.ok(withPin.held, 'the module holds a task object');
  assert.ok(withPin.states.length > 0);
  assert.deepEqual(
    withPin.states.filter((state) => state === 'MEGAMORPHIC'),
    [],
    `with the held task object: ${withPin.states.join(', ')}`,
  );
});
