/**
 * An OperationContext for one small blueprint, built as build-model.ts builds
 * a version's, so the split model files (parameters.ts, request-body.ts,
 * responses.ts, media-types.ts) can be called directly with OpenAPI fragments.
 *
 *   const context = contextOf(openapi(`paths: {}\ncomponents: ...`));
 *   collectParameters(context, { pathItem, itemPointer, operation, pointer });
 *
 * versionOf builds the whole model of a blueprint instead, for what the split
 * files only decide together with operations.ts (global security, the mock).
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { loadBlueprint, type LoadedBlueprint } from '../../src/blueprint/load.js';
import type { Json } from '../../src/blueprint/openapi.js';
import { buildServiceModel } from '../../src/model/build-model.js';
import { SchemaConverter } from '../../src/model/json-schema.js';
import type { OperationContext } from '../../src/model/operation-context.js';
import { createExampleCheck } from '../../src/model/samples/example-check.js';
import { runtime } from './helpers.js';

/** `yaml`: a whole OpenAPI document (see test/openapi-document.ts), or an object already parsed. */
export function contextOf(yaml: string | Json): OperationContext {
  const document = (typeof yaml === 'string' ? parse(yaml) : yaml) as Json;
  const notes: string[] = [];
  const schemas = ((document.components as Json | undefined)?.schemas ?? {}) as Json;
  const typeNameOf = (name: string) => (Object.hasOwn(schemas, name) ? name : 'unknown');
  const converter = new SchemaConverter({
    document,
    defKeyOf: typeNameOf,
    definitionsId: (direction) => `urn:test:${direction}`,
    notes: { add: (pointer, message) => notes.push(`#${pointer}: ${message}`) },
  });
  return {
    // The split files read only the document; place() is for errors, which they never raise.
    loaded: { document, place: (pointer: string) => ({ file: 'api.yaml', line: 1, column: 1, pointer }) } as unknown as LoadedBlueprint,
    converter,
    types: { document, typeNameOf },
    notes,
    globalSecurity: document.security,
    isValidExample: createExampleCheck(converter.definitions('response')),
    isValidRequest: createExampleCheck(converter.definitions('request')),
    runtime,
    servedPath: (blueprintPath) => blueprintPath,
  };
}

/** The one version of a blueprint's service model (`yaml`: a whole OpenAPI document). */
export async function versionOf(yaml: string) {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'df-operation-'));
  const file = path.join(folder, 'api.yaml');
  await writeFile(file, yaml);
  return buildServiceModel([await loadBlueprint(file)], { templateVersion: 't', generatorVersion: 'g', runtime }).versions[0]!;
}
