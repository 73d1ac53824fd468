/**
 * The operation classes of the diff bench: paths, lifecycle, parameters,
 * bodies, responses, security, webhooks and callbacks, each a pair of small
 * documents compared both ways. Labels are oasdiff's levels as in
 * diff-suite-schemas.ts; the documents are judged on 2026-01-15 with a
 * 90-day notice period (oasdiff's `--deprecation-days-stable=90`).
 */
import type { Label } from './diff-suite-schemas.js';

export interface OperationClass {
  family: string;
  name: string;
  before: string;
  after: string;
  /** [forward, backward]. */
  labels: [Label, Label];
}

const header = (version = '3.0.3', info = '') => `openapi: ${version}\ninfo:\n  title: T\n  version: '1'\n${info}`;
const indent = (text: string, by: number) => text.replace(/^(?=.)/gm, ' '.repeat(by));

/** `GET /pets` (with `get` lines) beside `POST /pets`. */
function pets(get: string, options: { version?: string; info?: string; security?: string; components?: string } = {}): string {
  return `${header(options.version, options.info)}${options.security ?? ''}paths:
  /pets:
    get:
${indent(get, 6)}      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { type: object, properties: { id: { type: string } } }
    post:
      responses:
        '201': { description: created }
${options.components ? `components:\n${indent(options.components, 2)}` : ''}`;
}

const param = (fields: string, schema = '{ type: string }') => `parameters:\n  - name: q\n    in: query\n${indent(fields, 4)}    schema: ${schema}\n`;
const body = (fields: string, schema = '{ type: object }', media = 'application/json') =>
  `requestBody:\n${indent(fields, 2)}  content:\n    ${media}: { schema: ${schema} }\n`;
const withResponses = (responses: string) =>
  pets('').replace(/ {6}responses:\n {8}'200':[\s\S]*? {4}post:/, `      responses:\n${indent(responses, 8)}    post:`);

const ok200 = "'200':\n  description: ok\n  content:\n    application/json:\n      schema: { type: object }\n";
const headers = (fields: string) => `'200':\n  description: ok\n  headers:\n    X-Rate:\n${indent(fields, 6)}      schema: { type: integer }\n`;
const schemes = `securitySchemes:
  key: { type: apiKey, in: header, name: Api-Key }
  oauth:
    type: oauth2
    flows:
      clientCredentials:
        tokenUrl: https://auth.example.com/token
        scopes: { read: r, write: w }
`;
const secured = (security: string, components = schemes) => pets(`security: ${security}\n`, { components });

const hook = (schema: string, required = '') => `${header('3.1.0')}paths: {}
webhooks:
  newPet:
    post:
      requestBody:
${required}        content:
          application/json:
            schema: ${schema}
      responses:
        '200': { description: received }
`;
const callback = (schema: string) =>
  pets(
    `callbacks:\n  onEvent:\n    '{$request.body#/url}':\n      post:\n        requestBody:\n          content:\n            application/json:\n              schema: ${schema}\n        responses:\n          '200': { description: received }\n`,
  );
const petSchema = '{ type: object, properties: { id: { type: string }, tag: { type: string } } }';

