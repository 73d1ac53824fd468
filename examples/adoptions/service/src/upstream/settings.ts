/**
 * How each upstream is reached, read from the environment once at start and
 * checked. Every setting of upstream NAME starts with UPSTREAM_<NAME>_; a
 * setting the upstream needs and the environment lacks stops the start,
 * naming the variable (ConfigError, exit 78), as inbound auth does.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../platform/config.js';
import type { TokenSettings, UpstreamDescription, UpstreamSettings } from './call-settings.js';

export type { TokenSettings, UpstreamDescription, UpstreamSettings } from './call-settings.js';

export interface SettingsContext {
  production: boolean;
  /** AUTH_MODE=mock: upstreams answer from their mocks unless UPSTREAM_<NAME>_MODE=live says otherwise. */
  authMode: 'mock' | 'verify';
}

export function readUpstreamSettings(description: UpstreamDescription, env: NodeJS.ProcessEnv, context: SettingsContext): UpstreamSettings {
  const variable = (suffix: string) => `${description.envPrefix}${suffix}`;
  const read = (suffix: string): string | null => {
    const value = env[variable(suffix)]?.trim() ?? '';
    return value === '' ? null : value;
  };
  // UPSTREAM_<NAME>_MODE, else UPSTREAM_MODE for every upstream, else mock exactly when inbound auth is mocked.
  const allMode = env.UPSTREAM_MODE?.trim() || null;
  if (allMode !== null && allMode !== 'live' && allMode !== 'mock') throw new ConfigError(`UPSTREAM_MODE must be live or mock, not ${JSON.stringify(allMode.slice(0, 40))}`);
  const mode = read('MODE') ?? allMode ?? (context.authMode === 'mock' ? 'mock' : 'live');
  if (mode !== 'live' && mode !== 'mock') throw new ConfigError(`${variable('MODE')} must be live or mock, not ${JSON.stringify(mode.slice(0, 40))}`);
  if (mode === 'mock' && context.production) {
    const why = read('MODE') !== null ? `${variable('MODE')}=mock` : allMode !== null ? 'UPSTREAM_MODE=mock' : 'AUTH_MODE=mock';
    throw new ConfigError(`upstream ${description.name} would answer from its mocks (${why}), which is refused when NODE_ENV=production`);
  }
  const numbers = {
    timeoutMs: whole(variable('TIMEOUT_MS'), read('TIMEOUT_MS'), 5000, 1, 600_000),
    retries: whole(variable('RETRIES'), read('RETRIES'), 2, 0, 10),
    failures: whole(variable('BREAKER_FAILURES'), read('BREAKER_FAILURES'), 5, 1, 10_000),
    openMs: whole(variable('BREAKER_OPEN_MS'), read('BREAKER_OPEN_MS'), 30_000, 1, 3_600_000),
  };
  const critical = flag(variable('CRITICAL'), read('CRITICAL'));
  const common = { name: description.name, timeoutMs: numbers.timeoutMs, retries: numbers.retries, breaker: { failures: numbers.failures, openMs: numbers.openMs }, critical };
  if (mode === 'mock') return { ...common, mode, baseUrl: 'http://mock.invalid', token: null, subscriptionKey: null };

  const missing: string[] = [];
  const url = read('URL');
  if (url === null) missing.push(variable('URL'));
  let token: TokenSettings | null = null;
  if (description.token) {
    const secret = secretOf(read('CLIENT_SECRET'), read('CLIENT_SECRET_FILE'), variable('CLIENT_SECRET'));
    for (const suffix of ['TOKEN_URL', 'CLIENT_ID'] as const) if (read(suffix) === null) missing.push(variable(suffix));
    if (secret === null) missing.push(`${variable('CLIENT_SECRET')} (or ${variable('CLIENT_SECRET_FILE')})`);
    if (missing.length === 0) {
      const tokenUrl = checkedUrl(variable('TOKEN_URL'), read('TOKEN_URL')!, context.production);
      const clientAuth = read('TOKEN_AUTH') ?? 'basic';
      if (clientAuth !== 'basic' && clientAuth !== 'post') throw new ConfigError(`${variable('TOKEN_AUTH')} must be basic or post, not ${JSON.stringify(clientAuth.slice(0, 40))}`);
      token = {
        tokenUrl: tokenUrl.href,
        clientId: read('CLIENT_ID')!,
        clientSecret: secret!,
        scope: read('SCOPE'),
        audience: read('AUDIENCE'),
        clientAuth,
        allowHttp: tokenUrl.protocol === 'http:',
        timeoutMs: numbers.timeoutMs,
      };
    }
  }
  let subscriptionKey: UpstreamSettings['subscriptionKey'] = null;
  if (description.subscriptionKeyHeader !== null) {
    const key = secretOf(read('SUBSCRIPTION_KEY'), read('SUBSCRIPTION_KEY_FILE'), variable('SUBSCRIPTION_KEY'));
    if (key === null) missing.push(`${variable('SUBSCRIPTION_KEY')} (or ${variable('SUBSCRIPTION_KEY_FILE')})`);
    else subscriptionKey = { header: description.subscriptionKeyHeader, key };
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set: calling upstream ${description.name} (${description.title}) needs ${missing.length === 1 ? 'it' : 'them'} (${variable('MODE')}=mock answers from its blueprint's examples, for local development only)`,
    );
  }
  return { ...common, mode, baseUrl: checkedUrl(variable('URL'), url!, context.production).href.replace(/\/+$/, ''), token, subscriptionKey };
}

/** A secret given inline or in a file (Docker and Kubernetes secrets); the message never repeats it. */
function secretOf(inline: string | null, file: string | null, name: string): string | null {
  if (inline !== null && file !== null) throw new ConfigError(`${name} and ${name}_FILE are both set: set one of them`);
  if (file === null) return inline;
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    throw new ConfigError(`${name}_FILE names a file that cannot be read: ${JSON.stringify(file)}`);
  }
  if (text === '') throw new ConfigError(`${name}_FILE names an empty file: ${JSON.stringify(file)}`);
  return text;
}

/** An absolute http(s) URL without credentials; http only for a loopback address, or outside production. */
function checkedUrl(name: string, value: string, production: boolean): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an absolute https URL`);
  }
  if (url.username !== '' || url.password !== '') throw new ConfigError(`${name} must not hold credentials (the value is not repeated here)`);
  const loopback = ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && (loopback || !production))) {
    throw new ConfigError(`${name} must be an https URL (http is accepted only for a loopback address, or outside production)`);
  }
  if (url.search !== '' || url.hash !== '') throw new ConfigError(`${name} must not have a query or fragment`);
  return url;
}

function whole(name: string, value: string | null, fallback: number, min: number, max: number): number {
  if (value === null) return fallback;
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(value.slice(0, 40))}`);
  return number;
}

function flag(name: string, value: string | null): boolean {
  if (value === null) return false;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new ConfigError(`${name} must be true or false, not ${JSON.stringify(value.slice(0, 40))}`);
}
