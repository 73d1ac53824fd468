/**
 * Request bodies and the media types of any `content` map (request or response):
 * a media type removed is a representation clients use that is gone; the
 * schemas of media types in both are compared in the content's direction.
 * https://spec.openapis.org/oas/v3.1.0#request-body-object
 * https://spec.openapis.org/oas/v3.1.0#media-type-object
 */
import { childPointer } from '../blueprint/pointer.js';
import type { DiffContext, OperationPair } from './context.js';
import { toFinding, type Direction } from './schemas.js';
import { asRecord, code, entriesOf, own, type Located } from './side.js';

export function diffRequestBody(ctx: DiffContext, pair: OperationPair): void {
  const oldBody = bodyOf(ctx.old, pair.oldOperation);
  const newBody = bodyOf(ctx.new, pair.newOperation);
  if (!oldBody && !newBody) return;
  const required = (body: Located) => own(asRecord(body.node), 'required') === true;
  if (!oldBody) {
    ctx.log.add(
      required(newBody!)
        ? {
            id: 'request-body-added-required',
            severity: 'breaking',
            where: pair.where,
            what: 'a required request body was added: requests without it are refused',
            oldPointer: pair.oldOperation.pointer,
            newPointer: newBody!.pointer,
          }
        : {
            id: 'request-body-added',
            severity: 'info',
            where: pair.where,
            what: 'an optional request body was added',
            oldPointer: pair.oldOperation.pointer,
            newPointer: newBody!.pointer,
          },
    );
    return;
  }
  if (!newBody) {
    ctx.log.add({
      id: 'request-body-removed',
      severity: 'breaking',
      where: pair.where,
      what: 'the request body was removed: what clients send is no longer read',
      oldPointer: oldBody.pointer,
      newPointer: pair.newOperation.pointer,
    });
    return;
  }
  if (!required(oldBody) && required(newBody)) {
    ctx.log.add({
      id: 'request-body-became-required',
      severity: 'breaking',
      where: pair.where,
      what: 'the request body became required: requests without it are refused',
      oldPointer: oldBody.pointer,
      newPointer: newBody.pointer,
    });
  } else if (required(oldBody) && !required(newBody)) {
    ctx.log.add({
      id: 'request-body-became-optional',
      severity: 'info',
      where: pair.where,
      what: 'the request body became optional',
      oldPointer: oldBody.pointer,
      newPointer: newBody.pointer,
    });
  }
  diffContent(ctx, 'request', pair.where, oldBody, newBody, (mediaType) => `${pair.where} (${mediaType})`);
}

function bodyOf(side: DiffContext['old'], operation: Located): Located | undefined {
  const body = own(asRecord(operation.node), 'requestBody');
  if (body === undefined) return undefined;
  const resolved = side.resolve(body, `${operation.pointer}/requestBody`);
  return asRecord(resolved.node) ? resolved : undefined;
}

/** Compare the `content` maps of two objects (request bodies, responses) that both exist. */
export function diffContent(
  ctx: DiffContext,
  direction: Direction,
  where: string,
  oldOwner: Located,
  newOwner: Located,
  whereFor: (mediaType: string) => string,
): void {
  const oldContent = contentOf(oldOwner);
  const newContent = contentOf(newOwner);
  const matches = matchMediaTypes([...oldContent.keys()], [...newContent.keys()]);
  const matched = new Set(matches.values());
  for (const [mediaType, oldMedia] of oldContent) {
    const newType = matches.get(mediaType);
    if (newType === undefined) {
      ctx.log.add({
        id: direction === 'request' ? 'request-body-media-type-removed' : 'response-media-type-removed',
        severity: 'breaking',
        where,
        what:
          direction === 'request'
            ? `media type ${code(mediaType)} is no longer accepted: clients that send it are refused`
            : `media type ${code(mediaType)} is no longer produced: clients that ask for it get 406 or another type`,
        oldPointer: oldMedia.pointer,
        newPointer: `${newOwner.pointer}/content`,
      });
      continue;
    }
    const newMedia = newContent.get(newType)!;
    const oldSchema = own(asRecord(oldMedia.node), 'schema');
    const newSchema = own(asRecord(newMedia.node), 'schema');
    if (oldSchema === undefined || newSchema === undefined) continue;
    const found = ctx.schemas.compare(direction, oldSchema, `${oldMedia.pointer}/schema`, newSchema, `${newMedia.pointer}/schema`);
    for (const finding of found) ctx.log.add(toFinding({ kind: 'body', direction }, whereFor(newType), finding));
  }
  for (const [mediaType, newMedia] of newContent) {
    if (matched.has(mediaType)) continue;
    ctx.log.add({
      id: direction === 'request' ? 'request-body-media-type-added' : 'response-media-type-added',
      severity: 'info',
      where,
      what: `media type ${code(mediaType)} was added`,
      oldPointer: `${oldOwner.pointer}/content`,
      newPointer: newMedia.pointer,
    });
  }
}

function contentOf(owner: Located): Map<string, Located> {
  const content = new Map<string, Located>();
  const base = `${owner.pointer}/content`;
  for (const [mediaType, media] of entriesOf(own(asRecord(owner.node), 'content'))) {
    content.set(mediaType, { node: media, pointer: childPointer(base, mediaType) });
  }
  return content;
}

/** Exact media type first, then the same type ignoring case, spaces and parameters (`; charset=utf-8`). */
function matchMediaTypes(oldTypes: string[], newTypes: string[]): Map<string, string> {
  const matches = new Map<string, string>();
  const remaining = new Set(newTypes);
  for (const type of oldTypes) {
    if (remaining.has(type)) {
      matches.set(type, type);
      remaining.delete(type);
    }
  }
  const essence = (type: string) => type.split(';')[0]!.trim().toLowerCase();
  for (const type of oldTypes) {
    if (matches.has(type)) continue;
    const candidate = [...remaining].find((other) => essence(other) === essence(type));
    if (candidate !== undefined) {
      matches.set(type, candidate);
      remaining.delete(candidate);
    }
  }
  return matches;
}
