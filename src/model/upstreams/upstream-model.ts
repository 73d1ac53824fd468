/**
 * The model of an upstream: an API this service calls (`--upstream NAME=BLUEPRINT`).
 * Everything the templates need to write its typed client, already decided:
 * names, environment variables, the credentials it needs, and per operation
 * the request and result types and the call spec the runtime reads.
 */
import type { TypeNode } from '../type-node.js';
import type { UpstreamCallSpec } from './call-contract.js';

export type { QuerySerialisation, ReturnedStatuses, UpstreamCallSpec, UpstreamMockAnswer } from './call-contract.js';

export interface UpstreamModel {
  /** As given on the command line: lower-case kebab words (`learner-records`). */
  name: string;
  /** `learnerRecords`: the property of `context.upstreams`. */
  ident: string;
  /** `LearnerRecords`: the prefix of its client type (`LearnerRecordsClient`). */
  typeName: string;
  /** `learner-records/client`: its generated client, under src/generated/upstreams/. */
  clientModule: string;
  /** `UPSTREAM_LEARNER_RECORDS_`: every setting of this upstream starts with it. */
  envPrefix: string;
  title: string;
  /** `info.version` as written. */
  apiVersion: string;
  /** `x-audience` of the upstream's blueprint: an external API gets a subscription key, an internal one a token. */
  audience: 'internal' | 'external' | 'unspecified';
  /** Where the upstream's blueprint is kept in the service, relative to its root. */
  blueprintFile: string;
  blueprintFormat: 'json' | 'yaml';
  blueprintText: string;
  /** sha256 of blueprintText. */
  blueprintHash: string;
  /** The blueprint file the user gave, as they named it. */
  sourceFile: string;
  /** An example base URL for .env.example: the blueprint's server, or a placeholder with the path a design-first service serves it under. */
  baseUrlExample: string;
  credentials: UpstreamCredentials;
  /** The upstream's component schemas as TypeScript types (the service model's NamedType, which imports this file). */
  types: Array<{ name: string; description: string | undefined; type: TypeNode }>;
  operations: UpstreamOperationModel[];
  /** What the generator could not honour when calling this upstream, with its place. */
  notes: string[];
}

export interface UpstreamCredentials {
  /** OAuth2 client credentials, for operations secured by oauth2, openIdConnect or http bearer schemes; null when none is. */
  token: { tokenUrlExample: string; scopes: string[] } | null;
  /** A subscription key sent in this header, for operations secured by an apiKey scheme in a header; null when none is. */
  subscriptionKey: { header: string } | null;
}

export interface UpstreamOperationModel {
  /** The client's method name. */
  ident: string;
  /** PascalCase of ident: `<TypeName>Request` and `<TypeName>Result`. */
  typeName: string;
  operationId: string;
  method: string;
  path: string;
  summary: string;
  deprecated: boolean;
  /** `{ params?, query?, headers?, body? }` with only the parts the operation has. */
  requestType: TypeNode;
  /** True when the request argument may be left out (nothing in it is required). */
  requestOptional: boolean;
  /** The answers a call returns (the rest throw): one member of the result union each. */
  results: UpstreamResultModel[];
  call: UpstreamCallSpec;
  /** A valid request in the client's shape, from the blueprint's examples (for the client package's own tests). */
  sample: ClientSample;
}

export interface ClientSample {
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface UpstreamResultModel {
  /** A literal status, or null for a class (`4XX`) or `default`. */
  status: number | null;
  bodyType: TypeNode;
}
