/**
 * Request bodies and the media types of any `content` map (request or response):
 * a media type removed is a representation clients use that is gone; one
 * replaced by a wider (`application/*`) or narrower one is generalised or
 * specialised; the schemas of media types in both are compared in the
 * content's direction (XML bodies loosely, see findings.ts).
 * https://spec.openapis.org/oas/v3.1.0#request-body-object
 * https://spec.openapis.org/oas/v3.1.0#media-type-object
 */
import { baseMediaType } from '../blueprint/openapi.js';
import { childPointer } from '../blueprint/pointer.js';
import type { Finding, Severity } from './change.js';
import { polarity, type DiffContext, type OperationPair } from './context.js';
import { toFinding, type Direction } from './findings.js';
import { matchMediaTypes, type MediaMatch } from './media-types.js';
import { asObject, code, entriesOf, own, type Located } from './side.js';

export function diffRequestBody(ctx: DiffContext, pair: OperationPair): void {
  const oldBody = bodyOf(ctx.old, pair.oldOperation);
  const newBody = bodyOf(ctx.new, pair.newOperation);
  if (!oldBody && !newBody) return;
  const report = (finding: Omit<Finding, 'where'>) => ctx.log.add({ ...finding, where: pair.where });
  const required = (body: Located) => own(asObject(body.node), 'required') === true;
  if (!oldBody) {
    report(
      required(newBody!)
        ? {
            id: 'request-body-added-required',
            severity: polarity(pair, 'breaking', 'info'),
            what: `a required request body was added${pair.reversed ? '' : ': requests without it are refused'}`,
            oldPointer: pair.oldOperation.pointer,
            newPointer: newBody!.pointer,
          }
        : {
            id: 'request-body-added',
            severity: 'info',
            what: 'an optional request body was added',
            oldPointer: pair.oldOperation.pointer,
            newPointer: newBody!.pointer,
          },
    );
    return;
  }
  if (!newBody) {
    report({
      id: 'request-body-removed',
      severity: 'breaking',
      what: pair.reversed
        ? 'the request body was removed: clients that read it get nothing'
        : 'the request body was removed: what clients send is no longer read',
      oldPointer: oldBody.pointer,
      newPointer: pair.newOperation.pointer,
    });
    return;
  }
  if (!required(oldBody) && required(newBody)) {
    report({
      id: 'request-body-became-required',
      severity: polarity(pair, 'breaking', 'info'),
      what: `the request body became required${pair.reversed ? '' : ': requests without it are refused'}`,
      oldPointer: oldBody.pointer,
      newPointer: newBody.pointer,
    });
  } else if (required(oldBody) && !required(newBody)) {
    report({
      id: 'request-body-became-optional',
      severity: polarity(pair, 'info', 'breaking'),
      what: `the request body became optional${pair.reversed ? ': clients that count on it may not get it' : ''}`,
      oldPointer: oldBody.pointer,
      newPointer: newBody.pointer,
    });
  }
  const content: ContentRole = { subject: 'request', direction: pair.reversed ? 'response' : 'request', negotiated: false };
  diffContent(ctx, content, pair.where, oldBody, newBody, (mediaType) => `${pair.where} (${mediaType})`);
}

function bodyOf(side: DiffContext['old'], operation: Located): Located | undefined {
  const body = own(asObject(operation.node), 'requestBody');
  if (body === undefined) return undefined;
  const resolved = side.resolve(body, `${operation.pointer}/requestBody`);
  return asObject(resolved.node) ? resolved : undefined;
}

/** What a `content` map is: a request body or a response, who sends it, and whether clients choose the type (Accept). */
export interface ContentRole {
  /** For the check ids: `request-body-media-type-*` or `response-media-type-*`. */
  subject: Direction;
  /** Who sends it: `request` when clients do, `response` when they receive it. */
  direction: Direction;
  /** Clients ask for a response type with `Accept`; the API picks the type of a webhook's body. */
  negotiated: boolean;
}

