/** An API marked `x-audience: internal` is called with Azure AD-style OAuth2 client credentials, with scopes. */
import { asObject, audienceOf, objectEntries } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'security-internal-oauth2-cc',
  description: 'an API marked `x-audience: internal` uses OAuth2 client credentials with scopes',
  fix: 'declare an oauth2 scheme with a clientCredentials flow and scopes, and require it (with a scope) on every operation',
  create(context) {
    if (audienceOf(context.document) !== 'internal') return {};
    const schemesPointer = '/components/securitySchemes';
    const clientCredentials = new Set(
      objectEntries(asObject(context.document.components)?.securitySchemes)
        .filter(([, scheme]) => {
          const flow = asObject(asObject(scheme.flows)?.clientCredentials);
          return scheme.type === 'oauth2' && flow !== undefined && Object.keys(asObject(flow.scopes) ?? {}).length > 0;
        })
        .map(([name]) => name),
    );
    return {
      document() {
        if (clientCredentials.size === 0) {
          context.report({
            message: 'an internal API needs an oauth2 scheme with a clientCredentials flow and scopes',
            location: asObject(asObject(context.document.components)?.securitySchemes) ? schemesPointer : '',
          });
        }
      },
      operation(operation) {
        const security = context.security(operation);
        if (clientCredentials.size === 0 || (Array.isArray(security) && security.length === 0)) return;
        const ok = (security ?? []).some((requirement) =>
          Object.entries(asObject(requirement) ?? {}).some(([name, scopes]) => clientCredentials.has(name) && Array.isArray(scopes) && scopes.length > 0),
        );
        if (!ok) {
          context.report({
            message: `${operation.method.toUpperCase()} ${operation.path} does not require OAuth2 client credentials with a scope`,
            location: operation.pointer,
          });
        }
      },
    };
  },
});
