/**
 * Auth cost: the generated pets service answering GET /v1/pets with a bearer
 * JWT verified on every request (AUTH_MODE unset: jose against a JWKS served
 * here on 127.0.0.1, verified tokens cached until expiry), against the same
 * service in AUTH_MODE=mock, in the same run. Goal: at least 0.75 of the
 * service without auth.
 *
 *   npx tsx bench/auth-cost.ts [--duration S] [--warmup S] [--rounds N]
 */
import { rmSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { measure, type Sample, type Scenario, type Target } from './serve.js';
import {
  buildService,
  compileDesignFirst,
  flag,
  freePort,
  generate,
  isMain,
  progress,
  ratio,
  repoScratch,
  root,
  startServer,
  table,
  waitForAnswer,
} from './support.js';

export async function runAuthCostBench(options: { duration?: number; warmup?: number; rounds?: number } = {}): Promise<string> {
  const duration = options.duration ?? 10;
  const warmup = options.warmup ?? 3;
  const rounds = options.rounds ?? 2;
  compileDesignFirst();
  const scratch = repoScratch('auth-cost');
  // A JWKS on loopback, and one token with the scope listPets needs.
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  const jwksPort = await freePort();
  const jwks = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => jwks.listen(jwksPort, '127.0.0.1', resolve));
  const token = await new SignJWT({ scope: 'pets.read', client_id: 'bench-client' })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
    .setIssuer('https://issuer.bench.local')
    .setAudience('pets-api')
    .setSubject('bench-client')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(privateKey);
  try {
    const service = path.join(scratch, 'pets');
    progress('auth-cost: generating and building the pets service');
    await generate(path.join(root, 'examples/pets/pets-v1.yaml'), service);
    buildService(service);
    const plain: Scenario = { name: 'no auth (AUTH_MODE=mock)', path: '/v1/pets', headers: {}, serviceEnv: { AUTH_MODE: 'mock' } };
    const verified: Scenario = {
      name: 'bearer JWT verified with jose (cached)',
      path: '/v1/pets',
      headers: { authorization: `Bearer ${token}` },
      serviceEnv: { AUTH_JWKS_URL: `http://127.0.0.1:${jwksPort}/jwks`, AUTH_ISSUER: 'https://issuer.bench.local', AUTH_AUDIENCE: 'pets-api' },
    };
    const target: Target = {
      name: 'generated service',
      start: (scenario) => startServer(process.execPath, ['dist/src/server.js'], { cwd: service, env: { LOG_LEVEL: 'silent', ...scenario.serviceEnv } }),
    };
    const probe = await target.start(plain);
    const expected = await (await waitForAnswer(probe, `${probe.base}/v1/pets`, 60_000, 50)).json();
    await probe.stop();
    const samples = new Map<Scenario, Sample[]>([
      [plain, []],
      [verified, []],
    ]);
    for (let round = 0; round < rounds; round++) {
      for (const scenario of [plain, verified]) {
        progress(`auth-cost: ${scenario.name}, round ${round + 1}/${rounds}`);
        samples.get(scenario)!.push(await measure(target, scenario, expected, warmup, duration));
      }
    }
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    const rps = (scenario: Scenario) => mean(samples.get(scenario)!.map((s) => s.requestsPerSecond));
    const cpu = (scenario: Scenario) => mean(samples.get(scenario)!.map((s) => s.cpuMicrosPerRequest ?? Number.NaN));
    return [
      `${rounds} rounds of ${duration} s after ${warmup} s warm-up, 10 connections, GET /v1/pets of the generated pets service.`,
      '',
      table(
        ['scenario', 'req/s (mean)', 'server CPU µs/req', 'ratio to no auth (req/s)', 'non-2xx + errors'],
        ['l', 'r', 'r', 'r', 'r'],
        [plain, verified].map((scenario) => [
          scenario.name,
          rps(scenario).toFixed(0),
          cpu(scenario).toFixed(1),
          ratio(rps(scenario), rps(plain)),
          samples.get(scenario)!.reduce((sum, s) => sum + s.non2xx + s.errors, 0),
        ]),
      ),
      '',
      `Goal: at least 0.75 of the service without auth: **${Number(ratio(rps(verified), rps(plain))) >= 0.75 ? 'met' : 'not met'}** (${ratio(rps(verified), rps(plain))}).`,
    ].join('\n');
  } finally {
    jwks.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  console.log(await runAuthCostBench({ duration: flag('--duration', 10), warmup: flag('--warmup', 3), rounds: flag('--rounds', 2) }));
}
