/**
 * A blueprint path key -> the router's URL syntax (find-my-way): parameter
 * names made safe, literals escaped, value patterns for overlapping routes, and
 * the dispatch rule of AWS-style keys (`/#X-Amz-Target=...`).
 * https://spec.openapis.org/oas/v3.1.0#path-templating
 */
import { identifier, templateParameterName, uniqueName } from './names.js';
import type { RouteSpec } from './service-model.js';

/** `/pets/{pet-id}:cancel` -> `/pets/:petId::cancel`, with the name mapping. */
export function routeUrl(
  fullPath: string,
  /** Blueprint parameter name -> pattern its value must match (overlapping-routes.ts); whole segments only. */
  valuePatterns: ReadonlyMap<string, string> = new Map(),
): {
  url: string;
  shape: string;
  matcher: string;
  params: Array<[string, string]>;
  dispatch: RouteSpec['dispatch'];
} {
  const { path, dispatch } = splitDispatch(fullPath);
  const params: Array<[string, string]> = [];
  const taken = new Set<string>();
  let url = '';
  let shape = '';
  const pattern = /\{([^}]*)\}/g;
  let last = 0;
  for (let match = pattern.exec(path); match; match = pattern.exec(path)) {
    const literal = path.slice(last, match.index);
    url += escapeLiteral(literal);
    shape += literal;
    const blueprintName = templateParameterName(match[1]!);
    const routeName = uniqueName(identifier(blueprintName, 'camel', 'param'), taken);
    params.push([routeName, blueprintName]);
    const following = path.charAt(match.index + match[0].length);
    const endsSegment = following === '' || following === '/';
    const afterParameterInSegment = params.length > 1 && literal !== '' && !literal.includes('/');
    const valuePattern = valuePatterns.get(blueprintName);
    if (valuePattern !== undefined) url += `:${routeName}(^(?:${valuePattern})$)`;
    // A literal right after a parameter in the same segment (`{name}:cancel`, `{position}.{ext}`) needs a
    // regular expression, or find-my-way reads the literal as part of the name. Values may hold the
    // literal (`37.83,-122.27.xml`), so the parameter takes all it can, and the last one of the segment
    // none of the separator before it: the segment splits at the separator's last match, the split
    // that lets a suffix such as an extension be what the URL ends with.
    else if (!endsSegment) url += `:${routeName}(^[^/]+)`;
    else if (afterParameterInSegment) url += `:${routeName}(^[^/${classEscape(literal.charAt(literal.length - 1))}]+)`;
    else url += `:${routeName}`;
    shape += '{}';
    last = match.index + match[0].length;
  }
  url += escapeLiteral(path.slice(last));
  shape += path.slice(last);
  const matcher = `^${shape
    .split('{}')
    .map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^/]+')}$`;
  if (dispatch) url += `${url.endsWith('/') ? '' : '/'}${dispatchSuffix(dispatch)}`;
  return { url, shape, matcher, params, dispatch };
}

/**
 * Where a dispatched operation is registered: the service rewrites a request
 * carrying the header (or query value) to this path before routing
 * (platform/dispatch.ts), because a router cannot tell apart dozens of
 * operations on one path by constraints. Hex keeps any value a plain segment.
 */
export function dispatchSuffix(dispatch: NonNullable<RouteSpec['dispatch']>): string {
  const hex = (text: string) => Buffer.from(text).toString('hex');
  return `_dispatch/${dispatch.in}/${hex(dispatch.name)}/${dispatch.value === null ? 'present' : hex(dispatch.value)}`;
}

/**
 * Path keys that carry more than a path, as AWS's descriptions do:
 * `/#X-Amz-Target=Service.Action` (operations told apart by a header),
 * `/?Action=Describe&Version=1` (by a query value) and `/items#name` (by the
 * presence of a query parameter). The part after `#`/`?` never reaches a
 * router, so it becomes a dispatch rule (platform/dispatch.ts).
 */
function splitDispatch(fullPath: string): { path: string; dispatch: RouteSpec['dispatch'] } {
  const at = fullPath.search(/[#?]/);
  if (at < 0) return { path: fullPath, dispatch: null };
  const path = fullPath.slice(0, at) || '/';
  const first = fullPath.slice(at + 1).split('&')[0] ?? '';
  const equals = first.indexOf('=');
  // `#name` alone: the operation is the one called with query parameter `name` (osisoft's `/assetservers#name`).
  if (equals < 0) return { path, dispatch: /^[\w.-]+$/.test(first) ? { in: 'query', name: first, value: null } : null };
  if (equals === 0) return { path, dispatch: null };
  return {
    path,
    dispatch: {
      in: fullPath[at] === '#' ? 'header' : 'query',
      name: fullPath[at] === '#' ? first.slice(0, equals).toLowerCase() : first.slice(0, equals),
      value: first.slice(equals + 1),
    },
  };
}

function classEscape(char: string): string {
  return /[\\\]^-]/.test(char) ? `\\${char}` : char;
}

/** find-my-way treats `:` and `*` as special in literals; `::` is a literal colon. */
function escapeLiteral(literal: string): string {
  return literal.replace(/:/g, '::').replace(/\*/g, '%2A');
}
