/**
 * Blueprint examples are often wrong (the corpus has many): a mock that
 * answers with an invalid example would fail the service's own contract tests.
 * Each example is checked once against its response schema, with AJV's
 * verdict, and replaced by sampled data when invalid.
 *
 * The quick check makes each shared definition ready only when a value
 * reaches it: AJV compiles every `$ref` target when it compiles the schema
 * referring to it, so checking one Stripe mock compiled most of its 775
 * response definitions (2 s of the 4.9 s `new` took), although a sampled
 * value passes through a few of them (an expandable field's first branch is a
 * string). Here a reference to a definition is resolved on its first use, and
 * most schemas are not compiled at all but walked beside the value
 * (walked-check.ts), which gives AJV's verdict for the keywords it takes at a
 * tenth of the cost for a value checked once. The rest are compiled by the
 * same AJV instance, with the same options.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { safeRegExp } from '../../regexp.js';
import { schemaKey, type JsonSchema } from '../json-schema.js';
import { decodeDefinitionKey, walk, walkable, type Verdict, type WalkContext } from './walked-check.js';

export interface ExampleCheck {
  /** True when `value` is valid for `schema` (a schema AJV cannot compile counts as valid: not the example's fault). */
  (schema: JsonSchema | undefined, value: unknown): boolean;
  /** AJV's errors for `value` (all of them), [] when valid. */
  errors(schema: JsonSchema | undefined, value: unknown): readonly ErrorObject[];
  /**
   * Records the verdict on a value that will not change any more (valid-sample.ts's result), so that asking
   * about the same value and schema again does not run the validator over it again.
   */
  settle(schema: JsonSchema | undefined, value: unknown, valid: boolean): void;
  /** The version's shared definitions the schemas refer to. */
  readonly definitions: Definitions;
}

type Definitions = { $id: string; $defs: Record<string, JsonSchema> };

/** A checker that knows the version's shared definitions (request or response). */
export function createExampleCheck(definitions: Definitions): ExampleCheck {
  // Two validators per schema, each compiled on first need: a quick one says whether a value is valid
  // (most are, and it compiles to less code); the full one lists every error, with the failing schema
  // (`verbose`), for repair-sample.ts, and is only compiled for values that need repairing.
  const quick = lazyValidators(definitions, true);
  const full = validators(definitions);
  const errors = (schema: JsonSchema | undefined, value: unknown): readonly ErrorObject[] => {
    if (schema === undefined || schema === true) return [];
    const validate = full(schema as object);
    if (!validate) return [];
    return validate(value) ? [] : [...(validate.errors ?? [])];
  };
  // Settled values by schema, then by value (objects only: other values are quick to check).
  const settled = new WeakMap<object, WeakMap<object, boolean>>();
  const settle = (schema: JsonSchema | undefined, value: unknown, valid: boolean): void => {
    if (typeof schema !== 'object' || value === null || typeof value !== 'object') return;
    let byValue = settled.get(schema);
    if (!byValue) settled.set(schema, (byValue = new WeakMap()));
    byValue.set(value, valid);
  };
  const check = ((schema: JsonSchema | undefined, value: unknown) => {
    if (schema === undefined || schema === true) return true;
    if (schema === false) return false;
    const known = value !== null && typeof value === 'object' ? settled.get(schema)?.get(value) : undefined;
    if (known !== undefined) return known;
    // A schema AJV cannot compile is not the example's fault.
    return quick(schema as object, value) !== false;
  }) as ExampleCheck;
  return Object.assign(check, { errors, settle, definitions });
}

