/**
 * The catalogue as data: what every page and export is made from, and the
 * shape of `catalogue.json`. Everything is decided here (lifecycle, maturity,
 * conformance, drift), so templates only print.
 */
import type { Change } from '../diff/index.js';
import type { Finding } from '../lint/index.js';

export type Audience = 'internal' | 'external' | 'unstated';
export type Lifecycle = 'live' | 'deprecated';
export type ConformanceLevel = 'conforms' | 'warnings' | 'errors';

/** One way to authenticate, as a person reads it ("OAuth 2.0 client credentials"). */
export interface AuthMethod {
  /** The security scheme's name in the blueprint. */
  scheme: string;
  kind: 'oauth2-client-credentials' | 'oauth2' | 'openid-connect' | 'bearer' | 'basic' | 'subscription-key' | 'api-key' | 'mutual-tls' | 'other';
  /** "OAuth 2.0 client credentials", "Subscription key in the Ocp-Apim-Subscription-Key header". */
  label: string;
  /** Where to get a token, when the blueprint says (OAuth 2.0 token URL, OpenID Connect discovery URL). */
  url: string | null;
  scopes: string[];
}

export interface Owner {
  name: string | null;
  email: string | null;
  url: string | null;
}

export interface OperationSummary {
  method: string;
  path: string;
  summary: string;
  operationId: string | null;
  deprecated: boolean;
}

export interface RuleCount {
  rule: string;
  severity: Finding['severity'];
  count: number;
}

export interface Conformance {
  level: ConformanceLevel;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings per rule, errors first, most frequent first. */
  byRule: RuleCount[];
}

export interface CatalogueVersion {
  /** `v1`, `v2`: the major version, as services name them. */
  key: string;
  /** `info.version`. */
  apiVersion: string;
  openapi: string;
  lifecycle: Lifecycle;
  /** `info.x-sunset`, when the version is to be switched off. */
  sunset: string | null;
  servers: string[];
  authentication: AuthMethod[];
  operations: OperationSummary[];
  conformance: Conformance;
  /** Every finding, for findings.json; pages show the first few. */
  findings: Finding[];
  /** The blueprint file read (absolute). */
  sourceFile: string;
}

/** The difference between a service and what its recorded inputs, and the current ones, would give. */
export interface ServiceDrift {
  /** True when nothing below is behind or changed. */
  inStep: boolean;
  generator: { recorded: string; current: string; behind: boolean };
  templates: { recorded: string; current: string; behind: boolean };
  playbook: { recorded: string; current: string; changed: boolean };
  /** Plain sentences, one per thing that drifted. */
  reasons: string[];
}

export interface MaturityCriterion {
  id: 'openapi-3' | 'documented' | 'oauth' | 'external-access' | 'published' | 'generated-docs';
  /** The level this criterion belongs to (1 to 3). */
  level: 1 | 2 | 3;
  met: boolean;
  /** Why it is met or not, about this API. */
  reason: string;
}

export interface Maturity {
  /** The highest level whose criteria (and those of every level below) are all met; 0 when level 1 is not. */
  level: 0 | 1 | 2 | 3;
  criteria: MaturityCriterion[];
}

export interface Changelog {
  from: string;
  to: string;
  counts: { breaking: number; warning: number; info: number };
  /** Breaking first (as diff sorts them). */
  changes: Change[];
}

export interface CatalogueApi {
  /** URL-safe and unique in the catalogue: the API's folder under apis/. */
  slug: string;
  title: string;
  /** `info.description` of the newest version, as written (Markdown source), trimmed. */
  description: string;
  /** The first paragraph of the description, on one line, for lists and exports. */
  summary: string;
  owner: Owner | null;
  audience: Audience;
  /** Authentication of the newest live version. */
  authentication: AuthMethod[];
  /** Oldest first. */
  versions: CatalogueVersion[];
  /** Deprecated when every version is. */
  lifecycle: Lifecycle;
  /** Totals over every version. */
  conformance: Conformance;
  source: { kind: 'service'; folder: string; service: string } | { kind: 'blueprint'; files: string[] };
  /** For services: how far the service is from its playbook and templates; null for plain blueprints. */
  drift: ServiceDrift | null;
  maturity: Maturity;
  /** Between consecutive versions, oldest pair first. */
  changelogs: Changelog[];
  license: string | null;
  /** `info.x-area-served` (for the government API catalogue), when given. */
  areaServed: string | null;
  /** `info.x-provider`, else the catalogue's provider. */
  provider: string | null;
  /** The first server URL of the newest live version. */
  url: string | null;
  /** `info.x-start-date`, when given. */
  startDate: string | null;
  /** The sunset date when every version is deprecated. */
  endDate: string | null;
}

export interface Catalogue {
  title: string;
  /** ISO date and time of the build. */
  builtAt: string;
  generator: { name: string; version: string };
  /** The playbook conformance was judged against. */
  playbook: { name: string; hash: string };
  /** Absolute base URL the catalogue is published at, when given (exports then hold absolute links). */
  baseUrl: string | null;
  apis: CatalogueApi[];
}
