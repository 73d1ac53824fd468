/**
 * Blueprint examples are often wrong (the corpus has many): a mock that
 * answers with an invalid example would fail the service's own contract tests.
 * Each example is checked once against its response schema with AJV (compiled
 * lazily, only for responses that have examples) and replaced by sampled data
 * when invalid.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { JsonSchema } from './json-schema.js';

export type ExampleCheck = (schema: JsonSchema | undefined, value: unknown) => boolean;

/** A checker that knows the version's shared response definitions. */
export function createExampleCheck(definitions: { $id: string; $defs: Record<string, JsonSchema> }): ExampleCheck {
  let ajv: Ajv2020 | undefined;
  return (schema, value) => {
    if (schema === undefined || schema === true) return true;
    if (schema === false) return false;
    if (!ajv) {
      ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true, addUsedSchema: false });
      addFormats.default(ajv);
      ajv.addSchema(definitions);
    }
    try {
      return ajv.validate(schema, value) === true;
    } catch {
      // A schema AJV cannot compile is not the example's fault.
      return true;
    }
  };
}
