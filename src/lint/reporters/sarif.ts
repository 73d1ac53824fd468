/**
 * SARIF 2.1.0 for code-scanning tools (GitHub code scanning among them): rule
 * metadata with help text, one result per finding, "used at" places as related
 * locations, and GitHub's upload limits respected (25,000 results per run).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Place, Severity } from '../types.js';
import type { RuleMeta } from './rule-meta.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const MAX_RESULTS = 25_000;
const MAX_RELATED = 100;
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(findings: readonly Finding[], ruleMeta: (id: string) => RuleMeta, ruleIds: readonly string[]): string {
  const severityOf = new Map<string, Severity>();
  for (const finding of findings) if (!severityOf.has(finding.rule)) severityOf.set(finding.rule, finding.severity);
  const ids = [...new Set([...ruleIds, ...severityOf.keys()])];
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules = ids.map((id) => {
    const meta = ruleMeta(id);
    const level = LEVEL[severityOf.get(id) ?? 'warning'];
    return {
      id,
      name: id.replace(/(^|[-/])([a-z0-9])/g, (_, _sep: string, letter: string) => letter.toUpperCase()),
      shortDescription: { text: meta.description },
      fullDescription: { text: meta.description },
      help: { text: `${meta.description}. Fix: ${meta.fix}.`, markdown: `**${id}**: ${meta.description}.\n\nFix: ${meta.fix}.` },
      defaultConfiguration: { level },
      properties: { tags: ['design-first', 'api-playbook'] },
    };
  });
  const shown = findings.slice(0, MAX_RESULTS);
  const results = shown.map((finding) => {
    const related = (finding.usedAt ?? []).slice(0, MAX_RELATED).map((place, i) => ({
      id: i + 1,
      ...location(place),
      message: { text: 'used here' },
    }));
    return {
      ruleId: finding.rule,
      ruleIndex: index.get(finding.rule)!,
      level: LEVEL[finding.severity],
      message: { text: finding.usedAt ? `${finding.message} (used at ${finding.usedAt.length} place${finding.usedAt.length === 1 ? '' : 's'})` : finding.message },
      locations: [{ ...location(finding), logicalLocations: [{ fullyQualifiedName: finding.pointer || '/', kind: 'member' }] }],
      ...(related.length > 0 ? { relatedLocations: related } : {}),
      partialFingerprints: {
        'designFirstFinding/v1': createHash('sha256').update(`${finding.rule}\u0000${finding.file}\u0000${finding.pointer}\u0000${finding.message}`).digest('hex').slice(0, 32),
      },
    };
  });
  const notifications =
    findings.length > shown.length
      ? [{ level: 'warning', message: { text: `${findings.length - shown.length} findings left out: code scanning accepts ${MAX_RESULTS} results per run` } }]
      : [];
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'design-first', rules } },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function location(place: Place): { physicalLocation: object } {
  return {
    physicalLocation: {
      artifactLocation: { uri: artifactUri(place.file) },
      region: { startLine: place.line, startColumn: place.column },
    },
  };
}

/** Relative paths stay relative (code scanning resolves them against the checkout); absolute ones become file: URLs. */
export function artifactUri(file: string): string {
  if (/^https?:\/\//.test(file)) return file;
  if (path.isAbsolute(file)) return pathToFileURL(file).href;
  return file.split(path.sep).map(encodeURIComponent).join('/');
}
