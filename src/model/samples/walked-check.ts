/**
 * The mock check's verdict on a value, found by walking the value and its
 * schema together instead of compiling the schema with AJV first.
 *
 * AJV compiles each schema into JavaScript, which pays off for a validator
 * that runs many times (the generated service's) and not for a value checked
 * once: checking Stripe's mock answers compiled 670 validators, 5 MB of code
 * and two thirds of a second, to run each a few times (an AJV that has not
 * warmed up compiles at about a millisecond per definition). Walking the same
 * values took a tenth of that.
 *
 * The walk gives AJV's verdict, not its own: it takes only the keywords whose
 * meaning it repeats exactly (the list below), with the same options as
 * example-check.ts's AJV (`strict: false`, `ownProperties`, formats from the
 * same AJV instance, patterns through safeRegExp). A schema object with any
 * other keyword AJV knows, or with a keyword's value of an unexpected shape,
 * is not walked: `walkable` says so, and the caller compiles it with AJV as
 * before. A test compares the two verdicts on generated schemas and values
 * (test/model/walked-check.test.ts).
 *
 * The walk does not take the keywords in AJV's order, which only matters when
 * checking throws: an example whose own `toString` is not a function breaks
 * the deep equality of `enum` (AJV's too), and AJV may have refused the value
 * on another keyword before it got there. A check that throws is therefore
 * made again by AJV alone (example-check.ts), as it was before the walk.
 */
import type { Ajv2020 } from 'ajv/dist/2020.js';
// The very functions AJV's compiled validators call for `enum`/`const` and for string lengths.
import ajvEqual from 'ajv/dist/runtime/equal.js';
import ajvUcs2length from 'ajv/dist/runtime/ucs2length.js';
import { unescapeSegment } from '../../blueprint/pointer.js';
import { safeRegExp, type RegExpLike } from '../../regexp.js';

// AJV types it as fast-deep-equal's module namespace, which TypeScript does not see as callable; it is the function.
const equal = ajvEqual.default as unknown as (a: unknown, b: unknown) => boolean;
const ucs2length = ajvUcs2length.default;

/** A verdict on one value: true when valid. */
export type Verdict = (value: unknown) => boolean;

export interface WalkContext {
  /** The verdict for a shared definition (walked or compiled), by its key; throws when it has none (AJV could not compile it). */
  definition(key: string): Verdict;
  /** `#/$defs/` references to shared definitions start with this. */
  readonly prefix: string;
  readonly ajv: Ajv2020;
}

const TYPES = new Set(['null', 'boolean', 'object', 'array', 'number', 'integer', 'string']);
/**
 * Keywords AJV reads although it does not list them as keywords: they move the base of references or hold
 * schemas found by them (`$id`, `$anchor`, `$defs`), or change how a schema is read (`$schema`, `$async`).
 */
const READ_BY_AJV = new Set(['$id', '$anchor', '$dynamicAnchor', '$recursiveAnchor', '$defs', 'definitions', '$schema', '$async']);
/** Annotations: they change no verdict (AJV knows only `$comment` among them; the others it ignores as unknown). */
const ANNOTATIONS = new Set(['title', 'description', 'default', 'deprecated', 'readOnly', 'writeOnly', 'examples', '$comment']);
const NUMBER_KEYWORDS = ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const;
const COUNT_KEYWORDS = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties'] as const;
const LIST_KEYWORDS = ['anyOf', 'oneOf', 'allOf'] as const;
/** Every keyword the walk takes; each is checked for shape in `walkableObject`. */
const WALKED = new Set<string>([
  'type',
  '$ref',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'enum',
  'const',
  'not',
  'format',
  'pattern',
  ...NUMBER_KEYWORDS,
  ...COUNT_KEYWORDS,
  ...LIST_KEYWORDS,
]);

/**
 * True when every schema object in `schema` (not following references: each definition is asked about on its
 * own) uses only keywords the walk takes, each of the shape AJV expects, or keywords AJV does not know (which it
 * ignores, as `strict: false` tells it to).
 */
export function walkable(schema: unknown, context: Pick<WalkContext, 'prefix' | 'ajv'>): boolean {
  if (typeof schema === 'boolean') return true;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return false;
  return walkableObject(schema as Record<string, unknown>, context);
}

function walkableObject(schema: Record<string, unknown>, context: Pick<WalkContext, 'prefix' | 'ajv'>): boolean {
  for (const key of Object.keys(schema)) {
    const value = schema[key];
    if (WALKED.has(key)) {
      if (!walkableKeyword(key, value, context)) return false;
    } else if (READ_BY_AJV.has(key) || (!ANNOTATIONS.has(key) && context.ajv.getKeyword(key) !== false)) {
      // `nullable` among them: AJV knows it, and it changes what `type` allows.
      return false;
    }
  }
  return true;
}

