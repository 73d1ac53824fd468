/**
 * No schema contradicts itself so that no value can satisfy it: `minimum`
 * above `maximum`, a `pattern` that needs more characters than `maxLength`
 * allows, a required property that `additionalProperties: false` (on the
 * schema or on an `allOf` member) forbids, types with nothing in common
 * between a schema and its `allOf` members or every `oneOf` branch, and
 * through required properties. A service generated from such a schema can
 * never send a valid answer, and its own tests fail. Also reported: an
 * `allOf` member whose `additionalProperties: false` forbids a property
 * another part declares, which can then never be present.
 *
 * The proof is the one the corpus run uses (blueprint/unsatisfiable.ts);
 * each contradiction is reported where it is written, once.
 */
import { fragmentToPointer, getAtPointer } from '../../blueprint/pointer.js';
import { allOfForbiddenProperties, unsatisfiable, type SchemaValue, type UnsatisfiableMemo } from '../../blueprint/unsatisfiable.js';
import { asArray, child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-unsatisfiable-schemas',
  description: 'no schema contradicts itself so that no value (or no value with a declared property) can satisfy it',
  fix: 'remove the contradiction: widen the limit, drop additionalProperties: false from the allOf member (or list the property there), or correct the type',
  create(context) {
    const targets = new Map<string, SchemaValue | undefined>();
    const memo: UnsatisfiableMemo = new WeakMap();
    const resolve = (ref: string): SchemaValue | undefined => {
      if (!ref.startsWith('#')) return undefined;
      if (!targets.has(ref)) {
        const target = getAtPointer(context.document, fragmentToPointer(ref));
        targets.set(
          ref,
          typeof target === 'boolean' || (target !== null && typeof target === 'object' && !Array.isArray(target)) ? (target as SchemaValue) : undefined,
        );
      }
      return targets.get(ref);
    };
    return {
      schema({ value, pointer }) {
        if (typeof value.$ref === 'string') return;
        const reason = unsatisfiable(value, resolve, '', new Set(), memo);
        // Contradictions further down (in a required property, or in an allOf member of its own) are reported where they are written.
        const local =
          typeof reason === 'string' &&
          reason.startsWith('/: ') &&
          !asArray(value.allOf).some((part) => unsatisfiable(part as SchemaValue, resolve, '', new Set(), memo) !== undefined);
        if (local) {
          context.report({ message: `no value can satisfy this schema: ${reason.slice(3)}`, location: pointer });
          return;
        }
        if (!Array.isArray(value.allOf)) return;
        for (const { member, property } of allOfForbiddenProperties(value, resolve)) {
          context.report({
            message: `allOf member ${member} allows only its own properties (additionalProperties: false), so ${property}, declared by another part, can never be present`,
            location: child(child(pointer, 'allOf'), member),
          });
        }
      },
    };
  },
});
