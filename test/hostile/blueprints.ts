/**
 * One hostile service per blueprint field: every payload is planted in that
 * field at once (several operations, properties, enum values...). Fields that
 * hold one value per document (info) get one blueprint per payload, generated
 * together as the versions of one service.
 */
import type { Payload } from './payloads.js';

type Json = Record<string, unknown>;

export interface HostileField {
  /** Folder name of the service and test label. */
  name: string;
  /** The blueprints of the service (several = several versions). */
  blueprints: Json[];
  /** `generate`: must generate; `either`: may also refuse with exit 2 and one line. */
  expect: 'generate' | 'either';
  /** Written as YAML instead of JSON. */
  yaml?: boolean;
  /** Files beside the blueprints ($ref targets), by name. */
  extraFiles?: Record<string, string>;
}

const ok = (schema: unknown = { type: 'object', properties: { id: { type: 'string' } } }): Json => ({
  '200': { description: 'ok', content: { 'application/json': { schema } } },
});

function document(paths: Json, extra: Json = {}, info: Json = {}): Json {
  return {
    openapi: '3.1.0',
    info: { title: 'Hostile', version: '1.0.0', ...info },
    paths,
    ...extra,
  };
}

/** `'` and other text as a `$ref` fragment to a component schema. */
export function schemaRef(name: string): string {
  return `#/components/schemas/${encodeURIComponent(name.replace(/~/g, '~0').replace(/\//g, '~1'))}`;
}

/** Path-parameter names cannot hold `{`, `}` or `/`. */
function paramName(text: string, i: number): string {
  const cleaned = text.replace(/[{}/]/g, '');
  return cleaned === '' ? `p${i}` : cleaned;
}

