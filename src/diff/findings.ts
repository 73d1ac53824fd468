/**
 * What a schema comparison finds, before it is tied to an operation: a kind,
 * a severity in the comparison's direction, and a property path relative to
 * the schema compared (so that a memoised result can be reused under any
 * parent). `toFinding` gives it its check id and words once its root is known.
 */
import type { Finding, Severity } from './change.js';
import type { SchemaSubject } from './catalogue.js';
import type { SchemaKind } from './schema-kinds.js';
import type { SchemaView } from './schema-view.js';
import { code, type Located } from './side.js';

export type Direction = 'request' | 'response';

/** How a schema is compared: its direction, and how its values travel. */
export interface Mode {
  readonly direction: Direction;
  /** Values arrive as text (query, path, header, cookie): a string accepts what an integer did, an array one value. */
  readonly text?: boolean;
  /** An XML body: types map loosely onto elements, so a type change is a warning. */
  readonly xml?: boolean;
}

export interface SchemaFinding {
  kind: SchemaKind;
  severity: Severity;
  /** Property names from the compared schema; `[]` for array items, `{}` for map values, `(X)` for a subschema. */
  path: readonly string[];
  /** A verb phrase: "was removed: clients that read it get nothing". */
  what: string;
  oldPointer: string;
  newPointer: string;
}

/** What a comparison needs from the differ: views of both sides, and nested comparisons. */
export interface Comparer {
  compare(mode: Mode, oldNode: unknown, oldPointer: string, newNode: unknown, newPointer: string): readonly SchemaFinding[];
  view(side: 'old' | 'new', located: Located): SchemaView;
  variantTypes(side: 'old' | 'new', view: SchemaView): ReadonlySet<string> | undefined;
  shape(side: 'old' | 'new', node: unknown, pointer: string): string;
}

/** The findings of one comparison, in the mode it is made. */
export class Findings {
  readonly list: SchemaFinding[] = [];

  constructor(
    readonly mode: Mode,
    readonly comparer: Comparer,
  ) {}

  get request(): boolean {
    return this.mode.direction === 'request';
  }

  /** The severity in this comparison's direction. */
  grade(request: Severity, response: Severity): Severity {
    return this.request ? request : response;
  }

  add(kind: SchemaKind, severity: Severity, what: string, oldPointer: string, newPointer: string, path: readonly string[] = []): void {
    this.list.push({ kind, severity, path, what, oldPointer, newPointer });
  }

  /** Add a child comparison's findings under `segment`. */
  nest(segment: string, found: readonly SchemaFinding[]): void {
    for (const finding of found) this.list.push({ ...finding, path: [segment, ...finding.path] });
  }

  /** Compare two subschemas (in this mode, or another) and nest what they differ in. */
  sub(segment: string, o: Located, n: Located, mode: Mode = this.mode): void {
    this.nest(segment, this.comparer.compare(mode, o.node, o.pointer, n.node, n.pointer));
  }
}

export function flip(mode: Mode): Mode {
  return { ...mode, direction: mode.direction === 'request' ? 'response' : 'request' };
}

export function modeKey(mode: Mode): string {
  return `${mode.direction}${mode.text ? '+text' : ''}${mode.xml ? '+xml' : ''}`;
}

/** How a schema was reached: the root of a comparison, for ids and messages. */
export type SchemaRoot = { kind: 'body'; subject: Direction } | { kind: 'parameter'; label: string } | { kind: 'header'; label: string };

/** Turn a schema finding into a finding of the change log, with its id and words. */
export function toFinding(root: SchemaRoot, where: string, found: SchemaFinding): Finding {
  const property = found.path.length > 0;
  const path = code(displayPath(found.path));
  let subject: SchemaSubject;
  let label: string;
  if (root.kind === 'body') {
    subject = `${root.subject}-${property ? 'property' : 'body'}`;
    label = property ? `${root.subject} property ${path}` : `${root.subject} body`;
  } else {
    subject =
      root.kind === 'parameter' ? (property ? 'request-parameter-property' : 'request-parameter') : property ? 'response-header-property' : 'response-header';
    label = property ? `${root.label} property ${path}` : root.label;
  }
  return {
    id: `${subject}-${found.kind}`,
    severity: found.severity,
    where,
    what: `${label} ${found.what}`,
    oldPointer: found.oldPointer,
    newPointer: found.newPointer,
  };
}

export function displayPath(path: readonly string[]): string {
  let text = '';
  for (const segment of path) {
    text += segment === '[]' || segment === '{}' || segment.startsWith('(') || text === '' ? segment : `.${segment}`;
  }
  return text;
}

const RANK: Record<Severity, number> = { breaking: 0, warning: 1, info: 2 };

export function worse(a: Severity, b: Severity): Severity {
  return RANK[a] <= RANK[b] ? a : b;
}

export function milder(a: Severity, b: Severity): Severity {
  return RANK[a] >= RANK[b] ? a : b;
}
