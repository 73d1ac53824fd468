/**
 * Blueprint examples are often wrong (the corpus has many): a mock that
 * answers with an invalid example would fail the service's own contract tests.
 * Each example is checked once against the response schema (AJV, compiled
 * lazily and only for responses that have examples), and replaced by sampled
 * data when invalid.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { JsonSchema } from './json-schema.js';

let ajv: Ajv2020 | undefined;

export function isValidAgainst(schema: JsonSchema | undefined, value: unknown): boolean {
  if (schema === undefined || schema === true) return true;
  if (schema === false) return false;
  ajv ??= createAjv();
  try {
    return ajv.validate(schema, value) === true;
  } catch {
    // A schema AJV cannot compile is not the example's fault.
    return true;
  }
}

function createAjv(): Ajv2020 {
  const instance = new Ajv2020({ strict: false, allErrors: false, validateFormats: true, addUsedSchema: false });
  addFormats.default(instance);
  return instance;
}
