/**
 * One walk of the bundled document, dispatching each node to the visitors of
 * its kind. Every object is visited where it is written, once: a `$ref` is
 * recorded (for "used at" places) and not followed, so a component's findings
 * point at the component. Path items reached by `$ref` are the exception: their
 * operations need the path, so they are walked through the reference.
 *
 * Spec sections: OpenAPI 3.1.0 §4.8 (objects), §4.8.24 (Schema Object).
 */
import type { LintScope } from './scope.js';
import { HTTP_METHODS, asArray, asObject, child, objectEntries, type Json } from '../blueprint/openapi.js';
import type { NodeKind, Visitor } from './types.js';

export type Dispatch = { [K in NodeKind]: Array<NonNullable<Visitor[K]>> };

export function emptyDispatch(): Dispatch {
  return {
    document: [],
    server: [],
    pathItem: [],
    operation: [],
    parameter: [],
    requestBody: [],
    response: [],
    header: [],
    mediaType: [],
    schema: [],
    securityScheme: [],
  };
}

/** Called for every `x-lint-ignore` found on a walked object. */
export type IgnoreSink = (pointer: string, value: unknown) => void;

/** Schema keywords whose value is one schema, or a map or list of them. */
const ONE_SCHEMA = [
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedProperties',
  'unevaluatedItems',
  'contentSchema',
];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];

