/** Locations are GeoJSON (RFC 7946) in WGS84, not home-made latitude/longitude pairs. */
import { words } from '../naming.js';
import { asObject, child, schemaTypes } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';
import { standardShape } from './property-casing.js';

const LATITUDE = new Set(['lat', 'latitude']);
const LONGITUDE = new Set(['lng', 'lon', 'long', 'longitude']);
const GEOMETRY = new Set(['geometry', 'geolocation', 'geopoint', 'geo', 'geocoordinates']);

export default defineRule({
  id: 'geo-geojson',
  description: 'location-like properties use GeoJSON (RFC 7946, WGS84)',
  fix: 'use a GeoJSON object such as { "type": "Point", "coordinates": [longitude, latitude] }',
  create(context) {
    return {
      schema({ value, pointer }) {
        const properties = asObject(value.properties);
        if (!properties || standardShape(value)) return;
        const names = Object.keys(properties);
        const key = (name: string): string => words(name).join('');
        const latitude = names.find((name) => LATITUDE.has(key(name)));
        const longitude = names.find((name) => LONGITUDE.has(key(name)));
        if (latitude && longitude) {
          context.report({
            message: `${latitude} and ${longitude} are separate numbers; use a GeoJSON Point`,
            location: child(child(pointer, 'properties'), latitude),
          });
        }
        for (const name of names) {
          if (!GEOMETRY.has(key(name))) continue;
          const at = child(child(pointer, 'properties'), name);
          const schema = context.resolve(properties[name], at);
          if (!schema || !schemaTypes(schema.value).has('object') || standardShape(schema.value)) continue;
          context.report({ message: `property ${name} is a location but not a GeoJSON object (type and coordinates)`, location: at });
        }
      },
    };
  },
});
