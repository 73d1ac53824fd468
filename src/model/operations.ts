/**
 * Path Item and Operation Objects -> OperationModel: names, route, request and
 * response types, JSON schemas for validation and serialisation, mock answer.
 * https://spec.openapis.org/oas/v3.1.0#operation-object
 */
import { childPointer, followRefs } from '../blueprint/pointer.js';
import { DesignFirstError } from '../errors.js';
import type { LoadedBlueprint } from '../blueprint/load.js';
import { defineOwn, type JsonSchema, type SchemaConverter } from './json-schema.js';
import type { ExampleCheck } from './example-check.js';
import { exampleOf, mockAnswer } from './mock.js';
import { detectPaging } from './paging.js';
import { detectRateLimit } from './rate-limit.js';
import { sampleRequest } from './sample-request.js';
import { validSample } from './valid-sample.js';
import { fileSegment, identifier, templateParameterName, uniqueName } from './names.js';
import { separateOverlappingRoutes } from './overlapping-routes.js';
import { buildContract } from './response-contract.js';
import type { OperationModel, QueryStyle, ResponseModel, RouteSpec, RuntimeSettings } from './service-model.js';
import { schemaToType, union, type PropertyNode, type TypeContext, type TypeNode } from './type-node.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/** Header parameters OpenAPI says to ignore: they are controlled by the protocol. */
const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

type Json = Record<string, unknown>;

export interface OperationContext {
  loaded: LoadedBlueprint;
  converter: SchemaConverter;
  types: TypeContext;
  notes: string[];
  /** Document-level security, used when an operation has none of its own. */
  globalSecurity: unknown;
  /** Validate examples against response and request schemas (with the version's definitions). */
  isValidExample: ExampleCheck;
  isValidRequest: ExampleCheck;
  runtime: RuntimeSettings;
}

interface Parameter {
  name: string;
  in: string;
  required: boolean;
  /** The schema validated and typed; undefined when the serialisation is passed through as text. */
  schema: unknown;
  /** The schema as written, for samples. */
  rawSchema: unknown;
  /** A query parameter spelt as more than one value, validated as declared once the service has put it together. */
  queryStyle: QueryStyle | undefined;
  example: unknown;
  description: string | undefined;
}

export function buildOperations(context: OperationContext): OperationModel[] {
  const document = context.loaded.document as Json;
  const paths = (document.paths ?? {}) as Json;
  let inputs = collectOperations(context, Object.entries(paths).map(([path, item]) => ({ path, item, itemPointer: childPointer('/paths', path) })));
  if (inputs.length === 0) {
    // A blueprint with only webhooks (OpenAPI 3.1) describes the calls an API makes to its subscribers,
    // so the one service it can describe is a subscriber's receiver: each webhook is served at
    // /webhooks/<its name>, with the same validation, typed handler and mock as any operation.
    const takenPaths = new Set<string>();
    const webhooks = Object.entries((document.webhooks ?? {}) as Json).map(([name, item]) => ({
      path: `/webhooks/${uniqueName(webhookSegment(name), takenPaths)}`,
      item,
      itemPointer: childPointer('/webhooks', name),
    }));
    inputs = collectOperations(context, webhooks);
    if (inputs.length > 0) {
      context.notes.push(`/webhooks: no paths, so this is a webhook receiver: ${inputs.length} webhook operations served under /webhooks/<name>`);
    }
  }
  separateOverlaps(context, inputs);
  return inputs.map((input) => buildOperation(context, input));
}

