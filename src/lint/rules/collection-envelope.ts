/**
 * A collection response is an object: the items under a plural key named after
 * the resource (`/training-courses` -> `TrainingCourses`), plus the envelope's
 * `Page` and `Links` when the collection is paged.
 */
import { inCasing, words } from '../naming.js';
import { defineRule } from '../types.js';
import { PAGING_PARAMETERS } from './paging-page-param.js';

export default defineRule({
  id: 'collection-envelope',
  description: 'a collection response is an object holding a plural array named after the resource, plus `Page` and `Links` when paged',
  fix: 'return { "<Resources>": [...], "Page": n, "Links": [...] } (names in the profile casing, or as the playbook envelope says)',
  create(context) {
    const { envelope, profile } = context.playbook;
    return {
      operation(operation) {
        const collection = context.collection(operation);
        if (!collection) return;
        if (collection.topLevelArray) {
          context.report({
            message: `collection GET ${operation.path} returns a bare array; wrap it in an envelope object`,
            location: collection.schemaUsePointer,
          });
          return;
        }
        const itemsKey = envelope.items ?? inCasing(collection.resource, profile.propertyCasing);
        const missing: string[] = [];
        if (!collection.arrayProperties.includes(itemsKey)) missing.push(`an array ${itemsKey}`);
        const pagingNames = PAGING_PARAMETERS[profile.paging].map((parameter) => parameter.name);
        const paged = context.parameters(operation).some((p) => p.in === 'query' && pagingNames.includes(words(p.name).join('')));
        if (paged) {
          const properties = context.properties(collection.schema);
          if (profile.paging === 'page' && !properties.has(envelope.page)) missing.push(envelope.page);
          if (!properties.has(envelope.links)) missing.push(envelope.links);
        }
        if (missing.length > 0) {
          context.report({ message: `the collection envelope of GET ${operation.path} lacks ${missing.join(', ')}`, location: collection.schema.pointer });
        }
      },
    };
  },
});
