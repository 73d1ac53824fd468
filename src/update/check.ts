/**
 * `update --check`: is the service in step with what its manifest records?
 * The service is regenerated in memory from its own blueprints, playbook and
 * templates, exactly as `update` would (prepareUpdate: same lint gate, same
 * plan), and nothing is written. It is in step when `update` would change no
 * file design-first owns (generated and platform files; the team's are never
 * drift), no stored blueprint was edited since the last update, so no
 * published version holds a change that update has not reviewed, and the
 * playbook resolved now (the release installed, the file as it is) is the
 * one the manifest records.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { formatChanges, type Change } from '../diff/index.js';
import { oneLine } from '../errors.js';
import type { PlaybookRef } from '../playbook/index.js';
import { prepareUpdate, type PreparedUpdate } from './index.js';
import { readManifest } from './manifest-file.js';
import type { PlannedFile } from './plan.js';
import { comparePlaybooks, type PlaybookStatus } from './playbook-source.js';

export interface CheckOptions {
  dir: string;
  /** As for update: a file, or a located playbook (a package). */
  playbook?: string | PlaybookRef;
  templates?: string;
  allowRemoteRefs?: boolean;
  report?: (line: string) => void;
}

export interface DriftedFile {
  path: string;
  /** What `update` would do to it, and why, in a few words. */
  why: string;
}

export interface CheckResult {
  prepared: PreparedUpdate;
  /** Files design-first owns that `update` would write or delete. */
  files: DriftedFile[];
  /** Stored blueprints edited since the last update. */
  blueprints: DriftedFile[];
  /** Breaking changes of those edits, per published version. */
  breaking: Array<{ key: string; from: string; to: string; changes: Change[] }>;
  /** Versions edited in place with nothing kept to compare them with. */
  unchecked: Array<{ key: string; file: string }>;
  /** The recorded playbook against the one resolved now (a newer release installed, its file edited, or --playbook). */
  playbook: PlaybookStatus;
  inStep: boolean;
}

/** Bookkeeping of update itself (the blueprints as last generated): never drift. */
const BOOKKEEPING = '.design-first/';

export async function checkService(options: CheckOptions): Promise<CheckResult> {
  const dir = path.resolve(options.dir);
  // A service generated despite lint errors (new --force) is checked as update --allow-lint-errors regenerates it.
  const recorded = await readManifest(dir);
  const prepared = await prepareUpdate({
    dir,
    ...(options.playbook ? { playbook: options.playbook } : {}),
    ...(options.templates ? { templates: options.templates } : {}),
    lint: true,
    allowLintErrors: recorded.overriddenFindings.length > 0,
    // Reported below, with the rest, instead of refusing.
    allowBreaking: true,
    allowRemoteRefs: options.allowRemoteRefs ?? false,
    ...(options.report ? { report: options.report } : {}),
  });
  const files = prepared.files.flatMap((file) => {
    const why = driftOf(file);
    return why ? [{ path: file.path, why }] : [];
  });
  const blueprints: DriftedFile[] = [];
  for (const source of prepared.sources) {
    if (!source.previous) continue;
    const text = await readFile(source.file);
    if (createHash('sha256').update(text).digest('hex') !== source.previous.hash) {
      blueprints.push({ path: source.previous.blueprint, why: `the blueprint of ${source.key} was edited since the last update` });
    }
  }
  const breaking = prepared.review.reviews
    .map((review) => ({ ...review, changes: review.changes.filter((change) => change.severity === 'breaking') }))
    .filter((review) => review.changes.length > 0);
  const unchecked = prepared.review.unchecked;
  // A playbook release that changes no file is still drift: its rules are what lint, review and the next update apply.
  const playbook = comparePlaybooks(prepared.previous.playbook, prepared.generated.manifest.playbook);
  const drifted = files.length + blueprints.length + breaking.length + unchecked.length > 0 || playbook.behind;
  return { prepared, files, blueprints, breaking, unchecked, playbook, inStep: !drifted };
}

/** Why a planned file is drift, or undefined when update would leave it as it is. */
function driftOf(file: PlannedFile): string | undefined {
  if (file.owner === 'team' || file.path.startsWith(BOOKKEEPING)) return undefined;
  const generated = file.owner === 'generated';
  switch (file.action) {
    case 'create':
      return generated ? 'missing: update writes it' : 'missing: the templates now write it (update adds it)';
    case 'update':
      if (generated)
        return file.reason
          ? 'edited by hand: generated files are what design-first writes from the blueprint'
          : 'out of date: regenerating from the recorded blueprint writes it differently';
      return 'out of date: the templates now write it differently (update rewrites it)';
    case 'merge':
      return 'you changed it, and the templates changed it too, in other lines (update merges the two)';
    case 'conflict':
      return 'you changed it, and the templates now write it differently (update reports a conflict)';
    case 'delete':
      return generated ? 'no longer generated (update deletes it)' : 'no longer part of the templates (update deletes it)';
    default:
      return undefined;
  }
}

/** The report: every drifted file and blueprint, then every breaking change in full. */
export function describeCheck(result: CheckResult): string[] {
  const lines: string[] = [];
  const previous = result.prepared.previous;
  const now = result.prepared.generated.manifest;
  if (previous.templateVersion !== now.templateVersion)
    lines.push(
      `templates: recorded ${oneLine(previous.templateVersion)}, these are ${oneLine(now.templateVersion)} (design-first ${oneLine(now.generator.version)})`,
    );
  const playbook = result.playbook;
  if (playbook.behind) {
    const what = playbook.available === playbook.recorded ? 'its content changed since the last update' : 'another playbook than the one recorded';
    lines.push(
      `playbook   recorded ${oneLine(playbook.recorded)}, resolved now ${oneLine(playbook.available ?? '')}: ${what} (update moves the service onto it)`,
    );
  }
  for (const file of [...result.blueprints, ...result.files]) lines.push(`drift      ${oneLine(file.path)}: ${file.why}`);
  for (const entry of result.unchecked) {
    lines.push(`unchecked  ${oneLine(entry.file)}: edited in place, and the blueprint it replaced is not kept, so its breaking changes cannot be listed`);
  }
  for (const entry of result.breaking) {
    lines.push(
      `breaking   ${entry.key} (published as ${oneLine(entry.from)}, now ${oneLine(entry.to)}): ${entry.changes.length} breaking change(s) that update refuses:`,
    );
    // Without the text format's summary line: the line above counts them.
    const text = formatChanges(entry.changes, 'text').trimEnd().split('\n');
    lines.push(...text.filter((line, index) => !(index <= 1 && (/^\d+ changes?:/.test(line) || line === ''))).map((line) => (line ? `  ${line}` : line)));
  }
  return lines;
}