/** Every operation of the path items, named and checked for duplicate ids, in blueprint order. */
function collectOperations(context: OperationContext, items: Array<{ path: string; item: unknown; itemPointer: string }>): OperationInput[] {
  const takenIdents = new Set<string>();
  const takenModules = new Set<string>();
  const seenOperationIds = new Map<string, string>();
  const inputs: OperationInput[] = [];
  for (const { path, item: rawItem, itemPointer } of items) {
    const item = followRefs(context.loaded.document, rawItem) as Json | undefined;
    if (!item || typeof item !== 'object') continue;
    if (!path.startsWith('/')) {
      throw new DesignFirstError('DF_ERR_MODEL_UNSUPPORTED', `path "${path}" does not start with /`, context.loaded.place(itemPointer));
    }
    const unroutable = unroutablePath(path);
    if (unroutable) {
      throw new DesignFirstError('DF_ERR_MODEL_UNSUPPORTED', `path ${JSON.stringify(path)} ${unroutable}, so no request could reach it`, context.loaded.place(itemPointer));
    }
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (!operation || typeof operation !== 'object') continue;
      const pointer = childPointer(itemPointer, method);
      const rawId = typeof operation.operationId === 'string' && operation.operationId.trim() !== '' ? operation.operationId : `${method} ${path}`;
      const previous = seenOperationIds.get(rawId);
      if (previous !== undefined) {
        throw new DesignFirstError(
          'DF_ERR_MODEL_DUPLICATE_OPERATION_ID',
          `operationId "${rawId}" is also used at ${previous}`,
          context.loaded.place(childPointer(pointer, 'operationId')),
        );
      }
      seenOperationIds.set(rawId, `#${pointer}`);
      const ident = uniqueName(identifier(rawId, 'camel', 'operation'), takenIdents);
      const tags = Array.isArray(operation.tags) ? operation.tags.filter((tag): tag is string => typeof tag === 'string') : [];
      const resource = fileSegment(tags[0] ?? firstLiteralSegment(path), 'default');
      const handlerModule = `${resource}/${uniqueName(ident, takenModules)}`;
      inputs.push({ path, method, pointer, operation, pathItem: item, itemPointer, rawId, ident, resource, handlerModule, route: routeUrl(path) });
    }
  }
  return inputs;
}

/**
 * Operations whose paths match the same URLs (they differ only in parameter
 * names) get value constraints where their parameters' schemas tell them
 * apart (overlapping-routes.ts); otherwise the blueprint is refused.
 */
