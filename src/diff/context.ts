/** What every walker of the diff shares: both documents, the schema comparer and the change log. */
import type { ChangeLog } from './change.js';
import type { SchemaDiffer } from './schemas.js';
import type { Located, Side } from './side.js';

export interface DiffContext {
  readonly old: Side;
  readonly new: Side;
  readonly schemas: SchemaDiffer;
  readonly log: ChangeLog;
}

/** One operation present in both documents. */
export interface OperationPair {
  /** `GET /pets/{petId}`, as the new document spells the path. */
  readonly where: string;
  readonly oldItem: Located;
  readonly newItem: Located;
  readonly oldOperation: Located;
  readonly newOperation: Located;
  /** Old path parameter name -> new name, for `/pets/{id}` matched to `/pets/{petId}`. */
  readonly pathRenames: ReadonlyMap<string, string>;
}
