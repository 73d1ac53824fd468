/**
 * Extension points of a template set, so a playbook author changes what they
 * need without copying (and then silently forking) a built-in template. All of
 * them live in the templates folder, so update keeps them with its copy of
 * the folder (.design-first/templates/) and can regenerate what they made:
 *
 * - `__partials__/<name>.hbs`: a partial, `{{> name}}` in any template; a
 *   playbook's partial replaces a built-in one of the same name;
 * - `helpers.mjs` (or `.js`): custom Handlebars helpers, `export default {
 *   name: fn }`. A helper's output is data like any other value: printed
 *   directly it is refused, so it goes through an escaping helper
 *   (`{{str (shout model.title)}}`), unless the helper declares the context
 *   it writes for, `{ context: 'str', fn }`, and its output is escaped for
 *   that context. No helper can print raw text;
 * - `template-set.json` `"remove": ["Dockerfile", ".github/workflows/ci.yml"]`:
 *   built-in files the playbook's services do not get;
 * - files under `src/platform/extensions/`: Fastify plugins the platform
 *   registers (templates/service/src/platform/extensions.ts).
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DesignFirstError } from '../errors.js';
import { ESCAPERS, type Environment } from './handlebars-env.js';

export const PARTIALS_FOLDER = '__partials__';
export const HELPER_MODULES = ['helpers.mjs', 'helpers.js'];

/** Register every partial of the set's folders, built-in first, so an override wins. */
export async function registerPartials(
  env: Environment,
  folders: readonly string[],
  compile: (source: string, name: string) => HandlebarsTemplateDelegate,
): Promise<void> {
  for (const folder of [...folders].reverse()) {
    const partials = path.join(folder, PARTIALS_FOLDER);
    const names = (await readdir(partials).catch(() => [] as string[])).filter((name) => name.endsWith('.hbs')).sort();
    for (const name of names) {
      const file = path.join(partials, name);
      try {
        env.registerPartial(name.slice(0, -'.hbs'.length), compile(await readFile(file, 'utf8'), `${PARTIALS_FOLDER}/${name}`));
      } catch (error) {
        throw new DesignFirstError(
          'DF_ERR_TEMPLATE',
          `partial ${PARTIALS_FOLDER}/${name} does not compile: ${String((error as Error)?.message ?? error).split('\n')[0]}`,
          { file },
        );
      }
    }
  }
}

type HelperFunction = (...args: unknown[]) => unknown;
type HelperEntry = HelperFunction | { context: keyof typeof ESCAPERS; fn: HelperFunction };

/** Register the custom helpers of the set's folders (the playbook's), each under the escaping discipline above. */
export async function registerCustomHelpers(env: Environment, folders: readonly string[]): Promise<void> {
  for (const folder of folders.slice(0, -1)) {
    for (const name of HELPER_MODULES) {
      const file = path.join(folder, name);
      const module = await import(pathToFileURL(file).href).catch((error: NodeJS.ErrnoException) => {
        if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(file)) return undefined;
        throw new DesignFirstError('DF_ERR_TEMPLATE', `${name} cannot be imported: ${String(error?.message ?? error).split('\n')[0]}`, { file });
      });
      if (!module) continue;
      const helpers = (module as { default?: unknown }).default;
      if (helpers === null || typeof helpers !== 'object')
        throw new DesignFirstError('DF_ERR_TEMPLATE', `${name} must export default an object of helpers`, { file });
      for (const [helper, entry] of Object.entries(helpers as Record<string, unknown>)) {
        if (Object.hasOwn(env.helpers, helper))
          throw new DesignFirstError('DF_ERR_TEMPLATE', `${name}: helper ${helper} is built in; give yours another name`, { file });
        env.registerHelper(helper, wrapHelper(env, helper, entry as HelperEntry, file));
      }
    }
  }
}

function wrapHelper(env: Environment, name: string, entry: HelperEntry, file: string): Handlebars.HelperDelegate {
  if (typeof entry === 'function') {
    // Plain data: a SafeString it returns is made plain again, so it cannot print unescaped.
    return (...args: unknown[]) => {
      const value = entry(...args);
      return value instanceof env.SafeString ? value.toString() : value;
    };
  }
  const escapeFor = entry && typeof entry === 'object' ? ESCAPERS[entry.context] : undefined;
  if (!escapeFor || typeof entry.fn !== 'function') {
    throw new DesignFirstError('DF_ERR_TEMPLATE', `helper ${name} must be a function, or { context: ${Object.keys(ESCAPERS).join('|')}, fn }`, { file });
  }
  return (...args: unknown[]) => new env.SafeString(escapeFor(entry.fn(...args)));
}

/** The built-in output paths a template set removes (`template-set.json` `remove`), checked against what the set writes. */
export async function removedFiles(folders: readonly string[], outputs: ReadonlySet<string>): Promise<Set<string>> {
  const removed = new Set<string>();
  for (const folder of folders.slice(0, -1)) {
    const file = path.join(folder, 'template-set.json');
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    const remove = (JSON.parse(text) as { remove?: unknown }).remove;
    if (remove === undefined) continue;
    if (!Array.isArray(remove) || remove.some((entry) => typeof entry !== 'string'))
      throw new DesignFirstError('DF_ERR_TEMPLATE', '"remove" must list file paths of the service', { file, pointer: '/remove' });
    for (const entry of remove as string[]) {
      if (!outputs.has(entry)) throw new DesignFirstError('DF_ERR_TEMPLATE', `"remove" names ${entry}, which no template writes`, { file, pointer: '/remove' });
      removed.add(entry);
    }
  }
  return removed;
}
