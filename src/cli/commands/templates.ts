/**
 * `design-first templates eject [--out DIR]`: copy the built-in templates for
 * a playbook author to change. `design-first templates eject --diff
 * [--templates DIR | --playbook P]`: for each built-in template the author's
 * folder overrides, the difference between theirs and design-first's current
 * one, so an author sees what their override no longer receives.
 */
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { createTwoFilesPatch } from 'diff';
import { loadPlaybook, locatePlaybook } from '../../playbook/index.js';
import { BUILT_IN_TEMPLATES, listTemplates, overriddenBuiltIns, resolveTemplateSet } from '../../render/render.js';
import { isAbsentOrEmpty } from '../../write/stage.js';
import { DesignFirstError } from '../../errors.js';
import { exitCodeBox } from '../exit-code.js';
import { processIo, runCommand, type CommandIo } from '../run-command.js';

export async function runEject(options: { out: string; cwd?: string }, io: CommandIo = processIo): Promise<number> {
  return runCommand(io, async () => {
    const out = path.resolve(options.cwd ?? process.cwd(), options.out);
    if (!(await isAbsentOrEmpty(out))) {
      throw new DesignFirstError('DF_ERR_OUT_NOT_EMPTY', `${out} already exists and is not empty`, { file: out });
    }
    await cp(BUILT_IN_TEMPLATES, out, { recursive: true, errorOnExist: true, force: false });
    io.stdout(
      `design-first: copied the built-in templates to ${out}; name this folder in your playbook's \`templates:\` (or pass --templates) and keep only the files you change`,
    );
    return 0;
  });
}

/** The diff of each override against the built-in template it replaces; exit 0 whatever it finds. */
export async function runEjectDiff(options: { templates?: string; playbook?: string; cwd?: string }, io: CommandIo = processIo): Promise<number> {
  return runCommand(io, async () => {
    const cwd = options.cwd ?? process.cwd();
    const folder = options.templates
      ? path.resolve(cwd, options.templates)
      : options.playbook
        ? (await loadPlaybook(await locatePlaybook(options.playbook, cwd))).templates
        : null;
    if (!folder)
      throw new DesignFirstError(
        'DF_ERR_USAGE',
        'templates eject --diff compares a templates folder with the built-in set: pass --templates DIR or --playbook FILE (one that has templates:)',
      );
    const set = await resolveTemplateSet(folder);
    const overrides = Object.keys(await overriddenBuiltIns(set));
    const used = await listTemplates(set);
    if (overrides.length === 0) io.stdout(`design-first: ${folder} overrides no built-in template`);
    for (const builtIn of overrides) {
      const theirs = [...used.values()].find((file) => file.startsWith(`${folder}${path.sep}`) && sameOutput(path.relative(folder, file), builtIn));
      if (!theirs) continue;
      const [mine, current] = [await readFile(theirs, 'utf8'), await readFile(path.join(BUILT_IN_TEMPLATES, builtIn), 'utf8')];
      if (mine === current) {
        io.stdout(`same      ${builtIn}: your copy is the built-in template as it is now (you may delete it)`);
        continue;
      }
      io.stdout(`differs   ${builtIn}: lines marked - are yours, + are design-first's built-in template now`);
      for (const line of createTwoFilesPatch(`yours/${path.relative(folder, theirs)}`, `built-in/${builtIn}`, mine, current, '', '', { context: 3 })
        .split('\n')
        .slice(1))
        if (line) io.stdout(line);
    }
    return 0;
  });
}

/** `settings.ts` and `settings.ts.hbs` write the same file. */
function sameOutput(a: string, b: string): boolean {
  return (
    a
      .split(path.sep)
      .join('/')
      .replace(/\.hbs$/, '') === b.replace(/\.hbs$/, '')
  );
}

export const templatesCommand: CommandModule<object, { action: string; out: string; diff: boolean; templates?: string; playbook?: string }> = {
  command: 'templates <action>',
  describe: 'work with the service templates (eject: copy the built-in ones to change them; eject --diff: compare your overrides with them)',
  builder: (yargs) =>
    yargs
      .positional('action', { choices: ['eject'] as const, demandOption: true })
      .option('out', { type: 'string', default: 'templates', describe: 'folder to copy the templates into' })
      .option('diff', {
        type: 'boolean',
        default: false,
        describe: "compare a templates folder's overrides with the built-in templates they replace, instead of copying",
      })
      .option('templates', { type: 'string', describe: 'with --diff: the templates folder to compare' })
      .option('playbook', { type: 'string', describe: 'with --diff: the playbook whose templates folder to compare' }) as never,
  handler: async (argv) => {
    exitCodeBox.value = argv.diff
      ? await runEjectDiff({ ...(argv.templates ? { templates: argv.templates } : {}), ...(argv.playbook ? { playbook: argv.playbook } : {}) })
      : await runEject({ out: argv.out });
  },
};
