/**
 * One attempt of an upstream call on the wire: the URL, the headers and the
 * body sent with fetch, and the answer read back.
 *
 * The path and query are written by openapi-fetch's own serialisers, in the
 * styles the upstream's blueprint gives its parameters. openapi-fetch's client
 * is not used to send: per call it builds a Headers object twice, creates a
 * query serialiser, and hands fetch a Request or Headers that fetch copies
 * again, about 40 µs of a 350 µs call (bench/upstream.ts, where a call through
 * the generated client is held to 0.8 of a hand-written fetch). Here fetch gets
 * the URL, the header pairs and the body as they are, and the answer is read
 * as openapi-fetch reads it (no body for 204, HEAD or an empty answer; JSON or
 * text on success; an error's text, parsed when it is JSON).
 */
import { createFinalURL, createQuerySerializer, defaultPathSerializer, removeTrailingSlash } from 'openapi-fetch';
import type { UpstreamCallSpec } from './call-contract.js';

/** What one attempt gives back: the answer, its body already read (so a timeout covers reading it too). */
export interface Attempted {
  response: Response;
  body: unknown;
}

/** The parts of one attempt, ready to send. Header names are lower case; a later value for a name replaces an earlier one. */
export interface AttemptParts {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Map<string, string>;
  body: unknown;
}

type QuerySerializer = ReturnType<typeof createQuerySerializer>;

/** The query serialiser of each operation, made on its first call. */
const querySerializers = new WeakMap<UpstreamCallSpec, QuerySerializer>();

export class UpstreamWire {
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = removeTrailingSlash(baseUrl);
  }

  /**
   * Send one attempt and read its answer. Redirects are answers like any
   * other: following one could send the credentials elsewhere. A malformed
   * header or URL rejects as fetch rejects it (a TypeError).
   */
  async attempt(spec: UpstreamCallSpec, parts: AttemptParts, signal: AbortSignal): Promise<Attempted> {
    const url = createFinalURL(spec.path, {
      baseUrl: this.baseUrl,
      params: { path: parts.path, query: parts.query },
      querySerializer: querySerializerOf(spec),
      pathSerializer: defaultPathSerializer,
    });
    const body = parts.body === undefined || spec.bodyMediaType === null ? undefined : encodeBody(parts.body, spec.bodyMediaType);
    // Pairs, not an object: fetch reads an object's keys into one of its own, where `__proto__` would be lost.
    const response = await fetch(url, { method: spec.method, headers: [...parts.headers], body, signal, redirect: 'manual' });
    return { response, body: await readBody(response, spec) };
  }
}

function querySerializerOf(spec: UpstreamCallSpec): QuerySerializer {
  let serializer = querySerializers.get(spec);
  if (serializer === undefined) {
    serializer = createQuerySerializer(spec.query ?? undefined);
    querySerializers.set(spec, serializer);
  }
  return serializer;
}

/** JSON for JSON media types, a form's fields for a URL-encoded form, anything else (text, bytes, FormData) as the handler gave it. */
function encodeBody(body: unknown, mediaType: string): BodyInit {
  if (isJsonMediaType(mediaType)) return JSON.stringify(body);
  if (baseOf(mediaType) === 'application/x-www-form-urlencoded') return new URLSearchParams(body as Record<string, string>).toString();
  return body as BodyInit;
}

/** The answer's body: nothing for 204, HEAD or an empty answer; on success JSON (or text, as the operation reads it); otherwise its text, parsed when it is JSON. */
async function readBody(response: Response, spec: UpstreamCallSpec): Promise<unknown> {
  const length = response.headers.get('content-length');
  if (response.status === 204 || spec.method === 'HEAD' || (length === '0' && !response.headers.get('transfer-encoding')?.includes('chunked'))) {
    return undefined;
  }
  const text = await response.text();
  if (response.ok) {
    if (spec.parseAs === 'text') return text;
    // A malformed success throws SyntaxError: the call fails as an invalid response.
    return text === '' ? undefined : JSON.parse(text);
  }
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