function walkableKeyword(key: string, value: unknown, context: Pick<WalkContext, 'prefix' | 'ajv'>): boolean {
  switch (key) {
    case 'type':
      return typeof value === 'string'
        ? TYPES.has(value)
        : Array.isArray(value) &&
            value.length > 0 &&
            value.every((name) => typeof name === 'string' && TYPES.has(name)) &&
            new Set(value).size === value.length;
    case '$ref':
      return typeof value === 'string' && value.startsWith(context.prefix);
    case 'properties':
      return isPlainObject(value) && Object.values(value).every((child) => walkable(child, context));
    case 'required':
      return Array.isArray(value) && value.every((name) => typeof name === 'string');
    case 'additionalProperties':
    case 'items':
    case 'not':
      return walkable(value, context);
    case 'prefixItems':
    case 'anyOf':
    case 'oneOf':
    case 'allOf':
      return Array.isArray(value) && value.length > 0 && value.every((child) => walkable(child, context));
    case 'enum':
      return Array.isArray(value) && value.length > 0;
    case 'const':
      return true;
    case 'format':
      // A format AJV knows, as its own entry; an unknown one is ignored by AJV (strict: false) and here. A name
      // found only through the prototype (`constructor`) is left to AJV, whatever it makes of it.
      return (
        typeof value === 'string' && (Object.hasOwn(context.ajv.formats, value) ? walkableFormat(context.ajv.formats[value]) : !(value in context.ajv.formats))
      );
    case 'pattern':
      return typeof value === 'string';
    default:
      // The number and count keywords.
      return typeof value === 'number' && Number.isFinite(value);
  }
}

function walkableFormat(format: unknown): boolean {
  if (format === true || format instanceof RegExp || typeof format === 'function') return true;
  if (!isPlainObject(format)) return false;
  const { type, validate, async } = format as { type?: unknown; validate?: unknown; async?: unknown };
  return async !== true && (type === undefined || type === 'string' || type === 'number') && (validate instanceof RegExp || typeof validate === 'function');
}

/** AJV's verdict on `value` for a schema `walkable` accepted. */
export function walk(schema: unknown, value: unknown, context: WalkContext): boolean {
  if (typeof schema === 'boolean') return schema;
  const s = schema as Record<string, unknown>;
  if (s.type !== undefined && !hasType(s.type as string | string[], value)) return false;
  if (typeof s.$ref === 'string' && !context.definition(decodeDefinitionKey(s.$ref.slice(context.prefix.length)))(value)) return false;
  if (s.enum !== undefined && !(s.enum as unknown[]).some((item) => equal(value, item))) return false;
  // AJV compares an object `const` with its deep equality and anything else with `!==`, so a NaN const matches nothing.
  if (Object.hasOwn(s, 'const') && !(s.const !== null && typeof s.const === 'object' ? equal(value, s.const) : value === s.const)) return false;
  for (const list of LIST_KEYWORDS) {
    const schemas = s[list] as unknown[] | undefined;
    if (schemas !== undefined && !combined(list, schemas, value, context)) return false;
  }
  if (s.not !== undefined && walk(s.not, value, context)) return false;
  if (typeof value === 'number') return numberValid(s, value, context);
  if (typeof value === 'string') return stringValid(s, value, context);
  if (Array.isArray(value)) return arrayValid(s, value, context);
  if (value !== null && typeof value === 'object') return objectValid(s, value as Record<string, unknown>, context);
  return true;
}

/** AJV's type check with `strictNumbers` off (`strict: false`): NaN and Infinity are numbers; an integer has no fraction. */
function hasType(type: string | string[], value: unknown): boolean {
  return typeof type === 'string' ? isType(type, value) : type.some((name) => isType(name, value));
}

function isType(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'integer':
      return typeof value === 'number' && !(value % 1) && !Number.isNaN(value);
    default:
      return typeof value === type;
  }
}

function combined(list: (typeof LIST_KEYWORDS)[number], schemas: unknown[], value: unknown, context: WalkContext): boolean {
  if (list === 'allOf') return schemas.every((child) => walk(child, value, context));
  if (list === 'anyOf') return schemas.some((child) => walk(child, value, context));
  let passed = 0;
  for (const child of schemas) if (walk(child, value, context) && ++passed > 1) return false;
  return passed === 1;
}

