/**
 * The last step of an update: `tsc --noEmit -p .` in the service, and what no
 * longer compiles, by operation. Handler files are
 * `src/handlers/<version>/<resource>/<operation>.ts`, so an error's file names
 * its operation; an error in the generated handler map names the handler it
 * imports. The service's own TypeScript is used when it is installed.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { oneLine } from '../errors.js';
import type { ServiceModel } from '../model/service-model.js';

const execFileAsync = promisify(execFile);

export interface CompilerError {
  /** Relative to the service, with `/`. */
  file: string;
  line: number;
  column: number;
  code: string;
  message: string;
  /** The compiler's elaboration lines, without their indentation. */
  more: string[];
}

export interface TypeProblem extends CompilerError {
  /** What the error belongs to: `operation getPet`, `orphaned handler deletePet, no longer in the blueprint`, `platform or team file`... */
  subject: string;
  /** The operationId, when the error belongs to one. */
  operation: string | undefined;
}

export type TypeCheckResult =
  | { status: 'passed'; compiler: string }
  | { status: 'failed'; compiler: string; problems: TypeProblem[]; output: string }
  | { status: 'skipped'; reason: string };

export interface TypeCheckInput {
  dir: string;
  model: ServiceModel;
  /** Team files left without an operation (paths relative to the service). */
  orphans: readonly string[];
}

export async function typeCheckService({ dir, model, orphans }: TypeCheckInput): Promise<TypeCheckResult> {
  const compiler = findCompiler(dir);
  if (!compiler) return { status: 'skipped', reason: 'no TypeScript compiler found: run npm install in the service, then npx tsc --noEmit -p .' };
  let output: string;
  try {
    await execFileAsync(process.execPath, [compiler, '--noEmit', '-p', '.', '--pretty', 'false'], { cwd: dir, maxBuffer: 256 * 1024 * 1024, timeout: 600_000 });
    return { status: 'passed', compiler };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; code?: unknown; killed?: boolean };
    output = `${failure.stdout ?? ''}${failure.stderr ?? ''}`;
    if (failure.killed || typeof failure.code !== 'number') {
      return { status: 'skipped', reason: `the TypeScript compiler did not run (${oneLine(String((error as Error).message).slice(0, 200))})` };
    }
  }
  const errors = parseCompilerOutput(output);
  if (errors.length === 0) return { status: 'skipped', reason: `the TypeScript compiler failed without listing errors: ${oneLine(output.slice(0, 300))}` };
  const problems = await Promise.all(errors.map(async (error) => ({ ...error, ...(await attribute(dir, error, model, orphans)) })));
  return { status: 'failed', compiler, problems: sortProblems(problems), output };
}

/** The `tsc` script of the service's TypeScript, else of design-first's own. */
export function findCompiler(dir: string): string | undefined {
  // A generated service has TypeScript 7 as @typescript/native (its `tsc`) beside TypeScript 6 as `typescript`, for typescript-eslint.
  for (const from of [path.join(dir, 'package.json'), fileURLToPath(import.meta.url)]) {
    for (const name of ['@typescript/native', 'typescript']) {
      try {
        const require = createRequire(from);
        const manifestFile = require.resolve(`${name}/package.json`);
        const manifest = require(manifestFile) as { bin?: string | Record<string, string> };
        const bin = typeof manifest.bin === 'string' ? manifest.bin : (manifest.bin?.tsc ?? manifest.bin?.tsc6);
        if (bin) return path.resolve(path.dirname(manifestFile), bin);
      } catch {
        // Not installed there; try the next place.
      }
    }
  }
  return undefined;
}

/** `file(line,col): error TSnnnn: message` lines (`--pretty false`), with their indented elaboration lines. */
export function parseCompilerOutput(output: string): CompilerError[] {
  const errors: CompilerError[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (match) {
      errors.push({ file: match[1]!.replace(/\\/g, '/'), line: Number(match[2]), column: Number(match[3]), code: match[4]!, message: match[5]!, more: [] });
    } else if (/^\s+\S/.test(line) && errors.length > 0) {
      errors[errors.length - 1]!.more.push(line.trim());
    }
  }
  return errors;
}

async function attribute(
  dir: string,
  error: CompilerError,
  model: ServiceModel,
  orphans: readonly string[],
): Promise<Pick<TypeProblem, 'subject' | 'operation'>> {
  const handler = /^src\/handlers\/([^/]+)\/(.+)\.ts$/.exec(error.file);
  if (handler) return byHandlerModule(model, handler[1]!, handler[2]!, orphans.includes(error.file));
  const generated = /^src\/generated\/([^/]+)\//.exec(error.file);
  if (generated) {
    const key = generated[1]!;
    // The handler map imports every handler: a missing or broken one shows up on its import line.
    const text = await readFile(path.join(dir, error.file), 'utf8').catch(() => '');
    const source = text.split('\n')[error.line - 1] ?? '';
    const imported = /handlers\/[^/]+\/(.+)\.js['"]/.exec(source);
    if (imported) return byHandlerModule(model, key, imported[1]!, false);
    const version = model.versions.find((candidate) => candidate.key === key);
    const named = version?.operations.find((operation) => new RegExp(`\\b${operation.ident}\\b`).test(source));
    if (named) return { subject: `operation ${named.operationId}`, operation: named.operationId };
    return { subject: `generated code of ${key}`, operation: undefined };
  }
  if (error.file.startsWith('src/generated/')) return { subject: 'generated code', operation: undefined };
  if (error.file.startsWith('src/')) return { subject: 'platform or team file', operation: undefined };
  return { subject: 'file', operation: undefined };
}

function byHandlerModule(model: ServiceModel, key: string, module: string, orphan: boolean): Pick<TypeProblem, 'subject' | 'operation'> {
  const operation = model.versions.find((version) => version.key === key)?.operations.find((candidate) => candidate.handlerModule === module);
  if (operation) return { subject: `operation ${operation.operationId}`, operation: operation.operationId };
  const name = module.slice(module.lastIndexOf('/') + 1);
  return { subject: orphan ? `orphaned handler ${name}, no longer in the ${key} blueprint` : `handler file of no ${key} operation`, operation: undefined };
}

function sortProblems(problems: TypeProblem[]): TypeProblem[] {
  return problems.sort((a, b) => a.subject.localeCompare(b.subject) || a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** The compiler's elaboration goes from general to specific: its last lines say what is wrong. */
const ELABORATION_LINES = 2;

/**
 * `operation getPet (src/handlers/v1/pets/getPet.ts:6): message [TS2322]`, with
 * the most specific lines of the compiler's elaboration indented under it.
 */
export function formatTypeProblems(problems: readonly TypeProblem[]): string[] {
  const lines: string[] = [];
  for (const problem of problems) {
    lines.push(`${oneLine(problem.subject)} (${problem.file}:${problem.line}): ${oneLine(problem.message)} [${problem.code}]`);
    const shown = problem.more.slice(-ELABORATION_LINES);
    if (problem.more.length > shown.length) lines.push('    ...');
    for (const more of shown) lines.push(`    ${oneLine(more)}`);
  }
  return lines;
}
