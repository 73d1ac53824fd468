/** The built command line (`bin/design-first.js` over `dist/`), as a user runs it, with its exit code and output. */
import path from 'node:path';
import { execFileAsync, repoRoot } from '../generate/helpers.js';

const CLI = path.join(repoRoot, 'bin/design-first.js');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function designFirst(args: readonly string[], cwd: string): Promise<CliRun> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, CI: 'true', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
