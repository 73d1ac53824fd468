/**
 * `update`: regenerate an existing service from its (changed) blueprints,
 * playbook and templates without losing a line of the team's code.
 *
 * prepareUpdate reads and decides, writing nothing: the manifest, the
 * blueprint of each version, the breaking-change gate on published versions,
 * the pipeline's lint gate and generation, then a plan for every file
 * (plan.ts). The command line applies the plan all at once (applyUpdate,
 * apply.ts); the Yeoman generator hands it to mem-fs and its conflicter.
 * Both finish with typeCheckService (typecheck.ts).
 */
import { lstat, readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { DesignFirstError, isDesignFirstError } from '../errors.js';
import { generateService, type GeneratedService } from '../pipeline.js';
import { loadPlaybook, type PlaybookRef } from '../playbook/index.js';
import type { ResolvedPlaybook } from '../playbook/types.js';
import { contractOf } from '../playbook/contract.js';
import type { VersionContract } from '../write/manifest.js';
import { decideContracts, refuseContractChanges, type ContractDecision } from './playbook-contract.js';
import type { RenderedFile } from '../render/render.js';
import { MANIFEST_PATH, type Manifest } from '../write/manifest.js';
import { applyChangeSet, type FileOperations } from './apply.js';
import { chooseBlueprints, type VersionSource } from './blueprints.js';
import { refuseBreaking, reviewPublishedVersions, type Review } from './breaking.js';
import { readManifest } from './manifest-file.js';
import { chooseSources, recordedPlaybook } from './playbook-source.js';
import { regenerateBase } from './base.js';
import { mergeConflicts } from './three-way.js';
import { planUpdate, type PlannedFile } from './plan.js';
import { listServiceFiles, readExisting, refuseLeftovers } from './service-tree.js';
import { upstreamImpact, type UpstreamImpact } from './upstream-impact.js';
import { chooseUpstreams } from './upstreams.js';
import type { UpstreamFlag } from '../model/upstreams/flags.js';

export { formatTypeProblems, typeCheckService, type TypeCheckResult, type TypeProblem } from './typecheck.js';
export type { FileAction, PlannedFile } from './plan.js';
export type { VersionReview } from './breaking.js';

export interface UpdateOptions {
  /** The service folder (absolute). */
  dir: string;
  /** Blueprints to use (absolute): each replaces the version of its major version, or adds one. */
  blueprints?: readonly string[];
  /** Playbook file, or a located playbook (a package); default: the one the service was generated with. */
  playbook?: string | PlaybookRef;
  /** Templates folder; default: the one the service was generated with, or the playbook's. */
  templates?: string;
  /** Lint first (default true). */
  lint?: boolean;
  /** Update despite lint errors, recording them (what `new --force` does). */
  allowLintErrors?: boolean;
  /** Apply breaking changes inside published versions (they are still listed). */
  allowBreaking?: boolean;
  allowRemoteRefs?: boolean;
  /** `--upstream NAME=BLUEPRINT`: replaces the stored blueprint of that upstream, or adds one (docs/upstream.md). */
  upstreams?: readonly UpstreamFlag[];
  /** Where the pipeline's notes and warnings go. */
  report?: (line: string) => void;
  /** The step the update is on (a spinner on a terminal). */
  progress?: (step: string) => void;
}

export interface PreparedUpdate {
  dir: string;
  previous: Manifest;
  generated: GeneratedService;
  sources: VersionSource[];
  review: Review;
  /** What the playbook change does to each published version's contract. */
  contracts: ContractDecision;
  /** Every file the update concerns, with what happens to it. */
  files: PlannedFile[];
  /** What the service holds now, for the files the plan concerns. */
  disk: ReadonlyMap<string, Buffer>;
  /** How the three-way merge base was had, or why there was none. */
  base: string;
  /** For each upstream given a new blueprint: its changes and the service's calls they affect. */
  upstreams: UpstreamImpact[];
}

export async function prepareUpdate(options: UpdateOptions): Promise<PreparedUpdate> {
  const dir = path.resolve(options.dir);
  const progress = options.progress ?? (() => {});
  progress('reading the service and its manifest');
  const previous = await readManifest(dir);
  refuseLeftovers(await listServiceFiles(dir));
  const loadOptions = { allowRemoteRefs: options.allowRemoteRefs ?? false };

  const sources = await chooseBlueprints(dir, previous, options.blueprints ?? [], loadOptions);
  // The playbook first: its notice period decides whether a deprecation or a removal breaks a published version.
  const given = typeof options.playbook === 'string' ? ({ kind: 'file', file: options.playbook } as const) : options.playbook;
  const { playbook, templates } = await chooseSources(dir, previous, { playbook: given, templates: options.templates });
  const next = await loadPlaybook(playbook);
  progress('checking published versions for breaking changes');
  const review = await reviewPublishedVersions(dir, sources, loadOptions, { minimumNoticeDays: next.deprecationNoticeDays });
  refuseBreaking(review, options.allowBreaking ?? false);
  const contracts = await reviewContracts(dir, previous, next, sources, options.allowBreaking ?? false);
  const upstreams = await chooseUpstreams(dir, options.upstreams ?? [], loadOptions);
  const name = await packageName(dir);
  let generated: GeneratedService;
  try {
    generated = await generateService({
      blueprints: sources.map((source) => source.file),
      ...(name ? { name } : {}),
      ...(playbook ? { playbook } : {}),
      ...(templates ? { templates } : {}),
      serviceDir: dir,
      pins: contracts.pins,
      gated: await changedBlueprints(sources, review),
      lint: options.lint ?? true,
      allowLintErrors: options.allowLintErrors ?? false,
      allowRemoteRefs: loadOptions.allowRemoteRefs,
      upstreams: upstreams.map(({ name, file }) => ({ name, file })),
      ...(options.report ? { report: options.report } : {}),
      ...(options.progress ? { progress: options.progress } : {}),
    });
  } catch (error) {
    // The same refusal, with the hint naming update's flag.
    if (isDesignFirstError(error) && error.code === 'DF_ERR_LINT_FAILED') {
      throw new DesignFirstError('DF_ERR_UPDATE_LINT_FAILED', error.message, error.place, error.details);
    }
    throw error;
  }

  progress(`comparing ${generated.files.length} files with the service`);
  const files = generated.files.filter((file) => file.path !== MANIFEST_PATH);
  refuseDuplicates(files);
  const disk = await readExisting(dir, [...files.map((file) => file.path), ...Object.keys(previous.files)]);
  let planned = planUpdate({ files, previous, disk });
  let base = 'no file needed one';
  if (planned.some((file) => file.action === 'conflict')) {
    // Only a file both sides changed needs the base: regenerated once, then every such file is merged from it.
    progress('merging files both you and design-first changed');
    const regenerated = await regenerateBase(dir, previous, name);
    if (typeof regenerated === 'string') base = regenerated;
    else {
      base = `regenerated ${regenerated.size} file(s) as design-first wrote them last time`;
      planned = mergeConflicts(planned, disk, regenerated);
    }
  }
  const impacts: UpstreamImpact[] = [];
  for (const upstream of upstreams) {
    if (!upstream.replaces || !upstream.given) continue;
    impacts.push(await upstreamImpact({ dir, name: upstream.name, previous: upstream.replaces, next: upstream.given, runtime: generated.model.runtime }));
  }
  return { dir, previous, generated, sources, review, contracts, files: planned, disk, base, upstreams: impacts };
}

export interface AppliedUpdate {
  written: string[];
  deleted: string[];
  /** Conflicting file -> where the team's version was saved (with --force). */
  backups: Map<string, string>;
}

/** Apply a plan all at once; refuses (DF_ERR_UPDATE_CONFLICT, nothing written) when there are conflicts and no `force`. */
export async function applyUpdate(prepared: PreparedUpdate, options: { force: boolean }, operations?: FileOperations): Promise<AppliedUpdate> {
  const conflicts = prepared.files.filter((file) => file.action === 'conflict');
  if (conflicts.length > 0 && !options.force) {
    throw new DesignFirstError(
      'DF_ERR_UPDATE_CONFLICT',
      `${conflicts.length} file(s) changed by you would be overwritten; nothing was written`,
      {},
      conflicts.map((file) => `conflict  ${file.path}: ${file.reason}`),
    );
  }
  const backups = new Map<string, string>();
  const writes: Array<{ path: string; content: string | Buffer }> = [];
  for (const file of prepared.files) {
    if (file.content === undefined || !(file.action === 'create' || file.action === 'update' || file.action === 'merge' || file.action === 'conflict'))
      continue;
    writes.push({ path: file.path, content: file.content });
    const theirs = prepared.disk.get(file.path);
    // A merge with conflict markers holds the team's lines; any other conflict overwrites them, so they are saved first.
    if (file.action === 'conflict' && !file.markers && theirs !== undefined) {
      const backup = await freeBackupName(prepared.dir, file.path, new Set(backups.values()));
      backups.set(file.path, backup);
      writes.push({ path: backup, content: theirs });
    }
  }
  const manifest = manifestText(prepared, { conflictsWritten: true });
  const current = await readFile(path.join(prepared.dir, MANIFEST_PATH), 'utf8');
  if (manifest !== current) writes.push({ path: MANIFEST_PATH, content: manifest });
  const deleted = prepared.files.filter((file) => file.action === 'delete').map((file) => file.path);
  await applyChangeSet(prepared.dir, { writes, deletes: deleted }, operations);
  return { written: writes.map((write) => write.path), deleted, backups };
}

/**
 * The manifest after the update. A conflict records design-first's content when
 * it was written (--force); otherwise (Yeoman, where the conflicter decides
 * later) the previous entry, which is right either way: a file then found equal
 * to design-first's content is simply unchanged next time.
 */
export function manifestText(prepared: PreparedUpdate, options: { conflictsWritten: boolean }): string {
  const files: Manifest['files'] = {};
  for (const file of prepared.files) {
    const record = file.action === 'conflict' && !options.conflictsWritten ? file.recordKept : file.recordWritten;
    if (record) files[file.path] = record;
  }
  const manifest: Manifest = {
    ...prepared.generated.manifest,
    // A version regenerated from its stored copy keeps the name of the file it first came from.
    versions: prepared.generated.manifest.versions.map((version) => {
      const source = prepared.sources.find((candidate) => candidate.key === version.key);
      return source && !source.given && source.previous ? { ...version, source: source.previous.source } : version;
    }),
    files,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Orphaned team files: their operation left the blueprint; they are kept and reported. */
export function orphansOf(prepared: PreparedUpdate): string[] {
  return prepared.files.filter((file) => file.action === 'orphan').map((file) => file.path);
}

/** Two templates that write one file (`x.ts` beside the built-in `x.ts.hbs`) would make the result depend on order. */
function refuseDuplicates(files: readonly RenderedFile[]): void {
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) {
      throw new DesignFirstError(
        'DF_ERR_TEMPLATE',
        `two templates write ${file.path}; an override must have exactly the built-in template's name, including .hbs`,
        { file: file.path },
      );
    }
    seen.add(file.path);
  }
}

/** Blueprints whose lint errors stop the update: new versions, and published ones that changed. */
async function changedBlueprints(sources: readonly VersionSource[], review: Review): Promise<(file: string) => boolean> {
  const changed = new Set([...review.reviews.map((entry) => entry.key), ...review.unchecked.map((entry) => entry.key)]);
  const files = new Set<string>();
  for (const source of sources) {
    if (!source.previous || source.given || changed.has(source.key)) files.add(await realpath(source.file).catch(() => source.file));
  }
  return (file) => files.has(file);
}

/** Decide, for each published version, whether it keeps the playbook it answers as (playbook-contract.ts). */
async function reviewContracts(
  dir: string,
  previous: Manifest,
  next: ResolvedPlaybook,
  sources: readonly VersionSource[],
  allowBreaking: boolean,
): Promise<ContractDecision> {
  const recovered = new Map<string, VersionContract>();
  const unrecorded = previous.versions.filter((version) => !version.playbook.contract);
  if (unrecorded.length > 0) {
    // A migrated manifest: the contract is that of the playbook it was made with, when that is still as it was.
    const before = await recordedPlaybook(dir, previous.playbook.source).then(loadPlaybook, () => undefined);
    for (const version of unrecorded) if (before && before.hash === version.playbook.hash) recovered.set(version.key, contractOf(before));
  }
  const input = {
    previous,
    next: { name: next.name, version: next.version, hash: next.hash, contract: contractOf(next) },
    newVersions: sources.filter((source) => !source.previous).map((source) => source.key),
    recovered,
    allowBreaking,
  };
  const decision = decideContracts(input);
  refuseContractChanges(decision, input);
  return decision;
}

/** The service's package name as the team has it now (package.json is theirs to rename). */
async function packageName(dir: string): Promise<string | undefined> {
  try {
    const name = (JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name;
    return typeof name === 'string' && name.trim() !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** `<file>.orig`, else `<file>.2.orig`, `<file>.3.orig`...: never over an earlier saved version. */
export async function freeBackupName(dir: string, file: string, taken: ReadonlySet<string>): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${file}.orig` : `${file}.${n}.orig`;
    if (!taken.has(candidate) && !(await lstat(path.join(dir, candidate)).catch(() => undefined))) return candidate;
  }
}
