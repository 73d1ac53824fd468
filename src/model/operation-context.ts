/**
 * What every part of an operation's model reads: the loaded blueprint, the
 * schema converter and type context of its version, the notes it adds to, and
 * the playbook's runtime settings.
 */
import type { LoadedBlueprint } from '../blueprint/load.js';
import type { SchemaConverter } from './json-schema.js';
import type { ExampleCheck } from './samples/example-check.js';
import type { RuntimeSettings } from './service-model.js';
import type { TypeContext } from './type-node.js';

export interface OperationContext {
  loaded: LoadedBlueprint;
  converter: SchemaConverter;
  types: TypeContext;
  notes: string[];
  /** Document-level security, used when an operation has none of its own. */
  globalSecurity: unknown;
  /** Validate examples against response and request schemas (with the version's definitions). */
  isValidExample: ExampleCheck;
  isValidRequest: ExampleCheck;
  runtime: RuntimeSettings;
  /** A blueprint path as served under the version's prefix (version-prefix.ts). */
  servedPath: (blueprintPath: string) => string;
}
