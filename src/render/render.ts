/**
 * ServiceModel -> files. Templates mirror the generated tree under
 * templates/service/; a playbook's templates folder overrides built-in
 * templates by exact relative name and may add files of its own.
 *
 * Path segments `__version__` and `__operation__` expand once per version and
 * once per operation, `__upstream__` once per upstream (an API the service
 * calls); a leading `_` in a dotfile name (`_gitignore`) becomes `.` because
 * npm drops dotfiles when publishing. The outbound-call runtime (`src/upstream/`)
 * and the upstream clients are written only for a service that has upstreams.
 */
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DesignFirstError } from '../errors.js';
import { ownerOf, type Ownership } from '../ownership.js';
import type { OperationModel, ServiceModel, VersionModel } from '../model/service-model.js';
import type { UpstreamModel } from '../model/upstreams/upstream-model.js';
import { compileTemplate, createEnvironment } from './handlebars-env.js';
import { HELPER_MODULES, PARTIALS_FOLDER, registerCustomHelpers, registerPartials, removedFiles } from './extensions.js';
import { formatSource } from './format.js';

export interface RenderedFile {
  /** Relative to the service root, with `/` separators. */
  path: string;
  content: string;
  owner: Ownership;
}

export interface TemplateSet {
  /** Folders searched in order: override first, built-in last. */
  folders: string[];
  version: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** templates/service, found from both src/render (tsx) and dist/src/render (compiled). */
export const BUILT_IN_TEMPLATES = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../../../templates/service' : '../../templates/service');

export async function resolveTemplateSet(overrideFolder: string | null): Promise<TemplateSet> {
  const builtIn = await readTemplateSetVersion(BUILT_IN_TEMPLATES);
  if (!overrideFolder) return { folders: [BUILT_IN_TEMPLATES], version: builtIn };
  const own = await readTemplateSetVersion(overrideFolder).catch(() => undefined);
  return { folders: [overrideFolder, BUILT_IN_TEMPLATES], version: own ? `${builtIn}+${own}` : builtIn };
}

async function readTemplateSetVersion(folder: string): Promise<string> {
  const text = await readFile(path.join(folder, 'template-set.json'), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}

/**
 * Relative template name -> absolute file. A template overrides the built-in
 * one that writes the same file (`settings.ts` replaces `settings.ts.hbs`);
 * two templates of one folder writing the same file are refused.
 */
export async function listTemplates(set: TemplateSet): Promise<Map<string, string>> {
  const byOutput = new Map<string, [string, string]>();
  for (const folder of [...set.folders].reverse()) {
    const inThisFolder = new Map<string, string>();
    for (const relative of await walk(folder)) {
      // The set's own files and its extension points write nothing themselves (extensions.ts).
      if (relative === 'template-set.json' || HELPER_MODULES.includes(relative) || relative.startsWith(`${PARTIALS_FOLDER}/`)) continue;
      const output = outputPathOf(relative);
      const twin = inThisFolder.get(output);
      if (twin !== undefined) {
        throw new DesignFirstError('DF_ERR_TEMPLATE', `templates ${twin} and ${relative} both write ${output}; keep one`, {
          file: path.join(folder, relative),
        });
      }
      inThisFolder.set(output, relative);
      byOutput.set(output, [relative, path.join(folder, relative)]);
    }
  }
  const removed = await removedFiles(set.folders, new Set(byOutput.keys()));
  return new Map(
    [...byOutput.entries()]
      .filter(([output]) => !removed.has(output))
      .map(([, entry]) => entry)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/**
 * The built-in templates a set's own templates replace: template name -> the
 * sha256 of the built-in one, which the manifest records so that update (and
 * `templates eject --diff`) can say when a built-in that an author overrides
 * has changed since: the override no longer receives those changes.
 */
export async function overriddenBuiltIns(set: TemplateSet): Promise<Record<string, string>> {
  if (set.folders.length < 2) return {};
  const builtIns = new Map<string, string>();
  for (const relative of await walk(BUILT_IN_TEMPLATES)) builtIns.set(outputPathOf(relative), relative);
  const overrides: Record<string, string> = {};
  for (const folder of set.folders.slice(0, -1)) {
    for (const relative of await walk(folder)) {
      const builtIn = builtIns.get(outputPathOf(relative));
      if (builtIn === undefined || relative === 'template-set.json') continue;
      overrides[builtIn] = createHash('sha256')
        .update(await readFile(path.join(BUILT_IN_TEMPLATES, builtIn)))
        .digest('hex');
    }
  }
  return overrides;
}

/** `src/_x.ts.hbs` -> `src/.x.ts`: the file a template writes (before version/operation expansion). */
function outputPathOf(relative: string): string {
  return relative
    .replace(/\.hbs$/, '')
    .split('/')
    .map((segment) => (segment.startsWith('_') && !segment.startsWith('__') ? `.${segment.slice(1)}` : segment))
    .join('/');
}

/** Every file of a templates folder as it is (the playbook's own, kept by update to regenerate what it wrote). */
export async function readTemplateFolder(folder: string): Promise<Array<{ path: string; content: string }>> {
  return Promise.all((await walk(folder)).map(async (relative) => ({ path: relative, content: await readFile(path.join(folder, relative), 'utf8') })));
}

async function walk(folder: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(folder, prefix), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await walk(folder, relative)));
    else if (entry.isFile()) files.push(relative);
  }
  return files.sort();
}

/** `ready` hears of each file as soon as it is final (so `new` writes while the rest renders), in no set order. */
export async function renderService(model: ServiceModel, set: TemplateSet, ready: (file: RenderedFile) => void = () => {}): Promise<RenderedFile[]> {
  // The blueprints as given, the largest files, first: they are written while the templates render.
  const blueprints: RenderedFile[] = [
    ...model.versions.map((version) => ({ path: version.blueprintFile, content: version.blueprintText, owner: 'generated' as const })),
    ...model.upstreams.map((upstream) => ({ path: upstream.blueprintFile, content: upstream.blueprintText, owner: 'generated' as const })),
  ];
  for (const file of blueprints) ready(file);
  const env = createEnvironment();
  await registerCustomHelpers(env, set.folders);
  await registerPartials(env, set.folders, (source, name) => compileTemplate(env, source, name));
  const templates = [...(await listTemplates(set))];
  // Read all at once (the file system answers them together) and use each in turn.
  const sources = templates.map(([, absolute]) => readFile(absolute, 'utf8'));
  for (const reading of sources) reading.catch(() => {});
  // Files in template order; one being formatted (in prettier's worker, format.ts) is a promise, and rendering goes on meanwhile.
  const rendered: Array<RenderedFile | Promise<RenderedFile>> = [];
  try {
    for (const [index, [relative, absolute]] of templates.entries()) {
      const source = await sources[index]!;
      const isTemplate = relative.endsWith('.hbs');
      let template: HandlebarsTemplateDelegate | undefined;
      try {
        template = isTemplate ? compileTemplate(env, source, relative) : undefined;
      } catch (error) {
        throw new DesignFirstError('DF_ERR_TEMPLATE', `template ${relative} does not compile: ${firstLine(error)}`, { file: absolute });
      }
      for (const target of expand(relative, model)) {
        let content = source;
        if (template) {
          try {
            content = template({
              model,
              version: target.version,
              operation: target.operation,
              upstream: target.upstream,
              runtime: model.runtime,
              vars: model.runtime.vars,
            });
          } catch (error) {
            throw new DesignFirstError('DF_ERR_TEMPLATE', `template ${relative} failed: ${firstLine(error)}`, { file: absolute });
          }
        }
        // prettier only for rendered templates: plain files are copied as their author formatted them, and a
        // template expanded once per operation (845 for GitHub) is written formatted, since prettier on
        // each would cost more than generating the rest of the service.
        if (template && !target.operation) {
          const formatting = formatSource(target.path, content).then(
            (formatted): RenderedFile => ({ path: target.path, content: formatted, owner: ownerOf(target.path) }),
            (error: unknown) => {
              throw new DesignFirstError('DF_ERR_TEMPLATE', `template ${relative} rendered ${target.path}, which prettier cannot parse: ${firstLine(error)}`, {
                file: absolute,
              });
            },
          );
          formatting.catch(() => {});
          rendered.push(formatting);
        } else {
          const file: RenderedFile = { path: target.path, content, owner: ownerOf(target.path) };
          rendered.push(file);
          ready(file);
        }
      }
    }
  } catch (error) {
    // A file before this one that prettier could not parse is told first, as when each was formatted in turn.
    for (const file of rendered) await file;
    throw error;
  }
  const files: RenderedFile[] = [];
  for (const entry of rendered) {
    const file = await entry;
    if (entry !== file) ready(file);
    files.push(file);
  }
  files.push(...blueprints);
  return files;
}

interface Target {
  path: string;
  version: VersionModel | null;
  operation: OperationModel | null;
  upstream: UpstreamModel | null;
}

/** Folders only a service that calls upstreams gets: the outbound-call runtime and the generated clients. */
const UPSTREAM_ONLY = ['src/upstream/', 'src/generated/upstreams/', 'test/upstream/'];

function expand(relative: string, model: ServiceModel): Target[] {
  const outPath = outputPathOf(relative);
  if (model.upstreams.length === 0 && UPSTREAM_ONLY.some((folder) => outPath.startsWith(folder))) return [];
  if (outPath.includes('__upstream__')) {
    return model.upstreams.map((upstream) => ({ path: outPath.replace(/__upstream__/g, upstream.name), version: null, operation: null, upstream }));
  }
  if (!outPath.includes('__version__')) return [{ path: outPath, version: null, operation: null, upstream: null }];
  return model.versions.flatMap((version): Target[] => {
    const withVersion = outPath.replace(/__version__/g, version.key);
    if (!withVersion.includes('__operation__')) return [{ path: withVersion, version, operation: null, upstream: null }];
    return version.operations.map((operation) => ({
      path: withVersion.replace('__operation__', operation.handlerModule),
      version,
      operation,
      upstream: null,
    }));
  });
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0] ?? 'error';
}
