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
import type { Manifest } from '../write/manifest.js';

export interface UpdateSources {
  /** undefined: the built-in playbook. */
  playbook: PlaybookRef | undefined;
  /** A templates folder given with --templates (or recorded from one); undefined: the playbook's or the built-in set. */
  templates: string | undefined;
}

export async function chooseSources(dir: string, previous: Manifest, given: { playbook?: PlaybookRef | undefined; templates?: string | undefined }): Promise<UpdateSources> {
  const playbook = given.playbook ?? (await recordedPlaybook(dir, previous.playbook.source));
  if (given.templates || given.playbook || !previous.templates) return { playbook, templates: given.templates };
  // A folder the playbook declares follows the playbook; one given with --templates is used again.
  if ((await loadPlaybook(playbook)).templates !== null) return { playbook, templates: undefined };
  const templates = path.resolve(dir, previous.templates);
  if (!(await exists(templates))) {
    throw new DesignFirstError('DF_ERR_UPDATE_SOURCE_MISSING', `the templates folder this service was generated with (${previous.templates}, relative to the service) is missing`, { file: templates });
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
      throw new DesignFirstError('DF_ERR_PLAYBOOK_NOT_INSTALLED', `the service was generated with the playbook package ${source}, which is not installed in it (run npm install)`, { file: dir });
    }
  }
  const file = path.resolve(dir, source);
  if (!(await exists(file))) {
    throw new DesignFirstError('DF_ERR_UPDATE_SOURCE_MISSING', `the playbook this service was generated with (${source}, relative to the service) is missing`, { file });
  }
  return { kind: 'file', file };
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}
