/**
 * .design-first/manifest.json: what design-first wrote and from what, so that
 * `update` can tell the team's changes from its own and regenerate what it
 * wrote before.
 *
 * No path in it is absolute: files and folders are relative to the service
 * (`../council/playbook.yaml`), and a playbook package is `name@version`, so
 * the manifest means the same in every clone of the service.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Ownership } from '../ownership.js';

export const MANIFEST_PATH = '.design-first/manifest.json';
export const MANIFEST_VERSION = 2;

/**
 * What a version answers with that the playbook decides (error shape and its
 * names, envelope names, page sizes, limits, key header): the contract a
 * published version keeps when a later playbook changes it. The playbook's
 * PlaybookContract has the same shape (write knows nothing of the playbook;
 * test/seams/playbook-contract.test.ts keeps the two together).
 */
export interface VersionContract {
  errorShape: 'problem' | 'playbook';
  propertyCasing: 'pascal' | 'camel' | 'snake';
  errorMembers: { message: string; errors: string; in: string; pointer: string; detail: string };
  envelope: { page: string; links: string; rel: string; href: string; type: string };
  pageSize: number;
  unpagedMaximum: number;
  bodyLimitBytes: number;
  subscriptionKeyHeader: string;
  rateLimit: { max: number; windowSeconds: number };
}

/** A playbook as the manifest names it. */
export interface PlaybookRecord {
  /** A file relative to the service, `name@version` for a package, or null for the built-in playbook. */
  source: string | null;
  name: string | null;
  version: string | null;
  hash: string;
  /** What the service answers with outside its versions, and what the last generation rendered from (absent in a migrated manifest). */
  contract?: VersionContract;
  /** The playbook's `vars:` the templates were rendered with. */
  vars?: Record<string, unknown>;
  /** Every rule's setting, so the next update can list what the playbook changed. */
  rules?: Record<string, string>;
}

/** Where update keeps a copy of the playbook's templates as last rendered, to regenerate what it wrote before. */
export const TEMPLATES_SNAPSHOT = '.design-first/templates';

export interface ManifestVersion {
  key: string;
  blueprint: string;
  /** The blueprint file it was generated from, relative to the service. */
  source: string;
  hash: string;
  apiVersion: string;
  /** The playbook this version answers as (the one it was published under, until a team moves it on). */
  playbook: { name: string | null; version: string | null; hash: string; contract?: VersionContract };
}

/**
 * Where each version's blueprint is kept as last generated, relative to the
 * service: `update` compares an in-place edit of `blueprints/<key>.*` with it,
 * to list breaking changes inside a published version.
 */
export function baselinePathOf(blueprintFile: string): string {
  return `.design-first/${blueprintFile}`;
}

export interface Manifest {
  manifestVersion: 2;
  generator: { name: string; version: string };
  templateVersion: string;
  /** Templates folder given with --templates, relative to the service; null: the built-in set or the playbook's. */
  templates: string | null;
  playbook: PlaybookRecord;
  /** The npm package name design-first gave the service. */
  service: { name: string };
  versions: ManifestVersion[];
  /** Built-in templates the playbook's templates override: name -> sha256 of the built-in one at generation. */
  overrides?: Record<string, string>;
  /** Every file written: its owner and the hash of what design-first wrote. */
  files: Record<string, { owner: Ownership; hash: string }>;
  /** Lint findings overridden with --force. */
  overriddenFindings: string[];
}

export function hashContent(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** What a manifest records, gathered by the pipeline from the playbook, template set and model. */
export interface ManifestInputs {
  /** Where the service is written (absolute): every path is recorded relative to it. */
  serviceDir: string;
  generatorVersion: string;
  /** The templates folder given with --templates (absolute), or null. */
  templatesGiven: string | null;
  templateVersion: string;
  playbook: {
    file: string | null;
    package: { name: string; version: string } | null;
    name: string | null;
    version: string | null;
    hash: string;
    contract: VersionContract;
    vars: Readonly<Record<string, unknown>>;
    rules: Readonly<Record<string, string>>;
  };
  serviceName: string;
  versions: ReadonlyArray<{
    key: string;
    blueprintFile: string;
    sourcePath: string;
    blueprintHash: string;
    apiVersion: string;
    contract: VersionContract;
    playbook: { name: string | null; version: string | null; hash: string };
  }>;
  files: ReadonlyArray<{ path: string; content: string; owner: Ownership }>;
  overriddenFindings: string[];
  overrides: Record<string, string>;
}

/** `path` relative to the service, with `/` (`../council/playbook.yaml`). */
export function relativeToService(serviceDir: string, file: string): string {
  return path.relative(serviceDir, file).split(path.sep).join('/') || '.';
}

/** The manifest of a service whose files are `files`, and its own file (owned by design-first). */
export function buildManifest(inputs: ManifestInputs): { manifest: Manifest; file: { path: string; content: string; owner: Ownership } } {
  const relative = (file: string) => relativeToService(inputs.serviceDir, file);
  const playbook = inputs.playbook;
  const manifest: Manifest = {
    manifestVersion: MANIFEST_VERSION,
    generator: { name: 'generator-design-first', version: inputs.generatorVersion },
    templateVersion: inputs.templateVersion,
    templates: inputs.templatesGiven === null ? null : relative(inputs.templatesGiven),
    playbook: {
      source: playbook.package ? `${playbook.package.name}@${playbook.package.version}` : playbook.file === null ? null : relative(playbook.file),
      name: playbook.name,
      version: playbook.version,
      hash: playbook.hash,
      contract: playbook.contract,
      vars: structuredClone(playbook.vars) as Record<string, unknown>,
      rules: { ...playbook.rules },
    },
    service: { name: inputs.serviceName },
    versions: inputs.versions.map((version) => ({
      key: version.key,
      blueprint: version.blueprintFile,
      source: relative(version.sourcePath),
      hash: version.blueprintHash,
      apiVersion: version.apiVersion,
      playbook: { ...version.playbook, contract: version.contract },
    })),
    ...(Object.keys(inputs.overrides).length > 0 ? { overrides: inputs.overrides } : {}),
    files: Object.fromEntries(inputs.files.map((file) => [file.path, { owner: file.owner, hash: hashContent(file.content) }])),
    overriddenFindings: inputs.overriddenFindings,
  };
  return { manifest, file: manifestFile(manifest) };
}

export function manifestFile(manifest: Manifest): { path: string; content: string; owner: Ownership } {
  return { path: MANIFEST_PATH, content: `${JSON.stringify(manifest, null, 2)}\n`, owner: 'generated' };
}
