/** What every walker of the diff shares: both documents, the schema comparer, the policy and where findings go. */
import type { Severity } from './change.js';
import type { FindingSink } from './change.js';
import type { Policy } from './lifecycle.js';
import type { SchemaDiffer } from './schemas.js';
import type { Located, Side } from './side.js';

export interface DiffContext {
  readonly old: Side;
  readonly new: Side;
  readonly schemas: SchemaDiffer;
  readonly log: FindingSink;
  readonly policy: Policy;
}

/** One operation present in both documents. */
export interface OperationPair {
  /** `GET /pets/{petId}`, as the new document spells the path; `webhook \`newPet\` POST` for a webhook. */
  readonly where: string;
  readonly oldItem: Located;
  readonly newItem: Located;
  readonly oldOperation: Located;
  readonly newOperation: Located;
  /** Old path parameter name -> new name, for `/pets/{id}` matched to `/pets/{petId}`. */
  readonly pathRenames: ReadonlyMap<string, string>;
  /**
   * A webhook or callback: the API sends the request and the client answers it,
   * so what the client receives is the request and what it sends is the response.
   */
  readonly reversed: boolean;
}

/** The severity of an operation-level change: its usual one, or the one it has when the API is the caller. */
export function polarity(pair: OperationPair, usual: Severity, reversed: Severity): Severity {
  return pair.reversed ? reversed : usual;
}
