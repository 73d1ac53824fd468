/**
 * The route contract: the data design-first writes into each version's route
 * table (src/generated/<version>/operations.ts) and the platform reads. It is
 * data only, with no imports. The generator declares the same types in
 * src/model/route-contract.ts, and a compile-time test in design-first's own
 * suite (test/seams/route-contract.test.ts) fails when the two drift apart.
 */

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
  /** An operation the blueprint deprecates (`deprecated`, `x-sunset`): its answers carry Deprecation and Sunset (an HTTP date); null otherwise. */
  lifecycle: { deprecated: boolean; sunset: string | null } | null;
  mock: MockAnswer;
}

export interface MockAnswer {
  status: number;
  contentType: string | null;
  body: unknown;
}

/** A collection operation's paging, from the route table. */
export interface PagingSpec {
  /** The success status whose body is the envelope. */
  status: number;
  /** The envelope's key for the items (the blueprint's name: `Pets`, `TrainingCourses`). */
  itemsKey: string;
  pageSize: number;
  unpagedMaximum: number;
  /** The envelope's key names: the playbook's, as the version was published under it. */
  envelope: { page: string; links: string; rel: string; href: string; type: string };
  /** Links the blueprint declares on the answer (`x-links`, OpenAPI `links`). */
  links: LinkSpec[];
}

/** Where a declared link's value comes from (decided when the service was generated). */
export type LinkValue =
  | { in: 'path'; name: string }
  | { in: 'query'; name: string }
  | { in: 'header'; name: string }
  | { in: 'body'; pointer: string }
  | { in: 'constant'; value: string };

/** A link the blueprint declares on a collection's answer. */
export interface LinkSpec {
  rel: string;
  type: string;
  /** true: an absolute URL; false: a path in this version (the prefix goes in front). */
  absolute: boolean;
  /** Literal text and values; values are URL-encoded when filled in. */
  href: Array<string | LinkValue>;
  /** Query parameters added to the href; one without a value is left out. */
  query: Array<[string, LinkValue]>;
}

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
