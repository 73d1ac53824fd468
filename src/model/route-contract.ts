/**
 * The route contract: what the generator writes into each version's route
 * table and the generated platform reads (its own copy is
 * templates/service/src/platform/route-contract.ts, because a generated
 * service cannot import the generator). test/seams/route-contract.test.ts
 * fails to compile when the two drift apart.
 */
import type { JsonSchema } from './json-schema.js';

/** A query parameter in `style: deepObject`, or a list with `explode: false` and the separator of its style. */
export type QueryStyle = { name: string; style: 'deepObject' } | { name: string; style: 'delimited'; separator: ',' | '|' | ' ' };

/** The data the generated platform registers routes from (written as JSON). */
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
  /** Query parameters spelt as more than one value (`?filter[Name]=x`, `?ids=1,2`), put together before validation; absent when none. */
  queryStyles?: QueryStyle[];
  /** Declared request media types ([] when the operation takes no body). */
  bodyMediaTypes: string[];
  bodyRequired: boolean;
  /** Response media types the operation can produce, for 406. */
  produces: string[];
  /** Paging, for collection operations: envelope status, items key, page sizes, declared links (paging.ts); null otherwise. */
  paging: PagingSpec | null;
  /** Rate limit per client, for external APIs and operations marked `x-rate-limit`; null otherwise. */
  rateLimit: { max: number; windowSeconds: number } | null;
  /** Effective security: OR of AND-groups; [] = public. */
  security: Array<Array<{ scheme: string; scopes: string[] }>>;
  /** An operation the blueprint deprecates (`deprecated`, `x-sunset`): its answers carry Deprecation and Sunset (an HTTP date); null otherwise. */
  lifecycle: { deprecated: boolean; sunset: string | null } | null;
  mock: MockAnswer;
}

/** What a mock answers: the blueprint's example (or a valid sample) for the success response. */
export interface MockAnswer {
  status: number;
  contentType: string | null;
  body: unknown;
}

/** The route table's paging data (RouteSpec.paging). */
export interface PagingSpec {
  /** The success status whose body is the envelope. */
  status: number;
  itemsKey: string;
  pageSize: number;
  unpagedMaximum: number;
  /** The envelope's key names: the playbook's, as the version was published under it. */
  envelope: { page: string; links: string; rel: string; href: string; type: string };
  links: LinkSpec[];
}

/** Where a link's value comes from when the answer is built. */
export type LinkValue =
  /** A path parameter of the request, by its name in the route table. */
  | { in: 'path'; name: string }
  | { in: 'query'; name: string }
  /** A request header, lower case. */
  | { in: 'header'; name: string }
  /** A JSON pointer into the envelope being sent (`/Page`, `/Courses/0/LarsCode`). */
  | { in: 'body'; pointer: string }
  | { in: 'constant'; value: string };

/** A link the blueprint declares on a collection's answer. */
export interface LinkSpec {
  rel: string;
  /** The HTTP method of the target, upper case. */
  type: string;
  /** true: `href` is an absolute URL; false: a path in this version (the version prefix goes in front). */
  absolute: boolean;
  /** The href as literal text and values, which are URL-encoded when filled in. */
  href: Array<string | LinkValue>;
  /** Query parameters added to the href; one whose value is missing is left out. */
  query: Array<[string, LinkValue]>;
}

/** Component schemas as JSON Schema, one document per direction, referred to by `$id` from route schemas. */
export interface Definitions {
  $id: string;
  $defs: Record<string, JsonSchema>;
}

export interface SecuritySchemeModel {
  name: string;
  kind: 'jwt' | 'apiKey' | 'unsupported';
  /** For apiKey: where and under what name. */
  in: 'header' | 'query' | 'cookie' | null;
  parameterName: string | null;
}
