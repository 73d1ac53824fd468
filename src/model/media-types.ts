/**
 * Media-type keys of a Content map: those that are `type/subtype` (or the
 * `*\/*` range) are used, others are ignored with a note.
 */
import type { Json } from '../blueprint/openapi.js';
import type { OperationContext } from './operation-context.js';

/** Media-type keys that are `type/subtype` (with parameters); others are ignored with a note. */
export function usableMediaTypes(context: OperationContext, content: Json, pointer: string): string[] {
  return Object.keys(content).filter((mediaType) => {
    // `*/*` is a range blueprints use for JSON (Springdoc writes it for every response); `*/json` is nothing.
    const usable = /^(?:\*\/\*|[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+*-]+)(\s*;[^\u0000-\u001f]*)?$/.test(mediaType);
    if (!usable) context.notes.push(`${pointer}: ${JSON.stringify(mediaType)} is not a media type; ignored`);
    return usable;
  });
}
