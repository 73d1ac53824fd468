/**
 * loadPlaybook: a playbook file (YAML or JSON) -> one ResolvedPlaybook with
 * every default applied, validated against PLAYBOOK_SCHEMA. Every refusal is a
 * one-line DF_ERR_PLAYBOOK_INVALID naming the file, line, column and field.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Ajv, ErrorObject } from 'ajv';
import { DesignFirstError, isDesignFirstError, type SourcePlace } from '../errors.js';
import { readRootSource } from '../blueprint/fetch-source.js';
import { placeIn } from '../blueprint/source.js';
import { childPointer, parsePointer } from '../blueprint/pointer.js';
import type { BlueprintSource } from '../blueprint/source.js';
import { importCustomRules } from './custom-rules.js';
import { BUILT_IN_RULES, DEFAULT_SETTINGS, envelopeFor } from './defaults.js';
import { PLAYBOOK_SCHEMA } from './schema.js';
import type { IgnoreEntry, PlaybookFile, ResolvedPlaybook, RuleOverride, RuleSetting } from './types.js';
import { resolveWaiverPolicy } from './waivers.js';
import { absolutePaths, mergePlaybookFiles, resolveExtends } from './extends.js';

/** Where each loaded playbook came from, so later stages can point into it. */
const sourcesOf = new WeakMap<ResolvedPlaybook, BlueprintSource>();

let builtIn: ResolvedPlaybook | undefined;
let validate: ReturnType<Ajv['compile']> | undefined;

