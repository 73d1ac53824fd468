/**
 * `yo design-first:update [blueprint...]`: the same update as
 * `design-first update`, with Yeoman's conflicter deciding about the platform
 * files the team changed.
 *
 * Thin on purpose: the core decides everything (`prepareUpdate`, which writes
 * nothing: the breaking-change gate, the lint gate, generation, and what
 * happens to each file), and this generator hands the result to Yeoman's
 * in-memory file system:
 * - generated files, and platform files the team has not changed, are written
 *   without a question (they are design-first's);
 * - platform files both the team and the templates changed go through the
 *   conflicter, which shows the difference and asks; with --force it
 *   overwrites, and the team's version is saved beside it as `*.orig`;
 * - the team's handlers are only ever created, never overwritten;
 * - stale generated files are deleted, without a question.
 * Nothing reaches the disk unless every step succeeded; the service is then
 * type-checked, and what no longer compiles is listed by operation.
 *
 * Yeoman loads `generators/update/index.js`, a re-export of the compiled form
 * of this file (see generators/app/index.js for why).
 */
import path from 'node:path';
import Generator, { type BaseFeatures, type BaseOptions } from 'yeoman-generator';
import { DesignFirstError } from '../../src/errors.js';
import { formatTypeProblems, freeBackupName, manifestText, orphansOf, prepareUpdate, typeCheckService, type PreparedUpdate } from '../../src/update/index.js';
import { describeUpdate, versionsSummary } from '../../src/update/report.js';
import { MANIFEST_PATH } from '../../src/write/manifest.js';
import { safeRelativePath } from '../../src/write/paths.js';
import { expectedFailures } from '../failure.js';

/** What `yo` (or yeoman-test's withArguments/withOptions) can hand the generator. */
export type UpdateGeneratorOptions = BaseOptions & {
  blueprint?: string[] | string;
  dir?: string;
  playbook?: string;
  templates?: string;
  /** Yeoman's conflicter flag: overwrite changed files without asking (the team's version is saved as *.orig). */
  force?: boolean;
  lint?: boolean;
  typecheck?: boolean;
  'allow-breaking'?: boolean;
  'allow-lint-errors'?: boolean;
  'allow-remote-refs'?: boolean;
  /** `yo` also passes options camel-cased. */
  allowBreaking?: boolean;
  allowLintErrors?: boolean;
  allowRemoteRefs?: boolean;
};

type Flag = 'allow-breaking' | 'allow-lint-errors' | 'allow-remote-refs';
const CAMEL: Record<Flag, 'allowBreaking' | 'allowLintErrors' | 'allowRemoteRefs'> = {
  'allow-breaking': 'allowBreaking',
  'allow-lint-errors': 'allowLintErrors',
  'allow-remote-refs': 'allowRemoteRefs',
};

export default class UpdateGenerator extends Generator<Record<string, never>, UpdateGeneratorOptions> {
  #prepared: PreparedUpdate | undefined;

  constructor(args?: string[], options?: UpdateGeneratorOptions, features?: BaseFeatures) {
    super(args, options, features);
    this.description = "Regenerate a service made by design-first from its (changed) blueprints, keeping the team's code (the same as `design-first update`).";

    this.argument('blueprint', {
      type: Array,
      required: false,
      description: "blueprints to use: each replaces the version with its major version, or adds a version (default: the service's own blueprints/)",
    });
    this.option('dir', { type: String, description: 'the service folder (default: the current folder)' });
    this.option('playbook', { type: String, description: 'playbook file (default: the one the service was generated with)' });
    this.option('templates', { type: String, description: "templates folder (default: the one the service was generated with, or the playbook's)" });
    this.option('force', {
      type: Boolean,
      alias: 'f',
      description: "Yeoman's conflicter: overwrite files you changed without asking; yours are saved beside them as *.orig",
    });
    this.option('allow-breaking', { type: Boolean, default: false, description: 'apply breaking changes inside a published version (they are still listed)' });
    this.option('allow-lint-errors', { type: Boolean, default: false, description: 'update despite lint errors, recording them in the manifest and README' });
    this.option('lint', { type: Boolean, default: true, description: 'lint first (--no-lint skips it)' });
    this.option('typecheck', { type: Boolean, default: true, description: 'type-check the service afterwards (--no-typecheck skips it)' });
    this.option('allow-remote-refs', { type: Boolean, default: false, description: 'allow http(s) $refs to public hosts' });
  }

