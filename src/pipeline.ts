/**
 * The core pipeline, shared by the CLI and the Yeoman generator:
 * load -> lint -> model -> render -> write. No Yeoman, no argv in here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBlueprint, type LoadedBlueprint } from './blueprint/load.js';
import { DesignFirstError, oneLine } from './errors.js';
import { buildServiceModel } from './model/build-model.js';
import { groupNotes } from './model/group-notes.js';
import type { ServiceModel, VersionModel } from './model/service-model.js';
import { buildUpstreams } from './model/upstreams/build-upstream.js';
import { contractOf } from './playbook/contract.js';
import { runtimeOf } from './runtime-settings.js';
import { loadPlaybook, type PlaybookRef } from './playbook/index.js';
import type { ResolvedPlaybook } from './playbook/types.js';
import { startFormatter } from './render/format.js';
import { overriddenBuiltIns, readTemplateFolder, renderService, resolveTemplateSet, type RenderedFile } from './render/render.js';
import { baselinePathOf, buildManifest, TEMPLATES_SNAPSHOT, type Manifest, type VersionContract } from './write/manifest.js';

/** A version kept on the playbook it was published under: that playbook's identity and the contract it gave. */
export interface VersionPin {
  name: string | null;
  version: string | null;
  hash: string;
  contract: VersionContract;
}

export interface GenerateOptions {
  blueprints: readonly string[];
  name?: string;
  /** A playbook file, a located playbook (a package), or one already resolved; default: the built-in playbook. */
  playbook?: string | PlaybookRef | ResolvedPlaybook;
  /** Where the service is (or will be) written: the manifest's paths are relative to it. Default: the working folder. */
  serviceDir?: string;
  /**
   * Versions that keep the playbook they were published under rather than this
   * one (update decides which): their contract and that playbook's identity.
   */
  pins?: Readonly<Record<string, VersionPin>>;
  /** Templates folder that overrides the playbook's `templates:`. */
  templates?: string;
  /** Lint first (default); false skips it (the corpus runs, benchmarks). */
  lint?: boolean;
  /** Generate despite lint errors, recording them in the manifest and README (`--allow-lint-errors`). */
  allowLintErrors?: boolean;
  /**
   * Whose lint errors stop generation, by blueprint file (default: every
   * blueprint's). Update passes the changed and new versions: a published
   * version left as it was is not refused for a rule added since.
   */
  gated?: (file: string) => boolean;
  allowRemoteRefs?: boolean;
  /** APIs the service calls (`--upstream NAME=BLUEPRINT`): a typed client for each (docs/upstream.md). */
  upstreams?: ReadonlyArray<{ name: string; file: string }>;
  /** Where findings and notes are printed. */
  report?: (line: string) => void;
  /** The step being worked on, for a spinner on a terminal. */
  progress?: (step: string) => void;
  /**
   * Hears of each file as soon as it is final, in no set order (every file of `files` once; the manifest
   * last), so that `new` writes while the rest is generated. Nothing is heard if generation fails first.
   */
  ready?: (file: RenderedFile) => void;
}

export interface GeneratedService {
  model: ServiceModel;
  files: RenderedFile[];
  manifest: Manifest;
  playbook: ResolvedPlaybook;
}

export const GENERATOR_VERSION: string = (JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;

function packageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
}

