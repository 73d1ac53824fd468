/**
 * `design-first catalogue <service-folder | blueprint ...> --out DIR [--playbook P] [--title T]`:
 * a static developer portal of many APIs (docs/catalogue.md). Exit 0 when it
 * was written, 2 when an input could not be used (nothing is written then).
 */
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { buildCatalogue } from '../../catalogue/index.js';
import { DesignFirstError } from '../../errors.js';
import { manifestDrift } from '../../estate/drift.js';
import { choosePlaybook, currentGeneratorVersion, targetFor } from '../../estate/targets.js';
import { versionKeyOf } from '../../model/build-model.js';
import { exitCodeBox } from '../exit-code.js';
import { processIo, runCommand, type CommandIo } from '../run-command.js';
import { terminalIo } from '../terminal.js';

export interface CatalogueCommandOptions {
  inputs: string[];
  out: string;
  playbook?: string;
  title?: string;
  baseUrl?: string;
  provider?: string;
  allowRemoteRefs?: boolean;
  cwd?: string;
  /** The build's date and time (tests pin it). */
  now?: Date;
}

export async function runCatalogue(options: CatalogueCommandOptions, io: CommandIo = processIo): Promise<number> {
  return runCommand(io, async () => {
    const cwd = options.cwd ?? process.cwd();
    const baseUrl = options.baseUrl ? checkedBaseUrl(options.baseUrl) : null;
    // A file relative to the working folder, or a package installed there.
    const given = options.playbook === undefined ? undefined : await choosePlaybook(options.playbook, cwd);
    const judge = given ?? (await choosePlaybook(undefined, cwd));
    const out = path.resolve(cwd, options.out);
    const built = await buildCatalogue({
      inputs: options.inputs.map((input) => path.resolve(cwd, input)),
      out,
      title: options.title ?? 'API catalogue',
      playbook: judge.playbook,
      playbookName: judge.label,
      baseUrl,
      provider: options.provider ?? null,
      generatorVersion: currentGeneratorVersion(),
      versionKeyOf,
      driftOf: async (dir, manifest) => manifestDrift(manifest, await targetFor(dir, manifest, given)),
      ...(options.now ? { now: options.now } : {}),
      allowRemoteRefs: options.allowRemoteRefs ?? false,
      ...(io.progress ? { progress: io.progress } : {}),
    });
    io.done?.();
    const apis = built.catalogue.apis;
    const versions = apis.reduce((sum, api) => sum + api.versions.length, 0);
    io.stdout(
      `design-first: wrote a catalogue of ${apis.length} API${apis.length === 1 ? '' : 's'} (${versions} version${versions === 1 ? '' : 's'}, ${built.files} files) to ${out}`,
    );
    io.stdout(`open ${path.join(out, 'index.html')}`);
    return 0;
  });
}

function checkedBaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DesignFirstError('DF_ERR_USAGE', `--base-url ${JSON.stringify(text)} is not an absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new DesignFirstError('DF_ERR_USAGE', `--base-url must be an http(s) address, not ${url.protocol}`);
  return url.href;
}

interface CatalogueArgs {
  input: string[];
  out: string;
  playbook?: string;
  title?: string;
  'base-url'?: string;
  provider?: string;
  'allow-remote-refs': boolean;
}

export const catalogueCommand: CommandModule<object, CatalogueArgs> = {
  command: 'catalogue <input..>',
  describe: 'build a static developer portal of many APIs: services, blueprints, or folders of blueprints',
  builder: (yargs) =>
    yargs
      .positional('input', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'service folders (made by design-first new), blueprint files, or folders of blueprints',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'folder to write (new, empty, or an earlier catalogue, which is replaced)' })
      .option('playbook', {
        type: 'string',
        describe: 'playbook file or installed playbook package to judge conformance and drift against (default: the built-in playbook)',
      })
      .option('title', { type: 'string', describe: 'the catalogue\'s title (default: "API catalogue")' })
      .option('base-url', { type: 'string', describe: 'where the catalogue will be published, for absolute links in catalogue.csv and Backstage' })
      .option('provider', { type: 'string', describe: 'the organisation providing the APIs, for catalogue.csv (info.x-provider overrides it per API)' })
      .option('allow-remote-refs', { type: 'boolean', default: false, describe: 'allow http(s) $refs to public hosts' }),
  handler: async (argv) => {
    exitCodeBox.value = await runCatalogue(
      {
        inputs: argv.input,
        out: argv.out,
        ...(argv.playbook !== undefined ? { playbook: argv.playbook } : {}),
        ...(argv.title !== undefined ? { title: argv.title } : {}),
        ...(argv['base-url'] !== undefined ? { baseUrl: argv['base-url'] } : {}),
        ...(argv.provider !== undefined ? { provider: argv.provider } : {}),
        allowRemoteRefs: argv['allow-remote-refs'],
      },
      terminalIo(),
    );
  },
};
