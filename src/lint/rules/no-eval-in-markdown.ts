/**
 * Descriptions hold no `eval(`: Markdown renderers that allow HTML would run
 * it in the reader's browser. Spectral's `no-eval-in-markdown`.
 */
import { markdownTexts } from '../descriptions.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-eval-in-markdown',
  description: 'descriptions and summaries hold no `eval(`',
  fix: 'remove the eval call from the description',
  create(context) {
    return {
      document({ value }) {
        for (const { pointer, text } of markdownTexts(value)) {
          if (/\beval\s*\(/.test(text)) context.report({ message: 'description holds eval(', location: pointer });
        }
      },
    };
  },
});
