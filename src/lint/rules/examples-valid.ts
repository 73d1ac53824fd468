/**
 * Examples validate against their schemas (opt-in with `examples: { validate: true }`:
 * it compiles every schema that has an example, which costs time on big documents).
 */
import { ExampleValidator } from '../example-validator.js';
import { asArray, child, objectEntries, type Json } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'examples-valid',
  description: 'examples validate against their schema (opt-in: costly on big documents)',
  fix: 'correct the example, or the schema if the example shows what the API really returns',
  create(context) {
    const validator = new ExampleValidator(context.document, context.specVersion);
    const reportedCompile = new Set<string>();
    const check = (schemaPointer: string, example: unknown, examplePointer: string): void => {
      const result = validator.check(schemaPointer, example);
      if (!result) return;
      if (result.compileError) {
        if (reportedCompile.has(schemaPointer)) return;
        reportedCompile.add(schemaPointer);
        context.report({ message: `the schema cannot be compiled to check its examples: ${result.problem}`, location: schemaPointer });
        return;
      }
      context.report({ message: `example does not match its schema: ${result.problem}`, location: examplePointer });
    };
    /** Media types, parameters and headers: `example` or `examples` beside a `schema`. */
    const withSchema = ({ value, pointer }: { value: Json; pointer: string }): void => {
      if (value.schema === undefined) return;
      const schemaPointer = child(pointer, 'schema');
      if (value.example !== undefined) check(schemaPointer, value.example, child(pointer, 'example'));
      for (const [name, example] of objectEntries(value.examples)) {
        const resolved = context.resolve(example, child(child(pointer, 'examples'), name));
        if (resolved && 'value' in resolved.value) check(schemaPointer, resolved.value.value, child(resolved.pointer, 'value'));
      }
    };
    return {
      mediaType: withSchema,
      parameter: withSchema,
      header: withSchema,
      schema({ value, pointer }) {
        if (typeof value.$ref === 'string') return;
        if (value.example !== undefined) check(pointer, value.example, child(pointer, 'example'));
        if (context.specVersion === '3.1') {
          asArray(value.examples).forEach((example, index) => {
            check(pointer, example, child(child(pointer, 'examples'), index));
          });
        }
      },
    };
  },
});
