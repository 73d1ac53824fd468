/**
 * What an upstream's change means for the service that calls it: the diff of
 * the upstream's blueprint as the service has it against the new one, each
 * change placed on the upstream operations it concerns (operation-reach.ts:
 * a changed component concerns every operation that reaches it), and, per
 * operation, the places in the team's code that call its client method.
 * `update --upstream` and `diff --service` report it; nothing is refused: the
 * upstream is another team's, and the type-check after an update names what
 * no longer compiles.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedBlueprint } from '../blueprint/load.js';
import { operationReach, operationsAt, type OperationReach } from '../blueprint/operation-reach.js';
import { countBySeverity, diffBlueprints, type Change } from '../diff/index.js';
import { oneLine } from '../errors.js';
import type { RuntimeSettings } from '../model/service-model.js';
import { buildUpstreams } from '../model/upstreams/build-upstream.js';

export interface UpstreamImpact {
  upstream: string;
  from: string;
  to: string;
  changes: Change[];
  /** The upstream operations breaking changes concern, with the service's calls of each. */
  affected: AffectedOperation[];
}

export interface AffectedOperation {
  /** The client method (`getPet`), as the service's code calls it. */
  method: string;
  /** `GET /pets/{petId}` */
  operation: string;
  changes: Change[];
  /** Where the team's code calls it: `src/handlers/v1/adoptions/getAdoption.ts:6`. */
  calls: string[];
}

/** The client method of each operation of the upstream as the service has it (same names as its generated client). */
export function clientMethods(name: string, loaded: LoadedBlueprint, runtime: RuntimeSettings): Map<string, string> {
  const [model] = buildUpstreams([{ name, loaded }], runtime);
  return new Map(model!.operations.map((operation) => [`${operation.method} ${operation.path}`, operation.ident]));
}

export async function upstreamImpact(options: {
  dir: string;
  name: string;
  previous: LoadedBlueprint;
  next: LoadedBlueprint;
  runtime: RuntimeSettings;
}): Promise<UpstreamImpact> {
  const changes = diffBlueprints(options.previous, options.next);
  const methods = clientMethods(options.name, options.previous, options.runtime);
  const reach = { old: operationReach(options.previous.document), new: operationReach(options.next.document) };
  const byOperation = new Map<string, Change[]>();
  for (const change of changes.filter((candidate) => candidate.severity === 'breaking')) {
    const concerned = new Set<string>();
    const add = (operations: OperationReach[]) => {
      for (const operation of operations) concerned.add(`${operation.method.toUpperCase()} ${operation.path}`);
    };
    if (change.old) add(operationsAt(reach.old, change.old.pointer));
    if (change.new) add(operationsAt(reach.new, change.new.pointer));
    for (const key of concerned) byOperation.set(key, [...(byOperation.get(key) ?? []), change]);
  }
  const sources = await teamSources(options.dir);
  const affected: AffectedOperation[] = [];
  for (const [operation, operationChanges] of byOperation) {
    // An operation the service's client never had (added upstream) cannot be called yet.
    const method = methods.get(operation);
    if (method === undefined) continue;
    affected.push({ method, operation, changes: operationChanges, calls: callsOf(sources, options.name, method) });
  }
  return { upstream: options.name, from: options.previous.root.displayName, to: options.next.root.displayName, changes, affected };
}

/** The report, one line per fact; the service's affected calls first. */
export function describeImpact(impact: UpstreamImpact): string[] {
  const counts = countBySeverity(impact.changes);
  const lines = [
    `upstream ${impact.upstream}: ${oneLine(impact.from)} -> ${oneLine(impact.to)}: ${impact.changes.length} change(s): ${counts.breaking} breaking, ${counts.warning} warning(s), ${counts.info} info`,
  ];
  const called = impact.affected.filter((operation) => operation.calls.length > 0);
  for (const operation of called) {
    lines.push(
      `upstream ${impact.upstream}: ${operation.method} (${oneLine(operation.operation)}) has ${operation.changes.length} breaking change(s) and is called at ${operation.calls.join(', ')}:`,
    );
    for (const change of operation.changes) lines.push(`  ${change.id}: ${oneLine(change.message)}`);
  }
  const uncalled = impact.affected.filter((operation) => operation.calls.length === 0).map((operation) => operation.method);
  if (uncalled.length > 0) lines.push(`upstream ${impact.upstream}: breaking changes in operations this service does not call: ${uncalled.join(', ')}`);
  return lines;
}

interface Source {
  file: string;
  lines: string[];
}

/** The team's TypeScript under src/: not what design-first generates or keeps (generated/, platform/, upstream/). */
async function teamSources(dir: string): Promise<Source[]> {
  const sources: Source[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const child = `${relative}/${entry.name}`;
      if (entry.isDirectory() && !['src/generated', 'src/platform', 'src/upstream'].includes(child)) await walk(child);
      else if (entry.isFile() && /\.[cm]?tsx?$/.test(entry.name))
        sources.push({ file: child, lines: (await readFile(path.join(dir, child), 'utf8')).split('\n') });
    }
  };
  await walk('src');
  return sources.sort((a, b) => a.file.localeCompare(b.file));
}

/**
 * `file:line` of each call of the client method: a textual search for
 * `.method(` in files that name `upstreams` and the upstream, the way the
 * generated client is reached (`context.upstreams.pets.getPet(...)`, or a
 * client kept in a variable).
 */
function callsOf(sources: readonly Source[], upstream: string, method: string): string[] {
  const ident = upstream.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
  const call = new RegExp(`\\.\\s*${method}\\s*\\(`);
  const names = new RegExp(`\\b${ident}\\b`);
  const calls: string[] = [];
  for (const source of sources) {
    const text = source.lines.join('\n');
    if (!/\bupstreams\b/.test(text) || !names.test(text)) continue;
    source.lines.forEach((line, index) => {
      if (call.test(line)) calls.push(`${source.file}:${index + 1}`);
    });
  }
  return calls;
}

/** The impact for `diff --service`, in the diff's format: lines for text, a section for markdown, an object for JSON. */
export function formatImpact(impact: UpstreamImpact, format: 'text' | 'markdown' | 'json'): string | Record<string, unknown> {
  if (format === 'json') {
    return {
      upstream: impact.upstream,
      affected: impact.affected.map((operation) => ({
        method: operation.method,
        operation: operation.operation,
        calls: operation.calls,
        changes: operation.changes.map((change) => change.id),
      })),
    };
  }
  const lines = describeImpact(impact).slice(1);
  if (format === 'text')
    return lines.length > 0 ? `\n${lines.join('\n')}\n` : `\nupstream ${impact.upstream}: no breaking change concerns an operation this service calls\n`;
  const called = impact.affected.filter((operation) => operation.calls.length > 0);
  const items = called.map(
    (operation) =>
      `- \`${operation.method}\` (${markdownCode(operation.operation)}): ${operation.changes.length} breaking change(s); called at ${operation.calls.map(markdownCode).join(', ')}`,
  );
  return `\n### Calls of this service affected (upstream \`${impact.upstream}\`)\n\n${items.length > 0 ? items.join('\n') : 'None: no breaking change concerns an operation this service calls.'}\n`;
}

function markdownCode(text: string): string {
  return `\`${oneLine(text).replace(/`/g, "'")}\``;
}