/** Everything `new` and `update` need, in memory: nothing is written here. */
export async function generateService(options: GenerateOptions): Promise<GeneratedService> {
  if (options.blueprints.length === 0) throw new DesignFirstError('DF_ERR_USAGE', 'name at least one blueprint');
  const report = options.report ?? (() => {});
  const progress = options.progress ?? (() => {});
  // prettier loads in its own thread while the blueprints are loaded and modelled (render/format.ts).
  startFormatter();
  progress('loading the playbook');
  const playbook = isResolved(options.playbook) ? options.playbook : await loadPlaybook(options.playbook);
  const loaded: LoadedBlueprint[] = [];
  for (const file of options.blueprints) {
    progress(`loading ${path.basename(file)}`);
    loaded.push(await loadBlueprint(file, { allowRemoteRefs: options.allowRemoteRefs ?? false }));
  }
  if (options.lint !== false) progress('linting');

  const overridden = options.lint === false ? [] : await lintGate(loaded, playbook, options.allowLintErrors ?? false, report, options.gated ?? (() => true));
  const templatesGiven = options.templates ? path.resolve(options.templates) : null;
  const templateSet = await resolveTemplateSet(templatesGiven ?? playbook.templates);
  const contract = contractOf(playbook);
  const pins = options.pins ?? {};
  const upstreamBlueprints: Array<{ name: string; loaded: LoadedBlueprint }> = [];
  for (const upstream of options.upstreams ?? []) {
    progress(`loading upstream ${upstream.name}`);
    upstreamBlueprints.push({ name: upstream.name, loaded: await loadBlueprint(upstream.file, { allowRemoteRefs: options.allowRemoteRefs ?? false }) });
  }
  progress('modelling operations, schemas and mock answers');
  const served = buildServiceModel(loaded, {
    ...(options.name ? { name: options.name } : {}),
    templateVersion: templateSet.version,
    generatorVersion: GENERATOR_VERSION,
    runtime: runtimeOf(contract, playbook, playbook.vars),
    versionRuntime: (key) => (Object.hasOwn(pins, key) ? runtimeOf(pins[key]!.contract, pins[key]!, playbook.vars) : undefined),
    overriddenFindings: overridden,
  });
  const model: ServiceModel = { ...served, upstreams: buildUpstreams(upstreamBlueprints, served.runtime) };
  for (const upstream of model.upstreams)
    for (const note of groupNotes(upstream.notes)) report(oneLine(`note: upstream ${upstream.name} (${upstream.sourceFile}) ${note}`));
  for (const version of model.versions) for (const note of groupNotes(version.notes)) report(oneLine(`note: ${version.sourceFile} ${note}`));
  for (const version of model.versions) for (const warning of unsupportedSecurity(version, loaded)) report(oneLine(warning));
  progress(`rendering and formatting the service (${model.versions.reduce((sum, version) => sum + version.operations.length, 0)} operations)`);
  const ready = options.ready ?? (() => {});
  // Each blueprint also as generated, so that an in-place edit of blueprints/<key>.* can be diffed later (update, update --check).
  const baselines: RenderedFile[] = model.versions.map((version) => ({
    path: baselinePathOf(version.blueprintFile),
    content: version.blueprintText,
    owner: 'generated',
  }));
  for (const file of baselines) ready(file);
  const files = await renderService(model, templateSet, ready);
  files.push(...baselines);
  // The playbook's own templates as rendered, so that a later update can regenerate these files (update/base.ts).
  if (templateSet.folders.length > 1) {
    for (const template of await readTemplateFolder(templateSet.folders[0]!)) {
      const file: RenderedFile = { path: `${TEMPLATES_SNAPSHOT}/${template.path}`, content: template.content, owner: 'generated' };
      files.push(file);
      ready(file);
    }
  }
  const identity = { name: playbook.name, version: playbook.version, hash: playbook.hash };
  const { manifest, file: manifestFile } = buildManifest({
    serviceDir: path.resolve(options.serviceDir ?? '.'),
    generatorVersion: GENERATOR_VERSION,
    templatesGiven,
    templateVersion: templateSet.version,
    playbook: { ...playbook, contract, vars: playbook.vars },
    serviceName: model.packageName,
    versions: model.versions.map((version) => {
      const pin = Object.hasOwn(pins, version.key) ? pins[version.key]! : undefined;
      return {
        key: version.key,
        blueprintFile: version.blueprintFile,
        // The model keeps the name as the user gave it (relative to the working folder, or absolute).
        sourcePath: path.resolve(version.sourceFile),
        blueprintHash: version.blueprintHash,
        apiVersion: version.apiVersion,
        contract: pin?.contract ?? contract,
        playbook: pin ? { name: pin.name, version: pin.version, hash: pin.hash } : identity,
      };
    }),
    files,
    overriddenFindings: overridden,
    overrides: await overriddenBuiltIns(templateSet),
  });
  files.push(manifestFile);
  ready(manifestFile);
  return { model, files, manifest, playbook };
}

