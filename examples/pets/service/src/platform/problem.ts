/**
 * One error shape for every failure (RFC 9457 problem details). Handlers throw
 * `problem(...)` for business errors; the platform turns everything else into
 * the same shape. Nothing internal ever reaches the body.
 */

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

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error');
}

/** A failure a handler reports on purpose; its detail is shown to the caller. */
export class ProblemError extends Error {
  readonly status: number;
  readonly detail: string;
  readonly type: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    detail: string,
    options: { type?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
    this.status = status;
    this.detail = detail;
    this.type = options.type ?? 'about:blank';
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }
}

/** `throw problem(409, 'A course with this code already exists.')` */
export function problem(
  status: number,
  detail: string,
  options?: { type?: string; errors?: FieldError[]; headers?: Record<string, string> },
): ProblemError {
  return new ProblemError(status, detail, options);
}
