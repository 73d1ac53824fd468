/**
 * Path Item and Operation Objects -> OperationModel: names, route, request and
 * response types, JSON schemas for validation and serialisation, mock answer.
 * Each OpenAPI object has its own file: route-url.ts, parameters.ts,
 * request-body.ts, responses.ts, security.ts.
 * https://spec.openapis.org/oas/v3.1.0#operation-object
 */
import { audienceOf, HTTP_METHODS, type HttpMethod, type Json } from '../blueprint/openapi.js';
import { childPointer, followRefs } from '../blueprint/pointer.js';
import { DesignFirstError } from '../errors.js';
import { fileSegment, identifier, uniqueName } from './names.js';
import type { OperationContext } from './operation-context.js';
import { separateOverlappingRoutes } from './overlapping-routes.js';
import { detectPaging } from './paging.js';
import { collectParameters, groupSchema, IGNORED_HEADERS } from './parameters.js';
import { detectRateLimit } from './rate-limit.js';
import { requestBody } from './request-body.js';
import { buildContract } from './response-contract.js';
import { buildResponses } from './responses.js';
import { routeUrl } from './route-url.js';
import { mockAnswer } from './samples/mock.js';
import { sampleRequest } from './samples/sample-request.js';
import { validSample } from './samples/valid-sample.js';
import { effectiveSecurity } from './security.js';
import type { OperationModel, RouteSpec } from './service-model.js';
import { schemaToType, type PropertyNode } from './type-node.js';

export function buildOperations(context: OperationContext): OperationModel[] {
  const document = context.loaded.document as Json;
  const paths = (document.paths ?? {}) as Json;
  let inputs = collectOperations(
    context,
    Object.entries(paths).map(([path, item]) => ({ path, item, itemPointer: childPointer('/paths', path) })),
  );
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
      throw new DesignFirstError(
        'DF_ERR_MODEL_UNSUPPORTED',
        `path ${JSON.stringify(path)} ${unroutable}, so no request could reach it`,
        context.loaded.place(itemPointer),
      );
    }
    for (const method of HTTP_METHODS) {
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
      inputs.push({
        path,
        method,
        pointer,
        operation,
        pathItem: item,
        itemPointer,
        rawId,
        ident,
        resource,
        handlerModule,
        route: routeUrl(context.servedPath(path)),
      });
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
      input.route = routeUrl(context.servedPath(input.path), constraints[i]);
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
  method: HttpMethod;
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

  const query = groupSchema(
    context,
    parameters.filter((p) => p.in === 'query'),
    pointer,
    (name) => name,
  );
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
    envelope: context.runtime.envelope,
    defaultPageSize: context.runtime.pageSize,
    unpagedMaximum: context.runtime.unpagedMaximum,
    types: context.types,
    notes: context.notes,
    servedPath: context.servedPath,
  });
  const queryStyles = parameters.flatMap((p) => (p.queryStyle ? [p.queryStyle] : []));
  const built = buildContract(context, input.path, operation.responses, childPointer(pointer, 'responses'));
  const mock = mockAnswer(context.loaded.document, responses.success, responses.schemas[responses.success.schemaKey], context.isValidExample);
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
    lifecycle: operationLifecycle(context, operation, pointer),
    mock: mockHeaders ? { ...mock, headers: mockHeaders } : mock,
  };
  noteInvalidMock(context, spec, pointer);
  const sample = sampleRequest(
    context.servedPath(input.path),
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

function firstLiteralSegment(path: string): string {
  const segments = path.split('/').filter((segment) => segment && !segment.includes('{') && !/^v\d+$/i.test(segment));
  return segments[0] ?? 'default';
}

/** Why a path key cannot be routed, or undefined when it can. */
function unroutablePath(path: string): string | undefined {
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return 'holds a control character or a backslash';
  if (path.replace(/\{[^}]*\}/g, '').includes('*')) return 'holds a `*` outside a parameter';
  if (/\}[()]/.test(path)) return 'has a parenthesis right after a parameter';
  if (
    path
      .split(/[#?]/)[0]!
      .split('/')
      .some((segment) => segment === '..' || segment === '.')
  )
    return 'holds a `.` or `..` segment';
  return undefined;
}

/**
 * A mock answer no attempt could make valid (a `oneOf` whose branches nothing
 * tells apart): the operation's contract test fails until a handler answers,
 * so `new` says so, with the validator's first words.
 */
function noteInvalidMock(context: OperationContext, spec: RouteSpec, pointer: string): void {
  const schema = spec.schema.response[String(spec.mock.status)];
  if (spec.mock.contentType === null || schema === undefined || context.isValidExample(schema, spec.mock.body)) return;
  const [first] = context.isValidExample.errors(schema, spec.mock.body);
  const why = first ? ` (${first.instancePath || '/'} ${first.message ?? 'is not valid'})` : '';
  context.notes.push(
    `#${pointer}/responses/${spec.mock.status}: no mock answer fits the response schema${why}; its contract test fails until a handler answers`,
  );
}

/**
 * A deprecated operation (`deprecated: true`, `x-sunset`): the service sends
 * Deprecation and Sunset on its answers, as it does for a retiring version
 * (`info.x-deprecated`, `info.x-sunset`); diff and update read the same facts.
 */
function operationLifecycle(context: OperationContext, operation: Json, pointer: string): RouteSpec['lifecycle'] {
  const deprecated = operation.deprecated === true;
  const written = operation['x-sunset'];
  let sunset: string | null = null;
  if (typeof written === 'string' || written instanceof Date) {
    const date = new Date(written);
    if (Number.isNaN(date.getTime())) context.notes.push(`#${pointer}/x-sunset: ${JSON.stringify(String(written))} is not a date; no Sunset header is sent`);
    else sunset = date.toUTCString();
  }
  return deprecated || sunset !== null ? { deprecated, sunset } : null;
}
