/**
 * A clean blueprint that every generic rule (and oas3-schema) passes: the
 * starting point of each single-defect blueprint in catalogue.ts.
 */
export function baseBlueprint(): Record<string, any> {
  return {
    openapi: '3.0.3',
    info: {
      title: 'Courses',
      version: '1.0.0',
      description: 'Courses that training providers offer.',
      contact: { name: 'Courses team', email: 'courses@education.gov.uk' },
      license: { name: 'OGL-UK-3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
    },
    servers: [{ url: 'https://api.courses.gov.uk/v1' }],
    tags: [{ name: 'Courses', description: 'Courses and their levels' }],
    security: [{ oauth: ['courses.read'] }],
    paths: {
      '/courses': {
        get: {
          operationId: 'listCourses',
          summary: 'List courses',
          description: 'Every course, a page at a time.',
          tags: ['Courses'],
          parameters: [{ name: 'page', in: 'query', description: 'The page, from 1', schema: { type: 'integer', format: 'int32', minimum: 1 } }],
          responses: {
            '200': { description: 'A page of courses', content: { 'application/json': { schema: { $ref: '#/components/schemas/CourseList' } } } },
            '400': { $ref: '#/components/responses/Problem' },
          },
        },
      },
      '/courses/{courseId}': {
        parameters: [{ name: 'courseId', in: 'path', required: true, description: 'The course', schema: { type: 'string' } }],
        get: {
          operationId: 'getCourse',
          summary: 'One course',
          description: 'The course with this id.',
          tags: ['Courses'],
          responses: {
            '200': { description: 'The course', content: { 'application/json': { schema: { $ref: '#/components/schemas/Course' } } } },
            '404': { $ref: '#/components/responses/Problem' },
          },
        },
      },
    },
    components: {
      schemas: {
        Course: {
          type: 'object',
          required: ['CourseId', 'Title'],
          properties: {
            CourseId: { type: 'string' },
            Title: { type: 'string', maxLength: 200 },
            Level: { type: 'integer', format: 'int32', enum: [1, 2, 3], minimum: 1, maximum: 7 },
            Keywords: { type: 'array', items: { type: 'string' } },
          },
          example: { CourseId: 'c-1', Title: 'Baking', Level: 2, Keywords: ['bread'] },
        },
        CourseList: { type: 'object', properties: { Courses: { type: 'array', items: { $ref: '#/components/schemas/Course' } } } },
        Problem: { type: 'object', properties: { title: { type: 'string' }, status: { type: 'integer', format: 'int32' } } },
      },
      responses: {
        Problem: { description: 'What went wrong', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
      },
      securitySchemes: {
        oauth: {
          type: 'oauth2',
          flows: { clientCredentials: { tokenUrl: 'https://login.courses.gov.uk/token', scopes: { 'courses.read': 'Read courses' } } },
        },
      },
    },
  };
}
