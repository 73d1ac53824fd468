/** Shared helpers for the diff tests: small blueprints written to a temporary folder, loaded, diffed. */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadBlueprint } from '../../src/blueprint/load.js';
import { diffBlueprints, type Change, type CheckId, type DiffOptions, type Severity } from '../../src/diff/index.js';

/** A blueprint: header, then `paths` and `components` given as YAML at column 0. */
export function api(paths: string, components = '', version = '3.0.3'): string {
  return `openapi: ${version}\ninfo:\n  title: Test\n  version: '1'\npaths:\n${indent(paths, 2)}${components ? `components:\n${indent(components, 2)}` : ''}`;
}

/** `GET /things` answering 200 with schema `Thing`. */
export function responseApi(thing: string, version = '3.0.3', extraSchemas = ''): string {
  return api(
    `/things:
  get:
    responses:
      '200':
        description: ok
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Thing'
`,
    `schemas:
  Thing:
${indent(thing, 4)}${indent(extraSchemas, 2)}`,
    version,
  );
}

/** `POST /things` taking a required body of schema `Thing`. */
export function requestApi(thing: string, version = '3.0.3', extraSchemas = ''): string {
  return api(
    `/things:
  post:
    requestBody:
      required: true
      content:
        application/json:
          schema:
            $ref: '#/components/schemas/Thing'
    responses:
      '204':
        description: done
`,
    `schemas:
  Thing:
${indent(thing, 4)}${indent(extraSchemas, 2)}`,
    version,
  );
}

export function indent(text: string, by: number): string {
  const pad = ' '.repeat(by);
  return text
    .split('\n')
    .map((line) => (line.trim() === '' ? line : pad + line))
    .join('\n')
    .replace(/\n*$/, '\n');
}

export async function writeBlueprints(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'df-diff-'));
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
  return dir;
}

export async function diffTexts(oldText: string, newText: string, options: DiffOptions = {}): Promise<Change[]> {
  const dir = await writeBlueprints({ 'old.yaml': oldText, 'new.yaml': newText });
  return diffBlueprints(await loadBlueprint(path.join(dir, 'old.yaml')), await loadBlueprint(path.join(dir, 'new.yaml')), options);
}

/** The change ids and severities, sorted: what a pair of blueprints is expected to give. */
export function idsAndSeverities(changes: readonly Change[]): string[] {
  return changes.map((change) => `${change.id} ${change.severity}`).sort();
}

/** Both directions of one edit: `before -> after` and `after -> before`, each as `id severity` lines. */
export async function bothWays(before: string, after: string, options: DiffOptions = {}): Promise<{ forward: string[]; backward: string[] }> {
  return { forward: idsAndSeverities(await diffTexts(before, after, options)), backward: idsAndSeverities(await diffTexts(after, before, options)) };
}

/** 1-based line of the `occurrence`th line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string, occurrence = 1): number {
  let seen = 0;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.includes(needle) && ++seen === occurrence) return i + 1;
  }
  throw new Error(`"${needle}" (occurrence ${occurrence}) is not in the text`);
}

export interface Expected {
  id: CheckId;
  severity: Severity;
  /** Line in the old document; `null` when the change has no old place. */
  oldLine?: number | null;
  newLine?: number | null;
  message?: RegExp;
}

/** The one change with this id, checked against what is expected. */
export function expectChange(changes: readonly Change[], expected: Expected): Change {
  const found = changes.filter((change) => change.id === expected.id);
  assert.equal(found.length, 1, `one ${expected.id} expected, got:\n${listChanges(changes)}`);
  const change = found[0]!;
  assert.equal(change.severity, expected.severity, `${expected.id} severity`);
  if (expected.oldLine !== undefined) assert.equal(change.old?.line ?? null, expected.oldLine, `${expected.id} old line`);
  if (expected.newLine !== undefined) assert.equal(change.new?.line ?? null, expected.newLine, `${expected.id} new line`);
  if (expected.message) assert.match(change.message, expected.message);
  return change;
}

/** Exactly these ids, in any order. */
export function expectIds(changes: readonly Change[], ids: readonly CheckId[]): void {
  assert.deepEqual([...changes.map((change) => change.id)].sort(), [...ids].sort(), listChanges(changes));
}

export function listChanges(changes: readonly Change[]): string {
  return changes.map((change) => `  ${change.severity} ${change.id}: ${change.message}`).join('\n') || '  (none)';
}
