/**
 * operationIds hold only characters that are safe in a URL (RFC 3986
 * unreserved and reserved characters), since tools use them in links and
 * file names. Spectral's and Redocly's `operation-operationId-url-safe`.
 */
import { asString, child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

const URL_SAFE = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]*$/;

export default defineRule({
  id: 'operation-operationid-url-safe',
  description: '`operationId`s hold only URL-safe characters (letters, digits and - . _ ~)',
  fix: 'rename the operationId in camelCase, such as listCourses',
  create(context) {
    return {
      operation({ value, pointer }) {
        const id = asString(value.operationId);
        if (id !== undefined && !URL_SAFE.test(id))
          context.report({ message: `operationId ${JSON.stringify(id)} holds characters that are not URL-safe`, location: child(pointer, 'operationId') });
      },
    };
  },
});
