/** `design-first new <blueprint...> --out DIR`: lint, then generate a service into a new folder. */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { nextSteps } from '../../next-steps.js';
import { oneLine } from '../../errors.js';
import { parseUpstreamFlags } from '../../model/upstreams/flags.js';
import { generateService } from '../../pipeline.js';
import { locatePlaybook } from '../../playbook/locate.js';
import { StagedFolder } from '../../write/stage.js';
import { exitCodeBox } from '../exit-code.js';
import { processIo, runCommand, type CommandIo } from '../run-command.js';
import { terminalIo } from '../terminal.js';

export interface NewOptions {
  blueprints: string[];
  out: string;
  name?: string;
  playbook?: string;
  templates?: string;
  /** Generate despite lint errors, recording them in the manifest and README. */
  allowLintErrors?: boolean;
  /** The old name of `allowLintErrors`, kept so that scripts keep working. */
  force?: boolean;
  lint?: boolean;
  allowRemoteRefs?: boolean;
  /** `NAME=BLUEPRINT`: an API the service calls, with a typed client (docs/upstream.md). */
  upstream?: string[];
  cwd?: string;
}

/** The command as a function (tests call this without argv). */
export async function runNew(options: NewOptions, io: CommandIo = processIo): Promise<number> {
  return runCommand(io, async () => {
    const cwd = options.cwd ?? process.cwd();
    const out = path.resolve(cwd, options.out);
    // Files are written into a staging folder as they are generated; it becomes `out` only when all of it is there.
    const staged = new StagedFolder(out);
    const generated = await generateService({
      blueprints: options.blueprints.map((file) => path.resolve(cwd, file)),
      ...(options.name ? { name: options.name } : {}),
      ...(options.playbook ? { playbook: await locatePlaybook(options.playbook, cwd) } : {}),
      serviceDir: out,
      ...(options.templates ? { templates: path.resolve(cwd, options.templates) } : {}),
      lint: options.lint ?? true,
      allowLintErrors: options.allowLintErrors ?? options.force ?? false,
      allowRemoteRefs: options.allowRemoteRefs ?? false,
      upstreams: parseUpstreamFlags(options.upstream ?? [], cwd),
      report: io.stderr,
      ...(io.progress ? { progress: io.progress } : {}),
      ready: (file) => staged.write(file),
    }).catch(async (error: unknown) => {
      await staged.abort();
      throw error;
    });
    io.progress?.(`writing ${generated.files.length} files`);
    await staged.commit();
    io.done?.();
    const versions = generated.model.versions
      .map((v) => `${v.prefix || '/'} (${v.operations.length} operations${v.prefixReason ? `; ${v.prefixReason}` : ''})`)
      .join(', ');
    const upstreams = generated.model.upstreams
      .map((upstream) => `; upstream ${upstream.name}: ${upstream.title} ${upstream.apiVersion} (${upstream.operations.length} operations)`)
      .join('');
    io.stdout(oneLine(`design-first: wrote ${generated.files.length} files to ${out}: ${versions}${upstreams}`));
    for (const line of nextSteps(generated.model, { cd: out, installed: false })) io.stdout(line);
    return 0;
  });
}

export const newCommand: CommandModule<object, NewOptions & { blueprint: string[] }> = {
  command: 'new <blueprint..>',
  describe: 'lint blueprints, then generate a service (several blueprints = several versions)',
  builder: (yargs) =>
    yargs
      .positional('blueprint', { type: 'string', array: true, demandOption: true, describe: 'OpenAPI 3.0/3.1 blueprint files (YAML or JSON)' })
      .option('out', { type: 'string', demandOption: true, describe: 'folder to create (must be absent or empty)' })
      .option('name', { type: 'string', describe: 'npm package name of the service (default: from info.title)' })
      .option('playbook', { type: 'string', describe: 'playbook file, or an installed playbook package (default: the built-in playbook)' })
      .option('templates', { type: 'string', describe: "templates folder overriding the built-in templates (default: the playbook's)" })
      .option('allow-lint-errors', {
        type: 'boolean',
        default: false,
        // The old spelling stays an alias: scripts that pass it keep working.
        alias: 'force',
        describe: 'generate despite lint errors, recording them in the manifest and README (also --force)',
      })
      .option('lint', { type: 'boolean', default: true, describe: 'lint first (--no-lint skips it)' })
      .option('allow-remote-refs', { type: 'boolean', default: false, describe: 'allow http(s) $refs to public hosts' })
      .option('upstream', { type: 'string', array: true, describe: 'NAME=BLUEPRINT: an API the service calls, with a typed client (repeatable)' }) as never,
  handler: async (argv) => {
    exitCodeBox.value = await runNew({ ...argv, blueprints: argv.blueprint }, terminalIo());
  },
};
