/**
 * Single-defect blueprints: the clean base (base.ts) with one generic OpenAPI
 * mistake each, and where the mistake is (`target`, a JSON pointer). The
 * test lints each and expects a finding there that the base does not have;
 * the lint bench runs Redocly and Spectral over the same files and counts
 * what each catches.
 */
import { baseBlueprint } from './base.js';

export interface Defect {
  name: string;
  /** The rule of ours that should catch it. */
  rule: string;
  /** Where the mistake is. */
  target: string;
  mutate(document: Record<string, any>): void;
  /** Lint with example validation on (off by default: it is costly on big documents). */
  examples?: boolean;
}

const course = (d: Record<string, any>) => d.components.schemas.Course;
const list = (d: Record<string, any>) => d.paths['/courses'].get;
const one = (d: Record<string, any>) => d.paths['/courses/{courseId}'];
const P_LIST = '/paths/~1courses/get';
const P_ONE = '/paths/~1courses~1{courseId}';
const P_COURSE = '/components/schemas/Course';

export const DEFECTS: Defect[] = [
  // Structure (the official schema).
  {
    name: 'schema type misspelt',
    rule: 'oas3-schema',
    target: `${P_COURSE}/properties/Title/type`,
    mutate: (d) => (course(d).properties.Title.type = 'strin'),
  },
  { name: 'parameter without in', rule: 'oas3-schema', target: `${P_LIST}/parameters/0`, mutate: (d) => delete list(d).parameters[0].in },
  { name: 'response without description', rule: 'oas3-schema', target: `${P_LIST}/responses/200`, mutate: (d) => delete list(d).responses['200'].description },
  { name: 'unknown field in an operation', rule: 'oas3-schema', target: `${P_LIST}/summry`, mutate: (d) => (list(d).summry = 'typo') },
  {
    name: 'component name with a space',
    rule: 'oas3-schema',
    target: '/components/schemas/Course List',
    mutate: (d) => (d.components.schemas['Course List'] = { type: 'object' }),
  },
  {
    name: 'path parameter not required',
    rule: 'oas3-schema',
    target: `${P_ONE}/parameters/0/required`,
    mutate: (d) => (one(d).parameters[0].required = false),
  },
  {
    name: 'path without a leading slash',
    rule: 'oas3-schema',
    target: '/paths/courses-archive',
    mutate: (d) => (d.paths['courses-archive'] = { get: { responses: { '200': { description: 'ok' } } } }),
  },
  { name: 'info without title', rule: 'oas3-schema', target: '/info', mutate: (d) => delete d.info.title },
  { name: 'info without version', rule: 'oas3-schema', target: '/info', mutate: (d) => delete d.info.version },
  { name: 'server without url', rule: 'oas3-schema', target: '/servers/0', mutate: (d) => (d.servers[0] = { description: 'live' }) },
  {
    name: 'security scheme of an unknown type',
    rule: 'oas3-schema',
    target: '/components/securitySchemes/oauth',
    mutate: (d) => (d.components.securitySchemes.oauth.type = 'oauth'),
  },
  {
    name: 'media type with a misspelt schema',
    rule: 'oas3-schema',
    target: `${P_LIST}/responses/200/content/application~1json/schemas`,
    mutate: (d) => {
      const media = list(d).responses['200'].content['application/json'];
      media.schemas = media.schema;
      delete media.schema;
    },
  },
  {
    name: 'parameter with both schema and content',
    rule: 'oas3-schema',
    target: `${P_LIST}/parameters/0`,
    mutate: (d) => (list(d).parameters[0].content = { 'application/json': { schema: { type: 'integer' } } }),
  },
  {
    name: 'exclusiveMinimum as a number in 3.0',
    rule: 'oas3-schema',
    target: `${P_COURSE}/properties/Level/exclusiveMinimum`,
    mutate: (d) => (course(d).properties.Level.exclusiveMinimum = 0),
  },
  {
    name: 'API key scheme without in',
    rule: 'oas3-schema',
    target: '/components/securitySchemes/key',
    mutate: (d) => (d.components.securitySchemes.key = { type: 'apiKey', name: 'X-Key' }),
  },
  {
    name: 'OAuth2 flow without tokenUrl',
    rule: 'oas3-schema',
    target: '/components/securitySchemes/oauth/flows/clientCredentials',
    mutate: (d) => delete d.components.securitySchemes.oauth.flows.clientCredentials.tokenUrl,
  },
  { name: 'responses missing', rule: 'oas3-schema', target: P_LIST, mutate: (d) => delete list(d).responses },
  // Paths and operations.
  {
    name: 'path parameter not in the path',
    rule: 'path-params',
    target: `${P_LIST}/parameters/1`,
    mutate: (d) => list(d).parameters.push({ name: 'year', in: 'path', required: true, description: 'y', schema: { type: 'integer' } }),
  },
  {
    name: 'path template without a parameter',
    rule: 'path-params',
    target: '/paths/~1courses~1{courseId}~1levels~1{level}/get',
    mutate: (d) =>
      (d.paths['/courses/{courseId}/levels/{level}'] = { parameters: one(d).parameters, get: { ...structuredClone(one(d).get), operationId: 'getLevel' } }),
  },
  {
    name: 'identical paths',
    rule: 'no-identical-paths',
    target: '/paths/~1courses~1{id}',
    mutate: (d) =>
      (d.paths['/courses/{id}'] = { parameters: [{ ...one(d).parameters[0], name: 'id' }], put: { ...structuredClone(one(d).get), operationId: 'putCourse' } }),
  },
  {
    name: 'ambiguous paths',
    rule: 'no-ambiguous-paths',
    target: '/paths/~1{kind}~1archive',
    mutate: (d) =>
      (d.paths['/{kind}/archive'] = {
        parameters: [{ name: 'kind', in: 'path', required: true, description: 'k', schema: { type: 'string' } }],
        get: { ...structuredClone(one(d).get), operationId: 'archive' },
      }),
  },
  {
    name: 'duplicate operationId',
    rule: 'operation-operationid-unique',
    target: `${P_ONE}/get/operationId`,
    mutate: (d) => (one(d).get.operationId = 'listCourses'),
  },
  {
    name: 'duplicate parameter',
    rule: 'operation-parameters-unique',
    target: `${P_LIST}/parameters/1`,
    mutate: (d) => list(d).parameters.push(structuredClone(list(d).parameters[0])),
  },
  {
    name: 'operationId not URL-safe',
    rule: 'operation-operationid-url-safe',
    target: `${P_LIST}/operationId`,
    mutate: (d) => (list(d).operationId = 'list courses'),
  },
  { name: 'undeclared tag', rule: 'operation-tag-defined', target: `${P_LIST}/tags/0`, mutate: (d) => (list(d).tags = ['Catalogue']) },
  {
    name: 'undeclared scope',
    rule: 'security-scopes-defined',
    target: `${P_LIST}/security/0/oauth/0`,
    mutate: (d) => (list(d).security = [{ oauth: ['courses.write'] }]),
  },
  {
    name: 'security requirement naming no scheme',
    rule: 'security-defined',
    target: `${P_LIST}/security/0/basic`,
    mutate: (d) => (list(d).security = [{ basic: [] }]),
  },
  { name: 'no 2xx response', rule: 'operation-2xx-response', target: `${P_LIST}/responses`, mutate: (d) => delete list(d).responses['200'] },
  {
    name: 'sibling beside $ref',
    rule: 'no-ref-siblings',
    target: `${P_LIST}/responses/400/description`,
    mutate: (d) => (list(d).responses['400'].description = 'Bad request'),
  },
  {
    name: 'unused component',
    rule: 'no-unused-components',
    target: '/components/schemas/Level',
    mutate: (d) => (d.components.schemas.Level = { type: 'integer', format: 'int32' }),
  },
  {
    name: 'no operations at all',
    rule: 'no-empty-paths',
    target: '/paths',
    mutate: (d) => {
      d.paths = {};
      delete d.components.schemas;
      delete d.components.responses;
    },
  },
  // Servers.
  {
    name: 'server variable not declared',
    rule: 'oas3-server-variables',
    target: '/servers/0',
    mutate: (d) => (d.servers[0].url = 'https://{env}.courses.gov.uk/v1'),
  },
  {
    name: 'server variable with an empty enum',
    rule: 'oas3-server-variables',
    target: '/servers/0/variables/env',
    mutate: (d) => (d.servers[0] = { url: 'https://{env}.courses.gov.uk/v1', variables: { env: { default: 'live', enum: [] } } }),
  },
  {
    name: 'server variable default outside its enum',
    rule: 'oas3-server-variables',
    target: '/servers/0/variables/env',
    mutate: (d) => (d.servers[0] = { url: 'https://{env}.courses.gov.uk/v1', variables: { env: { default: 'live', enum: ['test'] } } }),
  },
  {
    name: 'server URL with a trailing slash',
    rule: 'no-server-trailing-slash',
    target: '/servers/0/url',
    mutate: (d) => (d.servers[0].url = 'https://api.courses.gov.uk/v1/'),
  },
  { name: 'server at example.com', rule: 'no-server-example-com', target: '/servers/0/url', mutate: (d) => (d.servers[0].url = 'https://example.com/v1') },
  // Schemas.
  {
    name: 'enum value of another type',
    rule: 'typed-enum',
    target: `${P_COURSE}/properties/Level/enum/2`,
    mutate: (d) => (course(d).properties.Level.enum[2] = 'three'),
  },
  {
    name: 'duplicate enum value',
    rule: 'duplicated-entry-in-enum',
    target: `${P_COURSE}/properties/Level/enum/2`,
    mutate: (d) => (course(d).properties.Level.enum[2] = 1),
  },
  { name: 'array without items', rule: 'array-items', target: `${P_COURSE}/properties/Keywords`, mutate: (d) => delete course(d).properties.Keywords.items },
  {
    name: 'required property not declared',
    rule: 'no-required-schema-properties-undefined',
    target: `${P_COURSE}/required/1`,
    mutate: (d) => (course(d).required[1] = 'Name'),
  },
  {
    name: 'nullable without type',
    rule: 'nullable-type-sibling',
    target: `${P_COURSE}/properties/Keywords/nullable`,
    mutate: (d) => {
      delete course(d).properties.Keywords.type;
      course(d).properties.Keywords.nullable = true;
    },
  },
  {
    name: 'minimum above maximum',
    rule: 'no-unsatisfiable-schemas',
    target: `${P_COURSE}/properties/Level`,
    mutate: (d) => Object.assign(course(d).properties.Level, { minimum: 9, maximum: 1 }),
  },
  {
    name: 'pattern longer than maxLength',
    rule: 'no-unsatisfiable-schemas',
    target: `${P_COURSE}/properties/CourseId`,
    mutate: (d) => Object.assign(course(d).properties.CourseId, { pattern: '^[A-Z]{4}-[0-9]{6}$', maxLength: 8 }),
  },
  {
    name: 'allOf member forbidding a required property',
    rule: 'no-unsatisfiable-schemas',
    target: '/components/schemas/Book',
    mutate: (d) => {
      d.components.schemas.NewBook = { type: 'object', additionalProperties: false, properties: { Title: { type: 'string' } } };
      d.components.schemas.Book = {
        allOf: [{ $ref: '#/components/schemas/NewBook' }, { type: 'object', required: ['Id'], properties: { Id: { type: 'integer', format: 'int32' } } }],
      };
      course(d).properties.Book = { $ref: '#/components/schemas/Book' };
    },
  },
  {
    name: 'example that does not match its schema',
    rule: 'examples-valid',
    target: `${P_COURSE}/example`,
    examples: true,
    mutate: (d) => (course(d).example.Level = 'two'),
  },
  // Markdown.
  {
    name: 'script tag in a description',
    rule: 'no-script-tags-in-markdown',
    target: '/info/description',
    mutate: (d) => (d.info.description = 'Courses <script>alert(1)</script>'),
  },
  {
    name: 'eval in a description',
    rule: 'no-eval-in-markdown',
    target: `${P_LIST}/description`,
    mutate: (d) => (list(d).description = 'Try <img src=x onerror="eval(name)">'),
  },
];

/** The base with one defect, as a fresh object. */
export function withDefect(defect: Defect): Record<string, any> {
  const document = baseBlueprint();
  defect.mutate(document);
  return document;
}
