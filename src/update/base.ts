/**
 * The base of a three-way merge: what design-first wrote last time,
 * regenerated from the inputs the manifest records (copier and cruft do the
 * same from a template's git history): each version's blueprint as last
 * generated (kept in blueprints/ or .design-first/blueprints/), the contract
 * and identity of the playbook of that time and of each version's pinned
 * playbook, the playbook's templates as last rendered (kept in
 * .design-first/templates/), and the service's name.
 *
 * A regenerated file counts as the base only when its hash is the one the
 * manifest recorded for it: a different design-first, or a templates folder
 * that was not kept, gives no base for that file, and update falls back to
 * reporting a conflict.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { generateService, type VersionPin } from '../pipeline.js';
import { playbookGiving } from '../playbook/contract.js';
import { hashContent, TEMPLATES_SNAPSHOT, type Manifest } from '../write/manifest.js';
import { findBaseline } from './breaking.js';
import { chooseUpstreams } from './upstreams.js';

/** path -> content of each file design-first wrote last time that could be regenerated exactly; a reason when none could. */
export async function regenerateBase(dir: string, previous: Manifest, packageName: string | undefined): Promise<Map<string, string> | string> {
  const contract = previous.playbook.contract;
  if (!contract) return 'the manifest does not record the playbook of the last generation (written by design-first 0.1)';
  const blueprints: string[] = [];
  for (const version of previous.versions) {
    const file = await findBaseline(dir, version.blueprint, version.hash);
    if (!file) return `the blueprint of ${version.key} as last generated is not kept`;
    blueprints.push(file);
  }
  const snapshot = path.join(dir, TEMPLATES_SNAPSHOT);
  const templates = (await isFolder(snapshot)) ? snapshot : previous.templates ? path.resolve(dir, previous.templates) : null;
  const pins: Record<string, VersionPin> = {};
  for (const version of previous.versions) {
    if (version.playbook.hash !== previous.playbook.hash && version.playbook.contract)
      pins[version.key] = { ...version.playbook, contract: version.playbook.contract };
  }
  const name = previous.service.name || packageName;
  let generated: Awaited<ReturnType<typeof generateService>>;
  try {
    generated = await generateService({
      blueprints,
      playbook: playbookGiving(contract, previous.playbook, templates, previous.playbook.vars ?? {}),
      ...(name ? { name } : {}),
      serviceDir: dir,
      pins,
      lint: false,
      // The upstreams as they were: their stored blueprints, before this update replaces any.
      upstreams: (await chooseUpstreams(dir, [], { allowRemoteRefs: false })).map(({ name, file }) => ({ name, file })),
    });
  } catch (error) {
    return `regenerating it failed: ${String((error as Error)?.message ?? error).split('\n')[0]}`;
  }
  const base = new Map<string, string>();
  for (const file of generated.files) {
    const recorded = previous.files[file.path];
    if (recorded && recorded.hash === hashContent(file.content)) base.set(file.path, file.content);
  }
  return base;
}

/** The name the team gives the service now, for a manifest that does not record the one design-first gave. */
export async function currentPackageName(dir: string): Promise<string | undefined> {
  try {
    const name = (JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown }).name;
    return typeof name === 'string' && name.trim() !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

async function isFolder(folder: string): Promise<boolean> {
  return (await stat(folder).catch(() => undefined))?.isDirectory() ?? false;
}