/** Compare the `content` maps of two objects (request bodies, responses) that both exist. */
export function diffContent(
  ctx: DiffContext,
  role: ContentRole,
  where: string,
  oldOwner: Located,
  newOwner: Located,
  whereFor: (mediaType: string) => string,
): void {
  const oldContent = contentOf(oldOwner);
  const newContent = contentOf(newOwner);
  const matches = matchMediaTypes([...oldContent.keys()], [...newContent.keys()]);
  const matched = new Set([...matches.values()].map((match) => match.type));
  const sends = role.direction === 'request';
  const prefix = role.subject === 'request' ? 'request-body-media-type' : 'response-media-type';
  const report = (finding: Omit<Finding, 'where'>) => ctx.log.add({ ...finding, where });
  for (const [mediaType, oldMedia] of oldContent) {
    const match = matches.get(mediaType);
    if (match === undefined) {
      report({
        id: `${prefix}-removed`,
        severity: sends || role.negotiated ? 'breaking' : 'info',
        what: sends
          ? `media type ${code(mediaType)} is no longer accepted: clients that send it are refused`
          : role.negotiated
            ? `media type ${code(mediaType)} is no longer produced: clients that ask for it get 406 or another type`
            : `media type ${code(mediaType)} is no longer sent`,
        oldPointer: oldMedia.pointer,
        newPointer: `${newOwner.pointer}/content`,
      });
      continue;
    }
    const newMedia = newContent.get(match.type)!;
    if (match.relation !== 'same') reportRenamed(report, role, prefix, mediaType, match, oldMedia, newMedia);
    diffMediaSchemas(ctx, role, whereFor(match.type), oldMedia, newMedia, match.type);
  }
  for (const [mediaType, newMedia] of newContent) {
    if (matched.has(mediaType)) continue;
    const surprise = !sends && !role.negotiated;
    report({
      id: `${prefix}-added`,
      severity: surprise ? 'warning' : 'info',
      what: `media type ${code(mediaType)} was added${surprise ? ': clients that only read the others may not read it' : ''}`,
      oldPointer: `${oldOwner.pointer}/content`,
      newPointer: newMedia.pointer,
    });
  }
}

/** `application/json` -> `application/*` (generalised), the other way (specialised), or its parameters changed. */
function reportRenamed(
  report: (finding: Omit<Finding, 'where'>) => void,
  role: ContentRole,
  prefix: string,
  mediaType: string,
  match: MediaMatch,
  oldMedia: Located,
  newMedia: Located,
): void {
  const sends = role.direction === 'request';
  // A sender is fine with a wider type and refused by a narrower one; a receiver the other way round.
  const severity: Severity = match.relation === 'changed' ? 'warning' : (match.relation === 'generalized') === sends ? 'info' : 'breaking';
  const consequence = severity === 'info' ? '' : sends ? ': bodies of the old type may be refused' : ': clients may receive a type they do not read';
  report({
    id: `${prefix}-name-${match.relation}` as Finding['id'],
    severity,
    what: `media type ${code(mediaType)} became ${code(match.type)}${consequence}`,
    oldPointer: oldMedia.pointer,
    newPointer: newMedia.pointer,
  });
}

function diffMediaSchemas(ctx: DiffContext, role: ContentRole, where: string, oldMedia: Located, newMedia: Located, mediaType: string): void {
  const oldSchema = own(asObject(oldMedia.node), 'schema');
  const newSchema = own(asObject(newMedia.node), 'schema');
  const sends = role.direction === 'request';
  const id = role.subject === 'request' ? 'request-body-media-type-schema' : 'response-body-media-type-schema';
  if (oldSchema === undefined && newSchema !== undefined) {
    ctx.log.add({
      id: `${id}-added`,
      severity: sends ? 'breaking' : 'info',
      where,
      what: `the body gained a schema (anything was valid before)${sends ? ': requests valid before may be refused' : ''}`,
      oldPointer: oldMedia.pointer,
      newPointer: `${newMedia.pointer}/schema`,
    });
    return;
  }
  if (oldSchema !== undefined && newSchema === undefined) {
    ctx.log.add({
      id: `${id}-removed`,
      severity: sends ? 'info' : 'breaking',
      where,
      what: `the body lost its schema${sends ? '' : ': clients may receive anything'}`,
      oldPointer: `${oldMedia.pointer}/schema`,
      newPointer: newMedia.pointer,
    });
    return;
  }
  if (oldSchema === undefined || newSchema === undefined) return;
  const found = ctx.schemas.compare(
    { direction: role.direction, xml: isXml(mediaType) },
    oldSchema,
    `${oldMedia.pointer}/schema`,
    newSchema,
    `${newMedia.pointer}/schema`,
  );
  for (const finding of found) ctx.log.add(toFinding({ kind: 'body', subject: role.subject }, where, finding));
}

function isXml(mediaType: string): boolean {
  const essence = baseMediaType(mediaType);
  return essence.endsWith('/xml') || essence.endsWith('+xml');
}

function contentOf(owner: Located): Map<string, Located> {
  const content = new Map<string, Located>();
  const base = `${owner.pointer}/content`;
  for (const [mediaType, media] of entriesOf(own(asObject(owner.node), 'content'))) {
    content.set(mediaType, { node: media, pointer: childPointer(base, mediaType) });
  }
  return content;
}