function separateOverlaps(context: OperationContext, inputs: OperationInput[]): void {
  const groups = new Map<string, OperationInput[]>();
  for (const input of inputs) {
    const key = `${input.method} ${input.route.shape} ${JSON.stringify(input.route.dispatch)}`;
    const group = groups.get(key);
    if (group) group.push(input);
    else groups.set(key, [input]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const constraints = separateOverlappingRoutes(
      group.map((input) => ({ path: input.path, method: input.method, item: input.pathItem, operation: input.operation })),
      context.loaded.document,
    );
    if (!constraints) {
      const [first, second] = group as [OperationInput, OperationInput];
      throw new DesignFirstError(
        'DF_ERR_MODEL_UNSUPPORTED',
        `${second.method.toUpperCase()} ${second.path} matches the same URLs as ${first.method.toUpperCase()} ${first.path} (paths that differ only in parameter names, whose schemas do not tell the values apart)`,
        context.loaded.place(second.pointer),
      );
    }
    group.forEach((input, i) => {
      if (constraints[i]!.size === 0) return;
      input.route = routeUrl(input.path, constraints[i]);
      // One wording for every pair, so a blueprint with many (Xero has 13) gets one line (group-notes.ts).
      context.notes.push(`${input.pointer}: matches the same URLs as another path; it gets the requests whose parameter value its schema admits`);
    });
  }
}

/** A webhook's name as one URL path segment: unreserved characters only (RFC 3986), never `.` or `..`. */
export function webhookSegment(name: string): string {
  const segment = name.replace(/^\/+/, '').replace(/[^A-Za-z0-9._~-]+/g, '-');
  return /^\.*$/.test(segment) ? 'webhook' : segment;
}

interface OperationInput {
  path: string;
  method: (typeof METHODS)[number];
  pointer: string;
  operation: Json;
  pathItem: Json;
  itemPointer: string;
  rawId: string;
  ident: string;
  resource: string;
  handlerModule: string;
  route: ReturnType<typeof routeUrl>;
}

function buildOperation(context: OperationContext, input: OperationInput): OperationModel {
  const { operation, pointer } = input;
  const parameters = collectParameters(context, input);
  const route = input.route;

  // Path parameters come from the template; a missing declaration means "any string".
  const pathProperties: PropertyNode[] = [];
  const pathEntries = route.params.map(([routeName, blueprintName]) => {
    const declared = parameters.find((parameter) => parameter.in === 'path' && parameter.name === blueprintName);
    const schema = declared?.schema ?? { type: 'string' };
    pathProperties.push({ name: blueprintName, optional: false, type: schemaToType(schema, context.types), description: declared?.description });
    return { key: routeName, schema, pointer: `${pointer}/parameters`, required: true };
  });
  const paramsSchema = context.converter.parameterGroupSchema(pathEntries);

  const query = groupSchema(context, parameters.filter((p) => p.in === 'query'), pointer, (name) => name);
  const headers = groupSchema(
    context,
    parameters.filter((p) => p.in === 'header' && !IGNORED_HEADERS.has(p.name.toLowerCase())),
    pointer,
    (name) => name.toLowerCase(),
  );
  const body = requestBody(context, operation.requestBody, childPointer(pointer, 'requestBody'));

  const requestProperties: PropertyNode[] = [
    { name: 'params', optional: false, type: { kind: 'object', properties: pathProperties, additional: undefined }, description: undefined },
    { name: 'query', optional: false, type: query.type, description: undefined },
    { name: 'headers', optional: false, type: headers.type, description: undefined },
    { name: 'body', optional: false, type: body.type, description: undefined },
  ];

  const responses = buildResponses(context, operation.responses, childPointer(pointer, 'responses'));
  const paging = detectPaging({
    document: context.loaded.document,
    method: input.method,
    operation,
    pointer,
    queryParameterNames: parameters.filter((p) => p.in === 'query').map((p) => p.name),
    pathParams: route.params,
    successStatus: responses.success.status,
    successSchema: responses.success.media?.schema,
    linksKey: context.runtime.envelope.links,
    pageKey: context.runtime.envelope.page,
    defaultPageSize: context.runtime.pageSize,
    unpagedMaximum: context.runtime.unpagedMaximum,
    types: context.types,
    notes: context.notes,
  });
  const queryStyles = parameters.flatMap((p) => (p.queryStyle ? [p.queryStyle] : []));
  const built = buildContract(context, input.path, operation.responses, childPointer(pointer, 'responses'), (content, at) => usableMediaTypes(context, content, at, false));
  const mock = mockAnswer(context.loaded.document, responses.success, responses.schemas[String(responses.success.status)], context.isValidExample);
  const mockHeaders = built.mockHeaders(mock.status);
  const spec: RouteSpec = {
    operationId: input.ident,
    method: input.method.toUpperCase(),
    url: route.url,
    matcher: route.matcher,
    dispatch: route.dispatch,
    pathParams: route.params,
    schema: {
      ...(route.params.length > 0 ? { params: paramsSchema } : {}),
      ...(query.schema ? { querystring: query.schema } : {}),
      ...(headers.schema ? { headers: headers.schema } : {}),
      // Fastify refuses body schemas on GET and HEAD; get-no-request-body in lint says why.
      ...(body.jsonContent && input.method !== 'get' && input.method !== 'head' ? { body: { content: body.jsonContent } } : {}),
      response: responses.schemas,
    },
    ...(queryStyles.length > 0 ? { queryStyles } : {}),
    bodyMediaTypes: body.mediaTypes,
    bodyRequired: body.required,
    produces: responses.produces,
    paging: paging?.route ?? null,
    rateLimit: detectRateLimit(operation, audienceOf(context.loaded.document), context.runtime.rateLimit),
    security: effectiveSecurity(operation.security ?? context.globalSecurity),
    mock: mockHeaders ? { ...mock, headers: mockHeaders } : mock,
  };
  const sample = sampleRequest(
    input.path,
    parameters.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required,
      queryStyle: p.queryStyle,
      value: validSample(
        'request',
        p.rawSchema,
        context.loaded.document,
        p.example,
        p.schema === undefined ? undefined : context.converter.parameterSchema(p.schema, `${pointer}/parameters`),
        context.isValidRequest,
      ),
    })),
    body.sample,
    route.dispatch,
  );
  const summary = typeof operation.summary === 'string' ? operation.summary : '';
  const description = typeof operation.description === 'string' ? operation.description : '';
  return {
    operationId: input.rawId,
    ident: input.ident,
    typeName: identifier(input.ident, 'pascal'),
    method: spec.method,
    path: input.path,
    summary,
    description,
    deprecated: operation.deprecated === true,
    resource: input.resource,
    handlerModule: input.handlerModule,
    requestType: { kind: 'object', properties: requestProperties, additional: undefined },
    responses: responses.models,
    route: spec,
    sample,
    paging: paging?.model ?? null,
    contract: built.contract,
  };
}

