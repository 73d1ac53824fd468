/**
 * What `update` does with each file, decided from three versions of it: what
 * design-first wrote last time (its hash in the manifest: the base), what the
 * service holds now (the team's), and what design-first writes now (ours).
 * Pure: no disk, no clock; the callers read the disk and apply the plan.
 *
 * - generated (src/generated/, test/generated/, blueprints/): always ours;
 * - platform (everything else design-first writes): ours only while the team
 *   has not changed the file since it was written; a file both changed is a
 *   conflict; a file only the team changed is kept;
 * - team (src/handlers/): written only when absent, never overwritten; a
 *   handler whose operation left the blueprint is an orphan, reported, kept.
 */
import type { Ownership } from '../ownership.js';
import type { RenderedFile } from '../render/render.js';
import { hashContent, type Manifest } from '../write/manifest.js';

export type FileAction =
  /** Not on disk: written. */
  | 'create'
  /** On disk as design-first wrote it (or generated): replaced by ours. */
  | 'update'
  /** Already what design-first writes now. */
  | 'unchanged'
  /** Left as the team has it. */
  | 'keep'
  /** Changed by the team and by design-first in different lines: merged three ways, written. */
  | 'merge'
  /** Changed by the team and by design-first: written only with --force (or the conflicter's yes). */
  | 'conflict'
  /** No longer written by design-first: removed. */
  | 'delete'
  /** A team file whose operation is gone: reported, kept. */
  | 'orphan';

export interface ManifestEntry {
  owner: Ownership;
  hash: string;
}

export interface PlannedFile {
  path: string;
  owner: Ownership;
  action: FileAction;
  /** Why, in a few words, for the report; '' when there is nothing to say. */
  reason: string;
  /** What design-first writes (create, update, merge, conflict). */
  content?: string;
  /** A conflict merged three ways whose content holds conflict markers where both sides changed the same lines. */
  markers?: boolean;
  /** The manifest entry afterwards when design-first's content is on disk (undefined: no entry). */
  recordWritten: ManifestEntry | undefined;
  /** The manifest entry afterwards when the team's version stays (a conflict answered "no"); else as recordWritten. */
  recordKept: ManifestEntry | undefined;
}

export interface PlanInput {
  /** Everything design-first writes now, except the manifest. */
  files: readonly RenderedFile[];
  previous: Manifest;
  /** The current content of every path of `files` and of the previous manifest that exists. */
  disk: ReadonlyMap<string, Buffer>;
}

export function planUpdate({ files, previous, disk }: PlanInput): PlannedFile[] {
  const planned: PlannedFile[] = [];
  const produced = new Set<string>();
  for (const file of files) {
    produced.add(file.path);
    planned.push(planFile(file, previous.files[file.path], disk.get(file.path)));
  }
  for (const [name, base] of Object.entries(previous.files)) {
    if (produced.has(name)) continue;
    planned.push(planGone(name, base, disk.get(name)));
  }
  return planned;
}

function planFile(file: RenderedFile, base: ManifestEntry | undefined, onDisk: Buffer | undefined): PlannedFile {
  const ours: ManifestEntry = { owner: file.owner, hash: hashContent(file.content) };
  const theirs = onDisk === undefined ? undefined : hashesOf(onDisk);
  const entry = (action: FileAction, reason: string, record: ManifestEntry | undefined): PlannedFile => ({
    path: file.path,
    owner: file.owner,
    action,
    reason,
    ...(action === 'create' || action === 'update' ? { content: file.content } : {}),
    recordWritten: record,
    recordKept: record,
  });
  /** A conflict records ours once written, and `kept` when the team's version stays. */
  const conflict = (reason: string, kept: ManifestEntry | undefined): PlannedFile => ({
    path: file.path,
    owner: file.owner,
    action: 'conflict',
    reason,
    content: file.content,
    recordWritten: ours,
    recordKept: kept,
  });
  const previousEntry = base ? { owner: file.owner, hash: base.hash } : undefined;

  if (file.owner === 'team') {
    if (theirs === undefined)
      return entry('create', base ? 'the handler file was missing: a stub again (mock mode)' : 'a stub for a new operation (mock mode)', ours);
    return entry('keep', '', previousEntry ?? ours);
  }
  if (theirs?.has(ours.hash)) return entry('unchanged', '', ours);
  if (file.owner === 'generated') {
    if (theirs === undefined) return entry('create', '', ours);
    const edited = base ? !theirs.has(base.hash) : true;
    return entry('update', edited ? 'it had been edited by hand; generated files are rewritten on every update' : '', ours);
  }
  // platform
  if (theirs === undefined) {
    if (!base) return entry('create', '', ours);
    // Deleted by the team: that is a change of theirs, kept, whatever the templates now say.
    return entry(
      'keep',
      ours.hash === base.hash ? 'you deleted it' : 'you deleted it (the templates changed it since; remove its manifest entry to have it written again)',
      previousEntry,
    );
  }
  if (!base) return conflict('a file design-first did not write is in the way', undefined);
  if (theirs.has(base.hash)) return entry('update', '', ours);
  if (ours.hash === base.hash) return entry('keep', 'you changed it; the templates did not', previousEntry);
  return conflict('you changed it since design-first wrote it, and the templates now write it differently', previousEntry);
}

/** A path design-first wrote before and does not write now. */
function planGone(name: string, base: ManifestEntry, onDisk: Buffer | undefined): PlannedFile {
  const entry = (action: FileAction, reason: string, record: ManifestEntry | undefined): PlannedFile => ({
    path: name,
    owner: base.owner,
    action,
    reason,
    recordWritten: record,
    recordKept: record,
  });
  if (onDisk === undefined) return entry('unchanged', '', undefined);
  if (base.owner === 'team') return entry('orphan', '', base);
  if (base.owner === 'generated') return entry('delete', 'no longer generated', undefined);
  if (hashesOf(onDisk).has(base.hash)) return entry('delete', 'no longer part of the templates', undefined);
  return entry('keep', 'no longer part of the templates; kept because you changed it, and yours from now on', undefined);
}

/**
 * The hashes a file on disk matches: as it is, and with CRLF line ends made LF,
 * because a checkout that turned them into CRLF (git's autocrlf on Windows)
 * has not changed what design-first wrote.
 */
function hashesOf(content: Buffer): Set<string> {
  const hashes = new Set([hashContent(content)]);
  if (content.includes(0x0d)) hashes.add(hashContent(content.toString('utf8').replace(/\r\n/g, '\n')));
  return hashes;
}
