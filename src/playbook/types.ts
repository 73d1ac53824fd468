/**
 * The playbook: one YAML file an organisation owns. `PlaybookFile` is what a
 * file may hold (every field optional); `ResolvedPlaybook` is what the rest of
 * design-first reads: every default already applied, so nothing downstream
 * writes `?? default`.
 */

export type RuleSetting = 'error' | 'warn' | 'info' | 'off';
export type PropertyCasing = 'pascal' | 'camel' | 'snake';
export type PagingStyle = 'page' | 'offset' | 'cursor';
export type ErrorShape = 'problem' | 'playbook';
export type VersioningStyle = 'path' | 'header' | 'media-type';

export interface Profile {
  propertyCasing: PropertyCasing;
  paging: PagingStyle;
  errorShape: ErrorShape;
  versioning: VersioningStyle;
}

/** Key names of the collection envelope and its links (`{ Page, Items, Links: [{ Rel, Href, Type }] }`). */
export interface Envelope {
  page: string;
  /** The array's key; null: named after the resource (`/training-courses` -> `TrainingCourses`). */
  items: string | null;
  links: string;
  rel: string;
  href: string;
  type: string;
}

export interface IgnoreEntry {
  rule: string;
  /** JSON pointer into the blueprint; the finding's pointer must equal it or sit below it. */
  pointer: string;
  /** Why the finding is accepted; null when the author gave none (itself a warning). */
  reason: string | null;
  /** The last day the entry waives (`YYYY-MM-DD`); null: no end. */
  expires: string | null;
}

/** Rule settings for the blueprints whose paths match `files` (absolute globs). */
export interface RuleOverride {
  files: readonly string[];
  rules: Readonly<Record<string, RuleSetting>>;
}

/** Who may waive what (docs/lint.md, "Waivers"). */
export interface WaiverPolicy {
  /** Rules only the playbook may waive: a blueprint's `x-lint-ignore` of them does not waive, and is an error. */
  forbidInBlueprint: readonly string[];
  /** A waiver without a reason does not waive. */
  requireReason: boolean;
  /** A waiver without an `expires` date does not waive. */
  requireExpiry: boolean;
}

export interface PlaybookFile {
  name?: string;
  version?: string;
  vars?: Record<string, unknown>;
  rules?: Record<string, RuleSetting | { severity: RuleSetting; options?: unknown }>;
  /** Playbooks (files or packages) and Spectral rulesets this one builds on (extends.ts). */
  extends?: string | string[];
  profile?: Partial<Profile>;
  envelope?: Partial<Envelope>;
  paging?: { pageSize?: number; unpagedMaximum?: number };
  bodyLimitBytes?: number;
  subscriptionKeyHeader?: string;
  rateLimit?: { max?: number; windowSeconds?: number };
  templates?: string;
  customRules?: string[];
  ignore?: Array<{ rule: string; pointer: string; reason?: string; expires?: string }>;
  waivers?: Partial<WaiverPolicy>;
  overrides?: Array<{ files: string[]; rules: Record<string, RuleSetting> }>;
  systemKeys?: string[];
  examples?: { validate?: boolean };
  deprecationNoticeDays?: number;
}

export interface ResolvedPlaybook {
  /** Absolute path of the playbook file, or null for the built-in default. */
  readonly file: string | null;
  /** sha256 (hex) of the resolved settings, independent of where the file sits. */
  readonly hash: string;
  /** The playbook's name (`name:`, else its npm package's name), or null when it gives none. */
  readonly name: string | null;
  /** The playbook's version (`version:`, else its npm package's version), or null when it gives none. */
  readonly version: string | null;
  /** The npm package the playbook came from (its installed version), or null for a file. */
  readonly package: Readonly<{ name: string; version: string }> | null;
  /** Every rule, built-in and custom, with its setting. */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Options given to rules (`rules: { id: { severity, options } }`), by rule id; a rule without any is absent. */
  readonly ruleOptions: Readonly<Record<string, unknown>>;
  readonly profile: Readonly<Profile>;
  readonly envelope: Readonly<Envelope>;
  readonly paging: Readonly<{ pageSize: number; unpagedMaximum: number }>;
  readonly bodyLimitBytes: number;
  readonly subscriptionKeyHeader: string;
  readonly rateLimit: Readonly<{ max: number; windowSeconds: number }>;
  /** Absolute folder whose files replace built-in templates by exact name, or null. */
  readonly templates: string | null;
  /** Absolute paths of custom rule modules. */
  readonly customRules: readonly string[];
  readonly ignore: readonly IgnoreEntry[];
  readonly waivers: Readonly<WaiverPolicy>;
  /** Rule settings per blueprint path glob (overrides.ts); later entries win. */
  readonly overrides: readonly RuleOverride[];
  /** Regular expressions (matched case-insensitively) for database-flavoured names. */
  readonly systemKeys: readonly string[];
  readonly examples: Readonly<{ validate: boolean }>;
  /** Values the playbook's templates read as `vars.*` (`vars:` in the file). */
  readonly vars: Readonly<Record<string, unknown>>;
  /** Spectral rulesets to run beside the rules (`spectral:oas`, or absolute file paths), from `extends:`. */
  readonly spectralRulesets: readonly string[];
  /** Days a deprecation must announce before its `x-sunset` (diff and update); 0: a sunset date is optional. */
  readonly deprecationNoticeDays: number;
}

/**
 * What a version answers with that the playbook decides: the contract a
 * published version keeps when a later playbook changes it (playbook/contract.ts).
 */
export interface PlaybookContract {
  errorShape: ErrorShape;
  propertyCasing: PropertyCasing;
  errorMembers: { message: string; errors: string; in: string; pointer: string; detail: string };
  envelope: { page: string; links: string; rel: string; href: string; type: string };
  pageSize: number;
  unpagedMaximum: number;
  bodyLimitBytes: number;
  subscriptionKeyHeader: string;
  rateLimit: { max: number; windowSeconds: number };
}

/** What a playbook settles, without where it came from and what it is called (those are not hashed). */
export type PlaybookSettings = Omit<ResolvedPlaybook, 'file' | 'hash' | 'name' | 'version' | 'package'>;
