/**
 * Which operations are rate limited: those marked `x-rate-limit` (with their
 * own `max` and `windowSeconds`, or the playbook's), and every operation of an
 * API whose `x-audience` is `external` (the playbook's limits).
 */
import type { RouteSpec } from './service-model.js';
import type { Json } from '../blueprint/openapi.js';

export function detectRateLimit(operation: Json, audience: unknown, playbookLimit: { max: number; windowSeconds: number }): RouteSpec['rateLimit'] {
  const marked = operation['x-rate-limit'];
  if (marked === false) return null;
  if (marked && typeof marked === 'object') {
    const { max, windowSeconds } = marked as Json;
    return {
      max: Number.isInteger(max) && (max as number) > 0 ? (max as number) : playbookLimit.max,
      windowSeconds: Number.isInteger(windowSeconds) && (windowSeconds as number) > 0 ? (windowSeconds as number) : playbookLimit.windowSeconds,
    };
  }
  if (marked === true || audience === 'external') return { ...playbookLimit };
  return null;
}
