/**
 * .design-first/manifest.json: what design-first wrote and from what, so that
 * `update` can tell the team's changes from its own.
 */
import { createHash } from 'node:crypto';
import type { Ownership } from '../ownership.js';

export const MANIFEST_PATH = '.design-first/manifest.json';

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

/** What a manifest records, gathered by the pipeline from the playbook, template set and model. */
export interface ManifestInputs {
  generatorVersion: string;
  templateSet: { folders: readonly string[]; version: string };
  playbook: { file: string | null; hash: string };
  versions: ReadonlyArray<{ key: string; blueprintFile: string; sourceFile: string; blueprintHash: string; apiVersion: string }>;
  files: ReadonlyArray<{ path: string; content: string; owner: Ownership }>;
  overriddenFindings: string[];
}

/** The manifest of a service whose files are `files`, and its own file (owned by design-first). */
export function buildManifest(inputs: ManifestInputs): { manifest: Manifest; file: { path: string; content: string; owner: Ownership } } {
  const manifest: Manifest = {
    manifestVersion: 1,
    generator: { name: 'generator-design-first', version: inputs.generatorVersion },
    templateVersion: inputs.templateSet.version,
    // The first folder is the playbook's override when there is one; the last is always the built-in set.
    templates: inputs.templateSet.folders.length > 1 ? inputs.templateSet.folders[0]! : null,
    playbook: { file: inputs.playbook.file, hash: inputs.playbook.hash },
    versions: inputs.versions.map((version) => ({
      key: version.key,
      blueprint: version.blueprintFile,
      source: version.sourceFile,
      hash: version.blueprintHash,
      apiVersion: version.apiVersion,
    })),
    files: Object.fromEntries(inputs.files.map((file) => [file.path, { owner: file.owner, hash: hashContent(file.content) }])),
    overriddenFindings: inputs.overriddenFindings,
  };
  return { manifest, file: { path: MANIFEST_PATH, content: `${JSON.stringify(manifest, null, 2)}
`, owner: 'generated' } };
}
