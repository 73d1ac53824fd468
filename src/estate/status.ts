/**
 * `estate status`: one row per service. Each column comes from the tool that
 * owns it: the manifest (what the service was generated with), the current
 * generator, template set and playbook (targets.ts), `lint` under the current
 * playbook over the service's stored blueprints, and check.ts (generated
 * files edited since design-first wrote them, blueprint edits not yet applied,
 * and update's review of their breaking changes against what was published).
 * The estate policy (a playbook setting) then says which rows break it.
 */
import path from 'node:path';
import { serviceName } from '../catalogue/sources.js';
import { isDesignFirstError } from '../errors.js';
import { lintFile, summarise } from '../lint/index.js';
import type { EstatePolicy } from '../playbook/estate-policy.js';
import { readManifest } from '../update/manifest-file.js';
import { playbookBehind, recordedPlaybook } from './drift.js';
import { currentGeneratorVersion, servicePlaybook, targetFor, type PlaybookChoice } from './targets.js';
import { releasesBehind } from './versions.js';

/** What check.ts finds in a service, in the estate's terms. */
export interface CheckOutcome {
  /** Generated files that differ from what design-first wrote from the recorded inputs. */
  files: Array<{ path: string; why: string }>;
  /** Stored blueprints edited since the last update. */
  blueprintEdits: string[];
  /** Breaking changes in published versions, against what was published. */
  breaking: number;
  /** Versions edited in place whose blueprint as published is not kept, so their breaking changes cannot be counted. */
  unchecked: string[];
}

export type Checker = (dir: string) => Promise<CheckOutcome>;

export interface ServiceStatus {
  dir: string;
  name: string;
  generator: { recorded: string; current: string };
  templates: { recorded: string; current: string; behind: number };
  playbook: { recorded: string; current: string; behind: number };
  lint: { errors: number; warnings: number };
  check: CheckOutcome;
  /** Where the service breaks the estate policy, one sentence each; empty when it keeps it. */
  breaches: string[];
  /** Set when the service could not be read at all (every other column is then empty). */
  problem: string | null;
}

export interface StatusOptions {
  /** The playbook every service is measured against; default: each service's own, as it is now. */
  playbook?: PlaybookChoice;
  policy: EstatePolicy;
  check: Checker;
}

export async function serviceStatus(dir: string, options: StatusOptions): Promise<ServiceStatus> {
  const name = await serviceName(dir);
  try {
    const manifest = await readManifest(dir);
    const target = await targetFor(dir, manifest, options.playbook);
    const judge = options.playbook ?? (await servicePlaybook(dir, manifest));
    let errors = 0;
    let warnings = 0;
    for (const version of manifest.versions) {
      const summary = summarise((await lintFile(path.join(dir, version.blueprint), judge.playbook)).findings);
      errors += summary.errors;
      warnings += summary.warnings;
    }
    const check = await options.check(dir);
    const status: ServiceStatus = {
      dir,
      name,
      generator: { recorded: manifest.generator.version, current: currentGeneratorVersion() },
      templates: {
        recorded: manifest.templateVersion,
        current: target.templateVersion,
        behind: releasesBehind(manifest.templateVersion, target.templateVersion),
      },
      playbook: { recorded: recordedPlaybook(manifest).label, current: target.playbook.label, behind: playbookBehind(manifest, target) },
      lint: { errors, warnings },
      check,
      breaches: [],
      problem: null,
    };
    status.breaches = breachesOf(status, options.policy);
    return status;
  } catch (error) {
    if (!isDesignFirstError(error)) throw error;
    const empty = { recorded: '', current: '' };
    return {
      dir,
      name,
      generator: empty,
      templates: { ...empty, behind: 0 },
      playbook: { ...empty, behind: 0 },
      lint: { errors: 0, warnings: 0 },
      check: { files: [], blueprintEdits: [], breaking: 0, unchecked: [] },
      breaches: [`could not be read: ${error.toLine()}`],
      problem: error.toLine(),
    };
  }
}

/** The sentences saying how a service breaks the policy. */
export function breachesOf(status: Omit<ServiceStatus, 'breaches'>, policy: EstatePolicy): string[] {
  const breaches: string[] = [];
  const over = (count: number, limit: number | null) => limit !== null && count > limit;
  if (over(status.lint.errors, policy.maxLintErrors)) breaches.push(`${status.lint.errors} lint error(s), more than ${policy.maxLintErrors}`);
  if (over(status.lint.warnings, policy.maxLintWarnings)) breaches.push(`${status.lint.warnings} lint warning(s), more than ${policy.maxLintWarnings}`);
  if (over(status.templates.behind, policy.maxTemplateVersionsBehind)) {
    breaches.push(
      `template set ${status.templates.recorded} is ${status.templates.behind} release(s) behind ${status.templates.current} (at most ${policy.maxTemplateVersionsBehind})`,
    );
  }
  if (over(status.playbook.behind, policy.maxPlaybookVersionsBehind)) {
    breaches.push(
      `playbook ${status.playbook.recorded} is ${status.playbook.behind} release(s) behind ${status.playbook.current} (at most ${policy.maxPlaybookVersionsBehind})`,
    );
  }
  if (!policy.allowGeneratedDrift && status.check.files.length > 0)
    breaches.push(`${status.check.files.length} generated file(s) differ from what the recorded inputs produce`);
  if (!policy.allowUnappliedBlueprintEdits && status.check.blueprintEdits.length > 0)
    breaches.push(`${status.check.blueprintEdits.length} blueprint edit(s) not yet applied with update`);
  if (!policy.allowBreakingChanges && status.check.breaking > 0) breaches.push(`${status.check.breaking} breaking change(s) against the published blueprint`);
  if (!policy.allowBreakingChanges && status.check.unchecked.length > 0) {
    breaches.push(
      `${status.check.unchecked.join(', ')} edited in place with no copy of the published blueprint, so breaking changes cannot be ruled out (restore it and pass the edited blueprint to update)`,
    );
  }
  return breaches;
}
