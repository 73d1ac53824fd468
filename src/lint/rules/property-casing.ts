/**
 * Property names follow the profile's casing (PascalCase by default). Objects
 * whose shape a standard fixes keep that standard's names: RFC 9457 problem
 * details and RFC 7946 GeoJSON, and anything nested in them.
 */
import { followsCasing, inCasing } from '../naming.js';
import { asObject, child, type Json } from '../../blueprint/openapi.js';
import { defineRule, type SchemaNode } from '../types.js';

/** How many offending names a finding lists; one finding per object keeps a differently-cased API readable. */
const LISTED = 8;
const PROBLEM_MEMBERS = ['type', 'title', 'status', 'detail', 'instance'];
const GEOJSON_MEMBERS = ['coordinates', 'geometry', 'geometries', 'features'];

export default defineRule({
  id: 'property-casing',
  description: 'property names follow the profile: PascalCase (default), camelCase or snake_case',
  fix: 'rename the property in the profile casing; RFC 9457 and GeoJSON objects keep their own names',
  create(context) {
    const casing = context.playbook.profile.propertyCasing;
    const envelope = new Set(Object.values(context.playbook.envelope).filter((name): name is string => name !== null));
    return {
      schema(node) {
        const properties = asObject(node.value.properties);
        if (!properties || insideStandardShape(node)) return;
        const wrong = Object.keys(properties).filter((name) => !followsCasing(name, casing) && !envelope.has(name));
        if (wrong.length === 0) return;
        const named = wrong.slice(0, LISTED).map((name) => (/[A-Za-z]/.test(name) ? `${name} (${inCasing(name, casing)})` : name));
        const more = wrong.length > LISTED ? ` and ${wrong.length - LISTED} more` : '';
        const subject = wrong.length === 1 ? 'property' : 'properties';
        context.report({ message: `${subject} not in ${casing} case: ${named.join(', ')}${more}`, location: child(node.pointer, 'properties') });
      },
    };
  },
});

function insideStandardShape(node: SchemaNode): boolean {
  for (let at: SchemaNode | undefined = node; at; at = at.parent) if (standardShape(at.value)) return true;
  return false;
}

export function standardShape(schema: Json): boolean {
  const properties = asObject(schema.properties);
  if (!properties) return false;
  const problemMembers = PROBLEM_MEMBERS.filter((name) => name in properties).length;
  if (problemMembers >= 3) return true;
  return 'type' in properties && GEOJSON_MEMBERS.some((name) => name in properties);
}
