/**
 * Deprecation and sunset of parameters (`deprecated`, `x-sunset` on the
 * parameter object), judged under the playbook's notice period as for
 * operations (lifecycle.ts): deprecating needs a far enough sunset when the
 * playbook asks for notice, and a deprecated parameter may go on or after its sunset.
 */
import type { Finding } from './change.js';
import type { OperationCheckId } from './catalogue.js';
import type { DiffContext, OperationPair } from './context.js';
import { describeSunset, judgeDeprecation, judgeRemoval, lifecycleOf, type DeprecationOutcome } from './lifecycle.js';
import type { Parameter } from './parameter-list.js';
import { asObject, code } from './side.js';

const DEPRECATION: Record<DeprecationOutcome, [OperationCheckId, Finding['severity'], string]> = {
  deprecated: ['request-parameter-deprecated', 'info', 'was deprecated'],
  'deprecated-with-sunset': ['request-parameter-deprecated', 'info', 'was deprecated'],
  reactivated: ['request-parameter-reactivated', 'info', 'is no longer deprecated'],
  'sunset-missing': ['request-parameter-deprecated-sunset-missing', 'breaking', 'was deprecated without x-sunset, and the playbook asks for a notice period'],
  'sunset-parse': ['request-parameter-sunset-parse', 'breaking', 'is deprecated, and its x-sunset is not a date'],
  'sunset-too-small': ['request-parameter-sunset-date-too-small', 'breaking', "is deprecated with a sunset sooner than the playbook's notice period"],
  'sunset-deleted': ['request-parameter-sunset-deleted', 'breaking', 'lost its x-sunset: clients no longer know how long it stays'],
  'sunset-changed-too-small': ['request-parameter-sunset-date-changed-too-small', 'breaking', 'had its sunset moved earlier, sooner than the notice period'],
};

export function compareParameterLifecycle(ctx: DiffContext, pair: OperationPair, oldParameter: Parameter, newParameter: Parameter): void {
  const before = lifecycleOf(asObject(oldParameter.definition.node), oldParameter.definition.pointer);
  const after = lifecycleOf(asObject(newParameter.definition.node), newParameter.definition.pointer);
  const outcome = judgeDeprecation(ctx.policy, before, after);
  if (!outcome) return;
  const [id, severity, what] = DEPRECATION[outcome];
  const sunset = after.sunset === undefined ? '' : ` (x-sunset ${describeSunset(after.sunset)})`;
  ctx.log.add({
    id,
    severity,
    where: pair.where,
    what: `${newParameter.in} parameter ${code(newParameter.name)} ${what}${sunset}`,
    oldPointer: before.sunsetPointer,
    newPointer: after.sunsetPointer,
  });
}

/** A deprecated parameter that is gone: allowed on or after its sunset. Undefined when it was not deprecated. */
export function judgeParameterRemoval(ctx: DiffContext, pair: OperationPair, parameter: Parameter): Omit<Finding, 'where'> | undefined {
  const facts = lifecycleOf(asObject(parameter.definition.node), parameter.definition.pointer);
  if (!facts.deprecated) return undefined;
  const label = `${parameter.in} parameter ${code(parameter.name)}`;
  const at = { oldPointer: parameter.use, newPointer: pair.newOperation.pointer };
  switch (judgeRemoval(ctx.policy, facts)) {
    case 'before-sunset':
      return {
        id: 'request-parameter-removed-before-sunset',
        severity: 'breaking',
        what: `${label} was removed before its sunset date ${describeSunset(facts.sunset)}: clients were promised it until then`,
        ...at,
      };
    case 'sunset-parse':
      return {
        id: 'request-parameter-sunset-parse',
        severity: 'breaking',
        what: `${label} was removed, and its x-sunset ${describeSunset(facts.sunset)} is not a date`,
        ...at,
      };
    default:
      return { id: 'request-parameter-removed-with-deprecation', severity: 'info', what: `${label} was removed after its deprecation`, ...at };
  }
}
