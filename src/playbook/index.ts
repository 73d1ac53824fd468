/** The playbook: rules, profiles and settings an organisation owns (docs/playbook.md). */
export { loadPlaybook, placeInPlaybook } from './load.js';
export { locatePlaybook, parsePackageSource, resolvePackage, type PlaybookRef } from './locate.js';
export { BUILT_IN_RULES, DEFAULT_SETTINGS, DEFAULT_SYSTEM_KEYS, ERROR_SHAPES, envelopeFor, type BuiltInRuleId } from './defaults.js';
export type {
  Envelope,
  ErrorShape,
  IgnoreEntry,
  PagingStyle,
  PlaybookFile,
  Profile,
  PropertyCasing,
  ResolvedPlaybook,
  RuleSetting,
  VersioningStyle,
  WaiverPolicy,
} from './types.js';
