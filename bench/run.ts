/**
 * `npm run bench`: every benchmark, each measured against its peer in the
 * same run. Results go to bench/results.md with the machine, date and versions.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import { runLintBench } from './lint.js';

const sections: string[] = [];
sections.push(`# Benchmarks\n\nRun: ${new Date().toISOString()} on ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}.\n`);
sections.push(`## Lint (design-first lint vs Redocly CLI lint)\n\n${await runLintBench()}`);
const report = sections.join('\n');
await writeFile(new URL('./results.md', import.meta.url), report);
console.log(report);
