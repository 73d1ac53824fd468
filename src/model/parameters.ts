/**
 * Parameter Objects of a path item and its operation -> the parameters the
 * service validates (query styles put back together first), the group schemas
 * of `params`, `querystring` and `headers`, and their TypeScript shapes.
 * https://spec.openapis.org/oas/v3.1.0#parameter-object
 */
import { isListSchema, type Json } from '../blueprint/openapi.js';
import { childPointer, followRefs } from '../blueprint/pointer.js';
import type { JsonSchema } from './json-schema.js';
import type { OperationContext } from './operation-context.js';
import { exampleOf } from './samples/mock.js';
import type { QueryStyle } from './service-model.js';
import { schemaToType, type PropertyNode, type TypeNode } from './type-node.js';

/** Header parameters OpenAPI says to ignore: they are controlled by the protocol. */
/** Header parameters OpenAPI says to ignore: they are controlled by the protocol. */
export const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

/** Where an operation's parameters are declared: its path item and itself. */
export interface ParameterSource {
  pathItem: Json;
  itemPointer: string;
  operation: Json;
  pointer: string;
}

export interface Parameter {
  name: string;
  in: string;
  required: boolean;
  /** The schema validated and typed; undefined when the serialisation is passed through as text. */
  schema: unknown;
  /** The schema as written, for samples. */
  rawSchema: unknown;
  /** A query parameter spelt as more than one value, validated as declared once the service has put it together. */
  queryStyle: QueryStyle | undefined;
  example: unknown;
  description: string | undefined;
}

export function collectParameters(context: OperationContext, input: ParameterSource): Parameter[] {
  const byKey = new Map<string, Parameter>();
  const lists: Array<[unknown, string]> = [
    [input.pathItem.parameters, childPointer(input.itemPointer, 'parameters')],
    [input.operation.parameters, childPointer(input.pointer, 'parameters')],
  ];
  for (const [list, listPointer] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, index) => {
      const parameter = followRefs(context.loaded.document, raw) as Json | undefined;
      if (!parameter || typeof parameter.name !== 'string' || typeof parameter.in !== 'string') {
        context.notes.push(`${listPointer}/${index}: parameter without name or in; ignored`);
        return;
      }
      if (parameter.name === '__proto__' && parameter.in !== 'path') {
        // Fastify drops `__proto__` when parsing queries and headers (prototype pollution): it can never arrive.
        context.notes.push(`${listPointer}/${index}: parameter "__proto__" can never be received; ignored`);
        return;
      }
      const rawSchema = parameter.schema;
      let schema = parameter.schema;
      const explode = parameter.explode;
      const resolvedSchema = followRefs(context.loaded.document, schema) as Json | undefined;
      const isObject = resolvedSchema?.type === 'object' || resolvedSchema?.properties !== undefined;
      const queryStyle =
        parameter.in === 'query' && parameter.content === undefined && schema !== undefined ? queryStyleOf(parameter, resolvedSchema) : undefined;
      const passedThrough =
        !queryStyle &&
        (schema === undefined ||
          parameter.content !== undefined ||
          (parameter.in !== 'path' && isObject) ||
          parameter.style === 'deepObject' ||
          // `;id=5` and `.5` reach the service as they are: validating them as the bare value would refuse them.
          parameter.style === 'matrix' ||
          parameter.style === 'label' ||
          // A scalar is spelt the same exploded or not; an object or a list is not.
          (explode === false && (isObject || isListSchema(resolvedSchema))) ||
          // A path or header list (simple style) is `1,2,3` whether exploded or not: never one JSON array.
          ((parameter.in === 'path' || parameter.in === 'header') && isListSchema(resolvedSchema)));
      if (passedThrough) {
        if (schema !== undefined || parameter.content !== undefined) {
          context.notes.push(
            `${listPointer}/${index}: parameter "${parameter.name}" has a serialisation design-first does not validate; passed through as text`,
          );
        }
        schema = undefined;
      }
      // Header names are case-insensitive: an operation's `x-trace-id` overrides its path's `X-Trace-Id`.
      const name = parameter.in === 'header' ? parameter.name.toLowerCase() : parameter.name;
      byKey.set(`${parameter.in}:${name}`, {
        name: parameter.name,
        in: parameter.in,
        required: parameter.required === true || parameter.in === 'path',
        schema,
        rawSchema,
        queryStyle,
        example: exampleOf(context.loaded.document, parameter),
        description: typeof parameter.description === 'string' ? parameter.description : undefined,
      });
    });
  }
  return [...byKey.values()];
}

const SEPARATORS: Record<string, ',' | '|' | ' '> = { form: ',', pipeDelimited: '|', spaceDelimited: ' ' };

/**
 * `?filter[Name]=x` (deepObject) and `?ids=1,2,3` (a list, not exploded): the
 * service puts these back together before validating (platform/query-styles.ts),
 * so they are validated and typed as declared. A deepObject scalar simply
 * arrives as `name=x`. Explode defaults to true for `form` only (OpenAPI 3).
 */
function queryStyleOf(parameter: Json, schema: Json | undefined): QueryStyle | undefined {
  const style = typeof parameter.style === 'string' ? parameter.style : 'form';
  const explode = typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form';
  const name = parameter.name as string;
  // deepObject is defined for explode: true only; blueprints that leave explode out mean it anyway.
  if (style === 'deepObject') return { name, style: 'deepObject' };
  const separator = Object.hasOwn(SEPARATORS, style) ? SEPARATORS[style] : undefined;
  return !explode && separator && isListSchema(schema) ? { name, style: 'delimited', separator } : undefined;
}

export function groupSchema(
  context: OperationContext,
  parameters: Parameter[],
  pointer: string,
  keyOf: (name: string) => string,
): { schema: JsonSchema | undefined; type: TypeNode } {
  const properties: PropertyNode[] = parameters.map((parameter) => ({
    name: keyOf(parameter.name),
    optional: !parameter.required,
    type: parameter.schema === undefined ? { kind: 'primitive', name: 'string' } : schemaToType(parameter.schema, context.types),
    description: parameter.description,
  }));
  const type: TypeNode = { kind: 'object', properties, additional: undefined };
  if (parameters.length === 0) return { schema: undefined, type };
  const schema = context.converter.parameterGroupSchema(
    parameters.map((parameter) => ({ key: keyOf(parameter.name), schema: parameter.schema, pointer: `${pointer}/parameters`, required: parameter.required })),
  );
  return { schema, type };
}
