/**
 * An organisation's Spectral rulesets (`.spectral.yaml` with `extends:
 * spectral:oas`, overrides, custom `given`/`then` rules, or `spectral:oas`
 * itself), run by Spectral's own packages beside the playbook's rules:
 * @stoplight/spectral-ruleset-bundler loads a ruleset as the Spectral CLI does,
 * @stoplight/spectral-core runs it, @stoplight/spectral-rulesets provides
 * `spectral:oas`. Their findings become ours: rule `spectral/<code>`, the
 * severity the ruleset gives, file, line, column and JSON pointer of the
 * place Spectral reports.
 *
 * This module is imported only when a playbook or `--ruleset` names a Spectral
 * ruleset: loading Spectral costs about a second, which documents that use no
 * Spectral ruleset never pay.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LoadedBlueprint } from '../../blueprint/load.js';
import { joinPointer } from '../../blueprint/pointer.js';
import { DesignFirstError } from '../../errors.js';
import type { Finding, RuleMeta, Severity } from '../types.js';

const require = createRequire(import.meta.url);

/** Prefix of the rule ids of Spectral's findings, so they never clash with the playbook's. */
export const SPECTRAL_PREFIX = 'spectral/';
const BUILT_IN = /^spectral:(oas|asyncapi|arazzo)$/;
const SEVERITY: Record<number, Severity> = { 0: 'error', 1: 'warning', 2: 'info', 3: 'info' };

export interface SpectralRun {
  findings: Finding[];
  rules: RuleMeta[];
}

interface SpectralRule {
  description?: string | null;
  message?: string | null;
  documentationUrl?: string | null;
  severity?: number;
}

interface SpectralResult {
  code: string | number;
  message: string;
  path: Array<string | number>;
  severity: number;
  source?: string;
  range: { start: { line: number; character: number } };
}

/** Run each ruleset (a file path, or `spectral:oas`) over the blueprint's root file. */
export async function runSpectral(loaded: LoadedBlueprint, rulesets: readonly string[]): Promise<SpectralRun> {
  const { Spectral, Document } = require('@stoplight/spectral-core') as typeof import('@stoplight/spectral-core');
  const Parsers = require('@stoplight/spectral-parsers') as typeof import('@stoplight/spectral-parsers');
  const findings: Finding[] = [];
  const rules = new Map<string, RuleMeta>();
  for (const ruleset of rulesets) {
    const spectral = new Spectral();
    spectral.setRuleset((await loadRuleset(ruleset)) as Parameters<typeof spectral.setRuleset>[0]);
    const root = loaded.root;
    const document = root.format === 'json' ? new Document(root.text, Parsers.Json, root.file) : new Document(root.text, Parsers.Yaml, root.file);
    const results = (await spectral.run(document)) as unknown as SpectralResult[];
    const defined = (spectral.ruleset?.rules ?? {}) as Record<string, SpectralRule>;
    for (const result of results) {
      const code = String(result.code);
      const id = `${SPECTRAL_PREFIX}${code}`;
      const source = result.source ?? root.file;
      findings.push({
        rule: id,
        severity: SEVERITY[result.severity] ?? 'warning',
        message: result.message,
        file: source === root.file ? root.displayName : displayName(source),
        line: result.range.start.line + 1,
        column: result.range.start.character + 1,
        pointer: joinPointer(result.path),
      });
      if (!rules.has(id)) rules.set(id, ruleMeta(id, defined[code], result.severity));
    }
    // Rules that ran without findings are listed too (SARIF's rules, JUnit's test cases).
    for (const [code, rule] of Object.entries(defined)) {
      const id = `${SPECTRAL_PREFIX}${code}`;
      if (!rules.has(id) && (rule.severity ?? 0) >= 0) rules.set(id, ruleMeta(id, rule, rule.severity ?? 1));
    }
  }
  return { findings, rules: [...rules.values()] };
}

async function loadRuleset(ruleset: string): Promise<unknown> {
  if (BUILT_IN.test(ruleset)) {
    const builtIns = require('@stoplight/spectral-rulesets') as Record<string, unknown>;
    return { extends: [[builtIns[ruleset.slice('spectral:'.length)], 'recommended']] };
  }
  const { bundleAndLoadRuleset } =
    require('@stoplight/spectral-ruleset-bundler/with-loader') as typeof import('@stoplight/spectral-ruleset-bundler/with-loader');
  const { fetch } = require('@stoplight/spectral-runtime') as typeof import('@stoplight/spectral-runtime');
  try {
    return await bundleAndLoadRuleset(ruleset, { fs, fetch });
  } catch (error) {
    const reason = String((error as Error)?.message ?? error).split('\n')[0];
    throw new DesignFirstError('DF_ERR_PLAYBOOK_INVALID', `Spectral ruleset ${displayName(ruleset)} cannot be loaded: ${reason}`, {
      file: displayName(ruleset),
    });
  }
}

function ruleMeta(id: string, rule: SpectralRule | undefined, severity: number): RuleMeta {
  const meta: RuleMeta = {
    id,
    description: rule?.description?.trim() || rule?.message?.trim() || id,
    fix: rule?.documentationUrl ? `see ${rule.documentationUrl}` : 'see the Spectral ruleset that defines this rule',
    severity: SEVERITY[severity] ?? 'warning',
  };
  if (rule?.documentationUrl) meta.helpUri = rule.documentationUrl;
  return meta;
}

function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
