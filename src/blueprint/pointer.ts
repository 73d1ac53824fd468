/** JSON Pointer (RFC 6901) helpers. Pointers here never carry the leading `#`. */

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  const body = pointer.startsWith('/') ? pointer.slice(1) : pointer;
  return body.split('/').map(unescapeSegment);
}

export function joinPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${escapeSegment(String(segment))}`).join('');
}

export function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${escapeSegment(String(key))}`;
}

/** The value at `pointer` in `root`, or undefined. Own properties only: `__proto__` is data here. */
export function getAtPointer(root: unknown, pointer: string): unknown {
  let node: unknown = root;
  for (const segment of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

/** Decode the fragment of a `$ref` (`#/a/b%20c`) into a pointer (`/a/b c`). */
export function fragmentToPointer(fragment: string): string {
  const raw = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** `value` with its chain of internal `$ref`s followed (at most 20 hops, so a cycle ends). */
export function followRefs(document: unknown, value: unknown): unknown {
  let current = value;
  for (let hops = 0; hops < 20 && current !== null && typeof current === 'object' && typeof (current as { $ref?: unknown }).$ref === 'string'; hops++) {
    current = getAtPointer(document, fragmentToPointer((current as { $ref: string }).$ref));
  }
  return current;
}
