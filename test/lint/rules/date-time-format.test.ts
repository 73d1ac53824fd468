import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintWith, summary } from '../helpers.js';
import { openapi } from '../../openapi-document.js';

const rule = 'date-time-format';

describe(rule, () => {
  it('passes ISO 8601 strings, through $refs too, and names that only look like dates', async () => {
    const yaml = openapi(`paths: {}
components:
  schemas:
    Course:
      type: object
      properties:
        DateRegistered: { type: string, format: date-time }
        StartDate: { type: string, format: date }
        createdAt: { $ref: '#/components/schemas/Instant' }
        Update: { type: string }
        Format: { type: string }
        Data: { type: integer, format: int32 }
    Instant: { type: string, format: date-time }
`);
    assert.deepEqual(await lintWith(rule, yaml), []);
  });

  it('reports date-like properties that are not ISO 8601 strings', async () => {
    const yaml = openapi(`paths: {}
components:
  schemas:
    Course:
      type: object
      properties:
        DateRegistered: { type: string }
        updated_at: { type: integer, format: int64 }
        Timestamp: { type: number, format: double }
        EndDate: { type: string, format: email }
`);
    const findings = await lintWith(rule, yaml);
    assert.deepEqual(summary(findings), [
      [rule, 'warning', 9],
      [rule, 'warning', 10],
      [rule, 'warning', 11],
      [rule, 'warning', 12],
    ]);
    assert.equal(findings[1]!.message, 'property updated_at looks like a date but is integer (format int64)');
  });
});
