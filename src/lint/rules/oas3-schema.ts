/**
 * The blueprint is valid against the official OpenAPI JSON Schema of its
 * version (3.0 or 3.1 with the base dialect): a `type` that is not a type, a
 * parameter without `in`, a response without `description`, unknown fields, a
 * path parameter that is not required, a path that does not start with `/`.
 * Also the component names the specification allows (§4.8.7: `^[a-zA-Z0-9.\-_]+$`),
 * which its schema does not check. Spectral's `oas3-schema`, Redocly's `struct`.
 *
 * `new` refuses what this rule finds: a service generated from an invalid
 * description would type `type: strin` as `unknown`.
 */
import { child, objectEntries } from '../../blueprint/openapi.js';
import { describeErrors } from '../structure/describe-errors.js';
import { validateStructure } from '../structure/oas-validator.js';
import { defineRule } from '../types.js';

const COMPONENT_NAME = /^[a-zA-Z0-9.\-_]+$/;

export default defineRule({
  id: 'oas3-schema',
  description: 'the blueprint is valid against the official OpenAPI 3.0 or 3.1 JSON Schema, and component names are the allowed characters',
  fix: 'correct the field as the message says; the OpenAPI specification lists what each object may hold',
  create(context) {
    return {
      document({ value }) {
        for (const report of describeErrors(validateStructure(context.specVersion, value), value)) context.report(report);
        for (const [kind, components] of objectEntries(value.components)) {
          if (kind.startsWith('x-')) continue;
          for (const name of Object.keys(components)) {
            if (!COMPONENT_NAME.test(name)) {
              context.report({
                message: `component name ${JSON.stringify(name)} may hold only letters, digits, ".", "-" and "_"`,
                location: child(child('/components', kind), name),
              });
            }
          }
        }
      },
    };
  },
});
