/**
 * Is an answer one the blueprint declares? Any declared status (exact, range
 * such as 2XX, or `default`) with a valid answer for it passes: a media type
 * the response lists, a body its schema accepts, and every required header,
 * each with a value its schema accepts. Anything else is one message naming
 * the operation, the status and the JSON pointer of what was not met.
 */
import type { RouteSpec } from '../src/platform/version-module.js';
import { headerErrors, responseSchema, schemaErrors } from './helpers.js';

/** One operation's entry of test/generated/<version>.contract.json (written by design-first from the blueprint). */
export interface OperationContract {
  /** The team's handler and scenario files, relative to the service root. */
  handler: string;
  scenario: string;
  /** The path as the blueprint writes it. */
  path: string;
  /** The path as served under the version prefix, with `{name}` for each path parameter. */
  pathTemplate: string;
  responses: Array<{
    /** `200`, `2xx` or `default`. */
    key: string;
    /** Where the response is declared in the blueprint. */
    pointer: string;
    contentTypes: string[];
    headers: Array<{ name: string; required: boolean; schema: unknown; pointer: string }>;
  }>;
}

export interface Answer {
  method: string;
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

/**
 * Why the answer breaks the blueprint, in one message; undefined when it keeps
 * it. A 5xx is a failure of the service even when declared, unless `expected`
 * (a scenario's `expect`) names it.
 */
export function contractFailure(
  versionKey: string,
  route: RouteSpec,
  contract: OperationContract,
  answer: Answer,
  expected?: readonly number[],
): string | undefined {
  const where = `operation ${route.operationId} (${versionKey} ${route.method} ${contract.path}) answered ${answer.status}`;
  if (answer.status >= 500 && !expected?.includes(answer.status)) {
    return `${where}: the service failed (run with LOG_LEVEL=error to see why; a scenario that means it to lists it in expect); body: ${answer.body.slice(0, 300)}`;
  }
  const declared = declaredResponse(contract, answer.status);
  if (!declared) {
    const keys = contract.responses.map((response) => response.key).join(', ') || 'none';
    return `${where}, a status the blueprint does not declare (declared: ${keys}; #${responsesPointer(contract)}); body: ${answer.body.slice(0, 300)}`;
  }
  const mediaType = String(answer.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const hasBody = answer.body !== '' && answer.method !== 'HEAD';
  if (hasBody && declared.contentTypes.length === 0) {
    return `${where} with a body (${mediaType || 'no content type'}), but #${declared.pointer} declares none; body: ${answer.body.slice(0, 300)}`;
  }
  const contentType = declared.contentTypes.find((type) => mediaTypeMatches(type, mediaType));
  if (hasBody && contentType === undefined) {
    return `${where} as ${mediaType || 'no content type'}, which #${declared.pointer}/content does not list (${declared.contentTypes.join(', ')})`;
  }
  for (const header of declared.headers) {
    const value = answer.headers[header.name.toLowerCase()];
    if (value === undefined) {
      if (header.required)
        return `${where} without the required header ${header.name} (#${header.pointer})`;
      continue;
    }
    const problems = headerErrors(
      header.schema,
      Array.isArray(value) ? value.join(', ') : String(value),
    );
    if (problems.length > 0)
      return `${where} with header ${header.name}: ${problems.join('; ')} (#${header.pointer}/schema)`;
  }
  if (hasBody && /json/.test(mediaType)) {
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return `${where} with a body that is not JSON, as ${mediaType} (#${declared.pointer}); body: ${answer.body.slice(0, 300)}`;
    }
    const problems = schemaErrors(responseSchema(route, answer.status), body);
    const schemaPointer = `#${declared.pointer}/content/${(contentType ?? mediaType).replace(/~/g, '~0').replace(/\//g, '~1')}/schema`;
    if (problems.length > 0)
      return `${where} with a body the blueprint does not allow: ${problems.slice(0, 5).join('; ')} (${schemaPointer})`;
  }
  return undefined;
}

/** The declared response an answer's status falls under: its own, else its range, else `default`. */
function declaredResponse(
  contract: OperationContract,
  status: number,
): OperationContract['responses'][number] | undefined {
  const find = (key: string) => contract.responses.find((response) => response.key === key);
  return find(String(status)) ?? find(`${Math.floor(status / 100)}xx`) ?? find('default');
}

/** `#/paths/~1pets/get/responses`, from any of the operation's response pointers. */
function responsesPointer(contract: OperationContract): string {
  const first = contract.responses[0]?.pointer;
  return first ? first.slice(0, first.lastIndexOf('/')) : 'no responses';
}

/** `application/json` matches itself, `application/*` and `*\/*`, whatever the case and parameters. */
function mediaTypeMatches(declared: string, actual: string): boolean {
  const [type, subtype] = declared.split(';')[0]!.trim().toLowerCase().split('/');
  const [actualType, actualSubtype] = actual.split('/');
  return (type === '*' || type === actualType) && (subtype === '*' || subtype === actualSubtype);
}
