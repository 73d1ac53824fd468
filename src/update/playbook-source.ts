/**
 * Which playbook and templates an update uses: those named on the command
 * line, else those the manifest records, found from the service folder (a
 * path relative to it, or a package installed in it, whatever version is
 * installed there now). A clone of the service therefore reads its own
 * checkout's playbook, never another's.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DesignFirstError, isDesignFirstError } from '../errors.js';
import { loadPlaybook, parsePackageSource, resolvePackage, type PlaybookRef } from '../playbook/index.js';
import type { Manifest, PlaybookRecord } from '../write/manifest.js';

export interface UpdateSources {
  /** undefined: the built-in playbook. */
  playbook: PlaybookRef | undefined;
  /** A templates folder given with --templates (or recorded from one); undefined: the playbook's or the built-in set. */
  templates: string | undefined;
}

export async function chooseSources(
  dir: string,
  previous: Manifest,
  given: { playbook?: PlaybookRef | undefined; templates?: string | undefined },
): Promise<UpdateSources> {
  const playbook = given.playbook ?? (await recordedPlaybook(dir, previous.playbook.source));
  if (given.templates || given.playbook || !previous.templates) return { playbook, templates: given.templates };
  // A folder the playbook declares follows the playbook; one given with --templates is used again.
  if ((await loadPlaybook(playbook)).templates !== null) return { playbook, templates: undefined };
  const templates = path.resolve(dir, previous.templates);
  if (!(await exists(templates))) {
    throw new DesignFirstError(
      'DF_ERR_UPDATE_SOURCE_MISSING',
      `the templates folder this service was generated with (${previous.templates}, relative to the service) is missing`,
      { file: templates },
    );
  }
  return { playbook, templates };
}

/** The playbook the manifest records, as it is found from the service now. */
export async function recordedPlaybook(dir: string, source: string | null): Promise<PlaybookRef | undefined> {
  if (source === null) return undefined;
  const fromPackage = parsePackageSource(source);
  if (fromPackage) {
    try {
      return await resolvePackage(fromPackage.name, dir);
    } catch (error) {
      if (!isDesignFirstError(error) || error.code !== 'DF_ERR_PLAYBOOK_NOT_INSTALLED') throw error;
      throw new DesignFirstError(
        'DF_ERR_PLAYBOOK_NOT_INSTALLED',
        `the service was generated with the playbook package ${source}, which is not installed in it (run npm install)`,
        { file: dir },
      );
    }
  }
  const file = path.resolve(dir, source);
  if (!(await exists(file))) {
    throw new DesignFirstError('DF_ERR_UPDATE_SOURCE_MISSING', `the playbook this service was generated with (${source}, relative to the service) is missing`, {
      file,
    });
  }
  return { kind: 'file', file };
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}

export interface PlaybookStatus {
  /** The playbook the manifest records (name and version, or where it is). */
  recorded: string;
  /** The playbook found from the service now; undefined when it cannot be found. */
  available: string | undefined;
  /** True when the playbook found now differs from the recorded one (a newer release installed, or its file changed). */
  behind: boolean;
  /** Why it cannot be told, when the playbook cannot be found. */
  problem: string | undefined;
}

/** How a playbook is named in a report: name and version, else where it is, else the built-in one. */
function playbookLabel(record: Pick<PlaybookRecord, 'name' | 'version' | 'source'>): string {
  if (record.name) return `${record.name}${record.version ? ` ${record.version}` : ''}`;
  return record.source ?? "design-first's built-in playbook";
}

/**
 * Is the playbook resolved now (`now`) another than the one the manifest
 * records? Another name or version (a newer release installed), or the same
 * name with other content (its file edited): either is drift for update --check.
 */
export function comparePlaybooks(recorded: PlaybookRecord, now: Pick<PlaybookRecord, 'name' | 'version' | 'source' | 'hash'>): PlaybookStatus {
  const was = playbookLabel(recorded);
  const available = playbookLabel(now);
  return { recorded: was, available, behind: now.hash !== recorded.hash || available !== was, problem: undefined };
}

/**
 * Is the service behind its playbook? For `update --check`, which a scheduled
 * job runs across services to find those lagging (exit 1 when behind).
 */
export async function playbookStatus(dir: string, previous: Manifest): Promise<PlaybookStatus> {
  const record = previous.playbook;
  try {
    const now = await loadPlaybook(await recordedPlaybook(dir, record.source));
    return comparePlaybooks(record, { name: now.name, version: now.version, source: record.source, hash: now.hash });
  } catch (error) {
    return { recorded: playbookLabel(record), available: undefined, behind: false, problem: String((error as Error)?.message ?? error).split('\n')[0] };
  }
}
