/**
 * Server URLs do not end in `/`: paths start with one, so `https://api.example/v1/`
 * joined with `/courses` gives `//courses`. Redocly's `no-server-trailing-slash`,
 * Spectral's `oas3-server-trailing-slash`.
 */
import { asString, child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-server-trailing-slash',
  description: 'server URLs do not end with `/`',
  fix: 'remove the trailing slash from the server URL',
  create(context) {
    return {
      server({ value, pointer }) {
        const url = asString(value.url);
        if (url !== undefined && url !== '/' && url.endsWith('/'))
          context.report({ message: `server URL ${url} ends with /`, location: child(pointer, 'url') });
      },
    };
  },
});
