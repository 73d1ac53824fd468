/**
 * Authentication and authorisation, fail-closed, from the blueprint's
 * `security`: a list of alternatives (any one may pass), each a set of schemes
 * that must all pass, each with the scopes it needs; `[]` is public.
 *
 * - oauth2, openIdConnect and http bearer: a JWT verified against the JWKS
 *   (auth-jwt.ts); its scopes come from `scope`, `scp` and `roles`.
 * - apiKey in a header: a subscription key configured per client (auth-api-keys.ts).
 * - anything else (http basic, mutualTLS, keys in the query or a cookie, a
 *   scheme the blueprint does not declare): the requirement can never be met,
 *   and the service says so at start.
 *
 * A scheme an operation uses but the environment does not configure stops the
 * service from starting (ConfigError, naming the variable). AUTH_MODE=mock,
 * never in production, lets every call through for local development.
 * Refusals: 401 with WWW-Authenticate, 403 for missing scopes, 503 when the
 * identity provider's keys cannot be fetched; always in the problem shape.
 */
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { createApiKeyStore, type ApiKeyStore } from './auth-api-keys.js';
import { createJwtVerifier, MAX_TOKEN_LENGTH, TokenRefused, VerificationUnavailable, type JwtVerifier, type VerifiedToken } from './auth-jwt.js';
import { identifyClient } from './client.js';
import { ConfigError, type Config } from './config.js';
import { sendProblem } from './errors.js';
import { settings } from './settings.js';
import type { RouteSpec, SecuritySchemeSpec, VersionModule } from './version-module.js';

/** A callback-style onRequest hook: it calls `done` to let the request through, or answers the refusal itself. */
export type RouteGuard = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void;

/** The guard of an operation; null for a public one, which needs none. */
export type AuthGuard = (route: RouteSpec) => RouteGuard | null;

const REALM = 'api';
const NOT_REPEAT = 'Do not repeat the request unchanged.';
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
/** RFC 6750 scope-token characters: no space, quote or backslash. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

/** One scheme of one alternative, resolved against the version's schemes. */
/** `key` names the credentials a check reads: each is judged at most once per request. */
type Check =
  | { kind: 'jwt'; key: string; scheme: string; scopes: string[] }
  | { kind: 'apiKey'; key: string; scheme: string; header: string; headerName: string }
  | { kind: 'unsupported'; key: string; scheme: string; why: string };

interface Plan {
  operationId: string;
  version: string;
  alternatives: Check[][];
  /** WWW-Authenticate for a 401 without a presented bearer token, and with one. */
  challenge: string;
  invalidTokenChallenge: string;
  expected: string;
}

/** What one kind of credentials says about this request. */
type Outcome =
  | { status: 'ok'; client: string; scopes: ReadonlySet<string> }
  | { status: 'absent' }
  | { status: 'invalid'; reason: string }
  | { status: 'unavailable'; reason: string }
  | { status: 'unsupported' };

const NO_SCOPES: ReadonlySet<string> = new Set();

/** The guard's answer once every outcome it needed was known. */
type Verdict = { pass: true; client: string } | { pass: false; insufficient: string[] | null };

/** A token that is not in the verifier's cache: its signature is checked before the guard can answer. */
interface Pending {
  key: string;
  outcome: Promise<Outcome>;
}