/** `/pets/{pet-id}:cancel` -> `/pets/:petId::cancel`, with the name mapping. */
export function routeUrl(
  fullPath: string,
  /** Blueprint parameter name -> pattern its value must match (overlapping-routes.ts); whole segments only. */
  valuePatterns: ReadonlyMap<string, string> = new Map(),
): {
  url: string;
  shape: string;
  matcher: string;
  params: Array<[string, string]>;
  dispatch: RouteSpec['dispatch'];
} {
  const { path, dispatch } = splitDispatch(fullPath);
  const params: Array<[string, string]> = [];
  const taken = new Set<string>();
  let url = '';
  let shape = '';
  const pattern = /\{([^}]*)\}/g;
  let last = 0;
  for (let match = pattern.exec(path); match; match = pattern.exec(path)) {
    const literal = path.slice(last, match.index);
    url += escapeLiteral(literal);
    shape += literal;
    const blueprintName = templateParameterName(match[1]!);
    const routeName = uniqueName(identifier(blueprintName, 'camel', 'param'), taken);
    params.push([routeName, blueprintName]);
    // A literal right after a parameter in the same segment (`{name}:cancel`, `{file}.json`) needs
    // a regular expression that stops before it, or find-my-way reads it as part of the name.
    const following = path.charAt(match.index + match[0].length);
    const valuePattern = valuePatterns.get(blueprintName);
    if (valuePattern !== undefined) url += `:${routeName}(^(?:${valuePattern})$)`;
    else url += following === '' || following === '/' ? `:${routeName}` : `:${routeName}(^[^/${classEscape(following)}]+)`;
    shape += '{}';
    last = match.index + match[0].length;
  }
  url += escapeLiteral(path.slice(last));
  shape += path.slice(last);
  const matcher = `^${shape.split('{}').map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`;
  if (dispatch) url += `${url.endsWith('/') ? '' : '/'}${dispatchSuffix(dispatch)}`;
  return { url, shape, matcher, params, dispatch };
}

/**
 * Where a dispatched operation is registered: the service rewrites a request
 * carrying the header (or query value) to this path before routing
 * (platform/dispatch.ts), because a router cannot tell apart dozens of
 * operations on one path by constraints. Hex keeps any value a plain segment.
 */
export function dispatchSuffix(dispatch: NonNullable<RouteSpec['dispatch']>): string {
  const hex = (text: string) => Buffer.from(text).toString('hex');
  return `_dispatch/${dispatch.in}/${hex(dispatch.name)}/${dispatch.value === null ? 'present' : hex(dispatch.value)}`;
}

/**
 * Path keys that carry more than a path, as AWS's descriptions do:
 * `/#X-Amz-Target=Service.Action` (operations told apart by a header),
 * `/?Action=Describe&Version=1` (by a query value) and `/items#name` (by the
 * presence of a query parameter). The part after `#`/`?` never reaches a
 * router, so it becomes a dispatch rule (platform/dispatch.ts).
 */
