/**
 * /versions: every version this service serves, with links to its spec and
 * docs and the playbook it answers as, plus the playbook the service was last
 * generated with; and Deprecation/Sunset headers on the versions
 * their blueprint retires.
 */
import type { FastifyInstance } from 'fastify';
import { settings } from './settings.js';
import type { VersionModule } from './version-module.js';

export function registerVersionList(app: FastifyInstance, versions: readonly VersionModule[]): void {
  app.get('/versions', { config: { platform: true } }, async () => ({
    playbook: settings.playbook,
    versions: versions.map((version) => ({
      version: version.key,
      apiVersion: version.apiVersion,
      title: version.title,
      deprecated: version.deprecated,
      playbook: settings.versions[version.prefix]?.playbook ?? settings.playbook,
      ...(version.sunset ? { sunset: version.sunset } : {}),
      links: [
        { rel: 'self', href: version.prefix || '/', type: 'GET' },
        { rel: 'openapi-json', href: `${version.prefix}/openapi.json`, type: 'GET' },
        { rel: 'openapi-yaml', href: `${version.prefix}/openapi.yaml`, type: 'GET' },
        { rel: 'docs', href: `${version.prefix}/docs`, type: 'GET' },
      ],
    })),
  }));
}

/** RFC 9745 Deprecation and RFC 8594 Sunset headers for a retiring version. */
export function addDeprecationHeaders(scope: FastifyInstance, version: VersionModule): void {
  if (!version.deprecated && !version.sunset) return;
  const date = version.sunset ? new Date(version.sunset) : undefined;
  // Decided once: the header values are the same for every answer of the version.
  const sunset = date && !Number.isNaN(date.getTime()) ? date.toUTCString() : undefined;
  scope.addHook('onSend', (_request, reply, payload, done) => {
    if (version.deprecated) reply.header('deprecation', 'true');
    if (sunset) reply.header('sunset', sunset);
    done(null, payload);
  });
}
