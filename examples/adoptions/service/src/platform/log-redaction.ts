/**
 * Credentials never reach a log line. Headers that carry them are redacted
 * (pino's `redact`); the address of every request is logged with the values
 * of credential-looking query parameters replaced (`?access_token=[Redacted]`):
 * a client that puts a token in the query (refused, rightly) must not leave
 * it in the logs either.
 */
import type { FastifyRequest } from 'fastify';
import { settings } from './settings.js';
import type { VersionModule } from './version-module.js';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** Query parameters that carry credentials in the wild (OAuth 2, API gateways, signed URLs), compared without case. */
const CREDENTIAL_PARAMETERS = [
  'access_token', 'id_token', 'refresh_token', 'token', 'api_key', 'api-key', 'apikey', 'key', 'subscription-key', 'subscription_key',
  'client_secret', 'password', 'secret', 'sig', 'signature', 'x-amz-signature', 'x-amz-credential', 'x-amz-security-token',
];
const REDACTED = '[Redacted]';

/** Lower-case names of every header a subscription key may come in: the playbook's and the blueprint's `apiKey` schemes'. */
export function keyHeaders(versions: readonly VersionModule[]): string[] {
  const headers = new Set<string>();
  if (HEADER_NAME.test(settings.subscriptionKeyHeader)) headers.add(settings.subscriptionKeyHeader.toLowerCase());
  for (const version of versions) {
    for (const scheme of version.securitySchemes) {
      if (scheme.kind === 'apiKey' && scheme.in === 'header' && scheme.parameterName && HEADER_NAME.test(scheme.parameterName)) headers.add(scheme.parameterName.toLowerCase());
    }
  }
  return [...headers];
}

/** Log redaction paths for every header that carries credentials. */
export function credentialLogPaths(versions: readonly VersionModule[]): string[] {
  return ['authorization', ...keyHeaders(versions)].map((header) => `req.headers["${header}"]`);
}

/** The query parameters redacted: the common ones, the playbook's key header, and the blueprint's `apiKey` schemes in the query. */
export function credentialParameters(versions: readonly VersionModule[]): Set<string> {
  const names = new Set([...CREDENTIAL_PARAMETERS, settings.subscriptionKeyHeader].map(comparable));
  for (const version of versions) {
    for (const scheme of version.securitySchemes) {
      if (scheme.kind === 'apiKey' && scheme.in === 'query' && scheme.parameterName) names.add(comparable(scheme.parameterName));
    }
  }
  names.delete('');
  return names;
}

/**
 * A parameter name as compared: decoded, lower case, letters and digits only, so that `Access_Token`,
 * `access%5Ftoken`, `access_token[]` and `?access_token` (after `??`) are all `accesstoken`.
 */
function comparable(name: string): string {
  return decode(name).toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * `url` with the value of every parameter in `names` (as `comparable` writes them) replaced; the same
 * string when there is nothing to replace. Pairs are split at `&` and at `;`, which some servers accept too.
 */
export function redactUrl(url: string, names: ReadonlySet<string>): string {
  const start = url.indexOf('?');
  if (start < 0) return url;
  const pairs = url.slice(start + 1).split(/([&;])/);
  let changed = false;
  for (let index = 0; index < pairs.length; index += 2) {
    const pair = pairs[index]!;
    const equals = pair.indexOf('=');
    if (equals < 0) continue;
    const rawName = pair.slice(0, equals);
    if (names.has(comparable(rawName))) {
      pairs[index] = `${rawName}=${REDACTED}`;
      changed = true;
    }
  }
  return changed ? `${url.slice(0, start)}?${pairs.join('')}` : url;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/** Fastify's `req` log serializer, with the address redacted. */
export function requestSerializer(versions: readonly VersionModule[]): (request: FastifyRequest) => Record<string, unknown> {
  const names = credentialParameters(versions);
  return (request) => ({
    method: request.method,
    url: redactUrl(request.url, names),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  });
}
