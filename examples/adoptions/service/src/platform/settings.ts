/**
 * The playbook's choices for this service, fixed when it was generated.
 * Written from the playbook; change the playbook and run `design-first update`.
 */
export const settings = {
  /** The playbook this service was last generated with (a null name: design-first's built-in playbook). */
  playbook: { name: null, version: null } as PlaybookIdentity,
  bodyLimitBytes: 1048576,
  pageSize: 20,
  unpagedMaximum: 100,
  subscriptionKeyHeader: 'Ocp-Apim-Subscription-Key',
  envelope: {
    page: 'Page',
    links: 'Links',
    rel: 'Rel',
    href: 'Href',
    type: 'Type',
  },
  rateLimit: { max: 100, windowSeconds: 60 },
  /** `problem`: RFC 9457 application/problem+json; `playbook`: application/json with a message and a list of errors. */
  errorShape: 'problem' as ErrorShape,
  /** Member names of the `playbook` error shape, in the playbook's property casing. */
  errorMembers: {
    message: 'Message',
    errors: 'Errors',
    in: 'In',
    pointer: 'Pointer',
    detail: 'Detail',
  },
  /**
   * What each version answers errors with: the error shape of the playbook it
   * was published under, which a later playbook does not change. Requests
   * outside every version (an unknown path, /health) use the service's above.
   */
  versions: {
    '/v1': {
      playbook: { name: null, version: null },
      errorShape: 'problem' as ErrorShape,
      errorMembers: {
        message: 'Message',
        errors: 'Errors',
        in: 'In',
        pointer: 'Pointer',
        detail: 'Detail',
      },
    },
  } as Record<
    string,
    { playbook: PlaybookIdentity; errorShape: ErrorShape; errorMembers: ErrorMembers }
  >,
  /** Prefix of this service's keys in a shared store (Redis). */
  serviceName: 'adoptions-api',
} as const;

export type ErrorShape = 'problem' | 'playbook';
export type PlaybookIdentity = { name: string | null; version: string | null };
export type ErrorMembers = Record<'message' | 'errors' | 'in' | 'pointer' | 'detail', string>;
