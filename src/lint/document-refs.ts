/**
 * Every `$ref` of a document with the pointer of the object holding it,
 * collected once per document (forEachRef walks the whole document, which
 * costs about 0.1 s on GitHub's description) for the rules that need them all.
 */
import { forEachRef } from '../blueprint/refs.js';

export interface DocumentRef {
  ref: string;
  pointer: string;
  holder: Record<string, unknown>;
}

const cache = new WeakMap<object, DocumentRef[]>();

export function documentRefs(document: object): readonly DocumentRef[] {
  let refs = cache.get(document);
  if (!refs) {
    const found: DocumentRef[] = [];
    forEachRef(document, (ref, pointer, holder) => found.push({ ref, pointer, holder }));
    cache.set(document, (refs = found));
  }
  return refs;
}
