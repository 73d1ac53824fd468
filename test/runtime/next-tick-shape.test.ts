/**
 * platform/next-tick-shape.ts holds one process.nextTick task object so that
 * its shape (V8 map) outlives every garbage collection: a task object made
 * after full collections, with none alive in between, still has the held
 * object's shape. Without a held object V8 drops the shape, and Node's
 * next-tick literal goes to its slow path for the rest of the process
 * (docs/runtime.md, "The next-tick shape"). Checked in a child process with
 * V8's test intrinsics, which only that process enables.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { repoRoot, run } from './generated-service.js';

const pinModule = pathToFileURL(path.join(repoRoot, 'templates/service/src/platform/next-tick-shape.ts')).href;

const child = `
import { createHook } from 'node:async_hooks';
const { pinnedTaskObject } = await import(${JSON.stringify(pinModule)});
const sameShape = new Function('a', 'b', 'return %HaveSameMap(a, b)');
const isTaskObject = (value) => value !== undefined && 'callback' in value && 'args' in value;
// Full collections, with no task object alive but the held one.
await new Promise((resolve) => setTimeout(resolve, 10));
globalThis.gc();
globalThis.gc();
let next;
const hook = createHook({ init(_id, type, _trigger, resource) { if (type === 'TickObject') next ??= resource; } }).enable();
process.nextTick(() => {});
hook.disable();
const held = pinnedTaskObject();
process.stdout.write(JSON.stringify({ held: isTaskObject(held), next: isTaskObject(next), sameShape: isTaskObject(held) && sameShape(held, next) }));
`;

test('the held next-tick task object keeps its shape through full garbage collections: a new task object shares it', { timeout: 60_000 }, async () => {
  const result = await run(process.execPath, ['--expose-gc', '--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '--eval', child], repoRoot);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(JSON.parse(result.stdout), { held: true, next: true, sameShape: true });
});