function splitDispatch(fullPath: string): { path: string; dispatch: RouteSpec['dispatch'] } {
  const at = fullPath.search(/[#?]/);
  if (at < 0) return { path: fullPath, dispatch: null };
  const path = fullPath.slice(0, at) || '/';
  const first = fullPath.slice(at + 1).split('&')[0] ?? '';
  const equals = first.indexOf('=');
  // `#name` alone: the operation is the one called with query parameter `name` (osisoft's `/assetservers#name`).
  if (equals < 0) return { path, dispatch: /^[\w.-]+$/.test(first) ? { in: 'query', name: first, value: null } : null };
  if (equals === 0) return { path, dispatch: null };
  return {
    path,
    dispatch: {
      in: fullPath[at] === '#' ? 'header' : 'query',
      name: fullPath[at] === '#' ? first.slice(0, equals).toLowerCase() : first.slice(0, equals),
      value: first.slice(equals + 1),
    },
  };
}

function classEscape(char: string): string {
  return /[\\\]^-]/.test(char) ? `\\${char}` : char;
}

/** find-my-way treats `:` and `*` as special in literals; `::` is a literal colon. */
function escapeLiteral(literal: string): string {
  return literal.replace(/:/g, '::').replace(/\*/g, '%2A');
}

function firstLiteralSegment(path: string): string {
  const segments = path.split('/').filter((segment) => segment && !segment.includes('{') && !/^v\d+$/i.test(segment));
  return segments[0] ?? 'default';
}


function collectParameters(context: OperationContext, input: OperationInput): Parameter[] {
  const byKey = new Map<string, Parameter>();
  const lists: Array<[unknown, string]> = [
    [input.pathItem.parameters, childPointer(input.itemPointer, 'parameters')],
    [input.operation.parameters, childPointer(input.pointer, 'parameters')],
  ];
  for (const [list, listPointer] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, index) => {
      const parameter = followRefs(context.loaded.document, raw) as Json | undefined;
      if (!parameter || typeof parameter.name !== 'string' || typeof parameter.in !== 'string') {
        context.notes.push(`${listPointer}/${index}: parameter without name or in; ignored`);
        return;
      }
      if (parameter.name === '__proto__' && parameter.in !== 'path') {
        // Fastify drops `__proto__` when parsing queries and headers (prototype pollution): it can never arrive.
        context.notes.push(`${listPointer}/${index}: parameter "__proto__" can never be received; ignored`);
        return;
      }
      const rawSchema = parameter.schema;
      let schema = parameter.schema;
      const explode = parameter.explode;
      const resolvedSchema = followRefs(context.loaded.document, schema) as Json | undefined;
      const isObject = resolvedSchema?.type === 'object' || resolvedSchema?.properties !== undefined;
      const queryStyle = parameter.in === 'query' && parameter.content === undefined && schema !== undefined ? queryStyleOf(parameter, resolvedSchema) : undefined;
      const passedThrough =
        !queryStyle &&
        (schema === undefined ||
          parameter.content !== undefined ||
          (parameter.in !== 'path' && isObject) ||
          parameter.style === 'deepObject' ||
          // `;id=5` and `.5` reach the service as they are: validating them as the bare value would refuse them.
          parameter.style === 'matrix' ||
          parameter.style === 'label' ||
          // A scalar is spelt the same exploded or not; an object or a list is not.
          (explode === false && (isObject || isListSchema(resolvedSchema))));
      if (passedThrough) {
        if (schema !== undefined || parameter.content !== undefined) {
          context.notes.push(`${listPointer}/${index}: parameter "${parameter.name}" has a serialisation design-first does not validate; passed through as text`);
        }
        schema = undefined;
      }
      byKey.set(`${parameter.in}:${parameter.name}`, {
        name: parameter.name,
        in: parameter.in,
        required: parameter.required === true || parameter.in === 'path',
        schema,
        rawSchema,
        queryStyle,
        example: exampleOf(context.loaded.document, parameter),
        description: typeof parameter.description === 'string' ? parameter.description : undefined,
      });
    });
  }
  return [...byKey.values()];
}

