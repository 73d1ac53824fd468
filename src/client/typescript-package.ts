/**
 * `design-first client --generator typescript`: a TypeScript client package
 * per API version, made by design-first itself (no Java, no OpenAPI
 * Generator): the API modelled as a service models an upstream it calls, and
 * rendered with the same typed client and call runtime (render-package.ts).
 * Each package goes to `<out>/<version>/typescript/`, staged and moved into
 * place only when every version succeeded, as the other generators' clients.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadBlueprint } from '../blueprint/load.js';
import { DesignFirstError } from '../errors.js';
import type { CommandIo } from '../io.js';
import { buildClientPackage } from '../model/upstreams/client-package.js';
import { GENERATOR_VERSION } from '../pipeline.js';
import { runtimeSettingsOf } from '../runtime-settings.js';
import { loadPlaybook } from '../playbook/index.js';
import { renderClientPackage } from '../render/render-package.js';
import { clientIdentity } from './command-line.js';
import { checkTarget, StagedOutputs } from './staging.js';

export const TYPESCRIPT_GENERATOR = 'typescript';

/** What `client` options mean here (the rest are OpenAPI Generator's, refused). */
export interface PackageOptions {
  cwd: string;
  dir?: string | undefined;
  out?: string | undefined;
  force?: boolean | undefined;
  jar?: string | undefined;
  openapitools?: string | undefined;
  download?: boolean | undefined;
  properties?: readonly string[] | undefined;
  extraArgs?: readonly string[] | undefined;
}

/** A version to make a package for, as generate-clients.ts plans it (the service's versions, or --blueprint). */
export interface PlannedPackage {
  readonly source: { readonly key: string; readonly blueprint: string };
  readonly info: { title?: unknown; version?: unknown };
  readonly serviceName: string | undefined;
}

export interface GeneratedPackage {
  readonly version: string;
  readonly generator: string;
  readonly folder: string;
  readonly files: number;
}

/** Options that only OpenAPI Generator reads. */
const JAVA_ONLY: ReadonlyArray<[keyof PackageOptions, string]> = [
  ['jar', '--jar'],
  ['openapitools', '--openapitools'],
  ['download', '--download'],
];

export async function generateTypeScriptPackages<O extends PackageOptions>(
  options: O,
  io: CommandIo,
  plan: (options: O, dir: string) => Promise<readonly PlannedPackage[]>,
): Promise<GeneratedPackage[]> {
  for (const [key, flag] of JAVA_ONLY) {
    if (options[key] !== undefined && options[key] !== false)
      throw new DesignFirstError('DF_ERR_USAGE', `${flag} is for OpenAPI Generator; --generator typescript needs no Java and no JAR`);
  }
  if ((options.properties ?? []).length > 0 || (options.extraArgs ?? []).length > 0) {
    throw new DesignFirstError('DF_ERR_USAGE', '-p and arguments after -- are for OpenAPI Generator; --generator typescript takes neither');
  }
  const dir = path.resolve(options.cwd, options.dir ?? '.');
  const outRoot = path.resolve(options.cwd, options.out ?? path.join(dir, 'clients'));
  const runtime = runtimeSettingsOf(await loadPlaybook(undefined));
  const targets = [];
  for (const { source, info, serviceName } of await plan(options, dir)) {
    const output = path.join(outRoot, source.key, TYPESCRIPT_GENERATOR);
    await checkTarget(output, options.force ?? false);
    const identity = clientIdentity(serviceName, info.title, info.version);
    const model = buildClientPackage(await loadBlueprint(source.blueprint), {
      packageName: identity.packageName,
      packageVersion: identity.packageVersion,
      runtime,
      generatorVersion: GENERATOR_VERSION,
    });
    targets.push({ version: source.key, output, files: await renderClientPackage(model) });
  }

  const staged = new StagedOutputs();
  try {
    for (const target of targets) {
      const staging = await staged.stage(target.output);
      for (const file of target.files) {
        const absolute = path.join(staging, file.path);
        await mkdir(path.dirname(absolute), { recursive: true });
        await writeFile(absolute, file.content);
      }
    }
    await staged.commit();
  } catch (error) {
    await staged.discard();
    throw error;
  }
  const clients = targets.map((target) => ({ version: target.version, generator: TYPESCRIPT_GENERATOR, folder: target.output, files: target.files.length }));
  for (const client of clients) {
    io.stdout(
      `${client.version}: typescript client package in ${path.relative(options.cwd, client.folder) || '.'} (${client.files} files): cd there, then npm install && npm test`,
    );
  }
  return clients;
}
