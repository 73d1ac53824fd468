/**
 * Security Requirement Objects -> the effective security of an operation, as
 * the service's auth guard reads it (platform/auth.ts).
 * https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
import type { Json } from '../blueprint/openapi.js';
import type { RouteSpec } from './service-model.js';

/**
 * OpenAPI security: a list of alternatives (OR), each a map of schemes that
 * must all pass (AND). `[]` means public; `[{}]` means optional (public too).
 */
export function effectiveSecurity(raw: unknown): RouteSpec['security'] {
  if (raw === undefined) return [];
  // A requirement design-first cannot read must never make an operation public: it becomes a scheme
  // no blueprint declares, which the service's auth guard refuses on every call (fail-closed).
  const unreadable = [[{ scheme: INVALID_SECURITY, scopes: [] }]];
  if (!Array.isArray(raw)) return unreadable;
  if (raw.length === 0) return [];
  const alternatives: RouteSpec['security'] = [];
  let optional = false;
  // Every alternative is read before `{}` may make the operation public, so the order they are written in cannot matter.
  for (const requirement of raw) {
    if (!requirement || typeof requirement !== 'object' || Array.isArray(requirement)) return unreadable;
    const entries = Object.entries(requirement as Json);
    if (entries.length === 0) optional = true;
    if (entries.some(([, scopes]) => !Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string'))) return unreadable;
    if (entries.length > 0) alternatives.push(entries.map(([scheme, scopes]) => ({ scheme, scopes: scopes as string[] })));
  }
  if (optional) return [];
  return alternatives.length > 0 ? alternatives : unreadable;
}

/** Not a valid scheme name in any blueprint (they are map keys, never containing a space and parentheses). */
const INVALID_SECURITY = '(unreadable security requirement)';
