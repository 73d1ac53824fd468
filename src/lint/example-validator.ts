/**
 * Validating examples against their schemas for `examples-valid`: the document
 * is added to one Ajv instance (draft-07 for OpenAPI 3.0, 2020-12 for 3.1,
 * after normalising the 3.0 dialect) and each schema is compiled once, by its pointer.
 */
import { createRequire } from 'node:module';
import type { Ajv, ValidateFunction } from 'ajv';
import { safeRegExp } from '../regexp.js';
import type { Json } from '../blueprint/openapi.js';

/** Ajv is loaded on first use: most runs leave this rule off, and it costs start-up time. */
const require = createRequire(import.meta.url);

const DOCUMENT_ID = 'urn:design-first:blueprint';
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password', 'decimal'];
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const']);

export class ExampleValidator {
  private ajv: Ajv | undefined;
  private readonly compiled = new Map<string, ValidateFunction | string>();

  constructor(
    private readonly document: Json,
    private readonly specVersion: '3.0' | '3.1',
  ) {}

  /** Undefined when the example fits; otherwise why not (or why the schema could not be compiled). */
  check(schemaPointer: string, example: unknown): { problem: string; compileError: boolean } | undefined {
    const validate = this.validatorFor(schemaPointer);
    if (typeof validate === 'string') return { problem: validate, compileError: true };
    if (validate(example)) return undefined;
    const error = validate.errors?.[0];
    const where = error?.instancePath ? `at ${error.instancePath} ` : '';
    return { problem: `${where}${error?.message ?? 'does not match'}`, compileError: false };
  }

  private validatorFor(pointer: string): ValidateFunction | string {
    let validate = this.compiled.get(pointer);
    if (validate !== undefined) return validate;
    const ajv = (this.ajv ??= this.createAjv());
    const fragment = pointer.split('/').map(encodeURIComponent).join('/');
    try {
      validate = ajv.compile({ $ref: `${DOCUMENT_ID}#${fragment}` });
    } catch (error) {
      validate = String((error as Error).message).split('\n')[0]!;
    }
    this.compiled.set(pointer, validate);
    return validate;
  }

  private createAjv(): Ajv {
    // A blueprint's pattern must not hang the linter: patterns run on a linear-time engine (regexp.ts).
    const options = { strict: false, allErrors: false, logger: false, validateSchema: false, unicodeRegExp: false, code: { regExp: safeRegExp } } as const;
    // Each class is named before `new`: TypeScript 7 emitted `new (require(x)).Ajv(o)` as `new require(x).Ajv(o)`,
    // which calls Ajv without `new` (issue 19); test/cli runs the compiled package so such a difference shows.
    const Ajv2020 = (require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js')).Ajv2020;
    const AjvDraft7 = (require('ajv') as typeof import('ajv')).Ajv;
    const ajv = this.specVersion === '3.1' ? new Ajv2020(options) : new AjvDraft7(options);
    (require('ajv-formats') as typeof import('ajv-formats')).default(ajv);
    for (const format of OPENAPI_FORMATS) ajv.addFormat(format, true);
    ajv.addSchema({ ...(normalise(this.document) as Json), $id: DOCUMENT_ID });
    return ajv;
  }
}

/**
 * OpenAPI 3.0 schema dialect -> JSON Schema: `nullable` into `type`, boolean
 * `exclusiveMinimum`/`Maximum` into numbers. Applied to 3.1 documents too,
 * which carry these 3.0 habits often enough.
 */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Json;
  const out: Json = {};
  for (const key of Object.keys(source)) {
    out[key] = DATA_KEYS.has(key) || key.startsWith('x-') ? source[key] : normalise(source[key]);
  }
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  for (const [exclusive, limit] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (typeof out[exclusive] !== 'boolean') continue;
    if (out[exclusive] === true && typeof out[limit] === 'number') {
      out[exclusive] = out[limit];
      delete out[limit];
    } else {
      delete out[exclusive];
    }
  }
  return out;
}
