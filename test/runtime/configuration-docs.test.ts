/**
 * Every environment variable the generated service reads (its config.ts) is
 * documented where its users look: the README's configuration table and
 * .env.example; and the table documents no variable the service does not read
 * (config.ts, or tracing.ts for OpenTelemetry's own variables).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './generated-service.js';

const template = (file: string) => readFile(path.join(repoRoot, 'templates/service', file), 'utf8');

test('the README and .env.example document every variable config.ts reads, and no other', async () => {
  const config = await template('src/platform/config.ts');
  const read = new Set(
    [...config.matchAll(/env(?:\.|\[')([A-Z][A-Z0-9_]+)|'([A-Z][A-Z0-9_]+_(?:MS|URL|ISSUER|AUDIENCE))'/g)].map((match) => match[1] ?? match[2]!),
  );
  for (const name of ['PORT', 'HOST', 'AUTH_MODE', 'API_KEYS', 'REDIS_URL', 'HEADERS_TIMEOUT_MS', 'SHUTDOWN_DRAIN_MS'])
    assert.ok(read.has(name), `config.ts reads ${name}`);

  const readme = await template('README.md.hbs');
  const tableRows = new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((match) => match[1]!));
  const envExample = await template('_env.example.hbs');
  const exampleLines = new Set([...envExample.matchAll(/^#?([A-Z][A-Z0-9_]+)=/gm)].map((match) => match[1]!));
  for (const name of read) {
    if (name === 'NODE_ENV') continue; // the platform's convention, named where it matters
    assert.ok(tableRows.has(name), `README.md.hbs's configuration table lacks ${name}`);
    assert.ok(exampleLines.has(name), `_env.example.hbs lacks ${name}`);
  }
  // Tracing reads the OpenTelemetry SDK's own OTEL_* variables (tracing.ts); the README names the one that turns it on.
  const tracing = await template('src/platform/tracing.ts');
  const tracingReads = new Set([...tracing.matchAll(/env\.(OTEL_[A-Z0-9_]+)/g)].map((match) => match[1]!));
  assert.ok(tracingReads.has('OTEL_EXPORTER_OTLP_ENDPOINT'), 'tracing.ts reads OTEL_EXPORTER_OTLP_ENDPOINT');
  for (const name of tableRows)
    assert.ok(read.has(name) || tracingReads.has(name), `README.md.hbs documents ${name}, which neither config.ts nor tracing.ts reads`);
});
