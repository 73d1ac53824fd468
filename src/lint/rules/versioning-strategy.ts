/**
 * One versioning strategy, the profile's: `/v1` in the path (default), a
 * version header, or a media-type version (`application/vnd.acme.v1+json`,
 * `;version=1`). Mixing strategies, or versioning the other way, is reported.
 */
import { asArray, asObject, asString, isVersionSegment, objectEntries, pathSegments, statusClass } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

const VERSION_PARAMETER = /^(x-)?(api-?)?version$|^accept-version$/i;
const MEDIA_TYPE_VERSION = /;\s*(version|v)\s*=|vnd\.[^+;]*\.v\d+/i;

export default defineRule({
  id: 'versioning-strategy',
  description: "one versioning strategy, the profile's (path `/v1` by default; header or media type as options)",
  fix: 'version the API the playbook way only: /v1 at the start of every path (or of the server URL) by default',
  create(context) {
    const strategy = context.playbook.profile.versioning;
    const serverUrls = asArray(context.document.servers).map((server) => asString(asObject(server)?.url) ?? '');
    const serversVersioned = serverUrls.length > 0 && serverUrls.every((url) => versionedPath(url.replace(/^[a-z{}][\w+.{}-]*:\/\/[^/]*/i, '')));
    const unversioned: Array<{ path: string; keyPointer: string }> = [];
    let versionedPaths = 0;
    return {
      pathItem({ path, keyPointer }) {
        if (versionedPath(path)) {
          versionedPaths++;
          if (strategy !== 'path') context.report({ message: `path ${path} carries a version; the playbook versions by ${strategy}`, location: keyPointer });
        } else {
          unversioned.push({ path, keyPointer });
        }
      },
      parameter({ value, pointer }) {
        const name = asString(value.name) ?? '';
        const where = asString(value.in);
        if (!VERSION_PARAMETER.test(name) || (where !== 'header' && where !== 'query')) return;
        if (strategy === 'header' && where === 'header') return;
        context.report({ message: `${where} parameter ${name} versions the API; the playbook versions by ${strategy}`, location: pointer });
      },
      operation(operation) {
        if (strategy === 'header') {
          const versioned = context.parameters(operation).some((p) => p.in === 'header' && VERSION_PARAMETER.test(p.name));
          if (!versioned)
            context.report({ message: `${operation.method.toUpperCase()} ${operation.path} takes no version header`, location: operation.pointer });
        } else if (strategy === 'media-type') {
          const types = context
            .responses(operation)
            .filter((response) => statusClass(response.status) === 2)
            .flatMap((response) => objectEntries(response.value.content).map(([mediaType]) => mediaType));
          if (types.length > 0 && !types.some((type) => MEDIA_TYPE_VERSION.test(type))) {
            context.report({ message: `${operation.method.toUpperCase()} ${operation.path} has no versioned media type`, location: operation.pointer });
          }
        }
      },
      documentEnd() {
        if (strategy !== 'path' || serversVersioned || unversioned.length === 0) return;
        if (versionedPaths === 0) {
          context.report({ message: 'neither the server URLs nor the paths carry a version such as /v1', location: context.document.paths ? '/paths' : '' });
          return;
        }
        for (const { path, keyPointer } of unversioned) {
          context.report({ message: `path ${path} carries no version, unlike the others`, location: keyPointer });
        }
      },
    };
  },
});

function versionedPath(path: string): boolean {
  return pathSegments(path.startsWith('/') ? path : `/${path}`).some(isVersionSegment);
}
