/** Error bodies leak no implementation details: no stack traces, exceptions, SQL or debug fields. */
import { words } from '../naming.js';
import { asArray, asObject, child, isErrorStatus, objectEntries } from '../../blueprint/openapi.js';
import { defineRule, type Resolved } from '../types.js';

const INTERNAL = /^(stack|stacktrace|backtrace|trace|\w*exception\w*|sql\w*|debug\w*)$/;
const MAX_DEPTH = 12;

export default defineRule({
  id: 'error-no-internals',
  description: 'error schemas carry no `stackTrace`, `exception`, `sql`, `debug`',
  fix: 'remove the field: log internals on the server and return a correlation id instead',
  create(context) {
    const scanned = new Set<unknown>();
    const scan = (schema: Resolved, depth: number): void => {
      if (depth > MAX_DEPTH || scanned.has(schema.value)) return;
      scanned.add(schema.value);
      const properties = asObject(schema.value.properties);
      for (const name of Object.keys(properties ?? {})) {
        const at = child(child(schema.pointer, 'properties'), name);
        if (INTERNAL.test(words(name).join(''))) {
          context.report({ message: `error body field ${name} exposes implementation details`, location: at });
        }
        const resolved = context.resolve(properties![name], at);
        if (resolved) scan(resolved, depth + 1);
      }
      for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
        asArray(schema.value[key]).forEach((member, index) => {
          const resolved = context.resolve(member, child(child(schema.pointer, key), index));
          if (resolved) scan(resolved, depth + 1);
        });
      }
      const items = context.resolve(schema.value.items, child(schema.pointer, 'items'));
      if (items) scan(items, depth + 1);
    };
    return {
      operation(operation) {
        for (const response of context.responses(operation)) {
          if (!isErrorStatus(response.status)) continue;
          for (const [mediaType, media] of objectEntries(response.value.content)) {
            const schema = context.resolve(media.schema, child(child(child(response.pointer, 'content'), mediaType), 'schema'));
            if (schema) scan(schema, 0);
          }
        }
      },
    };
  },
});
