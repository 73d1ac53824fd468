/**
 * Data for a schema that its validator accepts: the blueprint's example when
 * it is valid, else openapi-sampler's data (Redocly's sampler: examples,
 * formats, enums, bounds, patterns), first in full and, when the sampler's
 * depth limit made that invalid, with only the required properties; failing
 * both, the full sample repaired where the validator says it is wrong.
 * Used for mock answers (responses) and for the contract tests' requests.
 */
import { sample } from 'openapi-sampler';
import type { ExampleCheck } from './example-check.js';
import { repairSample } from './repair-sample.js';
import type { Direction, JsonSchema } from './json-schema.js';

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
  if (example !== undefined && isValid(converted, example)) return example;
  if (schema === undefined) return example;
  const skip = direction === 'request' ? { skipReadOnly: true } : { skipWriteOnly: true };
  let first: unknown;
  for (const attempt of ATTEMPTS) {
    const value = sampleOrUndefined(schema, document, { ...attempt, ...skip });
    first ??= value;
    if (value !== undefined && isValid(converted, value)) return value;
  }
  // Neither was valid: repair the illustrative one where the validator says it is wrong.
  return repairSample(first ?? example ?? null, converted, isValid);
}

function sampleOrUndefined(schema: unknown, document: unknown, options: object): unknown {
  try {
    return sample(schema as never, options, document as object);
  } catch {
    return undefined;
  }
}
