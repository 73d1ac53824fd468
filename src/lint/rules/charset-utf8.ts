/** Text is UTF-8: any charset a media type declares is utf-8. */
import { asString, child, objectEntries } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'charset-utf8',
  description: 'any declared charset is UTF-8',
  fix: 'declare charset=utf-8 or leave the charset out (JSON is UTF-8)',
  create(context) {
    const check = (mediaType: string, location: string): void => {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(mediaType)?.[1];
      if (charset && !/^utf-?8$/i.test(charset)) {
        context.report({ message: `${mediaType} declares charset ${charset}; use UTF-8`, location });
      }
    };
    return {
      mediaType({ mediaType, value, pointer }) {
        check(mediaType, pointer);
        for (const [name, encoding] of objectEntries(value.encoding)) {
          const contentType = asString(encoding.contentType);
          if (contentType) check(contentType, child(child(child(pointer, 'encoding'), name), 'contentType'));
        }
      },
    };
  },
});
