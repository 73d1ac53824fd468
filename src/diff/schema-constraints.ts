/**
 * Constraints on values: numeric and count bounds, pattern, multipleOf and
 * uniqueItems. Tightening one breaks requests; loosening one breaks responses
 * (clients may have sized storage or validation to the old bound), as oasdiff grades them.
 */
import type { Severity } from './change.js';
import type { Findings } from './findings.js';
import { BOUNDS, type BoundName, type SchemaKind } from './schema-kinds.js';
import { isNumber } from './schema-read.js';
import { isTighter, type Bound, type SchemaView } from './schema-view.js';
import { code } from './side.js';

const BOUND_LABELS: Record<BoundName, string> = {
  max: 'maximum',
  min: 'minimum',
  'max-length': 'maxLength',
  'min-length': 'minLength',
  'max-items': 'maxItems',
  'min-items': 'minItems',
  'max-properties': 'maxProperties',
  'min-properties': 'minProperties',
  'max-contains': 'maxContains',
  'min-contains': 'minContains',
};

/** Patterns that match every string (JSON Schema patterns are searches, not anchored). */
const MATCH_ANYTHING: ReadonlySet<string> = new Set(['.*', '^.*', '(.*)', '[\\s\\S]*', '^[\\s\\S]*$']);

export function compareBounds(out: Findings, o: SchemaView, n: SchemaView): void {
  for (const name of BOUNDS) {
    const from = o.bounds[name];
    const to = n.bounds[name];
    if (!from && !to) continue;
    if (from && to && from.value === to.value && from.exclusive === to.exclusive) continue;
    const upper = name.startsWith('max');
    const tightened = !from || (to !== undefined && isTighter(name, to, from));
    const kind: SchemaKind = !from ? `${name}-set` : !to ? `${name}-removed` : upper === tightened ? `${name}-decreased` : `${name}-increased`;
    const label = BOUND_LABELS[name];
    const what = !from
      ? `gained ${label} ${boundText(to!)}`
      : !to
        ? `lost ${label} ${boundText(from)}`
        : `changed ${label} from ${boundText(from)} to ${boundText(to)}`;
    const severity: Severity = tightened ? out.grade('breaking', 'info') : out.grade('info', 'breaking');
    const consequence =
      severity === 'info' ? '' : out.request ? ': requests valid before may be refused' : ': clients may receive values outside the old bound';
    out.add(kind, severity, `${what}${consequence}`, from?.pointer ?? o.pointer, to?.pointer ?? n.pointer);
  }
}

function boundText(bound: Bound): string {
  return bound.exclusive ? `${bound.value} (exclusive)` : String(bound.value);
}

/** pattern, multipleOf, uniqueItems. */
export function compareScalars(out: Findings, o: SchemaView, n: SchemaView): void {
  const request = out.request;
  const refused = request ? ': requests valid before may be refused' : '';
  const oldPattern = o.pattern && !MATCH_ANYTHING.has(o.pattern.value) ? o.pattern : undefined;
  const newPattern = n.pattern && !MATCH_ANYTHING.has(n.pattern.value) ? n.pattern : undefined;
  if (oldPattern?.value !== newPattern?.value) {
    if (oldPattern && newPattern) {
      // Whether one regular expression accepts more than another is not decided here: a warning either way.
      out.add(
        'pattern-changed',
        'warning',
        `changed pattern from ${code(oldPattern.value)} to ${code(newPattern.value)}: ${request ? 'requests valid before may be refused' : 'clients may receive values the old pattern did not allow'}`,
        oldPattern.pointer,
        newPattern.pointer,
      );
    } else if (newPattern) {
      out.add(
        'pattern-added',
        out.grade('breaking', 'info'),
        `gained pattern ${code(newPattern.value)}${refused}`,
        o.pattern?.pointer ?? o.pointer,
        newPattern.pointer,
      );
    } else if (oldPattern) {
      out.add(
        'pattern-removed',
        out.grade('info', 'breaking'),
        `lost pattern ${code(oldPattern.value)}${request ? '' : ': clients may receive values that do not match it'}`,
        oldPattern.pointer,
        n.pattern?.pointer ?? n.pointer,
      );
    }
  }
  const from = o.multipleOf?.value;
  const to = n.multipleOf?.value;
  if (from !== to) {
    // Every multiple of 10 is a multiple of 5: 10 -> 5 accepts more, 5 -> 10 fewer.
    const loosened = to === undefined || (from !== undefined && isMultiple(from, to));
    const tightened = from === undefined || (to !== undefined && isMultiple(to, from));
    const severity: Severity = request ? (loosened ? 'info' : 'breaking') : tightened ? 'info' : 'breaking';
    const consequence = severity === 'info' ? '' : request ? refused : ': clients may receive values that are not multiples of the old step';
    out.add(
      'multiple-of-changed',
      severity,
      `changed multipleOf from ${from ?? 'none'} to ${to ?? 'none'}${consequence}`,
      o.multipleOf?.pointer ?? o.pointer,
      n.multipleOf?.pointer ?? n.pointer,
    );
  }
  if (!o.uniqueItems && n.uniqueItems) {
    out.add('unique-items-set', out.grade('breaking', 'info'), `now requires unique items${refused}`, o.pointer, n.uniqueItems.pointer);
  } else if (o.uniqueItems && !n.uniqueItems) {
    out.add(
      'unique-items-removed',
      out.grade('info', 'breaking'),
      `no longer guarantees unique items${request ? '' : ': clients may receive duplicates'}`,
      o.uniqueItems.pointer,
      n.pointer,
    );
  }
}

function isMultiple(value: number, of: number): boolean {
  if (!isNumber(value) || !isNumber(of) || of === 0) return false;
  const quotient = value / of;
  return Math.abs(quotient - Math.round(quotient)) < 1e-9;
}
