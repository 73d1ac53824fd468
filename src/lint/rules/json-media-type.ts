/** Requests and responses offer JSON; other types only for binary content declared as such. */
import { asObject, asString, baseMediaType, child, isJsonMediaType, objectEntries, type Json } from '../../blueprint/openapi.js';
import { defineRule, type RuleContext } from '../types.js';

const BINARY_TYPES =
  /^(application\/(octet-stream|pdf|zip|gzip|x-tar|x-7z-compressed|vnd\.[\w.+-]*(sheet|document|presentation)[\w.+-]*)|image\/.*|audio\/.*|video\/.*|font\/.*)$/;

export default defineRule({
  id: 'json-media-type',
  description: 'requests and responses offer JSON (binary types allowed where declared)',
  fix: 'add an application/json representation, or declare the content as binary (format: binary)',
  create(context) {
    const check = (holder: Json, pointer: string, what: string): void => {
      const content = asObject(holder.content);
      if (!content) return;
      const others: string[] = [];
      for (const [mediaType, media] of objectEntries(content)) {
        if (isJsonMediaType(mediaType)) return;
        if (!isBinary(context, mediaType, media, child(child(pointer, 'content'), mediaType))) others.push(mediaType);
      }
      if (others.length > 0) {
        context.report({ message: `${what} offers ${others.join(', ')} but no JSON`, location: child(pointer, 'content') });
      }
    };
    return {
      requestBody: ({ value, pointer }) => check(value, pointer, 'the request body'),
      response: ({ value, pointer }) => check(value, pointer, 'the response'),
    };
  },
});

function isBinary(context: RuleContext, mediaType: string, media: Json, pointer: string): boolean {
  if (BINARY_TYPES.test(baseMediaType(mediaType))) return true;
  const schema = context.resolve(media.schema, child(pointer, 'schema'));
  if (!schema) return false;
  if (binarySchema(schema.value)) return true;
  // A multipart upload: any binary part makes it a declared binary transfer.
  if (baseMediaType(mediaType).startsWith('multipart/')) {
    for (const property of context.properties(schema).values()) if (binarySchema(property.value)) return true;
  }
  return false;
}

function binarySchema(schema: Json): boolean {
  const format = asString(schema.format);
  if (format === 'binary' || format === 'byte') return true;
  if (schema.contentMediaType !== undefined || schema.contentEncoding !== undefined) return true;
  const items = asObject(schema.items);
  return items !== undefined && (asString(items.format) === 'binary' || items.contentMediaType !== undefined);
}
