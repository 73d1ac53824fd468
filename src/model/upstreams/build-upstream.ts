/**
 * An upstream's blueprint -> UpstreamModel. The blueprint is modelled as the
 * service's own would be (the same names, types and mock answers), then each
 * operation is turned around: what the service serves becomes what its
 * client sends, and the responses become the results a call returns.
 */
import type { LoadedBlueprint } from '../../blueprint/load.js';
import { asArray, asObject, asString, audienceOf, isJsonMediaType, isListSchema, type Json } from '../../blueprint/openapi.js';
import { followRefs } from '../../blueprint/pointer.js';
import { DesignFirstError } from '../../errors.js';
import { buildServiceModel } from '../build-model.js';
import { identifier } from '../names.js';
import type { OperationModel, RuntimeSettings, SecuritySchemeModel, VersionModel } from '../service-model.js';
import { union, type PropertyNode, type TypeNode } from '../type-node.js';
import type { QuerySerialisation, ReturnedStatuses, UpstreamCallSpec } from './call-contract.js';
import type { ClientSample, UpstreamCredentials, UpstreamModel, UpstreamOperationModel, UpstreamResultModel } from './upstream-model.js';

/** `--upstream NAME=...`: lower-case kebab words, so that NAME gives one environment prefix and one identifier. */
export const UPSTREAM_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 40;

/** Statuses that say this service's own credentials or rate are wrong: never the caller's business. */
const NEVER_RETURNED = new Set([401, 403, 407, 429]);
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
/**
 * A subscription key header the service can send: RFC 9110 field-name
 * characters, and not `__proto__`, which Node's fetch (undici) silently drops.
 */
