/**
 * The playbook's (and the team's) own Fastify plugins: every module in
 * src/platform/extensions/ whose default export is a plugin, registered in
 * the order of their file names (`10-security-headers.ts` before
 * `20-audit.ts`), after the platform's hooks (request ids, validation, errors,
 * metrics, rate limits) and before any route. They are registered without
 * encapsulation, as fastify-plugin would, so a hook one adds applies to every
 * answer of every version. A playbook ships them as templates under
 * src/platform/extensions/; a team may add its own there too.
 */
import { readdir } from 'node:fs/promises';
import type { FastifyInstance, FastifyPluginAsync, FastifyPluginCallback } from 'fastify';

type Extension = (FastifyPluginAsync | FastifyPluginCallback) & { [key: symbol]: unknown };

export async function registerExtensions(app: FastifyInstance): Promise<string[]> {
  const folder = new URL('./extensions/', import.meta.url);
  // Sources under tsx, compiled .js under node; never declaration files.
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const names = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith(extension) && !name.endsWith('.d.ts')).sort();
  for (const name of names) {
    const plugin = ((await import(new URL(name, folder).href)) as { default?: unknown }).default;
    if (typeof plugin !== 'function') throw new Error(`src/platform/extensions/${name} must export default a Fastify plugin`);
    const extensionPlugin = plugin as Extension;
    extensionPlugin[Symbol.for('skip-override')] = true;
    extensionPlugin[Symbol.for('fastify.display-name')] = name;
    await app.register(extensionPlugin);
  }
  return names;
}
