/** Reading the compiler's output, and the compiler found for a service. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findCompiler, formatTypeProblems, parseCompilerOutput } from '../../src/update/typecheck.js';
import { repoRoot } from './helpers.js';

const OUTPUT = `src/generated/v1/handler-map.ts(7,27): error TS2307: Cannot find module '../../handlers/v1/pets/deletePet.js' or its corresponding type declarations.
src/handlers/v1/pets/getPet.ts(6,72): error TS2322: Type 'Promise<{ status: 200; body: { Name: number; }; }>' is not assignable to type 'Promise<GetPetResponse>'.
  Type '{ status: 200; body: { Name: number; }; }' is not assignable to type 'GetPetResponse'.
      Property 'Species' is missing in type '{ Name: number; }' but required in type 'Pet'.
src\\platform\\errors.ts(1,1): error TS1005: ';' expected.
`;

test('parses tsc --pretty false output, elaboration lines included', () => {
  const errors = parseCompilerOutput(OUTPUT);
  assert.deepEqual(
    errors.map((error) => [error.file, error.line, error.column, error.code, error.more.length]),
    [
      ['src/generated/v1/handler-map.ts', 7, 27, 'TS2307', 0],
      ['src/handlers/v1/pets/getPet.ts', 6, 72, 'TS2322', 2],
      ['src/platform/errors.ts', 1, 1, 'TS1005', 0],
    ],
  );
  assert.equal(errors[1]!.more[1], "Property 'Species' is missing in type '{ Name: number; }' but required in type 'Pet'.");
});

test('formats one line per error, naming what it belongs to and where', () => {
  const [error] = parseCompilerOutput(OUTPUT).slice(1);
  assert.deepEqual(formatTypeProblems([{ ...error!, subject: 'operation getPet', operation: 'getPet' }]), [
    "operation getPet (src/handlers/v1/pets/getPet.ts:6): Type 'Promise<{ status: 200; body: { Name: number; }; }>' is not assignable to type 'Promise<GetPetResponse>'. [TS2322]",
    "    Type '{ status: 200; body: { Name: number; }; }' is not assignable to type 'GetPetResponse'.",
    "    Property 'Species' is missing in type '{ Name: number; }' but required in type 'Pet'.",
  ]);
});

test("the compiler is the service's TypeScript, found from the service folder (here the repository's)", () => {
  assert.equal(findCompiler(repoRoot), `${repoRoot}/node_modules/typescript/bin/tsc`);
});