/**
 * Lint each blueprint and print every finding as `design-first lint` would
 * (the same grouping and counts). Errors stop generation unless
 * `allowLintErrors`, and are then recorded; errors in a blueprint that is not
 * `gated` (update: published and unchanged) are told, not refused.
 */
async function lintGate(
  loaded: readonly LoadedBlueprint[],
  playbook: ResolvedPlaybook,
  allowLintErrors: boolean,
  report: (line: string) => void,
  gated: (file: string) => boolean,
): Promise<string[]> {
  const { lintBlueprints, formatFindings, summarise, verdict } = await import('./lint/index.js');
  const linted = await lintBlueprints(loaded, playbook);
  const waived = linted.waived;
  const ungated = new Set(loaded.filter((blueprint) => !gated(blueprint.root.file)).map((blueprint) => blueprint.root.displayName));
  const kept = linted.findings.filter((finding) => !(finding.severity === 'error' && ungated.has(finding.file)));
  for (const file of ungated) {
    const count = linted.findings.filter((finding) => finding.severity === 'error' && finding.file === file).length;
    if (count > 0)
      report(
        oneLine(
          `note: ${file} is published and unchanged, so its ${count} lint error(s) under this playbook do not stop the update; they will stop its next change`,
        ),
      );
  }
  const findings = kept;
  const summary = summarise(findings, { waived });
  const printed = findings.length + waived.length === 0 ? [] : formatFindings(findings, 'stylish', { color: false, waived }).trimEnd().split('\n');
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0 && !allowLintErrors) {
    throw new DesignFirstError('DF_ERR_LINT_FAILED', `${verdict(summary)}; nothing was written`, {}, printed);
  }
  for (const line of printed) report(line);
  if (errors.length === 0) return [];
  report(`warning: generating despite ${verdict(summary)} (--allow-lint-errors); the errors are recorded in the manifest and README`);
  return errors.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.rule}: ${finding.message}`);
}

/**
 * Operations that can only be called with schemes the generated service
 * cannot check (HTTP Basic, mutual TLS, API keys in the query or a cookie):
 * the service fails closed and refuses every call to them, so `new` says so
 * while generating, naming the operation and the schemes.
 */
function unsupportedSecurity(version: VersionModel, loaded: readonly LoadedBlueprint[]): string[] {
  const schemes = new Map(version.securitySchemes.map((scheme) => [scheme.name, scheme]));
  const document = loaded.find((blueprint) => blueprint.document.info?.version === version.apiVersion)?.document ?? loaded[0]?.document;
  const raw =
    (document?.components as { securitySchemes?: Record<string, { type?: unknown; scheme?: unknown; in?: unknown }> } | undefined)?.securitySchemes ?? {};
  const supported = (name: string): boolean => {
    const scheme = schemes.get(name);
    return scheme !== undefined && (scheme.kind === 'jwt' || (scheme.kind === 'apiKey' && scheme.in === 'header'));
  };
  const describe = (name: string): string => {
    const scheme = raw[name];
    if (scheme?.type === 'http') return `${name} (HTTP ${String(scheme.scheme)})`;
    if (scheme?.type === 'apiKey') return `${name} (an API key in the ${String(scheme.in)})`;
    if (scheme?.type === 'mutualTLS') return `${name} (mutual TLS)`;
    return name;
  };
  const warnings: string[] = [];
  for (const operation of version.operations) {
    const alternatives = operation.route.security;
    if (alternatives.length === 0 || alternatives.some((group) => group.every(({ scheme }) => supported(scheme)))) continue;
    const names = [
      ...new Set(
        alternatives
          .flat()
          .map(({ scheme }) => scheme)
          .filter((name) => !supported(name)),
      ),
    ];
    warnings.push(
      `warning: ${version.sourceFile} ${operation.method.toUpperCase()} ${operation.path} (${operation.operationId}) can only be called with ${names.map(describe).join(' or ')}, ` +
        'which the generated service cannot check, so it will refuse every call; use OAuth2 or OpenID Connect, a bearer JWT, or an API key in a header',
    );
  }
  return warnings;
}

function isResolved(playbook: GenerateOptions['playbook']): playbook is ResolvedPlaybook {
  return typeof playbook === 'object' && 'hash' in playbook;
}