export function hostileFields(all: Payload[]): HostileField[] {
  const texts = all.map((payload) => payload.text);
  const each = <T>(make: (text: string, i: number) => [string, T]): Record<string, T> => {
    const out: Record<string, T> = {};
    texts.forEach((text, i) => {
      const [key, value] = make(text, i);
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    });
    return out;
  };

  const fields: HostileField[] = [];

  // Path keys: as a literal segment, and as a path-parameter name.
  fields.push({
    name: 'path-keys',
    // Payloads with line breaks or backslashes make a path no request can reach: refused (exit 2, one line).
    expect: 'either',
    blueprints: [
      document({
        ...each((text, i) => [`/p${i}/${text}`, { get: { operationId: `literal${i}`, responses: ok() } }]),
        ...each((text, i) => [
          `/q${i}/{${paramName(text, i)}}`,
          {
            get: {
              operationId: `param${i}`,
              parameters: [{ name: paramName(text, i), in: 'path', required: true, schema: { type: 'string' } }],
              responses: ok(),
            },
          },
        ]),
      }),
    ],
  });
  // Path keys that are not paths at all: refused (exit 2) is the expected answer.
  fields.push({
    name: 'path-keys-bare',
    expect: 'either',
    blueprints: [document(each((text, i) => [text, { get: { operationId: `bare${i}`, responses: ok() } }]))],
  });

  // Webhook names become route paths of a webhook receiver (a blueprint with no paths).
  fields.push({
    name: 'webhook-names',
    expect: 'generate',
    blueprints: [
      document(
        {},
        {
          webhooks: each((text, i) => [
            text,
            { post: { operationId: `hook${i}`, requestBody: { content: { 'application/json': { schema: { type: 'object' } } } }, responses: ok() } },
          ]),
        },
      ),
    ],
  });

  fields.push({
    name: 'operation-ids',
    expect: 'generate',
    blueprints: [document(each((text, i) => [`/ops/o${i}`, { post: { operationId: text, responses: ok() } }]))],
  });

  fields.push({
    name: 'tags',
    expect: 'generate',
    blueprints: [
      document(
        each((text, i) => [`/tagged/t${i}`, { get: { operationId: `tagged${i}`, tags: [text, text], responses: ok() } }]),
        { tags: texts.map((text) => ({ name: text, description: text, externalDocs: { url: 'https://example.org', description: text } })) },
      ),
    ],
  });

  fields.push({
    name: 'parameter-names',
    expect: 'generate',
    blueprints: [
      document({
        '/query': {
          get: {
            operationId: 'query',
            parameters: texts.map((text) => ({ name: text, in: 'query', required: true, schema: { type: 'string' }, example: 'x' })),
            responses: ok(),
          },
        },
        '/headers': {
          get: {
            operationId: 'headers',
            parameters: texts.map((text) => ({ name: text, in: 'header', required: false, schema: { type: 'string' } })),
            responses: ok(),
          },
        },
        '/cookies': {
          get: {
            operationId: 'cookies',
            parameters: texts.map((text) => ({ name: text, in: 'cookie', required: false, schema: { type: 'string' } })),
            responses: ok(),
          },
        },
        '/path/{a}/{b}': {
          parameters: texts.map((text) => ({ name: text, in: 'path', required: true, schema: { type: 'string' } })),
          get: { operationId: 'path', responses: ok() },
        },
      }),
    ],
  });

  fields.push({
    name: 'texts',
    expect: 'generate',
    yaml: true,
    blueprints: [
      document(
        each((text, i) => [
          `/texts/t${i}`,
          {
            summary: text,
            description: text,
            post: {
              operationId: `texts${i}`,
              summary: text,
              description: text,
              externalDocs: { url: 'https://example.org', description: text },
              parameters: [{ name: 'q', in: 'query', description: text, schema: { type: 'string', description: text, title: text } }],
              requestBody: {
                description: text,
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Described' } } },
              },
              responses: {
                '200': { description: text, content: { 'application/json': { schema: { $ref: '#/components/schemas/Described' } } } },
                default: { description: text },
              },
            },
          },
        ]),
        {
          components: {
            schemas: {
              Described: {
                type: 'object',
                title: texts.join(' '),
                description: texts.join('\n'),
                properties: each((text, i) => [`p${i}`, { type: 'string', description: text, title: text }]),
              },
            },
          },
        },
        { description: texts.join('\n') },
      ),
    ],
  });

  fields.push({
    name: 'enum-values',
    expect: 'generate',
    blueprints: [
      document(
        {
          '/choices': {
            post: {
              operationId: 'choose',
              parameters: [{ name: 'choice', in: 'query', required: true, schema: { $ref: '#/components/schemas/Choice' } }],
              requestBody: {
                required: true,
                content: {
                  'application/json': { schema: { type: 'object', required: ['choice'], properties: { choice: { $ref: '#/components/schemas/Choice' } } } },
                },
              },
              responses: ok({
                type: 'object',
                required: ['choice', 'fixed'],
                properties: { choice: { $ref: '#/components/schemas/Choice' }, fixed: { const: texts[0] } },
              }),
            },
          },
        },
        { components: { schemas: { Choice: { type: 'string', enum: texts } } } },
      ),
    ],
  });

  fields.push({
    name: 'defaults-examples',
    expect: 'generate',
    blueprints: [
      document(
        each((text, i) => [
          `/examples/e${i}`,
          {
            post: {
              operationId: `example${i}`,
              parameters: [
                { name: 'q', in: 'query', required: false, schema: { type: 'string', default: text } },
                { name: 'r', in: 'query', required: true, schema: { type: 'string' }, example: text },
                { name: 's', in: 'query', required: true, schema: { type: 'string' }, examples: { [text]: { value: text, summary: text } } },
              ],
              requestBody: {
                required: true,
                content: {
                  'application/json': {
                    schema: { type: 'object', properties: { name: { type: 'string', default: text, examples: [text] } } },
                    example: { name: text },
                  },
                },
              },
              responses: {
                '200': {
                  description: 'ok',
                  content: {
                    'application/json': {
                      schema: { type: 'object', properties: { name: { type: 'string', example: text }, free: { type: 'object' } } },
                      example: { name: text, free: { [text]: text } },
                    },
                  },
                },
              },
            },
          },
        ]),
      ),
    ],
  });

  fields.push({
    name: 'media-types',
    expect: 'either',
    blueprints: [
      document(
        each((text, i) => [
          `/media/m${i}`,
          {
            post: {
              operationId: `media${i}`,
              requestBody: {
                content: {
                  [`application/${text}+json`]: { schema: { type: 'object' } },
                  [text]: { schema: { type: 'string' } },
                },
              },
              responses: {
                '200': {
                  description: 'ok',
                  content: { [text]: { schema: { type: 'string' }, example: text }, [`application/${text}+json`]: { schema: { type: 'object' } } },
                },
              },
            },
          },
        ]),
      ),
    ],
  });

  fields.push({
    name: 'header-names',
    expect: 'generate',
    blueprints: [
      document(
        {
          '/answers': {
            get: {
              operationId: 'answer',
              security: [{ key: [] }],
              responses: {
                '200': {
                  description: 'ok',
                  headers: each((text) => [text, { description: text, schema: { type: 'string', example: text } }]),
                  content: { 'application/json': { schema: { type: 'object' } } },
                },
              },
            },
          },
        },
        { components: { securitySchemes: { key: { type: 'apiKey', in: 'header', name: texts[0] } } } },
      ),
    ],
  });

  fields.push({
    name: 'servers',
    expect: 'generate',
    blueprints: [
      document(
        {
          '/servers': {
            servers: texts.map((text) => ({ url: text, description: text })),
            get: { operationId: 'servers', servers: texts.map((text) => ({ url: text })), responses: ok() },
          },
        },
        {
          servers: [
            ...texts.map((text) => ({ url: text, description: text })),
            { url: 'https://{host}/v1', variables: { host: { default: texts[0], enum: texts, description: texts[1] } } },
          ],
        },
      ),
    ],
  });

  // One value per document: one blueprint per payload, the versions of one service.
  fields.push({
    name: 'info',
    expect: 'generate',
    blueprints: texts.map((text, i) =>
      document(
        { [`/info${i}`]: { get: { operationId: `info${i}`, responses: ok() } } },
        {},
        {
          title: text,
          description: text,
          summary: text,
          version: `${i + 1}.0.0${text}`,
          termsOfService: text,
          contact: { name: text, url: text, email: text },
          license: { name: text, identifier: text },
          'x-deprecated': true,
          'x-sunset': text,
        },
      ),
    ),
  });

  fields.push({
    name: 'property-names',
    expect: 'generate',
    blueprints: [
      document(
        {
          '/things': {
            post: {
              operationId: 'createThing',
              requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
              responses: ok({ $ref: '#/components/schemas/Thing' }),
            },
            get: {
              operationId: 'listThings',
              responses: ok({ type: 'object', properties: each((text) => [text, { type: 'array', items: { $ref: '#/components/schemas/Thing' } }]) }),
            },
          },
        },
        {
          components: {
            schemas: {
              Thing: {
                type: 'object',
                additionalProperties: false,
                required: texts,
                properties: each((text) => [
                  text,
                  { type: 'object', required: [text], properties: { [text]: { type: 'string', example: text } }, example: { [text]: text } },
                ]),
              },
            },
          },
        },
      ),
    ],
  });

  fields.push({
    name: 'security',
    expect: 'generate',
    blueprints: [
      document(
        each((text, i) => [`/secured/s${i}`, { get: { operationId: `secured${i}`, security: [{ [text]: texts }], responses: ok() } }]),
        {
          security: [each((text) => [text, texts])],
          components: {
            securitySchemes: each<Json>((text, i) =>
              i % 2 === 0
                ? [text, { type: 'apiKey', in: 'header', name: text, description: text }]
                : [text, { type: 'oauth2', description: text, flows: { clientCredentials: { tokenUrl: text, scopes: each((scope) => [scope, scope]) } } }],
            ),
          },
        },
      ),
    ],
  });

  const extensions = (): Json => each((text, i) => [`x-${i}-${text}`, { [text]: text, list: [text] }]);
  fields.push({
    name: 'extensions',
    expect: 'generate',
    blueprints: [
      {
        ...document(
          {
            '/extended': {
              ...extensions(),
              get: {
                ...extensions(),
                operationId: 'extended',
                parameters: [{ name: 'q', in: 'query', schema: { type: 'string', ...extensions() }, ...extensions() }],
                responses: { '200': { description: 'ok', ...extensions(), content: { 'application/json': { schema: { type: 'object', ...extensions() } } } } },
              },
            },
          },
          { components: { schemas: { Extended: { type: 'object', ...extensions() } } } },
          extensions(),
        ),
        ...extensions(),
      },
    ],
  });

  fields.push({
    name: 'schema-names',
    expect: 'generate',
    blueprints: [
      document(
        each((text, i) => [
          `/schemas/s${i}`,
          {
            post: {
              operationId: `schema${i}`,
              requestBody: { content: { 'application/json': { schema: { $ref: schemaRef(text) } } } },
              responses: ok({ $ref: schemaRef(text) }),
            },
          },
        ]),
        {
          components: {
            schemas: each((text, i) => [
              text,
              { type: 'object', description: text, properties: { next: { $ref: schemaRef(texts[(i + 1) % texts.length]!) }, name: { type: 'string' } } },
            ]),
          },
        },
      ),
    ],
  });

  fields.push({
    name: 'patterns-formats',
    expect: 'generate',
    blueprints: [
      document({
        '/patterns': {
          post: {
            operationId: 'patterns',
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: each((text, i) => [`p${i}`, { type: 'string', pattern: text, format: text }]),
                    patternProperties: each((text) => [text, { type: 'string' }]),
                  },
                },
              },
            },
            responses: ok({
              type: 'object',
              discriminator: { propertyName: texts[0], mapping: each((text) => [text, schemaRef('Never')]) },
              properties: each((text, i) => [`p${i}`, { type: 'string', format: text }]),
            }),
          },
        },
      }),
    ],
  });

  fields.push({
    name: 'responses-links',
    expect: 'generate',
    blueprints: [
      document({
        '/responses': {
          get: {
            operationId: 'responses',
            responses: {
              ...each((text) => [text, { description: text }]),
              '200': {
                description: 'ok',
                links: each((text) => [text, { operationId: text, description: text, parameters: { [text]: text } }]),
                content: { 'application/json': { schema: { type: 'object' } } },
              },
            },
            callbacks: each((text) => [text, { [text]: { post: { operationId: `cb-${text}`, responses: ok() } } }]),
          },
        },
      }),
    ],
  });

  // Paging envelopes, links and rate limits read from the blueprint: the items array is named by a payload.
  fields.push({
    name: 'paging-links',
    expect: 'generate',
    blueprints: [
      document(
        each((text, i) => [
          `/pages/p${i}`,
          {
            get: {
              operationId: `page${i}`,
              'x-paging': true,
              'x-rate-limit': { max: text, windowSeconds: text },
              'x-links': [
                { rel: text, href: `/pages/p${i}/${text}?page={page}`, type: text },
                { Rel: 'other', Href: text },
              ],
              parameters: [{ name: 'page', in: 'query', schema: { type: 'integer', minimum: 1 } }],
              responses: {
                '200': {
                  description: 'ok',
                  'x-links': [{ rel: text, href: `{$request.query.${text}}` }],
                  content: {
                    'application/json': {
                      schema: {
                        type: 'object',
                        required: [text, 'Page', 'Links'],
                        properties: {
                          Page: { type: 'integer' },
                          Links: {
                            type: 'array',
                            items: { type: 'object', properties: { Rel: { type: 'string' }, Href: { type: 'string' }, Type: { type: 'string' } } },
                          },
                          [text]: { type: 'array', items: { type: 'object', properties: { [text]: { type: 'string', example: text } } } },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        ]),
        { 'x-audience': texts[0] },
        { 'x-audience': texts[1] },
      ),
    ],
  });

  // Multi-file blueprints: the names of referenced files become component names when bundled.
  // A file name cannot hold `/`: in JavaScript source `\x2f` means the same inside a string literal.
  // (`..` names are left out: a $ref leaving the folder is refused, which malformed.test.ts covers.)
  const fileNames = texts.map((text) => text.replace(/\//g, '\\x2f')).filter((text) => !text.includes('\u0000') && !text.startsWith('..'));
  const extraFiles: Record<string, string> = {};
  fileNames.forEach((text) => {
    extraFiles[`${text}.json`] = JSON.stringify({ type: 'object', description: text, properties: { [text]: { type: 'string' } } });
  });
  fields.push({
    name: 'ref-file-names',
    expect: 'either',
    extraFiles,
    blueprints: [
      document(
        Object.fromEntries(
          fileNames.map((text, i) => [
            `/files/f${i}`,
            {
              post: {
                operationId: `file${i}`,
                requestBody: { content: { 'application/json': { schema: { $ref: `./${encodeURIComponent(text)}.json` } } } },
                responses: ok({ $ref: `./${encodeURIComponent(text)}.json` }),
              },
            },
          ]),
        ),
      ),
    ],
  });

  return fields;
}
