/**
 * Webhooks (OpenAPI 3.1 `webhooks`) and callbacks (an operation's `callbacks`):
 * requests the API sends to its clients. Their operations are compared like
 * any other with the roles reversed (`reversed` in the pair): the client
 * receives the request, so a request body that loses a property or may now be
 * left out breaks it, and the client answers, so its answers are judged as
 * requests. oasdiff reports webhooks added and removed, and does not compare callbacks.
 * https://spec.openapis.org/oas/v3.1.0#oasWebhooks
 * https://spec.openapis.org/oas/v3.1.0#callback-object
 *
 * The operations are compared by the function given (operation.ts's), which
 * is how callbacks inside operations are reached without an import circle.
 */

/** Compares two operations, as operation.ts does. */
export type CompareOperation = (ctx: DiffContext, pair: OperationPair) => void;
import { childPointer } from '../blueprint/pointer.js';
import type { DiffContext, OperationPair } from './context.js';
import { operationsOf } from './path-item.js';
import { asObject, code, entriesOf, own, type Located, type Side } from './side.js';

export function diffWebhooks(ctx: DiffContext, compare: CompareOperation): void {
  const oldHooks = new Map(entriesOf(own(ctx.old.document, 'webhooks')));
  const newHooks = new Map(entriesOf(own(ctx.new.document, 'webhooks')));
  // Where a webhook would be: `webhooks`, or the document itself when it has none.
  const oldParent = own(ctx.old.document, 'webhooks') === undefined ? '' : '/webhooks';
  const newParent = own(ctx.new.document, 'webhooks') === undefined ? '' : '/webhooks';
  for (const [name, node] of oldHooks) {
    const oldItem = ctx.old.resolve(node, childPointer('/webhooks', name));
    const where = (method: string) => `webhook ${code(name)} ${method.toUpperCase()}`;
    if (!newHooks.has(name)) {
      for (const [method, operation] of operationsOf(oldItem)) {
        ctx.log.add({
          id: 'webhook-removed',
          severity: 'breaking',
          where: where(method),
          what: 'the webhook was removed: subscribers waiting for it get nothing',
          oldPointer: operation.pointer,
          newPointer: newParent,
        });
      }
      continue;
    }
    const newItem = ctx.new.resolve(newHooks.get(name), childPointer('/webhooks', name));
    compareItems(ctx, compare, oldItem, newItem, where, 'webhook');
  }
  for (const [name, node] of newHooks) {
    if (oldHooks.has(name)) continue;
    for (const [method, operation] of operationsOf(ctx.new.resolve(node, childPointer('/webhooks', name)))) {
      ctx.log.add({
        id: 'webhook-added',
        severity: 'info',
        where: `webhook ${code(name)} ${method.toUpperCase()}`,
        what: 'the webhook was added',
        oldPointer: oldParent,
        newPointer: operation.pointer,
      });
    }
  }
}

/** The callbacks of an operation in both documents, by name and then by expression. */
export function diffCallbacks(ctx: DiffContext, pair: OperationPair, compare: CompareOperation): void {
  const oldCallbacks = callbacksOf(ctx.old, pair.oldOperation);
  const newCallbacks = callbacksOf(ctx.new, pair.newOperation);
  for (const [name, oldCallback] of oldCallbacks) {
    const newCallback = newCallbacks.get(name);
    const oldItems = itemsOf(ctx.old, oldCallback);
    const newItems = newCallback ? itemsOf(ctx.new, newCallback) : new Map<string, Located>();
    for (const [expression, oldItem] of oldItems) {
      const where = (method: string) => `${pair.where} callback ${code(name)} ${method.toUpperCase()} ${expression}`;
      const newItem = newItems.get(expression);
      if (!newItem) {
        for (const [method, operation] of operationsOf(oldItem)) {
          ctx.log.add({
            id: 'callback-removed',
            severity: 'breaking',
            where: where(method),
            what: 'the callback was removed: clients waiting for it get nothing',
            oldPointer: operation.pointer,
            newPointer: newCallback?.pointer ?? pair.newOperation.pointer,
          });
        }
        continue;
      }
      compareItems(ctx, compare, oldItem, newItem, where, 'callback');
    }
    for (const [expression, newItem] of newItems) {
      if (oldItems.has(expression)) continue;
      reportAdded(ctx, newItem, (method) => `${pair.where} callback ${code(name)} ${method.toUpperCase()} ${expression}`, oldCallback.pointer);
    }
  }
  for (const [name, newCallback] of newCallbacks) {
    if (oldCallbacks.has(name)) continue;
    for (const [expression, newItem] of itemsOf(ctx.new, newCallback)) {
      reportAdded(ctx, newItem, (method) => `${pair.where} callback ${code(name)} ${method.toUpperCase()} ${expression}`, pair.oldOperation.pointer);
    }
  }
}

function reportAdded(ctx: DiffContext, item: Located, where: (method: string) => string, oldParent: string): void {
  for (const [method, operation] of operationsOf(item)) {
    ctx.log.add({
      id: 'callback-added',
      severity: 'info',
      where: where(method),
      what: 'the callback was added',
      oldPointer: oldParent,
      newPointer: operation.pointer,
    });
  }
}

/** Two path items of a webhook or callback: operations removed, added, or compared reversed. */
function compareItems(
  ctx: DiffContext,
  compare: CompareOperation,
  oldItem: Located,
  newItem: Located,
  where: (method: string) => string,
  kind: 'webhook' | 'callback',
): void {
  const newOperations = new Map(operationsOf(newItem));
  const oldOperations = new Map(operationsOf(oldItem));
  for (const [method, oldOperation] of oldOperations) {
    const newOperation = newOperations.get(method);
    if (!newOperation) {
      ctx.log.add({
        id: `${kind}-removed`,
        severity: 'breaking',
        where: where(method),
        what: `the ${kind} operation was removed: clients waiting for it get nothing`,
        oldPointer: oldOperation.pointer,
        newPointer: newItem.pointer,
      });
      continue;
    }
    compare(ctx, { where: where(method), oldItem, newItem, oldOperation, newOperation, pathRenames: new Map(), reversed: true });
  }
  for (const [method, newOperation] of newOperations) {
    if (oldOperations.has(method)) continue;
    ctx.log.add({
      id: `${kind}-added`,
      severity: 'info',
      where: where(method),
      what: `the ${kind} operation was added`,
      oldPointer: oldItem.pointer,
      newPointer: newOperation.pointer,
    });
  }
}

function callbacksOf(side: Side, operation: Located): Map<string, Located> {
  const callbacks = new Map<string, Located>();
  const base = `${operation.pointer}/callbacks`;
  for (const [name, node] of entriesOf(own(asObject(operation.node), 'callbacks'))) callbacks.set(name, side.resolve(node, childPointer(base, name)));
  return callbacks;
}

/** Expression -> path item of a callback object. */
function itemsOf(side: Side, callback: Located): Map<string, Located> {
  const items = new Map<string, Located>();
  for (const [expression, node] of entriesOf(callback.node)) {
    if (expression.startsWith('x-')) continue;
    items.set(expression, side.resolve(node, childPointer(callback.pointer, expression)));
  }
  return items;
}
