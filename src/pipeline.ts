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
import type { RuntimeSettings, ServiceModel, VersionModel } from './model/service-model.js';
import { loadPlaybook } from './playbook/index.js';
import type { ResolvedPlaybook } from './playbook/types.js';
import { renderService, resolveTemplateSet, type RenderedFile } from './render/render.js';
import { buildManifest, type Manifest } from './write/manifest.js';

export interface GenerateOptions {
  blueprints: readonly string[];
  name?: string;
  playbook?: string;
  /** Templates folder that overrides the playbook's `templates:`. */
  templates?: string;
  /** Lint first (default); false skips it (the corpus runs, benchmarks). */
  lint?: boolean;
  /** Generate despite lint errors, recording them in the manifest and README (`--allow-lint-errors`). */
  allowLintErrors?: boolean;
  allowRemoteRefs?: boolean;
  /** Where findings and notes are printed. */
  report?: (line: string) => void;
  /** The step being worked on, for a spinner on a terminal. */
  progress?: (step: string) => void;
}

export interface GeneratedService {
  model: ServiceModel;
  files: RenderedFile[];
  manifest: Manifest;
  playbook: ResolvedPlaybook;
}

export const GENERATOR_VERSION: string = (
  JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }
).version;

function packageRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
}

/** Everything `new` and `update` need, in memory: nothing is written here. */
export async function generateService(options: GenerateOptions): Promise<GeneratedService> {
  if (options.blueprints.length === 0) throw new DesignFirstError('DF_ERR_USAGE', 'name at least one blueprint');
  const report = options.report ?? (() => {});
  const progress = options.progress ?? (() => {});
  progress('loading the playbook');
  const playbook = await loadPlaybook(options.playbook);
  const loaded: LoadedBlueprint[] = [];
  for (const file of options.blueprints) {
    progress(`loading ${path.basename(file)}`);
    loaded.push(await loadBlueprint(file, { allowRemoteRefs: options.allowRemoteRefs ?? false }));
  }
  if (options.lint !== false) progress('linting');

  const overridden = options.lint === false ? [] : await lintGate(loaded, playbook, options.allowLintErrors ?? false, report);
  const templateSet = await resolveTemplateSet(options.templates ? path.resolve(options.templates) : playbook.templates);
  progress('modelling operations, schemas and mock answers');
  const model = buildServiceModel(loaded, {
    ...(options.name ? { name: options.name } : {}),
    templateVersion: templateSet.version,
    generatorVersion: GENERATOR_VERSION,
    runtime: runtimeSettings(playbook),
    overriddenFindings: overridden,
  });
  for (const version of model.versions) for (const note of groupNotes(version.notes)) report(oneLine(`note: ${version.sourceFile} ${note}`));
  for (const version of model.versions) for (const warning of unsupportedSecurity(version, loaded)) report(oneLine(warning));
  progress(`rendering and formatting the service (${model.versions.reduce((sum, version) => sum + version.operations.length, 0)} operations)`);
  const files = await renderService(model, templateSet);
  const { manifest, file: manifestFile } = buildManifest({
    generatorVersion: GENERATOR_VERSION,
    templateSet,
    playbook,
    versions: model.versions,
    files,
    overriddenFindings: overridden,
  });
  files.push(manifestFile);
  return { model, files, manifest, playbook };
}

/**
 * Lint each blueprint and print every finding as `design-first lint` would
 * (the same grouping and counts). Errors stop generation unless
 * `allowLintErrors`, and are then recorded.
 */
async function lintGate(loaded: readonly LoadedBlueprint[], playbook: ResolvedPlaybook, allowLintErrors: boolean, report: (line: string) => void): Promise<string[]> {
  const { lintBlueprints, formatFindings, summarise, verdict } = await import('./lint/index.js');
  const { findings, waived } = await lintBlueprints(loaded, playbook);
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
  const raw = ((document?.components as { securitySchemes?: Record<string, { type?: unknown; scheme?: unknown; in?: unknown }> } | undefined)?.securitySchemes ?? {});
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
    const names = [...new Set(alternatives.flat().map(({ scheme }) => scheme).filter((name) => !supported(name)))];
    warnings.push(
      `warning: ${version.sourceFile} ${operation.method.toUpperCase()} ${operation.path} (${operation.operationId}) can only be called with ${names.map(describe).join(' or ')}, ` +
        'which the generated service cannot check, so it will refuse every call; use OAuth2 or OpenID Connect, a bearer JWT, or an API key in a header',
    );
  }
  return warnings;
}

function runtimeSettings(playbook: ResolvedPlaybook): RuntimeSettings {
  return {
    bodyLimitBytes: playbook.bodyLimitBytes,
    pageSize: playbook.paging.pageSize,
    unpagedMaximum: playbook.paging.unpagedMaximum,
    subscriptionKeyHeader: playbook.subscriptionKeyHeader,
    envelope: { page: playbook.envelope.page, links: playbook.envelope.links, rel: playbook.envelope.rel, href: playbook.envelope.href, type: playbook.envelope.type },
    rateLimit: { max: playbook.rateLimit.max, windowSeconds: playbook.rateLimit.windowSeconds },
    errorShape: playbook.profile.errorShape,
  };
}