/** The mock check's AJV (exported for the tests that compare the walk with it). */
export function createAjv(detailed: boolean): Ajv2020 {
  // A blueprint's pattern must not hang generation (regexp.ts); prototype names are properties like any other.
  const ajv = new Ajv2020({
    strict: false,
    allErrors: detailed,
    verbose: detailed,
    messages: detailed,
    validateFormats: true,
    addUsedSchema: false,
    // The schemas are design-first's own conversion (json-schema.ts), not a user's: checking them against
    // JSON Schema's meta-schema cost a tenth of generating Stripe's service.
    validateSchema: false,
    ownProperties: true,
    // Each validator runs a handful of times: compiling fast matters more than running fast.
    inlineRefs: false,
    // Unrolled `required` checks skip a property named '' (GoDaddy requires one) when not collecting all
    // errors, so this would pass what the service's validator refuses; the loop form checks every name.
    loopRequired: 0,
    // An enum checked in a loop, not as one comparison per value: Stripe's many long enums compile to less
    // code, and generating its service took 3 to 5% less time (the verdicts, and so the output, are the same).
    loopEnum: 0,
    code: { regExp: safeRegExp, optimize: false },
  });
  addFormats.default(ajv);
  return ajv;
}

/** Validators with every error, by schema text (route schemas are fresh objects, but most are the same few shapes). */
function validators(definitions: Definitions): (schema: object) => ValidateFunction | null {
  let ajv: Ajv2020 | undefined;
  const compiled = new Map<string, ValidateFunction | null>();
  return (schema) => {
    const key = schemaKey(schema);
    let validate = compiled.get(key);
    if (validate === undefined) {
      if (!ajv) {
        ajv = createAjv(true);
        ajv.addSchema(definitions);
      }
      validate = compileOrNull(ajv, schema);
      compiled.set(key, validate);
    }
    return validate;
  };
}

/** The keyword a reference to a shared definition becomes in the quick check. */
const LAZY_REF = 'x-design-first-definition';

/**
 * The quick check: valid or not (null when the schema does not compile), each definition made ready when a value
 * first reaches it. A schema the walk can decide (walked-check.ts) is walked; another is compiled by AJV, with its
 * references to definitions as a keyword that asks for them in turn. Schemas with `unevaluatedProperties` or
 * `unevaluatedItems` see through references, which neither can: with those anywhere, every schema is compiled by
 * AJV with the definitions referenced (and compiled) as usual.
 */
function lazyValidators(definitions: Definitions, walking: boolean): (schema: object, value: unknown) => boolean | null {
  let ajv: Ajv2020 | undefined;
  // The same check by AJV alone, for a walk that threw (walked-check.ts): its order of keywords decides what is met first.
  let byAjvAlone: ((schema: object, value: unknown) => boolean | null) | undefined;
  let lazy = true;
  const prefix = `${definitions.$id}#/$defs/`;
  const bySchemaText = new Map<string, Verdict | null>();
  const byDefinition = new Map<string, Verdict | null>();
  // By the text of what is compiled: definitions are often written twice (Stripe's 775 are 614 different texts).
  const byCompiledText = new Map<string, Verdict | null>();
  const compileLazy = (created: Ajv2020, schema: object): Verdict | null => {
    const text = schemaKey(schema);
    let verdict = byCompiledText.get(text);
    if (verdict === undefined) {
      const validate = compileOrNull(created, schema);
      byCompiledText.set(text, (verdict = validate && ((value) => validate(value) === true)));
    }
    return verdict;
  };
  const walkContext = (created: Ajv2020): WalkContext => ({
    prefix,
    ajv: created,
    definition: (key) => {
      const verdict = definition(created, key);
      if (verdict === null) throw new UncompilableDefinition();
      return verdict;
    },
  });
  let context: WalkContext | undefined;
  /** Walked when the walk can decide it, else compiled with its references made lazy. */
  const prepare = (created: Ajv2020, schema: object): Verdict | null => {
    if (walking && walkable(schema, (context ??= walkContext(created)))) {
      const walked = context;
      return (value) => walk(schema, value, walked);
    }
    return compileLazy(created, withLazyRefs(schema, prefix) as object);
  };
  const definition = (created: Ajv2020, key: string): Verdict | null => {
    let verdict = byDefinition.get(key);
    if (verdict === undefined) {
      const target = Object.hasOwn(definitions.$defs, key) ? definitions.$defs[key] : undefined;
      // A reference to nothing fails to compile as a $ref would: the schema then counts as not compiling.
      verdict = target === undefined ? null : prepare(created, target as object);
      byDefinition.set(key, verdict);
    }
    return verdict;
  };
  const setUp = (): Ajv2020 => {
    const created = createAjv(false);
    lazy = !JSON.stringify(definitions.$defs).includes('"unevaluated');
    if (lazy) {
      created.addKeyword({
        keyword: LAZY_REF,
        schemaType: 'string',
        errors: false,
        validate: (key: string, data: unknown) => {
          const verdict = definition(created, key);
          if (verdict === null) throw new UncompilableDefinition();
          return verdict(data);
        },
      });
    } else {
      created.addSchema(definitions);
    }
    return created;
  };
  // By object first: validSample asks about one schema several times, and a request body's schema is large to write out.
  const bySchema = new WeakMap<object, Verdict | null>();
  return (schema, value) => {
    ajv ??= setUp();
    let verdict = bySchema.get(schema);
    if (verdict === undefined) {
      const key = schemaKey(schema);
      verdict = bySchemaText.get(key);
      if (verdict === undefined) {
        if (lazy) {
          // Most answers are one shared definition (`{ $ref }`): its verdict is the definition's own.
          const only = loneDefinition(schema, prefix);
          verdict = only !== undefined ? definition(ajv, only) : prepare(ajv, schema);
        } else {
          const validate = compileOrNull(ajv, schema);
          verdict = validate && ((data) => validate(data) === true);
        }
        bySchemaText.set(key, verdict);
      }
      bySchema.set(schema, verdict);
    }
    if (verdict === null) return null;
    try {
      return verdict(value);
    } catch (error) {
      if (walking) return (byAjvAlone ??= lazyValidators(definitions, false))(schema, value);
      if (error instanceof UncompilableDefinition) return null;
      throw error;
    }
  };
}

