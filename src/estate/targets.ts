/**
 * The current generator, template set and playbook a service is measured
 * against: the playbook given to the command (`--playbook`: a file, or a
 * package resolved from the working folder), else the one the service records,
 * as it is found from the service now (a package: the version installed in it).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../client/config.js';
import { loadPlaybook, locatePlaybook, type PlaybookRef } from '../playbook/index.js';
import type { ResolvedPlaybook } from '../playbook/types.js';
import { resolveTemplateSet } from '../render/render.js';
import { recordedPlaybook } from '../update/playbook-source.js';
import type { Manifest } from '../write/manifest.js';

/** What a service would be generated with today. */
export interface Target {
  generatorVersion: string;
  templateVersion: string;
  playbook: PlaybookIdentity & { hash: string };
}

export interface PlaybookIdentity {
  /** `@council/api-playbook@2.0.0` for a named playbook, else its file, or "the built-in playbook". */
  label: string;
  name: string | null;
  version: string | null;
}

export interface PlaybookChoice extends PlaybookIdentity {
  playbook: ResolvedPlaybook;
}

let generatorVersion: string | undefined;

/** This design-first's own version. */
export function currentGeneratorVersion(): string {
  generatorVersion ??= (JSON.parse(readFileSync(path.join(packageRoot()!, 'package.json'), 'utf8')) as { version: string }).version;
  return generatorVersion;
}

/** `--playbook ARG` as the estate commands take it: a file relative to `cwd`, or a package installed there; undefined: the built-in playbook. */
export async function choosePlaybook(argument: string | undefined, cwd: string): Promise<PlaybookChoice> {
  return choiceOf(argument === undefined ? undefined : await locatePlaybook(argument, cwd));
}

/** The playbook a service records, as found from the service now. */
export async function servicePlaybook(dir: string, manifest: Manifest): Promise<PlaybookChoice> {
  return choiceOf(await recordedPlaybook(dir, manifest.playbook.source));
}

async function choiceOf(ref: PlaybookRef | undefined): Promise<PlaybookChoice> {
  const playbook = await loadPlaybook(ref);
  return {
    playbook,
    ...identity(playbook.name, playbook.version, playbook.file === null ? null : path.relative(process.cwd(), playbook.file) || playbook.file),
  };
}

/** How reports name a playbook: by name and version when it has them, else by where it is. */
export function identity(name: string | null, version: string | null, where: string | null): PlaybookIdentity {
  if (name) return { label: version ? `${name}@${version}` : name, name, version };
  return { label: where ?? 'the built-in playbook', name: null, version: null };
}

/** What `manifest`'s service would be generated with today, under `given` or else its own playbook. */
export async function targetFor(dir: string, manifest: Manifest, given: PlaybookChoice | undefined): Promise<Target> {
  const choice = given ?? (await servicePlaybook(dir, manifest));
  const templates = await resolveTemplateSet(choice.playbook.templates ?? (manifest.templates === null ? null : path.resolve(dir, manifest.templates)));
  return {
    generatorVersion: currentGeneratorVersion(),
    templateVersion: templates.version,
    playbook: { label: choice.label, name: choice.name, version: choice.version, hash: choice.playbook.hash },
  };
}
