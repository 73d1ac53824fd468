/**
 * Blueprint examples are often wrong (the corpus has many): a mock that
 * answers with an invalid example would fail the service's own contract tests.
 * Each example is checked once against its response schema with AJV (compiled
 * lazily, only for responses that have examples) and replaced by sampled data
 * when invalid.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { safeRegExp } from '../regexp.js';
import type { JsonSchema } from './json-schema.js';

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
  let ajv: Ajv2020 | undefined;
  const instance = () => {
    if (!ajv) {
      // A blueprint's pattern must not hang generation (regexp.ts); prototype names are properties like any other.
      ajv = new Ajv2020({
        strict: false,
        allErrors: true,
        validateFormats: true,
        addUsedSchema: false,
        ownProperties: true,
        // Each validator runs a handful of times: compiling fast matters more than running fast.
        inlineRefs: false,
        // Errors carry the schema that failed, which repair-sample.ts builds replacement data from.
        verbose: true,
        code: { regExp: safeRegExp, optimize: false },
      });
      addFormats.default(ajv);
      ajv.addSchema(definitions);
    }
    return ajv;
  };
  // Route schemas are fresh objects, but most are the same few shapes (`{ $ref }` to a component):
  // compiling once per distinct text is what keeps generation of a large API fast.
  const compiled = new Map<string, ValidateFunction | null>();
  const validatorFor = (schema: object): ValidateFunction | null => {
    const key = JSON.stringify(schema);
    let validate = compiled.get(key);
    if (validate === undefined) {
      try {
        validate = instance().compile(schema);
      } catch {
        validate = null;
      }
      compiled.set(key, validate);
    }
    return validate;
  };
  const errors = (schema: JsonSchema | undefined, value: unknown): readonly ErrorObject[] => {
    if (schema === undefined || schema === true) return [];
    const validate = validatorFor(schema as object);
    if (!validate) return [];
    return validate(value) ? [] : [...(validate.errors ?? [])];
  };
  const check = ((schema: JsonSchema | undefined, value: unknown) => schema !== false && errors(schema, value).length === 0) as ExampleCheck;
  return Object.assign(check, { errors, definitions });
}
