/**
 * loadPlaybook: a playbook file (YAML or JSON) -> one ResolvedPlaybook with
 * every default applied, validated against PLAYBOOK_SCHEMA. Every mistake of
 * a file is reported at once (problems.ts): DF_ERR_PLAYBOOK_INVALID naming the
 * first, with each of them, in file order, in its details.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Ajv } from 'ajv';
import { DesignFirstError, isDesignFirstError, type SourcePlace } from '../errors.js';
import { readRootSource } from '../blueprint/fetch-source.js';
import { placeIn } from '../blueprint/source.js';
import { childPointer } from '../blueprint/pointer.js';
import type { BlueprintSource } from '../blueprint/source.js';
import { importCustomRules } from './custom-rules.js';
import type { PlaybookRef } from './locate.js';
import { describe, didYouMean, fieldName, Problems, usefulErrors, type Problem } from './problems.js';
import { BUILT_IN_RULES, DEFAULT_SETTINGS, envelopeFor } from './defaults.js';
import { PLAYBOOK_SCHEMA } from './schema.js';
import type { IgnoreEntry, PlaybookFile, PlaybookSettings, ResolvedPlaybook, RuleOverride, RuleSetting } from './types.js';
import { resolveWaiverPolicy } from './waivers.js';
import { absolutePaths, mergePlaybookFiles, resolveExtends } from './extends.js';

/** Where each loaded playbook came from, so later stages can point into it. */
const sourcesOf = new WeakMap<ResolvedPlaybook, BlueprintSource>();

let builtIn: ResolvedPlaybook | undefined;
let validate: ReturnType<Ajv['compile']> | undefined;
/** Compiles the option schemas custom rules declare. */
let optionAjv: Ajv | undefined;

