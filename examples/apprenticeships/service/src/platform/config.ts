/**
 * Configuration from the environment, read and checked once at start. A
 * service that is not configured safely refuses to start and says why.
 */

export interface Config {
  port: number;
  host: string;
  production: boolean;
  authMode: 'mock' | 'verify';
  logLevel: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const production = env.NODE_ENV === 'production';
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new ConfigError(`PORT must be a port number, not ${JSON.stringify(env.PORT)}`);
  const authMode = env.AUTH_MODE === 'mock' ? 'mock' : 'verify';
  if (authMode === 'mock' && production) {
    throw new ConfigError(
      'AUTH_MODE=mock is refused when NODE_ENV=production: configure real credentials',
    );
  }
  return {
    port,
    host: env.HOST || '0.0.0.0',
    production,
    authMode,
    logLevel: env.LOG_LEVEL || 'info',
  };
}
