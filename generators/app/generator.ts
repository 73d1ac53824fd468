/**
 * `yo design-first [blueprint...]`: the same generation as `design-first new`,
 * with prompts for what no option or argument gave.
 *
 * Thin on purpose: it gathers answers, calls the core pipeline
 * (`generateService`, which writes nothing), and hands every file to Yeoman's
 * in-memory file system, so Yeoman's conflicter decides about overwrites and
 * nothing reaches the disk unless generation succeeded.
 *
 * Yeoman loads `generators/app/index.js`, a hand-written re-export of the
 * compiled form of this file (see that file for why).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import Generator, { type BaseFeatures, type BaseOptions } from 'yeoman-generator';
import { nextSteps } from '../../src/next-steps.js';
import { parseUpstreamFlags } from '../../src/model/upstreams/flags.js';
import { generateService, type GeneratedService, type GenerateOptions } from '../../src/pipeline.js';
import { safeRelativePath } from '../../src/write/paths.js';
import { expectedFailures } from '../failure.js';

/** What `yo` (or yeoman-test's withArguments/withOptions) can hand the generator. */
export type AppOptions = BaseOptions & {
  blueprint?: string[] | string;
  out?: string;
  name?: string;
  playbook?: string;
  templates?: string;
  /** Yeoman's conflicter flag (overwrite without asking); not the lint override. */
  force?: boolean;
  lint?: boolean;
  'allow-lint-errors'?: boolean;
  'allow-remote-refs'?: boolean;
  /** `yo` also passes options camel-cased. */
  allowLintErrors?: boolean;
  allowRemoteRefs?: boolean;
  'skip-install'?: boolean;
  /** `NAME=BLUEPRINT`, repeatable: APIs the service calls (docs/upstream.md). */
  upstream?: string[];
};

export interface AppAnswers {
  blueprint: string;
  name: string;
}

export default class AppGenerator extends Generator<Record<string, never>, AppOptions> {
  #generated: GeneratedService | undefined;
  /** Absolute output folder; the destination root is moved there only once there is something to write. */
  #out: string | undefined;

  constructor(args?: string[], options?: AppOptions, features?: BaseFeatures) {
    super(args, options, features);
    this.description = 'Lint an OpenAPI blueprint against the playbook, then generate a Fastify service from it (the same as `design-first new`).';

    this.argument('blueprint', {
      type: Array,
      required: false,
      description: 'OpenAPI 3.0/3.1 blueprint files (YAML or JSON); several = several versions in one service. Asked for when absent.',
    });
    this.option('out', { type: String, description: 'folder to write the service into (default: the current folder)' });
    this.option('name', { type: String, description: "npm package name of the service (default: asked, suggesting one from the blueprint's info.title)" });
    this.option('playbook', { type: String, description: 'playbook file (default: the built-in playbook)' });
    this.option('templates', { type: String, description: "templates folder overriding the built-in templates (default: the playbook's)" });
    // `--force` belongs to Yeoman: its conflicter then overwrites without asking (yo's "-f, --force",
    // and yeoman-test sets it on every run). It must not also open the lint gate, so that is a flag of its own.
    this.option('force', {
      type: Boolean,
      alias: 'f',
      description: "Yeoman's conflicter: overwrite existing files without asking (the team's handlers are still kept)",
    });
    this.option('allow-lint-errors', {
      type: Boolean,
      default: false,
      description: 'generate despite lint errors, recording them in the manifest and README (as `design-first new --allow-lint-errors`)',
    });
    this.option('lint', { type: Boolean, default: true, description: 'lint first (--no-lint skips it)' });
    this.option('allow-remote-refs', { type: Boolean, default: false, description: 'allow http(s) $refs to public hosts' });
    this.option('upstream', {
      type: Array,
      description: 'NAME=BLUEPRINT: an API the service calls, with a typed client (repeatable; as `design-first new --upstream`)',
    });
  }