const HEADER_NAME = /^(?!__proto__$)[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/i;

export interface UpstreamInput {
  name: string;
  loaded: LoadedBlueprint;
}

/** Why an upstream name cannot be used, or null when it can. */
export function upstreamNameProblem(name: string): string | null {
  if (!UPSTREAM_NAME.test(name)) return 'is not lower-case words joined by single hyphens (such as learner-records)';
  if (name.length > MAX_NAME_LENGTH) return `is longer than ${MAX_NAME_LENGTH} characters`;
  return null;
}

export function buildUpstreams(inputs: readonly UpstreamInput[], runtime: RuntimeSettings): UpstreamModel[] {
  const seen = new Set<string>();
  return inputs.map((input) => {
    const problem = upstreamNameProblem(input.name);
    if (problem) throw new DesignFirstError('DF_ERR_USAGE', `--upstream ${JSON.stringify(input.name)}: the name ${problem}`);
    if (seen.has(input.name)) throw new DesignFirstError('DF_ERR_USAGE', `--upstream ${input.name} is given twice; give each upstream once`);
    seen.add(input.name);
    return buildUpstream(input, runtime);
  });
}

function buildUpstream({ name, loaded }: UpstreamInput, runtime: RuntimeSettings): UpstreamModel {
  // Modelled as a service of its own, for its names, types, security and mock answers.
  const version = buildServiceModel([loaded], { templateVersion: '', generatorVersion: '', runtime }).versions[0]!;
  const document = loaded.document as unknown as Json;
  const notes: string[] = [];
  if (version.operations.every((operation) => operation.path.startsWith('/webhooks/')) && asObject(document.paths) === undefined) {
    throw new DesignFirstError('DF_ERR_MODEL_NO_OPERATIONS', `upstream ${name} has only webhooks: there is nothing to call`, loaded.place('/paths'));
  }
  const schemes = new Map(version.securitySchemes.map((scheme) => [scheme.name, scheme]));
  const scopes = new Set<string>();
  const operations = version.operations.map((operation) => buildOperation(document, operation, schemes, notes, scopes));
  const extension = version.blueprintFormat === 'json' ? 'json' : 'yaml';
  return {
    name,
    ident: identifier(name, 'camel'),
    typeName: identifier(name, 'pascal'),
    clientModule: `${name}/client`,
    envPrefix: `UPSTREAM_${name.toUpperCase().replace(/-/g, '_')}_`,
    title: version.title,
    apiVersion: version.apiVersion,
    audience: audienceOf(document) ?? 'unspecified',
    blueprintFile: `blueprints/upstreams/${name}.${extension}`,
    blueprintFormat: version.blueprintFormat,
    blueprintText: version.blueprintText,
    blueprintHash: version.blueprintHash,
    sourceFile: version.sourceFile,
    baseUrlExample: baseUrlExample(document, version, name),
    credentials: credentialsOf(document, operations, version.securitySchemes, [...scopes], notes),
    types: version.types,
    operations,
    notes,
  };
}

function buildOperation(
  document: Json,
  operation: OperationModel,
  schemes: Map<string, SecuritySchemeModel>,
  notes: string[],
  scopes: Set<string>,
): UpstreamOperationModel {
  const raw = rawOperation(document, operation);
  const { type: requestType, optional } = clientRequest(operation);
  const returns = returnedStatuses(raw);
  const body = operation.route.bodyMediaTypes;
  const { credentials, tokenScopes } = chooseCredentials(operation, schemes, notes);
  for (const scope of tokenScopes) scopes.add(scope);
  const call: UpstreamCallSpec = {
    operation: operation.ident,
    method: operation.method,
    path: operation.path.split(/[#?]/)[0] || '/',
    idempotent: IDEMPOTENT.has(operation.method),
    returns,
    credentials,
    bodyMediaType: body.find(isJsonMediaType) ?? body.find((type) => type.startsWith('application/x-www-form-urlencoded')) ?? body[0] ?? null,
    parseAs: operation.responses.some((response) => response.raw && (response.status === undefined || (response.status >= 200 && response.status < 300)))
      ? 'text'
      : 'json',
    query: querySerialisation(document, raw, operation, notes),
    dispatch: operation.route.dispatch,
    mock: operation.route.mock,
  };
  return {
    ident: operation.ident,
    typeName: operation.typeName,
    operationId: operation.operationId,
    method: operation.method,
    path: operation.path,
    summary: operation.summary,
    deprecated: operation.deprecated,
    requestType,
    requestOptional: optional,
    results: results(document, raw, operation, returns),
    call,
    sample: clientSample(operation, requestType),
  };
}

/**
 * The operation's sample request (samples/sample-request.ts: values valid for
 * the blueprint, as text) in the client's shape: path parameters read back
 * from the filled path, segment by segment; the parts the client type has.
 */
function clientSample(operation: OperationModel, requestType: TypeNode): ClientSample {
  const parts = new Set(requestType.kind === 'object' ? requestType.properties.map((property) => property.name) : []);
  const sample: ClientSample = {};
  if (parts.has('params')) {
    const params: Record<string, string> = {};
    const template = operation.path.split(/[#?]/)[0]!.split('/');
    const filled = operation.sample.path.split('/');
    template.forEach((segment, index) => {
      const whole = /^\{([^{}]+)\}$/.exec(segment);
      if (whole) Object.defineProperty(params, whole[1]!, { value: decodeSegment(filled[index] ?? 'x'), enumerable: true });
      else for (const [, name] of segment.matchAll(/\{([^{}]+)\}/g)) Object.defineProperty(params, name!, { value: 'x', enumerable: true });
    });
    sample.params = params;
  }
  const dispatch = operation.route.dispatch;
  const query = Object.fromEntries(Object.entries(operation.sample.query).filter(([name]) => !(dispatch?.in === 'query' && name === dispatch.name)));
  if (parts.has('query') && Object.keys(query).length > 0) sample.query = query;
  const headers = Object.fromEntries(Object.entries(operation.sample.headers).filter(([name]) => !(dispatch?.in === 'header' && name === dispatch.name)));
  if (parts.has('headers') && Object.keys(headers).length > 0) sample.headers = headers;
  if (parts.has('body') && operation.sample.body !== null) sample.body = operation.sample.body;
  return sample;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The Operation Object (and its path item) as written, references followed. */
function rawOperation(document: Json, operation: OperationModel): { operation: Json; pathItem: Json } {
  const pathItem = (followRefs(document, asObject(document.paths)?.[operation.path]) ?? {}) as Json;
  return { operation: (asObject(pathItem[operation.method.toLowerCase()]) ?? {}) as Json, pathItem };
}

/**
 * The service's request type `{ params, query, headers, body }`, turned into
 * what a caller passes: parts the operation does not have are left out, and a
 * part with nothing required in it may be left out.
 */
function clientRequest(operation: OperationModel): { type: TypeNode; optional: boolean } {
  const parts = operation.requestType.kind === 'object' ? operation.requestType.properties : [];
  const properties: PropertyNode[] = [];
  for (const part of parts) {
    if (part.name === 'body') {
      if (part.type.kind === 'primitive' && part.type.name === 'undefined') continue;
      const members = part.type.kind === 'union' ? part.type.members : [part.type];
      const defined = members.filter((member) => !(member.kind === 'primitive' && member.name === 'undefined'));
      properties.push({ name: 'body', optional: defined.length < members.length, type: union(defined), description: undefined });
      continue;
    }
    if (part.type.kind !== 'object' || part.type.properties.length === 0) continue;
    properties.push({ name: part.name, optional: part.type.properties.every((property) => property.optional), type: part.type, description: undefined });
  }
  return { type: { kind: 'object', properties, additional: undefined }, optional: properties.every((property) => property.optional) };
}

function returnedStatuses(raw: { operation: Json }): ReturnedStatuses {
  const returns: ReturnedStatuses = { codes: [], classes: [], default: false };
  for (const key of Object.keys(asObject(raw.operation.responses) ?? {})) {
    const upper = key.toUpperCase();
    if (/^[1-4]\d\d$/.test(upper) && !NEVER_RETURNED.has(Number(upper))) returns.codes.push(Number(upper));
    else if (/^[1-4]XX$/.test(upper)) returns.classes.push(Number(upper[0]));
    else if (upper === 'DEFAULT') returns.default = true;
  }
  return returns;
}

/**
 * One result per returned response, typed by the service's own response
 * models (they are built from the same Responses Object, in the same order,
 * skipping the same entries: not an object, or not a status key).
 */
function results(document: Json, raw: { operation: Json }, operation: OperationModel, returns: ReturnedStatuses): UpstreamResultModel[] {
  const kept: Array<{ key: string }> = [];
  for (const [key, response] of Object.entries(asObject(raw.operation.responses) ?? {})) {
    const followed = followRefs(document, response);
    if (followed === null || typeof followed !== 'object') continue;
    if (!/^([1-5]\d\d|[1-5]XX|DEFAULT)$/.test(key.toUpperCase())) continue;
    kept.push({ key: key.toUpperCase() });
  }
  const out: UpstreamResultModel[] = [];
  operation.responses.forEach((response, index) => {
    const key = kept[index]?.key;
    const literal = response.status;
    const returned =
      literal !== undefined
        ? returns.codes.includes(literal)
        : key === 'DEFAULT'
          ? returns.default
          : key !== undefined && /^[1-4]XX$/.test(key) && returns.classes.includes(Number(key[0]));
    if (!returned) return;
    const bodyType: TypeNode = response.bodyType ?? { kind: 'primitive', name: 'undefined' };
    out.push({ status: literal ?? null, bodyType });
  });
  return out;
}

/** The first alternative of the operation's security that this service can meet: bearer tokens and header keys. */
function chooseCredentials(
  operation: OperationModel,
  schemes: Map<string, SecuritySchemeModel>,
  notes: string[],
): { credentials: UpstreamCallSpec['credentials']; tokenScopes: string[] } {
  const none = { credentials: { token: false, subscriptionKey: false }, tokenScopes: [] };
  const security = operation.route.security;
  if (security.length === 0) return none;
  for (const alternative of security) {
    const kinds = alternative.map(({ scheme }) => schemes.get(scheme));
    const sendable = kinds.every(
      (scheme) =>
        scheme !== undefined && (scheme.kind === 'jwt' || (scheme.kind === 'apiKey' && scheme.in === 'header' && HEADER_NAME.test(scheme.parameterName ?? ''))),
    );
    if (!sendable) continue;
    return {
      credentials: { token: kinds.some((scheme) => scheme!.kind === 'jwt'), subscriptionKey: kinds.some((scheme) => scheme!.kind === 'apiKey') },
      tokenScopes: alternative.filter(({ scheme }) => schemes.get(scheme)!.kind === 'jwt').flatMap(({ scopes }) => scopes),
    };
  }
  notes.push(
    `${operation.method} ${operation.path}: needs credentials this service cannot send (only bearer tokens and subscription keys in a header); it is called without any`,
  );
  return none;
}

function credentialsOf(
  document: Json,
  operations: UpstreamOperationModel[],
  schemes: SecuritySchemeModel[],
  scopes: string[],
  notes: string[],
): UpstreamCredentials {
  const needsToken = operations.some((operation) => operation.call.credentials.token);
  const needsKey = operations.some((operation) => operation.call.credentials.subscriptionKey);
  const raw = asObject(asObject(document.components)?.securitySchemes) ?? {};
  let tokenUrl: string | undefined;
  for (const scheme of Object.values(raw)) {
    tokenUrl ??= asString(asObject(asObject(asObject(followRefs(document, scheme))?.flows)?.clientCredentials)?.tokenUrl);
  }
  const headers = [
    ...new Set(
      schemes
        .filter((scheme) => scheme.kind === 'apiKey' && scheme.in === 'header' && HEADER_NAME.test(scheme.parameterName ?? ''))
        .map((scheme) => scheme.parameterName!),
    ),
  ];
  if (needsKey && headers.length > 1)
    notes.push(`components/securitySchemes: subscription keys in ${headers.length} headers; the key is sent in ${headers[0]}`);
  return {
    token: needsToken
      ? { tokenUrlExample: tokenUrl && /^https:\/\//.test(tokenUrl) ? tokenUrl : 'https://login.example.com/tenant/oauth2/v2.0/token', scopes }
      : null,
    subscriptionKey: needsKey ? { header: headers[0]! } : null,
  };
}

/**
 * Lists and objects in the query: OpenAPI's default is form style, exploded
 * (`?id=1&id=2`, `?a=1&b=2`); openapi-fetch's default for objects is
 * deepObject, so objects are always said. One style per kind per operation.
 */
function querySerialisation(document: Json, raw: { operation: Json; pathItem: Json }, operation: OperationModel, notes: string[]): QuerySerialisation | null {
  const parameters = [...asArray(raw.pathItem.parameters), ...asArray(raw.operation.parameters)]
    .map((parameter) => asObject(followRefs(document, parameter)))
    .filter((parameter): parameter is Json => parameter?.in === 'query');
  let array: QuerySerialisation['array'];
  let object: QuerySerialisation['object'];
  for (const parameter of parameters) {
    const schema = asObject(followRefs(document, parameter.schema));
    const style = asString(parameter.style) ?? 'form';
    const explode = typeof parameter.explode === 'boolean' ? parameter.explode : style === 'form';
    if (isListSchema(schema)) {
      const wanted = { style: style === 'spaceDelimited' || style === 'pipeDelimited' ? style : 'form', explode } as const;
      if (array && (array.style !== wanted.style || array.explode !== wanted.explode))
        notes.push(`${operation.method} ${operation.path}: query lists in two styles; all are sent as ${array.style}`);
      array ??= wanted;
    } else if (schema?.type === 'object' || schema?.properties !== undefined) {
      const wanted = { style: style === 'deepObject' ? 'deepObject' : 'form', explode } as const;
      if (object && (object.style !== wanted.style || object.explode !== wanted.explode))
        notes.push(`${operation.method} ${operation.path}: query objects in two styles; all are sent as ${object.style}`);
      object ??= wanted;
    }
  }
  if (!array && !object) return null;
  return { ...(array && (array.style !== 'form' || !array.explode) ? { array } : {}), object: object ?? { style: 'form', explode: true } };
}

/** The blueprint's first server when it is an absolute http(s) URL; else where a design-first service of it would be. */
function baseUrlExample(document: Json, version: VersionModel, name: string): string {
  const server = asString(asObject(asArray(document.servers)[0])?.url);
  if (server && /^https?:\/\/[^\s{}]+$/.test(server)) return server.replace(/\/+$/, '');
  const pathsCarryIt = version.prefixReason?.startsWith('every path begins') ?? false;
  return `https://${name}.internal${pathsCarryIt ? '' : version.prefix}`;
}
