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
 * identity provider's keys cannot be fetched, 400 when a credential header is
 * sent more than once (which one would count?); always in the problem shape.
 *
 * Besides guarding operations, auth tells the rate limits who calls a public
 * operation (`identify`): a configured subscription key's client, or a token
 * already verified; never a credential it has not checked.
 */
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import { createApiKeyStore, type ApiKeyStore } from './auth-api-keys.js';
import { createJwtVerifier, MAX_TOKEN_LENGTH, TokenRefused, VerificationUnavailable, type JwtVerifier, type VerifiedToken } from './auth-jwt.js';
import { identifyClient } from './client.js';
import { ConfigError, type Config } from './config.js';
import { sendProblem } from './errors.js';
import type { ReadinessCheck } from './health.js';
import { keyHeaders } from './log-redaction.js';
import { NOT_REPEAT } from './problem.js';
import { listed, planFor, REALM, usage, type Check, type Plan } from './auth-plan.js';
import type { RouteSpec, VersionModule } from './version-module.js';

export { unsupported } from './auth-plan.js';

/** A callback-style onRequest hook: it calls `done` to let the request through, or answers the refusal itself. */
export type RouteGuard = (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) => void;

/** The guard of an operation; null for a public one, which needs none. */
export type AuthGuard = (route: RouteSpec) => RouteGuard | null;

/** Who calls, by credentials already known to be good (a configured key, a cached token), or null: for rate limits on public operations. */
export type Identify = (request: FastifyRequest) => string | null;

export interface Auth {
  guard: AuthGuard;
  identify: Identify;
  /**
   * Whether every guard decides at once, calling `done` or answering before it returns (AUTH_MODE=mock):
   * an operation's handler may then run the guard itself, sparing the request a hook stage (routes.ts).
   * A guard that verifies tokens may have to wait for the key set, so it always runs as an onRequest hook.
   */
  decidesAtOnce: boolean;
  /** Readiness of what auth depends on: `jwks` when bearer tokens are verified. */
  checks: Record<string, ReadinessCheck>;
  /** When the service starts: the key set is fetched (waiting at most 2 s), so readiness is true from the first probe. */
  start(): Promise<void>;
}

/**
 * Under AUTH_MODE=mock (local development and the service's own tests, never
 * production), a request may say which client it stands for with
 * `X-Mock-Client`, so rate limits, logs and metrics can be tried per client:
 * the service's tests give each test a client of its own, so one test's calls
 * never use up another's rate limit. Anything but a short name is ignored.
 */
export const MOCK_CLIENT_HEADER = 'x-mock-client';
const MOCK_CLIENT_NAME = /^[\w.@-]{1,64}$/;

function mockClientOf(request: FastifyRequest): string | null {
  const value = request.headers[MOCK_CLIENT_HEADER];
  return typeof value === 'string' && MOCK_CLIENT_NAME.test(value) ? value : null;
}

/** RFC 6750 scope-token characters: no space, quote or backslash. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;


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

export function createAuth(config: Config, versions: readonly VersionModule[], log: FastifyBaseLogger): Auth {
  const plans = new Map<RouteSpec, Plan>();
  for (const version of versions) {
    for (const route of version.routes) plans.set(route, planFor(route, version));
  }
  const planOf = (route: RouteSpec): Plan => {
    const plan = plans.get(route);
    if (!plan) throw new Error(`operation ${route.operationId} is not in any version given to createAuth`);
    return plan;
  };

  if (config.authMode === 'mock') {
    const guard: AuthGuard = (route) => {
      const plan = planOf(route);
      if (plan.alternatives.length === 0) return null;
      return (request, reply, done) => {
        if (refuseRepeated(plan, request, reply)) return;
        identifyClient(request, mockClientOf(request) ?? 'mock-client');
        done();
      };
    };
    return { guard, identify: mockClientOf, decidesAtOnce: true, checks: {}, start: async () => undefined };
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

  const verifier: JwtVerifier | null = needs.jwt.size > 0 && jwtConfig ? createJwtVerifier(jwtConfig, { log }) : null;
  // Configured keys name their clients to the rate limits even when no operation requires one.
  const keys: ApiKeyStore | null = keyConfig ? createApiKeyStore(keyConfig) : null;
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

  const guard: AuthGuard = (route) => {
    const plan = planOf(route);
    if (plan.alternatives.length === 0) return null;
    // Synchronous while every outcome is known (API keys, cached tokens): no promise per request.
    return (request, reply, done) => {
      if (refuseRepeated(plan, request, reply)) return;
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

  const identifiedBy = keys ? keyHeaders(versions) : [];
  const identify: Identify = (request) => {
    for (const header of identifiedBy) {
      const value = request.headers[header];
      const client = typeof value === 'string' ? keys!.identify(value.trim()) : null;
      if (client !== null) return client;
    }
    // Only a token verified before: a public operation does not pay for (or wait on) a signature check.
    const token = verifier ? bearerToken(request.headers.authorization) : null;
    return token ? (verifier!.cached(token)?.client ?? null) : null;
  };
  const keySet = verifier?.keySet ?? null;
  return {
    guard,
    identify,
    decidesAtOnce: false,
    checks: keySet ? { jwks: () => keySet.ready() } : {},
    start: async () => keySet?.prefetch(2_000),
  };
}

/**
 * 400 when a header the operation reads credentials from was sent more than
 * once: Node keeps only the first Authorization and joins other repeated
 * headers, so the raw headers are counted, looking at a name only when its
 * length is one of theirs. True when the request was refused.
 */
function refuseRepeated(plan: Plan, request: FastifyRequest, reply: FastifyReply): boolean {
  const names = plan.credentialHeaders;
  const raw = request.raw.rawHeaders;
  let seen: string[] | null = null;
  for (let index = 0; index < raw.length; index += 2) {
    const name = raw[index]!;
    if (!names.some((wanted) => wanted.length === name.length)) continue;
    const lower = name.toLowerCase();
    if (!names.includes(lower)) continue;
    if (seen === null || !seen.includes(lower)) {
      (seen ??= []).push(lower);
      continue;
    }
    request.log.info({ operationId: plan.operationId, header: lower }, 'auth: a credential header was sent more than once');
    sendProblem(reply, 400, `Send credentials once: the ${raw[index]} header appears more than once. ${NOT_REPEAT}`);
    return true;
  }
  return false;
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
