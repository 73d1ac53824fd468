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
import type { Target } from './drift.js';

let generatorVersion: string | undefined;

/** This design-first's own version. */
export function currentGeneratorVersion(): string {
  generatorVersion ??= (JSON.parse(readFileSync(path.join(packageRoot()!, 'package.json'), 'utf8')) as { version: string }).version;
  return generatorVersion;
}

export interface PlaybookChoice {
  playbook: ResolvedPlaybook;
  label: string;
}

/** A playbook file as the estate names it: its file name, or "the built-in playbook". */
export async function choosePlaybook(file: string | undefined): Promise<PlaybookChoice> {
  const playbook = await loadPlaybook(file);
  return { playbook, label: file === undefined ? 'the built-in playbook' : path.basename(file) };
}

/** What `manifest`'s service would be generated with today, under `given` or else its own playbook. */
export async function targetFor(manifest: Manifest, given: PlaybookChoice | undefined): Promise<Target> {
  const choice = given ?? (await choosePlaybook(manifest.playbook.file ?? undefined));
  const templates = await resolveTemplateSet(choice.playbook.templates ?? manifest.templates);
  return {
    generatorVersion: currentGeneratorVersion(),
    templateVersion: templates.version,
    playbook: { label: choice.label, hash: choice.playbook.hash },
  };
}
