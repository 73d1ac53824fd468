/**
 * diff: what changed between two blueprints, and whether it breaks clients.
 *
 * `diffBlueprints` is pure (it reads the two loaded blueprints and returns a
 * list) and fast (the 5.7 MB GitHub description against itself takes well
 * under a second), so `update` can call it to refuse a breaking change inside
 * a published version, and `design-first diff` to report one.
 */
import { childPointer } from '../blueprint/pointer.js';
import type { LoadedBlueprint } from '../blueprint/load.js';
import { ChangeLog, type Change } from './change.js';
import type { DiffContext } from './context.js';
import { dayOf, type Policy } from './lifecycle.js';
import { diffOperation } from './operation.js';
import { diffVersionLifecycle } from './operation-lifecycle.js';
import { diffPaths } from './paths.js';
import { SchemaDiffer } from './schemas.js';
import { diffSecuritySchemes } from './security-schemes.js';
import { asObject, code, entriesOf, own, Side } from './side.js';
import { diffWebhooks } from './webhooks.js';

export type { Change, ChangeLocation, Severity } from './change.js';
export { countBySeverity, SEVERITIES } from './change.js';
export type { CheckId, CheckInfo, Grade, OperationCheckId, SchemaCheckId, SchemaKind, SchemaSubject } from './catalogue.js';
export { CHECK_FAMILIES, OPERATION_CHECKS, SCHEMA_KINDS, SCHEMA_SUBJECTS } from './catalogue.js';
export { DIFF_FORMATS, formatChanges, type DiffFormat, type FormatOptions } from './format/index.js';
export { sunsetDay } from './lifecycle.js';

export interface DiffOptions {
  /**
   * Days a deprecation must announce before its sunset (the playbook's
   * `deprecationNoticeDays`). 0 (the default): a sunset date is optional, but
   * one that is given is honoured.
   */
  minimumNoticeDays?: number;
  /** The day sunset dates are judged against; default: now. */
  today?: Date;
}

/** Every change from `oldLoaded` to `newLoaded`, breaking first, each located in both documents. */
export function diffBlueprints(oldLoaded: LoadedBlueprint, newLoaded: LoadedBlueprint, options: DiffOptions = {}): Change[] {
  const oldSide = new Side(oldLoaded);
  const newSide = new Side(newLoaded);
  const policy: Policy = { noticeDays: Math.max(0, options.minimumNoticeDays ?? 0), today: dayOf(options.today ?? new Date()) };
  const log = new ChangeLog();
  const ctx: DiffContext = { old: oldSide, new: newSide, schemas: new SchemaDiffer(oldSide, newSide, policy), log, policy };
  diffVersionLifecycle(ctx);
  diffPaths(ctx);
  diffWebhooks(ctx, diffOperation);
  diffSecuritySchemes(ctx);
  diffComponentSchemas(ctx);
  return log.toChanges(oldLoaded, newLoaded);
}

/** Component schemas removed: what changed where they were used is reported there; this says the name is gone. */
function diffComponentSchemas(ctx: DiffContext): void {
  const schemas = (side: Side) => own(asObject(own(side.document, 'components')), 'schemas');
  const now = asObject(schemas(ctx.new)) ?? {};
  for (const [name] of entriesOf(schemas(ctx.old))) {
    if (Object.hasOwn(now, name)) continue;
    ctx.log.add({
      id: 'api-schema-removed',
      severity: 'info',
      where: 'components',
      what: `schema ${code(name)} was removed`,
      oldPointer: childPointer('/components/schemas', name),
      newPointer: asObject(own(ctx.new.document, 'components')) ? '/components' : '',
    });
  }
}
