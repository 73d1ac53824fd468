/**
 * What each operation's `security` asks, resolved once when the service
 * starts (auth.ts judges requests against it): the alternatives and their
 * checks, the challenges a refusal sends, the headers credentials come in,
 * and which kinds of credentials the service must be configured for.
 */
import type { RouteSpec, SecuritySchemeSpec, VersionModule } from './version-module.js';

export const REALM = 'api';
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

/** One scheme of one alternative, resolved against the version's schemes. */
/** `key` names the credentials a check reads: each is judged at most once per request. */
export type Check =
  | { kind: 'jwt'; key: string; scheme: string; scopes: string[] }
  | { kind: 'apiKey'; key: string; scheme: string; header: string; headerName: string }
  | { kind: 'unsupported'; key: string; scheme: string; why: string };

export interface Plan {
  operationId: string;
  version: string;
  alternatives: Check[][];
  /** WWW-Authenticate for a 401 without a presented bearer token, and with one. */
  challenge: string;
  invalidTokenChallenge: string;
  expected: string;
  /** Lower-case names of the headers whose credentials a check reads; each may be sent once. */
  credentialHeaders: string[];
}

export function planFor(route: RouteSpec, version: VersionModule): Plan {
  const schemes = new Map<string, SecuritySchemeSpec>(version.securitySchemes.map((scheme) => [scheme.name, scheme]));
  const alternatives = route.security.map((requirement) => requirement.map(({ scheme, scopes }) => checkFor(schemes.get(scheme), scheme, scopes)));
  const checks = alternatives.flat();
  const challenges: string[] = [];
  const expected: string[] = [];
  const hasJwt = checks.some((check) => check.kind === 'jwt');
  if (hasJwt) expected.push('a bearer token in Authorization');
  for (const header of new Set(checks.flatMap((check) => (check.kind === 'apiKey' ? [check.headerName] : [])))) {
    challenges.push(`ApiKey realm="${REALM}", header="${header}"`);
    expected.push(`a subscription key in ${header}`);
  }
  const challengeList = (bearer: string) => [...(hasJwt ? [bearer] : []), ...challenges].join(', ') || `Bearer realm="${REALM}"`;
  return {
    operationId: route.operationId,
    version: version.key,
    alternatives,
    challenge: challengeList(`Bearer realm="${REALM}"`),
    invalidTokenChallenge: challengeList(`Bearer realm="${REALM}", error="invalid_token"`),
    expected: expected.join(' or '),
    credentialHeaders: [...new Set(checks.flatMap((check) => (check.kind === 'jwt' ? ['authorization'] : check.kind === 'apiKey' ? [check.header] : [])))],
  };
}

function checkFor(scheme: SecuritySchemeSpec | undefined, name: string, scopes: string[]): Check {
  const why = unsupported(scheme, scopes);
  if (why !== null || !scheme) return { kind: 'unsupported', key: `unsupported:${name}`, scheme: name, why: why ?? 'not declared' };
  if (scheme.kind === 'jwt') return { kind: 'jwt', key: 'jwt', scheme: name, scopes };
  const header = scheme.parameterName!.toLowerCase();
  return { kind: 'apiKey', key: `apiKey:${header}`, scheme: name, header, headerName: scheme.parameterName! };
}

/** Why a requirement on this scheme (with these scopes) can never be met by this service; null when it can. */
export function unsupported(scheme: SecuritySchemeSpec | undefined, scopes: readonly string[]): string | null {
  if (!scheme) return 'not declared in components.securitySchemes';
  if (scheme.kind === 'jwt') return scopes.includes('') ? 'an empty scope can never be granted' : null;
  if (scheme.kind === 'apiKey') {
    if (scheme.in !== 'header') return `API keys in the ${scheme.in ?? 'unknown place'} are not accepted, only in a header`;
    if (!scheme.parameterName || !HEADER_NAME.test(scheme.parameterName)) return 'the header name is not a valid HTTP header name';
    if (scopes.length > 0) return 'subscription keys carry no roles or scopes';
    return null;
  }
  return 'only bearer tokens (oauth2, openIdConnect, http bearer) and subscription keys in a header are supported';
}

export interface Usage {
  /** Scheme name -> versions using it. */
  jwt: Map<string, Set<string>>;
  apiKey: Map<string, Set<string>>;
  unsupported: Map<string, { why: string; alwaysRefused: string[] }>;
}

/** Which kinds of credentials the operations need, and which operations can never be called. */
export function usage(plans: Plan[]): Usage {
  const result: Usage = { jwt: new Map(), apiKey: new Map(), unsupported: new Map() };
  for (const plan of plans) {
    for (const check of plan.alternatives.flat()) {
      const label = `security scheme ${printable(check.scheme)} (${plan.version})`;
      if (check.kind === 'jwt' || check.kind === 'apiKey') {
        const table = result[check.kind];
        table.set(printable(check.scheme), (table.get(printable(check.scheme)) ?? new Set()).add(plan.version));
      } else {
        const entry = result.unsupported.get(label) ?? { why: check.why, alwaysRefused: [] };
        result.unsupported.set(label, entry);
        const blocked = plan.alternatives.every((alternative) => alternative.some((item) => item.kind === 'unsupported'));
        if (blocked && !entry.alwaysRefused.includes(plan.operationId)) entry.alwaysRefused.push(plan.operationId);
      }
    }
  }
  return result;
}

/** A blueprint name as it appears in one-line messages: plain, or quoted. */
function printable(name: string): string {
  return /^[\w.-]{1,64}$/.test(name) ? name : JSON.stringify(name.slice(0, 64));
}

/** `security scheme a (v1, v2) needs` / `security schemes a (v1) and b (v1) need` */
export function listed(schemes: Map<string, Set<string>>): string {
  const items = [...schemes].map(([scheme, versions]) => `${scheme} (${[...versions].join(', ')})`);
  const shown = items.length <= 3 ? items : [...items.slice(0, 3), `${items.length - 3} more`];
  const text = shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]!}`;
  return items.length === 1 ? `security scheme ${text} needs` : `security schemes ${text} need`;
}
