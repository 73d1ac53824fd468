/**
 * Sampled data that looks like data. openapi-sampler writes "string" for a
 * string, 0 for a number and the same day for every date, so a mock tenancy
 * had `FullName: "string"` and ended the day it began. Where the schema says
 * nothing more (no example, default, enum, const or pattern), a value is
 * chosen by the property's name: names look like names, postcodes like
 * postcodes, rents like rents; and two dates named as a range (StartDate and
 * EndDate, ValidFrom and ValidTo) are put in order. A value is only chosen
 * when the property's own bounds allow it; valid-sample.ts keeps the result
 * only when the whole still validates. The same input always gives the same
 * output: generated code is committed and compared.
 */
import { followRefs } from '../../blueprint/pointer.js';
import type { Json } from '../../blueprint/openapi.js';

const MAX_DEPTH = 12;

/** Lower-case names, letters and digits only -> a string that looks like one. */
const STRINGS: ReadonlyArray<[RegExp, string]> = [
  [/^(first|given|fore)names?$/, 'Ada'],
  [/^(last|family|sur)names?$/, 'Lovelace'],
  [/^(full|person|contact|customer|tenant|owner|holder|applicant|account|display)?name$/, 'Ada Lovelace'],
  [/^(user(name)?|login|handle)$/, 'ada.lovelace'],
  [/e?mail(address)?$/, 'ada.lovelace@example.com'],
  [/(tele)?phone(number)?$|^mobile(number)?$|^tel$/, '+44 20 7946 0958'],
  [/^post(al)?code$/, 'SW1A 1AA'],
  [/^zip(code)?$/, '94105'],
  [/^(address)?(line)?1$|^street(address)?$|^addressline$/, '1 High Street'],
  [/^(address)?(line)?2$/, 'Flat 2'],
  [/^(city|town|locality)$/, 'Manchester'],
  [/^(county|region|state|province)$/, 'Greater Manchester'],
  [/^countrycode$/, 'GB'],
  [/^country(name)?$/, 'United Kingdom'],
  [/^currency(code)?$/, 'GBP'],
  [/^(language|locale)(code)?$/, 'en-GB'],
  [/^(url|website|homepage|link)$/, 'https://www.example.com'],
  [/^(description|summary|details?|notes?|comments?|message|reason)$/, 'A short description, for illustration.'],
  [/^rel$/, 'self'],
  [/^href$/, '/'],
];

/** A number that looks like one, and the names it fits. */
const NUMBERS: ReadonlyArray<[RegExp, number]> = [
  [/(rent|price|amount|cost|fee|charge|salary|balance|total|payment|deposit)$/, 125.5],
  [/^(age|ageinyears)$/, 42],
  [/(quantity|count|number(of\w+)?)$/, 3],
  [/^(year)$/, 2026],
  [/^page(number)?$/, 1],
  [/^(lat|latitude)$/, 51.5072],
  [/^(lon|lng|longitude)$/, -0.1276],
  [/(percent(age)?|rate)$/, 12.5],
];

/** How a range's two ends are named: the first of each pair is the start. */
const RANGE_WORDS: ReadonlyArray<[string, string]> = [
  ['start', 'end'],
  ['from', 'to'],
  ['from', 'until'],
  ['begin', 'end'],
  ['begins', 'ends'],
  ['opens', 'closes'],
  ['earliest', 'latest'],
];
const DAYS = { start: '2026-01-05', end: '2026-12-31', alone: '2026-03-14' };
const TIMES = { start: '2026-01-05T09:00:00Z', end: '2026-12-31T17:00:00Z', alone: '2026-03-14T12:30:00Z' };

/** `value` (sampled for `schema`, an OpenAPI schema with $refs into `document`) with plausible values where the schema allows. */
export function plausible(value: unknown, schema: unknown, document: unknown): unknown {
  return visit(value, schema, document, 0, '');
}

function visit(value: unknown, schema: unknown, document: unknown, depth: number, owner: string): unknown {
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  const resolved = resolve(schema, document);
  if (Array.isArray(value)) {
    const items = resolved.node.items;
    return value.map((item) => visit(item, items, document, depth + 1, resolved.name ?? owner));
  }
  const properties = propertiesOf(resolved.node, document, depth);
  const name = resolved.name ?? owner;
  const out: Record<string, unknown> = {};
  const dates: Array<{ key: string; format: 'date' | 'date-time' }> = [];
  for (const [key, child] of Object.entries(value)) {
    const property = resolve(properties.get(key), document);
    let next = visit(child, properties.get(key), document, depth + 1, name);
    if (!fixed(property.node)) {
      const format = property.node.format;
      if (typeof child === 'string' && (format === 'date' || format === 'date-time')) dates.push({ key, format });
      else if (typeof child === 'string' && (format === undefined || (format === 'email' && /mail/i.test(key))))
        next = stringFor(key, name, property.node) ?? child;
      else if (typeof child === 'number') next = numberFor(key, property.node) ?? child;
    }
    Object.defineProperty(out, key, { value: next, enumerable: true, writable: true, configurable: true });
  }
  for (const [key, text] of datesInOrder(dates)) Object.defineProperty(out, key, { value: text, enumerable: true, writable: true, configurable: true });
  return out;
}

