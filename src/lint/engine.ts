/**
 * lintBlueprint: run every rule the playbook switches on over one loaded
 * blueprint, in one walk, and return located findings sorted by file, line and
 * column. Line and column are computed only for findings that survive the
 * ignores; "used at" places once per component.
 */
import type { LoadedBlueprint } from '../blueprint/load.js';
import { DesignFirstError } from '../errors.js';
import { importCustomRules } from '../playbook/custom-rules.js';
import { placeInPlaybook } from '../playbook/load.js';
import type { ResolvedPlaybook, RuleSetting } from '../playbook/types.js';
import { Ignores } from './ignores.js';
import { asObject } from './openapi.js';
import { BUILT_IN_RULE_DEFINITIONS } from './rules/index.js';
import { LintScope } from './scope.js';
import type { Finding, NodeKind, Place, Report, RuleContext, RuleDefinition, Severity, Visitor } from './types.js';
import { emptyDispatch, walkDocument } from './walk.js';

/** The rule id of findings that stand for a bug in a rule rather than in the blueprint. */
export const INTERNAL_ERROR_RULE = 'internal-error';
const IGNORE_WITHOUT_REASON = 'ignore-without-reason';

const SEVERITY: Record<Exclude<RuleSetting, 'off'>, Severity> = { error: 'error', warn: 'warning', info: 'info' };

interface Reported extends Report {
  rule: string;
}

export async function lintBlueprint(loaded: LoadedBlueprint, playbook: ResolvedPlaybook): Promise<Finding[]> {
  const rules = [...BUILT_IN_RULE_DEFINITIONS, ...(await customRuleDefinitions(playbook))];
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
  for (const rule of rules) {
    if ((playbook.rules[rule.id] ?? 'off') === 'off') continue;
    const context = createContext(scope, (report) => add({ rule: rule.id, message: report.message, location: report.location }));
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
          visit.call(visitor, node);
        } catch (error) {
          internalError(rule.id, node.pointer, error);
        }
      });
    }
    const end = visitor.documentEnd;
    if (typeof end === 'function') {
      ends.push(() => {
        try {
          end.call(visitor);
        } catch (error) {
          internalError(rule.id, '', error);
        }
      });
    }
  }

  const ignores = new Ignores(playbook.ignore);
  walkDocument(scope, dispatch, (pointer, value) => ignores.add(pointer, value));
  for (const end of ends) end();

  const findings = locate(loaded, scope, playbook, reports, ignores);
  const ignoreSetting = playbook.rules[IGNORE_WITHOUT_REASON] ?? 'off';
  if (ignoreSetting !== 'off') {
    const severity = SEVERITY[ignoreSetting];
    for (const site of ignores.blueprintEntries) {
      if (site.reason !== null) continue;
      findings.push({ rule: IGNORE_WITHOUT_REASON, severity, message: `x-lint-ignore of ${site.rule} gives no reason`, ...loaded.place(site.entryPointer) });
    }
    playbook.ignore.forEach((entry, index) => {
      if (entry.reason !== null) return;
      const place = placeInPlaybook(playbook, `/ignore/${index}`);
      findings.push({ rule: IGNORE_WITHOUT_REASON, severity, message: `playbook ignore of ${entry.rule} at ${entry.pointer || '/'} gives no reason`, ...place });
    });
  }
  return sortFindings(findings);
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

function createContext(scope: LintScope, report: (report: Report) => void): RuleContext {
  return {
    document: scope.document,
    specVersion: scope.specVersion,
    playbook: scope.playbook,
    report,
    resolve: (value, pointer) => scope.resolve(value, pointer),
    parameters: (operation) => scope.parameters(operation),
    responses: (operation) => scope.responses(operation),
    security: (operation) => scope.security(operation),
    properties: (schema) => scope.properties(schema),
    collection: (operation) => scope.collection(operation),
  };
}

function locate(loaded: LoadedBlueprint, scope: LintScope, playbook: ResolvedPlaybook, reports: Reported[], ignores: Ignores): Finding[] {
  const usedAtCache = new Map<string, Place[] | undefined>();
  const findings: Finding[] = [];
  for (const report of reports) {
    const sourcePointer = loaded.origin(report.location).pointer;
    if (ignores.silences(report.rule, report.location, sourcePointer)) continue;
    const setting = report.rule === INTERNAL_ERROR_RULE ? 'error' : playbook.rules[report.rule];
    if (!setting || setting === 'off') continue;
    const finding: Finding = { rule: report.rule, severity: SEVERITY[setting], message: report.message, ...loaded.place(report.location) };
    const root = componentRoot(report.location);
    if (root !== undefined) {
      if (!usedAtCache.has(root)) usedAtCache.set(root, usedAt(loaded, scope, root));
      const places = usedAtCache.get(root);
      if (places) finding.usedAt = places;
    }
    findings.push(finding);
  }
  return findings;
}

/** `/components/schemas/Pet/properties/id` -> `/components/schemas/Pet`. */
function componentRoot(pointer: string): string | undefined {
  if (!pointer.startsWith('/components/')) return undefined;
  const parts = pointer.split('/', 4);
  return parts.length === 4 ? parts.join('/') : undefined;
}

function usedAt(loaded: LoadedBlueprint, scope: LintScope, root: string): Place[] | undefined {
  const users = (scope.refUsers.get(root) ?? []).filter((user) => user !== root && !user.startsWith(`${root}/`));
  if (users.length === 0) return undefined;
  return users.map((user) => loaded.place(user));
}

async function customRuleDefinitions(playbook: ResolvedPlaybook): Promise<RuleDefinition[]> {
  const definitions: RuleDefinition[] = [];
  for (const file of playbook.customRules) {
    const rules = await importCustomRules(file);
    if (typeof rules === 'string') throw new DesignFirstError('DF_ERR_PLAYBOOK_INVALID', rules, { file: playbook.file ?? file });
    definitions.push(...(rules as unknown as RuleDefinition[]));
  }
  return definitions;
}