export async function loadPlaybook(where?: string | PlaybookRef): Promise<ResolvedPlaybook> {
  if (where === undefined)
    return (builtIn ??= withHash({ file: null, name: null, version: null, package: null }, DEFAULT_SETTINGS, hashable(DEFAULT_SETTINGS, null)));
  const ref: PlaybookRef = typeof where === 'string' ? { kind: 'file', file: where } : where;
  const fromPackage = ref.kind === 'package' ? { name: ref.name, version: ref.version } : null;
  const { source, raw, spectralRulesets } = await readValidated(ref.file, []);
  // Every mistake found below is gathered, then reported at once in file order.
  const problems = new Problems();
  const folder = path.dirname(source.file);

  for (const [index, pattern] of (raw.systemKeys ?? []).entries()) {
    try {
      new RegExp(pattern, 'iu');
    } catch (error) {
      problems.add(`/systemKeys/${index}`, `not a regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`);
    }
  }

  let templates: string | null = null;
  if (raw.templates !== undefined) {
    templates = path.resolve(folder, raw.templates);
    if (!(await isFolder(templates))) problems.add('/templates', `no folder at ${templates}`);
  }

  const customRules: string[] = [];
  const knownRules = new Set<string>(Object.keys(BUILT_IN_RULES));
  const customDefaults: Record<string, RuleSetting> = {};
  const optionSchemas = new Map<string, object>();
  for (const [index, modulePath] of (raw.customRules ?? []).entries()) {
    const absolute = path.resolve(folder, modulePath);
    const rules = await importCustomRules(absolute);
    if (typeof rules === 'string') {
      problems.add(`/customRules/${index}`, rules);
      continue;
    }
    for (const rule of rules) {
      if (knownRules.has(rule.id)) {
        problems.add(`/customRules/${index}`, `rule id "${rule.id}" is already taken`);
        continue;
      }
      knownRules.add(rule.id);
      customDefaults[rule.id] = 'warn';
      if (rule.options !== undefined) optionSchemas.set(rule.id, rule.options);
    }
    customRules.push(absolute);
  }
  // A rule module that could not be imported may be the one that defines an id: that mistake is reported already.
  const unknown = (pointer: string, id: string): void => {
    if (!problems.at('/customRules')) problems.add(pointer, `no built-in or custom rule is named "${id}"${didYouMean(id, knownRules)}`);
  };
  const severities: Record<string, RuleSetting> = {};
  const ruleOptions: Record<string, unknown> = {};
  for (const [id, setting] of Object.entries(raw.rules ?? {})) {
    const at = childPointer('/rules', id);
    if (!knownRules.has(id)) {
      unknown(at, id);
      continue;
    }
    if (typeof setting === 'string') {
      severities[id] = setting;
      continue;
    }
    severities[id] = setting.severity;
    if (setting.options === undefined) continue;
    const schema = optionSchemas.get(id);
    if (!schema) {
      problems.add(childPointer(at, 'options'), `rule ${id} takes no options`);
      continue;
    }
    for (const problem of await checkOptions(schema, setting.options)) problems.add(childPointer(at, 'options') + problem.pointer, problem.message);
    ruleOptions[id] = setting.options;
  }
  for (const [index, entry] of (raw.ignore ?? []).entries()) {
    if (!knownRules.has(entry.rule)) unknown(`/ignore/${index}/rule`, entry.rule);
  }
  for (const [index, override] of (raw.overrides ?? []).entries()) {
    for (const id of Object.keys(override.rules)) {
      if (!knownRules.has(id)) unknown(childPointer(`/overrides/${index}/rules`, id), id);
    }
  }
  for (const [index, id] of (raw.waivers?.forbidInBlueprint ?? []).entries()) {
    if (!knownRules.has(id)) unknown(`/waivers/forbidInBlueprint/${index}`, id);
  }

  const casing = raw.profile?.propertyCasing ?? DEFAULT_SETTINGS.profile.propertyCasing;
  const examplesSetting = severities['examples-valid'];
  const validateExamples = raw.examples?.validate ?? (examplesSetting !== undefined && examplesSetting !== 'off');
  if (raw.examples?.validate === false && examplesSetting !== undefined && examplesSetting !== 'off') {
    problems.add('/rules/examples-valid', '`examples.validate: false` turns this rule off; remove one of the two');
  }
  const paging = { ...DEFAULT_SETTINGS.paging, ...raw.paging };
  if (paging.unpagedMaximum < paging.pageSize) problems.add('/paging/unpagedMaximum', `must be at least paging.pageSize (${paging.pageSize})`);
  problems.throwIfAny(source);

  const settings: PlaybookSettings = {
    rules: {
      ...BUILT_IN_RULES,
      ...customDefaults,
      ...severities,
      'examples-valid': validateExamples ? (examplesSetting ?? BUILT_IN_RULES['examples-valid']) : 'off',
    },
    ruleOptions,
    profile: { ...DEFAULT_SETTINGS.profile, ...raw.profile },
    envelope: { ...envelopeFor(casing), ...raw.envelope },
    paging,
    bodyLimitBytes: raw.bodyLimitBytes ?? DEFAULT_SETTINGS.bodyLimitBytes,
    subscriptionKeyHeader: raw.subscriptionKeyHeader ?? DEFAULT_SETTINGS.subscriptionKeyHeader,
    rateLimit: { ...DEFAULT_SETTINGS.rateLimit, ...raw.rateLimit },
    templates,
    customRules,
    ignore: (raw.ignore ?? []).map(
      (entry): IgnoreEntry => ({
        rule: entry.rule,
        pointer: entry.pointer,
        reason: entry.reason?.trim() ? entry.reason : null,
        expires: entry.expires ?? null,
      }),
    ),
    waivers: resolveWaiverPolicy(raw.waivers),
    overrides: (raw.overrides ?? []) as RuleOverride[],
    systemKeys: raw.systemKeys ?? DEFAULT_SETTINGS.systemKeys,
    examples: { validate: validateExamples },
    spectralRulesets,
    deprecationNoticeDays: raw.deprecationNoticeDays ?? DEFAULT_SETTINGS.deprecationNoticeDays,
    vars: raw.vars ?? {},
  };
  const identity = {
    file: source.file,
    name: raw.name ?? fromPackage?.name ?? null,
    version: raw.version ?? fromPackage?.version ?? null,
    package: fromPackage,
  };
  const playbook = withHash(identity, settings, hashable(settings, folder));
  sourcesOf.set(playbook, source);
  return playbook;
}

/**
 * A playbook file read and checked against PLAYBOOK_SCHEMA, with what it
 * `extends:` merged in (extends.ts): the playbooks it names first, each later
 * one overriding the earlier, then its own fields; paths made absolute where
 * they were written, so a parent's `templates` and `customRules` stay its own.
 */
