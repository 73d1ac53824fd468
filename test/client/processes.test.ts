import assert from 'node:assert/strict';
import { test } from 'node:test';
import { downloadFailure, runProcess } from '../../src/client/processes.js';

test("the wrapper's download failure reason is found, not its quoted source", () => {
  const minified = `(()=>{${'e=>{…},'.repeat(100)}this.logger.log(h.default.red(\`Download failed, because of: "\${a.message}"\`)),this.printResponseError(a)…})();`;
  const lines = [
    'Download 7.23.0 ...',
    '\u001b[31mDownload failed, because of: "getaddrinfo ENOTFOUND repo1.maven.org"\u001b[39m',
    'Errors:  AxiosError: getaddrinfo ENOTFOUND repo1.maven.org',
    minified,
    'Error: Error: Unable to access jarfile /x/7.23.0.jar',
  ];
  assert.equal(downloadFailure({ exitCode: 1, lines }), 'getaddrinfo ENOTFOUND repo1.maven.org');
  assert.equal(downloadFailure({ exitCode: 1, lines: [lines[0]!, minified] }), 'Download 7.23.0 ...');
  assert.equal(downloadFailure({ exitCode: 1, lines: ['Error: Unable to access jarfile /x.jar', minified] }), 'Error: Unable to access jarfile /x.jar');
  assert.match(downloadFailure({ exitCode: -1, lines: [] }), /no answer within 5 minutes/);
});

test('a process: exit code, and the first and last lines of a long output', async () => {
  const script = 'for (let i = 1; i <= 1000; i += 1) console.log("line " + i); console.log("x".repeat(5000)); process.exitCode = 3';
  const result = await runProcess([process.execPath, '-e', script], { cwd: process.cwd() });
  assert.equal(result.exitCode, 3);
  assert.equal(result.lines[0], 'line 1');
  assert.equal(result.lines[99], 'line 100');
  assert.match(result.lines[100]!, /^… \d+ lines left out …$/);
  assert.equal(result.lines.at(-2), 'line 1000');
  assert.equal(result.lines.at(-1)!.length, 2001, 'long lines are cut');
});

test('a process that cannot start', async () => {
  const result = await runProcess(['design-first-no-such-program'], { cwd: process.cwd() });
  assert.equal(result.exitCode, -1);
  assert.match(result.lines.join('\n'), /ENOENT/);
});
