/** Resources are domain concepts: no database-flavoured names (`*Pk`, `*Fk`, `RowId`, `tbl*`; the playbook's `systemKeys`). */
import { asObject, asString, child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-system-keys',
  description: "no database-flavoured property or parameter names (the playbook's `systemKeys`)",
  fix: 'name the field after the domain concept (CourseCode rather than CourseFk)',
  create(context) {
    const patterns = context.playbook.systemKeys.map((pattern) => new RegExp(pattern, 'iu'));
    const systemKey = (name: string): boolean => patterns.some((pattern) => pattern.test(name));
    return {
      schema({ value, pointer }) {
        const properties = asObject(value.properties);
        if (!properties) return;
        for (const name of Object.keys(properties)) {
          if (systemKey(name)) {
            context.report({
              message: `property ${name} looks like a database key; name the domain concept`,
              location: child(child(pointer, 'properties'), name),
            });
          }
        }
      },
      parameter({ value, pointer }) {
        const name = asString(value.name);
        if (name !== undefined && systemKey(name)) {
          context.report({ message: `parameter ${name} looks like a database key; name the domain concept`, location: pointer });
        }
      },
    };
  },
});
