/** No map-shaped objects whose keys come from data: clients cannot know the keys in advance. */
import { asObject, child } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

export default defineRule({
  id: 'no-data-derived-keys',
  description: 'no map-shaped objects whose keys come from data',
  fix: 'use an array of objects that carry the key as a property, such as [{ "Code": "en", "Name": "English" }]',
  create(context) {
    return {
      schema({ value, pointer }) {
        const properties = asObject(value.properties);
        if (properties && Object.keys(properties).length > 0) return;
        const values = asObject(value.additionalProperties);
        if (values && Object.keys(values).length > 0) {
          context.report({
            message: 'an object whose keys come from data (additionalProperties with a schema)',
            location: child(pointer, 'additionalProperties'),
          });
        } else if (asObject(value.patternProperties)) {
          context.report({ message: 'an object whose keys come from data (patternProperties)', location: child(pointer, 'patternProperties') });
        }
      },
    };
  },
});
