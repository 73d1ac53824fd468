/**
 * How the service reads a media type. The generator decides which bodies are
 * JSON by the same rule (src/blueprint/openapi.ts); a service cannot import
 * the generator, so this is a copy, and test/seams/media-type.test.ts fails
 * when the two disagree on any media type it tries.
 */

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
