/** The built-in rules, in the order of PLAYBOOK-RULES.md; each file holds one rule named by its id. */
import openapiVersion3 from './openapi-version-3.js';
import infoMetadata from './info-metadata.js';
import serversHttps from './servers-https.js';
import operationDocumented from './operation-documented.js';
import examplesValid from './examples-valid.js';
import pathKebabCase from './path-kebab-case.js';
import pathNoTrailingSlash from './path-no-trailing-slash.js';
import pathNoVerbs from './path-no-verbs.js';
import pathMaxDepth from './path-max-depth.js';
import pathCollectionsPlural from './path-collections-plural.js';
import noIdInQuery from './no-id-in-query.js';
import noActionInQuery from './no-action-in-query.js';
import getNoRequestBody from './get-no-request-body.js';
import oneUriPerResource from './one-uri-per-resource.js';
import noSystemKeys from './no-system-keys.js';
import jsonMediaType from './json-media-type.js';
import responseTopLevelObject from './response-top-level-object.js';
import noDataDerivedKeys from './no-data-derived-keys.js';
import propertyCasing from './property-casing.js';
import dateTimeFormat from './date-time-format.js';
import geoGeojson from './geo-geojson.js';
import numericFormat from './numeric-format.js';
import charsetUtf8 from './charset-utf8.js';
import pagingPageParam from './paging-page-param.js';
import pagingMandatory400 from './paging-mandatory-400.js';
import collectionEnvelope from './collection-envelope.js';
import linkObjectShape from './link-object-shape.js';
import errorResponsesDefined from './error-responses-defined.js';
import errorBodySchema from './error-body-schema.js';
import errorNoInternals from './error-no-internals.js';
import versioningStrategy from './versioning-strategy.js';
import securityDefined from './security-defined.js';
import securityInternalOauth2Cc from './security-internal-oauth2-cc.js';
import securityExternalSubscriptionKey from './security-external-subscription-key.js';
import noHttpBasic from './no-http-basic.js';
import rateLimitDocumented from './rate-limit-documented.js';
import ignoreWithoutReason from './ignore-without-reason.js';
import type { RuleDefinition } from '../types.js';

export const BUILT_IN_RULE_DEFINITIONS: readonly RuleDefinition[] = [
  openapiVersion3,
  infoMetadata,
  serversHttps,
  operationDocumented,
  examplesValid,
  pathKebabCase,
  pathNoTrailingSlash,
  pathNoVerbs,
  pathMaxDepth,
  pathCollectionsPlural,
  noIdInQuery,
  noActionInQuery,
  getNoRequestBody,
  oneUriPerResource,
  noSystemKeys,
  jsonMediaType,
  responseTopLevelObject,
  noDataDerivedKeys,
  propertyCasing,
  dateTimeFormat,
  geoGeojson,
  numericFormat,
  charsetUtf8,
  pagingPageParam,
  pagingMandatory400,
  collectionEnvelope,
  linkObjectShape,
  errorResponsesDefined,
  errorBodySchema,
  errorNoInternals,
  versioningStrategy,
  securityDefined,
  securityInternalOauth2Cc,
  securityExternalSubscriptionKey,
  noHttpBasic,
  rateLimitDocumented,
  ignoreWithoutReason,
];
