/**
 * Configuration from the environment, read and checked once at start. A
 * service that is not configured safely refuses to start and says why.
 */
import { readFileSync } from 'node:fs';

export interface Config {
  port: number;
  host: string;
  production: boolean;
  authMode: 'mock' | 'verify';
  logLevel: string;
  /**
   * Credentials the service verifies. Absent (or a part null): not configured,
   * and the service refuses to start when its blueprint needs that part.
   */
  auth?: AuthConfig;
  /** REDIS_URL (redis:// or rediss://): rate limits shared by every instance; absent, each instance counts alone. */
  redisUrl?: string;
  /** The environment this was read from, for the settings of the APIs the service calls (src/upstream/settings.ts); absent: process.env. */
  env?: NodeJS.ProcessEnv;
  timeouts: Timeouts;
  shutdown: ShutdownConfig;
}

/** How long a connection may take (milliseconds); each cut answers 408 in the error shape. */
export interface Timeouts {
  /** HEADERS_TIMEOUT_MS: from the first byte of a request to the end of its headers. */
  headersMs: number;
  /** REQUEST_TIMEOUT_MS: from the first byte of a request to the end of its body (the handler's own time is not counted). */
  requestMs: number;
  /** KEEP_ALIVE_TIMEOUT_MS: how long an idle kept-alive connection stays open; longer than the load balancer's idle timeout. */
  keepAliveMs: number;
}

/** Graceful shutdown on SIGTERM or SIGINT (shutdown.ts). */
export interface ShutdownConfig {
  /** SHUTDOWN_DRAIN_MS: how long the instance keeps serving, /health/ready failing, before it stops listening. */
  drainMs: number;
  /** SHUTDOWN_TIMEOUT_MS: how long requests in flight may then take before their connections are cut. */
  closeMs: number;
}

export interface AuthConfig {
  /** Bearer JWTs (oauth2, openIdConnect, http bearer): AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE. */
  jwt: JwtConfig | null;
  /** Subscription keys (apiKey schemes), per client: API_KEYS or API_KEYS_FILE. */
  apiKeys: ApiKeyEntry[] | null;
}

export interface JwtConfig {
  jwksUrl: string;
  /** Accepted `iss` values (AUTH_ISSUER, comma-separated). */
  issuers: string[];
  /** Accepted `aud` values (AUTH_AUDIENCE, comma-separated); a token needs one of them. */
  audiences: string[];
  clockToleranceSeconds: number;
}

