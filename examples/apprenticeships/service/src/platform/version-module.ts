/**
 * What a generated version hands to the platform: its route table (data from
 * the blueprint) and the team's handlers. Shared by every version.
 */
import type { HandlerContext } from './context.js';
import type { PageRequest, PagingSpec } from './paging.js';

export type JsonSchema = Record<string, unknown> | boolean;

/** A query parameter in `style: deepObject`, or a list with `explode: false` and the separator of its style. */
export type QueryStyle = { name: string; style: 'deepObject' } | { name: string; style: 'delimited'; separator: ',' | '|' | ' ' };

export interface RouteSpec {
  operationId: string;
  method: string;
  url: string;
  /** A regular expression source matching request paths of this route (without prefix), for 405. */
  matcher: string;
  /** For path keys like `/#X-Amz-Target=Service.Action`: the header or query value (null: presence) that selects this operation. */
  dispatch: { in: 'header' | 'query'; name: string; value: string | null } | null;
  /** [name in the route, name in the blueprint] for each path parameter. */
  pathParams: Array<[string, string]>;
  schema: {
    params?: JsonSchema;
    querystring?: JsonSchema;
    headers?: JsonSchema;
    body?: { content: Record<string, { schema: JsonSchema }> };
    response: Record<string, JsonSchema>;
  };
  /** Query parameters spelt as more than one value, put together before validation (query-styles.ts); absent when none. */
  queryStyles?: QueryStyle[];
  bodyMediaTypes: string[];
  bodyRequired: boolean;
  produces: string[];
  /** Paging, for collection operations (platform/paging.ts); null otherwise. */
  paging: PagingSpec | null;
  /** Rate limit per client, for external APIs and operations marked `x-rate-limit`; null otherwise. */
  rateLimit: { max: number; windowSeconds: number } | null;
  security: Array<Array<{ scheme: string; scopes: string[] }>>;
  mock: MockAnswer;
}

export interface MockAnswer {
  status: number;
  contentType: string | null;
  body: unknown;
  /** Values for the required headers of the response, when it declares any. */
  headers?: Record<string, string>;
}

/** What every handler returns: a status, a body, optional headers and content type. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  /** Instead of a body, for a collection's envelope status: the page's items and, when known, how many there are in all. */
  items?: unknown[];
  total?: number;
  headers?: Record<string, string>;
  contentType?: string;
}

export interface HandlerRequest {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
  /** For collections that page: the page asked for (platform/paging.ts). */
  paging?: PageRequest;
}

export type AnyHandler = (request: HandlerRequest, context: HandlerContext) => Promise<HandlerResult>;

/** Component schemas as JSON Schema: one document per direction, referred to by `$id` from route schemas. */
export interface Definitions {
  $id: string;
  $defs: Record<string, JsonSchema>;
}

/**
 * A security scheme the blueprint declares (components.securitySchemes): `jwt`
 * for oauth2, openIdConnect and http bearer; `apiKey` with where the key is
 * sent; `unsupported` for the rest (an operation that needs one refuses).
 */
export interface SecuritySchemeSpec {
  name: string;
  kind: 'jwt' | 'apiKey' | 'unsupported';
  in: 'header' | 'query' | 'cookie' | null;
  parameterName: string | null;
}

export interface VersionModule {
  key: string;
  prefix: string;
  title: string;
  apiVersion: string;
  deprecated: boolean;
  sunset: string | null;
  blueprintFile: string;
  routes: RouteSpec[];
  /** The blueprint's security schemes, by name in `RouteSpec.security`. */
  securitySchemes: SecuritySchemeSpec[];
  definitions: { request: Definitions; response: Definitions };
  handlers: Record<string, AnyHandler>;
}
