/**
 * One error shape for every failure. Handlers throw `problem(...)` for business
 * errors; the platform turns everything else into the same shape. The shape is
 * the playbook's choice (settings.errorShape):
 *
 * - `problem`: RFC 9457 problem details, `application/problem+json`:
 *   `{ type, title, status, detail, instance, requestId, errors? }`;
 * - `playbook`: `application/json`: `{ Message, Errors: [{ In, Pointer, Detail }] }`,
 *   member names in the playbook's property casing.
 *
 * Each version answers in the shape of the playbook it was published under
 * (settings.versions), so a later playbook does not change a published contract.
 *
 * Nothing internal ever reaches the body: only the detail written here or by a handler.
 */
import { settings } from './settings.js';

export interface FieldError {
  /** Where the problem is: `body`, `query`, `path` or `header`. */
  in: string;
  /** JSON pointer inside that part (`/Name`, or `/page` for a query parameter). */
  pointer: string;
  detail: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
}

/** The statuses a failure may answer with. */
export type ErrorStatus =
  | 400 | 401 | 402 | 403 | 404 | 405 | 406 | 408 | 409 | 410 | 411 | 412 | 413 | 414 | 415 | 416 | 417 | 421 | 422 | 423 | 424 | 425 | 426 | 428 | 429 | 431 | 451
  | 500 | 501 | 502 | 503 | 504 | 507;

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  421: 'Misdirected Request',
  422: 'Unprocessable Content',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  507: 'Insufficient Storage',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** What every client error says besides what is wrong. */
export const NOT_REPEAT = 'Do not repeat the request unchanged.';

/** A failure a handler reports on purpose; its detail is shown to the caller. */
export class ProblemError extends Error {
  readonly status: ErrorStatus;
  readonly detail: string;
  readonly type: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(status: ErrorStatus, detail: string, options: ProblemOptions = {}) {
    super(detail);
    this.name = 'ProblemError';
    this.status = status;
    this.detail = detail;
    this.type = options.type ?? 'about:blank';
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

export interface ProblemOptions {
  /** A URI naming the kind of problem (RFC 9457 `type`); `about:blank` when not given. */
  type?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

/**
 * A business error for the caller: `throw problem(409, 'A course with this code already exists.')`.
 * The detail is sent as written (for a 4xx, "Do not repeat the request unchanged." is added
 * when it does not already say so); never put internal details in it.
 */
export function problem(status: ErrorStatus, detail: string, options?: ProblemOptions): ProblemError {
  return new ProblemError(status, detail, options);
}

/** An error shape and the member names of its `playbook` form. */
export interface ErrorContract {
  errorShape: 'problem' | 'playbook';
  errorMembers: Record<'message' | 'errors' | 'in' | 'pointer' | 'detail', string>;
}

/**
 * The error shape a request is answered in: its version's (the playbook that
 * version was published under), else the service's.
 */
export function errorContractFor(url: string): ErrorContract {
  const path = url.split('?', 1)[0]!;
  for (const [prefix, contract] of Object.entries(settings.versions)) {
    if (path === prefix || path.startsWith(`${prefix}/`)) return contract;
  }
  return settings;
}

/** The body and media type of a failure, in an error shape (the service's when not given). */
export function errorBody(body: ProblemBody, contract: ErrorContract = settings): { contentType: string; payload: string } {
  if (contract.errorShape === 'playbook') {
    const names = contract.errorMembers;
    const errors = (body.errors ?? []).map((error) => ({ [names.in]: error.in, [names.pointer]: error.pointer, [names.detail]: error.detail }));
    return { contentType: 'application/json; charset=utf-8', payload: JSON.stringify({ [names.message]: body.detail, [names.errors]: errors }) };
  }
  return { contentType: 'application/problem+json; charset=utf-8', payload: JSON.stringify(body) };
}
