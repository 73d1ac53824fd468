/**
 * Which operations a place in a blueprint concerns: an operation's own
 * subtree, its path item's, and every component its `$ref`s reach,
 * transitively (a change to `#/components/schemas/Pet` concerns every
 * operation that reads or writes a Pet, however deep). Used to say which
 * calls of a service an upstream's change affects.
 */
import { HTTP_METHODS, type HttpMethod } from './openapi.js';
import { childPointer, fragmentToPointer, getAtPointer, unescapeSegment } from './pointer.js';

export interface OperationReach {
  method: HttpMethod;
  path: string;
  /** `/paths/~1pets~1{petId}/get` */
  pointer: string;
  /** Places the operation is defined by: its own pointer, its path item's parameters, and every component it reaches. */
  places: string[];
  /** Security schemes it names (its own requirement, else the document's). */
  schemes: Set<string>;
}

/** Every operation of the document with the places it reaches. */
export function operationReach(document: unknown): OperationReach[] {
  const root = document as Record<string, unknown> | null;
  const paths = root?.paths && typeof root.paths === 'object' ? (root.paths as Record<string, unknown>) : {};
  const reach: OperationReach[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    const itemPointer = childPointer('/paths', path);
    const item = resolve(document, rawItem, itemPointer);
    if (!item.value || typeof item.value !== 'object') continue;
    for (const method of HTTP_METHODS) {
      const operation = (item.value as Record<string, unknown>)[method];
      if (!operation || typeof operation !== 'object') continue;
      const pointer = childPointer(item.pointer, method);
      const places = new Set<string>([pointer, childPointer(item.pointer, 'parameters')]);
      if (item.pointer !== itemPointer) places.add(itemPointer);
      collectRefs(document, operation, places);
      collectRefs(document, (item.value as Record<string, unknown>).parameters, places);
      const security = (operation as Record<string, unknown>).security ?? root?.security;
      const schemes = new Set<string>(
        Array.isArray(security) ? security.flatMap((requirement) => (requirement && typeof requirement === 'object' ? Object.keys(requirement) : [])) : [],
      );
      for (const scheme of schemes) places.add(childPointer('/components/securitySchemes', scheme));
      reach.push({ method, path, pointer, places: [...places], schemes });
    }
  }
  return reach;
}

/**
 * The operations a JSON pointer into the document concerns: those whose places
 * hold it, and, for a path item or operation that is itself the place (one
 * removed or added), the operations under it. None for a place no operation
 * reaches, such as `/info`.
 */
export function operationsAt(reach: readonly OperationReach[], pointer: string): OperationReach[] {
  const underPath = /^\/paths\/[^/]+/.test(pointer);
  return reach.filter((operation) =>
    operation.places.some((place) => pointer === place || pointer.startsWith(`${place}/`) || (underPath && place.startsWith(`${pointer}/`))),
  );
}

function resolve(document: unknown, value: unknown, pointer: string): { value: unknown; pointer: string } {
  let current = { value, pointer };
  for (let hops = 0; hops < 20 && isRef(current.value); hops++) {
    const target = fragmentToPointer((current.value as { $ref: string }).$ref);
    current = { value: getAtPointer(document, target), pointer: target };
  }
  return current;
}

/**
 * The names of the component schemas the document's operations use (under `paths` and `webhooks`), directly or
 * through other components, at any depth.
 */
export function usedSchemaComponents(document: unknown): Set<string> {
  const root = document as Record<string, unknown> | null;
  const places = new Set<string>();
  collectRefs(document, [root?.paths, root?.webhooks], places);
  const names = new Set<string>();
  for (const place of places) {
    const match = /^\/components\/schemas\/([^/]+)$/.exec(place);
    if (match) names.add(unescapeSegment(match[1]!));
  }
  return names;
}

/** Every internal `$ref` under `value`, followed into what it names, once each. */
function collectRefs(document: unknown, value: unknown, places: Set<string>, depth = 0): void {
  if (value === null || typeof value !== 'object' || depth > 200) return;
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(document, item, places, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  if (typeof record.$ref === 'string' && record.$ref.startsWith('#')) {
    const target = fragmentToPointer(record.$ref);
    if (!places.has(target)) {
      places.add(target);
      collectRefs(document, getAtPointer(document, target), places, depth + 1);
    }
  }
  for (const [key, child] of Object.entries(record)) if (key !== '$ref') collectRefs(document, child, places, depth + 1);
}

function isRef(value: unknown): boolean {
  return value !== null && typeof value === 'object' && typeof (value as { $ref?: unknown }).$ref === 'string';
}
