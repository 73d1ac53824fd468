/**
 * Which OpenAPI Generator to run and where its JAR lives, read from an
 * `openapitools.json` in the format of the npm wrapper
 * (@openapitools/openapi-generator-cli), so that the wrapper and design-first
 * agree on the pinned version and on the storage folder.
 *
 * Which file: `--openapitools FILE`, else the service's own `openapitools.json`,
 * else the one shipped at the root of this package, else the built-in pin
 * (the same value; a test keeps them equal).
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DesignFirstError } from '../errors.js';

export const WRAPPER_PACKAGE = '@openapitools/openapi-generator-cli';
export const CONFIG_FILE_NAME = 'openapitools.json';
/** Equal to `generator-cli.version` in the package's openapitools.json (a test checks). */
export const PINNED_GENERATOR_VERSION = '7.23.0';
/** The wrapper's default (its config.schema.json). */
export const DEFAULT_DOWNLOAD_URL =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: openapi-generator-cli's own placeholders, filled in by it
  'https://repo1.maven.org/maven2/${groupId}/${artifactId}/${versionName}/${artifactId}-${versionName}.jar';

const GENERATOR_VERSION = /^\d+\.\d+\.\d+(?:[-.][0-9A-Za-z.-]+)?$/;
const MAVEN_PLACEHOLDERS: Readonly<Record<string, string>> = {
  groupId: 'org/openapitools',
  artifactId: 'openapi-generator-cli',
  'group.id': 'org.openapitools',
  'artifact.id': 'openapi-generator-cli',
};

export interface GeneratorConfig {
  /** The openapitools.json that was read; undefined when the built-in pin is used. */
  readonly file: string | undefined;
  /** OpenAPI Generator version, for example 7.23.0. */
  readonly version: string;
  /** Absolute folder where the wrapper keeps `<version>.jar`; undefined when the wrapper is not installed and no storageDir is set. */
  readonly storageDir: string | undefined;
  /** Where the JAR of `version` is downloaded from (the wrapper's `repository.downloadUrl`, placeholders filled). */
  readonly downloadUrl: string;
}

/** The folder of the installed wrapper package, or undefined when it is not installed. */
export function wrapperFolder(): string | undefined {
  try {
    return path.dirname(createRequire(import.meta.url).resolve(`${WRAPPER_PACKAGE}/package.json`));
  } catch {
    return undefined;
  }
}

/** The root of the generator-design-first package (works from src/ under tsx and from dist/src/). */
export function packageRoot(): string | undefined {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (let level = 0; level < 5; level += 1) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'generator-design-first') return folder;
      } catch {
        // not ours; keep climbing
      }
    }
    folder = path.dirname(folder);
  }
  return undefined;
}

/** Pick the openapitools.json to use: explicit file, the service's, the package's, or none (built-in pin). */
export function chooseConfigFile(explicit: string | undefined, serviceDir: string | undefined): string | undefined {
  if (explicit !== undefined) return explicit;
  const candidates = [serviceDir, packageRoot()].filter((folder): folder is string => folder !== undefined);
  return candidates.map((folder) => path.join(folder, CONFIG_FILE_NAME)).find((file) => existsSync(file));
}

export async function loadGeneratorConfig(file: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<GeneratorConfig> {
  if (file === undefined) return resolveConfig(undefined, { version: PINNED_GENERATOR_VERSION }, env);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new DesignFirstError('DF_ERR_CLIENT_CONFIG', `cannot read ${CONFIG_FILE_NAME}: ${reason}`, { file });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new DesignFirstError('DF_ERR_CLIENT_CONFIG', `${CONFIG_FILE_NAME} is not JSON: ${(error as Error).message}`, { file });
  }
  const section = isRecord(data) ? data['generator-cli'] : undefined;
  if (!isRecord(section)) {
    throw new DesignFirstError('DF_ERR_CLIENT_CONFIG', 'no `generator-cli` object', { file, pointer: '/generator-cli' });
  }
  const { version, storageDir } = section;
  if (typeof version !== 'string' || !GENERATOR_VERSION.test(version)) {
    throw new DesignFirstError('DF_ERR_CLIENT_CONFIG', `\`generator-cli.version\` is ${JSON.stringify(version) ?? 'missing'}, not a pinned generator version`, {
      file,
      pointer: '/generator-cli/version',
    });
  }
  if (storageDir !== undefined && typeof storageDir !== 'string') {
    throw new DesignFirstError('DF_ERR_CLIENT_CONFIG', '`generator-cli.storageDir` is not a string', {
      file,
      pointer: '/generator-cli/storageDir',
    });
  }
  const repository = section.repository;
  const downloadUrl = isRecord(repository) && typeof repository.downloadUrl === 'string' ? repository.downloadUrl : undefined;
  return resolveConfig(file, { version, storageDir, downloadUrl }, env);
}

function resolveConfig(
  file: string | undefined,
  raw: { version: string; storageDir?: string | undefined; downloadUrl?: string | undefined },
  env: NodeJS.ProcessEnv,
): GeneratorConfig {
  let storageDir: string | undefined;
  if (raw.storageDir !== undefined && file !== undefined) {
    // The wrapper resolves a relative storageDir against its working folder;
    // design-first runs it (--download) from the config's folder, so both agree.
    const expanded = fillEnv(raw.storageDir, env).replace(/^~(?=$|[\\/])/, os.homedir());
    storageDir = path.resolve(path.dirname(file), expanded);
  } else {
    const wrapper = wrapperFolder();
    storageDir = wrapper === undefined ? undefined : path.join(wrapper, 'versions');
  }
  const template = raw.downloadUrl ?? DEFAULT_DOWNLOAD_URL;
  const downloadUrl = fillEnv(fill(template, { ...MAVEN_PLACEHOLDERS, versionName: raw.version }), env);
  return { file, version: raw.version, storageDir, downloadUrl };
}

/** The wrapper's JAR location for a version: `<storageDir>/<version>.jar`. */
export function storedJarPath(config: GeneratorConfig): string | undefined {
  return config.storageDir === undefined ? undefined : path.join(config.storageDir, `${config.version}.jar`);
}

function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** `${env.NAME}` and `${NAME}` from the environment, as the wrapper does; unknown ones stay as written. */
function fillEnv(text: string, env: NodeJS.ProcessEnv): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => env[name.startsWith('env.') ? name.slice(4) : name] ?? whole);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
