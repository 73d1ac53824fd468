/**
 * Path parameters are declared and used both ways (OpenAPI 3.1.0 §4.8.12.1:
 * a path parameter's name must be in the path template, and each template
 * expression must be a path parameter, which is always required). Spectral's
 * `path-params`, Redocly's `path-parameters-defined`.
 */
import { asArray, asString, child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'path-params',
  description: 'every `{name}` in a path is a declared path parameter, every path parameter appears in the path, and no name appears twice',
  fix: 'declare the parameter with `in: path` and `required: true` on the path item or operation, or rename it to match the path template',
  create(context) {
    return {
      pathItem({ path, keyPointer }) {
        const names = templateNames(path);
        const twice = names.find((name, i) => names.indexOf(name) !== i);
        if (twice !== undefined) context.report({ message: `path ${path} names {${twice}} twice`, location: keyPointer });
      },
      operation(operation) {
        const inTemplate = new Set(templateNames(operation.path));
        const declared = new Set<string>();
        const where = `${operation.method.toUpperCase()} ${operation.path}`;
        const check = (list: unknown, pointer: string): void => {
          asArray(list).forEach((item, index) => {
            const resolved = context.resolve(item, child(pointer, index));
            if (resolved?.value.in !== 'path') return;
            const name = asString(resolved.value.name);
            if (name === undefined) return;
            declared.add(name);
            if (!inTemplate.has(name)) {
              context.report({ message: `path parameter ${name} is not in the path ${operation.path}`, location: child(pointer, index) });
            }
          });
        };
        check(operation.pathItem.value.parameters, child(operation.pathItem.pointer, 'parameters'));
        check(operation.value.parameters, child(operation.pointer, 'parameters'));
        for (const name of inTemplate) {
          if (!declared.has(name)) context.report({ message: `${where} does not declare the path parameter {${name}}`, location: operation.pointer });
        }
      },
    };
  },
});

/** `/a/{id}/b/{name}.{ext}` -> `['id', 'name', 'ext']`. */
export function templateNames(path: string): string[] {
  return [...path.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]!);
}
