/**
 * Rate limits, for every operation the blueprint limits (`x-rate-limit`, or
 * every operation of an API for external audiences): a client may make the
 * operation's `max` calls in its window, each answered with the RateLimit
 * headers, and the next is 429 in the error shape with Retry-After; another
 * client still gets through. Clients are told apart with X-Mock-Client, which
 * only AUTH_MODE=mock reads.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { versions } from '../src/generated/versions.js';
import { injectSample, samplesOf, testApp } from './helpers.js';

const app = await testApp();
after(() => app.close());

/** More calls than this in one test would make the suite slow; such limits are left to the platform's own tests. */
const MOST_CALLS = 2_000;

for (const version of versions) {
  const limited = version.routes.filter((route) => route.rateLimit !== null);
  if (limited.length === 0) continue;
  const samples = samplesOf(version.key);
  describe(`${version.key} rate limits`, () => {
    for (const route of limited) {
      const { max, windowSeconds } = route.rateLimit!;
      const call = (client: string) => injectSample(app, version.prefix, route, samples[route.operationId]!, client);
      const skip = max >= MOST_CALLS ? `its limit (${max} calls) is too many to use up in a test` : false;
      test(`${route.method} ${version.prefix}${route.url}: ${max} calls per ${windowSeconds} s, then 429`, { skip }, async () => {
        const client = `rate-limit-${route.operationId}`;
        for (let count = 1; count <= max; count += 1) {
          const response = await call(client);
          assert.notEqual(response.statusCode, 429, `call ${count} of ${max} was refused`);
          assert.equal(response.headers['ratelimit-limit'], String(max));
          assert.equal(response.headers['ratelimit-remaining'], String(max - count));
        }
        const refused = await call(client);
        assert.equal(refused.statusCode, 429, refused.body.slice(0, 500));
        assert.match(String(refused.headers['content-type']), /json/);
        assert.ok(Number(refused.headers['retry-after']) > 0, 'Retry-After says when to try again');
        assert.match(refused.body, /Too many requests/);

        assert.notEqual((await call(`${client}-other`)).statusCode, 429, 'another client has its own count');
      });
    }
  });
}
