/**
 * LoadedBlueprint[] -> ServiceModel. One blueprint per major version; the
 * stages after this one never see OpenAPI again.
 */
import { createHash } from 'node:crypto';
import { stringify as toYaml } from 'yaml';
import type { LoadedBlueprint } from '../blueprint/load.js';
import { usedSchemaComponents } from '../blueprint/operation-reach.js';
import { DesignFirstError } from '../errors.js';
import { createExampleCheck } from './samples/example-check.js';
import { SchemaConverter } from './json-schema.js';
import { refuseSameValueCycles } from './schema-cycles.js';
import { identifier, uniqueName } from './names.js';
import { buildOperations } from './operations.js';
import type { NamedType, RuntimeSettings, SecuritySchemeModel, ServiceModel, VersionModel } from './service-model.js';
import { chooseVersionPrefix } from './version-prefix.js';
import { schemaToType } from './type-node.js';
import type { Json } from '../blueprint/openapi.js';

export interface ModelOptions {
  /** npm package name; default: from the first blueprint's title. */
  name?: string;
  templateVersion: string;
  generatorVersion: string;
  runtime: RuntimeSettings;
  /**
   * The settings a version answers with when they are not `runtime`: a version
   * published under an earlier playbook keeps that playbook's contract.
   */
  versionRuntime?: (key: string) => RuntimeSettings | undefined;
  overriddenFindings?: string[];
}

export function buildServiceModel(blueprints: readonly LoadedBlueprint[], options: ModelOptions): ServiceModel {
  const versions: VersionModel[] = [];
  const byKey = new Map<string, LoadedBlueprint>();
  const sources = new Map<VersionModel, LoadedBlueprint>();
  for (const loaded of blueprints) {
    const key = versionKeyOf(loaded.document);
    const version = buildVersion(loaded, options.versionRuntime?.(key) ?? options.runtime);
    const clash = byKey.get(version.key);
    if (clash) {
      throw new DesignFirstError(
        'DF_ERR_MODEL_VERSION_CLASH',
        `both this blueprint and ${clash.root.displayName} are major version ${version.key}`,
        loaded.place('/info/version'),
      );
    }
    byKey.set(version.key, loaded);
    sources.set(version, loaded);
    versions.push(version);
  }
  separatePrefixes(versions, sources);
  versions.sort((a, b) => a.major - b.major);
  const first = blueprints[0]!.document.info as Json | undefined;
  const title = typeof first?.title === 'string' ? first.title : 'API';
  return {
    packageName: packageNameOf(options.name ?? title),
    title,
    description: typeof first?.description === 'string' ? first.description : '',
    templateVersion: options.templateVersion,
    generatorVersion: options.generatorVersion,
    versions,
    upstreams: [],
    runtime: options.runtime,
    overriddenFindings: options.overriddenFindings ?? [],
    credentialVariables: credentialVariables(versions),
  };
}

