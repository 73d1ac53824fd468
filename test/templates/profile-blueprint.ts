/**
 * A blueprint written to a playbook profile, as a council's API team would
 * write it for their own playbook: property names in the profile's casing,
 * the profile's paging parameters and envelope, its error shape and its way
 * of versioning. `design-first lint` finds no errors in it under that profile
 * (the matrix test checks), so the services made from it are what a team of
 * that organisation would get.
 */
import { PLAYBOOK_SCHEMA } from '../../src/playbook/schema.js';
import type { Profile, PropertyCasing } from '../../src/playbook/types.js';

/** Every profile the playbook schema accepts: each combination of the values it allows for each choice. */
export function everyProfile(): Profile[] {
  const choices = PLAYBOOK_SCHEMA.properties.profile.properties;
  let profiles: Array<Partial<Profile>> = [{}];
  for (const [field, schema] of Object.entries(choices) as Array<[keyof Profile, { enum: readonly string[] }]>) {
    profiles = profiles.flatMap((profile) => schema.enum.map((value) => ({ ...profile, [field]: value })));
  }
  return profiles as Profile[];
}

export function profileLabel(profile: Profile): string {
  return `${profile.propertyCasing}-${profile.errorShape}-${profile.paging}-${profile.versioning}`;
}

/** `permit id` -> PermitId, permitId, permit_id. */
export function cased(words: string, casing: PropertyCasing): string {
  const parts = words.split(' ');
  if (casing === 'snake') return parts.join('_');
  const pascal = parts.map((word) => word[0]!.toUpperCase() + word.slice(1)).join('');
  return casing === 'pascal' ? pascal : pascal[0]!.toLowerCase() + pascal.slice(1);
}

export interface BlueprintOptions {
  /** `info.version`; default 1.0.0. */
  version?: string;
  title?: string;
}