export interface ApiKeyEntry {
  /** The client's name, as logs, metrics and rate limits know it. */
  client: string;
  key: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const production = env.NODE_ENV === 'production';
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, not ${JSON.stringify(env.PORT)}`);
  const mode = env.AUTH_MODE ?? '';
  if (mode !== '' && mode !== 'mock' && mode !== 'verify') {
    throw new ConfigError(`AUTH_MODE must be unset (verify credentials) or mock (local development only), not ${JSON.stringify(mode.slice(0, 40))}`);
  }
  const authMode = mode === 'mock' ? 'mock' : 'verify';
  if (authMode === 'mock' && production) {
    throw new ConfigError('AUTH_MODE=mock is refused when NODE_ENV=production: configure real credentials');
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    production,
    authMode,
    logLevel: env.LOG_LEVEL || 'info',
    auth: { jwt: jwtConfig(env, production), apiKeys: apiKeys(env) },
    ...redisUrl(env),
    timeouts: timeouts(env),
    shutdown: {
      // Outside production (a developer's Ctrl-C, `tsx watch` restarting) there is no load balancer to drain.
      drainMs: milliseconds(env, 'SHUTDOWN_DRAIN_MS', production ? 5_000 : 0, 0),
      closeMs: milliseconds(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 1),
    },
    env,
  };
}

/**
 * Node's defaults wait a minute for headers and never for a body; these cut a
 * slow or stalled client in seconds, as nginx and Apache do.
 */
function timeouts(env: NodeJS.ProcessEnv): Timeouts {
  const headersMs = milliseconds(env, 'HEADERS_TIMEOUT_MS', 10_000, 1);
  const requestMs = milliseconds(env, 'REQUEST_TIMEOUT_MS', 30_000, 1);
  if (headersMs > requestMs) {
    throw new ConfigError(`HEADERS_TIMEOUT_MS (${headersMs}) must not be longer than REQUEST_TIMEOUT_MS (${requestMs}): the headers are part of the request`);
  }
  return { headersMs, requestMs, keepAliveMs: milliseconds(env, 'KEEP_ALIVE_TIMEOUT_MS', 72_000, 1) };
}

const MAX_MILLISECONDS = 3_600_000;

/** A whole number of milliseconds from `minimum` to an hour, or the default when unset. */
function milliseconds(env: NodeJS.ProcessEnv, name: string, fallback: number, minimum: number): number {
  const text = env[name]?.trim() ?? '';
  if (text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < minimum || value > MAX_MILLISECONDS) {
    throw new ConfigError(`${name} must be a whole number of milliseconds from ${minimum} to ${MAX_MILLISECONDS}, not ${JSON.stringify(text.slice(0, 40))}`);
  }
  return value;
}

/** Checked at start; the message never repeats the URL, which may hold a password. */
function redisUrl(env: NodeJS.ProcessEnv): { redisUrl?: string } {
  const value = env.REDIS_URL?.trim() ?? '';
  if (value === '') return {};
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || (url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '') {
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL with a host, such as redis://redis.internal:6379/0 (the value given is not repeated here: it may hold a password)');
  }
  return { redisUrl: value };
}

const JWT_VARIABLES = ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'] as const;

/** All three JWT variables, or none of them (null). */
function jwtConfig(env: NodeJS.ProcessEnv, production: boolean): JwtConfig | null {
  const missing = JWT_VARIABLES.filter((name) => !env[name]?.trim());
  if (missing.length === JWT_VARIABLES.length) return null;
  if (missing.length > 0) {
    throw new ConfigError(`${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set: bearer token verification needs ${JWT_VARIABLES.join(', ')} together`);
  }
  let url: URL;
  try {
    url = new URL(env.AUTH_JWKS_URL!.trim());
  } catch {
    throw new ConfigError('AUTH_JWKS_URL must be an absolute https URL of the identity provider\'s JSON Web Key Set');
  }
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (loopback || !production))) {
    throw new ConfigError('AUTH_JWKS_URL must be an https URL (http is accepted only for a loopback address, or outside production)');
  }
  const tolerance = env.AUTH_CLOCK_TOLERANCE_SECONDS?.trim() ? Number(env.AUTH_CLOCK_TOLERANCE_SECONDS) : 5;
  if (!Number.isInteger(tolerance) || tolerance < 0 || tolerance > 300) {
    throw new ConfigError(`AUTH_CLOCK_TOLERANCE_SECONDS must be a whole number of seconds from 0 to 300, not ${JSON.stringify(env.AUTH_CLOCK_TOLERANCE_SECONDS)}`);
  }
  return { jwksUrl: url.href, issuers: list(env.AUTH_ISSUER!), audiences: list(env.AUTH_AUDIENCE!), clockToleranceSeconds: tolerance };
}

function list(value: string): string[] {
  return [...new Set(value.split(',').map((item) => item.trim()).filter((item) => item !== ''))];
}

const CLIENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const KEY_TEXT = /^[\x21-\x7e]{16,512}$/;

/**
 * `client=key` pairs, separated by commas or white space (API_KEYS), or one a
 * line with `#` comments (API_KEYS_FILE). A client may have several keys (to
 * rotate them); a key belongs to one client. Messages never repeat a key.
 */
function apiKeys(env: NodeJS.ProcessEnv): ApiKeyEntry[] | null {
  const inline = env.API_KEYS?.trim() ?? '';
  const file = env.API_KEYS_FILE?.trim() ?? '';
  if (inline !== '' && file !== '') throw new ConfigError('API_KEYS and API_KEYS_FILE are both set: set one of them');
  if (inline === '' && file === '') return null;
  let text = inline;
  const source = inline !== '' ? 'API_KEYS' : 'API_KEYS_FILE';
  if (file !== '') {
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new ConfigError(`API_KEYS_FILE names a file that cannot be read: ${JSON.stringify(file)}`);
    }
  }
  const pairs = text
    .split(/\r?\n/)
    .filter((line) => !line.trim().startsWith('#'))
    .flatMap((line) => line.split(/[\s,]+/))
    .filter((pair) => pair !== '');
  const entries: ApiKeyEntry[] = [];
  const owners = new Map<string, string>();
  pairs.forEach((pair, index) => {
    const at = pair.indexOf('=');
    const client = at > 0 ? pair.slice(0, at) : '';
    const key = at > 0 ? pair.slice(at + 1) : '';
    if (!CLIENT_NAME.test(client)) {
      throw new ConfigError(`${source}: entry ${index + 1} is not client=key with a client name of letters, digits, '.', '_' or '-' (at most 64)`);
    }
    if (!KEY_TEXT.test(key)) {
      throw new ConfigError(`${source}: the key of client ${client} (entry ${index + 1}) must be 16 to 512 printable characters without spaces`);
    }
    const owner = owners.get(key);
    if (owner !== undefined) throw new ConfigError(`${source}: clients ${owner} and ${client} have the same key; every key belongs to one client`);
    owners.set(key, client);
    entries.push({ client, key });
  });
  if (entries.length === 0) throw new ConfigError(`${source} holds no client=key pairs`);
  return entries;
}