  async prompting(): Promise<void> {
    await this.#expected(async () => {
      const cwd = this.contextRoot;
      const given = this.#blueprintArguments();
      const blueprints = given.length > 0 ? given : [await this.#askBlueprint(cwd)];
      const request: GenerateOptions = {
        blueprints: blueprints.map((file) => path.resolve(cwd, file)),
        ...(this.options.playbook ? { playbook: path.resolve(cwd, this.options.playbook) } : {}),
        ...(this.options.templates ? { templates: path.resolve(cwd, this.options.templates) } : {}),
        serviceDir: this.options.out ? path.resolve(cwd, this.options.out) : this.destinationRoot(),
        lint: this.options.lint !== false,
        allowLintErrors: this.#flag('allow-lint-errors', 'allowLintErrors'),
        allowRemoteRefs: this.#flag('allow-remote-refs', 'allowRemoteRefs'),
        upstreams: parseUpstreamFlags([this.options.upstream ?? []].flat().map(String), cwd),
        report: (line) => this.log('%s', line),
      };
      if (this.options.out) this.#out = path.resolve(cwd, this.options.out);

      if (this.options.name) {
        this.#generated = await generateService({ ...request, name: this.options.name });
        return;
      }
      // The suggested name is the model's, so the blueprint is generated before asking.
      const first = await generateService(request);
      const { name } = await this.prompt<Pick<AppAnswers, 'name'>>({
        type: 'input',
        name: 'name',
        message: 'npm package name of the service',
        default: first.model.packageName,
      });
      const chosen = String(name ?? '').trim();
      // Notes and warnings were reported by the first run; the same input would repeat them.
      this.#generated = chosen === '' || chosen === first.model.packageName ? first : await generateService({ ...request, name: chosen, report: () => {} });
    });
  }

  async writing(): Promise<void> {
    await this.#expected(() => {
      const generated = this.#generated;
      if (!generated) return;
      if (this.#out) this.destinationRoot(this.#out);
      for (const file of generated.files) {
        const target = this.destinationPath(safeRelativePath(file.path));
        // The team's handlers are created once and never overwritten, whatever the conflicter would say.
        if (file.owner === 'team' && this.fs.exists(target)) {
          this.log.skip(`${file.path} (the team's code: kept as it is)`);
          continue;
        }
        this.fs.write(target, file.content);
      }
    });
  }

  end(): void {
    const generated = this.#generated;
    if (!generated) return;
    const versions = generated.model.versions.map((v) => `${v.prefix} (${v.operations.length} operations)`).join(', ');
    const root = this.destinationRoot();
    this.log('%s', `design-first: generated ${generated.model.packageName} in ${root}: ${versions}`);
    // Yeoman installs by itself only for a package.json in the folder yo was run in, and not with --skip-install.
    const here = path.resolve(root) === path.resolve(this.contextRoot);
    const installed = here && this.options.skipInstall !== true && this.options['skip-install'] !== true;
    for (const line of nextSteps(generated.model, { cd: here ? undefined : root, installed })) this.log('%s', line);
  }

  /** A boolean option under its declared (kebab-case) name or the camel-cased one `yo` also passes. */
  #flag(name: 'allow-lint-errors' | 'allow-remote-refs', camel: 'allowLintErrors' | 'allowRemoteRefs'): boolean {
    return this.options[name] === true || this.options[camel] === true;
  }

  #blueprintArguments(): string[] {
    const value = this.options.blueprint;
    const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
    return list.filter((file) => file.trim() !== '');
  }

  async #askBlueprint(cwd: string): Promise<string> {
    const { blueprint } = await this.prompt<Pick<AppAnswers, 'blueprint'>>({
      type: 'input',
      name: 'blueprint',
      message: 'OpenAPI blueprint file (YAML or JSON)',
      filter: (value: string) => value.trim(),
      validate: (value: string) => (value.trim() !== '' && existsSync(path.resolve(cwd, value.trim())) ? true : `no such file: ${value}`),
    });
    return String(blueprint ?? '').trim();
  }

  #expected<T>(body: () => T | Promise<T>): Promise<T> {
    const adapter = this.env.adapter as { onIdle?: () => Promise<unknown> };
    return expectedFailures({ log: (line) => this.log('%s', line), flush: async () => adapter.onIdle?.() }, body);
  }
}
