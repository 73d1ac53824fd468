/** Every server URL is https, localhost excepted (OpenAPI 3.1.0 §4.8.5, Server Object). */
import { asArray, asObject, asString } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

const LOCAL = /^(localhost|127(\.\d+){3}|\[::1\]|0\.0\.0\.0)$/i;

export default defineRule({
  id: 'servers-https',
  description: 'every server URL is https (localhost excepted)',
  fix: 'change the server URL to https://',
  create(context) {
    return {
      server({ value, pointer }) {
        const url = asString(value.url);
        if (url === undefined) return;
        const scheme = schemeOf(url, asObject(value.variables));
        if (scheme.every((s) => s === 'https' || s === '')) return;
        const host = /^[a-z{}][\w+.{}-]*:\/\/([^/:?#]+|\[[^\]]*\])/i.exec(url)?.[1] ?? '';
        if (LOCAL.test(host)) return;
        const insecure = scheme.filter((s) => s !== 'https' && s !== '').join(', ');
        context.report({ message: `server ${url} allows ${insecure}; serve the API over https only`, location: `${pointer}/url` });
      },
    };
  },
});

/** The schemes a URL can take: its literal scheme, or every value of a `{variable}` standing for it; '' for relative URLs. */
function schemeOf(url: string, variables: Record<string, unknown> | undefined): string[] {
  const literal = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  if (literal) return [literal[1]!.toLowerCase()];
  const variable = /^\{([^}]+)\}:\/\//.exec(url);
  if (!variable) return [''];
  const spec = asObject(variables?.[variable[1]!]);
  const values = [spec?.default, ...asArray(spec?.enum)].filter((v): v is string => typeof v === 'string');
  return values.length > 0 ? values.map((v) => v.toLowerCase().replace(/:.*$/, '')) : ['https'];
}