/** The variables the service needs to verify the credentials its operations ask for (platform/config.ts reads them). */
function credentialVariables(versions: readonly VersionModel[]): string[] {
  const kinds = new Set<string>();
  for (const version of versions) {
    const used = new Set(version.operations.flatMap((operation) => operation.route.security.flatMap((group) => group.map((entry) => entry.scheme))));
    for (const scheme of version.securitySchemes) {
      if (used.has(scheme.name) && (scheme.kind === 'jwt' || (scheme.kind === 'apiKey' && scheme.in === 'header'))) kinds.add(scheme.kind);
    }
  }
  return [...(kinds.has('jwt') ? ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'] : []), ...(kinds.has('apiKey') ? ['API_KEYS'] : [])];
}

function buildVersion(loaded: LoadedBlueprint, runtime: RuntimeSettings): VersionModel {
  const document = loaded.document as unknown as Json;
  const info = (document.info ?? {}) as Json;
  const apiVersion = typeof info.version === 'string' || typeof info.version === 'number' ? String(info.version) : '1';
  const major = majorOf(apiVersion);
  const key = `v${major}`;
  const notes: string[] = [];
  const served = chooseVersionPrefix(document, key);

  // Component names -> safe, unique type names, shared by the types and the $defs keys.
  const typeNames = new Map<string, string>();
  const taken = new Set<string>(['handlers', 'handlercontext']);
  const schemas = ((document.components as Json | undefined)?.schemas ?? {}) as Json;
  for (const name of Object.keys(schemas)) typeNames.set(name, uniqueName(identifier(name, 'pascal', 'Schema'), taken));
  const typeNameOf = (name: string) => typeNames.get(name) ?? 'unknown';

  const converter = new SchemaConverter({
    document,
    defKeyOf: typeNameOf,
    definitionsId: (direction) => `urn:design-first:${key}:${direction}`,
    notes: { add: (pointer, message) => notes.push(`#${pointer}: ${message}`) },
  });
  const typeContext = { document, typeNameOf };
  const types: NamedType[] = Object.entries(schemas).map(([name, schema]) => ({
    name: typeNameOf(name),
    description:
      schema && typeof schema === 'object' && typeof (schema as Json).description === 'string' ? ((schema as Json).description as string) : undefined,
    type: schemaToType(schema, typeContext),
  }));
  const definitions = { request: converter.definitions('request'), response: converter.definitions('response') };
  // Before anything checks a value against them: a component that reaches itself unnested sends every validator into endless recursion.
  const componentOf = new Map([...typeNames].map(([name, typeName]) => [typeName, name]));
  refuseSameValueCycles(
    [definitions.response, definitions.request],
    () => {
      const used = usedSchemaComponents(document);
      return [...typeNames].filter(([name]) => used.has(name)).map(([, typeName]) => typeName);
    },
    (defKey) => componentOf.get(defKey) ?? defKey,
    (pointer) => loaded.place(pointer),
  );
  const operations = buildOperations({
    loaded,
    converter,
    types: typeContext,
    notes,
    globalSecurity: document.security,
    isValidExample: createExampleCheck(definitions.response),
    isValidRequest: createExampleCheck(definitions.request),
    runtime,
    servedPath: served.servedPath,
  });
  if (operations.length === 0) {
    throw new DesignFirstError('DF_ERR_MODEL_NO_OPERATIONS', 'the blueprint has no operations under paths or webhooks', loaded.place('/paths'));
  }
  const blueprint = blueprintText(loaded);
  return {
    key,
    major,
    prefix: served.prefix,
    prefixReason: served.reason ?? null,
    title: typeof info.title === 'string' ? info.title : 'API',
    description: typeof info.description === 'string' ? info.description : '',
    apiVersion,
    deprecated: info['x-deprecated'] === true,
    sunset: typeof info['x-sunset'] === 'string' ? info['x-sunset'] : null,
    blueprintFile: `blueprints/${key}.${blueprint.format}`,
    blueprintFormat: blueprint.format,
    blueprintText: blueprint.text,
    blueprintHash: createHash('sha256').update(blueprint.text).digest('hex'),
    sourceFile: loaded.root.displayName,
    types,
    definitions,
    operations,
    securitySchemes: securitySchemes(document),
    runtime,
    notes,
  };
}

/** The version key (`v1`, `v2`) a blueprint is served under: its `info.version`'s major. */
export function versionKeyOf(document: unknown): string {
  const raw = (document as { info?: { version?: unknown } } | null)?.info?.version;
  return `v${majorOf(typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '1')}`;
}

/** `1.2.3` -> 1, `v2` -> 2, `2023-01-01` (date versions) -> 1. */
function majorOf(version: string): number {
  const match = /^v?(\d{1,3})(?:\.|$)/i.exec(version.trim());
  const major = match ? Number(match[1]) : 1;
  return major === 0 ? 1 : major;
}

/** The blueprint as reviewed: the file itself when it is one file, else the bundle. */
function blueprintText(loaded: LoadedBlueprint): { format: 'json' | 'yaml'; text: string } {
  if (loaded.singleFile) return { format: loaded.root.format, text: loaded.root.text };
  return { format: 'yaml', text: toYaml(loaded.document, { aliasDuplicateObjects: false, lineWidth: 0 }) };
}

function securitySchemes(document: Json): SecuritySchemeModel[] {
  const schemes = ((document.components as Json | undefined)?.securitySchemes ?? {}) as Json;
  return Object.entries(schemes).map(([name, raw]) => {
    const scheme = (raw ?? {}) as Json;
    const type = scheme.type;
    const isJwt = type === 'oauth2' || type === 'openIdConnect' || (type === 'http' && String(scheme.scheme).toLowerCase() === 'bearer');
    const location = scheme.in === 'header' || scheme.in === 'query' || scheme.in === 'cookie' ? scheme.in : null;
    return {
      name,
      kind: isJwt ? 'jwt' : type === 'apiKey' ? 'apiKey' : 'unsupported',
      in: type === 'apiKey' ? location : null,
      parameterName: type === 'apiKey' && typeof scheme.name === 'string' ? scheme.name : null,
    };
  });
}

/** An npm package name: lower case, URL-safe, at most 214 characters. */
export function packageNameOf(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[-._]+$/g, '')
    .slice(0, 100);
  return name === '' || name === 'node_modules' || name === 'favicon.ico' ? 'api-service' : name;
}

/**
 * Two versions under one prefix cannot both be served. A prefix taken from a
 * server URL (version-prefix.ts) gives way to the version's own `/<key>` (a
 * blueprint copied to a new major version often keeps its server URL); paths
 * that carry the same version segment themselves cannot, and are refused.
 */
function separatePrefixes(versions: VersionModel[], sources: ReadonlyMap<VersionModel, LoadedBlueprint>): void {
  const shared = (version: VersionModel) => versions.some((other) => other !== version && other.prefix === version.prefix);
  for (const version of versions) {
    if (shared(version) && version.prefixReason?.startsWith('the server URL')) {
      version.notes.push(`#/servers/0/url: ${version.prefixReason}, like another blueprint's; served under /${version.key} from info.version instead`);
      version.prefix = `/${version.key}`;
      version.prefixReason = null;
    }
  }
  const byPrefix = new Map<string, VersionModel>();
  for (const version of versions) {
    const other = byPrefix.get(version.prefix);
    if (other) {
      throw new DesignFirstError(
        'DF_ERR_MODEL_VERSION_CLASH',
        `both this blueprint and ${other.sourceFile} would be served under "${version.prefix || '/'}" (${version.prefixReason ?? 'their major version'})`,
        sources.get(version)!.place('/paths'),
      );
    }
    byPrefix.set(version.prefix, version);
  }
}
