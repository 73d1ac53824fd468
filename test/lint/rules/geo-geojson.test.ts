import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'geo-geojson';

describe(rule, () => {
  it('passes GeoJSON geometries', async () => {
    const yaml = openapi(`paths: {}
components:
  schemas:
    Venue:
      type: object
      properties:
        Name: { type: string }
        Location: { type: string }
        Geometry: { $ref: '#/components/schemas/Point' }
    Point:
      type: object
      properties: { type: { type: string, enum: [Point] }, coordinates: { type: array, items: { type: number } } }
`);
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports home-made latitude/longitude pairs and geometry objects, as info', async () => {
    const yaml = openapi(`paths: {}
components:
  schemas:
    Venue:
      type: object
      properties:
        Latitude: { type: number, format: double }
        Longitude: { type: number, format: double }
        GeoLocation:
          type: object
          properties: { Lat: { type: number }, Lng: { type: number } }
`);
    assert.deepEqual(summary(await lintWith(rule, yaml)), [
      [rule, 'info', 9],
      [rule, 'info', 11],
      [rule, 'info', 13],
    ]);
  });
});
