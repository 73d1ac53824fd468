/**
 * What a generated version hands to the platform: its route table (data from
 * the blueprint) and the team's handlers. Shared by every version.
 */
import type { HandlerContext } from './context.js';

export type JsonSchema = Record<string, unknown> | boolean;

export interface RouteSpec {
  operationId: string;
  method: string;
  url: string;
  /** A regular expression source matching request paths of this route (without prefix), for 405. */
  matcher: string;
  /** [name in the route, name in the blueprint] for each path parameter. */
  pathParams: Array<[string, string]>;
  schema: {
    params?: JsonSchema;
    querystring?: JsonSchema;
    headers?: JsonSchema;
    body?: { content: Record<string, { schema: JsonSchema }> };
    response: Record<string, JsonSchema>;
  };
  bodyMediaTypes: string[];
  bodyRequired: boolean;
  produces: string[];
  /** Paging, for collection operations: the items array's key and page sizes; null otherwise. */
  paging: { itemsKey: string; pageSize: number; unpagedMaximum: number } | null;
  /** Rate limit per client, for external APIs and operations marked `x-rate-limit`; null otherwise. */
  rateLimit: { max: number; windowSeconds: number } | null;
  security: Array<Array<{ scheme: string; scopes: string[] }>>;
  mock: MockAnswer;
}

export interface MockAnswer {
  status: number;
  contentType: string | null;
  body: unknown;
}

/** What every handler returns: a status, a body, optional headers and content type. */
export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  contentType?: string;
}

export interface HandlerRequest {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body: unknown;
}

export type AnyHandler = (
  request: HandlerRequest,
  context: HandlerContext,
) => Promise<HandlerResult>;

/** Component schemas as JSON Schema: one document per direction, referred to by `$id` from route schemas. */
export interface Definitions {
  $id: string;
  $defs: Record<string, JsonSchema>;
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
  definitions: { request: Definitions; response: Definitions };
  handlers: Record<string, AnyHandler>;
}
