/**
 * Parameters of an operation (its own and its path item's, the operation's
 * winning), matched by location and name (header names ignore case, path
 * parameters follow a template rename). What is left over is a move (same name,
 * other `in`), a rename (same `in`, same shape), a removal after deprecation
 * (parameter-lifecycle.ts), or a plain removal and addition.
 * https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import type { Finding } from './change.js';
import { polarity, type DiffContext, type OperationPair } from './context.js';
import { toFinding, worse, type Mode } from './findings.js';
import { compareParameterLifecycle, judgeParameterRemoval } from './parameter-lifecycle.js';
import { collect, keyOf, type Parameter } from './parameter-list.js';
import { code } from './side.js';

export function diffParameters(ctx: DiffContext, pair: OperationPair): void {
  const oldParameters = collect(ctx.old, pair.oldItem, pair.oldOperation, pair.pathRenames);
  const newParameters = collect(ctx.new, pair.newItem, pair.newOperation, new Map());
  const removed = [...oldParameters.keys()].filter((key) => !newParameters.has(key));
  const added = new Set([...newParameters.keys()].filter((key) => !oldParameters.has(key)));
  const report = (finding: Omit<Finding, 'where'>) => ctx.log.add({ ...finding, where: pair.where });

  for (const [key, oldParameter] of oldParameters) {
    const newParameter = newParameters.get(key);
    if (newParameter) compareParameter(ctx, pair, oldParameter, newParameter);
  }
  for (const key of removed) {
    const oldParameter = oldParameters.get(key)!;
    const label = `${oldParameter.in} parameter ${code(oldParameter.name)}`;
    // Removed after a deprecation: judged by its sunset, not guessed as a move or a rename.
    const lifecycle = judgeParameterRemoval(ctx, pair, oldParameter);
    if (lifecycle) {
      report(lifecycle);
      continue;
    }
    const moved = [...added].find((other) => newParameters.get(other)!.name.toLowerCase() === oldParameter.name.toLowerCase());
    const renamed =
      moved === undefined
        ? findRename(
            ctx,
            oldParameter,
            [...added].map((other) => newParameters.get(other)!),
            removed.map((other) => oldParameters.get(other)!),
          )
        : undefined;
    const counterpartKey = moved ?? (renamed ? keyOf(renamed.in, renamed.name) : undefined);
    const removal = polarity(pair, 'warning', oldParameter.required ? 'breaking' : 'warning');
    if (counterpartKey !== undefined) {
      const counterpart = newParameters.get(counterpartKey)!;
      added.delete(counterpartKey);
      if (moved !== undefined) {
        report({
          id: 'request-parameter-moved',
          severity: 'breaking',
          what: `${label} moved to the ${counterpart.in}: ${pair.reversed ? 'clients still read it in the' : 'clients still send it in the'} ${oldParameter.in}, where it is no longer ${pair.reversed ? 'sent' : 'read'}`,
          oldPointer: oldParameter.use,
          newPointer: counterpart.use,
        });
      } else {
        // As severe as the worse of its halves: the old name no longer read, the new one now expected.
        const addition = counterpart.required ? polarity(pair, 'breaking', 'info') : 'info';
        report({
          id: 'request-parameter-renamed',
          severity: worse(removal, addition),
          what: `${label} was renamed ${code(counterpart.name)} (same shape: a rename?): ${pair.reversed ? 'clients still read the old name, which is no longer sent' : 'clients still send the old name, which is no longer read'}`,
          oldPointer: oldParameter.use,
          newPointer: counterpart.use,
        });
      }
      compareParameter(ctx, pair, oldParameter, counterpart);
      continue;
    }
    report({
      id: 'request-parameter-removed',
      severity: removal,
      what: pair.reversed
        ? `${label} was removed: clients that read it get nothing`
        : `${label} was removed: the server no longer reads it when clients send it`,
      oldPointer: oldParameter.use,
      newPointer: pair.newOperation.pointer,
    });
  }
  for (const key of added) {
    const parameter = newParameters.get(key)!;
    const label = `${parameter.in} parameter ${code(parameter.name)}`;
    report(
      parameter.required
        ? {
            id: 'request-parameter-added-required',
            severity: polarity(pair, 'breaking', 'info'),
            what: `required ${label} was added${pair.reversed ? '' : ': requests without it are refused'}`,
            oldPointer: pair.oldOperation.pointer,
            newPointer: parameter.use,
          }
        : {
            id: 'request-parameter-added',
            severity: 'info',
            what: `optional ${label} was added`,
            oldPointer: pair.oldOperation.pointer,
            newPointer: parameter.use,
          },
    );
  }
}

function compareParameter(ctx: DiffContext, pair: OperationPair, oldParameter: Parameter, newParameter: Parameter): void {
  const label = `${newParameter.in} parameter ${code(newParameter.name)}`;
  const report = (finding: Omit<Finding, 'where' | 'oldPointer' | 'newPointer'>) =>
    ctx.log.add({ ...finding, where: pair.where, oldPointer: oldParameter.definition.pointer, newPointer: newParameter.definition.pointer });
  if (!oldParameter.required && newParameter.required) {
    report({
      id: 'request-parameter-became-required',
      severity: polarity(pair, 'breaking', 'info'),
      what: `${label} became required${pair.reversed ? '' : ': requests without it are refused'}`,
    });
  } else if (oldParameter.required && !newParameter.required) {
    report({
      id: 'request-parameter-became-optional',
      severity: polarity(pair, 'info', 'breaking'),
      what: `${label} became optional${pair.reversed ? ': clients that count on it may not get it' : ''}`,
    });
  }
  if (oldParameter.in === newParameter.in) {
    if (oldParameter.style !== newParameter.style) {
      report({
        id: 'request-parameter-style-changed',
        severity: 'breaking',
        what: `${label} is serialised in another style (${oldParameter.style} -> ${newParameter.style}): values are read wrongly`,
      });
    } else if (oldParameter.explode !== newParameter.explode && !(isScalar(ctx, 'old', oldParameter) && isScalar(ctx, 'new', newParameter))) {
      // explode only changes how arrays and objects are written; a single value is written the same.
      report({
        id: 'request-parameter-explode-changed',
        severity: 'breaking',
        what: `${label} changed explode from ${oldParameter.explode} to ${newParameter.explode}: its values are written differently`,
      });
    }
  }
  compareParameterLifecycle(ctx, pair, oldParameter, newParameter);
  if (!oldParameter.schema || !newParameter.schema) return;
  // Query, path, header and cookie values are text, read as the generated service's validator coerces them.
  const mode: Mode = { direction: pair.reversed ? 'response' : 'request', text: !oldParameter.content && !newParameter.content };
  const found = ctx.schemas.compare(mode, oldParameter.schema.node, oldParameter.schema.pointer, newParameter.schema.node, newParameter.schema.pointer);
  for (const finding of found) ctx.log.add(toFinding({ kind: 'parameter', label }, pair.where, finding));
}

function isScalar(ctx: DiffContext, side: 'old' | 'new', parameter: Parameter): boolean {
  if (!parameter.schema) return false;
  const view = ctx.schemas.view(side, parameter.schema);
  return view.types !== undefined && view.types.size > 0 && !view.composed && [...view.types].every((type) => type !== 'array' && type !== 'object');
}

/** The only added parameter in the same place and of the same shape, when the removed one is also the only one of its shape. */
function findRename(ctx: DiffContext, removed: Parameter, added: Parameter[], allRemoved: Parameter[]): Parameter | undefined {
  const shape = (side: 'old' | 'new', parameter: Parameter) =>
    parameter.schema ? ctx.schemas.shape(side, parameter.schema.node, parameter.schema.pointer) : '';
  const wanted = shape('old', removed);
  const rivals = allRemoved.filter((other) => other.in === removed.in && shape('old', other) === wanted);
  const candidates = added.filter((other) => other.in === removed.in && shape('new', other) === wanted);
  return rivals.length === 1 && candidates.length === 1 ? candidates[0] : undefined;
}
