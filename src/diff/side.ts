/**
 * One of the two documents being compared: its bundled document and a memoised
 * resolver for internal `$ref`s (the loader leaves only `#/...` refs). Every
 * accessor tolerates odd shapes: a diff never throws on a document the loader accepted.
 */
import type { LoadedBlueprint } from '../blueprint/load.js';
import { asObject, type Json } from '../blueprint/openapi.js';
import { fragmentToPointer, getAtPointer } from '../blueprint/pointer.js';

export { asObject };

/** A node of the document and where it is. */
export interface Located {
  node: unknown;
  pointer: string;
}

export type JsonRecord = Json;

const MAX_REF_HOPS = 32;

export class Side {
  readonly document: JsonRecord;
  private readonly targets = new Map<string, Located>();

  constructor(loaded: LoadedBlueprint) {
    this.document = asObject(loaded.document) ?? {};
  }

  /** Follow `$ref` until a node that is not a reference; unresolvable refs give an undefined node. */
  resolve(node: unknown, pointer: string): Located {
    let located: Located = { node, pointer };
    for (let hops = 0; hops < MAX_REF_HOPS; hops++) {
      const ref = refOf(located.node);
      if (ref === undefined) return located;
      located = this.target(ref);
    }
    return { node: undefined, pointer: located.pointer };
  }

  private target(ref: string): Located {
    let found = this.targets.get(ref);
    if (!found) {
      const pointer = ref.startsWith('#') ? fragmentToPointer(ref) : '';
      found = { node: ref.startsWith('#') ? getAtPointer(this.document, pointer) : undefined, pointer };
      this.targets.set(ref, found);
    }
    return found;
  }
}

export function refOf(node: unknown): string | undefined {
  const ref = own(asObject(node), '$ref');
  return typeof ref === 'string' ? ref : undefined;
}

/** Own enumerable entries of a mapping, or none: `__proto__` and friends are plain keys here. */
export function entriesOf(value: unknown): Array<[string, unknown]> {
  const record = asObject(value);
  return record ? Object.entries(record) : [];
}

export function has(record: JsonRecord | undefined, key: string): boolean {
  return record !== undefined && Object.hasOwn(record, key);
}

export function own(record: JsonRecord | undefined, key: string): unknown {
  return has(record, key) ? record![key] : undefined;
}

/**
 * `code` as a code span (CommonMark): fenced by more backticks than any run
 * inside it, padded where a space or backtick would be eaten, so a name with
 * backticks stays one span, as it was written.
 */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
