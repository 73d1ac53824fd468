/**
 * `design-first diff <old> <new> --service DIR [--upstream NAME]`: the diff of
 * an upstream's blueprint, followed by the calls of the service in DIR that
 * its breaking changes affect (upstream-impact.ts). The upstream is the one
 * named, else the one whose stored blueprint <old> is, else the service's only one.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedBlueprint } from '../blueprint/load.js';
import { DesignFirstError } from '../errors.js';
import { upstreamNameProblem } from '../model/upstreams/build-upstream.js';
import { loadPlaybook } from '../playbook/index.js';
import { runtimeSettingsOf } from '../runtime-settings.js';
import { formatImpact, upstreamImpact } from './upstream-impact.js';
import { UPSTREAM_FOLDER } from './upstreams.js';

export async function serviceImpact(options: {
  report: string;
  format: 'text' | 'markdown' | 'json';
  service: string;
  upstream: string | undefined;
  oldLoaded: LoadedBlueprint;
  newLoaded: LoadedBlueprint;
}): Promise<string> {
  const name = await upstreamName(options.service, options.upstream, options.oldLoaded.root.file);
  const runtime = runtimeSettingsOf(await loadPlaybook(undefined));
  const impact = await upstreamImpact({ dir: options.service, name, previous: options.oldLoaded, next: options.newLoaded, runtime });
  const formatted = formatImpact(impact, options.format);
  if (typeof formatted === 'string') return `${options.report.trimEnd()}\n${formatted}`;
  return `${JSON.stringify({ ...(JSON.parse(options.report) as Record<string, unknown>), service: formatted }, null, 2)}\n`;
}

async function upstreamName(service: string, given: string | undefined, oldFile: string): Promise<string> {
  if (given !== undefined) {
    const problem = upstreamNameProblem(given);
    if (problem) throw new DesignFirstError('DF_ERR_USAGE', `--upstream ${JSON.stringify(given)}: the name ${problem}`);
    return given;
  }
  const folder = path.join(service, UPSTREAM_FOLDER);
  if (path.dirname(path.resolve(oldFile)) === folder) return path.basename(oldFile).replace(/\.(ya?ml|json)$/, '');
  const names = (await readdir(folder).catch(() => [] as string[]))
    .filter((file) => /\.(ya?ml|json)$/.test(file))
    .map((file) => file.replace(/\.(ya?ml|json)$/, ''));
  if (names.length === 1) return names[0]!;
  throw new DesignFirstError(
    'DF_ERR_USAGE',
    names.length === 0
      ? `--service ${service} calls no upstream APIs (it has no ${UPSTREAM_FOLDER}/)`
      : `--service ${service} calls ${names.join(', ')}: say which one <old> describes with --upstream NAME`,
  );
}
