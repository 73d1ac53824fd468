/**
 * The lifecycle of operations: removal judged by deprecation and sunset,
 * deprecation and sunset changes (of an operation, and of the whole version
 * through `info.x-deprecated` / `info.x-sunset`, reported once), and
 * `x-stability-level`, where draft and alpha operations may change freely
 * (their changes are reported as info).
 * https://github.com/oasdiff/oasdiff/blob/main/docs/STABILITY.md
 */
import type { Finding, FindingSink } from './change.js';
import type { OperationCheckId } from './catalogue.js';
import type { DiffContext, OperationPair } from './context.js';
import {
  describeSunset,
  judgeDeprecation,
  judgeRemoval,
  lifecycleOf,
  lifecycleOfInfo,
  mayChangeFreely,
  operationLifecycle,
  stabilityOf,
  stabilityRank,
  type DeprecationOutcome,
  type Lifecycle,
} from './lifecycle.js';
import { asObject, code, own, type Located } from './side.js';

/** An operation that disappeared, alone (`api-removed-*`) or with its path (`api-path-removed-*`). */
export function reportRemovedOperation(ctx: DiffContext, where: string, operation: Located, newParent: string, withPath: boolean): void {
  const record = asObject(operation.node);
  const stability = stabilityOf(own(record, 'x-stability-level'));
  const facts = operationLifecycle(ctx.old.document, record, operation.pointer);
  const outcome = judgeRemoval(ctx.policy, facts);
  const prefix = withPath ? 'api-path-removed' : 'api-removed';
  const [id, what]: [OperationCheckId, string] =
    outcome === 'without-deprecation'
      ? [
          `${prefix}-without-deprecation`,
          `the ${withPath ? 'path and its operation were' : 'operation was'} removed without being deprecated first: clients calling it get 404 or 405`,
        ]
      : outcome === 'with-deprecation'
        ? [
            `${prefix}-with-deprecation`,
            `the deprecated operation was removed${facts.sunset === undefined ? '' : ` after its sunset ${describeSunset(facts.sunset)}`}`,
          ]
        : outcome === 'before-sunset'
          ? [
              `${prefix}-before-sunset`,
              `the deprecated operation was removed before its sunset ${describeSunset(facts.sunset)}: clients were promised it until then`,
            ]
          : ['api-path-sunset-parse', `the deprecated operation was removed, and its x-sunset ${describeSunset(facts.sunset)} is not a date`];
  const finding: Finding = {
    id,
    severity: outcome === 'with-deprecation' ? 'info' : 'breaking',
    where,
    what,
    oldPointer: operation.pointer,
    newPointer: newParent,
  };
  (mayChangeFreely(stability) ? relaxed(ctx.log, stability) : ctx.log).add(finding);
}

const DEPRECATION: Record<DeprecationOutcome, [OperationCheckId, Finding['severity'], string]> = {
  deprecated: ['endpoint-deprecated', 'info', 'deprecated'],
  'deprecated-with-sunset': ['endpoint-deprecated-with-sunset', 'info', 'deprecated'],
  reactivated: ['endpoint-reactivated', 'info', 'no longer deprecated'],
  'sunset-missing': ['api-deprecated-sunset-missing', 'breaking', 'deprecated without x-sunset, and the playbook asks for a notice period'],
  'sunset-parse': ['api-deprecated-sunset-parse', 'breaking', 'deprecated, and its x-sunset is not a date'],
  'sunset-too-small': ['api-sunset-date-too-small', 'breaking', "deprecated with a sunset sooner than the playbook's notice period"],
  'sunset-deleted': ['sunset-deleted', 'breaking', 'deprecated, and lost its x-sunset: clients no longer know how long it stays'],
  'sunset-changed-too-small': ['api-sunset-date-changed-too-small', 'breaking', 'deprecated, and its sunset moved earlier, sooner than the notice period'],
};

