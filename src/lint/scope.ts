/**
 * What every rule may ask about the document, computed once per lint run and
 * memoised: `$ref` resolution, an operation's parameters, responses and
 * security, an object's properties through `allOf`, and whether an operation
 * is a collection GET. The walk also records here who uses each `$ref` target,
 * for the "used at" places of findings inside components.
 */
import { fragmentToPointer, getAtPointer } from '../blueprint/pointer.js';
import type { ResolvedPlaybook } from '../playbook/types.js';
import { isPlural } from './naming.js';
import {
  asArray,
  asObject,
  asString,
  child,
  isArraySchema,
  isJsonMediaType,
  isTemplateSegment,
  isVersionSegment,
  objectEntries,
  pathSegments,
  statusClass,
  type Json,
} from '../blueprint/openapi.js';
import type { Collection, OperationNode, OperationParameter, OperationResponse, Resolved } from './types.js';

const MAX_REF_HOPS = 32;
const MAX_ALLOF_DEPTH = 16;

export class LintScope {
  /** `$ref` target pointer -> pointers of the objects holding a `$ref` to it. */
  readonly refUsers = new Map<string, string[]>();
  private readonly targets = new Map<string, unknown>();
  private readonly usersCache = new Map<string, string[]>();
  private readonly parameterCache = new WeakMap<OperationNode, OperationParameter[]>();
  private readonly responseCache = new WeakMap<OperationNode, OperationResponse[]>();
  private readonly collectionCache = new WeakMap<OperationNode, Collection | null>();
  private readonly propertyCache = new WeakMap<Json, Map<string, Resolved>>();

  constructor(
    readonly document: Json,
    readonly specVersion: '3.0' | '3.1',
    readonly playbook: ResolvedPlaybook,
  ) {}

  recordRef(ref: string, holderPointer: string): void {
    if (!ref.startsWith('#')) return;
    const target = fragmentToPointer(ref);
    const users = this.refUsers.get(target);
    if (users) users.push(holderPointer);
    else this.refUsers.set(target, [holderPointer]);
  }

  /** Pointers of the `$ref`s to a component, leaving out its references to itself; memoised (the same array each time). */
  componentUsers(root: string): string[] {
    let users = this.usersCache.get(root);
    if (!users) {
      users = (this.refUsers.get(root) ?? []).filter((user) => user !== root && !user.startsWith(`${root}/`));
      this.usersCache.set(root, users);
    }
    return users;
  }

  resolve(value: unknown, pointer: string): Resolved | undefined {
    let current = asObject(value);
    let at = pointer;
    for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
      if (hops >= MAX_REF_HOPS || !current.$ref.startsWith('#')) return undefined;
      at = fragmentToPointer(current.$ref);
      let target = this.targets.get(at);
      if (target === undefined && !this.targets.has(at)) {
        target = getAtPointer(this.document, at);
        this.targets.set(at, target);
      }
      current = asObject(target);
    }
    return current ? { value: current, pointer: at } : undefined;
  }

  parameters(operation: OperationNode): OperationParameter[] {
    let cached = this.parameterCache.get(operation);
    if (cached) return cached;
    const byKey = new Map<string, OperationParameter>();
    const collect = (list: unknown, pointer: string): void => {
      asArray(list).forEach((item, index) => {
        const resolved = this.resolve(item, child(pointer, index));
        const name = resolved && asString(resolved.value.name);
        const location = resolved && asString(resolved.value.in);
        if (resolved && name !== undefined && location !== undefined) {
          byKey.set(`${location}:${name}`, { ...resolved, name, in: location });
        }
      });
    };
    collect(operation.pathItem.value.parameters, child(operation.pathItem.pointer, 'parameters'));
    collect(operation.value.parameters, child(operation.pointer, 'parameters'));
    cached = [...byKey.values()];
    this.parameterCache.set(operation, cached);
    return cached;
  }

  responses(operation: OperationNode): OperationResponse[] {
    let cached = this.responseCache.get(operation);
    if (cached) return cached;
    cached = [];
    const pointer = child(operation.pointer, 'responses');
    for (const [status, value] of objectEntries(operation.value.responses)) {
      if (status.startsWith('x-')) continue;
      const usePointer = child(pointer, status);
      const resolved = this.resolve(value, usePointer);
      if (resolved) cached.push({ ...resolved, status, usePointer });
    }
    this.responseCache.set(operation, cached);
    return cached;
  }

  security(operation: OperationNode): unknown[] | undefined {
    const own = operation.value.security;
    if (Array.isArray(own)) return own;
    const top = this.document.security;
    return Array.isArray(top) ? top : undefined;
  }

  properties(schema: Resolved): Map<string, Resolved> {
    let cached = this.propertyCache.get(schema.value);
    if (cached) return cached;
    cached = new Map();
    this.collectProperties(schema, cached, 0, new Set());
    this.propertyCache.set(schema.value, cached);
    return cached;
  }

  private collectProperties(schema: Resolved, into: Map<string, Resolved>, depth: number, seen: Set<Json>): void {
    if (depth > MAX_ALLOF_DEPTH || seen.has(schema.value)) return;
    seen.add(schema.value);
    const properties = asObject(schema.value.properties);
    if (properties) {
      const base = child(schema.pointer, 'properties');
      for (const name of Object.keys(properties)) {
        const resolved = this.resolve(properties[name], child(base, name));
        if (resolved && !into.has(name)) into.set(name, resolved);
      }
    }
    asArray(schema.value.allOf).forEach((member, index) => {
      const resolved = this.resolve(member, child(child(schema.pointer, 'allOf'), index));
      if (resolved) this.collectProperties(resolved, into, depth + 1, seen);
    });
  }

  collection(operation: OperationNode): Collection | undefined {
    const cached = this.collectionCache.get(operation);
    if (cached !== undefined) return cached ?? undefined;
    const found = this.findCollection(operation);
    this.collectionCache.set(operation, found ?? null);
    return found;
  }

  private findCollection(operation: OperationNode): Collection | undefined {
    if (operation.method !== 'get') return undefined;
    const resource = pathSegments(operation.path).at(-1);
    if (!resource || isTemplateSegment(resource) || isVersionSegment(resource) || /[{}]/.test(resource)) return undefined;
    const response = this.responses(operation).find((candidate) => statusClass(candidate.status) === 2);
    if (!response) return undefined;
    for (const [mediaType, media] of objectEntries(response.value.content)) {
      if (!isJsonMediaType(mediaType)) continue;
      const schemaUsePointer = child(child(child(response.pointer, 'content'), mediaType), 'schema');
      const schema = this.resolve(media.schema, schemaUsePointer);
      if (!schema) continue;
      if (isArraySchema(schema.value)) {
        return { resource, response, schema, schemaUsePointer, topLevelArray: true, arrayProperties: [] };
      }
      const envelopeItems = this.playbook.envelope.items;
      const arrayProperties = [...this.properties(schema)].filter(([, property]) => isArraySchema(property.value)).map(([name]) => name);
      if (arrayProperties.length > 0 && (isPlural(resource) || (envelopeItems !== null && arrayProperties.includes(envelopeItems)))) {
        return { resource, response, schema, schemaUsePointer, topLevelArray: false, arrayProperties };
      }
    }
    return undefined;
  }
}
