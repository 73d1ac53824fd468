/**
 * Ajv's errors against the OpenAPI schema, condensed into the few findings a
 * person would write: one per mistake, at the key that is wrong, in words.
 *
 * The official schemas say "this or a Reference Object" (`oneOf`, or 3.1's
 * `if`/`then`/`else`) almost everywhere, and list parameters as a `oneOf` of
 * one shape per location, so one mistake yields errors from every branch.
 * Kept are the errors of the branch the author meant:
 * - the `oneOf`/`anyOf`/`if` summary errors go when a more precise error exists at or below the same place;
 * - "must have `$ref`" goes when the object holds no `$ref` and another branch has something to say;
 * - the same key refused by several branches with different allowed values (a parameter's
 *   `in`) is a branch selector: its errors merge, and go when another key of the same object is wrong;
 * - type errors at one place merge (`must be object or boolean`), and go when the value has the
 *   right type for a branch that says something more precise;
 * - a branch's error goes when an error that holds in every branch is at the same place.
 */
import type { ErrorObject } from 'ajv';
import { getAtPointer, parsePointer } from '../../blueprint/pointer.js';
import { child } from '../../blueprint/openapi.js';
import type { Report } from '../types.js';
import type { OasValidation } from './oas-validator.js';

interface Candidate {
  pointer: string;
  keyword: string;
  object: string;
  error: ErrorObject;
  /** For a merged branch selector: every value some branch allows. */
  allowed?: unknown[];
  /** For merged type errors: every type some branch allows. */
  types?: string[];
}

const SUMMARY_KEYWORDS = new Set(['oneOf', 'anyOf', 'if', '$ref']);
const SELECTOR_KEYWORDS = new Set(['enum', 'const']);

export function describeErrors({ errors, definitionOf }: OasValidation, document: unknown): Report[] {
  const candidates: Candidate[] = errors
    // Names of components are checked by oas3-schema itself, in words (3.1's schema checks them with propertyNames).
    .filter((error) => error.keyword !== 'propertyNames' && !error.schemaPath.includes('/propertyNames/'))
    .map((error) => ({
      pointer:
        error.keyword === 'additionalProperties'
          ? child(error.instancePath, String(error.params.additionalProperty))
          : error.keyword === 'unevaluatedProperties'
            ? child(error.instancePath, String(error.params.unevaluatedProperty))
            : error.instancePath,
      // 3.1's schema closes objects with unevaluatedProperties: the same mistake as 3.0's additionalProperties.
      keyword: error.keyword === 'unevaluatedProperties' ? 'additionalProperties' : error.keyword,
      object: objectName(definitionOf(error.parentSchema) ?? definitionIn(error.schemaPath), error.instancePath),
      error,
    }));
  const below = (pointer: string, except: Candidate) =>
    candidates.some((other) => other !== except && !SUMMARY_KEYWORDS.has(other.keyword) && within(other.pointer, pointer));

  let kept = candidates.filter((candidate) => {
    if (SUMMARY_KEYWORDS.has(candidate.keyword)) return !below(candidate.pointer, candidate);
    if (candidate.keyword === 'required' && candidate.error.params.missingProperty === '$ref') {
      const value = getAtPointer(document, candidate.pointer);
      const isRef = value !== null && typeof value === 'object' && '$ref' in value;
      return isRef || !below(candidate.pointer, candidate);
    }
    return true;
  });

  // An error that holds whatever the branch (the object misses `in`) outweighs the branches' guesses at the same place.
  const isBranch = (c: Candidate) => /\/(oneOf|anyOf)\/\d+\//.test(c.error.schemaPath);
  const certain = new Set(
    kept
      .filter((c) => !isBranch(c) && !SUMMARY_KEYWORDS.has(c.keyword) && !(c.keyword === 'required' && c.error.params.missingProperty === '$ref'))
      .map((c) => c.pointer),
  );
  kept = kept.filter((c) => !isBranch(c) || !certain.has(c.pointer));

  // Branch selectors: one key refused by several branches, each wanting another value.
  const selectors = groupBy(
    kept.filter((c) => SELECTOR_KEYWORDS.has(c.keyword)),
    (c) => c.pointer,
  );
  for (const [pointer, group] of selectors) {
    if (group.length < 2) continue;
    const parent = parentOf(pointer);
    const otherwise = kept.some(
      (other) => !group.includes(other) && !SUMMARY_KEYWORDS.has(other.keyword) && within(other.pointer, parent) && other.pointer !== parent,
    );
    kept = kept.filter((c) => !group.includes(c) || (!otherwise && c === group[0]));
    if (!otherwise) group[0]!.allowed = [...new Set(group.flatMap(allowedValues))];
  }
  // Type errors at one place: merged; dropped when the value fits a branch that found something more precise.
  for (const [pointer, group] of groupBy(
    kept.filter((c) => c.keyword === 'type'),
    (c) => c.pointer,
  )) {
    const precise = kept.some(
      (other) =>
        other.keyword !== 'type' &&
        !SUMMARY_KEYWORDS.has(other.keyword) &&
        within(other.pointer, pointer) &&
        !(other.keyword === 'required' && other.error.params.missingProperty === '$ref'),
    );
    kept = kept.filter((c) => !group.includes(c) || (!precise && c === group[0]));
    if (!precise) group[0]!.types = [...new Set(group.flatMap((c) => String(c.error.params.type).split(',')))];
  }

  const reports: Report[] = [];
  const seen = new Set<string>();
  for (const candidate of kept) {
    const message = messageOf(candidate, document);
    const key = `${candidate.pointer}\u0000${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reports.push({ message, location: candidate.pointer });
  }
  return reports;
}

function messageOf(candidate: Candidate, document: unknown): string {
  const { error, pointer, object } = candidate;
  const segments = parsePointer(pointer);
  const key = segments.length === 0 ? 'the document' : `\`${segments.at(-1)}\``;
  const value = getAtPointer(document, pointer);
  switch (candidate.keyword) {
    case 'required': {
      const missing = String(error.params.missingProperty);
      return `${object === 'the document' || object === 'this object' ? object : article(object)} needs \`${missing}\``;
    }
    case 'additionalProperties':
      if (object === 'Paths Object') return `path ${key} does not start with /`;
      return `${key} is not a field of ${object === 'the document' || object === 'this object' ? object : article(object)} (extensions start with x-)`;
    case 'enum':
    case 'const': {
      const allowed = candidate.allowed ?? allowedValues(candidate);
      const suggestion = closest(value, allowed);
      return `${key} must be ${allowed.length === 1 ? JSON.stringify(allowed[0]) : `one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}`}, not ${JSON.stringify(value)}${suggestion ? ` (did you mean ${JSON.stringify(suggestion)}?)` : ''}`;
    }
    case 'type': {
      const types = candidate.types ?? String(error.params.type).split(',');
      return `${key} must be ${types.map((type) => `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`).join(' or ')}, not ${describeValue(value)}`;
    }
    case 'pattern':
      return `${key} ${JSON.stringify(value)} does not match ${String(error.params.pattern)}`;
    case 'oneOf':
      return Array.isArray(error.params.passingSchemas)
        ? `${key} matches more than one of the shapes OpenAPI allows here`
        : `${key} matches none of the shapes OpenAPI allows here`;
    case 'anyOf':
    case 'if':
      return `${key} matches none of the shapes OpenAPI allows here`;
    default:
      return `${key} ${error.message ?? 'is not valid here'}`;
  }
}