export function createAuthGuard(config: Config, versions: readonly VersionModule[], log: FastifyBaseLogger): AuthGuard {
  const plans = new Map<RouteSpec, Plan>();
  for (const version of versions) {
    for (const route of version.routes) plans.set(route, planFor(route, version));
  }
  const planOf = (route: RouteSpec): Plan => {
    const plan = plans.get(route);
    if (!plan) throw new Error(`operation ${route.operationId} is not in any version given to createAuthGuard`);
    return plan;
  };

  if (config.authMode === 'mock') {
    return (route) => {
      if (planOf(route).alternatives.length === 0) return null;
      return (request, _reply, done) => {
        identifyClient(request, 'mock-client');
        done();
      };
    };
  }

  const needs = usage([...plans.values()]);
  const jwtConfig = config.auth?.jwt ?? null;
  const keyConfig = config.auth?.apiKeys ?? null;
  const missing: string[] = [];
  if (needs.jwt.size > 0 && !jwtConfig) {
    missing.push(`AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE are not set: ${listed(needs.jwt)} bearer token verification`);
  }
  if (needs.apiKey.size > 0 && !keyConfig) {
    missing.push(`API_KEYS (or API_KEYS_FILE) is not set: ${listed(needs.apiKey)} subscription keys per client`);
  }
  if (missing.length > 0) throw new ConfigError(`${missing.join('; ')} (AUTH_MODE=mock runs without credentials, for local development only)`);

  const verifier: JwtVerifier | null = needs.jwt.size > 0 && jwtConfig ? createJwtVerifier(jwtConfig) : null;
  const keys: ApiKeyStore | null = needs.apiKey.size > 0 && keyConfig ? createApiKeyStore(keyConfig) : null;
  if (jwtConfig && verifier) {
    log.info({ jwks: jwtConfig.jwksUrl, issuers: jwtConfig.issuers, audiences: jwtConfig.audiences }, 'auth: bearer tokens are verified against the JWKS');
  }
  if (keys) log.info({ clients: keys.clients }, 'auth: subscription keys are checked');
  for (const [label, entry] of needs.unsupported) {
    log.warn({ refusingEveryCall: entry.alwaysRefused }, `auth: ${label} is not supported (${entry.why}); operations that can only use it refuse every call`);
  }

  const verified = (token: VerifiedToken): Outcome => ({ status: 'ok', client: token.client, scopes: token.scopes });
  const failed = (error: unknown): Outcome => {
    if (error instanceof TokenRefused) return { status: 'invalid', reason: error.reason };
    if (error instanceof VerificationUnavailable) return { status: 'unavailable', reason: error.reason };
    return { status: 'unavailable', reason: 'unexpected failure' };
  };

  /** What one check's credentials say; a promise only for a token whose signature has not been checked yet. */
  const outcomeOf = (check: Check, request: FastifyRequest): Outcome | Promise<Outcome> => {
    if (check.kind === 'jwt') {
      const token = bearerToken(request.headers.authorization);
      if (token === null) return { status: 'absent' };
      if (token === '' || token.length > MAX_TOKEN_LENGTH) return { status: 'invalid', reason: 'malformed Authorization header' };
      // A token in the cache passed every check before (it holds no white space): no need to scan it again.
      const known = verifier!.cached(token);
      if (known) return verified(known);
      if (/\s/.test(token)) return { status: 'invalid', reason: 'malformed Authorization header' };
      return verifier!.verify(token).then(verified, failed);
    }
    if (check.kind === 'apiKey') {
      const value = request.headers[check.header];
      if (value === undefined) return { status: 'absent' };
      const client = typeof value === 'string' ? keys!.identify(value.trim()) : null;
      return client === null ? { status: 'invalid', reason: `unknown key in ${check.headerName}` } : { status: 'ok', client, scopes: NO_SCOPES };
    }
    return { status: 'unsupported' };
  };

  /**
   * The alternatives in order, each check in order, stopping at the first that
   * fails: a check is judged only when it is reached. Outcomes already judged
   * come from `outcomes`; a token still to verify stops the walk (Pending), and
   * the walk starts again once its outcome is known.
   */
  const judge = (plan: Plan, request: FastifyRequest, outcomes: Map<string, Outcome>): Verdict | Pending => {
    let insufficient: string[] | null = null;
    for (const alternative of plan.alternatives) {
      let client: string | null = null;
      let passed = true;
      for (const check of alternative) {
        let outcome = outcomes.get(check.key);
        if (outcome === undefined) {
          const found = outcomeOf(check, request);
          if (found instanceof Promise) return { key: check.key, outcome: found };
          outcome = found;
          outcomes.set(check.key, outcome);
        }
        if (outcome.status !== 'ok') {
          passed = false;
          break;
        }
        if (check.kind === 'jwt') {
          const held = outcome.scopes;
          if (check.scopes.some((scope) => !held.has(scope))) {
            insufficient ??= check.scopes;
            passed = false;
            break;
          }
        }
        client ??= outcome.client;
      }
      if (passed && client !== null) return { pass: true, client };
    }
    return { pass: false, insufficient };
  };

  return (route) => {
    const plan = planOf(route);
    if (plan.alternatives.length === 0) return null;
    // Synchronous while every outcome is known (API keys, cached tokens): no promise per request.
    return (request, reply, done) => {
      const outcomes = new Map<string, Outcome>();
      const decide = (): void => {
        const verdict = judge(plan, request, outcomes);
        if ('outcome' in verdict) {
          verdict.outcome
            .then((outcome) => {
              outcomes.set(verdict.key, outcome);
              decide();
            })
            .catch(done);
          return;
        }
        if (verdict.pass) {
          // Rate limits, metrics and log lines count by it from here on.
          identifyClient(request, verdict.client);
          done();
          return;
        }
        // The refusal is the answer: the request goes no further.
        refuse(plan, outcomes, verdict.insufficient, request, reply);
      };
      decide();
    };
  };
}

