/**
 * lintBlueprint: run every rule the playbook switches on over one loaded
 * blueprint, in one walk, and return located findings sorted by file, line and
 * column; lintWithWaivers also returns the findings that waivers cover
 * (waivers.ts). Line and column are computed only for findings of rules that
 * are on; "used at" places once per component.
 */
import type { LoadedBlueprint } from '../blueprint/load.js';
import { DesignFirstError } from '../errors.js';
import { importCustomRules } from '../playbook/custom-rules.js';
import { placeInPlaybook } from '../playbook/load.js';
import type { ResolvedPlaybook, RuleSetting } from '../playbook/types.js';
import { placeMany } from './place-many.js';
import { asObject } from '../blueprint/openapi.js';
import { BUILT_IN_RULE_DEFINITIONS } from './rules/index.js';
import { LintScope } from './scope.js';
import type { Finding, NodeKind, Place, Report, RuleContext, RuleDefinition, RuleMeta, Severity, Visitor, Waiver } from './types.js';
import { Waivers, type WaiverSite } from './waivers.js';

import { emptyDispatch, walkDocument } from './walk.js';

/** The rule id of findings that stand for a bug in a rule rather than in the blueprint. */
export const INTERNAL_ERROR_RULE = 'internal-error';

/** A playbook setting as a finding's severity. */
export const SEVERITY: Record<Exclude<RuleSetting, 'off'>, Severity> = { error: 'error', warn: 'warning', info: 'info' };

interface Reported extends Report {
  rule: string;
}

/** The findings that count, and the ones a waiver covers (each with its waiver). */
export interface LintResult {
  findings: Finding[];
  waived: Finding[];
  /** Rules that ran besides the playbook's (a Spectral ruleset's), for the reports. */
  otherRules?: RuleMeta[];
}

export async function lintBlueprint(loaded: LoadedBlueprint, playbook: ResolvedPlaybook): Promise<Finding[]> {
  return (await lintWithWaivers(loaded, playbook)).findings;
}

