/**
 * Every name in `required` is a property the schema (or the composition it is
 * part of) declares: `required: [Id]` beside `properties: { ID: ... }` is a
 * typo that makes every value invalid, or the property untyped. Properties
 * count through `allOf` and `$ref`s, and a member of `allOf`, `oneOf` or
 * `anyOf` may require what its parent declares. Schemas that admit other
 * properties by a schema (`additionalProperties: {...}`, `patternProperties`)
 * are left alone. Redocly's `no-required-schema-properties-undefined`.
 */
import { asArray, asObject, child } from '../../blueprint/openapi.js';
import { defineRule, type SchemaNode } from '../types.js';

export default defineRule({
  id: 'no-required-schema-properties-undefined',
  description: 'every name in `required` is a property the schema declares',
  fix: 'declare the property under properties, or correct the name in required',
  create(context) {
    const declared = (node: SchemaNode): Set<string> => {
      const names = new Set(context.properties({ value: node.value, pointer: node.pointer }).keys());
      // A member of a composition may require what the composing schema (or its other members) declare.
      const parent = node.parent;
      if (parent && /\/(allOf|oneOf|anyOf)\/\d+$/.test(node.pointer.slice(parent.pointer.length))) {
        for (const name of declared(parent)) names.add(name);
      }
      return names;
    };
    return {
      schema(node) {
        const { value, pointer } = node;
        if (!Array.isArray(value.required) || typeof value.$ref === 'string') return;
        if (asObject(value.additionalProperties) || value.patternProperties !== undefined) return;
        // A composition's members are not all visible here when they are not objects: leave anyOf/oneOf parents to their members.
        if (asArray(value.anyOf).length > 0 || asArray(value.oneOf).length > 0) return;
        let names: Set<string> | undefined;
        value.required.forEach((name, index) => {
          if (typeof name !== 'string') return;
          names ??= declared(node);
          if (!names.has(name)) context.report({ message: `required property ${name} is not declared`, location: child(child(pointer, 'required'), index) });
        });
      },
    };
  },
});
