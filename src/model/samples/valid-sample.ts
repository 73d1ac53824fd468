/**
 * Data for a schema that its validator accepts: the blueprint's example when
 * it is valid, else openapi-sampler's data (Redocly's sampler: examples,
 * formats, enums, bounds, patterns) made to look like data where the schema
 * leaves it free (plausible.ts), first in full and, when the sampler's
 * depth limit made that invalid, with only the required properties; failing
 * both, the full sample repaired where the validator says it is wrong.
 * Used for mock answers (responses) and for the contract tests' requests.
 */
import { sample } from 'openapi-sampler';
import type { ExampleCheck } from './example-check.js';
import { plausible } from './plausible.js';
import { repairSample } from './repair-sample.js';
import { schemaKey, type Direction, type JsonSchema } from '../json-schema.js';

/**
 * Results by checker (one per version and direction, so one document), then by what decides them: the
 * direction, the schema as written and as converted, and the example. Operations share schemas (Stripe's
 * 452 answer with 224), and sampling, checking and repairing one again gave the same data at a cost.
 */
const results = new WeakMap<ExampleCheck, { document: unknown; byKey: Map<string, Map<unknown, unknown>> }>();

const ATTEMPTS = [
  { quiet: true, enablePatterns: true, maxSampleDepth: 6 },
  { quiet: true, enablePatterns: true, maxSampleDepth: 20, skipNonRequired: true },
] as const;

export function validSample(
  direction: Direction,
  schema: unknown,
  document: unknown,
  example: unknown,
  converted: JsonSchema | undefined,
  isValid: ExampleCheck,
): unknown {
  let memo = results.get(isValid);
  if (memo === undefined || memo.document !== document) results.set(isValid, (memo = { document, byKey: new Map() }));
  const key = memoKey(direction, schema, converted);
  if (key === undefined) return freshSample(direction, schema, document, example, converted, isValid, new Map());
  let byExample = memo.byKey.get(key);
  if (!byExample) memo.byKey.set(key, (byExample = new Map()));
  if (byExample.has(example)) return byExample.get(example);
  const verdicts = new Map<unknown, boolean>();
  const value = freshSample(direction, schema, document, example, converted, isValid, verdicts);
  byExample.set(example, value);
  // Nothing changes the value from here on: asking about it again (the mock's note, operations.ts) needs no second run.
  const verdict = verdicts.get(value);
  if (verdict !== undefined) isValid.settle(converted, value, verdict);
  return value;
}

/** Undefined for what JSON cannot write out (a cycle through YAML anchors, a big integer): such a schema is sampled each time. */
function memoKey(direction: Direction, schema: unknown, converted: JsonSchema | undefined): string | undefined {
  try {
    return `${direction}\n${schemaKey(schema)}\n${schemaKey(converted)}`;
  } catch {
    return undefined;
  }
}

function freshSample(
  direction: Direction,
  schema: unknown,
  document: unknown,
  example: unknown,
  converted: JsonSchema | undefined,
  isValid: ExampleCheck,
  /** Each value's verdict, filled here: a value is checked once (a sample that fails is a large one, the sampler's depth limit). */
  verdicts: Map<unknown, boolean>,
): unknown {
  // A form body loses empty objects and lists on the way (`a[b]=1` cannot say `a: {}`): such a sample would arrive without them.
  const form = typeof converted === 'object' && converted['x-form-encoded'] === true;
  const isCheckedValid = (value: unknown): boolean => {
    let verdict = verdicts.get(value);
    if (verdict === undefined) verdicts.set(value, (verdict = isValid(converted, value)));
    return verdict;
  };
  const usable = (value: unknown) => value !== undefined && isCheckedValid(value) && (!form || !holdsEmpty(value));
  if (example !== undefined && usable(example)) return example;
  if (schema === undefined) return example;
  const skip = direction === 'request' ? { skipReadOnly: true } : { skipWriteOnly: true };
  let first: unknown;
  let valid: unknown;
  for (const attempt of ATTEMPTS) {
    const value = sampleOrUndefined(schema, document, { ...attempt, ...skip });
    first ??= value;
    // Names that look like names, ranges in order (plausible.ts); the sampler's own data when that does not validate.
    const lifelike = value === undefined ? undefined : plausible(value, schema, document);
    if (usable(lifelike)) return lifelike;
    if (usable(value)) return value;
    if (valid === undefined && value !== undefined && isCheckedValid(value)) valid = value;
  }
  // None was usable: repair the illustrative one where the validator says it is wrong.
  const repaired = repairSample(first ?? example ?? null, converted, isValid);
  if (usable(repaired)) return repaired;
  const trimmed = form ? withoutEmpty(repaired) : undefined;
  return usable(trimmed) ? trimmed : (valid ?? repaired);
}

/** A copy without the empty objects and lists nested in it (optional ones, when it still validates). */
function withoutEmpty(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(withoutEmpty).filter((item) => !isEmpty(item));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const trimmed = withoutEmpty(child);
    if (!isEmpty(trimmed)) Object.defineProperty(out, key, { value: trimmed, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function isEmpty(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}

function holdsEmpty(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  const children = Object.values(value);
  return children.length === 0 || children.some(holdsEmpty);
}

function sampleOrUndefined(schema: unknown, document: unknown, options: object): unknown {
  try {
    return sample(schema as never, options, document as object);
  } catch {
    return undefined;
  }
}
