/**
 * The answer a handler stub gives before the team writes code: the blueprint's
 * own example for the success response, or valid data derived from its schema
 * (valid-sample.ts).
 */
import { followRefs } from '../../blueprint/pointer.js';
import type { ExampleCheck } from './example-check.js';
import { validSample } from './valid-sample.js';
import type { JsonSchema } from '../json-schema.js';
import type { RouteSpec } from '../service-model.js';
import { isJsonMediaType, type Json } from '../../blueprint/openapi.js';

export function mockAnswer(
  document: unknown,
  success: { status: number; mediaType: string | null; media: Json | undefined },
  responseSchema: JsonSchema | undefined,
  isValid: ExampleCheck,
): RouteSpec['mock'] {
  const { status, mediaType, media } = success;
  if (status === 204 || status === 304 || mediaType === null || media === undefined) {
    return { status, contentType: null, body: null };
  }
  const contentType = mediaType === '*/*' ? 'application/json' : mediaType;
  const example = exampleOf(document, media);
  if (!isJsonMediaType(mediaType)) {
    return { status, contentType, body: typeof example === 'string' ? example : '' };
  }
  if (media.schema === undefined && example === undefined) return { status, contentType, body: {} };
  const body = validSample('response', media.schema, document, example, responseSchema, isValid);
  return { status, contentType, body: body === undefined ? null : body };
}

/** A media type's or parameter's example: `example`, else the first of `examples` (Example Objects, maybe $ref'd). */
export function exampleOf(document: unknown, holder: Json): unknown {
  if (holder.example !== undefined) return holder.example;
  if (holder.examples && typeof holder.examples === 'object') {
    for (const entry of Object.values(holder.examples as Json)) {
      const example = followRefs(document, entry) as Json | undefined;
      if (example && typeof example === 'object' && example.value !== undefined) return example.value;
    }
  }
  return undefined;
}
