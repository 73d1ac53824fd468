/**
 * AJV errors -> field errors in our own words, so no library message reaches
 * a caller and every message reads the same.
 */
import type { FieldError } from './problem.js';

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const PARTS: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };

/**
 * `pathNames`: route name -> blueprint name of each path parameter. Routes name
 * them as the router needs (`{Contact-ID}` is `:contactId`); a caller is told
 * the blueprint's name.
 */
export function describeValidationErrors(errors: readonly unknown[], context: string, pathNames?: ReadonlyMap<string, string>): FieldError[] {
  const part = PARTS[context] ?? context;
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const raw of errors.slice(0, 50)) {
    const error = raw as AjvError;
    let pointer = error.instancePath ?? '';
    const params = error.params ?? {};
    if (error.keyword === 'required' && typeof params.missingProperty === 'string') pointer += `/${escape(params.missingProperty)}`;
    if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') pointer += `/${escape(params.additionalProperty)}`;
    if (error.keyword === 'unevaluatedProperties' && typeof params.unevaluatedProperty === 'string') pointer += `/${escape(params.unevaluatedProperty)}`;
    if (error.keyword === 'dependentRequired' && typeof params.missingProperty === 'string') pointer += `/${escape(params.missingProperty)}`;
    if (part === 'path' && pathNames) pointer = renameFirstSegment(pointer, pathNames);
    const detail = describe(error);
    const key = `${pointer}|${detail}`;
    if (seen.has(key)) continue;
    seen.add(key);
    // The whole part is the empty pointer (RFC 6901), not `/`, which points at a property named "".
    out.push({ in: part, pointer, detail });
  }
  return out;
}

function describe({ keyword, params }: AjvError): string {
  switch (keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not allowed here';
    case 'type':
      return `must be of type ${String(params.type)}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[] | undefined)?.map((v) => JSON.stringify(v)).join(', ') ?? 'the allowed values'}`;
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'format':
      return `must be a valid ${String(params.format)}`;
    case 'pattern':
      return 'does not match the required pattern';
    case 'minLength':
      return `must be at least ${String(params.limit)} characters long`;
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters long`;
    case 'minimum':
    case 'exclusiveMinimum':
      return `must be ${String(params.comparison)} ${String(params.limit)}`;
    case 'maximum':
    case 'exclusiveMaximum':
      return `must be ${String(params.comparison)} ${String(params.limit)}`;
    case 'minItems':
      return `must have at least ${String(params.limit)} items`;
    case 'maxItems':
      return `must have at most ${String(params.limit)} items`;
    case 'uniqueItems':
      return 'must not contain duplicate items';
    case 'multipleOf':
      return `must be a multiple of ${String(params.multipleOf)}`;
    case 'minProperties':
      return `needs at least ${count(params.limit, 'property', 'properties')}`;
    case 'maxProperties':
      return `may have at most ${count(params.limit, 'property', 'properties')}`;
    case 'dependentRequired':
    case 'dependencies':
      return typeof params.property === 'string' ? `is required when ${JSON.stringify(params.property)} is present` : 'is required with another property';
    case 'unevaluatedProperties':
      return 'is not allowed here';
    case 'propertyNames':
      return typeof params.propertyName === 'string' ? `has a property name that is not allowed: ${JSON.stringify(params.propertyName)}` : 'has a property name that is not allowed';
    case 'contains':
    case 'minContains':
      return 'has no item of the required kind';
    case 'maxContains':
      return 'has too many items of one kind';
    case 'items':
    case 'additionalItems':
    case 'unevaluatedItems':
      return typeof params.limit === 'number' ? `must have at most ${count(params.limit, 'item', 'items')}` : 'has an item that is not allowed';
    case 'oneOf':
      return Array.isArray(params.passingSchemas) ? 'matches more than one of the allowed shapes, and must match exactly one' : 'does not match any of the allowed shapes';
    case 'anyOf':
      return 'does not match any of the allowed shapes';
    case 'not':
      return 'matches a shape that is not allowed';
    case 'if':
      return `does not meet the condition on its ${JSON.stringify(params.failingKeyword ?? 'then')} case`;
    case 'false schema':
      return 'is not allowed here';
    case 'discriminator':
      return typeof params.tag === 'string' ? `needs ${JSON.stringify(params.tag)} to name one of the allowed kinds` : 'does not name one of the allowed kinds';
    case 'finite':
      return 'must be a finite number';
    default:
      return 'is not valid';
  }
}

function count(limit: unknown, one: string, many: string): string {
  return `${String(limit)} ${limit === 1 ? one : many}`;
}

function renameFirstSegment(pointer: string, names: ReadonlyMap<string, string>): string {
  const end = pointer.indexOf('/', 1);
  const first = pointer.slice(1, end < 0 ? undefined : end);
  const renamed = names.get(first);
  return renamed === undefined ? pointer : `/${escape(renamed)}${end < 0 ? '' : pointer.slice(end)}`;
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
