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
import type { ServiceModel } from './model/service-model.js';
import { contractOf } from './playbook/contract.js';
import { runtimeOf } from './runtime-settings.js';
import { loadPlaybook, type PlaybookRef } from './playbook/index.js';
import type { ResolvedPlaybook } from './playbook/types.js';
import { overriddenBuiltIns, readTemplateFolder, renderService, resolveTemplateSet, type RenderedFile } from './render/render.js';
import { buildManifest, TEMPLATES_SNAPSHOT, type Manifest, type VersionContract } from './write/manifest.js';

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
  /** Generate despite lint errors, recording them in the manifest and README. */
  force?: boolean;
  /**
   * Whose lint errors stop generation, by blueprint file (default: every
   * blueprint's). Update passes the changed and new versions: a published
   * version left as it was is not refused for a rule added since.
   */
  gated?: (file: string) => boolean;
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
  const playbook = isResolved(options.playbook) ? options.playbook : await loadPlaybook(options.playbook);
  const loaded: LoadedBlueprint[] = [];
  for (const file of options.blueprints) {
    progress(`loading ${path.basename(file)}`);
    loaded.push(await loadBlueprint(file, { allowRemoteRefs: options.allowRemoteRefs ?? false }));
  }
  if (options.lint !== false) progress('linting');

  const overridden = options.lint === false ? [] : await lintGate(loaded, playbook, options.force ?? false, report, options.gated ?? (() => true));
  const templatesGiven = options.templates ? path.resolve(options.templates) : null;
  const templateSet = await resolveTemplateSet(templatesGiven ?? playbook.templates);
  const contract = contractOf(playbook);
  const pins = options.pins ?? {};
  progress('modelling operations, schemas and mock answers');
  const model = buildServiceModel(loaded, {
    ...(options.name ? { name: options.name } : {}),
    templateVersion: templateSet.version,
    generatorVersion: GENERATOR_VERSION,
    runtime: runtimeOf(contract, playbook, playbook.vars),
    versionRuntime: (key) => (Object.hasOwn(pins, key) ? runtimeOf(pins[key]!.contract, pins[key]!, playbook.vars) : undefined),
    overriddenFindings: overridden,
  });
  for (const version of model.versions) for (const note of groupNotes(version.notes)) report(oneLine(`note: ${version.sourceFile} ${note}`));
  progress(`rendering and formatting the service (${model.versions.reduce((sum, version) => sum + version.operations.length, 0)} operations)`);
  const files = await renderService(model, templateSet);
  // The playbook's own templates as rendered, so that a later update can regenerate these files (update/base.ts).
  if (templateSet.folders.length > 1) {
    for (const template of await readTemplateFolder(templateSet.folders[0]!)) files.push({ path: `${TEMPLATES_SNAPSHOT}/${template.path}`, content: template.content, owner: 'generated' });
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
  return { model, files, manifest, playbook };
}

/** Lint each blueprint; errors stop generation unless forced, and are then recorded. */
async function lintGate(loaded: readonly LoadedBlueprint[], playbook: ResolvedPlaybook, force: boolean, report: (line: string) => void, gated: (file: string) => boolean): Promise<string[]> {
  const { lintBlueprint, formatFindings } = await import('./lint/index.js');
  const errors = [];
  for (const blueprint of loaded) {
    const found = (await lintBlueprint(blueprint, playbook)).filter((finding) => finding.severity === 'error');
    if (gated(blueprint.root.file)) errors.push(...found);
    else if (found.length > 0) report(oneLine(`note: ${blueprint.root.displayName} is published and unchanged, so its ${found.length} lint error(s) under this playbook do not stop the update; they will stop its next change`));
  }
  if (errors.length === 0) return [];
  if (!force) {
    throw new DesignFirstError(
      'DF_ERR_LINT_FAILED',
      `${errors.length} playbook error(s); nothing was written`,
      {},
      formatFindings(errors, 'stylish', { color: false }).split('\n'),
    );
  }
  report(`warning: generating despite ${errors.length} lint error(s) (--force); they are recorded in the manifest and README`);
  return errors.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.rule}: ${finding.message}`);
}

function isResolved(playbook: GenerateOptions['playbook']): playbook is ResolvedPlaybook {
  return typeof playbook === 'object' && 'hash' in playbook;
}
