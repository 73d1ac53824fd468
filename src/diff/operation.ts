/**
 * One operation present in both documents: its lifecycle, operationId and
 * tags, then its parameters, request body, responses, security and callbacks,
 * each compared by its own walker.
 * https://spec.openapis.org/oas/v3.1.0#operation-object
 */
import type { DiffContext, OperationPair } from './context.js';
import { diffRequestBody } from './media.js';
import { diffOperationDeprecation, diffStability } from './operation-lifecycle.js';
import { diffParameters } from './parameters.js';
import { diffResponses } from './responses.js';
import { diffSecurity } from './security.js';
import { asObject, code, own } from './side.js';
import { diffCallbacks } from './webhooks.js';

export function diffOperation(ctx: DiffContext, pair: OperationPair): void {
  // Draft and alpha operations may change freely: their changes are reported through a sink that says so.
  const log = pair.reversed ? ctx.log : diffStability(ctx, pair);
  const scoped: DiffContext = log === ctx.log ? ctx : { ...ctx, log };
  const oldRecord = asObject(pair.oldOperation.node);
  const newRecord = asObject(pair.newOperation.node);
  if (!pair.reversed) diffOperationDeprecation(scoped, pair);
  const oldId = own(oldRecord, 'operationId');
  const newId = own(newRecord, 'operationId');
  if (typeof oldId === 'string' && oldId !== newId) {
    scoped.log.add({
      id: 'operation-id-changed',
      severity: 'warning',
      where: pair.where,
      what: `operationId ${code(oldId)} ${typeof newId === 'string' ? `became ${code(newId)}` : 'was removed'}: generated clients rename the method`,
      oldPointer: `${pair.oldOperation.pointer}/operationId`,
      newPointer: typeof newId === 'string' ? `${pair.newOperation.pointer}/operationId` : pair.newOperation.pointer,
    });
  }
  diffTags(scoped, pair);
  diffParameters(scoped, pair);
  diffRequestBody(scoped, pair);
  diffResponses(scoped, pair);
  // A webhook's or callback's security is how the API authenticates to the client: not the client's concern here.
  if (!pair.reversed) {
    diffSecurity(scoped, pair);
    diffCallbacks(scoped, pair, diffOperation);
  }
}

function diffTags(ctx: DiffContext, pair: OperationPair): void {
  const tags = (operation: unknown) => {
    const list = own(asObject(operation), 'tags');
    return new Set(Array.isArray(list) ? list.filter((tag): tag is string => typeof tag === 'string') : []);
  };
  const before = tags(pair.oldOperation.node);
  const after = tags(pair.newOperation.node);
  const at = (operation: OperationPair['oldOperation']) =>
    own(asObject(operation.node), 'tags') === undefined ? operation.pointer : `${operation.pointer}/tags`;
  for (const tag of before) {
    if (!after.has(tag))
      ctx.log.add({
        id: 'api-tag-removed',
        severity: 'info',
        where: pair.where,
        what: `tag ${code(tag)} was removed`,
        oldPointer: at(pair.oldOperation),
        newPointer: at(pair.newOperation),
      });
  }
  for (const tag of after) {
    if (!before.has(tag))
      ctx.log.add({
        id: 'api-tag-added',
        severity: 'info',
        where: pair.where,
        what: `tag ${code(tag)} was added`,
        oldPointer: at(pair.oldOperation),
        newPointer: at(pair.newOperation),
      });
  }
}
