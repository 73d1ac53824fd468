/**
 * Blueprint examples are often wrong (the corpus has many): a mock that
 * answers with an invalid example would fail the service's own contract tests.
 * Each example is checked once against its response schema with AJV (compiled
 * lazily, only for responses that have examples) and replaced by sampled data
 * when invalid.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { safeRegExp } from '../../regexp.js';
import type { JsonSchema } from '../json-schema.js';

export interface ExampleCheck {
  /** True when `value` is valid for `schema` (a schema AJV cannot compile counts as valid: not the example's fault). */
  (schema: JsonSchema | undefined, value: unknown): boolean;
  /** AJV's errors for `value` (all of them), [] when valid. */
  errors(schema: JsonSchema | undefined, value: unknown): readonly ErrorObject[];
  /** The version's shared definitions the schemas refer to. */
  readonly definitions: { $id: string; $defs: Record<string, JsonSchema> };
}

/** A checker that knows the version's shared definitions (request or response). */
export function createExampleCheck(definitions: { $id: string; $defs: Record<string, JsonSchema> }): ExampleCheck {
  // Two validators per schema, each compiled on first need: a quick one says whether a value is valid
  // (most are, and it compiles to less code); the full one lists every error, with the failing schema
  // (`verbose`), for repair-sample.ts, and is only compiled for values that need repairing.
  const quick = validators(definitions, false);
  const full = validators(definitions, true);
  const errors = (schema: JsonSchema | undefined, value: unknown): readonly ErrorObject[] => {
    if (schema === undefined || schema === true) return [];
    const validate = full(schema as object);
    if (!validate) return [];
    return validate(value) ? [] : [...(validate.errors ?? [])];
  };
  const check = ((schema: JsonSchema | undefined, value: unknown) => {
    if (schema === undefined || schema === true) return true;
    if (schema === false) return false;
    const validate = quick(schema as object);
    // A schema AJV cannot compile is not the example's fault.
    return !validate || validate(value) === true;
  }) as ExampleCheck;
  return Object.assign(check, { errors, definitions });
}

/** Validators by schema text (route schemas are fresh objects, but most are the same few shapes). */
function validators(definitions: { $id: string; $defs: Record<string, JsonSchema> }, detailed: boolean): (schema: object) => ValidateFunction | null {
  let ajv: Ajv2020 | undefined;
  const compiled = new Map<string, ValidateFunction | null>();
  return (schema) => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (validate === undefined) {
      if (!ajv) {
        // A blueprint's pattern must not hang generation (regexp.ts); prototype names are properties like any other.
        ajv = new Ajv2020({
          strict: false,
          allErrors: detailed,
          verbose: detailed,
          validateFormats: true,
          addUsedSchema: false,
          ownProperties: true,
          // Each validator runs a handful of times: compiling fast matters more than running fast.
          inlineRefs: false,
          // Unrolled `required` checks skip a property named '' (GoDaddy requires one) when not collecting all
          // errors, so this would pass what the service's validator refuses; the loop form checks every name.
          loopRequired: 0,
          code: { regExp: safeRegExp, optimize: false },
        });
        addFormats.default(ajv);
        ajv.addSchema(definitions);
      }
      try {
        validate = ajv.compile(schema);
      } catch {
        validate = null;
      }
      compiled.set(key, validate);
    }
    return validate;
  };
}