class UncompilableDefinition extends Error {}

/** Keywords of a converted schema (json-schema.ts) whose value is a schema, a list of them, or a map of them. */
const SCHEMA_VALUED = new Set([
  'items',
  'not',
  'contains',
  'if',
  'then',
  'else',
  'propertyNames',
  'additionalProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
]);
const SCHEMA_LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems']);
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs']);

/**
 * A copy of a converted schema with each `$ref` to a shared definition replaced by the lazy keyword. Only
 * schema positions are rewritten: `const`, `enum` and `default` are data, whatever they hold.
 */
function withLazyRefs(schema: unknown, prefix: string): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Record<string, unknown> = {};
  for (const key in schema) {
    const value = (schema as Record<string, unknown>)[key];
    if (key === '$ref' && typeof value === 'string' && value.startsWith(prefix)) {
      out[LAZY_REF] = decodeDefinitionKey(value.slice(prefix.length));
    } else if (SCHEMA_VALUED.has(key)) {
      out[key] = withLazyRefs(value, prefix);
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map((item) => withLazyRefs(item, prefix));
    } else if (SCHEMA_MAPS.has(key) && value !== null && typeof value === 'object') {
      const map: Record<string, unknown> = {};
      for (const name in value) {
        const item = withLazyRefs((value as Record<string, unknown>)[name], prefix);
        // Property names are data: `__proto__` is defined as a property, never set through the prototype setter.
        if (name === '__proto__') Object.defineProperty(map, name, { value: item, enumerable: true, writable: true, configurable: true });
        else map[name] = item;
      }
      out[key] = map;
    } else if (key !== '__proto__') {
      out[key] = value;
    }
  }
  return out;
}

/** The definition a schema that is only a reference to one names, else undefined. */
function loneDefinition(schema: object, prefix: string): string | undefined {
  const keys = Object.keys(schema);
  const ref = (schema as { $ref?: unknown }).$ref;
  return keys.length === 1 && typeof ref === 'string' && ref.startsWith(prefix) ? decodeDefinitionKey(ref.slice(prefix.length)) : undefined;
}

function compileOrNull(ajv: Ajv2020, schema: object): ValidateFunction | null {
  try {
    return ajv.compile(schema);
  } catch {
    return null;
  }
}
