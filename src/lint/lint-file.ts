/**
 * lintFile: load one blueprint and lint it. A file that is not OpenAPI 3
 * (Swagger 2.0, another version) becomes an `openapi-version-3` finding at the
 * version field, so CI annotates it like any other finding; every other load
 * failure is thrown (exit 2).
 */
import { loadBlueprint, type LoadOptions } from '../blueprint/load.js';
import { ERROR_CODES, isDesignFirstError } from '../errors.js';
import type { ResolvedPlaybook } from '../playbook/types.js';
import { lintBlueprint, SEVERITY } from './engine.js';
import type { Finding } from './types.js';

const VERSION_RULE = 'openapi-version-3';

export async function lintFile(file: string, playbook: ResolvedPlaybook, options: LoadOptions = {}): Promise<Finding[]> {
  try {
    return await lintBlueprint(await loadBlueprint(file, options), playbook);
  } catch (error) {
    const setting = playbook.rules[VERSION_RULE];
    if (!isDesignFirstError(error) || (error.code !== 'DF_ERR_LOAD_SWAGGER2' && error.code !== 'DF_ERR_LOAD_VERSION') || !setting || setting === 'off') {
      throw error;
    }
    const { file: where = file, line = 1, column = 1, pointer = '' } = error.place;
    return [{ rule: VERSION_RULE, severity: SEVERITY[setting], message: `${error.message}: ${ERROR_CODES[error.code].hint}`, file: where, line, column, pointer }];
  }
}
