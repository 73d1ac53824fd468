/**
 * The OpenAPI Generator command line: `generate` with the generator, input,
 * output and additional properties, built once and run as
 * `java [JAVA_OPTS] -jar JAR generate …`, the same arguments the wrapper
 * passes through to the JAR.
 *
 * Arguments are a list handed to spawn, never a shell string: the wrapper
 * joins its command with spaces and runs it through a shell, which breaks on
 * paths with spaces and quotes.
 */
import { DesignFirstError } from '../errors.js';

export interface GenerateSpec {
  /** OpenAPI Generator name, for example typescript-fetch. */
  readonly generator: string;
  /** Absolute path of the blueprint. */
  readonly inputSpec: string;
  /** Absolute path of the (staging) output folder. */
  readonly output: string;
  /** `--additional-properties`, in order; values contain no comma. */
  readonly additionalProperties: Readonly<Record<string, string>>;
  /** Given after `--` on the design-first command line, passed on as they are. */
  readonly extraArgs: readonly string[];
}

export const DEFAULT_GENERATOR = 'typescript-fetch';

/** Flags that design-first sets itself; giving them after `--` would write outside the staged output. */
const OWN_FLAGS = ['-g', '--generator-name', '-i', '--input-spec', '-o', '--output'];

export function buildGenerateArgs(spec: GenerateSpec): string[] {
  const args = ['generate', '--generator-name', spec.generator, '--input-spec', spec.inputSpec, '--output', spec.output];
  const properties = Object.entries(spec.additionalProperties).map(([key, value]) => `${key}=${value}`);
  if (properties.length > 0) args.push('--additional-properties', properties.join(','));
  return [...args, ...spec.extraArgs];
}

/** `java [JAVA_OPTS…] -jar JAR <generate args>`, as argv for spawn. */
export function javaCommandLine(jar: string, generateArgs: readonly string[], javaOpts: string | undefined): string[] {
  const options = (javaOpts ?? '').split(/\s+/).filter((option) => option !== '');
  return ['java', ...options, '-jar', jar, ...generateArgs];
}

/** Generator names are kebab-case words (typescript-fetch, python, java); they also name an output folder. */
export function checkGeneratorName(name: string): void {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/i.test(name)) {
    throw new DesignFirstError('DF_ERR_USAGE', `--generator ${JSON.stringify(name)} is not a generator name (such as typescript-fetch)`);
  }
}

export function checkExtraArgs(extraArgs: readonly string[]): void {
  for (const arg of extraArgs) {
    const flag = OWN_FLAGS.find((own) => arg === own || arg.startsWith(`${own}=`));
    if (flag !== undefined) {
      throw new DesignFirstError('DF_ERR_USAGE', `${flag} after -- is set by design-first itself; use --generator, --blueprint or --out instead`);
    }
  }
}

/** `key=value` pairs from `--property`; OpenAPI Generator splits the list on commas, so values cannot hold one. */
export function parseProperties(pairs: readonly string[]): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    const key = equals > 0 ? pair.slice(0, equals) : '';
    const value = pair.slice(equals + 1);
    if (!/^[A-Za-z_][\w.-]*$/.test(key)) {
      throw new DesignFirstError('DF_ERR_USAGE', `--property ${JSON.stringify(pair)} is not key=value`);
    }
    if (value.includes(',')) {
      throw new DesignFirstError('DF_ERR_USAGE', `--property ${key}: OpenAPI Generator splits properties on commas, so a value cannot contain one`);
    }
    properties[key] = value;
  }
  return properties;
}

export interface ClientIdentity {
  /** npm package name of the client, for example `@acme/pets-client`. */
  readonly packageName: string;
  /** The blueprint's info.version when it is a semantic version (1.2.0; 1 and 1.2 are padded). */
  readonly packageVersion: string | undefined;
}

/**
 * What design-first sets by default: for the TypeScript generators, an npm
 * package name and version (without npmName typescript-fetch writes no
 * package.json, so there is nothing to build or publish) and ES2015+ output.
 * Other generators take their own keys; give them with --property.
 */
export function defaultAdditionalProperties(generator: string, identity: ClientIdentity): Record<string, string> {
  if (!generator.startsWith('typescript')) return {};
  const properties: Record<string, string> = { npmName: identity.packageName };
  if (identity.packageVersion !== undefined) properties.npmVersion = identity.packageVersion;
  properties.supportsES6 = 'true';
  return properties;
}

/** `Pets API` + `1.2` gives `pets-api-client` + `1.2.0`; a service's package name `@acme/pets` gives `@acme/pets-client`. */
export function clientIdentity(serviceName: string | undefined, title: unknown, infoVersion: unknown): ClientIdentity {
  const base = serviceName ?? slug(typeof title === 'string' ? title : '') ?? 'api';
  return { packageName: `${base}-client`, packageVersion: semanticVersion(infoVersion) };
}

export function slug(text: string): string | undefined {
  const result = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 200);
  return result === '' ? undefined : result;
}

function semanticVersion(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  if (/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(text)) return text;
  const short = /^(\d+)(?:\.(\d+))?$/.exec(text);
  return short ? `${short[1]}.${short[2] ?? 0}.0` : undefined;
}
