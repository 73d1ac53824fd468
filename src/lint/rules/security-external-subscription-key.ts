/** An API marked `x-audience: external` takes the gateway's subscription key header (the playbook's `subscriptionKeyHeader`). */
import { asObject, asString, audienceOf, objectEntries } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'security-external-subscription-key',
  description: 'an API marked `x-audience: external` takes a subscription key header',
  fix: 'declare an apiKey scheme in the header the playbook names (Ocp-Apim-Subscription-Key by default) and require it',
  create(context) {
    if (audienceOf(context.document) !== 'external') return {};
    const header = context.playbook.subscriptionKeyHeader;
    const keySchemes = new Set(
      objectEntries(asObject(context.document.components)?.securitySchemes)
        .filter(([, scheme]) => scheme.type === 'apiKey' && scheme.in === 'header' && asString(scheme.name)?.toLowerCase() === header.toLowerCase())
        .map(([name]) => name),
    );
    return {
      document() {
        if (keySchemes.size === 0) {
          context.report({
            message: `an external API needs an apiKey scheme in the ${header} header`,
            location: asObject(context.document.components) ? '/components' : '',
          });
        }
      },
      operation(operation) {
        const security = context.security(operation);
        if (keySchemes.size === 0 || (Array.isArray(security) && security.length === 0)) return;
        const ok = (security ?? []).some((requirement) => Object.keys(asObject(requirement) ?? {}).some((name) => keySchemes.has(name)));
        if (!ok)
          context.report({
            message: `${operation.method.toUpperCase()} ${operation.path} does not require the ${header} subscription key`,
            location: operation.pointer,
          });
      },
    };
  },
});
