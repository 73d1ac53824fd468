/**
 * The parameters of an operation as the diff reads them: its own and its path
 * item's (the operation's winning), keyed by location and name (header names
 * ignore case, path parameters follow a template rename), with their schema
 * and how they are serialised.
 * https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import { childPointer } from '../blueprint/pointer.js';
import { asObject, entriesOf, own, type Located, type Side } from './side.js';

export interface Parameter {
  name: string;
  in: string;
  required: boolean;
  /** Where the operation lists it (a `$ref` or the object itself). */
  use: string;
  /** The parameter object, resolved. */
  definition: Located;
  schema: Located | undefined;
  /** Described by `content` (a media type serialises it), not by `schema` (text, coerced). */
  content: boolean;
  style: string;
  explode: boolean;
}

export function collect(side: Side, item: Located, operation: Located, pathRenames: ReadonlyMap<string, string>): Map<string, Parameter> {
  const parameters = new Map<string, Parameter>();
  for (const owner of [item, operation]) {
    const list = own(asObject(owner.node), 'parameters');
    if (!Array.isArray(list)) continue;
    list.forEach((node, i) => {
      const use = `${owner.pointer}/parameters/${i}`;
      const definition = side.resolve(node, use);
      const record = asObject(definition.node);
      const name = own(record, 'name');
      const location = own(record, 'in');
      if (typeof name !== 'string' || typeof location !== 'string') return;
      const style =
        typeof own(record, 'style') === 'string' ? (own(record, 'style') as string) : location === 'query' || location === 'cookie' ? 'form' : 'simple';
      const explode = typeof own(record, 'explode') === 'boolean' ? (own(record, 'explode') as boolean) : style === 'form';
      const effectiveName = location === 'path' ? (pathRenames.get(name) ?? name) : name;
      parameters.set(keyOf(location, effectiveName), {
        name,
        in: location,
        required: location === 'path' || own(record, 'required') === true,
        use,
        definition,
        schema: schemaOf(definition),
        content: own(record, 'schema') === undefined && own(record, 'content') !== undefined,
        style,
        explode,
      });
    });
  }
  return parameters;
}

export function keyOf(location: string, name: string): string {
  return `${location}:${location === 'header' ? name.toLowerCase() : name}`;
}

/** `schema`, or the schema of the one media type of `content`. */
function schemaOf(definition: Located): Located | undefined {
  const record = asObject(definition.node);
  if (own(record, 'schema') !== undefined) return { node: own(record, 'schema'), pointer: `${definition.pointer}/schema` };
  const [entry] = entriesOf(own(record, 'content'));
  if (!entry) return undefined;
  const schema = own(asObject(entry[1]), 'schema');
  return schema === undefined ? undefined : { node: schema, pointer: `${childPointer(`${definition.pointer}/content`, entry[0])}/schema` };
}