export async function lintWithWaivers(loaded: LoadedBlueprint, playbook: ResolvedPlaybook, options: { today?: string } = {}): Promise<LintResult> {
  const rules = await activeRules(playbook);
  const scope = new LintScope(asObject(loaded.document) ?? {}, loaded.specVersion, playbook);
  const reports: Reported[] = [];
  const seen = new Set<string>();
  const failed = new Set<string>();
  const add = (report: Reported): void => {
    const key = `${report.rule}\u0000${report.location}\u0000${report.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    reports.push(report);
  };
  const internalError = (rule: string, pointer: string, error: unknown): void => {
    if (failed.has(rule)) return;
    failed.add(rule);
    const reason = String((error as Error)?.message ?? error).split('\n')[0];
    add({ rule: INTERNAL_ERROR_RULE, location: pointer, message: `rule ${rule} failed here (${reason}); this is a bug in the rule, please report it` });
  };

  const dispatch = emptyDispatch();
  const ends: Array<() => void> = [];
  // What async visitors return: awaited after the walk, so their findings are not lost.
  const pending: Array<Promise<void>> = [];
  const settle = (rule: string, pointer: string, result: unknown): void => {
    if (typeof (result as PromiseLike<void> | undefined)?.then === 'function') {
      pending.push(
        Promise.resolve(result).then(
          () => undefined,
          (error: unknown) => internalError(rule, pointer, error),
        ),
      );
    }
  };
  for (const rule of rules) {
    const context = createContext(scope, playbook.ruleOptions[rule.id], (report) => add({ rule: rule.id, message: report.message, location: report.location }));
    let visitor: Visitor;
    try {
      visitor = rule.create(context);
    } catch (error) {
      internalError(rule.id, '', error);
      continue;
    }
    for (const kind of Object.keys(dispatch) as NodeKind[]) {
      const visit = visitor[kind] as ((node: { pointer: string }) => void) | undefined;
      if (typeof visit !== 'function') continue;
      (dispatch[kind] as Array<(node: { pointer: string }) => void>).push((node) => {
        try {
          settle(rule.id, node.pointer, visit.call(visitor, node));
        } catch (error) {
          internalError(rule.id, node.pointer, error);
        }
      });
    }
    const end = visitor.documentEnd;
    if (typeof end === 'function') {
      ends.push(() => {
        try {
          settle(rule.id, '', end.call(visitor));
        } catch (error) {
          internalError(rule.id, '', error);
        }
      });
    }
  }

  const waivers = new Waivers(playbook, options.today);
  walkDocument(scope, dispatch, (pointer, value) => waivers.add(pointer, value));
  // A documentEnd compares what the visits saw, so it waits for the async ones.
  await Promise.all(pending.splice(0));
  for (const end of ends) end();
  await Promise.all(pending);
  // Spectral is loaded only for playbooks that name a Spectral ruleset (it costs about a second).
  const spectral =
    playbook.spectralRulesets.length > 0 ? await (await import('./spectral/run-spectral.js')).runSpectral(loaded, playbook.spectralRulesets) : undefined;
  const problems = waivers.check(spectral?.rules.map((rule) => rule.id));
  const result = locate(loaded, scope, playbook, reports, waivers);
  if (spectral) {
    result.otherRules = spectral.rules;
    for (const finding of spectral.findings) {
      const waiver = waivers.waiverFor(finding.rule, finding.pointer, finding.pointer);
      if (waiver) result.waived.push({ ...finding, waiver: describeWaiver(loaded, playbook, waiver) });
      else result.findings.push(finding);
    }
  }
  problems.push(...waivers.unused());
  for (const problem of problems) {
    const setting = playbook.rules[problem.rule] ?? 'off';
    if (setting === 'off') continue;
    const place = problem.site.source === 'blueprint' ? loaded.place(problem.site.entryPointer) : placeInPlaybook(playbook, problem.site.entryPointer);
    result.findings.push({ rule: problem.rule, severity: SEVERITY[setting], message: problem.message, ...place });
  }
  sortFindings(result.findings);
  sortFindings(result.waived);
  return result;
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

function createContext(scope: LintScope, options: unknown, report: (report: Report) => void): RuleContext {
  return {
    document: scope.document,
    specVersion: scope.specVersion,
    playbook: scope.playbook,
    options,
    report,
    resolve: (value, pointer) => scope.resolve(value, pointer),
    parameters: (operation) => scope.parameters(operation),
    responses: (operation) => scope.responses(operation),
    security: (operation) => scope.security(operation),
    properties: (schema) => scope.properties(schema),
    collection: (operation) => scope.collection(operation),
  };
}

function locate(loaded: LoadedBlueprint, scope: LintScope, playbook: ResolvedPlaybook, reports: Reported[], waivers: Waivers): LintResult {
  const kept: Array<{ report: Reported; severity: Severity; users: string[] | undefined; waiver: WaiverSite | undefined }> = [];
  const wanted = new Set<string>();
  for (const report of reports) {
    const setting = report.rule === INTERNAL_ERROR_RULE ? 'error' : playbook.rules[report.rule];
    if (!setting || setting === 'off') continue;
    const waiver = waivers.waiverFor(report.rule, report.location, loaded.origin(report.location).pointer);
    const users = usersOf(scope, report.location);
    kept.push({ report, severity: SEVERITY[setting], users, waiver });
    wanted.add(report.location);
    for (const user of users ?? []) wanted.add(user);
  }
  const places = placeMany(loaded, wanted);
  const usedAtCache = new Map<string[], Place[]>();
  const waiverCache = new Map<WaiverSite, Waiver>();
  const result: LintResult = { findings: [], waived: [] };
  for (const { report, severity, users, waiver } of kept) {
    const finding: Finding = { rule: report.rule, severity, message: report.message, ...places.get(report.location)! };
    if (users) {
      let usedAt = usedAtCache.get(users);
      if (!usedAt) usedAtCache.set(users, (usedAt = users.map((user) => places.get(user)!)));
      finding.usedAt = usedAt;
    }
    if (!waiver) {
      result.findings.push(finding);
      continue;
    }
    let described = waiverCache.get(waiver);
    if (!described) waiverCache.set(waiver, (described = describeWaiver(loaded, playbook, waiver)));
    finding.waiver = described;
    result.waived.push(finding);
  }
  return result;
}

function describeWaiver(loaded: LoadedBlueprint, playbook: ResolvedPlaybook, waiver: WaiverSite): Waiver {
  const place = waiver.source === 'blueprint' ? loaded.place(waiver.entryPointer) : placeInPlaybook(playbook, waiver.entryPointer);
  return { source: waiver.source, reason: waiver.reason, expires: waiver.expires, ...place };
}

/**
 * For a pointer inside a component (`/components/schemas/Pet/properties/id`),
 * the places that `$ref` the component, itself excepted; undefined elsewhere.
 */
function usersOf(scope: LintScope, pointer: string): string[] | undefined {
  if (!pointer.startsWith('/components/')) return undefined;
  const kindEnd = pointer.indexOf('/', 12);
  if (kindEnd < 0) return undefined;
  const nameEnd = pointer.indexOf('/', kindEnd + 1);
  const root = nameEnd < 0 ? pointer : pointer.slice(0, nameEnd);
  const users = scope.componentUsers(root);
  return users.length > 0 ? users : undefined;
}

/** The built-in and custom rules the playbook switches on. */
export async function activeRules(playbook: ResolvedPlaybook): Promise<RuleDefinition[]> {
  const definitions: RuleDefinition[] = [...BUILT_IN_RULE_DEFINITIONS];
  for (const file of playbook.customRules) {
    const rules = await importCustomRules(file);
    if (typeof rules === 'string') throw new DesignFirstError('DF_ERR_PLAYBOOK_INVALID', rules, { file: playbook.file ?? file });
    definitions.push(...(rules as unknown as RuleDefinition[]));
  }
  return definitions.filter((rule) => (playbook.rules[rule.id] ?? 'off') !== 'off');
}
