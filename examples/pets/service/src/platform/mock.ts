/**
 * Mock mode: the blueprint's own answer for an operation, so a service is a
 * usable test instance before anyone writes a handler.
 */
import type { HandlerResult, RouteSpec } from './version-module.js';

export function mockResult(route: RouteSpec): HandlerResult {
  const { status, contentType, body } = route.mock;
  return {
    status,
    ...(body === null ? {} : { body: structuredClone(body) }),
    ...(contentType === null ? {} : { contentType }),
  };
}
