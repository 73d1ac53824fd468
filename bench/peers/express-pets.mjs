// @ts-check
/**
 * The serve benchmark's second peer: Express 5 with express-openapi-validator
 * serving the same blueprint (examples/pets/pets-v1.yaml, its server set to
 * /v1 so that the paths match): requests and responses validated against it,
 * security left to the service (as AUTH_MODE=mock does in ours). GET /v1/pets
 * answers with the body in BODY_FILE, on HOST:PORT; errors answer as
 * application/problem+json.
 */
import { readFileSync } from 'node:fs';
import express from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { parse } from 'yaml';

const body = JSON.parse(readFileSync(process.env.BODY_FILE ?? '', 'utf8'));
const apiSpec = parse(readFileSync(new URL('../../examples/pets/pets-v1.yaml', import.meta.url), 'utf8'));
apiSpec.servers = [{ url: '/v1' }];

const app = express();
app.disable('x-powered-by');
app.use(express.json());
app.use(OpenApiValidator.middleware({ apiSpec, validateRequests: true, validateResponses: true, validateSecurity: false }));
app.get('/v1/pets', (_request, response) => {
  response.json(body);
});
app.use(
  /** @type {import('express').ErrorRequestHandler} */ (error, _request, response, _next) => {
    const status = typeof error.status === 'number' ? error.status : 500;
    response
      .status(status)
      .type('application/problem+json')
      .json({ type: 'about:blank', title: 'error', status, detail: String(error.message) });
  },
);
const server = app.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) process.once(signal, () => server.close(() => process.exit(0)));
