/**
 * What a generated service's contract tests hold every answer to, per declared
 * response: its media types and its headers, each with its place in the
 * blueprint, so a failure can point at the line a reviewer reads. The body's
 * schema is the route's own (RouteSpec.schema.response) and is not repeated.
 * https://spec.openapis.org/oas/v3.1.0#responses-object
 * https://spec.openapis.org/oas/v3.1.0#header-object
 */
import type { Json } from '../blueprint/openapi.js';
import { childPointer, followRefs } from '../blueprint/pointer.js';
import { usableMediaTypes } from './media-types.js';
import { templateParameterName } from './names.js';
import type { OperationContext } from './operation-context.js';
import { exampleOf } from './samples/mock.js';
import { validSample } from './samples/valid-sample.js';
import type { OperationContract, ResponseContract } from './service-model.js';

/** Response headers OpenAPI says to ignore: the media type is the content map's business. */
const IGNORED_RESPONSE_HEADERS = new Set(['content-type']);

export interface BuiltContract {
  contract: OperationContract;
  /** Values for the required headers of the response a mock answers with; undefined when it has none. */
  mockHeaders(status: number): Record<string, string> | undefined;
}

export function buildContract(context: OperationContext, path: string, rawResponses: unknown, pointer: string): BuiltContract {
  const responses: ResponseContract[] = [];
  const samples = new Map<string, Record<string, string>>();
  const declared = (rawResponses && typeof rawResponses === 'object' ? rawResponses : {}) as Json;
  for (const [statusKey, raw] of Object.entries(declared)) {
    const key = responseKey(statusKey);
    const response = followRefs(context.loaded.document, raw) as Json | undefined;
    if (key === undefined || !response || typeof response !== 'object' || responses.some((entry) => entry.key === key)) continue;
    const at = childPointer(pointer, statusKey);
    const content = (response.content && typeof response.content === 'object' ? response.content : {}) as Json;
    const headers: ResponseContract['headers'] = [];
    const required: Record<string, string> = {};
    const declaredHeaders = (response.headers && typeof response.headers === 'object' ? response.headers : {}) as Json;
    for (const [name, rawHeader] of Object.entries(declaredHeaders)) {
      const header = followRefs(context.loaded.document, rawHeader) as Json | undefined;
      if (!header || typeof header !== 'object' || IGNORED_RESPONSE_HEADERS.has(name.toLowerCase())) continue;
      const headerPointer = childPointer(childPointer(at, 'headers'), name);
      const rawSchema = headerSchema(header);
      const schema = rawSchema === undefined ? {} : context.converter.parameterSchema(rawSchema, headerPointer);
      headers.push({ name, required: header.required === true, schema, pointer: headerPointer });
      if (header.required === true) {
        const value = validSample('request', rawSchema, context.loaded.document, exampleOf(context.loaded.document, header), schema, context.isValidRequest);
        Object.defineProperty(required, name.toLowerCase(), { value: asText(value), enumerable: true });
      }
    }
    // Media-type keys that are not one were noted when the responses were read (responses.ts).
    responses.push({ key, pointer: at, contentTypes: usableMediaTypes(context, content, childPointer(at, 'content'), { note: false }), headers });
    if (Object.keys(required).length > 0) samples.set(key, required);
  }
  return {
    contract: { path, pathTemplate: pathTemplate(context.servedPath(path)), responses },
    // The mock answers with the status the model chose (mock.ts): its own entry, else its range, else `default`.
    mockHeaders: (status) => samples.get(String(status)) ?? samples.get(`${Math.floor(status / 100)}xx`) ?? samples.get('default'),
  };
}

/** `200`, `2xx` or `default`: how RouteSpec.schema.response names a declared status; undefined for anything else. */
function responseKey(statusKey: string): string | undefined {
  const key = statusKey.toUpperCase();
  if (/^[1-5]\d\d$/.test(key)) return key;
  if (/^[1-5]XX$/.test(key)) return key.toLowerCase();
  return key === 'DEFAULT' ? 'default' : undefined;
}

/** A header's schema: `schema`, or the one of its `content` entry. */
function headerSchema(header: Json): unknown {
  if (header.schema !== undefined) return header.schema;
  const content = header.content && typeof header.content === 'object' ? Object.values(header.content as Json) : [];
  return (content[0] as Json | undefined)?.schema;
}

/** The path as served (without the version prefix and the dispatch part of AWS-style keys), with `{name}` as the request type names each parameter. */
function pathTemplate(path: string): string {
  return path.replace(/[#?].*$/, '').replace(/\{([^}]*)\}/g, (_match, raw: string) => `{${templateParameterName(raw)}}`) || '/';
}

function asText(value: unknown): string {
  if (value === null || value === undefined) return 'x';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
