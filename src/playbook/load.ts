/**
 * loadPlaybook: a playbook file (YAML or JSON) -> one ResolvedPlaybook with
 * every default applied, validated against PLAYBOOK_SCHEMA. Every refusal is a
 * one-line DF_ERR_PLAYBOOK_INVALID naming the file, line, column and field.
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
import { describe, didYouMean, Problems, usefulErrors, type Problem } from './problems.js';
import type { PlaybookRef } from './locate.js';
import { BUILT_IN_RULES, DEFAULT_SETTINGS, envelopeFor } from './defaults.js';
import { PLAYBOOK_SCHEMA } from './schema.js';
import type { IgnoreEntry, PlaybookFile, PlaybookSettings, ResolvedPlaybook, RuleSetting } from './types.js';

/** Where each loaded playbook came from, so later stages can point into it. */
const sourcesOf = new WeakMap<ResolvedPlaybook, BlueprintSource>();

let builtIn: ResolvedPlaybook | undefined;
let validate: ReturnType<Ajv['compile']> | undefined;
/** Compiles the option schemas custom rules declare. */
let optionAjv: Ajv | undefined;

export async function loadPlaybook(where?: string | PlaybookRef): Promise<ResolvedPlaybook> {
  if (where === undefined) return (builtIn ??= withHash({ file: null, name: null, version: null, package: null }, DEFAULT_SETTINGS, hashable(DEFAULT_SETTINGS, null)));
  const ref: PlaybookRef = typeof where === 'string' ? { kind: 'file', file: where } : where;
  const fromPackage = ref.kind === 'package' ? { name: ref.name, version: ref.version } : null;
  const source = await readPlaybookSource(ref.file);
  const problems = new Problems();

  // Ajv is loaded only when there is a file to check: the built-in playbook needs none.
  validate ??= new (await import('ajv')).Ajv({ allErrors: true, verbose: true, strict: true }).compile(PLAYBOOK_SCHEMA);
  if (!validate(source.data)) {
    for (const error of usefulErrors(validate.errors ?? [])) {
      const { pointer, message } = describe(error);
      problems.add(pointer, message);
    }
  }
  // The whole file must be an object for anything below to mean something.
  if (problems.list.some((problem) => problem.pointer === '')) problems.throwIfAny(source);
  const raw = source.data as PlaybookFile;
  const folder = path.dirname(source.file);

  for (const [index, pattern] of (Array.isArray(raw.systemKeys) ? raw.systemKeys : []).entries()) {
    if (problems.at(`/systemKeys/${index}`)) continue;
    try {
      new RegExp(pattern, 'iu');
    } catch (error) {
      problems.add(`/systemKeys/${index}`, `not a regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`);
    }
  }

  let templates: string | null = null;
  if (typeof raw.templates === 'string' && !problems.at('/templates')) {
    templates = path.resolve(folder, raw.templates);
    if (!(await isFolder(templates))) problems.add('/templates', `no folder at ${templates}`);
  }

  const { customRules, known, defaults, optionSchemas } = await readCustomRules(raw, folder, problems);
  const given = raw.rules !== null && typeof raw.rules === 'object' && !Array.isArray(raw.rules) ? raw.rules : {};
  const severities: Record<string, RuleSetting> = {};
  const ruleOptions: Record<string, unknown> = {};
  for (const [id, setting] of Object.entries(given)) {
    const at = childPointer('/rules', id);
    if (!known.has(id)) {
      // A rule module that could not be imported may be the one that defines it: that mistake is reported already.
      if (!problems.at('/customRules')) problems.add(at, `no built-in or custom rule is named "${id}"${didYouMean(id, known)}`);
      continue;
    }
    if (problems.at(at)) continue;
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
  for (const [index, entry] of (Array.isArray(raw.ignore) ? raw.ignore : []).entries()) {
    if (!problems.at(`/ignore/${index}`) && !problems.at('/customRules') && !known.has(entry.rule)) problems.add(`/ignore/${index}/rule`, `no built-in or custom rule is named "${entry.rule}"${didYouMean(entry.rule, known)}`);
  }

  const profile = { ...DEFAULT_SETTINGS.profile, ...(problems.at('/profile') ? {} : raw.profile) };
  const examplesSetting = severities['examples-valid'];
  const examplesFlag = problems.at('/examples') ? undefined : raw.examples?.validate;
  const validateExamples = examplesFlag ?? (examplesSetting !== undefined && examplesSetting !== 'off');
  if (examplesFlag === false && examplesSetting !== undefined && examplesSetting !== 'off') {
    problems.add('/rules/examples-valid', '`examples.validate: false` turns this rule off; remove one of the two');
  }
  const paging = { ...DEFAULT_SETTINGS.paging, ...(problems.at('/paging') ? {} : raw.paging) };
  if (!problems.at('/paging') && paging.unpagedMaximum < paging.pageSize) {
    problems.add('/paging/unpagedMaximum', `must be at least paging.pageSize (${paging.pageSize})`);
  }
  problems.throwIfAny(source);

  const settings: PlaybookSettings = {
    rules: {
      ...BUILT_IN_RULES,
      ...defaults,
      ...severities,
      'examples-valid': validateExamples ? (examplesSetting ?? BUILT_IN_RULES['examples-valid']) : 'off',
    },
    ruleOptions,
    profile,
    envelope: { ...envelopeFor(profile.propertyCasing), ...raw.envelope },
    paging,
    bodyLimitBytes: raw.bodyLimitBytes ?? DEFAULT_SETTINGS.bodyLimitBytes,
    subscriptionKeyHeader: raw.subscriptionKeyHeader ?? DEFAULT_SETTINGS.subscriptionKeyHeader,
    rateLimit: { ...DEFAULT_SETTINGS.rateLimit, ...raw.rateLimit },
    templates,
    customRules,
    ignore: (raw.ignore ?? []).map((entry): IgnoreEntry => ({
      rule: entry.rule,
      pointer: entry.pointer,
      reason: entry.reason?.trim() ? entry.reason : null,
    })),
    systemKeys: raw.systemKeys ?? DEFAULT_SETTINGS.systemKeys,
    examples: { validate: validateExamples },
    vars: raw.vars ?? {},
  };
  const identity = { file: source.file, name: raw.name ?? fromPackage?.name ?? null, version: raw.version ?? fromPackage?.version ?? null, package: fromPackage };
  const playbook = withHash(identity, settings, hashable(settings, folder));
  sourcesOf.set(playbook, source);
  return playbook;
}

/** The custom rule modules a playbook names: their files, every rule id known, custom rules' default settings and option schemas. */
async function readCustomRules(raw: PlaybookFile, folder: string, problems: Problems) {
  const customRules: string[] = [];
  const known = new Set<string>(Object.keys(BUILT_IN_RULES));
  const defaults: Record<string, RuleSetting> = {};
  const optionSchemas = new Map<string, object>();
  for (const [index, modulePath] of (Array.isArray(raw.customRules) ? raw.customRules : []).entries()) {
    if (problems.at(`/customRules/${index}`)) continue;
    const absolute = path.resolve(folder, modulePath);
    const rules = await importCustomRules(absolute);
    if (typeof rules === 'string') {
      problems.add(`/customRules/${index}`, rules);
      continue;
    }
    for (const rule of rules) {
      if (known.has(rule.id)) {
        problems.add(`/customRules/${index}`, `rule id "${rule.id}" is already taken`);
        continue;
      }
      known.add(rule.id);
      defaults[rule.id] = 'warn';
      if (rule.options !== undefined) optionSchemas.set(rule.id, rule.options);
    }
    customRules.push(absolute);
  }
  return { customRules, known, defaults, optionSchemas };
}

/** Rule options against the rule's JSON Schema for them: each mistake with its pointer inside the options. */
async function checkOptions(schema: object, options: unknown): Promise<Problem[]> {
  optionAjv ??= new (await import('ajv')).Ajv({ allErrors: true, verbose: true, strict: false });
  const check = optionAjv.compile(schema);
  if (check(options)) return [];
  return usefulErrors(check.errors ?? []).map(describe);
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

function withHash(identity: Pick<ResolvedPlaybook, 'file' | 'name' | 'version' | 'package'>, settings: PlaybookSettings, content: unknown): ResolvedPlaybook {
  const hash = createHash('sha256').update(canonicalJson(content)).digest('hex');
  return Object.freeze({ ...identity, hash, ...settings });
}

/** The settings as they would read in a file at `folder`: paths relative, so the hash does not depend on the checkout. */
function hashable(settings: PlaybookSettings, folder: string | null): unknown {
  const relative = (absolute: string): string => (folder ? path.relative(folder, absolute).split(path.sep).join('/') : absolute);
  return {
    ...settings,
    templates: settings.templates === null ? null : relative(settings.templates),
    customRules: settings.customRules.map(relative),
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
