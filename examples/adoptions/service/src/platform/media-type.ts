/**
 * How the service reads a media type. The generator decides which bodies are
 * JSON by the same rule (src/blueprint/openapi.ts); a service cannot import
 * the generator, so this is a copy, and test/seams/media-type.test.ts fails
 * when the two disagree on any media type it tries.
 */
import type { FastifyReply } from 'fastify';

/** Media type without parameters, lower-cased: `application/json; charset=utf-8` -> `application/json`. */
export function baseMediaType(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}

/**
 * JSON-like media types: application/json, application/problem+json,
 * application/vnd.x+json, the legacy text/json, and the ranges that admit JSON
 * (`*\/*`, `application/*`): the blueprint gave those a JSON schema, so their
 * bodies are JSON here too.
 */
export function isJsonMediaType(mediaType: string): boolean {
  const base = baseMediaType(mediaType);
  return base === 'application/json' || base.endsWith('+json') || base === 'text/json' || base === '*/*' || base === 'application/*';
}

/**
 * Sets the answer's media type. For a plain object or array in
 * `application/json`, with no type set yet, Fastify writes
 * `application/json; charset=utf-8` itself, a constant: setting the type
 * would cost a parse of it and a new header text on every answer (the text
 * Node then checks character by character), for the same header.
 */
export function setContentType(reply: FastifyReply, type: string | null | undefined, body: unknown): void {
  if (!type) return;
  if (type === 'application/json' && isPlainBody(body) && !reply.hasHeader('content-type')) return;
  reply.type(type);
}

function isPlainBody(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const prototype = Object.getPrototypeOf(body);
  return prototype === Object.prototype || prototype === Array.prototype || prototype === null;
}
