/**
 * What a developer wants to know about one version of an API, read from its
 * blueprint: who owns it, who may use it, how to authenticate, whether it is
 * still live, and its operations. Real documents hold odd shapes, so every
 * value is read through the guards of blueprint/openapi.ts and never assumed.
 */
import { asArray, asObject, asString, audienceOf, HTTP_METHODS, objectEntries, type Json } from '../blueprint/openapi.js';
import type { Audience, AuthMethod, Lifecycle, OperationSummary, Owner } from './types.js';

export interface VersionFacts {
  title: string;
  description: string;
  apiVersion: string;
  openapi: string;
  owner: Owner | null;
  audience: Audience;
  lifecycle: Lifecycle;
  sunset: string | null;
  servers: string[];
  authentication: AuthMethod[];
  operations: OperationSummary[];
  license: string | null;
  areaServed: string | null;
  provider: string | null;
  startDate: string | null;
}

export function versionFacts(document: unknown): VersionFacts {
  const root = asObject(document) ?? {};
  const info = asObject(root.info) ?? {};
  const text = (value: unknown): string | null => {
    const found = typeof value === 'number' ? String(value) : asString(value)?.trim();
    return found ? found : null;
  };
  return {
    title: text(info.title) ?? 'Untitled API',
    description: text(info.description) ?? '',
    apiVersion: text(info.version) ?? '',
    openapi: text(root.openapi) ?? '',
    owner: ownerOf(info.contact),
    audience: audienceOf(document) ?? 'unstated',
    lifecycle: info['x-deprecated'] === true ? 'deprecated' : 'live',
    sunset: text(info['x-sunset']),
    servers: asArray(root.servers)
      .map((server) => text(asObject(server)?.url))
      .filter((url): url is string => url !== null),
    authentication: authenticationOf(root),
    operations: operationsOf(root),
    license: text(asObject(info.license)?.name) ?? text(asObject(info.license)?.identifier) ?? text(asObject(info.license)?.url),
    areaServed: text(info['x-area-served']),
    provider: text(info['x-provider']),
    startDate: text(info['x-start-date']),
  };
}

/** `info.contact`, or null when it names nobody. */
function ownerOf(value: unknown): Owner | null {
  const contact = asObject(value);
  if (!contact) return null;
  const field = (key: string): string | null => asString(contact[key])?.trim() || null;
  const owner = { name: field('name'), email: field('email'), url: field('url') };
  return owner.name || owner.email || owner.url ? owner : null;
}

/** The first paragraph of a Markdown description, on one line: for lists, cards and exports. */
export function firstParagraph(description: string, limit = 300): string {
  const paragraph = description.split(/\n\s*\n/)[0] ?? '';
  const line = paragraph.replace(/\s+/g, ' ').trim();
  return line.length > limit ? `${line.slice(0, limit - 1).trimEnd()}…` : line;
}

/**
 * The security schemes operations actually require (an operation's own
 * `security` replaces the global one; `[]` or `[{}]` makes it public), in the
 * order the blueprint declares them.
 */
function authenticationOf(root: Json): AuthMethod[] {
  const schemes = asObject(asObject(root.components)?.securitySchemes) ?? {};
  const used = new Set<string>();
  const addRequirements = (security: unknown): void => {
    for (const requirement of asArray(security)) for (const name of Object.keys(asObject(requirement) ?? {})) used.add(name);
  };
  for (const [, pathItem] of objectEntries(root.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = asObject(pathItem[method]);
      if (!operation) continue;
      addRequirements(operation.security !== undefined ? operation.security : root.security);
    }
  }
  return Object.keys(schemes)
    .filter((name) => used.has(name))
    .map((name) => describeScheme(name, asObject(schemes[name]) ?? {}));
}

function describeScheme(name: string, scheme: Json): AuthMethod {
  const type = asString(scheme.type)?.toLowerCase();
  const method = (kind: AuthMethod['kind'], label: string, url: string | null = null, scopes: string[] = []): AuthMethod => ({
    scheme: name,
    kind,
    label,
    url,
    scopes,
  });
  if (type === 'oauth2') {
    const flows = asObject(scheme.flows) ?? {};
    const clientCredentials = asObject(flows.clientCredentials);
    const flow =
      clientCredentials ??
      Object.values(flows)
        .map(asObject)
        .find((candidate) => candidate !== undefined);
    const scopes = Object.keys(asObject(flow?.scopes) ?? {});
    const url = asString(flow?.tokenUrl) ?? asString(flow?.authorizationUrl) ?? null;
    if (clientCredentials) return method('oauth2-client-credentials', 'OAuth 2.0 client credentials', url, scopes);
    const names = Object.keys(flows).map((flowName) => FLOW_NAMES[flowName] ?? flowName);
    return method('oauth2', `OAuth 2.0${names.length > 0 ? ` (${names.join(', ')})` : ''}`, url, scopes);
  }
  if (type === 'openidconnect') return method('openid-connect', 'OpenID Connect', asString(scheme.openIdConnectUrl) ?? null);
  if (type === 'http') {
    const httpScheme = asString(scheme.scheme)?.toLowerCase();
    if (httpScheme === 'bearer') {
      const format = asString(scheme.bearerFormat);
      return method('bearer', `Bearer token${format ? ` (${format})` : ''}`);
    }
    if (httpScheme === 'basic') return method('basic', 'HTTP basic authentication');
    return method('other', `HTTP ${httpScheme ?? 'authentication'}`);
  }
  if (type === 'apikey') {
    const where = asString(scheme.in);
    const header = asString(scheme.name) ?? '';
    if (where === 'header') return method('subscription-key', `Subscription key in the ${header} header`);
    return method('api-key', `API key in the ${header} ${where === 'cookie' ? 'cookie' : 'query parameter'}`);
  }
  if (type === 'mutualtls') return method('mutual-tls', 'Mutual TLS (client certificate)');
  return method('other', type ? `${type} authentication` : 'an undeclared kind of authentication');
}

const FLOW_NAMES: Record<string, string> = {
  authorizationCode: 'authorisation code',
  implicit: 'implicit',
  password: 'password',
  clientCredentials: 'client credentials',
};

/** Every operation in document order: method, path, summary. */
function operationsOf(root: Json): OperationSummary[] {
  const operations: OperationSummary[] = [];
  for (const [pathKey, pathItem] of objectEntries(root.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = asObject(pathItem[method]);
      if (!operation) continue;
      operations.push({
        method: method.toUpperCase(),
        path: pathKey,
        summary: firstParagraph(asString(operation.summary) ?? asString(operation.description) ?? '', 160),
        operationId: asString(operation.operationId) ?? null,
        deprecated: operation.deprecated === true,
      });
    }
  }
  return operations;
}