const SEPARATORS: Record<string, ',' | '|' | ' '> = { form: ',', pipeDelimited: '|', spaceDelimited: ' ' };

/**
 * `?filter[Name]=x` (deepObject) and `?ids=1,2,3` (a list, not exploded): the
 * service puts these back together before validating (platform/query-styles.ts),
 * so they are validated and typed as declared. A deepObject scalar simply
 * arrives as `name=x`. Explode defaults to true for `form` only (OpenAPI 3).
 */
function queryStyleOf(parameter: Json, schema: Json | undefined): QueryStyle | undefined {
  const style = typeof parameter.style === 'string' ? parameter.style : 'form';
  const explode = typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form';
  const name = parameter.name as string;
  // deepObject is defined for explode: true only; blueprints that leave explode out mean it anyway.
  if (style === 'deepObject') return { name, style: 'deepObject' };
  const separator = Object.hasOwn(SEPARATORS, style) ? SEPARATORS[style] : undefined;
  return !explode && separator && isListSchema(schema) ? { name, style: 'delimited', separator } : undefined;
}

function isListSchema(schema: Json | undefined): boolean {
  return schema?.type === 'array' || (Array.isArray(schema?.type) && schema.type.includes('array')) || schema?.items !== undefined;
}

function groupSchema(
  context: OperationContext,
  parameters: Parameter[],
  pointer: string,
  keyOf: (name: string) => string,
): { schema: JsonSchema | undefined; type: TypeNode } {
  const properties: PropertyNode[] = parameters.map((parameter) => ({
    name: keyOf(parameter.name),
    optional: !parameter.required,
    type: parameter.schema === undefined ? { kind: 'primitive', name: 'string' } : schemaToType(parameter.schema, context.types),
    description: parameter.description,
  }));
  const type: TypeNode = { kind: 'object', properties, additional: undefined };
  if (parameters.length === 0) return { schema: undefined, type };
  const schema = context.converter.parameterGroupSchema(
    parameters.map((parameter) => ({ key: keyOf(parameter.name), schema: parameter.schema, pointer: `${pointer}/parameters`, required: parameter.required })),
  );
  return { schema, type };
}

/** JSON-like media types: application/json, application/problem+json, application/vnd.x+json, *\/*. */
export function isJsonMediaType(mediaType: string): boolean {
  const base = mediaType.split(';')[0]!.trim().toLowerCase();
  return base === 'application/json' || base.endsWith('+json') || base === '*/*' || base === 'application/*' || base === 'text/json';
}

function requestBody(context: OperationContext, raw: unknown, pointer: string) {
  const body = followRefs(context.loaded.document, raw) as Json | undefined;
  const content = (body?.content ?? {}) as Json;
  const mediaTypes = usableMediaTypes(context, content, `${pointer}/content`);
  const jsonContent: Record<string, { schema: JsonSchema }> = {};
  const types: TypeNode[] = [];
  for (const mediaType of mediaTypes) {
    const media = (content[mediaType] ?? {}) as Json;
    const base = mediaType.split(';')[0]!.trim().toLowerCase();
    if (isJsonMediaType(base) || base === 'application/x-www-form-urlencoded') {
      const key = base === '*/*' || base === 'application/*' ? 'application/json' : base;
      if (media.schema !== undefined && !Object.prototype.hasOwnProperty.call(jsonContent, key)) {
        const schema = context.converter.routeSchema(media.schema, childPointer(childPointer(pointer, 'content'), mediaType), 'request');
        // Form values arrive as text; the service coerces schemas marked this way (platform/validation.ts).
        const marked = key === 'application/x-www-form-urlencoded' && typeof schema === 'object' ? { ...schema, 'x-form-encoded': true } : schema;
        defineOwn(jsonContent, key, { schema: marked });
      }
      types.push(media.schema === undefined ? { kind: 'primitive', name: 'unknown' } : schemaToType(media.schema, context.types));
    } else {
      types.push({ kind: 'primitive', name: base.startsWith('text/') ? 'string' : 'Buffer' });
    }
  }
  const required = body?.required === true;
  let type: TypeNode = mediaTypes.length === 0 ? { kind: 'primitive', name: 'undefined' } : union(types);
  if (!required && mediaTypes.length > 0) type = union([type, { kind: 'primitive', name: 'undefined' }]);
  return {
    mediaTypes,
    required,
    jsonContent: Object.keys(jsonContent).length > 0 ? jsonContent : undefined,
    type,
    sample: sampleBody(context, content, mediaTypes, required, jsonContent),
  };
}