/** A parking-permits API (list, create, get, delete) written to `profile`, as a JSON document. */
export function profileBlueprint(profile: Profile, options: BlueprintOptions = {}): Record<string, unknown> {
  const name = (words: string) => cased(words, profile.propertyCasing);
  const version = options.version ?? '1.0.0';
  const major = version.split('.')[0]!;
  const json = profile.versioning === 'media-type' ? `application/vnd.council.v${major}+json` : 'application/json';
  const errorMedia = profile.errorShape === 'problem' ? 'application/problem+json' : 'application/json';
  const ref = (kind: string, id: string) => ({ $ref: `#/components/${kind}/${id}` });
  const errors = (...statuses: number[]) => Object.fromEntries(statuses.map((status) => [String(status), ref('responses', `Error${status}`)]));
  const versionHeader = profile.versioning === 'header' ? [ref('parameters', 'ApiVersion')] : [];
  const pagingParameters = { page: ['Page'], offset: ['Offset', 'Limit'], cursor: ['Cursor'] }[profile.paging].map((id) => ref('parameters', id));

  const permit = {
    type: 'object',
    description: 'A parking permit.',
    required: [name('permit id'), name('holder name'), name('street')],
    properties: {
      [name('permit id')]: { type: 'string', description: "The permit's reference.", example: 'PP-1001' },
      [name('holder name')]: { type: 'string', description: 'Who holds the permit.', minLength: 1, maxLength: 100, example: 'Ada Lovelace' },
      [name('street')]: { type: 'string', description: 'The street the permit is for.', minLength: 1, maxLength: 100, example: 'Mill Road' },
      [name('valid until')]: { type: 'string', format: 'date-time', description: 'When the permit ends.', example: '2027-03-31T23:59:59Z' },
    },
  };
  const newPermit = {
    type: 'object',
    description: 'An application for a permit.',
    additionalProperties: false,
    required: [name('holder name'), name('street')],
    properties: { [name('holder name')]: permit.properties[name('holder name')], [name('street')]: permit.properties[name('street')] },
  };
  const link = {
    type: 'object',
    description: 'A link to a related resource.',
    required: [name('rel'), name('href'), name('type')],
    properties: {
      [name('rel')]: { type: 'string', description: 'How the resource relates.', example: 'self' },
      [name('href')]: { type: 'string', description: 'Where it is.', example: `/v${major}/permits` },
      [name('type')]: { type: 'string', description: 'The HTTP method to use.', example: 'GET' },
    },
  };
  const collection = {
    type: 'object',
    description: 'Permits, a page at a time.',
    required: [name('permits'), name('links')],
    properties: {
      ...(profile.paging === 'page' ? { [name('page')]: { type: 'integer', format: 'int32', description: 'The page number.', example: 1 } } : {}),
      [name('permits')]: { type: 'array', description: 'The permits on this page.', items: ref('schemas', 'Permit') },
      [name('links')]: { type: 'array', description: 'Links to this page and its neighbours.', items: ref('schemas', 'Link') },
    },
  };
  const fieldMember = (word: string) => (profile.errorShape === 'problem' ? word : name(word));
  const fieldError = {
    type: 'object',
    description: 'A problem with one field of the request.',
    required: [fieldMember('in'), fieldMember('pointer'), fieldMember('detail')],
    properties: {
      [fieldMember('in')]: { type: 'string', description: 'body, query, path or header.' },
      [fieldMember('pointer')]: { type: 'string', description: 'A JSON pointer to the field.' },
      [fieldMember('detail')]: { type: 'string', description: 'What is wrong with it.' },
    },
  };
  const error =
    profile.errorShape === 'problem'
      ? {
          type: 'object',
          description: 'An RFC 9457 problem.',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string', description: 'A URI that identifies the problem type.' },
            title: { type: 'string', description: 'A short summary of the problem type.' },
            status: { type: 'integer', format: 'int32', description: 'The HTTP status code.' },
            detail: { type: 'string', description: 'What went wrong this time.' },
            instance: { type: 'string', description: 'The address of the request.' },
            requestId: { type: 'string', description: 'The id to quote when reporting a problem.' },
            // Inline: lint keeps RFC 9457 names for what is nested in a problem, not for what it refers to.
            errors: { type: 'array', description: 'Each field error.', items: fieldError },
          },
        }
      : {
          type: 'object',
          description: 'What is wrong with the request.',
          required: [name('message'), name('errors')],
          properties: {
            [name('message')]: { type: 'string', description: 'What is wrong, and that the request must not be repeated unchanged.' },
            [name('errors')]: { type: 'array', description: 'Each field error.', items: ref('schemas', 'FieldError') },
          },
        };
  const errorResponse = (description: string) => ({ description, content: { [errorMedia]: { schema: ref('schemas', 'Error') } } });

  return {
    openapi: '3.0.3',
    info: {
      title: options.title ?? 'Parking Permits API',
      description: `Residents' parking permits, written to the ${profileLabel(profile)} profile.`,
      version,
      contact: { name: 'Parking team', email: 'parking@council.example' },
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    servers: [{ url: profile.versioning === 'path' ? `https://api.council.example/parking/v${major}` : 'https://api.council.example/parking' }],
    'x-audience': 'internal',
    security: [{ clientCredentials: ['permits.read'] }],
    tags: [{ name: 'permits', description: 'Parking permits' }],
    paths: {
      '/permits': {
        get: {
          operationId: 'listPermits',
          summary: 'List permits',
          description: 'Lists the permits, a page at a time.',
          tags: ['permits'],
          parameters: [...versionHeader, ...pagingParameters],
          responses: {
            '200': { description: 'A page of permits.', content: { [json]: { schema: ref('schemas', 'PermitCollection') } } },
            ...errors(400, 401, 403, 500),
          },
        },
        post: {
          operationId: 'createPermit',
          summary: 'Apply for a permit',
          description: 'Issues a permit.',
          tags: ['permits'],
          security: [{ clientCredentials: ['permits.write'] }],
          parameters: versionHeader,
          requestBody: { required: true, content: { 'application/json': { schema: ref('schemas', 'NewPermit') } } },
          responses: {
            '201': { description: 'The permit issued.', content: { [json]: { schema: ref('schemas', 'Permit') } } },
            ...errors(400, 401, 403, 500),
          },
        },
      },
      '/permits/{permitId}': {
        parameters: [ref('parameters', 'PermitId')],
        get: {
          operationId: 'getPermit',
          summary: 'Get a permit',
          description: 'Returns one permit by its reference.',
          tags: ['permits'],
          parameters: versionHeader,
          responses: {
            '200': { description: 'The permit.', content: { [json]: { schema: ref('schemas', 'Permit') } } },
            ...errors(400, 401, 403, 404, 500),
          },
        },
        delete: {
          operationId: 'deletePermit',
          summary: 'Cancel a permit',
          description: 'Cancels a permit.',
          tags: ['permits'],
          security: [{ clientCredentials: ['permits.write'] }],
          parameters: versionHeader,
          responses: { '204': { description: 'The permit was cancelled.' }, ...errors(400, 401, 403, 404, 500) },
        },
      },
    },
    components: {
      securitySchemes: {
        clientCredentials: {
          type: 'oauth2',
          description: 'OAuth2 client credentials, for services inside the council.',
          flows: {
            clientCredentials: {
              tokenUrl: 'https://login.council.example/oauth2/token',
              scopes: { 'permits.read': 'Read permits', 'permits.write': 'Issue and cancel permits' },
            },
          },
        },
      },
      parameters: {
        PermitId: { name: 'permitId', in: 'path', required: true, description: "The permit's reference.", schema: { type: 'string', pattern: '^PP-[0-9]+$' } },
        Page: {
          name: 'page',
          in: 'query',
          required: false,
          description: 'The page to return, from 1.',
          schema: { type: 'integer', format: 'int32', minimum: 1 },
        },
        Offset: { name: 'offset', in: 'query', required: false, description: 'Permits to skip.', schema: { type: 'integer', format: 'int32', minimum: 0 } },
        Limit: {
          name: 'limit',
          in: 'query',
          required: false,
          description: 'Permits to return.',
          schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 100 },
        },
        Cursor: {
          name: 'cursor',
          in: 'query',
          required: false,
          description: 'Where the page starts, from the previous page.',
          schema: { type: 'string', maxLength: 200 },
        },
        ApiVersion: {
          name: 'Api-Version',
          in: 'header',
          required: true,
          description: 'The version of the API asked for.',
          schema: { type: 'string', enum: [major] },
        },
      },
      responses: {
        Error400: errorResponse('The request is not valid.'),
        Error401: errorResponse('Credentials are missing or could not be verified.'),
        Error403: errorResponse('The credentials do not allow this.'),
        Error404: errorResponse('There is no such permit.'),
        Error500: errorResponse('Something went wrong on our side.'),
      },
      schemas: {
        Permit: permit,
        NewPermit: newPermit,
        PermitCollection: collection,
        Link: link,
        Error: error,
        ...(profile.errorShape === 'playbook' ? { FieldError: fieldError } : {}),
      },
    },
  };
}
