/**
 * Operations declare the errors they can return: 400 where there are inputs,
 * 404 where the path names a resource, 401 and 403 where security applies, and
 * a 5xx (or `default`) everywhere.
 */
import { asObject, isTemplateSegment, pathSegments, statusClass } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'error-responses-defined',
  description: '400 where there are inputs, 404 where the path has an id, 401/403 where security applies, and a 5xx or `default`',
  fix: 'add the missing error responses (a shared component under components/responses keeps this short)',
  create(context) {
    return {
      operation(operation) {
        const statuses = new Set(context.responses(operation).map((response) => response.status.toUpperCase()));
        const has = (code: string): boolean => statuses.has(code) || statuses.has(`${code[0]}XX`);
        const missing: string[] = [];
        const inputs = context.parameters(operation).some((p) => p.in !== 'path') || operation.value.requestBody !== undefined;
        if (inputs && !has('400')) missing.push('400 (it takes input)');
        if (pathSegments(operation.path).some(isTemplateSegment) && !has('404')) missing.push('404 (the path names a resource)');
        const security = context.security(operation) ?? [];
        const secured = security.length > 0 && !security.some((requirement) => Object.keys(asObject(requirement) ?? {}).length === 0);
        if (secured && !has('401')) missing.push('401 (it is secured)');
        if (secured && !has('403')) missing.push('403 (it is secured)');
        if (![...statuses].some((status) => status === 'DEFAULT' || statusClass(status) === 5)) missing.push('5xx or default');
        if (missing.length > 0) {
          const location = operation.value.responses === undefined ? operation.pointer : `${operation.pointer}/responses`;
          context.report({ message: `${operation.method.toUpperCase()} ${operation.path} lacks error responses: ${missing.join(', ')}`, location });
        }
      },
    };
  },
});
