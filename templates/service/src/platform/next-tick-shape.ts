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
 * depends on when start-up's collections fall: the built pets service drew it
 * in each of six starts measured (17 to 19 µs per request; 15 with this
 * module), a hand-written Fastify app in about one start of eight (15 µs
 * instead of 12; docs/runtime.md, "The next-tick shape"). One task object
 * held here keeps the shapes alive, so no collection can drop them.
 *
 * The task object is the one whose callback runs below: while a next-tick
 * callback runs, it is Node's current async resource. An async hook would
 * catch it too, but enabling one, even for a moment, installs promise hooks,
 * and V8 then leaves its fast path for promises and async functions for the
 * rest of the process (a microbenchmark of awaits ran 25% slower).
 */
import { executionAsyncResource } from 'node:async_hooks';

let pinned: object | undefined;

process.nextTick(() => {
  pinned = executionAsyncResource();
});

/** The task object held (for the test that reads V8's record of the literal). */
export function pinnedTaskObject(): object | undefined {
  return pinned;
}
