/**
 * The answer a handler stub gives before the team writes code: the blueprint's
 * own example for the success response, or deterministic data derived from the
 * schema by openapi-sampler (Redocly's sampler: examples first, then formats,
 * enums and bounds; `enablePatterns` makes strings match their `pattern`).
 */
import { sample } from 'openapi-sampler';
import { fragmentToPointer, getAtPointer } from '../blueprint/pointer.js';
import type { ExampleCheck } from './example-check.js';
import type { JsonSchema } from './json-schema.js';
import type { RouteSpec } from './service-model.js';
import { isJsonMediaType } from './operations.js';

type Json = Record<string, unknown>;

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
  if (example !== undefined && isValid(responseSchema, example)) return { status, contentType, body: example };
  if (media.schema === undefined) return { status, contentType, body: {} };
  // Full data first (illustrative); when the sampler's depth limit made it invalid, only what is required.
  for (const options of SAMPLER_ATTEMPTS) {
    const body = sampleOrUndefined(media.schema, document, options);
    if (body !== undefined && isValid(responseSchema, body)) return { status, contentType, body };
  }
  return { status, contentType, body: sampleOrUndefined(media.schema, document, SAMPLER_ATTEMPTS[0]!) ?? null };
}

/** A media type's or parameter's example: `example`, else the first of `examples` (Example Objects, maybe $ref'd). */
export const SAMPLER_ATTEMPTS = [
  { skipWriteOnly: true, quiet: true, enablePatterns: true, maxSampleDepth: 6 },
  { skipWriteOnly: true, quiet: true, enablePatterns: true, maxSampleDepth: 20, skipNonRequired: true },
] as const;

function sampleOrUndefined(schema: unknown, document: unknown, options: (typeof SAMPLER_ATTEMPTS)[number]): unknown {
  try {
    return sample(schema as never, options, document as object);
  } catch {
    return undefined;
  }
}

export function exampleOf(document: unknown, holder: Json): unknown {
  if (holder.example !== undefined) return holder.example;
  if (holder.examples && typeof holder.examples === 'object') {
    for (const entry of Object.values(holder.examples as Json)) {
      const example = resolveRef(document, entry) as Json | undefined;
      if (example && typeof example === 'object' && example.value !== undefined) return example.value;
    }
  }
  return undefined;
}

function resolveRef(document: unknown, value: unknown): unknown {
  if (value && typeof value === 'object' && typeof (value as Json).$ref === 'string') {
    return getAtPointer(document, fragmentToPointer((value as Json).$ref as string));
  }
  return value;
}