function reportDeprecation(
  log: FindingSink,
  ctx: DiffContext,
  where: string,
  subject: string,
  before: Lifecycle,
  after: Lifecycle,
  oldPointer: string,
  newPointer: string,
): void {
  const outcome = judgeDeprecation(ctx.policy, before, after);
  if (!outcome) return;
  const [id, severity, what] = DEPRECATION[outcome];
  const sunset = after.sunset === undefined ? '' : ` (x-sunset ${describeSunset(after.sunset)})`;
  log.add({ id, severity, where, what: `${subject} ${what}${sunset}`, oldPointer, newPointer });
}

/** Deprecation written on the operation itself; the version's own (`info`) is reported once by `diffVersionLifecycle`. */
export function diffOperationDeprecation(ctx: DiffContext, pair: OperationPair): void {
  const oldRecord = asObject(pair.oldOperation.node);
  const newRecord = asObject(pair.newOperation.node);
  const ownBefore = lifecycleOf(oldRecord, pair.oldOperation.pointer);
  const ownAfter = lifecycleOf(newRecord, pair.newOperation.pointer);
  if (ownBefore.deprecated === ownAfter.deprecated && ownBefore.sunset === ownAfter.sunset) return;
  const before = operationLifecycle(ctx.old.document, oldRecord, pair.oldOperation.pointer);
  const after = operationLifecycle(ctx.new.document, newRecord, pair.newOperation.pointer);
  reportDeprecation(
    ctx.log,
    ctx,
    pair.where,
    'the operation was',
    before,
    after,
    ownBefore.sunset === undefined ? pair.oldOperation.pointer : ownBefore.sunsetPointer,
    ownAfter.sunset === undefined ? pair.newOperation.pointer : ownAfter.sunsetPointer,
  );
}

/** `info.x-deprecated` / `info.x-sunset`: every operation of the version, reported once. */
export function diffVersionLifecycle(ctx: DiffContext): void {
  const before = lifecycleOfInfo(ctx.old.document);
  const after = lifecycleOfInfo(ctx.new.document);
  reportDeprecation(
    ctx.log,
    ctx,
    'the API version (info.x-deprecated, every operation)',
    'every operation was',
    before,
    after,
    before.sunsetPointer,
    after.sunsetPointer,
  );
}

/**
 * `x-stability-level`: lowering it breaks the promise made to clients; an
 * invalid one is refused; draft and alpha operations may change freely, so
 * the sink returned reports their changes as info.
 */
export function diffStability(ctx: DiffContext, pair: OperationPair): FindingSink {
  const oldValue = own(asObject(pair.oldOperation.node), 'x-stability-level');
  const newValue = own(asObject(pair.newOperation.node), 'x-stability-level');
  const before = stabilityOf(oldValue);
  const after = stabilityOf(newValue);
  const at = (operation: Located, value: unknown) => (value === undefined ? operation.pointer : `${operation.pointer}/x-stability-level`);
  const oldPointer = at(pair.oldOperation, oldValue);
  const newPointer = at(pair.newOperation, newValue);
  if (after === 'invalid') {
    if (oldValue !== newValue) {
      ctx.log.add({
        id: 'api-invalid-stability-level',
        severity: 'breaking',
        where: pair.where,
        what: `x-stability-level ${code(JSON.stringify(newValue) ?? '')} is not one of draft, alpha, beta, stable`,
        oldPointer,
        newPointer,
      });
    }
    return ctx.log;
  }
  if (before !== 'invalid' && before !== after) {
    const decreased = stabilityRank(after) < stabilityRank(before);
    ctx.log.add({
      id: decreased ? 'api-stability-decreased' : 'api-stability-increased',
      severity: decreased ? 'breaking' : 'info',
      where: pair.where,
      what: `x-stability-level went from ${before} to ${after}${decreased ? ': clients relied on the stability promised before' : ''}`,
      oldPointer,
      newPointer,
    });
  }
  return mayChangeFreely(after) ? relaxed(ctx.log, after) : ctx.log;
}

/** A sink that reports every change as info, saying why. */
function relaxed(log: FindingSink, level: string): FindingSink {
  return {
    add(finding) {
      log.add(
        finding.severity === 'info' ? finding : { ...finding, severity: 'info', what: `${finding.what} (x-stability-level ${level}: may change freely)` },
      );
    },
  };
}