export async function loadPlaybook(file?: string): Promise<ResolvedPlaybook> {
  if (file === undefined) return (builtIn ??= withHash(null, DEFAULT_SETTINGS, hashable(DEFAULT_SETTINGS, null)));
  const { source, raw, spectralRulesets } = await readValidated(file, []);
  const invalid = (pointer: string, message: string): DesignFirstError =>
    new DesignFirstError('DF_ERR_PLAYBOOK_INVALID', `${fieldName(pointer)}: ${message}`, placeIn(source, pointer));
  const folder = path.dirname(source.file);

  for (const [index, pattern] of (raw.systemKeys ?? []).entries()) {
    try {
      new RegExp(pattern, 'iu');
    } catch (error) {
      throw invalid(`/systemKeys/${index}`, `not a regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, '')})`);
    }
  }

  let templates: string | null = null;
  if (raw.templates !== undefined) {
    templates = path.resolve(folder, raw.templates);
    if (!(await isFolder(templates))) throw invalid('/templates', `no folder at ${templates}`);
  }

  const customRules: string[] = [];
  const knownRules = new Set<string>(Object.keys(BUILT_IN_RULES));
  const customDefaults: Record<string, RuleSetting> = {};
  for (const [index, modulePath] of (raw.customRules ?? []).entries()) {
    const absolute = path.resolve(folder, modulePath);
    const rules = await importCustomRules(absolute);
    if (typeof rules === 'string') throw invalid(`/customRules/${index}`, rules);
    for (const rule of rules) {
      if (knownRules.has(rule.id)) throw invalid(`/customRules/${index}`, `rule id "${rule.id}" is already taken`);
      knownRules.add(rule.id);
      customDefaults[rule.id] = 'warn';
    }
    customRules.push(absolute);
  }
  for (const id of Object.keys(raw.rules ?? {})) {
    if (!knownRules.has(id)) throw invalid(childPointer('/rules', id), `no built-in or custom rule is named "${id}"`);
  }
  for (const [index, entry] of (raw.ignore ?? []).entries()) {
    if (!knownRules.has(entry.rule)) throw invalid(`/ignore/${index}/rule`, `no built-in or custom rule is named "${entry.rule}"`);
  }
  for (const [index, override] of (raw.overrides ?? []).entries()) {
    for (const id of Object.keys(override.rules)) {
      if (!knownRules.has(id)) throw invalid(childPointer(`/overrides/${index}/rules`, id), `no built-in or custom rule is named "${id}"`);
    }
  }
  for (const [index, id] of (raw.waivers?.forbidInBlueprint ?? []).entries()) {
    if (!knownRules.has(id)) throw invalid(`/waivers/forbidInBlueprint/${index}`, `no built-in or custom rule is named "${id}"`);
  }

  const casing = raw.profile?.propertyCasing ?? DEFAULT_SETTINGS.profile.propertyCasing;
  const examplesSetting = raw.rules?.['examples-valid'];
  const validateExamples = raw.examples?.validate ?? (examplesSetting !== undefined && examplesSetting !== 'off');
  if (raw.examples?.validate === false && examplesSetting !== undefined && examplesSetting !== 'off') {
    throw invalid('/rules/examples-valid', '`examples.validate: false` turns this rule off; remove one of the two');
  }
  const settings: Omit<ResolvedPlaybook, 'file' | 'hash'> = {
    rules: {
      ...BUILT_IN_RULES,
      ...customDefaults,
      ...raw.rules,
      'examples-valid': validateExamples ? (examplesSetting ?? BUILT_IN_RULES['examples-valid']) : 'off',
    },
    profile: { ...DEFAULT_SETTINGS.profile, ...raw.profile },
    envelope: { ...envelopeFor(casing), ...raw.envelope },
    paging: { ...DEFAULT_SETTINGS.paging, ...raw.paging },
    bodyLimitBytes: raw.bodyLimitBytes ?? DEFAULT_SETTINGS.bodyLimitBytes,
    subscriptionKeyHeader: raw.subscriptionKeyHeader ?? DEFAULT_SETTINGS.subscriptionKeyHeader,
    rateLimit: { ...DEFAULT_SETTINGS.rateLimit, ...raw.rateLimit },
    templates,
    customRules,
    ignore: (raw.ignore ?? []).map((entry): IgnoreEntry => ({
      rule: entry.rule,
      pointer: entry.pointer,
      reason: entry.reason?.trim() ? entry.reason : null,
      expires: entry.expires ?? null,
    })),
    waivers: resolveWaiverPolicy(raw.waivers),
    overrides: (raw.overrides ?? []) as RuleOverride[],
    systemKeys: raw.systemKeys ?? DEFAULT_SETTINGS.systemKeys,
    examples: { validate: validateExamples },
    spectralRulesets,
    deprecationNoticeDays: raw.deprecationNoticeDays ?? DEFAULT_SETTINGS.deprecationNoticeDays,
  };
  if (settings.paging.unpagedMaximum < settings.paging.pageSize) {
    throw invalid('/paging/unpagedMaximum', `must be at least paging.pageSize (${settings.paging.pageSize})`);
  }
  const playbook = withHash(source.file, settings, hashable(settings, folder));
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
  validate ??= new (await import('ajv')).Ajv({ allErrors: false, strict: true }).compile(PLAYBOOK_SCHEMA);
  if (!validate(source.data)) {
    const error = validate.errors![0]!;
    const { pointer, message } = describe(error);
    throw invalid(pointer, message);
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

/** `/ignore/0/rule` -> `ignore[0].rule`; the top is `(playbook)`. */
function fieldName(pointer: string): string {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return '(playbook)';
  return segments.map((segment, i) => (/^\d+$/.test(segment) ? `[${segment}]` : `${i > 0 ? '.' : ''}${segment}`)).join('');
}

function describe(error: ErrorObject): { pointer: string; message: string } {
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties':
      return { pointer: childPointer(at, String(params.additionalProperty)), message: 'unknown field (docs/playbook.md lists the fields)' };
    case 'enum':
      return { pointer: at, message: `must be one of ${(params.allowedValues as unknown[]).join(', ')}` };
    case 'type':
      return { pointer: at, message: `must be ${/^[aeiou]/.test(String(params.type)) ? 'an' : 'a'} ${String(params.type)}` };
    case 'required':
      return { pointer: at, message: `needs a \`${String(params.missingProperty)}\`` };
    case 'propertyNames':
      return { pointer: childPointer(at, String(params.propertyName)), message: 'a rule id is lower-case words joined by hyphens' };
    case 'pattern':
      return { pointer: at, message: `does not match ${String(params.pattern)}` };
    case 'minLength':
      return { pointer: at, message: 'must not be empty' };
    case 'minimum':
      return { pointer: at, message: `must be at least ${String(params.limit)}` };
    default:
      return { pointer: at, message: error.message ?? 'is invalid' };
  }
}

function withHash(file: string | null, settings: Omit<ResolvedPlaybook, 'file' | 'hash'>, content: unknown): ResolvedPlaybook {
  const hash = createHash('sha256').update(canonicalJson(content)).digest('hex');
  return Object.freeze({ file, hash, ...settings });
}

/**
 * The settings as they would read in a file at `folder`: paths relative, so the hash does not depend on the checkout.
 * A setting added later is left out at its default, so services generated before it was added are not reported as drifted.
 */
function hashable(settings: Omit<ResolvedPlaybook, 'file' | 'hash'>, folder: string | null): unknown {
  const relative = (absolute: string): string => (folder ? path.relative(folder, absolute).split(path.sep).join('/') : absolute);
  const { deprecationNoticeDays, ...rest } = settings;
  return {
    ...rest,
    ...(deprecationNoticeDays === DEFAULT_SETTINGS.deprecationNoticeDays ? {} : { deprecationNoticeDays }),
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
