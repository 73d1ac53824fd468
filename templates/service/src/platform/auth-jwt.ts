/**
 * Bearer JWT verification with jose against the identity provider's JSON Web
 * Key Set: an allow-list of asymmetric algorithms (never `none`, never HMAC),
 * a known key id, `iss`, `aud`, `exp` (required) and `nbf`, with a small clock
 * tolerance. Verified tokens are cached until they expire (at most five
 * minutes, bounded in number), so a token costs one signature check, then a
 * Map lookup per request.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { JwtConfig } from './config.js';
import { createKeySet, loadJose, type Jose, type KeySet } from './jwks.js';


/** Asymmetric JWS algorithms only: HMAC would let anyone holding the public key sign. */
export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** Longer Authorization values are refused before any parsing. */
export const MAX_TOKEN_LENGTH = 8192;
const JWS_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const CACHE_SECONDS = 300;
const CACHE_ENTRIES = 10_000;
/** Characters of a token's end that key the cache (see cacheKey). */
const CACHE_KEY_LENGTH = 32;

/**
 * The cache is keyed by the end of the token's signature, not by the whole
 * token: a Map hashes its key in full, and a token of several hundred
 * characters arrives as a new string with every request, so hashing it cost
 * more than the rest of a cached check. The key only finds the entry; the
 * entry is used only when its token equals the one presented, character for
 * character. (Two verified tokens sharing the key would take turns in one entry.)
 */
function cacheKey(token: string): string {
  return token.length <= CACHE_KEY_LENGTH ? token : token.slice(-CACHE_KEY_LENGTH);
}

export interface VerifiedToken {
  /** `client_id`, `azp`, `appid` (Azure AD v1) or `sub`: who is calling. */
  client: string;
  /** From `scope` and `scp` (space-separated or lists) and `roles` (Azure AD application permissions). */
  scopes: ReadonlySet<string>;
  claims: JWTPayload;
}

/** The token is not acceptable: 401. `reason` is for the log, never for the caller. */
export class TokenRefused extends Error {
  override name = 'TokenRefused';
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** The token could not be checked (the key set could not be fetched): 503. */
export class VerificationUnavailable extends Error {
  override name = 'VerificationUnavailable';
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface JwtVerifier {
  /** Resolves with the verified token, or rejects with TokenRefused or VerificationUnavailable. */
  verify(token: string): Promise<VerifiedToken>;
  /** The token as verified before, while its verification is still valid; otherwise undefined (call verify). */
  cached(token: string): VerifiedToken | undefined;
  /** For tests and metrics: tokens cached, signature checks done, cache hits. */
  stats(): { cached: number; verified: number; hits: number };
  /** The identity provider's key set, for readiness (jwks.ts); null when the keys were given (options.keys). */
  keySet: KeySet | null;
}

export interface JwtVerifierOptions {
  /** A key resolver instead of the remote JWKS (tests). */
  keys?: JWTVerifyGetKey;
  cacheEntries?: number;
  cacheSeconds?: number;
  now?: () => number;
  /** Where the key set's outages are reported. */
  log?: FastifyBaseLogger;
}

export function createJwtVerifier(config: JwtConfig, options: JwtVerifierOptions = {}): JwtVerifier {
  // Keys are cached for 10 minutes; an unknown `kid` refetches the set, at most every 30 s.
  const joseLoaded = loadJose();
  const keySet = options.keys ? null : createKeySet(config.jwksUrl, options.log ?? null);
  const remote = options.keys ?? keySet!.resolve;
  const keys: JWTVerifyGetKey = (header, token) => {
    if (typeof header.kid !== 'string' || header.kid === '') throw new TokenRefused('the token header names no key (kid)');
    return remote(header, token);
  };
  const now = options.now ?? Date.now;
  const cacheEntries = options.cacheEntries ?? CACHE_ENTRIES;
  const cacheMs = (options.cacheSeconds ?? CACHE_SECONDS) * 1000;
  const cache = new Map<string, { raw: string; token: VerifiedToken; until: number }>();
  let verified = 0;
  let hits = 0;

  const cached = (token: string): VerifiedToken | undefined => {
    const key = cacheKey(token);
    const entry = cache.get(key);
    if (entry === undefined || entry.raw !== token) return undefined;
    cache.delete(key);
    if (entry.until <= now()) return undefined;
    cache.set(key, entry); // most recently used last
    hits += 1;
    return entry.token;
  };

  return {
    cached,
    async verify(token) {
      const known = cached(token);
      if (known !== undefined) return known;
      if (token.length > MAX_TOKEN_LENGTH || !JWS_COMPACT.test(token)) throw new TokenRefused('not a signed JWT in compact form');
      const { errors, jwtVerify } = await joseLoaded;
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys, {
          algorithms: ALLOWED_ALGORITHMS,
          issuer: config.issuers,
          audience: config.audiences,
          clockTolerance: config.clockToleranceSeconds,
          requiredClaims: ['exp'],
          currentDate: new Date(now()),
        }));
      } catch (error) {
        throw classify(error, errors);
      }
      verified += 1;
      const result: VerifiedToken = { client: clientOf(payload), scopes: scopesOf(payload), claims: payload };
      const until = Math.min((payload.exp ?? 0) * 1000, now() + cacheMs);
      if (until > now()) {
        if (cache.size >= cacheEntries) cache.delete(cache.keys().next().value!);
        cache.set(cacheKey(token), { raw: token, token: result, until });
      }
      return result;
    },
    stats: () => ({ cached: cache.size, verified, hits }),
    keySet,
  };
}

function classify(error: unknown, errors: Jose['errors']): Error {
  if (error instanceof TokenRefused) return error;
  if (error instanceof errors.JOSEError) {
    // Fetching or reading the key set failed: the token was not judged.
    if (error.code === 'ERR_JOSE_GENERIC' || error.code === 'ERR_JWKS_TIMEOUT' || error.code === 'ERR_JWKS_INVALID') {
      return new VerificationUnavailable(`${error.code}: ${error.message}`);
    }
    return new TokenRefused(`${error.code}: ${error.message}`);
  }
  // fetch() failing (connection refused, DNS) or anything unexpected: fail closed, as unavailable.
  return new VerificationUnavailable(error instanceof Error ? `${error.name}: ${error.message}` : 'unknown failure');
}

// A client name goes into logs and metric labels: control characters are refused on purpose.
// eslint-disable-next-line no-control-regex
const CLIENT_TEXT = /^[^\u0000-\u001f\u007f]{1,256}$/;

function clientOf(payload: JWTPayload): string {
  for (const claim of ['client_id', 'azp', 'appid', 'sub']) {
    const value = payload[claim];
    if (typeof value === 'string' && CLIENT_TEXT.test(value)) return value;
  }
  throw new TokenRefused('the token names no client (client_id, azp, appid or sub)');
}

function scopesOf(payload: JWTPayload): Set<string> {
  const scopes = new Set<string>();
  for (const claim of ['scope', 'scp', 'roles']) {
    const value = payload[claim];
    const items = typeof value === 'string' ? value.split(' ') : Array.isArray(value) ? value : [];
    for (const item of items) if (typeof item === 'string' && item !== '') scopes.add(item);
  }
  return scopes;
}