function sampleBody(
  context: OperationContext,
  content: Json,
  mediaTypes: string[],
  required: boolean,
  jsonContent: Record<string, { schema: JsonSchema }>,
): { contentType: string | null; value: unknown } {
  const chosen = mediaTypes.find(isJsonMediaType) ?? mediaTypes.find((type) => type.startsWith('application/x-www-form-urlencoded')) ?? mediaTypes[0];
  if (chosen === undefined || (!required && !mediaTypes.some(isJsonMediaType))) return { contentType: null, value: null };
  const media = (content[chosen] ?? {}) as Json;
  const contentType = chosen === '*/*' || chosen === 'application/*' ? 'application/json' : chosen;
  if (!isJsonMediaType(chosen) && !chosen.startsWith('application/x-www-form-urlencoded')) return { contentType, value: 'x' };
  const example = exampleOf(context.loaded.document, media);
  const converted = jsonContent[contentType.split(';')[0]!.trim().toLowerCase()]?.schema;
  return { contentType, value: validSample('request', media.schema, context.loaded.document, example, converted, context.isValidRequest) ?? null };
}

interface BuiltResponses {
  models: ResponseModel[];
  schemas: Record<string, JsonSchema>;
  produces: string[];
  /** The response a mock answers with: status, media type and schema. */
  success: { status: number; mediaType: string | null; media: Json | undefined };
}

function buildResponses(context: OperationContext, raw: unknown, pointer: string): BuiltResponses {
  const responses = (raw && typeof raw === 'object' ? raw : {}) as Json;
  const models: ResponseModel[] = [];
  const schemas: Record<string, JsonSchema> = {};
  const produces = new Set<string>();
  let success: BuiltResponses['success'] | undefined;
  let fallback: BuiltResponses['success'] | undefined;

  for (const [statusKey, rawResponse] of Object.entries(responses)) {
    const response = followRefs(context.loaded.document, rawResponse) as Json | undefined;
    if (!response || typeof response !== 'object') continue;
    const key = statusKey.toUpperCase();
    const literal = /^[1-5]\d\d$/.test(key) ? Number(key) : undefined;
    const range = /^[1-5]XX$/.test(key) ? key.toLowerCase() : undefined;
    if (literal === undefined && range === undefined && key !== 'DEFAULT') {
      context.notes.push(`${pointer}/${statusKey}: "${statusKey}" is not a status code; ignored`);
      continue;
    }
    const content = (response.content ?? {}) as Json;
    const mediaTypes = usableMediaTypes(context, content, `${pointer}/${statusKey}/content`);
    const jsonType = mediaTypes.find(isJsonMediaType);
    const chosen = jsonType ?? mediaTypes[0];
    const media = chosen === undefined ? undefined : ((content[chosen] ?? {}) as Json);
    for (const mediaType of mediaTypes) produces.add(mediaType === '*/*' ? 'application/json' : mediaType);
    const description = typeof response.description === 'string' ? response.description : '';
    let bodyType: TypeNode | undefined;
    if (jsonType !== undefined && media?.schema !== undefined) {
      const schemaKey = literal !== undefined ? String(literal) : (range ?? 'default');
      schemas[schemaKey] = context.converter.routeSchema(media.schema, `${pointer}/${statusKey}`, 'response');
      bodyType = schemaToType(media.schema, context.types);
    } else if (jsonType !== undefined) {
      bodyType = { kind: 'primitive', name: 'unknown' };
    } else if (chosen !== undefined) {
      bodyType = { kind: 'union', members: [{ kind: 'primitive', name: 'string' }, { kind: 'primitive', name: 'Buffer' }] };
    }
    models.push({ status: literal, description, bodyType, raw: jsonType === undefined && chosen !== undefined });
    const candidate = { status: literal ?? (range ? Number(range[0]) * 100 : 200), mediaType: chosen ?? null, media };
    if (literal !== undefined && literal >= 200 && literal < 300 && (!success || literal < success.status)) success = candidate;
    if (range === '2xx' && !success) fallback ??= candidate;
    if (key === 'DEFAULT') fallback ??= { ...candidate, status: 200 };
  }
  return { models, schemas, produces: [...produces], success: success ?? fallback ?? { status: 204, mediaType: null, media: undefined } };
}

