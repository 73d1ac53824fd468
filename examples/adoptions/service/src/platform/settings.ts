/**
 * The playbook's choices for this service, fixed when it was generated.
 * Written from the playbook; change the playbook and run `design-first update`.
 */
export const settings = {
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
  errorShape: 'problem' as 'problem' | 'playbook',
  /** Prefix of this service's keys in a shared store (Redis). */
  serviceName: 'adoptions-api',
} as const;