  async initializing(): Promise<void> {
    await this.#expected(async () => {
      const cwd = this.contextRoot;
      const dir = path.resolve(cwd, this.options.dir ?? '.');
      const prepared = await prepareUpdate({
        dir,
        blueprints: this.#blueprintArguments().map((file) => path.resolve(cwd, file)),
        ...(this.options.playbook ? { playbook: path.resolve(cwd, this.options.playbook) } : {}),
        ...(this.options.templates ? { templates: path.resolve(cwd, this.options.templates) } : {}),
        lint: this.options.lint !== false,
        allowLintErrors: this.#flag('allow-lint-errors'),
        allowBreaking: this.#flag('allow-breaking'),
        allowRemoteRefs: this.#flag('allow-remote-refs'),
        report: (line) => this.log('%s', line),
      });
      this.#prepared = prepared;
      this.destinationRoot(dir);
      for (const line of describeUpdate(prepared, { planned: true })) this.log('%s', line);
    });
  }

  async writing(): Promise<void> {
    const prepared = this.#prepared;
    if (!prepared) return;
    for (const file of prepared.files) {
      const target = this.destinationPath(safeRelativePath(file.path));
      if (file.action === 'delete') {
        this.fs.delete(target);
        this.#withoutAsking(target);
      } else if (file.content === undefined) {
        // Kept, unchanged or orphaned: nothing to write.
      } else if (file.action === 'conflict') {
        const theirs = prepared.disk.get(file.path);
        if (this.options.force === true && theirs !== undefined) {
          this.#writeWithoutAsking(this.destinationPath(await freeBackupName(prepared.dir, file.path, new Set())), theirs);
        }
        // No mark: the conflicter compares with the disk, shows the difference and asks.
        this.fs.write(target, file.content);
      } else {
        this.#writeWithoutAsking(target, file.content);
      }
    }
    this.#writeWithoutAsking(this.destinationPath(MANIFEST_PATH), manifestText(prepared, { conflictsWritten: false }));
  }

  async end(): Promise<void> {
    await this.#expected(async () => {
      const prepared = this.#prepared;
      if (!prepared) return;
      this.log('%s', `design-first: updated ${prepared.dir}: ${versionsSummary(prepared)}`);
      if (this.options.typecheck === false) return;
      const checked = await typeCheckService({ dir: prepared.dir, model: prepared.generated.model, orphans: orphansOf(prepared) });
      if (checked.status === 'skipped') this.log('%s', `warning: the service was not type-checked: ${checked.reason}`);
      else if (checked.status === 'passed') this.log('%s', 'type-check: the service compiles');
      else {
        const subjects = [...new Set(checked.problems.map((problem) => problem.subject))];
        throw new DesignFirstError(
          'DF_ERR_UPDATE_TYPECHECK',
          `${checked.problems.length} compile error(s) after the update, in: ${subjects.join('; ')}`,
          {},
          formatTypeProblems(checked.problems),
        );
      }
    });
  }

  #writeWithoutAsking(target: string, content: string | Buffer): void {
    this.fs.write(target, content);
    this.#withoutAsking(target);
  }

  /** Mark a pending mem-fs file so that Yeoman's conflicter commits it without asking (its `conflicter` field, 'force'). */
  #withoutAsking(target: string): void {
    const file = this.fs.store.get(target) as { conflicter?: string };
    file.conflicter = 'force';
  }

  /** A boolean option under its declared (kebab-case) name or the camel-cased one `yo` also passes. */
  #flag(name: Flag): boolean {
    return this.options[name] === true || this.options[CAMEL[name]] === true;
  }

  #blueprintArguments(): string[] {
    const value = this.options.blueprint;
    const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    return list.filter((file) => file.trim() !== '');
  }

  #expected<T>(body: () => T | Promise<T>): Promise<T> {
    const adapter = this.env.adapter as { onIdle?: () => Promise<unknown> };
    return expectedFailures({ log: (line) => this.log('%s', line), flush: async () => adapter.onIdle?.() }, body);
  }
}
