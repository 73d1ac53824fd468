/**
 * What a generated version hands to the platform: its route table (data from
 * the blueprint) and the team's handlers. Shared by every version.
 */
import type { HandlerContext } from './context.js';
import type { Definitions, RouteSpec, SecuritySchemeSpec } from './route-contract.js';

export type { Definitions, JsonSchema, MockAnswer, QueryStyle, RouteSpec, SecuritySchemeSpec } from './route-contract.js';

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

/** What a paged handler gets in `request.paging`. */
export interface PageRequest {
  /** The page asked for, from 1; null when the caller asked for everything (no `page`). */
  page: number | null;
  pageSize: number;
  /** Items to skip: `(page - 1) * pageSize`, 0 when page is null. */
  offset: number;
  /**
   * The most items worth fetching: `pageSize`, or `unpagedMaximum + 1` when page is
   * null (one more than allowed is enough for the platform to answer "paging is mandatory").
   */
  limit: number;
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

/** Loads a handler's module (generated/<version>/handler-map.ts): when its operation is first called, or soon after start. */
export type HandlerLoader = () => Promise<AnyHandler>;

/** The handler map's type: for each handler of the Handlers interface, a loader that returns it. */
export type HandlerLoaders<Handlers> = { [Name in keyof Handlers]: () => Promise<Handlers[Name]> };

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
  /** The team's handlers by operationId, each loaded when first needed (handler-loading.ts). */
  handlers: Record<string, HandlerLoader>;
}