/**
 * The credentials of `Authorization: Bearer <token>` (scheme case-insensitive,
 * surrounding white space dropped), '' for a bare `Bearer`, null for any other
 * header or none. Without a regular expression: the header is scanned once, it
 * arrives with every request and a token is several hundred characters long.
 */
function bearerToken(header: string | undefined): string | null {
  if (header === undefined || header.length < 6 || header.slice(0, 6).toLowerCase() !== 'bearer') return null;
  const rest = header.slice(6);
  if (rest !== '' && rest.trimStart().length === rest.length) return null; // `Bearerx...` is another scheme
  return rest.trim();
}

function refuse(plan: Plan, outcomes: Map<string, Outcome>, insufficient: string[] | null, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const all = [...outcomes.values()];
  const unavailable = all.find((outcome) => outcome.status === 'unavailable');
  if (unavailable) {
    request.log.error({ operationId: plan.operationId, reason: unavailable.reason }, 'auth: credentials could not be checked');
    reply.header('retry-after', '30');
    return sendProblem(reply, 503, 'Credentials cannot be checked at the moment. Try again later.');
  }
  const refusedReasons = all.flatMap((outcome) => (outcome.status === 'invalid' ? [outcome.reason] : []));
  if (insufficient) {
    request.log.info({ operationId: plan.operationId, needs: insufficient }, 'auth: insufficient scope');
    const scope = insufficient.every((item) => SCOPE_TOKEN.test(item)) ? `, scope="${insufficient.join(' ')}"` : '';
    reply.header('www-authenticate', `Bearer realm="${REALM}", error="insufficient_scope"${scope}`);
    return sendProblem(reply, 403, `The credentials are valid but do not grant this operation, which needs the scope(s) ${insufficient.join(', ')}. ${NOT_REPEAT}`);
  }
  request.log.info({ operationId: plan.operationId, reasons: refusedReasons }, 'auth: credentials refused');
  const tokenRefused = outcomes.get('jwt')?.status === 'invalid';
  reply.header('www-authenticate', tokenRefused ? plan.invalidTokenChallenge : plan.challenge);
  const detail =
    plan.expected === ''
      ? 'This operation needs a kind of authentication this service does not accept, so it refuses every call.'
      : tokenRefused
        ? 'The bearer token was refused: it is malformed, expired or not yet valid, meant for another audience or issuer, or not signed by a trusted key.'
        : refusedReasons.length > 0
          ? 'The subscription key was refused.'
          : `This operation needs credentials: ${plan.expected}.`;
  return sendProblem(reply, 401, `${detail} ${NOT_REPEAT}`);
}

function planFor(route: RouteSpec, version: VersionModule): Plan {
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

interface Usage {
  /** Scheme name -> versions using it. */
  jwt: Map<string, Set<string>>;
  apiKey: Map<string, Set<string>>;
  unsupported: Map<string, { why: string; alwaysRefused: string[] }>;
}

/** Which kinds of credentials the operations need, and which operations can never be called. */
function usage(plans: Plan[]): Usage {
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
function listed(schemes: Map<string, Set<string>>): string {
  const items = [...schemes].map(([scheme, versions]) => `${scheme} (${[...versions].join(', ')})`);
  const shown = items.length <= 3 ? items : [...items.slice(0, 3), `${items.length - 3} more`];
  const text = shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]!}`;
  return items.length === 1 ? `security scheme ${text} needs` : `security schemes ${text} need`;
}

/** Log redaction paths for every header that carries credentials. */
export function credentialLogPaths(versions: readonly VersionModule[]): string[] {
  const headers = new Set(['authorization']);
  if (HEADER_NAME.test(settings.subscriptionKeyHeader)) headers.add(settings.subscriptionKeyHeader.toLowerCase());
  for (const version of versions) {
    for (const scheme of version.securitySchemes) {
      if (scheme.kind === 'apiKey' && scheme.in === 'header' && scheme.parameterName && HEADER_NAME.test(scheme.parameterName)) {
        headers.add(scheme.parameterName.toLowerCase());
      }
    }
  }
  return [...headers].map((header) => `req.headers["${header}"]`);
}
