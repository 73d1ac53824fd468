/**
 * The current generator, template set and playbook a service is measured
 * against: the playbook given to the estate command (`--playbook`), else the
 * one the service records, as it is now on disk.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../client/config.js';
import { loadPlaybook } from '../playbook/index.js';
import type { ResolvedPlaybook } from '../playbook/types.js';
import { resolveTemplateSet } from '../render/render.js';
import type { Manifest } from '../write/manifest.js';

/** What a service would be generated with today. */
export interface Target {
  generatorVersion: string;
  templateVersion: string;
  playbook: { label: string; name: string | null; version: string | null; hash: string };
}

let generatorVersion: string | undefined;

/** This design-first's own version. */
export function currentGeneratorVersion(): string {
  generatorVersion ??= (JSON.parse(readFileSync(path.join(packageRoot()!, 'package.json'), 'utf8')) as { version: string }).version;
  return generatorVersion;
}

export interface PlaybookIdentity {
  /** `@council/api-playbook@2.0.0` for a playbook in a package, else the file (relative to the working folder), or "the built-in playbook". */
  label: string;
  /** The package's name and version, when the playbook file belongs to one. */
  name: string | null;
  version: string | null;
}

export interface PlaybookChoice extends PlaybookIdentity {
  playbook: ResolvedPlaybook;
}

/** A playbook file with the name the estate gives it. */
export async function choosePlaybook(file: string | undefined): Promise<PlaybookChoice> {
  return { playbook: await loadPlaybook(file), ...identityOf(file ?? null) };
}

/**
 * How to name a playbook: a file inside an npm package (the package.json
 * beside it, or one folder up, names it) by the package's name@version, any
 * other file by its path.
 */
export function identityOf(file: string | null): PlaybookIdentity {
  if (file === null) return { label: 'the built-in playbook', name: null, version: null };
  for (const folder of [path.dirname(file), path.dirname(path.dirname(file))]) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (typeof manifest.name === 'string' && typeof manifest.version === 'string') {
        return { label: `${manifest.name}@${manifest.version}`, name: manifest.name, version: manifest.version };
      }
    } catch {
      // no package.json here
    }
  }
  return { label: path.relative(process.cwd(), file) || file, name: null, version: null };
}

/** What `manifest`'s service would be generated with today, under `given` or else its own playbook. */
export async function targetFor(manifest: Manifest, given: PlaybookChoice | undefined): Promise<Target> {
  const choice = given ?? (await choosePlaybook(manifest.playbook.file ?? undefined));
  const templates = await resolveTemplateSet(choice.playbook.templates ?? manifest.templates);
  return {
    generatorVersion: currentGeneratorVersion(),
    templateVersion: templates.version,
    playbook: { label: choice.label, name: choice.name, version: choice.version, hash: choice.playbook.hash },
  };
}
