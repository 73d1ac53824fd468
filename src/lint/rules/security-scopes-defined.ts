/**
 * The scopes a security requirement asks for exist: an OAuth2 requirement
 * names scopes its flows declare (OpenAPI 3.1.0 §4.8.30, §4.8.29), and
 * schemes other than OAuth2 and OpenID Connect take no scopes in OpenAPI 3.0
 * (3.1 lets them list roles). Spectral's `oas3-operation-security-defined`
 * checks the same.
 */
import { asArray, asObject, child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'security-scopes-defined',
  description: "security requirements ask only for scopes their OAuth2 scheme's flows declare",
  fix: "add the scope to the scheme's flows (components.securitySchemes.<name>.flows.<flow>.scopes), or correct its name",
  create(context) {
    const schemes = asObject(asObject(context.document.components)?.securitySchemes) ?? {};
    const declaredScopes = new Map<string, Set<string> | null>();
    const scopesOf = (name: string): Set<string> | null | undefined => {
      if (declaredScopes.has(name)) return declaredScopes.get(name);
      const scheme = context.resolve(schemes[name], child('/components/securitySchemes', name))?.value;
      if (!scheme) return undefined;
      let scopes: Set<string> | null = null;
      if (scheme.type === 'oauth2') {
        scopes = new Set();
        for (const flow of Object.values(asObject(scheme.flows) ?? {}))
          for (const scope of Object.keys(asObject(asObject(flow)?.scopes) ?? {})) scopes.add(scope);
      } else if (scheme.type !== 'openIdConnect' && context.specVersion === '3.0') {
        scopes = new Set();
      }
      declaredScopes.set(name, scopes);
      return scopes;
    };
    const check = (list: unknown, pointer: string): void => {
      asArray(list).forEach((requirement, index) => {
        for (const [name, wanted] of Object.entries(asObject(requirement) ?? {})) {
          const scopes = scopesOf(name);
          if (!scopes) continue;
          asArray(wanted).forEach((scope, i) => {
            if (typeof scope !== 'string' || scopes.has(scope)) return;
            const message =
              scopes.size === 0 && asObject(schemes[name])?.type !== 'oauth2'
                ? `scheme ${name} takes no scopes, yet ${scope} is asked for`
                : `scope ${scope} is not declared by scheme ${name}`;
            context.report({ message, location: child(child(child(pointer, index), name), i) });
          });
        }
      });
    };
    return {
      document: ({ value }) => check(value.security, '/security'),
      operation: ({ value, pointer }) => check(value.security, child(pointer, 'security')),
    };
  },
});
