/**
 * Request validation with AJV (JSON Schema 2020-12). Two instances because the
 * parts differ: query, path and header values arrive as text and are coerced;
 * a JSON body is validated exactly as sent. Extra properties a schema forbids
 * are refused (Fastify's default would silently remove them).
 */
import { Ajv2020, type ErrorObject, type Options } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { nonFinitePointer } from './finite.js';
import { safeRegExp } from './regexp.js';
import type { VersionModule } from './version-module.js';

const common: Options = {
  strict: false,
  // `strict: false` also turns this off, and JSON.parse reads 1e309 as Infinity: NaN and Infinity are no numbers.
  strictNumbers: true,
  allErrors: true,
  removeAdditional: false,
  useDefaults: true,
  validateFormats: true,
  // Patterns are compiled once per schema; `u` makes them behave as blueprint authors expect.
  unicodeRegExp: true,
  // Only own properties count: a property named `constructor` or `toString` is otherwise "present"
  // on every object through its prototype, so `required` would pass without it and an optional one would fail.
  ownProperties: true,
  // The blueprint's patterns run on a linear-time engine: a backtracking pattern cannot hang the service (regexp.ts).
  code: { regExp: safeRegExp },
};

function createAjv(coerceTypes: Options['coerceTypes']): Ajv2020 {
  const ajv = new Ajv2020({ ...common, coerceTypes });
  addFormats.default(ajv);
  return ajv;
}

export function installValidation(app: FastifyInstance, versions: readonly VersionModule[]): void {
  const bodyAjv = withDefinitions(() => createAjv(false), versions);
  const textAjv = withDefinitions(() => createAjv('array'), versions);
  // Form bodies arrive as text like query strings: their schemas are marked when generated, and coerced.
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const json = httpPart === 'body' && (schema as Record<string, unknown>)['x-form-encoded'] !== true;
    // Text read as a number can be `Infinity` or `1e309` (JSON bodies are checked when parsed, content.ts);
    // decided here, once per route: only a schema that can read numbers is searched after it passes.
    const finite = !json && mayReadNumbers(schema);
    return compileOnFirstUse(json ? bodyAjv : textAjv, schema, finite);
  });
}

/**
 * An AJV instance made, with the versions' shared definitions, when it first
 * compiles (each component is then compiled once, when a route first refers
 * to it): a service starts without making either instance. AJV walks a
 * document it is given for the `$id`s inside it, and the walk of GitHub's
 * definitions took a tenth of a second per instance: a service starts without
 * it, and the first request that is validated pays it.
 * The definitions are design-first's own conversion, already valid JSON
 * Schema, so they are not checked against the meta-schema again (another
 * third of a second at every start).
 */
function withDefinitions(create: () => Ajv2020, versions: readonly VersionModule[]): () => Ajv2020 {
  let ajv: Ajv2020 | undefined;
  return () => {
    if (ajv === undefined) {
      // Kept only once it holds every version's definitions.
      const made = create();
      for (const version of versions) made.addSchema(version.definitions.request, undefined, undefined, false);
      ajv = made;
    }
    return ajv;
  };
}

function mayReadNumbers(schema: unknown): boolean {
  const text = JSON.stringify(schema);
  return text.includes('"number"') || text.includes('"$ref"');
}

type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/**
 * A validator compiled when its route is first called, not at start: a service
 * with 845 operations (GitHub's) would otherwise spend seconds compiling
 * before answering anything, most of it for operations no one calls soon.
 * The first call of a route pays a few milliseconds; components shared by
 * routes are compiled once (AJV keeps them with the definitions).
 */
function compileOnFirstUse(ajv: () => Ajv2020, schema: unknown, finite: boolean): Validate {
  let compiled: Validate | undefined;
  const validate: Validate = (data) => {
    compiled ??= ajv().compile(schema as object);
    const valid = compiled(data);
    validate.errors = compiled.errors;
    if (!valid || !finite) return valid;
    const pointer = nonFinitePointer(data);
    if (pointer === null) return true;
    validate.errors = [{ keyword: 'finite', instancePath: pointer, schemaPath: '', params: {} }];
    return false;
  };
  return validate;
}
