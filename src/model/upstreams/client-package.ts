/**
 * The model of a TypeScript client package for an API's consumers
 * (`design-first client --generator typescript`): the API modelled exactly as
 * a service models an upstream it calls (build-upstream.ts), so the package
 * carries the same typed client and call runtime, plus its identity and a
 * sample request per operation for its own tests.
 */
import type { LoadedBlueprint } from '../../blueprint/load.js';
import { fileSegment } from '../names.js';
import type { RuntimeSettings } from '../service-model.js';
import { buildUpstreams } from './build-upstream.js';
import type { ClientSample, UpstreamModel } from './upstream-model.js';

export interface ClientPackageModel {
  packageName: string;
  /** A semantic version, from `info.version`. */
  packageVersion: string;
  description: string;
  generatorVersion: string;
  /** The API, as an upstream of the package's user. */
  upstream: UpstreamModel;
  /** A valid request per client method. */
  samples: Record<string, ClientSample>;
}

export function buildClientPackage(
  loaded: LoadedBlueprint,
  options: { packageName: string; packageVersion: string | undefined; runtime: RuntimeSettings; generatorVersion: string },
): ClientPackageModel {
  const info = ((loaded.document as { info?: unknown }).info ?? {}) as { title?: unknown; description?: unknown };
  const title = typeof info.title === 'string' ? info.title : 'API';
  // The API's name in the package: kebab words starting with a letter, as upstream names are.
  const segment = fileSegment(title, 'api');
  const name = /^[a-z]/.test(segment) ? segment : `api-${segment}`;
  const [upstream] = buildUpstreams([{ name: name.slice(0, 40).replace(/-+$/, ''), loaded }], options.runtime);
  const description =
    typeof info.description === 'string' && info.description.trim() !== '' ? info.description.trim().split('\n')[0]! : `A typed client of ${title}`;
  return {
    packageName: options.packageName,
    packageVersion: options.packageVersion ?? '0.0.0',
    description,
    generatorVersion: options.generatorVersion,
    upstream: upstream!,
    samples: Object.fromEntries(upstream!.operations.map((operation) => [operation.ident, operation.sample])),
  };
}
