/**
 * Server variables are consistent (OpenAPI 3.1.0 §4.8.5, §4.8.6): every
 * `{name}` in a server URL is declared under `variables`, every declared one is
 * used, an `enum` is not empty, and the `default` is one of the `enum` values.
 * Spectral's `oas3-server-variables`, Redocly's `no-undefined-server-variable`.
 */
import { asArray, asObject, asString, child, objectEntries } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'oas3-server-variables',
  description: 'server URL variables are declared and used, with a non-empty `enum` that holds the `default`',
  fix: 'declare each {variable} of the URL under variables with a default (and enum, if any, listing it), and remove the unused ones',
  create(context) {
    return {
      server({ value, pointer }) {
        const url = asString(value.url);
        if (url === undefined) return;
        const used = new Set([...url.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]!));
        const variables = asObject(value.variables) ?? {};
        for (const name of used) {
          if (!Object.hasOwn(variables, name))
            context.report({ message: `server URL variable {${name}} is not declared under variables`, location: child(pointer, 'url') });
        }
        for (const [name, variable] of objectEntries(variables)) {
          const at = child(child(pointer, 'variables'), name);
          if (!used.has(name)) context.report({ message: `server variable ${name} is not used in the URL ${url}`, location: at });
          if (variable.enum === undefined) continue;
          const values = asArray(variable.enum);
          if (values.length === 0) context.report({ message: `server variable ${name} has an empty enum`, location: child(at, 'enum') });
          else if (variable.default !== undefined && !values.includes(variable.default)) {
            context.report({
              message: `server variable ${name}: default ${JSON.stringify(variable.default)} is not one of its enum values`,
              location: child(at, 'default'),
            });
          }
        }
      },
    };
  },
});
