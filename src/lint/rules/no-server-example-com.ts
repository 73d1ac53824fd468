/**
 * Server URLs name a real host, not the documentation placeholder
 * `example.com` (RFC 2606), which a published description should not point
 * clients at. Redocly's `no-server-example.com`, Spectral's `oas3-server-not-example.com`.
 */
import { asString, child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-server-example-com',
  description: 'server URLs do not point at example.com',
  fix: "use the API's real host, or a relative URL such as /v1",
  create(context) {
    return {
      server({ value, pointer }) {
        const url = asString(value.url);
        if (url === undefined) return;
        const host = /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]+)/i.exec(url)?.[1]?.toLowerCase();
        if (host === 'example.com' || host?.endsWith('.example.com'))
          context.report({ message: `server URL ${url} points at example.com`, location: child(pointer, 'url') });
      },
    };
  },
});
