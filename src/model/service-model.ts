/**
 * The ServiceModel: everything templates need, already decided. Templates never
 * look at raw OpenAPI; when one needs to branch on something, a field is added
 * here (oapi-codegen's "version-blind templates").
 *
 * Strings in the model are raw blueprint text: escaping happens in render,
 * where the context (string literal, comment, HTML...) is known.
 */
import type { JsonSchema } from './json-schema.js';
import type { PagingModel, PagingSpec } from './paging.js';
import type { TypeNode } from './type-node.js';

export interface ServiceModel {
  /** npm package name of the service. */
  packageName: string;
  title: string;
  description: string;
  /** Version of design-first's built-in template set (or the playbook's, when it declares one). */
  templateVersion: string;
  generatorVersion: string;
  versions: VersionModel[];
  runtime: RuntimeSettings;
  /** Lint findings overridden with --force, shown in the service README. */
  overriddenFindings: string[];
}

/** Playbook choices the generated platform code reads. */
export interface RuntimeSettings {
  bodyLimitBytes: number;
  pageSize: number;
  unpagedMaximum: number;
  subscriptionKeyHeader: string;
  envelope: { page: string; links: string; rel: string; href: string; type: string };
  rateLimit: { max: number; windowSeconds: number };
  errorShape: 'problem' | 'playbook';
  propertyCasing: 'pascal' | 'camel' | 'snake';
  /** Member names of the `playbook` error shape, in the property casing. */
  errorMembers: { message: string; errors: string; in: string; pointer: string; detail: string };
  /** A validation error in this shape and casing, as JSON text, for the generated README. */
  errorExample: string;
  /** The playbook these settings come from (null name: the built-in playbook), reported by GET /versions. */
  playbook: { name: string | null; version: string | null };
}

export interface VersionModel {
  /** `v1`, `v2`: the folder name and URL prefix segment. */
  key: string;
  major: number;
  prefix: string;
  title: string;
  description: string;
  /** `info.version` as written. */
  apiVersion: string;
  deprecated: boolean;
  /** `info.x-sunset` (an HTTP date or ISO date), when given. */
  sunset: string | null;
  /** Where the bundled blueprint is written, relative to the service root. */
  blueprintFile: string;
  blueprintFormat: 'json' | 'yaml';
  blueprintText: string;
  /** sha256 of blueprintText. */
  blueprintHash: string;
  /** The blueprint file the user gave, as they named it. */
  sourceFile: string;
  types: NamedType[];
  /** Component schemas as JSON Schema, once per direction; route schemas refer into them by `$id`. */
  definitions: Record<'request' | 'response', { $id: string; $defs: Record<string, JsonSchema> }>;
  operations: OperationModel[];
  securitySchemes: SecuritySchemeModel[];
  /** The playbook settings this version answers with: the service's, or those of the playbook it was published under. */
  runtime: RuntimeSettings;
  /** Things the generator changed or could not enforce, with their place. */
  notes: string[];
}

export interface NamedType {
  name: string;
  description: string | undefined;
  type: TypeNode;
}

export interface OperationModel {
  /** The blueprint's operationId, or one made from method and path. */
  operationId: string;
  /** Safe, unique TypeScript identifier: the Handlers method name. */
  ident: string;
  /** PascalCase of ident, for the request/response type names. */
  typeName: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  deprecated: boolean;
  /** Resource folder for the handler file (kebab case). */
  resource: string;
  /** Handler module, relative to src/handlers/<version>/, without extension. */
  handlerModule: string;
  requestType: TypeNode;
  responses: ResponseModel[];
  route: RouteSpec;
  /** A valid request, for the generated contract tests. */
  sample: SampleRequest;
  /** Collections that page (paging.ts): the handler returns items and a total for this status; null otherwise. */
  paging: PagingModel | null;
}

/** A valid request for an operation (samples/sample-request.ts), for the generated contract tests. */
export interface SampleRequest {
  /** The URL path with parameters filled in and encoded (without the version prefix). */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** JSON body, or a text body for non-JSON media types; null for none. */
  body: unknown;
  contentType: string | null;
}

export interface ResponseModel {
  /** A literal status, or undefined for `default` and ranges (`2XX`). */
  status: number | undefined;
  description: string;
  bodyType: TypeNode | undefined;
  /** True when the body is sent as given (non-JSON media type). */
  raw: boolean;
}

export interface SecuritySchemeModel {
  name: string;
  kind: 'jwt' | 'apiKey' | 'unsupported';
  /** For apiKey: where and under what name. */
  in: 'header' | 'query' | 'cookie' | null;
  parameterName: string | null;
}

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
  mock: { status: number; contentType: string | null; body: unknown };
}
