/**
 * ClientPackageModel -> the files of a TypeScript client package. Its own
 * templates (templates/client-typescript/) give the package, its entry point,
 * README and tests; the typed client, the schema types and the call runtime
 * are the very files a service gets for an API it calls (the service
 * templates' upstream client and src/upstream/), so consumers and services
 * call an API the same way. Nothing here reads OpenAPI.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DesignFirstError } from '../errors.js';
import type { ClientPackageModel } from '../model/upstreams/client-package.js';
import { formatSource } from './format.js';
import { compileTemplate, createEnvironment } from './handlebars-env.js';
import { BUILT_IN_TEMPLATES, listTemplates, type RenderedFile } from './render.js';

export const CLIENT_TEMPLATES = path.join(path.dirname(BUILT_IN_TEMPLATES), 'client-typescript');

/** Service template -> the package file it becomes. */
const FROM_SERVICE: Record<string, string> = {
  'src/generated/upstreams/__upstream__/client.ts.hbs': 'src/client.ts',
  'src/generated/upstreams/__upstream__/types.ts.hbs': 'src/types.ts',
  'src/upstream/call.ts': 'src/runtime/call.ts',
  'src/upstream/attempt.ts': 'src/runtime/attempt.ts',
  'src/upstream/call-contract.ts': 'src/runtime/call-contract.ts',
  'src/upstream/call-settings.ts': 'src/runtime/call-settings.ts',
  'src/upstream/resilience.ts': 'src/runtime/resilience.ts',
  'src/upstream/tokens.ts': 'src/runtime/tokens.ts',
};

/** In the service the runtime is three folders up from a client; in the package, beside it. */
const SERVICE_RUNTIME_IMPORT = "from '../../../upstream/";

export async function renderClientPackage(model: ClientPackageModel): Promise<RenderedFile[]> {
  const env = createEnvironment();
  const context = { package: model, upstream: model.upstream, samples: model.samples };
  const sources: Array<{ template: string; absolute: string; output: string }> = [];
  for (const [relative, absolute] of await listTemplates({ folders: [CLIENT_TEMPLATES], version: '' })) {
    sources.push({ template: relative, absolute, output: relative.replace(/\.hbs$/, '').replace(/(^|\/)_(?!_)/, '$1.') });
  }
  for (const [template, output] of Object.entries(FROM_SERVICE)) sources.push({ template, absolute: path.join(BUILT_IN_TEMPLATES, template), output });

  const files: RenderedFile[] = [];
  for (const source of sources) {
    let content = await readFile(source.absolute, 'utf8');
    if (source.template.endsWith('.hbs')) {
      try {
        content = compileTemplate(env, content, source.template)(context);
      } catch (error) {
        throw new DesignFirstError('DF_ERR_TEMPLATE', `template ${source.template} failed: ${String((error as Error).message).split('\n')[0]}`, {
          file: source.absolute,
        });
      }
    }
    if (source.output === 'src/client.ts') {
      if (!content.includes(SERVICE_RUNTIME_IMPORT))
        throw new DesignFirstError('DF_ERR_TEMPLATE', `${source.template} no longer imports the call runtime from ../../../upstream/`, {
          file: source.absolute,
        });
      content = content.split(SERVICE_RUNTIME_IMPORT).join("from './runtime/");
    }
    if (source.template.endsWith('.hbs')) content = await formatSource(source.output, content);
    files.push({ path: source.output, content, owner: 'generated' });
  }
  return files;
}
