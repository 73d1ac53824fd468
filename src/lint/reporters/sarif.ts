/**
 * SARIF 2.1.0 for code-scanning tools (GitHub code scanning among them): the
 * tool's version and home, every rule that ran with its help, its help URI and
 * its level in the playbook, one result per finding, "used at" places as
 * related locations, waived findings as results with a suppression (and its
 * reason), and GitHub's upload limits respected (25,000 results per run, the
 * most severe kept, the rest counted).
 *
 * Fingerprints are made of the rule, the file and the JSON pointer (and the
 * finding's rank among findings with the same three), never the message, so
 * code scanning keeps a dismissed alert dismissed when a message is reworded.
 *
 * A blueprint that could not be loaded makes the run unsuccessful
 * (`executionSuccessful: false`) with a located error notification; a run
 * that fails on --max-warnings says so in a notification and its exit code.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Place, Severity } from '../types.js';
import type { Report } from './report.js';
import { INFORMATION_URI, TOOL_VERSION, ruleHelpUri } from './tool.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const MAX_RESULTS = 25_000;
const MAX_RELATED = 100;
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export function formatSarif(report: Report): string {
  const { findings, waived, loadFailures } = report;
  const severityOf = new Map<string, Severity>();
  for (const finding of [...findings, ...waived]) if (!severityOf.has(finding.rule)) severityOf.set(finding.rule, finding.severity);
  const ids = [...new Set([...report.ruleIds, ...severityOf.keys()])];
  const index = new Map(ids.map((id, i) => [id, i]));
  const rules = ids.map((id) => {
    const meta = report.ruleMeta(id);
    const level = LEVEL[meta.severity ?? severityOf.get(id) ?? 'warning'];
    return {
      id,
      name: id.replace(/(^|[-/])([a-z0-9])/g, (_, _sep: string, letter: string) => letter.toUpperCase()),
      shortDescription: { text: meta.description },
      fullDescription: { text: meta.description },
      help: { text: `${meta.description}. Fix: ${meta.fix}.`, markdown: `**${id}**: ${meta.description}.\n\nFix: ${meta.fix}.` },
      helpUri: meta.helpUri ?? ruleHelpUri(id),
      defaultConfiguration: { level },
      properties: { tags: ['design-first', 'api-playbook'] },
    };
  });

  // The most severe first when results must be cut; then file order, as the findings came.
  const ranked = [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const shown = ranked.slice(0, MAX_RESULTS);
  const waivedShown = waived.slice(0, Math.max(0, MAX_RESULTS - shown.length));
  const occurrences = new Map<string, number>();
  const result = (finding: Finding) => {
    const related = (finding.usedAt ?? []).slice(0, MAX_RELATED).map((place, i) => ({ id: i + 1, ...location(place), message: { text: 'used here' } }));
    const identity = `${finding.rule}\u0000${finding.file}\u0000${finding.pointer}`;
    const rank = occurrences.get(identity) ?? 0;
    occurrences.set(identity, rank + 1);
    return {
      ruleId: finding.rule,
      ruleIndex: index.get(finding.rule)!,
      level: LEVEL[finding.severity],
      message: {
        text: finding.usedAt ? `${finding.message} (used at ${finding.usedAt.length} place${finding.usedAt.length === 1 ? '' : 's'})` : finding.message,
      },
      locations: [{ ...location(finding), logicalLocations: [{ fullyQualifiedName: finding.pointer || '/', kind: 'member' }] }],
      ...(related.length > 0 ? { relatedLocations: related } : {}),
      partialFingerprints: { 'designFirstFinding/v2': createHash('sha256').update(`${identity}\u0000${rank}`).digest('hex').slice(0, 32) },
      ...(finding.waiver
        ? {
            suppressions: [
              {
                kind: finding.waiver.source === 'blueprint' ? 'inSource' : 'external',
                status: 'accepted',
                justification: finding.waiver.reason ?? 'no reason given',
                location: location(finding.waiver),
                ...(finding.waiver.expires ? { properties: { expires: finding.waiver.expires } } : {}),
              },
            ],
          }
        : {}),
    };
  };
  const results = [...shown.map(result), ...waivedShown.map(result)];

  const notifications: object[] = loadFailures.map((failure) => ({
    level: 'error',
    message: { text: `could not be linted: ${failure.message} [${failure.code}] - ${failure.hint}` },
    descriptor: { id: failure.code },
    locations: [location(failure)],
  }));
  const leftOut = findings.length - shown.length;
  if (leftOut > 0) {
    const counts = (['error', 'warning', 'info'] as const)
      .map((severity) => [severity, ranked.slice(MAX_RESULTS).filter((f) => f.severity === severity).length] as const)
      .filter(([, count]) => count > 0)
      .map(([severity, count]) => `${count} ${severity}${count === 1 ? '' : 's'}`);
    notifications.push({
      level: 'warning',
      message: { text: `${leftOut} findings left out (${counts.join(', ')}): code scanning accepts ${MAX_RESULTS} results per run; the most severe are kept` },
    });
  }
  if (waived.length > waivedShown.length) {
    notifications.push({
      level: 'note',
      message: { text: `${waived.length - waivedShown.length} waived findings left out: code scanning accepts ${MAX_RESULTS} results per run` },
    });
  }
  if (report.failure) notifications.push({ level: 'error', message: { text: report.failure } });
  const errors = findings.some((finding) => finding.severity === 'error');
  const exitCode = loadFailures.length > 0 ? 2 : errors || report.failure ? 1 : 0;
  const exitCodeDescription =
    exitCode === 2
      ? `${loadFailures.length} blueprint(s) could not be linted`
      : errors
        ? 'the playbook found errors'
        : report.failure
          ? report.failure
          : 'no errors';

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'design-first', version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: INFORMATION_URI, rules } },
        invocations: [{ executionSuccessful: loadFailures.length === 0, exitCode, exitCodeDescription, toolExecutionNotifications: notifications }],
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function location(place: Pick<Place, 'file' | 'line' | 'column'>): { physicalLocation: object } {
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
