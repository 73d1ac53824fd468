/**
 * `design-first client [--generator NAME] [--version V]… [--out DIR] [-- extra generate args]`
 * Thin: options in, generateClients out (src/client/).
 */
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_GENERATOR } from '../../client/command-line.js';
import { generateClients, systemClientDeps } from '../../client/generate-clients.js';
import { exitCodeBox } from '../exit-code.js';
import { processIo, runCommand } from '../run-command.js';

interface ClientArgs {
  generator: string;
  version?: string[];
  dir?: string;
  blueprint?: string;
  out?: string;
  jar?: string;
  openapitools?: string;
  property?: string[];
  force: boolean;
  download: boolean;
  '--'?: (string | number)[];
}

export const clientCommand: CommandModule<object, ClientArgs> = {
  command: 'client',
  describe: "generate a typed client for each version of the service's API: --generator typescript needs no Java; the others run OpenAPI Generator (Java 11+)",
  builder: (yargs: Argv<object>) =>
    yargs
      // --version names an API version here, not design-first's own version.
      .version(false)
      .parserConfiguration({ 'populate--': true })
      .usage('$0 client [--generator NAME] [--version V]... [--out DIR] [-- extra OpenAPI Generator arguments]')
      .option('generator', {
        alias: 'g',
        type: 'string',
        default: DEFAULT_GENERATOR,
        describe: "typescript (design-first's own package, no Java), or an OpenAPI Generator name",
      })
      .option('version', { type: 'string', array: true, describe: 'API version key (repeatable); default every version of the service' })
      .option('dir', { type: 'string', describe: 'the service folder (holds .design-first/manifest.json); default the current folder' })
      .option('blueprint', { type: 'string', describe: "a blueprint to use instead of the service's" })
      .option('out', { type: 'string', describe: 'root folder for clients: each goes to OUT/<version>/<generator>; default DIR/clients' })
      .option('jar', { type: 'string', describe: 'the openapi-generator-cli JAR; default $OPENAPI_GENERATOR_JAR, then the wrapper storageDir' })
      .option('openapitools', { type: 'string', describe: "openapitools.json with the pinned generator version; default the service's, then design-first's" })
      .option('property', { alias: 'p', type: 'string', array: true, describe: 'additional property key=value for the generator (repeatable)' })
      .option('force', { type: 'boolean', default: false, describe: 'replace existing client folders' })
      .option('download', {
        type: 'boolean',
        default: false,
        describe: 'let openapi-generator-cli download a missing JAR from Maven Central',
      }) as unknown as Argv<ClientArgs>,
  handler: async (argv) => {
    exitCodeBox.value = await runCommand(processIo, async () => {
      await generateClients(
        {
          cwd: process.cwd(),
          dir: argv.dir,
          generator: argv.generator,
          versions: argv.version,
          blueprint: argv.blueprint,
          out: argv.out,
          jar: argv.jar,
          openapitools: argv.openapitools,
          properties: argv.property,
          extraArgs: (argv['--'] ?? []).map(String),
          force: argv.force,
          download: argv.download,
        },
        systemClientDeps(processIo),
      );
      return 0;
    });
  },
};
