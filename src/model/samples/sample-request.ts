/**
 * A valid request for each operation, from values derived from the blueprint
 * (valid-sample.ts), used by the generated contract tests to call every
 * operation of a fresh service.
 */
import { templateParameterName } from '../names.js';
import type { QueryStyle, SampleRequest } from '../service-model.js';

export interface SampleParameter {
  name: string;
  in: string;
  required: boolean;
  /** A value valid for the parameter's schema (valid-sample.ts). */
  value: unknown;
  /** A query parameter spelt as more than one value: `name[key]=value` pairs, or items joined by a separator. */
  queryStyle?: QueryStyle | undefined;
}

export function sampleRequest(
  path: string,
  parameters: SampleParameter[],
  body: { contentType: string | null; value: unknown },
  dispatch: { in: 'header' | 'query'; name: string; value: string | null } | null,
): SampleRequest {
  const text = (parameter: SampleParameter) => asText(parameter.value ?? 'x');
  const filledPath = path.replace(/[#?].*$/, '').replace(/\{([^}]*)\}/g, (_match, rawName: string) => {
    const name = templateParameterName(rawName);
    const parameter = parameters.find((p) => p.in === 'path' && p.name === name);
    return encodeURIComponent(parameter ? text(parameter) || 'x' : 'x');
  });
  const query: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const parameter of parameters) {
    if (!parameter.required) continue;
    if (parameter.in === 'query' && parameter.queryStyle?.style === 'deepObject') {
      for (const [key, value] of deepObjectEntries(parameter.name, parameter.value)) Object.defineProperty(query, key, { value, enumerable: true });
    } else if (parameter.in === 'query' && parameter.queryStyle?.style === 'delimited') {
      const items = Array.isArray(parameter.value) ? parameter.value : [parameter.value];
      Object.defineProperty(query, parameter.name, { value: items.map(asText).join(parameter.queryStyle.separator), enumerable: true });
    } else if (parameter.in === 'query') Object.defineProperty(query, parameter.name, { value: text(parameter), enumerable: true });
    // OpenAPI ignores header parameters named Accept, Content-Type and Authorization: the request's own say.
    if (parameter.in === 'header' && !IGNORED_HEADERS.has(parameter.name.toLowerCase())) {
      Object.defineProperty(headers, parameter.name.toLowerCase(), { value: text(parameter), enumerable: true });
    }
  }
  if (dispatch?.in === 'header') Object.defineProperty(headers, dispatch.name, { value: dispatch.value, enumerable: true });
  if (dispatch?.in === 'query' && !Object.hasOwn(query, dispatch.name)) {
    Object.defineProperty(query, dispatch.name, { value: dispatch.value ?? 'x', enumerable: true });
  }
  return { path: filledPath || '/', query, headers, body: body.value, contentType: sendable(body.contentType) };
}

const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** A media range (`application/*+json`, as ASP.NET documents list it) is no type a client sends: JSON goes as JSON. */
function sendable(contentType: string | null): string | null {
  if (contentType === null || !contentType.split(';')[0]!.includes('*')) return contentType;
  return /json/i.test(contentType) ? 'application/json' : contentType;
}

/** A deepObject value as the service's parser (qs) reads it back: `filter[Name]=x`, `expand[0]=a`. */
function deepObjectEntries(name: string, value: unknown): Array<[string, string]> {
  if (value === null || typeof value !== 'object') return [[name, asText(value)]];
  return Object.entries(value).flatMap(([key, item]) => deepObjectEntries(`${name}[${key}]`, item));
}

function asText(value: unknown): string {
  if (Array.isArray(value)) return value.length > 0 ? asText(value[0]) : '';
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