/** The schema with its $refs followed, and the component it came from (`#/components/schemas/Tenancy` -> "tenancy"). */
function resolve(schema: unknown, document: unknown): { node: Json; name: string | undefined } {
  let name: string | undefined;
  let current = schema;
  for (let hops = 0; hops < 20 && isObject(current) && typeof current.$ref === 'string'; hops++) {
    const match = /#\/components\/schemas\/([^/]+)$/.exec(current.$ref);
    if (match) name = words(decodeURIComponent(match[1]!.replace(/~1/g, '/').replace(/~0/g, '~')));
    current = followRefs(document, { $ref: current.$ref });
  }
  return { node: isObject(current) ? current : {}, name };
}

/** Properties an object schema declares, its own and those of its allOf branches. */
function propertiesOf(node: Json, document: unknown, depth: number): Map<string, unknown> {
  const found = new Map<string, unknown>();
  if (isObject(node.properties)) for (const [key, child] of Object.entries(node.properties)) found.set(key, child);
  if (Array.isArray(node.allOf) && depth <= MAX_DEPTH) {
    for (const branch of node.allOf)
      for (const [key, child] of propertiesOf(resolve(branch, document).node, document, depth + 1)) if (!found.has(key)) found.set(key, child);
  }
  return found;
}

/** The schema pins the value down itself: it is left as sampled. */
function fixed(node: Json): boolean {
  return ['example', 'examples', 'default', 'enum', 'const', 'pattern', 'x-example'].some((keyword) => node[keyword] !== undefined);
}

function stringFor(key: string, owner: string, node: Json): string | undefined {
  const plain = comparable(key);
  let text = STRINGS.find(([pattern]) => pattern.test(plain))?.[1];
  // A thing's own name or title: "Example training provider", not "Ada Lovelace".
  if ((text === 'Ada Lovelace' && plain === 'name') || plain === 'title') text = owner ? `Example ${owner}` : undefined;
  if (text === undefined) return undefined;
  const min = typeof node.minLength === 'number' ? node.minLength : 0;
  const max = typeof node.maxLength === 'number' ? node.maxLength : Infinity;
  return text.length >= min && text.length <= max ? text : undefined;
}

function numberFor(key: string, node: Json): number | undefined {
  const plain = comparable(key);
  const found = NUMBERS.find(([pattern]) => pattern.test(plain))?.[1];
  if (found === undefined) return undefined;
  const value = node.type === 'integer' ? Math.round(found) : found;
  const above = (bound: unknown, exclusive: unknown) => typeof bound !== 'number' || (exclusive === true ? value > bound : value >= bound);
  const below = (bound: unknown, exclusive: unknown) => typeof bound !== 'number' || (exclusive === true ? value < bound : value <= bound);
  const inBounds =
    above(node.minimum, node.exclusiveMinimum) &&
    below(node.maximum, node.exclusiveMaximum) &&
    (typeof node.exclusiveMinimum !== 'number' || value > node.exclusiveMinimum) &&
    (typeof node.exclusiveMaximum !== 'number' || value < node.exclusiveMaximum) &&
    (typeof node.multipleOf !== 'number' || Number.isInteger(value / node.multipleOf));
  return inBounds ? value : undefined;
}

/** Dates of one object: the two ends of a range in order, any other a plausible day. */
function datesInOrder(dates: ReadonlyArray<{ key: string; format: 'date' | 'date-time' }>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const ends = new Map<string, 'start' | 'end'>();
  for (const a of dates) {
    for (const b of dates) {
      if (a === b) continue;
      if (RANGE_WORDS.some(([start, end]) => sameBut(a.key, start, b.key, end))) {
        ends.set(a.key, 'start');
        ends.set(b.key, 'end');
      }
    }
  }
  for (const { key, format } of dates) out.push([key, (format === 'date' ? DAYS : TIMES)[ends.get(key) ?? 'alone']]);
  return out;
}

/** `StartDate` and `EndDate`, `validFrom` and `validTo`: the same name with `first` in one where `second` is in the other. */
function sameBut(a: string, first: string, b: string, second: string): boolean {
  const left = words(a).split(' ');
  const right = words(b).split(' ');
  const [one, two] = [first.split(' '), second.split(' ')];
  for (let at = 0; at + one.length <= left.length; at++) {
    if (left.slice(at, at + one.length).join(' ') !== first) continue;
    const rest = [...left.slice(0, at), ...two, ...left.slice(at + one.length)].join(' ');
    if (rest === right.join(' ')) return true;
  }
  return false;
}

/** `TenancyStartDate`, `tenancy_start_date`, `tenancy-start-date` -> "tenancy start date" (remembered: every pair of an object's dates asks). */
function words(name: string): string {
  let text = WORDS.get(name);
  if (text === undefined) {
    text = name
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
      .split(/[^A-Za-z0-9]+/)
      .filter(Boolean)
      .join(' ')
      .toLowerCase();
    WORDS.set(name, text);
  }
  return text;
}
const WORDS = new Map<string, string>();

function comparable(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
