/**
 * Every reusable component is used: a schema, response, parameter, example,
 * request body, header, link, callback or path item under `components` that
 * nothing references is dead weight that reviewers still read. Security
 * schemes are used by name, not by `$ref`, and are left to `security-defined`.
 * Redocly's `no-unused-components`, Spectral's `oas3-unused-component`.
 */
import { documentRefs } from '../document-refs.js';
import { fragmentToPointer } from '../../blueprint/pointer.js';
import { asObject, asString, child, objectEntries } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

const KINDS = ['schemas', 'responses', 'parameters', 'examples', 'requestBodies', 'headers', 'links', 'callbacks', 'pathItems'];

export default defineRule({
  id: 'no-unused-components',
  description: 'every component under `components` (security schemes aside) is referenced somewhere',
  fix: 'reference the component where it was meant to be used, or delete it',
  create(context) {
    return {
      document({ value }) {
        const components = asObject(value.components);
        if (!components) return;
        const used = new Set<string>();
        /** The component a pointer lies in: `/components/schemas/Pet/properties/id` -> `/components/schemas/Pet`. */
        const componentOf = (pointer: string): string | undefined => {
          const match = /^\/components\/[^/]+\/[^/]+/.exec(pointer);
          return match?.[0];
        };
        for (const { ref, pointer } of documentRefs(value)) {
          if (!ref.startsWith('#')) continue;
          const target = componentOf(fragmentToPointer(ref));
          // A component that only refers to itself is still unused.
          if (target !== undefined && componentOf(pointer) !== target) used.add(target);
        }
        // Discriminator mappings name schemas by `$ref` or by plain name.
        forEachDiscriminatorTarget(value, (name) =>
          used.add(name.startsWith('#') ? (componentOf(fragmentToPointer(name)) ?? name) : child('/components/schemas', name)),
        );
        for (const kind of KINDS) {
          for (const [name] of objectEntries(components[kind])) {
            const pointer = child(child('/components', kind), name);
            if (!used.has(pointer)) context.report({ message: `${kind.replace(/s$/, '').replace(/ie$/, 'y')} ${name} is never referenced`, location: pointer });
          }
        }
      },
    };
  },
});

function forEachDiscriminatorTarget(root: unknown, visit: (target: string) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      stack.push(...value);
      continue;
    }
    const mapping = asObject(asObject((value as Record<string, unknown>).discriminator)?.mapping);
    for (const target of Object.values(mapping ?? {})) {
      const text = asString(target);
      if (text) visit(text);
    }
    for (const [key, child] of Object.entries(value))
      if (key !== 'example' && key !== 'examples' && key !== 'enum' && key !== 'default' && !key.startsWith('x-')) stack.push(child);
  }
}