export function walkDocument(scope: LintScope, dispatch: Dispatch, onIgnore: IgnoreSink): void {
  const root = scope.document;
  const note = (value: Json, pointer: string): void => {
    if (value['x-lint-ignore'] !== undefined) onIgnore(pointer, value['x-lint-ignore']);
  };
  /** Record and skip a `$ref`; true when the value was one. */
  const skipRef = (value: Json, pointer: string): boolean => {
    if (typeof value.$ref !== 'string') return false;
    scope.recordRef(value.$ref, pointer);
    return true;
  };

  const servers = (list: unknown, pointer: string): void => {
    asArray(list).forEach((item, index) => {
      const value = asObject(item);
      if (!value) return;
      const at = child(pointer, index);
      note(value, at);
      for (const visit of dispatch.server) visit({ value, pointer: at });
    });
  };

  const schema = (value: Json, pointer: string, parent: Parameters<NonNullable<Visitor['schema']>>[0]['parent'], property: string | undefined): void => {
    if (skipRef(value, pointer) && scope.specVersion === '3.0') return;
    note(value, pointer);
    const node = { value, pointer, parent, property };
    for (const visit of dispatch.schema) visit(node);
    for (const key of SCHEMA_MAPS) {
      const map = asObject(value[key]);
      if (!map) continue;
      const base = child(pointer, key);
      for (const name of Object.keys(map)) {
        const sub = asObject(map[name]);
        if (sub) schema(sub, child(base, name), node, key === 'properties' ? name : undefined);
      }
    }
    for (const key of SCHEMA_LISTS) {
      const list = value[key];
      if (!Array.isArray(list)) continue;
      const base = child(pointer, key);
      list.forEach((item, index) => {
        const sub = asObject(item);
        if (sub) schema(sub, child(base, index), node, undefined);
      });
    }
    for (const key of ONE_SCHEMA) {
      const sub = asObject(value[key]);
      if (sub) schema(sub, child(pointer, key), node, undefined);
    }
    const items = value.items;
    if (Array.isArray(items)) {
      items.forEach((item, index) => {
        const sub = asObject(item);
        if (sub) schema(sub, child(child(pointer, 'items'), index), node, undefined);
      });
    } else {
      const sub = asObject(items);
      if (sub) schema(sub, child(pointer, 'items'), node, undefined);
    }
  };

  const schemaAt = (holder: Json, pointer: string): void => {
    const value = asObject(holder.schema);
    if (value) schema(value, child(pointer, 'schema'), undefined, undefined);
  };

  const content = (holder: Json, pointer: string): void => {
    const base = child(pointer, 'content');
    for (const [mediaType, value] of objectEntries(holder.content)) {
      const at = child(base, mediaType);
      if (skipRef(value, at)) continue;
      note(value, at);
      for (const visit of dispatch.mediaType) visit({ mediaType, value, pointer: at });
      schemaAt(value, at);
      for (const [name, encoding] of objectEntries(value.encoding)) headers(encoding, child(child(at, 'encoding'), name));
      examples(value, at);
    }
  };

  const examples = (holder: Json, pointer: string): void => {
    for (const [name, example] of objectEntries(holder.examples)) skipRef(example, child(child(pointer, 'examples'), name));
  };

  const header = (name: string, value: Json, pointer: string): void => {
    if (skipRef(value, pointer)) return;
    note(value, pointer);
    for (const visit of dispatch.header) visit({ name, value, pointer });
    schemaAt(value, pointer);
    content(value, pointer);
    examples(value, pointer);
  };

  const headers = (holder: Json, pointer: string): void => {
    const base = child(pointer, 'headers');
    for (const [name, value] of objectEntries(holder.headers)) header(name, value, child(base, name));
  };

  const parameter = (value: Json, pointer: string): void => {
    if (skipRef(value, pointer)) return;
    note(value, pointer);
    for (const visit of dispatch.parameter) visit({ value, pointer });
    schemaAt(value, pointer);
    content(value, pointer);
    examples(value, pointer);
  };

  const parameters = (list: unknown, pointer: string): void => {
    asArray(list).forEach((item, index) => {
      const value = asObject(item);
      if (value) parameter(value, child(pointer, index));
    });
  };

  const requestBody = (value: Json, pointer: string): void => {
    if (skipRef(value, pointer)) return;
    note(value, pointer);
    for (const visit of dispatch.requestBody) visit({ value, pointer });
    content(value, pointer);
  };

  const response = (value: Json, pointer: string): void => {
    if (skipRef(value, pointer)) return;
    note(value, pointer);
    for (const visit of dispatch.response) visit({ value, pointer });
    headers(value, pointer);
    content(value, pointer);
    for (const [name, link] of objectEntries(value.links)) skipRef(link, child(child(pointer, 'links'), name));
  };

  /** The parts of an operation every kind of operation has: parameters, body, responses, callbacks. */
  const operationParts = (value: Json, pointer: string): void => {
    parameters(value.parameters, child(pointer, 'parameters'));
    const body = asObject(value.requestBody);
    if (body) requestBody(body, child(pointer, 'requestBody'));
    const responses = child(pointer, 'responses');
    for (const [status, item] of objectEntries(value.responses)) response(item, child(responses, status));
    for (const [name, callback] of objectEntries(value.callbacks)) callbacks(callback, child(child(pointer, 'callbacks'), name));
  };

  /** Callbacks and webhooks: requests the API sends, so their bodies are checked but not their URLs or operations. */
  const outgoingPathItem = (item: Json, pointer: string, depth: number): void => {
    if (depth > 8) return;
    let value = item;
    let at = pointer;
    if (typeof item.$ref === 'string') {
      scope.recordRef(item.$ref, pointer);
      const resolved = scope.resolve(item, pointer);
      if (!resolved) return;
      ({ value, pointer: at } = resolved);
    }
    note(value, at);
    parameters(value.parameters, child(at, 'parameters'));
    for (const method of HTTP_METHODS) {
      const operation = asObject(value[method]);
      if (!operation) continue;
      const operationPointer = child(at, method);
      note(operation, operationPointer);
      operationParts(operation, operationPointer);
    }
  };

  const callbacks = (value: Json, pointer: string): void => {
    if (skipRef(value, pointer)) return;
    for (const [expression, item] of objectEntries(value)) outgoingPathItem(item, child(pointer, expression), 0);
  };

  // The walk itself, in document order.
  note(root, '');
  for (const visit of dispatch.document) visit({ value: root, pointer: '' });
  const info = asObject(root.info);
  if (info) note(info, '/info');
  servers(root.servers, '/servers');

  for (const [path, item] of objectEntries(root.paths)) {
    if (path.startsWith('x-')) continue;
    const keyPointer = child('/paths', path);
    let value = item;
    let pointer = keyPointer;
    if (typeof item.$ref === 'string') {
      scope.recordRef(item.$ref, keyPointer);
      const resolved = scope.resolve(item, keyPointer);
      if (!resolved) continue;
      ({ value, pointer } = resolved);
    }
    note(value, pointer);
    const pathItem = { path, value, pointer, keyPointer };
    for (const visit of dispatch.pathItem) visit(pathItem);
    servers(value.servers, child(pointer, 'servers'));
    parameters(value.parameters, child(pointer, 'parameters'));
    for (const method of HTTP_METHODS) {
      const operation = asObject(value[method]);
      if (!operation) continue;
      const operationPointer = child(pointer, method);
      note(operation, operationPointer);
      const node = { path, method, value: operation, pointer: operationPointer, pathItem };
      for (const visit of dispatch.operation) visit(node);
      servers(operation.servers, child(operationPointer, 'servers'));
      operationParts(operation, operationPointer);
    }
  }

  for (const [name, item] of objectEntries(root.webhooks)) outgoingPathItem(item, child('/webhooks', name), 0);

  const components = asObject(root.components);
  if (!components) return;
  const section = (kind: string): Array<[string, Json, string]> =>
    objectEntries(components[kind]).map(([name, value]) => [name, value, child(child('/components', kind), name)]);
  for (const [, value, pointer] of section('schemas')) schema(value, pointer, undefined, undefined);
  for (const [, value, pointer] of section('parameters')) parameter(value, pointer);
  for (const [, value, pointer] of section('requestBodies')) requestBody(value, pointer);
  for (const [, value, pointer] of section('responses')) response(value, pointer);
  for (const [name, value, pointer] of section('headers')) header(name, value, pointer);
  for (const [, value, pointer] of section('callbacks')) callbacks(value, pointer);
  for (const [, value, pointer] of section('examples')) skipRef(value, pointer);
  for (const [name, value, pointer] of section('securitySchemes')) {
    if (skipRef(value, pointer)) continue;
    note(value, pointer);
    for (const visit of dispatch.securityScheme) visit({ name, value, pointer });
  }
}
