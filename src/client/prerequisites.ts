/**
 * What OpenAPI Generator needs before it can run: Java 11 or newer and the
 * generator JAR. Both are checked before anything is written, because the
 * wrapper, left to itself without network access, tries to download the JAR,
 * fails, and then runs `java -jar …/undefined.jar` with a page of stack trace.
 *
 * The checks go through the small Prerequisites interface so that tests can
 * walk every missing-prerequisite path on a machine that has Java.
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { DesignFirstError } from '../errors.js';
import { storedJarPath, WRAPPER_PACKAGE, type GeneratorConfig } from './config.js';

export const MIN_JAVA_MAJOR = 11;
export const JAR_ENV = 'OPENAPI_GENERATOR_JAR';

export interface Prerequisites {
  /** Major version of the `java` on PATH (8 for 1.8, 17 for 17.0.15), or undefined when it does not run. */
  javaVersion(): Promise<number | undefined>;
  /** True when the path is an existing regular file. */
  fileExists(file: string): Promise<boolean>;
}

/** Fetches the JAR of `config.version` into `config.storageDir` (through the wrapper); says why when it could not. */
export type JarDownloader = (config: GeneratorConfig) => Promise<{ ok: boolean; reason: string }>;

/** The major version in `java -version` output: `openjdk version "17.0.15"` gives 17, `java version "1.8.0_292"` gives 8. */
export function parseJavaMajor(output: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(output);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 && match[2] !== undefined ? Number(match[2]) : major;
}

export const systemPrerequisites: Prerequisites = {
  javaVersion: () =>
    new Promise((resolve) => {
      let output = '';
      const child = spawn('java', ['-version'], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      child.on('error', () => resolve(undefined));
      child.on('close', (code) => resolve(code === 0 ? parseJavaMajor(output) : undefined));
    }),
  fileExists: async (file) => {
    try {
      return (await stat(file)).isFile();
    } catch {
      return false;
    }
  },
};

export interface JarRequest {
  /** `--jar PATH`, already absolute. */
  jar: string | undefined;
  /** `$OPENAPI_GENERATOR_JAR`, already absolute. */
  envJar: string | undefined;
  config: GeneratorConfig;
  /** Try the wrapper's download when the stored JAR is missing (`--download`). */
  download: JarDownloader | undefined;
}

/**
 * Java and the JAR, or a DesignFirstError whose one line says what is missing
 * and how to provide it. Returns the absolute path of the JAR to run.
 */
export async function checkPrerequisites(request: JarRequest, prerequisites: Prerequisites): Promise<string> {
  const { config } = request;
  const [java, jar] = await Promise.all([prerequisites.javaVersion(), findJar(request, prerequisites)]);
  const needs = `OpenAPI Generator ${config.version} needs Java ${MIN_JAVA_MAJOR} or newer`;
  if (java === undefined || java < MIN_JAVA_MAJOR) {
    const what = java === undefined ? `Java is missing: \`java -version\` did not run, and ${needs} on PATH` : `Java ${java} is too old: ${needs}`;
    const also = typeof jar === 'string' ? '' : `; also ${jar.missing}`;
    throw new DesignFirstError('DF_ERR_CLIENT_NO_JAVA', `${what}${also}`);
  }
  if (typeof jar === 'string') return jar;
  // Only the wrapper's own storage is downloaded into: an explicit --jar or
  // OPENAPI_GENERATOR_JAR that names nothing is a mistake to report, not to paper over.
  if (jar.downloadable && request.download) {
    const stored = storedJarPath(config)!;
    const result = await request.download(config);
    if (await prerequisites.fileExists(stored)) return stored;
    throw new DesignFirstError(
      'DF_ERR_CLIENT_NO_JAR',
      `the OpenAPI Generator ${config.version} JAR is missing: downloading ${config.downloadUrl} into ${config.storageDir} through ${WRAPPER_PACKAGE} failed (${result.reason})`,
    );
  }
  throw new DesignFirstError('DF_ERR_CLIENT_NO_JAR', jar.missing);
}

type JarLookup = string | { missing: string; downloadable: boolean };

async function findJar(request: JarRequest, prerequisites: Prerequisites): Promise<JarLookup> {
  const { config } = request;
  if (request.jar !== undefined) {
    if (await prerequisites.fileExists(request.jar)) return request.jar;
    return { missing: `the OpenAPI Generator JAR given with --jar is missing: ${request.jar} is not a file`, downloadable: false };
  }
  if (request.envJar !== undefined) {
    if (await prerequisites.fileExists(request.envJar)) return request.envJar;
    return { missing: `the OpenAPI Generator JAR named by ${JAR_ENV} is missing: ${request.envJar} is not a file`, downloadable: false };
  }
  const stored = storedJarPath(config);
  if (stored === undefined) {
    return {
      missing: `the OpenAPI Generator ${config.version} JAR is missing: no --jar, no ${JAR_ENV}, and ${WRAPPER_PACKAGE} is not installed to keep one (the JAR is at ${config.downloadUrl})`,
      downloadable: false,
    };
  }
  if (await prerequisites.fileExists(stored)) return stored;
  return {
    missing:
      `the OpenAPI Generator ${config.version} JAR is missing: ${stored} does not exist ` +
      `(the wrapper fetches ${config.downloadUrl} only where it is reachable: try --download, or fetch it yourself)`,
    downloadable: true,
  };
}

/** Make a path from the command line or the environment absolute. */
export function absoluteFrom(cwd: string, file: string | undefined): string | undefined {
  return file === undefined || file === '' ? undefined : path.resolve(cwd, file);
}
