/** `Links` is an array of `{ Rel, Href, Type }` (names from the playbook envelope), `Type` an HTTP method. */
import { asArray, asObject, child, isArraySchema } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'TRACE']);

export default defineRule({
  id: 'link-object-shape',
  description: '`Links` is an array of `{ Rel, Href, Type }`, `Type` an HTTP method',
  fix: 'declare Links as an array of objects with Rel, Href and Type (an enum of HTTP methods)',
  create(context) {
    const { links, rel, href, type } = context.playbook.envelope;
    return {
      schema({ value, pointer }) {
        const properties = asObject(value.properties);
        if (!properties || properties[links] === undefined) return;
        const at = child(child(pointer, 'properties'), links);
        const schema = context.resolve(properties[links], at);
        if (!schema) return;
        if (!isArraySchema(schema.value)) {
          context.report({ message: `${links} must be an array of { ${rel}, ${href}, ${type} }`, location: at });
          return;
        }
        const itemsAt = child(schema.pointer, 'items');
        const item = context.resolve(schema.value.items, itemsAt);
        if (!item) {
          context.report({ message: `${links} items must be objects with ${rel}, ${href} and ${type}`, location: schema.pointer });
          return;
        }
        const itemProperties = context.properties(item);
        const missing = [rel, href, type].filter((name) => !itemProperties.has(name));
        if (missing.length > 0) {
          context.report({ message: `link objects lack ${missing.join(', ')}`, location: item.pointer });
          return;
        }
        const typeSchema = itemProperties.get(type)!;
        const notMethods = asArray(typeSchema.value.enum).filter((v) => typeof v !== 'string' || !METHODS.has(v.toUpperCase()));
        if (notMethods.length > 0) {
          context.report({
            message: `${type} must be an HTTP method, not ${notMethods.map((v) => JSON.stringify(v)).join(', ')}`,
            location: typeSchema.pointer,
          });
        }
      },
    };
  },
});
