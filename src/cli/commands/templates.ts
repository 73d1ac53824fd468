/** `design-first templates eject [--out DIR]`: copy the built-in templates for a playbook author to change. */
import { cp } from 'node:fs/promises';
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { BUILT_IN_TEMPLATES } from '../../render/render.js';
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
    io.stdout(`design-first: copied the built-in templates to ${out}; name this folder in your playbook's \`templates:\` (or pass --templates) and keep only the files you change`);
    return 0;
  });
}

export const templatesCommand: CommandModule<object, { action: string; out: string }> = {
  command: 'templates <action>',
  describe: 'work with the service templates (eject: copy the built-in ones to change them)',
  builder: (yargs) =>
    yargs
      .positional('action', { choices: ['eject'] as const, demandOption: true })
      .option('out', { type: 'string', default: 'templates', describe: 'folder to copy the templates into' }) as never,
  handler: async (argv) => {
    exitCodeBox.value = await runEject({ out: argv.out });
  },
};
