/**
 * `design-first lint` from the installed package, as CI runs it: what the
 * compiler emitted, in a real process, with real exit codes.
 */
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { designFirst } from './installed-cli.js';

const folder = await mkdtemp(path.join(os.tmpdir(), 'df-cli-lint-'));
async function file(name: string, text: string): Promise<string> {
  const full = path.join(folder, name);
  await writeFile(full, text);
  return full;
}

const WITH_BAD_EXAMPLE = `openapi: 3.0.3
info: { title: Things, version: 1.0.0 }
paths:
  /v1/things:
    get:
      operationId: listThings
      responses:
        '200':
          description: the things
          content:
            application/json:
              schema: { type: object, properties: { Name: { type: string } } }
              example: { Name: 3 }
`;

describe('lint, installed', () => {
  it('validates examples without crashing (examples-valid in the compiled package)', async () => {
    const blueprint = await file('examples.yaml', WITH_BAD_EXAMPLE);
    const playbook = await file('examples-playbook.yaml', 'examples: { validate: true }\n');
    const result = await designFirst(['lint', blueprint, '--playbook', playbook, '--format', 'json']);
    const report = JSON.parse(result.stdout) as { findings: Array<{ rule: string; message: string; line: number }> };
    assert.deepEqual(
      report.findings.filter((f) => f.rule === 'internal-error'),
      [],
    );
    const example = report.findings.find((f) => f.rule === 'examples-valid');
    assert.ok(example, result.stdout);
    assert.match(example.message, /example does not match its schema: at \/Name must be string/);
    assert.equal(example.line, 13);
  });
});
