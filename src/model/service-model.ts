import type { JsonSchema } from './json-schema.js';
import type { PagingModel } from './paging.js';
import type { Definitions, RouteSpec, SecuritySchemeModel } from './route-contract.js';

export type { Definitions, MockAnswer, QueryStyle, RouteSpec, SecuritySchemeModel } from './route-contract.js';
import type { TypeNode } from './type-node.js';
import type { UpstreamModel } from './upstreams/upstream-model.js';

export interface ServiceModel {
  /** npm package name of the service. */
  packageName: string;
  title: string;
  description: string;
  /** Version of design-first's built-in template set (or the playbook's, when it declares one). */
  templateVersion: string;
  generatorVersion: string;
  versions: VersionModel[];
  /** The APIs this service calls (`--upstream NAME=BLUEPRINT`), each with a typed client; [] for none. */
  upstreams: UpstreamModel[];
  runtime: RuntimeSettings;
  /** Lint findings overridden with --force, shown in the service README. */
  overriddenFindings: string[];
  /** Environment variables the service needs before it starts verifying credentials; [] when no operation is secured by a supported scheme. */
  credentialVariables: string[];
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
  /** The playbook's `vars:`, for its templates (`{{str vars.councilName}}`). */
  vars: Record<string, unknown>;
}

export interface VersionModel {
  /** `v1`, `v2`: the folder name and URL prefix segment. */
  key: string;
  major: number;
  /** The URL prefix routes and the spec endpoints are served under: `/v1` by default (version-prefix.ts). */
  prefix: string;
  /** Why the prefix is not `/<key>`, for `new`'s output; null when it is. */
  prefixReason: string | null;
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
  definitions: Record<'request' | 'response', Definitions>;
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
  /** What the contract tests hold each answer to (response-contract.ts). */
  contract: OperationContract;
}

export interface OperationContract {
  /** The path as the blueprint writes it, for messages. */
  path: string;
  /** The path as served under the version prefix, with `{name}` for each path parameter as the request type names them. */
  pathTemplate: string;
  /** Every declared response, in blueprint order. */
  responses: ResponseContract[];
}

export interface ResponseContract {
  /** `200`, `2xx` or `default`, as RouteSpec.schema.response names them. */
  key: string;
  /** JSON pointer of the Response Object in the blueprint. */
  pointer: string;
  /** Declared media types; [] when the response has no body. */
  contentTypes: string[];
  headers: Array<{ name: string; required: boolean; schema: JsonSchema; pointer: string }>;
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
