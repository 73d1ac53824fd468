/** A rule id: lower-case words joined by hyphens, optionally namespaced with `/` (`spectral/info-contact`). */
export const RULE_ID_PATTERN = '^[a-z0-9]+(?:[-/][a-z0-9]+)*$';
