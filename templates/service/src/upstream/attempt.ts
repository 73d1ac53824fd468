/**
 * One attempt of an upstream call on the wire: the URL, the headers and the
 * body sent with fetch, and the answer read back.
 *
 * The query is written by openapi-fetch's serialiser, in the styles the
 * upstream's blueprint gives its parameters, and so are path parameters that
 * are lists or objects; the path template is split once per operation, not
 * searched with a regular expression per call. openapi-fetch's client
 * is not used to send: per call it builds a Headers object twice, creates a
 * query serialiser, and hands fetch a Request or Headers that fetch copies
 * again: about 5% of a call's own CPU, measured in-process against a bare
 * fetch. Here fetch gets the URL, the header pairs and the body as they are,
 * and the answer is read as openapi-fetch read it (no body for 204, HEAD or an
 * empty answer; JSON or text on success; an error's text, parsed when it is
 * JSON).
 */
import { createQuerySerializer, removeTrailingSlash, serializeArrayParam, serializeObjectParam } from 'openapi-fetch';
import type { UpstreamCallSpec } from './call-contract.js';

/** What one attempt gives back: the answer, its body already read (so a timeout covers reading it too). */
export interface Attempted {
  response: Response;
  body: unknown;
}

/** The parts of one attempt, ready to send. Header names are lower case; a later value for a name replaces an earlier one. */
export interface AttemptParts {
  url: string;
  headers: Map<string, string>;
  body: unknown;
}

/**
 * A call that is not sent: a path parameter whose value is `.` or `..` would
 * make the URL address another path of the upstream (URL parsers remove such
 * segments, percent-encoded or not), with this service's credentials.
 */
export class RefusedRequest extends Error {
  override readonly name = 'RefusedRequest';
}

type QuerySerializer = ReturnType<typeof createQuerySerializer>;
type PathWriter = (params: Record<string, unknown>) => string;

/** What each operation's URL is written with, made on its first call. */
const writers = new WeakMap<UpstreamCallSpec, { path: PathWriter; query: QuerySerializer }>();

export class UpstreamWire {
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = removeTrailingSlash(baseUrl);
  }

  /** The call's URL, once for all its attempts; throws RefusedRequest for a path parameter of `.` or `..`. */
  url(spec: UpstreamCallSpec, path: Record<string, unknown>, query: Record<string, unknown>): string {
    const write = writersOf(spec);
    const search = write.query(query);
    return `${this.baseUrl}${write.path(path)}${search === '' ? '' : `?${search}`}`;
  }

  /**
   * Send one attempt and read its answer. Redirects are answers like any
   * other: following one could send the credentials elsewhere. A malformed
   * header or URL rejects as fetch rejects it (a TypeError).
   */
  async attempt(spec: UpstreamCallSpec, parts: AttemptParts, signal: AbortSignal): Promise<Attempted> {
    const body = parts.body === undefined || spec.bodyMediaType === null ? undefined : encodeBody(parts.body, spec.bodyMediaType);
    // The body's media type, unless the operation's own header parameters set one; a FormData body (multipart)
    // gets its type, with the boundary between its parts, from fetch.
    if (body !== undefined && !(body instanceof FormData) && !parts.headers.has('content-type')) parts.headers.set('content-type', spec.bodyMediaType!);
    const response = await fetch(parts.url, { method: spec.method, headers: [...parts.headers], body, signal, redirect: 'manual' });
    return { response, body: await readBody(response, spec) };
  }
}

function writersOf(spec: UpstreamCallSpec): { path: PathWriter; query: QuerySerializer } {
  let made = writers.get(spec);
  if (made === undefined) {
    made = { path: pathWriter(spec.path), query: createQuerySerializer(spec.query ?? undefined) };
    writers.set(spec, made);
  }
  return made;
}

/**
 * The path template (`/pets/{petId}`) as a function of the parameters: each
 * value percent-encoded in the simple style (a list or an object written by
 * openapi-fetch, comma-separated); a parameter the call lacks leaves its
 * placeholder, as openapi-fetch does. A name is the placeholder's whole text.
 */
function pathWriter(template: string): PathWriter {
  // Split by a capturing pattern: literal text at even indices, parameter names at odd ones.
  const pieces = template.split(/\{([^{}]+)\}/);
  if (pieces.length === 1) return () => template;
  return (params) => {
    let path = pieces[0]!;
    for (let index = 1; index < pieces.length; index += 2) {
      const name = pieces[index]!;
      // A name Object.prototype has (`constructor`) counts only as the params' own.
      const value = Object.hasOwn(params, name) || !(name in Object.prototype) ? params[name] : undefined;
      const text = value === undefined || value === null ? `{${name}}` : pathValue(name, value);
      if (text === '.' || text === '..') throw new RefusedRequest(`the path parameter ${name} is "${text}", which would address another path of the upstream`);
      path += text + pieces[index + 1]!;
    }
    return path;
  };
}

function pathValue(name: string, value: unknown): string {
  if (Array.isArray(value)) return serializeArrayParam(name, value, { style: 'simple', explode: false });
  if (typeof value === 'object') return serializeObjectParam(name, value as Record<string, unknown>, { style: 'simple', explode: false });
  return encodeURIComponent(value as string | number | boolean);
}

/** JSON for JSON media types, a form's fields for a URL-encoded form, anything else (text, bytes, FormData) as the handler gave it. */
function encodeBody(body: unknown, mediaType: string): BodyInit {
  if (isJsonMediaType(mediaType)) return JSON.stringify(body);
  if (baseOf(mediaType) === 'application/x-www-form-urlencoded') return new URLSearchParams(body as Record<string, string>).toString();
  return body as BodyInit;
}

/**
 * The answer's body: nothing for 204, HEAD or an empty answer; on success JSON (or text, as the operation
 * reads it); otherwise its text, parsed when it is JSON. A malformed success rejects with a SyntaxError: the
 * call fails as an invalid response. Not an async function: a success of known length is read by one of
 * fetch's own promises, with no frame of this function's waiting on it.
 */
function readBody(response: Response, spec: UpstreamCallSpec): Promise<unknown> | undefined {
  const length = response.headers.get('content-length');
  if (response.status === 204 || spec.method === 'HEAD' || (length === '0' && !response.headers.get('transfer-encoding')?.includes('chunked'))) {
    return undefined;
  }
  if (!response.ok) return response.text().then(parsedIfJson);
  if (spec.parseAs === 'text') return response.text();
  // Without a length the answer may still be empty (chunked, or read to the end): no body, not a SyntaxError.
  return length === null ? response.text().then((text) => (text === '' ? undefined : JSON.parse(text))) : response.json();
}

function parsedIfJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function isJsonMediaType(mediaType: string): boolean {
  const base = baseOf(mediaType);
  return base === 'application/json' || base.endsWith('+json');
}

/** The media type without its parameters, in lower case. */
function baseOf(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}
