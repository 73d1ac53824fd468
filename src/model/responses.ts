/**
 * Responses Object -> a response type per status for the Handlers interface,
 * the serialisation schema per status, the media types produced (for 406), and
 * the response a mock answers with.
 * https://spec.openapis.org/oas/v3.1.0#responses-object
 */
import { isJsonMediaType, type Json } from '../blueprint/openapi.js';
import { followRefs } from '../blueprint/pointer.js';
import type { JsonSchema } from './json-schema.js';
import { usableMediaTypes } from './media-types.js';
import type { OperationContext } from './operation-context.js';
import type { ResponseModel } from './service-model.js';
import { schemaToType, type TypeNode } from './type-node.js';

export interface BuiltResponses {
  models: ResponseModel[];
  schemas: Record<string, JsonSchema>;
  produces: string[];
  /** The response a mock answers with: status, media type, its media object, and its key in `schemas`. */
  success: { status: number; mediaType: string | null; media: Json | undefined; schemaKey: string };
}

export function buildResponses(context: OperationContext, raw: unknown, pointer: string): BuiltResponses {
  const responses = (raw && typeof raw === 'object' ? raw : {}) as Json;
  const models: ResponseModel[] = [];
  const schemas: Record<string, JsonSchema> = {};
  const produces = new Set<string>();
  let success: BuiltResponses['success'] | undefined;
  // Without a literal 2xx, a 2XX range answers before `default` (usually the error), in whatever order they are written.
  let range2xx: BuiltResponses['success'] | undefined;
  let byDefault: BuiltResponses['success'] | undefined;
  // With no success declared (a redirect such as GitHub's archive downloads, or only errors), the mock still
  // answers a status the blueprint declares: the first redirect, else the first error. 1xx is never an answer.
  let redirect: BuiltResponses['success'] | undefined;
  let failure: BuiltResponses['success'] | undefined;

  for (const [statusKey, rawResponse] of Object.entries(responses)) {
    const response = followRefs(context.loaded.document, rawResponse) as Json | undefined;
    if (!response || typeof response !== 'object') continue;
    const key = statusKey.toUpperCase();
    const literal = /^[1-5]\d\d$/.test(key) ? Number(key) : undefined;
    const range = /^[1-5]XX$/.test(key) ? key.toLowerCase() : undefined;
    if (literal === undefined && range === undefined && key !== 'DEFAULT') {
      context.notes.push(`${pointer}/${statusKey}: "${statusKey}" is not a status code; ignored`);
      continue;
    }
    const content = (response.content ?? {}) as Json;
    const mediaTypes = usableMediaTypes(context, content, `${pointer}/${statusKey}/content`);
    const jsonType = mediaTypes.find(isJsonMediaType);
    const chosen = jsonType ?? mediaTypes[0];
    const media = chosen === undefined ? undefined : ((content[chosen] ?? {}) as Json);
    for (const mediaType of mediaTypes) produces.add(mediaType === '*/*' ? 'application/json' : mediaType);
    const description = typeof response.description === 'string' ? response.description : '';
    let bodyType: TypeNode | undefined;
    const schemaKey = literal !== undefined ? String(literal) : (range ?? 'default');
    if (jsonType !== undefined && media?.schema !== undefined) {
      schemas[schemaKey] = context.converter.routeSchema(media.schema, `${pointer}/${statusKey}`, 'response');
      bodyType = schemaToType(media.schema, context.types);
    } else if (jsonType !== undefined) {
      bodyType = { kind: 'primitive', name: 'unknown' };
    } else if (chosen !== undefined) {
      bodyType = {
        kind: 'union',
        members: [
          { kind: 'primitive', name: 'string' },
          { kind: 'primitive', name: 'Buffer' },
        ],
      };
    }
    models.push({ status: literal, description, bodyType, raw: jsonType === undefined && chosen !== undefined });
    const candidate = { status: literal ?? (range ? Number(range[0]) * 100 : 200), mediaType: chosen ?? null, media, schemaKey };
    if (literal !== undefined && literal >= 200 && literal < 300 && (!success || literal < success.status)) success = candidate;
    if (range === '2xx') range2xx ??= candidate;
    if (key === 'DEFAULT') byDefault ??= { ...candidate, status: 200 };
    if (literal !== undefined && literal >= 300 && literal < 400 && (!redirect || redirectRank(literal) < redirectRank(redirect.status))) redirect = candidate;
    if (literal !== undefined && literal >= 400 && (!failure || literal < failure.status)) failure = candidate;
  }
  const none = { status: 204, mediaType: null, media: undefined, schemaKey: '204' };
  return { models, schemas, produces: [...produces], success: success ?? range2xx ?? byDefault ?? redirect ?? failure ?? none };
}

/** The lowest redirect, 304 (Not Modified, an answer to a conditional request only) last. */
function redirectRank(status: number): number {
  return status === 304 ? 1000 : status;
}