function allowedValues(candidate: Candidate): unknown[] {
  const params = candidate.error.params as { allowedValues?: unknown[]; allowedValue?: unknown };
  return params.allowedValues ?? [params.allowedValue];
}

/** The definition a schema path lies in: `#/definitions/PathItem/...` (3.0), `#/$defs/path-item/...` (3.1). */
function definitionIn(schemaPath: string): string | undefined {
  const match = /#\/(?:definitions|\$defs)\/([^/]+)/.exec(schemaPath);
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/** `PathItem` or `path-item` -> `Path Item Object`; none -> `the document` at the top, else `this object`. */
function objectName(definition: string | undefined, instancePath: string): string {
  if (definition === undefined) return instancePath === '' ? 'the document' : 'this object';
  const name = definition.replace(/-or-reference$/, '');
  const words =
    name.includes('-') || /^[a-z]/.test(name)
      ? name.split('-')
      : name
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
          .split(' ');
  return `${words.map((word) => (word.length <= 3 && word.toUpperCase() === word ? word : word[0]!.toUpperCase() + word.slice(1))).join(' ')} Object`;
}

function article(name: string): string {
  return `${/^[AEIOU]/.test(name) ? 'an' : 'a'} ${name}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

/** The allowed string nearest to a mistyped one (at most two edits), for "did you mean". */
function closest(value: unknown, allowed: readonly unknown[]): string | undefined {
  if (typeof value !== 'string') return undefined;
  let best: { text: string; distance: number } | undefined;
  for (const option of allowed) {
    if (typeof option !== 'string') continue;
    const distance = editDistance(value.toLowerCase(), option.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { text: option, distance };
  }
  return best?.text;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

function within(pointer: string, base: string): boolean {
  return pointer === base || base === '' || pointer.startsWith(`${base}/`);
}

function parentOf(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf('/'));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
