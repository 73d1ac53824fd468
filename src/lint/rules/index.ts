/** The built-in rules: the playbook's in the order of PLAYBOOK-RULES.md, then those about waivers, then the generic ones; each file holds one rule named by its id. */
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
import ignoreUnknownRule from './ignore-unknown-rule.js';
import ignoreUnused from './ignore-unused.js';
import ignoreExpired from './ignore-expired.js';
import ignoreNotAllowed from './ignore-not-allowed.js';
import oas3Schema from './oas3-schema.js';
import pathParams from './path-params.js';
import noIdenticalPaths from './no-identical-paths.js';
import noAmbiguousPaths from './no-ambiguous-paths.js';
import operationOperationidUnique from './operation-operationid-unique.js';
import operationParametersUnique from './operation-parameters-unique.js';
import operationOperationidUrlSafe from './operation-operationid-url-safe.js';
import operationTagDefined from './operation-tag-defined.js';
import securityScopesDefined from './security-scopes-defined.js';
import operation2xxResponse from './operation-2xx-response.js';
import noRefSiblings from './no-ref-siblings.js';
import noUnusedComponents from './no-unused-components.js';
import oas3ServerVariables from './oas3-server-variables.js';
import noServerTrailingSlash from './no-server-trailing-slash.js';
import noServerExampleCom from './no-server-example-com.js';
import typedEnum from './typed-enum.js';
import duplicatedEntryInEnum from './duplicated-entry-in-enum.js';
import arrayItems from './array-items.js';
import noRequiredSchemaPropertiesUndefined from './no-required-schema-properties-undefined.js';
import nullableTypeSibling from './nullable-type-sibling.js';
import noScriptTagsInMarkdown from './no-script-tags-in-markdown.js';
import noEvalInMarkdown from './no-eval-in-markdown.js';
import noUnsatisfiableSchemas from './no-unsatisfiable-schemas.js';
import noSameValueCycles from './no-same-value-cycles.js';
import noEmptyPaths from './no-empty-paths.js';
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
  ignoreUnknownRule,
  ignoreUnused,
  ignoreExpired,
  ignoreNotAllowed,
  oas3Schema,
  pathParams,
  noIdenticalPaths,
  noAmbiguousPaths,
  operationOperationidUnique,
  operationParametersUnique,
  operationOperationidUrlSafe,
  operationTagDefined,
  securityScopesDefined,
  operation2xxResponse,
  noRefSiblings,
  noUnusedComponents,
  oas3ServerVariables,
  noServerTrailingSlash,
  noServerExampleCom,
  typedEnum,
  duplicatedEntryInEnum,
  arrayItems,
  noRequiredSchemaPropertiesUndefined,
  nullableTypeSibling,
  noScriptTagsInMarkdown,
  noEvalInMarkdown,
  noUnsatisfiableSchemas,
  noSameValueCycles,
  noEmptyPaths,
];