export const OPERATION_CLASSES: OperationClass[] = [
  // Paths and operations.
  {
    family: 'paths',
    name: 'an operation removed',
    before: pets(''),
    after: pets('').replace(/ {4}get:[\s\S]*? {4}post:/, '    post:'),
    labels: ['ERR', 'INFO'],
  },
  { family: 'paths', name: 'a path removed', before: pets(''), after: `${header()}paths: {}\n`, labels: ['ERR', 'INFO'] },
  { family: 'paths', name: 'operationId changed', before: pets('operationId: listPets\n'), after: pets('operationId: getPets\n'), labels: ['INFO', 'INFO'] },
  { family: 'paths', name: 'a tag added', before: pets(''), after: pets('tags: [pets]\n'), labels: ['INFO', 'INFO'] },
  // Lifecycle.
  {
    family: 'deprecation',
    name: 'a deprecated operation removed before its sunset',
    before: pets("deprecated: true\nx-sunset: '2026-06-01'\n"),
    after: pets('').replace(/ {4}get:[\s\S]*? {4}post:/, '    post:'),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'deprecation',
    name: 'a deprecated operation removed after its sunset',
    before: pets("deprecated: true\nx-sunset: '2025-06-01'\n"),
    after: pets('').replace(/ {4}get:[\s\S]*? {4}post:/, '    post:'),
    labels: ['INFO', 'INFO'],
  },
  {
    family: 'deprecation',
    name: 'a deprecated operation without sunset removed',
    before: pets('deprecated: true\n'),
    after: pets('').replace(/ {4}get:[\s\S]*? {4}post:/, '    post:'),
    labels: ['INFO', 'INFO'],
  },
  {
    family: 'deprecation',
    name: 'a deprecated operation with an unreadable sunset removed',
    before: pets('deprecated: true\nx-sunset: soon\n'),
    after: pets('').replace(/ {4}get:[\s\S]*? {4}post:/, '    post:'),
    labels: ['ERR', 'INFO'],
  },
  { family: 'deprecation', name: 'an operation deprecated without x-sunset', before: pets(''), after: pets('deprecated: true\n'), labels: ['ERR', 'INFO'] },
  {
    family: 'deprecation',
    name: 'an operation deprecated with a near sunset',
    before: pets(''),
    after: pets("deprecated: true\nx-sunset: '2026-02-01'\n"),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'deprecation',
    name: 'an operation deprecated with a far sunset',
    before: pets(''),
    after: pets("deprecated: true\nx-sunset: '2026-12-01'\n"),
    labels: ['INFO', 'INFO'],
  },
  {
    family: 'deprecation',
    name: 'an operation deprecated with an unreadable sunset',
    before: pets(''),
    after: pets('deprecated: true\nx-sunset: 31/12/2026\n'),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'deprecation',
    name: 'the sunset of a deprecated operation deleted',
    before: pets("deprecated: true\nx-sunset: '2026-12-01'\n"),
    after: pets('deprecated: true\n'),
    labels: ['ERR', 'NONE'],
  },
  {
    family: 'deprecation',
    name: 'the sunset of a deprecated operation moved earlier',
    before: pets("deprecated: true\nx-sunset: '2026-12-01'\n"),
    after: pets("deprecated: true\nx-sunset: '2026-02-01'\n"),
    labels: ['ERR', 'NONE'],
  },
  {
    family: 'deprecation',
    name: 'a version deprecated (info.x-deprecated) without x-sunset',
    before: pets(''),
    after: pets('', { info: '  x-deprecated: true\n' }),
    labels: [['NONE', 'version-deprecation'], 'NONE'],
  },
  { family: 'stability', name: 'x-stability-level lowered', before: pets(''), after: pets('x-stability-level: beta\n'), labels: ['ERR', 'INFO'] },
  {
    family: 'stability',
    name: 'x-stability-level invalid',
    before: pets(''),
    after: pets('x-stability-level: gold\n'),
    labels: ['ERR', ['ERR', 'invalid-stability-level-fixed']],
  },
  {
    family: 'stability',
    name: 'an alpha operation changed',
    before: pets(`x-stability-level: alpha\n${param('')}`),
    after: pets(`x-stability-level: alpha\n${param('required: true\n')}`),
    labels: ['NONE', 'NONE'],
  },
  // Parameters.
  { family: 'parameters', name: 'a required parameter added', before: pets(''), after: pets(param('required: true\n')), labels: ['ERR', 'WARN'] },
  { family: 'parameters', name: 'an optional parameter added', before: pets(''), after: pets(param('')), labels: ['INFO', 'WARN'] },
  { family: 'parameters', name: 'a parameter became required', before: pets(param('')), after: pets(param('required: true\n')), labels: ['ERR', 'INFO'] },
  {
    family: 'parameters',
    name: 'a parameter type string -> integer',
    before: pets(param('')),
    after: pets(param('', '{ type: integer }')),
    labels: ['ERR', ['ERR', 'parameter-text']],
  },
  {
    family: 'parameters',
    name: 'a parameter enum value removed',
    before: pets(param('', '{ type: string, enum: [a, b] }')),
    after: pets(param('', '{ type: string, enum: [a] }')),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'parameters',
    name: 'a parameter maxLength decreased',
    before: pets(param('', '{ type: string, maxLength: 20 }')),
    after: pets(param('', '{ type: string, maxLength: 10 }')),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'parameters',
    name: 'a parameter pattern added',
    before: pets(param('')),
    after: pets(param('', "{ type: string, pattern: '^[a-z]+$' }")),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'parameters',
    name: 'a parameter default changed',
    before: pets(param('', '{ type: integer, default: 10 }')),
    after: pets(param('', '{ type: integer, default: 20 }')),
    labels: [
      ['INFO', 'default-values'],
      ['INFO', 'default-values'],
    ],
  },
  {
    family: 'parameters',
    name: 'a parameter became nullable',
    before: pets(param('')),
    after: pets(param('', '{ type: string, nullable: true }')),
    labels: ['INFO', 'ERR'],
  },
  {
    family: 'parameters',
    name: 'a parameter moved from the query to a header',
    before: pets(param('')),
    after: pets(param('').replace('in: query', 'in: header')),
    labels: [
      ['WARN', 'parameter-moved'],
      ['WARN', 'parameter-moved'],
    ],
  },
  {
    family: 'parameters',
    name: 'a parameter style changed',
    before: pets(param('', '{ type: array, items: { type: string } }')),
    after: pets(param('style: pipeDelimited\n', '{ type: array, items: { type: string } }')),
    labels: ['ERR', 'ERR'],
  },
  {
    family: 'parameters',
    name: 'a query parameter [string, integer] -> array of strings',
    before: pets(param('', '{ type: [string, integer] }'), { version: '3.1.0' }),
    after: pets(param('', '{ type: array, items: { type: string } }'), { version: '3.1.0' }),
    labels: ['NONE', 'ERR'],
  },
  {
    family: 'parameters',
    name: 'a deepObject property became required',
    before: pets(param('style: deepObject\n', '{ type: object, properties: { a: { type: string } } }')),
    after: pets(param('style: deepObject\n', '{ type: object, required: [a], properties: { a: { type: string } } }')),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'deprecation',
    name: 'a parameter deprecated without x-sunset',
    before: pets(param('')),
    after: pets(param('deprecated: true\n')),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'deprecation',
    name: 'a deprecated parameter removed before its sunset',
    before: pets(param("deprecated: true\nx-sunset: '2026-12-01'\n")),
    after: pets(''),
    labels: ['ERR', 'INFO'],
  },
  { family: 'deprecation', name: 'a deprecated parameter removed', before: pets(param('deprecated: true\n')), after: pets(''), labels: ['INFO', 'INFO'] },
  // Request bodies.
  { family: 'bodies', name: 'a required request body added', before: pets(''), after: pets(body('required: true\n')), labels: ['ERR', 'ERR'] },
  { family: 'bodies', name: 'an optional request body added', before: pets(''), after: pets(body('')), labels: ['INFO', 'ERR'] },
  { family: 'bodies', name: 'a request body became required', before: pets(body('')), after: pets(body('required: true\n')), labels: ['ERR', 'INFO'] },
  {
    family: 'bodies',
    name: 'a request media type replaced',
    before: pets(body('')),
    after: pets(body('', '{ type: object }', 'text/plain')),
    labels: ['ERR', 'ERR'],
  },
  {
    family: 'bodies',
    name: 'a request media type gained a schema',
    before: pets(body('').replace(': { schema: { type: object } }', ': {}')),
    after: pets(body('')),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'bodies',
    name: 'an XML body between object and string',
    before: pets(body('', '{ type: object }', 'application/xml')),
    after: pets(body('', '{ type: string }', 'application/xml')),
    labels: ['NONE', 'NONE'],
  },
  // Responses.
  {
    family: 'responses',
    name: 'a success status removed',
    before: withResponses(`${ok200}'202': { description: accepted }\n`),
    after: withResponses(ok200),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'responses',
    name: 'an error status removed',
    before: withResponses(`${ok200}'404': { description: gone }\n`),
    after: withResponses(ok200),
    labels: ['INFO', 'INFO'],
  },
  {
    family: 'responses',
    name: 'a response media type replaced',
    before: withResponses(ok200),
    after: withResponses(ok200.replace('application/json', 'text/csv')),
    labels: ['ERR', 'ERR'],
  },
  {
    family: 'responses',
    name: 'a response media type generalised',
    before: withResponses(ok200),
    after: withResponses(ok200.replace('application/json', "'application/*'")),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'responses',
    name: 'a response media type lost its schema',
    before: withResponses(ok200),
    after: withResponses("'200':\n  description: ok\n  content:\n    application/json: {}\n"),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'responses',
    name: 'a required response header removed',
    before: withResponses(headers('required: true\n')),
    after: withResponses("'200': { description: ok }\n"),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'responses',
    name: 'an optional response header removed',
    before: withResponses(headers('')),
    after: withResponses("'200': { description: ok }\n"),
    labels: ['WARN', 'INFO'],
  },
  {
    family: 'responses',
    name: 'a response header became optional',
    before: withResponses(headers('required: true\n')),
    after: withResponses(headers('')),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'responses',
    name: 'a response header type changed',
    before: withResponses(headers('')),
    after: withResponses(headers('').replace('type: integer', 'type: boolean')),
    labels: ['ERR', 'ERR'],
  },
  // Security.
  {
    family: 'security',
    name: 'a scope added to a requirement',
    before: secured('[{ oauth: [read] }]'),
    after: secured('[{ oauth: [read, write] }]'),
    labels: ['ERR', 'INFO'],
  },
  { family: 'security', name: 'a requirement replaced', before: secured('[{ key: [] }]'), after: secured('[{ oauth: [read] }]'), labels: ['ERR', 'ERR'] },
  {
    family: 'security',
    name: 'an alternative added',
    before: secured('[{ key: [] }]'),
    after: secured('[{ key: [] }, { oauth: [read] }]'),
    labels: ['INFO', 'ERR'],
  },
  {
    family: 'security',
    name: 'security added to an open operation',
    before: secured('[]'),
    after: secured('[{ key: [] }]'),
    labels: [
      ['INFO', 'security-added-to-open-operation'],
      ['ERR', 'security-removed'],
    ],
  },
  {
    family: 'security',
    name: 'a global scope added',
    before: pets('', { security: 'security:\n  - oauth: [read]\n', components: schemes }),
    after: pets('', { security: 'security:\n  - oauth: [read, write]\n', components: schemes }),
    labels: ['ERR', 'INFO'],
  },
  {
    family: 'security-schemes',
    name: 'a scheme of another type',
    before: secured('[{ key: [] }]'),
    after: secured('[{ key: [] }]', schemes.replace('key: { type: apiKey, in: header, name: Api-Key }', 'key: { type: http, scheme: bearer }')),
    labels: [
      ['INFO', 'security-scheme-changed'],
      ['INFO', 'security-scheme-changed'],
    ],
  },
  {
    family: 'security-schemes',
    name: 'an unused scheme removed',
    before: secured('[{ key: [] }]'),
    after: secured('[{ key: [] }]', schemes.replace(/ {2}oauth:[\s\S]*$/, '')),
    labels: ['INFO', 'INFO'],
  },
  {
    family: 'security-schemes',
    name: 'a scope a requirement asks for removed',
    before: secured('[{ oauth: [read] }]'),
    after: secured('[{ oauth: [read] }]', schemes.replace('read: r, ', '')),
    labels: [['INFO', 'security-scope-removed-still-used'], 'INFO'],
  },
  {
    family: 'security-schemes',
    name: 'a token URL changed',
    before: secured('[{ oauth: [read] }]'),
    after: secured('[{ oauth: [read] }]', schemes.replace('auth.example.com', 'login.example.com')),
    labels: ['INFO', 'INFO'],
  },
  // Webhooks and callbacks.
  { family: 'webhooks', name: 'a webhook removed', before: hook(petSchema), after: `${header('3.1.0')}paths: {}\n`, labels: ['ERR', 'INFO'] },
  {
    family: 'webhooks',
    name: "a webhook body's property removed",
    before: hook(petSchema),
    after: hook('{ type: object, properties: { id: { type: string } } }'),
    labels: [['NONE', 'webhook-operations'], 'NONE'],
  },
  {
    family: 'webhooks',
    name: "a webhook body's property type changed",
    before: hook(petSchema),
    after: hook(petSchema.replace('id: { type: string }', 'id: { type: integer }')),
    labels: [
      ['NONE', 'webhook-operations'],
      ['NONE', 'webhook-operations'],
    ],
  },
  {
    family: 'webhooks',
    name: 'a webhook body became required',
    before: hook(petSchema),
    after: hook(petSchema, '        required: true\n'),
    labels: ['NONE', ['NONE', 'webhook-operations']],
  },
  { family: 'callbacks', name: 'a callback removed', before: callback(petSchema), after: pets(''), labels: [['NONE', 'callbacks'], 'NONE'] },
  {
    family: 'callbacks',
    name: "a callback body's property removed",
    before: callback(petSchema),
    after: callback('{ type: object, properties: { id: { type: string } } }'),
    labels: [['NONE', 'callbacks'], 'NONE'],
  },
];
