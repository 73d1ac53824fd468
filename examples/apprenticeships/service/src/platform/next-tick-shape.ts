/**
 * Keeps one of Node's `process.nextTick` task objects alive for the life of
 * the process, so that every later task object keeps the same shape (V8 map).
 * server.ts imports this before anything else.
 *
 * Why: each HTTP request schedules several next-tick tasks inside Node's own
 * streams. The object literal that makes a task object
 * (node:internal/process/task_queues) remembers the one shape it has seen, so
 * V8 builds the object inline. Task objects live for a moment, and V8 holds
 * their shapes only while some object has them: a full garbage collection
 * that runs when no task object is alive drops the shapes, the next task
 * object gets new ones, and that literal is marked as seeing many shapes for
 * the rest of the process. From then on every task object is built in V8's
 * slow runtime path, about 3 µs of CPU per request here. Whether it happens
 * depends on when start-up's collections fall: the same built service
 * measured 15 or 18 µs per request from one start to the next, and a
 * hand-written Fastify app 12 or 15 (docs/runtime.md, "The next-tick shape").
 * One task object held here keeps the shapes alive, so no collection can drop
 * them.
 *
 * The task object is caught with an async hook, enabled for one
 * `process.nextTick` call at start and never again: no request pays for it.
 */
import { createHook } from 'node:async_hooks';

let pinned: object | undefined;

const catchTaskObject = createHook({
  init(_asyncId, type, _triggerAsyncId, resource) {
    if (type === 'TickObject') pinned ??= resource;
  },
});
catchTaskObject.enable();
process.nextTick(() => {});
catchTaskObject.disable();

/** The task object held (for the test that checks its shape survives a full collection). */
export function pinnedTaskObject(): object | undefined {
  return pinned;
}
