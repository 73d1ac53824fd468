/**
 * `extends:` in a playbook: what it builds on, in order, each later one
 * overriding the earlier, and the playbook itself last:
 * - another playbook, by file (relative to this one) or npm package (its
 *   `playbook.yaml`, or the file its package.json names under `playbook`);
 * - a Spectral ruleset: `spectral:oas`, or a file such as `.spectral.yaml`
 *   (a file is taken for a Spectral ruleset when its name starts with
 *   `.spectral`, is JavaScript, or holds fields only Spectral has:
 *   `functions`, `formats`, `aliases`, or rules with `given`).
 *   Its rules run beside the playbook's, through Spectral's own packages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { absoluteOverrides } from './overrides.js';
import type { PlaybookFile } from './types.js';

export type Extended = { kind: 'playbook'; file: string } | { kind: 'spectral'; ruleset: string };

const SPECTRAL_BUILT_IN = /^spectral:(oas|asyncapi|arazzo)$/;

/** Resolve each `extends` entry of the playbook at `file`; a problem is returned as a one-line reason with its index. */
export function resolveExtends(entries: readonly string[], file: string): { extended: Extended[] } | { index: number; reason: string } {
  const folder = path.dirname(file);
  const extended: Extended[] = [];
  for (const [index, entry] of entries.entries()) {
    if (SPECTRAL_BUILT_IN.test(entry)) {
      extended.push({ kind: 'spectral', ruleset: entry });
      continue;
    }
    const target = isPath(entry) ? path.resolve(folder, entry) : packagePlaybook(entry, file);
    if (target === undefined)
      return { index, reason: `no package ${entry} with a playbook.yaml (or a "playbook" field in its package.json) can be found from ${folder}` };
    if (!existsSync(target)) return { index, reason: `no file at ${target}` };
    extended.push(isSpectralRuleset(target) ? { kind: 'spectral', ruleset: target } : { kind: 'playbook', file: target });
  }
  return { extended };
}

function isPath(entry: string): boolean {
  return entry.startsWith('.') || entry.startsWith('/') || path.isAbsolute(entry) || /\.(ya?ml|json|[cm]?js)$/i.test(entry);
}

function packagePlaybook(name: string, from: string): string | undefined {
  try {
    const manifestFile = createRequire(from).resolve(`${name}/package.json`);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { playbook?: unknown };
    const folder = path.dirname(manifestFile);
    if (typeof manifest.playbook === 'string') return path.resolve(folder, manifest.playbook);
    return (
      ['playbook.yaml', 'playbook.yml'].map((candidate) => path.join(folder, candidate)).find((candidate) => existsSync(candidate)) ??
      path.join(folder, 'playbook.yaml')
    );
  } catch {
    return undefined;
  }
}

function isSpectralRuleset(file: string): boolean {
  if (path.basename(file).startsWith('.spectral')) return true;
  if (/\.[cm]?js$/i.test(file)) return true;
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  if (data === null || typeof data !== 'object') return false;
  const record = data as Record<string, unknown>;
  // `extends: spectral:oas` alone says nothing: a playbook may write it too, with the same effect.
  // (`overrides` is not among them: playbooks have overrides too.)
  if (['functions', 'functionsDir', 'formats', 'aliases', 'parserOptions', 'documentationUrl'].some((key) => record[key] !== undefined)) return true;
  const rules = record.rules;
  return rules !== null && typeof rules === 'object' && Object.values(rules).some((rule) => rule !== null && typeof rule === 'object' && 'given' in rule);
}

/** `templates` and `customRules` of a playbook file, made absolute against its folder. */
export function absolutePaths(raw: PlaybookFile, folder: string): PlaybookFile {
  const out: PlaybookFile = { ...raw };
  if (raw.templates !== undefined) out.templates = path.resolve(folder, raw.templates);
  if (raw.customRules !== undefined) out.customRules = raw.customRules.map((file) => path.resolve(folder, file));
  if (raw.overrides !== undefined) out.overrides = absoluteOverrides(raw.overrides, folder) as PlaybookFile['overrides'];
  return out;
}

/** `child` over `parent`: maps merge key by key, lists add up, single values are replaced. */
export function mergePlaybookFiles(parent: PlaybookFile, child: PlaybookFile): PlaybookFile {
  const merged: PlaybookFile = { ...parent, ...child };
  for (const key of ['rules', 'profile', 'envelope', 'paging', 'rateLimit', 'examples', 'waivers'] as const) {
    if (parent[key] !== undefined || child[key] !== undefined) (merged as Record<string, unknown>)[key] = { ...parent[key], ...child[key] };
  }
  for (const key of ['customRules', 'ignore', 'overrides'] as const) {
    if (parent[key] !== undefined || child[key] !== undefined) (merged as Record<string, unknown>)[key] = [...(parent[key] ?? []), ...(child[key] ?? [])];
  }
  delete merged.extends;
  return merged;
}
