/**
 * .design-first/manifest.json: what design-first wrote and from what, so that
 * `update` can tell the team's changes from its own.
 */
import { createHash } from 'node:crypto';
import type { Ownership } from '../render/render.js';

export const MANIFEST_PATH = '.design-first/manifest.json';

/**
 * Where each version's blueprint is kept as last generated, relative to the
 * service: `update` compares an in-place edit of `blueprints/<key>.*` with it,
 * to list breaking changes inside a published version.
 */
export function baselinePathOf(blueprintFile: string): string {
  return `.design-first/${blueprintFile}`;
}

export interface Manifest {
  manifestVersion: 1;
  generator: { name: string; version: string };
  templateVersion: string;
  /** Folder of playbook templates used (absolute when given), or null for the built-in set. */
  templates: string | null;
  playbook: { file: string | null; hash: string };
  versions: Array<{ key: string; blueprint: string; source: string; hash: string; apiVersion: string }>;
  /** Every file written: its owner and the hash of what design-first wrote. */
  files: Record<string, { owner: Ownership; hash: string }>;
  /** Lint findings overridden with --force. */
  overriddenFindings: string[];
}

export function hashContent(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}