/** AJV fails NaN on any of the four limits (`data > limit || isNaN(data)`). */
function numberValid(s: Record<string, unknown>, value: number, context: WalkContext): boolean {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum } = s as Record<string, number | undefined>;
  if (minimum !== undefined && (value < minimum || Number.isNaN(value))) return false;
  if (maximum !== undefined && (value > maximum || Number.isNaN(value))) return false;
  if (exclusiveMinimum !== undefined && (value <= exclusiveMinimum || Number.isNaN(value))) return false;
  if (exclusiveMaximum !== undefined && (value >= exclusiveMaximum || Number.isNaN(value))) return false;
  return s.format === undefined || formatValid(s.format as string, 'number', value, context);
}

function stringValid(s: Record<string, unknown>, value: string, context: WalkContext): boolean {
  if (s.minLength !== undefined || s.maxLength !== undefined) {
    const length = ucs2length(value);
    if (typeof s.minLength === 'number' && length < s.minLength) return false;
    if (typeof s.maxLength === 'number' && length > s.maxLength) return false;
  }
  if (typeof s.pattern === 'string' && !pattern(s.pattern).test(value)) return false;
  return s.format === undefined || formatValid(s.format as string, 'string', value, context);
}

function arrayValid(s: Record<string, unknown>, value: unknown[], context: WalkContext): boolean {
  if (typeof s.minItems === 'number' && value.length < s.minItems) return false;
  if (typeof s.maxItems === 'number' && value.length > s.maxItems) return false;
  const prefix = (s.prefixItems as unknown[] | undefined) ?? [];
  for (let index = 0; index < prefix.length && index < value.length; index++) if (!walk(prefix[index], value[index], context)) return false;
  if (s.items !== undefined) for (let index = prefix.length; index < value.length; index++) if (!walk(s.items, value[index], context)) return false;
  return true;
}

/**
 * As AJV with `ownProperties`: a property is there when it is the object's own and not undefined; every own key
 * is looked at for `additionalProperties`. AJV never applies a property schema named `__proto__`, and counts a
 * key as defined by comparing it with the other names when there are at most 8, or by looking it up in
 * `properties` when there are more (where an own `__proto__` entry is found).
 */
function objectValid(s: Record<string, unknown>, value: Record<string, unknown>, context: WalkContext): boolean {
  const has = (name: string) => value[name] !== undefined && Object.hasOwn(value, name);
  if (s.required !== undefined && !(s.required as string[]).every(has)) return false;
  const properties = s.properties as Record<string, unknown> | undefined;
  const names = properties === undefined ? [] : Object.keys(properties).filter((name) => name !== '__proto__');
  for (const name of names) if (has(name) && !walk(properties![name], value[name], context)) return false;
  if (s.minProperties !== undefined || s.maxProperties !== undefined) {
    const count = Object.keys(value).length;
    if (typeof s.minProperties === 'number' && count < s.minProperties) return false;
    if (typeof s.maxProperties === 'number' && count > s.maxProperties) return false;
  }
  if (s.additionalProperties !== undefined && s.additionalProperties !== true) {
    const defined = names.length > 8 ? (key: string) => Object.hasOwn(properties!, key) : (key: string) => names.includes(key);
    for (const key of Object.keys(value)) if (!defined(key) && !walk(s.additionalProperties, value[key], context)) return false;
  }
  return true;
}

/** AJV's format check: a format applies to values of its type (string unless it says number). */
function formatValid(name: string, type: 'string' | 'number', value: string | number, context: WalkContext): boolean {
  if (!Object.hasOwn(context.ajv.formats, name)) return true;
  const format = context.ajv.formats[name] as unknown;
  if (format === true) return true;
  const [formatType, check] = isPlainObject(format)
    ? [((format as { type?: string }).type ?? 'string') as string, (format as { validate: unknown }).validate]
    : ['string', format];
  if (formatType !== type) return true;
  return typeof check === 'function' ? Boolean(check(value)) : (check as RegExp).test(value as string);
}

const patterns = new Map<string, RegExpLike>();
/** Compiled as AJV compiles them (its `unicodeRegExp` default: the `u` flag). */
function pattern(source: string): RegExpLike {
  let compiled = patterns.get(source);
  if (!compiled) patterns.set(source, (compiled = safeRegExp(source, 'u')));
  return compiled;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof RegExp);
}

/** The definition's key in a `#/$defs/` fragment (a JSON pointer token, URI-encoded). */
export function decodeDefinitionKey(fragment: string): string {
  return unescapeSegment(decodeURIComponent(fragment));
}
