// @ts-check
/**
 * The serve benchmark's first peer: GET /v1/pets written by hand with Fastify
 * 5, with the blueprint's schemas (examples/pets/pets-v1.yaml) typed in as a
 * developer would: query validation and response serialisation from them,
 * Fastify's defaults otherwise, no logger. It answers with the body in
 * BODY_FILE (the generated service's mock answer), on HOST:PORT.
 */
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const body = JSON.parse(readFileSync(process.env.BODY_FILE ?? '', 'utf8'));

const species = { type: 'string', enum: ['cat', 'dog', 'rabbit', 'tortoise'] };
const pet = {
  type: 'object',
  required: ['Id', 'Name', 'Species', 'RegisteredAt'],
  properties: {
    Id: { type: 'string', format: 'uuid' },
    Name: { type: 'string' },
    Species: species,
    DateOfBirth: { type: ['string', 'null'], format: 'date' },
    RegisteredAt: { type: 'string', format: 'date-time' },
  },
};
const link = {
  type: 'object',
  required: ['Rel', 'Href', 'Type'],
  properties: {
    Rel: { type: 'string' },
    Href: { type: 'string' },
    Type: { type: 'string', enum: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] },
  },
};
const petCollection = {
  type: 'object',
  required: ['Page', 'Pets', 'Links'],
  properties: {
    Page: { type: 'integer' },
    Pets: { type: 'array', items: pet },
    Links: { type: 'array', items: link },
  },
};

const app = Fastify({ logger: false });
app.get(
  '/v1/pets',
  {
    schema: {
      querystring: { type: 'object', properties: { page: { type: 'integer', minimum: 1 }, species } },
      response: { 200: petCollection },
    },
  },
  async () => body,
);
await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
for (const signal of /** @type {const} */ (['SIGTERM', 'SIGINT'])) process.once(signal, () => app.close().then(() => process.exit(0)));
