/**
 * Authentication, fail-closed. Until a scheme is configured, a secured
 * operation refuses every call; AUTH_MODE=mock (never in production) lets
 * local development through and says so loudly at start.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendProblem } from './errors.js';
import type { RouteSpec } from './version-module.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated client's name, for logs, metrics and rate limits. */
    client?: string;
  }
}

export type AuthGuard = (
  route: RouteSpec,
) => (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

export function createAuthGuard(mode: 'mock' | 'verify'): AuthGuard {
  return (route) => async (request, reply) => {
    if (route.security.length === 0) return;
    if (mode === 'mock') {
      request.client = 'mock-client';
      return;
    }
    reply.header('www-authenticate', 'Bearer');
    return sendProblem(
      reply,
      401,
      'Credentials are required and could not be verified. Do not repeat the request unchanged.',
    );
  };
}
