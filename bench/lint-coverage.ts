/**
 * Lint coverage: the single-defect corpus of the tests
 * (test/lint/defects/catalogue.ts), one generic OpenAPI mistake per
 * blueprint, run through design-first lint (built-in playbook, with example
 * validation, which the corpus needs for its example defect), Redocly CLI
 * (`recommended`) and Spectral (`spectral:oas`, through its own packages).
 * A tool catches a defect when it reports something the clean base does not,
 * at the defect's place: the same JSON pointer, inside it, or the object
 * holding it (the tools place some findings on the parent).
 *
 *   npx tsx bench/lint-coverage.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { loadBlueprint } from '../src/blueprint/load.js';
import { fragmentToPointer, joinPointer } from '../src/blueprint/pointer.js';
import { lintBlueprint } from '../src/lint/index.js';
import { loadPlaybook } from '../src/playbook/index.js';
import { baseBlueprint } from '../test/lint/defects/base.js';
import { DEFECTS, withDefect } from '../test/lint/defects/catalogue.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Findings of one tool on one file, as `rule pointer`. */
type Reported = Array<{ rule: string; pointer: string }>;

async function ours(file: string): Promise<Reported> {
  const playbook = await loadPlaybook();
  const findings = await lintBlueprint(await loadBlueprint(file), {
    ...playbook,
    examples: { validate: true },
    rules: { ...playbook.rules, 'examples-valid': 'warn' },
  });
  return findings.map((f) => ({ rule: f.rule, pointer: f.pointer }));
}

function redocly(files: string[], folder: string): Map<string, Reported> {
  const config = path.join(folder, 'redocly.yaml');
  writeFileSync(config, 'extends:\n  - recommended\n');
  let output: string;
  try {
    output = execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/@redocly/cli/bin/cli.js'), 'lint', `--config=${config}`, '--format=json', ...files],
      {
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        stdio: ['ignore', 'pipe', 'ignore'],
        maxBuffer: 64 * 1024 * 1024,
      },
    );
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  // One JSON report per file, one after the other.
  const problems = jsonValues(output).flatMap(
    (report) => (report as { problems: Array<{ ruleId: string; location: Array<{ source: { ref: string }; pointer: string }> }> }).problems,
  );
  const byFile = new Map<string, Reported>(files.map((file) => [file, []]));
  for (const problem of problems) {
    const place = problem.location[0];
    if (!place) continue;
    const file = path.resolve(folder, place.source.ref);
    byFile.get(file)?.push({ rule: problem.ruleId, pointer: fragmentToPointer(place.pointer ?? '#') });
  }
  return byFile;
}

/** Top-level JSON values written one after another. */
function jsonValues(text: string): unknown[] {
  const values: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) values.push(JSON.parse(text.slice(start, i + 1)));
  }
  return values;
}

async function spectral(file: string): Promise<Reported> {
  const { Spectral, Document } = require('@stoplight/spectral-core') as typeof import('@stoplight/spectral-core');
  const Parsers = require('@stoplight/spectral-parsers') as typeof import('@stoplight/spectral-parsers');
  const { oas } = require('@stoplight/spectral-rulesets') as typeof import('@stoplight/spectral-rulesets');
  const engine = new Spectral();
  engine.setRuleset({ extends: [[oas as never, 'recommended']] });
  const results = await engine.run(new Document(readFileSync(file, 'utf8'), Parsers.Json, file));
  return results.map((r) => ({ rule: String(r.code), pointer: joinPointer(r.path) }));
}

const related = (pointer: string, target: string): boolean =>
  pointer === target ||
  pointer.startsWith(`${target}/`) ||
  (pointer !== '' && target.startsWith(`${pointer}/`) && target.split('/').length - pointer.split('/').length <= 2);

function caught(base: Reported, found: Reported, target: string): boolean {
  const before = new Set(base.map((r) => `${r.rule} ${r.pointer}`));
  return found.some((r) => !before.has(`${r.rule} ${r.pointer}`) && related(r.pointer, target));
}

export async function runLintCoverageBench(): Promise<string> {
  const folder = mkdtempSync(path.join(tmpdir(), 'df-defects-'));
  const write = (name: string, document: object) => {
    const file = path.join(folder, `${name}.json`);
    writeFileSync(file, JSON.stringify(document, null, 2));
    return file;
  };
  const baseFile = write('base', baseBlueprint());
  const files = DEFECTS.map((defect, i) => write(`defect-${String(i + 1).padStart(2, '0')}`, withDefect(defect)));
  const redoclyAll = redocly([baseFile, ...files], folder);
  const bases = { ours: await ours(baseFile), redocly: redoclyAll.get(baseFile) ?? [], spectral: await spectral(baseFile) };
  const counts = { ours: 0, redocly: 0, spectral: 0 };
  const rows: string[] = [];
  for (const [i, defect] of DEFECTS.entries()) {
    const file = files[i]!;
    const hit = {
      ours: caught(bases.ours, await ours(file), defect.target),
      redocly: caught(bases.redocly, redoclyAll.get(file) ?? [], defect.target),
      spectral: caught(bases.spectral, await spectral(file), defect.target),
    };
    for (const tool of ['ours', 'redocly', 'spectral'] as const) if (hit[tool]) counts[tool]++;
    rows.push(`| ${defect.name} | \`${defect.rule}\` | ${hit.ours ? 'yes' : '**no**'} | ${hit.redocly ? 'yes' : 'no'} | ${hit.spectral ? 'yes' : 'no'} |`);
  }
  return [
    `### Single-defect corpus: ${DEFECTS.length} blueprints, one generic mistake each (test/lint/defects/catalogue.ts)`,
    '',
    `**Caught on target: design-first ${counts.ours} of ${DEFECTS.length}, Redocly (recommended) ${counts.redocly}, Spectral (spectral:oas) ${counts.spectral}.**`,
    '',
    '| defect | our rule | design-first | Redocly | Spectral |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    "Caught: a finding the clean base does not have, at the defect's JSON pointer, inside it, or on the object up to two levels above it.",
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) console.log(await runLintCoverageBench());
