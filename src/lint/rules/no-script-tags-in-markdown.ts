/**
 * Descriptions hold no `<script>` tags: documentation portals render them as
 * Markdown, and a script there runs in every reader's browser. Spectral's
 * `no-script-tags-in-markdown`.
 */
import { markdownTexts } from '../descriptions.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-script-tags-in-markdown',
  description: 'descriptions and summaries hold no `<script>` tags',
  fix: 'remove the script; describe the behaviour in words, or link to a page that shows it',
  create(context) {
    return {
      document({ value }) {
        for (const { pointer, text } of markdownTexts(value)) {
          if (/<script\b/i.test(text)) context.report({ message: 'description holds a <script> tag', location: pointer });
        }
      },
    };
  },
});
