/** Every path a template set produces must stay inside the service folder. */
import path from 'node:path';
import { DesignFirstError } from '../errors.js';

export function safeRelativePath(relative: string): string {
  const normalised = path.posix.normalize(relative.replace(/\\/g, '/'));
  if (
    normalised === '.' ||
    normalised.startsWith('../') ||
    normalised === '..' ||
    path.posix.isAbsolute(normalised) ||
    /^[a-zA-Z]:/.test(normalised) ||
    normalised.split('/').some((segment) => segment === '' || segment === '..' || segment === '.git' || segment === 'node_modules') ||
    /[\u0000-\u001f]/.test(normalised)
  ) {
    throw new DesignFirstError('DF_ERR_OUT_UNSAFE_PATH', `refusing to write ${JSON.stringify(relative)}`);
  }
  return normalised;
}
