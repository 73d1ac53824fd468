/** No HTTP Basic: passwords on every request (RFC 7617); use OAuth2 or a subscription key. */
import { asString } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-http-basic',
  description: 'no HTTP Basic authentication',
  fix: 'replace the scheme with OAuth2 client credentials or a subscription key',
  create(context) {
    return {
      securityScheme({ name, value, pointer }) {
        const type = asString(value.type)?.toLowerCase();
        if (type === 'basic' || (type === 'http' && asString(value.scheme)?.toLowerCase() === 'basic')) {
          context.report({ message: `security scheme ${name} is HTTP Basic`, location: pointer });
        }
      },
    };
  },
});
