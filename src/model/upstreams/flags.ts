/**
 * `--upstream NAME=BLUEPRINT`, as `new` and `update` take it: the name of an
 * API the service calls and the file of its blueprint. The name is checked
 * here, before anything is loaded, so a mistyped flag says so at once.
 */
import path from 'node:path';
import { DesignFirstError } from '../../errors.js';
import { upstreamNameProblem } from './build-upstream.js';

export interface UpstreamFlag {
  name: string;
  /** Absolute. */
  file: string;
}

export function parseUpstreamFlags(flags: readonly string[], cwd: string): UpstreamFlag[] {
  const seen = new Set<string>();
  return flags.map((flag) => {
    const at = flag.indexOf('=');
    if (at <= 0 || at === flag.length - 1) {
      throw new DesignFirstError(
        'DF_ERR_USAGE',
        `--upstream ${JSON.stringify(flag)} is not NAME=BLUEPRINT (for example --upstream learner-records=../learner-records/openapi.yaml)`,
      );
    }
    const name = flag.slice(0, at);
    const problem = upstreamNameProblem(name);
    if (problem) throw new DesignFirstError('DF_ERR_USAGE', `--upstream ${JSON.stringify(name)}: the name ${problem}`);
    if (seen.has(name)) throw new DesignFirstError('DF_ERR_USAGE', `--upstream ${name} is given twice; give each upstream once`);
    seen.add(name);
    return { name, file: path.resolve(cwd, flag.slice(at + 1)) };
  });
}
