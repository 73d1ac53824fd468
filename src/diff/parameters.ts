/**
 * Parameters of an operation (its own and its path item's, the operation's
 * winning), matched by location and name (header names ignore case, path
 * parameters follow a template rename). What is left over is a move (same name,
 * other `in`), a rename (same `in`, same shape), or a plain removal and addition.
 * https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import { childPointer } from '../blueprint/pointer.js';
import type { DiffContext, OperationPair } from './context.js';
import { toFinding } from './schemas.js';
import { asRecord, code, entriesOf, own, type Located, type Side } from './side.js';

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  /** Where the operation lists it (a `$ref` or the object itself). */
  use: string;
  /** The parameter object, resolved. */
  definition: Located;
  schema: Located | undefined;
  style: string;
  explode: boolean;
}

export function diffParameters(ctx: DiffContext, pair: OperationPair): void {
  const oldParameters = collect(ctx.old, pair.oldItem, pair.oldOperation, pair.pathRenames);
  const newParameters = collect(ctx.new, pair.newItem, pair.newOperation, new Map());
  const removed = [...oldParameters.keys()].filter((key) => !newParameters.has(key));
  const added = new Set([...newParameters.keys()].filter((key) => !oldParameters.has(key)));

  for (const [key, oldParameter] of oldParameters) {
    const newParameter = newParameters.get(key);
    if (newParameter) compareParameter(ctx, pair, oldParameter, newParameter);
  }
  for (const key of removed) {
    const oldParameter = oldParameters.get(key)!;
    const label = `${oldParameter.in} parameter ${code(oldParameter.name)}`;
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
    if (counterpartKey !== undefined) {
      const counterpart = newParameters.get(counterpartKey)!;
      added.delete(counterpartKey);
      ctx.log.add(
        moved !== undefined
          ? {
              id: 'request-parameter-moved',
              severity: 'breaking',
              where: pair.where,
              what: `${label} moved to the ${counterpart.in}: clients still send it in the ${oldParameter.in}, where it is no longer read`,
              oldPointer: oldParameter.use,
              newPointer: counterpart.use,
            }
          : {
              id: 'request-parameter-renamed',
              severity: 'breaking',
              where: pair.where,
              what: `${label} was renamed ${code(counterpart.name)}: clients still send the old name, which is no longer read`,
              oldPointer: oldParameter.use,
              newPointer: counterpart.use,
            },
      );
      compareParameter(ctx, pair, oldParameter, counterpart);
      continue;
    }
    ctx.log.add({
      id: 'request-parameter-removed',
      severity: 'warning',
      where: pair.where,
      what: `${label} was removed: the server no longer reads it when clients send it`,
      oldPointer: oldParameter.use,
      newPointer: pair.newOperation.pointer,
    });
  }
  for (const key of added) {
    const parameter = newParameters.get(key)!;
    const label = `${parameter.in} parameter ${code(parameter.name)}`;
    ctx.log.add(
      parameter.required
        ? {
            id: 'request-parameter-added-required',
            severity: 'breaking',
            where: pair.where,
            what: `required ${label} was added: requests without it are refused`,
            oldPointer: pair.oldOperation.pointer,
            newPointer: parameter.use,
          }
        : {
            id: 'request-parameter-added',
            severity: 'info',
            where: pair.where,
            what: `optional ${label} was added`,
            oldPointer: pair.oldOperation.pointer,
            newPointer: parameter.use,
          },
    );
  }
}

function compareParameter(ctx: DiffContext, pair: OperationPair, oldParameter: Parameter, newParameter: Parameter): void {
  const label = `${newParameter.in} parameter ${code(newParameter.name)}`;
  if (!oldParameter.required && newParameter.required) {
    ctx.log.add({
      id: 'request-parameter-became-required',
      severity: 'breaking',
      where: pair.where,
      what: `${label} became required: requests without it are refused`,
      oldPointer: oldParameter.definition.pointer,
      newPointer: newParameter.definition.pointer,
    });
  } else if (oldParameter.required && !newParameter.required) {
    ctx.log.add({
      id: 'request-parameter-became-optional',
      severity: 'info',
      where: pair.where,
      what: `${label} became optional`,
      oldPointer: oldParameter.definition.pointer,
      newPointer: newParameter.definition.pointer,
    });
  }
  if (oldParameter.in === newParameter.in && (oldParameter.style !== newParameter.style || oldParameter.explode !== newParameter.explode)) {
    ctx.log.add({
      id: 'request-parameter-style-changed',
      severity: 'breaking',
      where: pair.where,
      what: `${label} is serialised differently (${serialisation(oldParameter)} -> ${serialisation(newParameter)}): values clients send are read wrongly`,
      oldPointer: oldParameter.definition.pointer,
      newPointer: newParameter.definition.pointer,
    });
  }
  if (!oldParameter.schema || !newParameter.schema) return;
  const found = ctx.schemas.compare(
    'request',
    oldParameter.schema.node,
    oldParameter.schema.pointer,
    newParameter.schema.node,
    newParameter.schema.pointer,
  );
  for (const finding of found) ctx.log.add(toFinding({ kind: 'parameter', label }, pair.where, finding));
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

function collect(side: Side, item: Located, operation: Located, pathRenames: ReadonlyMap<string, string>): Map<string, Parameter> {
  const parameters = new Map<string, Parameter>();
  for (const owner of [item, operation]) {
    const list = own(asRecord(owner.node), 'parameters');
    if (!Array.isArray(list)) continue;
    list.forEach((node, i) => {
      const use = `${owner.pointer}/parameters/${i}`;
      const definition = side.resolve(node, use);
      const record = asRecord(definition.node);
      const name = own(record, 'name');
      const location = own(record, 'in');
      if (typeof name !== 'string' || typeof location !== 'string') return;
      const style =
        typeof own(record, 'style') === 'string'
          ? (own(record, 'style') as string)
          : location === 'query' || location === 'cookie'
            ? 'form'
            : 'simple';
      const explode = typeof own(record, 'explode') === 'boolean' ? (own(record, 'explode') as boolean) : style === 'form';
      const effectiveName = location === 'path' ? (pathRenames.get(name) ?? name) : name;
      parameters.set(keyOf(location, effectiveName), {
        name,
        in: location,
        required: location === 'path' || own(record, 'required') === true,
        use,
        definition,
        schema: schemaOf(definition),
        style,
        explode,
      });
    });
  }
  return parameters;
}

function serialisation(parameter: Parameter): string {
  return `style ${parameter.style}, explode ${parameter.explode}`;
}

function keyOf(location: string, name: string): string {
  return `${location}:${location === 'header' ? name.toLowerCase() : name}`;
}

/** `schema`, or the schema of the one media type of `content`. */
function schemaOf(definition: Located): Located | undefined {
  const record = asRecord(definition.node);
  if (own(record, 'schema') !== undefined) return { node: own(record, 'schema'), pointer: `${definition.pointer}/schema` };
  const [entry] = entriesOf(own(record, 'content'));
  if (!entry) return undefined;
  const schema = own(asRecord(entry[1]), 'schema');
  return schema === undefined ? undefined : { node: schema, pointer: `${childPointer(`${definition.pointer}/content`, entry[0])}/schema` };
}