async function readValidated(file: string, chain: readonly string[]): Promise<{ source: BlueprintSource; raw: PlaybookFile; spectralRulesets: string[] }> {
  const source = await readPlaybookSource(file);
  const invalid = (pointer: string, message: string): DesignFirstError =>
    new DesignFirstError('DF_ERR_PLAYBOOK_INVALID', `${fieldName(pointer)}: ${message}`, placeIn(source, pointer));
  // Ajv is loaded only when there is a file to check: the built-in playbook needs none.
  validate ??= new (await import('ajv')).Ajv({ allErrors: true, verbose: true, strict: true }).compile(PLAYBOOK_SCHEMA);
  if (!validate(source.data)) {
    // Every schema mistake at once, in file order, with the field or value meant.
    const problems = new Problems();
    for (const error of usefulErrors(validate.errors ?? [])) {
      const { pointer, message } = describe(error);
      problems.add(pointer, message);
    }
    // A misspelt rule id is told in the same breath, when no custom rule module could be the one defining it.
    const data = source.data as PlaybookFile;
    if (data && typeof data === 'object' && data.customRules === undefined && data.extends === undefined && data.rules && typeof data.rules === 'object') {
      const known = Object.keys(BUILT_IN_RULES);
      for (const id of Object.keys(data.rules)) {
        if (!known.includes(id)) problems.add(childPointer('/rules', id), `no built-in or custom rule is named "${id}"${didYouMean(id, known)}`);
      }
    }
    problems.throwIfAny(source);
  }
  const own = absolutePaths(source.data as PlaybookFile, path.dirname(source.file));
  if (own.extends === undefined) return { source, raw: own, spectralRulesets: [] };
  const entries = typeof own.extends === 'string' ? [own.extends] : own.extends;
  const at = (index: number) => (typeof own.extends === 'string' ? '/extends' : `/extends/${index}`);
  const resolved = resolveExtends(entries, source.file);
  if ('reason' in resolved) throw invalid(at(resolved.index), resolved.reason);
  let raw: PlaybookFile = {};
  const spectralRulesets: string[] = [];
  for (const [index, extended] of resolved.extended.entries()) {
    if (extended.kind === 'spectral') {
      spectralRulesets.push(extended.ruleset);
      continue;
    }
    if ([...chain, source.file].includes(extended.file)) throw invalid(at(index), `extends itself through ${extended.file}`);
    const parent = await readValidated(extended.file, [...chain, source.file]);
    raw = mergePlaybookFiles(raw, parent.raw);
    spectralRulesets.push(...parent.spectralRulesets);
  }
  return { source, raw: mergePlaybookFiles(raw, own), spectralRulesets };
}

/** File, line and column of a pointer into a loaded playbook; the file alone for the built-in one. */
export function placeInPlaybook(playbook: ResolvedPlaybook, pointer: string): Required<SourcePlace> {
  const source = sourcesOf.get(playbook);
  if (!source) return { file: playbook.file ?? '(built-in playbook)', line: 1, column: 1, pointer };
  return placeIn(source, pointer);
}

async function readPlaybookSource(file: string): Promise<BlueprintSource> {
  try {
    return await readRootSource(file);
  } catch (error) {
    // Missing or unreadable files keep their own codes; anything about the content is an invalid playbook.
    if (!isDesignFirstError(error) || error.code === 'DF_ERR_LOAD_NOT_FOUND' || error.code === 'DF_ERR_LOAD_READ') throw error;
    throw new DesignFirstError('DF_ERR_PLAYBOOK_INVALID', error.message, error.place);
  }
}

async function isFolder(folder: string): Promise<boolean> {
  try {
    return (await stat(folder)).isDirectory();
  } catch {
    return false;
  }
}

/** Rule options against the rule's JSON Schema for them: each mistake with its pointer inside the options. */
async function checkOptions(schema: object, options: unknown): Promise<Problem[]> {
  optionAjv ??= new (await import('ajv')).Ajv({ allErrors: true, verbose: true, strict: false });
  const check = optionAjv.compile(schema);
  if (check(options)) return [];
  return usefulErrors(check.errors ?? []).map(describe);
}

function withHash(identity: Pick<ResolvedPlaybook, 'file' | 'name' | 'version' | 'package'>, settings: PlaybookSettings, content: unknown): ResolvedPlaybook {
  const hash = createHash('sha256').update(canonicalJson(content)).digest('hex');
  return Object.freeze({ ...identity, hash, ...settings });
}

/**
 * The settings as they would read in a file at `folder`: paths relative, so the hash does not depend on the checkout.
 * A setting added later is left out at its default, so services generated before it was added are not reported as drifted.
 */
function hashable(settings: PlaybookSettings, folder: string | null): unknown {
  const relative = (absolute: string): string => (folder ? path.relative(folder, absolute).split(path.sep).join('/') : absolute);
  const { deprecationNoticeDays, ruleOptions, vars, ...rest } = settings;
  return {
    ...rest,
    ...(deprecationNoticeDays === DEFAULT_SETTINGS.deprecationNoticeDays ? {} : { deprecationNoticeDays }),
    ...(Object.keys(ruleOptions).length === 0 ? {} : { ruleOptions }),
    ...(Object.keys(vars).length === 0 ? {} : { vars }),
    templates: settings.templates === null ? null : relative(settings.templates),
    customRules: settings.customRules.map(relative),
    spectralRulesets: settings.spectralRulesets.map((ruleset) => (path.isAbsolute(ruleset) ? relative(ruleset) : ruleset)),
    overrides: settings.overrides.map(({ files, rules }) => ({ files: files.map((glob) => relative(glob)), rules })),
  };
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
