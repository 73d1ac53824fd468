/**
 * The outbound-call runtime of a service that calls upstream APIs
 * (`design-first new|update --upstream NAME=BLUEPRINT`): each upstream's
 * settings read and checked at start, one UpstreamCall per upstream (its
 * token cache, circuit breaker and measures are shared by every request), and
 * the readiness checks of the upstreams marked critical. The typed clients in
 * src/generated/upstreams/ call through it; handlers reach them as
 * `context.upstreams.<name>`. docs: the service README, "Upstream APIs".
 */
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import type { Config } from '../platform/config.js';
import { UpstreamCall, type CallContext } from './call.js';
import { UpstreamMetrics } from './metrics.js';
import { readUpstreamSettings, type UpstreamDescription } from './settings.js';

export { UpstreamError, type UpstreamFailure, type UpstreamProblem } from './errors.js';
export type { CallOptions, UpstreamRequest, UpstreamResult } from './call.js';
export type { UpstreamDescription } from './settings.js';

export interface UpstreamRuntime {
  /** The calls of one upstream, by its name. */
  call(name: string): UpstreamCall;
  /** What every call made for this inbound request carries: its id and logger. */
  context(request: FastifyRequest): CallContext;
  /** `upstream:<name>` for each upstream with UPSTREAM_<NAME>_CRITICAL=true: not ready while its circuit is open. */
  readiness: Record<string, () => Promise<boolean>>;
}

export interface RuntimeOptions {
  /** The UPSTREAM_* settings are read from `config.env` (the environment the configuration came from), else process.env. */
  config: Pick<Config, 'production' | 'authMode' | 'env'>;
  registry: Registry;
  log: FastifyBaseLogger;
}

/** Reads every upstream's settings first, so a missing one stops the start before anything is made (ConfigError). */
export function createUpstreamRuntime(descriptions: readonly UpstreamDescription[], options: RuntimeOptions): UpstreamRuntime {
  const env = options.config.env ?? process.env;
  const settings = descriptions.map((description) => readUpstreamSettings(description, env, options.config));
  const metrics = new UpstreamMetrics(options.registry);
  const calls = new Map<string, UpstreamCall>();
  const readiness: Record<string, () => Promise<boolean>> = {};
  for (const setting of settings) {
    const call = new UpstreamCall(setting, metrics, options.log);
    calls.set(setting.name, call);
    if (setting.critical) readiness[`upstream:${setting.name}`] = async () => call.ready;
    const credentials = setting.token ? 'client credentials' : setting.subscriptionKey ? `subscription key in ${setting.subscriptionKey.header}` : 'none';
    if (setting.mode === 'mock') options.log.warn({ upstream: setting.name }, `upstream ${setting.name} answers from its blueprint's examples (mock mode), without calling it`);
    else options.log.info({ upstream: setting.name, baseUrl: setting.baseUrl, credentials, timeoutMs: setting.timeoutMs, critical: setting.critical }, `upstream ${setting.name} is called at ${setting.baseUrl}`);
  }
  return {
    call: (name) => {
      const call = calls.get(name);
      if (call === undefined) throw new Error(`no upstream named ${name} was created`);
      return call;
    },
    context: (request) => ({ requestId: String(request.id), log: request.log }),
    readiness,
  };
}