/**
 * OpenAPI security: a list of alternatives (OR), each a map of schemes that
 * must all pass (AND). `[]` means public; `[{}]` means optional (public too).
 */
function effectiveSecurity(raw: unknown): RouteSpec['security'] {
  if (raw === undefined) return [];
  // A requirement design-first cannot read must never make an operation public: it becomes a scheme
  // no blueprint declares, which the service's auth guard refuses on every call (fail-closed).
  const unreadable = [[{ scheme: INVALID_SECURITY, scopes: [] }]];
  if (!Array.isArray(raw)) return unreadable;
  if (raw.length === 0) return [];
  const alternatives: RouteSpec['security'] = [];
  for (const requirement of raw) {
    if (!requirement || typeof requirement !== 'object' || Array.isArray(requirement)) return unreadable;
    const entries = Object.entries(requirement as Json);
    if (entries.length === 0) return [];
    if (entries.some(([, scopes]) => !Array.isArray(scopes) || scopes.some((scope) => typeof scope !== 'string'))) return unreadable;
    alternatives.push(entries.map(([scheme, scopes]) => ({ scheme, scopes: scopes as string[] })));
  }
  return alternatives.length > 0 ? alternatives : unreadable;
}

/** Not a valid scheme name in any blueprint (they are map keys, never containing a space and parentheses). */
const INVALID_SECURITY = '(unreadable security requirement)';

/** `x-audience` of the API: on the document or on `info`. */
function audienceOf(document: unknown): unknown {
  const record = document as Json;
  return record['x-audience'] ?? (record.info as Json | undefined)?.['x-audience'];
}

/** Why a path key cannot be routed, or undefined when it can. */
function unroutablePath(path: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return 'holds a control character or a backslash';
  if (path.replace(/\{[^}]*\}/g, '').includes('*')) return 'holds a `*` outside a parameter';
  if (/\}[()]/.test(path)) return 'has a parenthesis right after a parameter';
  if (path.split(/[#?]/)[0]!.split('/').some((segment) => segment === '..' || segment === '.')) return 'holds a `.` or `..` segment';
  return undefined;
}

/** Media-type keys that are `type/subtype` (with parameters); others are ignored with a note. */
function usableMediaTypes(context: OperationContext, content: Json, pointer: string, note = true): string[] {
  return Object.keys(content).filter((mediaType) => {
    const usable = /^[A-Za-z0-9!#$&^_.+-]+\/[A-Za-z0-9!#$&^_.+*-]+(\s*;[^\u0000-\u001f]*)?$/.test(mediaType);
    if (!usable && note) context.notes.push(`${pointer}: ${JSON.stringify(mediaType)} is not a media type; ignored`);
    return usable;
  });
}

