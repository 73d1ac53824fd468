/**
 * The URL prefix a version is served under. By default `/v<major>` from
 * `info.version` goes in front of every path; but a blueprint whose paths
 * already begin with a version segment (`/v1/edge-config`), or whose server
 * URL ends with one (`https://api.example.com/v2`), has chosen its own, and
 * adding ours would serve `/v1/v1/edge-config`.
 */
import { asArray, asObject, asString, isVersionSegment } from '../blueprint/openapi.js';

export interface VersionPrefix {
  /** `/v1`, or '' when the paths carry different versions of their own (served as written). */
  prefix: string;
  /** The blueprint path as served under the prefix: the paths' own version segment taken off. */
  servedPath: (blueprintPath: string) => string;
  /** Why this prefix, for `new`'s output; undefined for the default. */
  reason: string | undefined;
}

export function chooseVersionPrefix(document: unknown, key: string): VersionPrefix {
  const paths = Object.keys(asObject(asObject(document)?.paths) ?? {});
  const firstSegments = new Set(paths.map((path) => path.split('/')[1] ?? ''));
  if (paths.length > 0 && [...firstSegments].every(isVersionSegment)) {
    if (firstSegments.size === 1) {
      const [segment] = [...firstSegments] as [string];
      return {
        prefix: `/${segment}`,
        servedPath: (path) => (path.split('/')[1] === segment ? path.slice(segment.length + 1) || '/' : path),
        reason: `every path begins with /${segment}`,
      };
    }
    return {
      prefix: '',
      servedPath: (path) => path,
      reason: `the paths begin with their own versions (${[...firstSegments].sort().join(', ')}), so they are served as written`,
    };
  }
  const serverSegment = serverVersionSegment(document);
  if (serverSegment !== undefined && serverSegment !== key) {
    return { prefix: `/${serverSegment}`, servedPath: (path) => path, reason: `the server URL ends with /${serverSegment}` };
  }
  return { prefix: `/${key}`, servedPath: (path) => path, reason: undefined };
}

/** `https://api.example.com/v2` or `/api/v2/` -> `v2`: the last segment of the first server URL, when it names a version. */
function serverVersionSegment(document: unknown): string | undefined {
  const url = asString(asObject(asArray(asObject(document)?.servers)[0])?.url);
  if (url === undefined) return undefined;
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').replace(/[?#].*$/, '');
  const last = path
    .split('/')
    .filter((segment) => segment !== '')
    .pop();
  return last !== undefined && isVersionSegment(last) && !last.includes('{') ? last : undefined;
}
