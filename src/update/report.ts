/**
 * What an update says: where each version came from, what changed in each
 * published version (every breaking change in full), the template and
 * playbook changes, then one line per file the team should know about.
 * Regenerated files are counted, not listed: they are design-first's.
 */
import { countBySeverity, formatChanges } from '../diff/index.js';
import { oneLine } from '../errors.js';
import type { PreparedUpdate } from './index.js';
import type { PlannedFile } from './plan.js';
import { TEMPLATES_SNAPSHOT } from '../write/manifest.js';
import { diffContracts, formatContractChanges, label } from './playbook-contract.js';

export interface ReportOptions {
  /** Conflicting file -> where the team's version was saved, once written with --force. */
  backups?: ReadonlyMap<string, string>;
  /** Not applied yet (a dry run, or Yeoman before its conflicter): say what is to happen. */
  planned?: boolean;
}

export function describeUpdate(prepared: PreparedUpdate, options: ReportOptions = {}): string[] {
  const lines: string[] = [];
  for (const source of prepared.sources) {
    const file = source.given ? source.given.root.displayName : (source.previous?.blueprint ?? source.file);
    const role = !source.previous ? ' (a new version, added beside the others)' : source.given ? ` (replaces ${source.previous.blueprint})` : '';
    lines.push(`${source.key} from ${oneLine(file)}${role}`);
  }
  for (const entry of prepared.review.reviews) {
    const counts = countBySeverity(entry.changes);
    lines.push(
      `${entry.key}: ${oneLine(entry.from)} -> ${oneLine(entry.to)}: ${entry.changes.length} change(s): ${counts.breaking} breaking, ${counts.warning} warning(s), ${counts.info} info`,
    );
    const breaking = entry.changes.filter((change) => change.severity === 'breaking');
    if (breaking.length > 0) {
      lines.push(`${entry.key}: breaking changes applied with --allow-breaking; clients of ${entry.key} must be told:`);
      lines.push(
        ...formatChanges(breaking, 'text')
          .trimEnd()
          .split('\n')
          .map((line) => (line ? `  ${line}` : line)),
      );
    }
  }
  for (const entry of prepared.review.unchecked) {
    lines.push(`${entry.key}: ${entry.file} was edited in place and its previous text is not kept: its changes were not checked (--allow-breaking)`);
  }
  lines.push(...describeContracts(prepared), ...describePlaybookChanges(prepared));
  const previous = prepared.previous;
  const now = prepared.generated.manifest;
  if (previous.generator.version !== now.generator.version)
    lines.push(`generator: design-first ${oneLine(previous.generator.version)} -> ${oneLine(now.generator.version)}`);
  if (previous.templateVersion !== now.templateVersion) {
    // The built-in part of a template version (before a playbook's `+x.y.z`) is generator-design-first's own
    // version: when that part moved, its CHANGELOG.md section says what it brings.
    const builtIn = (version: string) => /^\d+\.\d+\.\d+(?:-[\w.]+)?(?=\+|$)/.exec(version)?.[0];
    const [before, after] = [builtIn(previous.templateVersion), builtIn(now.templateVersion)];
    const changelog = after && before !== after ? ` (what changed: the ${after} section of generator-design-first's CHANGELOG.md)` : '';
    lines.push(`templates: ${oneLine(previous.templateVersion)} -> ${oneLine(now.templateVersion)}${changelog}`);
  }
  const label = (record: typeof now.playbook) =>
    record.name ? `${record.name}${record.version ? ` ${record.version}` : ''}` : (record.source ?? 'the built-in playbook');
  const [before, after] = [label(previous.playbook), label(now.playbook)];
  if (before !== after) {
    const where = now.playbook.name && now.playbook.source && now.playbook.source !== previous.playbook.source ? ` (${oneLine(now.playbook.source)})` : '';
    lines.push(`playbook: ${oneLine(before)} -> ${oneLine(after)}${where}`);
  } else if (previous.playbook.hash !== now.playbook.hash) {
    const builtIn = now.playbook.source === null && now.playbook.name === null;
    lines.push(
      builtIn
        ? "playbook: design-first's built-in playbook changed since the last generation"
        : `playbook: ${oneLine(after)} changed since the last generation (same name and version: raise its version with every change)`,
    );
  }

  // An override no longer receives design-first's changes to the template it replaces: say when there were some.
  for (const [template, hash] of Object.entries(now.overrides ?? {})) {
    const before = previous.overrides?.[template];
    if (before !== undefined && before !== hash) {
      lines.push(
        `override   ${template}: your templates replace it, and design-first's built-in one changed since the last update; compare with design-first templates eject --diff`,
      );
    }
  }

  let regenerated = 0;
  for (const file of prepared.files) {
    if (file.owner === 'generated' && (file.action === 'create' || file.action === 'update') && !file.reason) {
      regenerated++;
      continue;
    }
    const line = fileLine(file, options);
    if (line) lines.push(line);
  }
  if (regenerated > 0) lines.push(`${options.planned ? 'regenerate' : 'regenerated'} ${regenerated} generated file(s)`);
  return lines;
}

