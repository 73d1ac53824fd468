/**
 * What the model tests share: the runtime settings a playbook would give, and
 * the generated service's serialiser loaded straight from the template
 * (imported by path: the template tree holds .hbs siblings that only exist in
 * a generated service, so it is not part of this type-check).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';

export const runtime = {
  bodyLimitBytes: 1024,
  pageSize: 20,
  unpagedMaximum: 100,
  subscriptionKeyHeader: 'Ocp-Apim-Subscription-Key',
  envelope: { page: 'Page', links: 'Links', rel: 'Rel', href: 'Href', type: 'Type' },
  rateLimit: { max: 10, windowSeconds: 60 },
  errorShape: 'problem' as const,
  propertyCasing: 'pascal' as const,
  errorMembers: { message: 'Message', errors: 'Errors', in: 'In', pointer: 'Pointer', detail: 'Detail' },
  errorExample: '{}',
  playbook: { name: null, version: null },
  vars: {},
};

export type Projection = (value: unknown) => unknown;

export const { ProjectionCompiler } = (await import(
  pathToFileURL(fileURLToPath(new URL('../../templates/service/src/platform/serialize.ts', import.meta.url))).href
)) as {
  ProjectionCompiler: new (documents: Map<string, Record<string, unknown>>) => { compile(schema: unknown): Projection };
};
