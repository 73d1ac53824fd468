/**
 * Request Body Object -> the JSON (and form) schemas the service validates per
 * media type, the body's TypeScript type, and a valid sample for the tests.
 * https://spec.openapis.org/oas/v3.1.0#request-body-object
 */
import { isJsonMediaType, type Json } from '../blueprint/openapi.js';
import { childPointer, followRefs } from '../blueprint/pointer.js';
import { defineOwn, type JsonSchema } from './json-schema.js';
import { usableMediaTypes } from './media-types.js';
import type { OperationContext } from './operation-context.js';
import { exampleOf } from './samples/mock.js';
import { validSample } from './samples/valid-sample.js';
import { schemaToType, union, type TypeNode } from './type-node.js';

export function requestBody(context: OperationContext, raw: unknown, pointer: string) {
  const body = followRefs(context.loaded.document, raw) as Json | undefined;
  const content = (body?.content ?? {}) as Json;
  const mediaTypes = usableMediaTypes(context, content, `${pointer}/content`);
  const jsonContent: Record<string, { schema: JsonSchema }> = {};
  const types: TypeNode[] = [];
  for (const mediaType of mediaTypes) {
    const media = (content[mediaType] ?? {}) as Json;
    const base = mediaType.split(';')[0]!.trim().toLowerCase();
    if (isJsonMediaType(base) || base === 'application/x-www-form-urlencoded') {
      const key = base === '*/*' || base === 'application/*' ? 'application/json' : base;
      if (media.schema !== undefined && !Object.hasOwn(jsonContent, key)) {
        const schema = context.converter.routeSchema(media.schema, childPointer(childPointer(pointer, 'content'), mediaType), 'request');
        // Form values arrive as text; the service coerces schemas marked this way (platform/validation.ts).
        const marked = key === 'application/x-www-form-urlencoded' && typeof schema === 'object' ? { ...schema, 'x-form-encoded': true } : schema;
        defineOwn(jsonContent, key, { schema: marked });
      }
      types.push(media.schema === undefined ? { kind: 'primitive', name: 'unknown' } : schemaToType(media.schema, context.types));
    } else {
      types.push({ kind: 'primitive', name: base.startsWith('text/') ? 'string' : 'Buffer' });
    }
  }
  const required = body?.required === true;
  let type: TypeNode = mediaTypes.length === 0 ? { kind: 'primitive', name: 'undefined' } : union(types);
  if (!required && mediaTypes.length > 0) type = union([type, { kind: 'primitive', name: 'undefined' }]);
  return {
    mediaTypes,
    required,
    jsonContent: Object.keys(jsonContent).length > 0 ? jsonContent : undefined,
    type,
    sample: sampleBody(context, content, mediaTypes, required, jsonContent),
  };
}

function sampleBody(
  context: OperationContext,
  content: Json,
  mediaTypes: string[],
  required: boolean,
  jsonContent: Record<string, { schema: JsonSchema }>,
): { contentType: string | null; value: unknown } {
  const chosen = mediaTypes.find(isJsonMediaType) ?? mediaTypes.find((type) => type.startsWith('application/x-www-form-urlencoded')) ?? mediaTypes[0];
  if (chosen === undefined || (!required && !mediaTypes.some(isJsonMediaType))) return { contentType: null, value: null };
  const media = (content[chosen] ?? {}) as Json;
  const contentType = chosen === '*/*' || chosen === 'application/*' ? 'application/json' : chosen;
  if (!isJsonMediaType(chosen) && !chosen.startsWith('application/x-www-form-urlencoded')) return { contentType, value: 'x' };
  const example = exampleOf(context.loaded.document, media);
  const converted = jsonContent[contentType.split(';')[0]!.trim().toLowerCase()]?.schema;
  return { contentType, value: validSample('request', media.schema, context.loaded.document, example, converted, context.isValidRequest) ?? null };
}