function fileLine(file: PlannedFile, options: ReportOptions): string | undefined {
  const planned = options.planned ?? false;
  const show = (label: string, reason: string) => `${label.padEnd(10)} ${file.path}${reason ? `: ${reason}` : ''}`;
  switch (file.action) {
    case 'create':
      return show(planned ? 'add' : 'added', file.reason);
    case 'update':
      return show(planned ? 'update' : 'updated', file.reason);
    case 'merge':
      return show(planned ? 'merge' : 'merged', file.reason);
    case 'keep':
      return file.reason ? show(planned ? 'keep' : 'kept', file.reason) : undefined;
    case 'conflict': {
      const backup = options.backups?.get(file.path);
      if (file.markers && options.backups) return show('conflict', `${file.reason}: resolve the marked lines`);
      return backup ? show('overwrote', `${file.reason}; yours is saved as ${backup}`) : show('conflict', file.reason);
    }
    case 'delete':
      return show(planned ? 'delete' : 'deleted', file.reason);
    case 'orphan': {
      const match = /^(?:src\/handlers|test\/scenarios)\/([^/]+)\/.*?([^/]+)\.ts$/.exec(file.path);
      const what = match ? `operation ${match[2]} is no longer in the ${match[1]} blueprint` : 'its operation is no longer in the blueprint';
      return show('orphan', `${what}; the file is kept: move what you need and delete it`);
    }
    case 'unchanged':
      return undefined;
  }
}

/** `v1 (4 operations), v2 (5 operations)` */
export function versionsSummary(prepared: PreparedUpdate): string {
  return prepared.generated.model.versions.map((version) => `${version.key} (${version.operations.length} operations)`).join(', ');
}

/** What the playbook change does to each published version (playbook-contract.ts). */
function describeContracts(prepared: PreparedUpdate): string[] {
  const lines: string[] = [];
  const next = label(prepared.generated.manifest.playbook);
  for (const review of prepared.contracts.reviews) {
    const was = label(review.pinned);
    const head = {
      kept: `${review.key}: keeps ${was}, the playbook it was published under: ${next} would change what it answers (--allow-breaking moves it; a new major version takes ${next}):`,
      allowed: `${review.key}: moves from ${was} to ${next} with --allow-breaking; clients of ${review.key} must be told:`,
      moved: `${review.key}: moves from ${was} to ${next}:`,
      applied: `${review.key}: moves from ${was} to ${next}; nothing its clients rely on breaks:`,
    }[review.outcome];
    lines.push(oneLine(head), ...formatContractChanges(review.changes).map(oneLine));
  }
  for (const key of prepared.contracts.unknown) {
    lines.push(
      `${key}: the contract of the playbook it was made with is not recorded (a manifest of design-first 0.1) and that playbook is not at hand: the playbook applies to it unchecked`,
    );
  }
  return lines;
}

/**
 * What the playbook changed since the last generation, each listed: rule
 * settings, settings (the contract and vars), and the playbook's templates
 * (from the copy of them update keeps in .design-first/templates/).
 */
function describePlaybookChanges(prepared: PreparedUpdate): string[] {
  const lines: string[] = [];
  const [before, after] = [prepared.previous.playbook, prepared.generated.manifest.playbook];
  if (before.rules && after.rules) {
    for (const rule of [...new Set([...Object.keys(before.rules), ...Object.keys(after.rules)])].sort()) {
      const [was, now] = [before.rules[rule] ?? 'not a rule', after.rules[rule] ?? 'not a rule'];
      if (was !== now) lines.push(oneLine(`playbook rule ${rule}: ${was} -> ${now}`));
    }
  }
  if (before.contract && after.contract) {
    for (const change of diffContracts(before.contract, after.contract))
      lines.push(oneLine(`playbook setting ${change.setting}: ${change.from} -> ${change.to}`));
  }
  const vars = (record: typeof before) => JSON.stringify(record.vars ?? {});
  if (before.contract && vars(before) !== vars(after)) lines.push(oneLine(`playbook setting vars: ${vars(before)} -> ${vars(after)}`));
  for (const file of prepared.files) {
    if (!file.path.startsWith(`${TEMPLATES_SNAPSHOT}/`)) continue;
    const name = file.path.slice(TEMPLATES_SNAPSHOT.length + 1);
    const what = { create: 'added', update: 'changed', delete: 'removed' }[file.action as 'create' | 'update' | 'delete'];
    if (what) lines.push(oneLine(`playbook template ${name}: ${what}`));
  }
  return lines;
}
