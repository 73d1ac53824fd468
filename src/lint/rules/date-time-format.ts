/** Dates and times are ISO 8601 strings: `format: date` (2017-08-09) or `date-time` (2017-08-09T13:58:07Z). */
import { words } from '../naming.js';
import { asObject, asString, child, schemaTypes } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'date-time-format',
  description: 'date-like properties are strings with `format: date` or `date-time` (ISO 8601)',
  fix: 'declare the property as type: string with format: date or format: date-time',
  create(context) {
    return {
      schema({ value, pointer }) {
        const properties = asObject(value.properties);
        if (!properties) return;
        const base = child(pointer, 'properties');
        for (const name of Object.keys(properties)) {
          if (!isDateLike(name)) continue;
          const at = child(base, name);
          const schema = context.resolve(properties[name], at);
          if (!schema || schema.value.oneOf || schema.value.anyOf || schema.value.allOf) continue;
          const types = schemaTypes(schema.value);
          const format = asString(schema.value.format);
          if (types.size === 0 && format === undefined) continue;
          if ((types.size === 0 || types.has('string')) && (format === 'date' || format === 'date-time')) continue;
          const got = [...types].join(' or ') || 'untyped';
          context.report({ message: `property ${name} looks like a date but is ${got}${format ? ` (format ${format})` : ''}`, location: at });
        }
      },
    };
  },
});

/** `DateRegistered`, `dateOfBirth`, `start_date`, `createdAt`, `updated_at`, `Timestamp`. */
export function isDateLike(name: string): boolean {
  const parts = words(name);
  const last = parts.at(-1);
  if (!last) return false;
  if (last === 'date' || last === 'datetime' || last === 'timestamp') return true;
  if (parts[0] === 'date' && parts.length > 1 && parts[1] !== 'format') return true;
  return last === 'at' && parts.length > 1 && /ed$/.test(parts.at(-2)!);
}
