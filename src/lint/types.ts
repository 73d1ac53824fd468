/**
 * The visitor API: the engine walks the bundled document once and calls each
 * rule's visitors per node kind. A rule reports `{ message, location }`; the
 * engine stamps the rule id, takes the severity from the playbook, and turns
 * the location (a JSON pointer into the bundled document) into file, line and
 * column only for findings that survive the ignores.
 *
 * Values are the raw document: any field may be missing or of the wrong type,
 * so rules read them through the guards in openapi.ts and never throw.
 */
import type { ResolvedPlaybook } from '../playbook/types.js';
import type { HttpMethod, Json } from '../blueprint/openapi.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Place {
  file: string;
  line: number;
  column: number;
  pointer: string;
}

export interface Finding extends Place {
  rule: string;
  severity: Severity;
  message: string;
  /** For a finding inside a `$ref`'d component: the places that reference it. */
  usedAt?: Place[];
  /** For a waived finding: the waiver that covers it. */
  waiver?: Waiver;
}

/** An `x-lint-ignore` entry (source `blueprint`) or a playbook `ignore` entry, where it is written. */
export interface Waiver extends Place {
  source: 'blueprint' | 'playbook';
  reason: string | null;
  expires: string | null;
}

/** What a rule reports: the engine adds the rule id. `location` is a JSON pointer into the bundled document. */
export interface Report {
  message: string;
  location: string;
}

export interface DocumentNode {
  value: Json;
  pointer: '';
}

export interface ServerNode {
  value: Json;
  pointer: string;
}

export interface PathItemNode {
  /** The path template as written (`/pets/{petId}`). */
  path: string;
  value: Json;
  /** Where the path item's content lives (a component when the path item is a `$ref`). */
  pointer: string;
  /** `/paths/<path>`: where the path key is written. */
  keyPointer: string;
}

export interface OperationNode {
  path: string;
  method: HttpMethod;
  value: Json;
  pointer: string;
  pathItem: PathItemNode;
}

/** Parameters, request bodies, responses and media types are visited where they are written, once. */
export interface ParameterNode {
  value: Json;
  pointer: string;
}

export interface RequestBodyNode {
  value: Json;
  pointer: string;
}

export interface ResponseNode {
  value: Json;
  pointer: string;
}

export interface HeaderNode {
  name: string;
  value: Json;
  pointer: string;
}

export interface MediaTypeNode {
  /** The content key, such as `application/json; charset=utf-8`. */
  mediaType: string;
  value: Json;
  pointer: string;
}

export interface SchemaNode {
  value: Json;
  pointer: string;
  /** The schema this one is nested in, when the walk came through one (not across `$ref`s). */
  parent: SchemaNode | undefined;
  /** The property name when this schema sits under a parent's `properties`. */
  property: string | undefined;
}

export interface SecuritySchemeNode {
  name: string;
  value: Json;
  pointer: string;
}

/** What a rule does at each kind of node; a visitor may be async (its findings are awaited before lint reports). */
export interface Visitor {
  document?(node: DocumentNode): void | Promise<void>;
  server?(node: ServerNode): void | Promise<void>;
  pathItem?(node: PathItemNode): void | Promise<void>;
  operation?(node: OperationNode): void | Promise<void>;
  parameter?(node: ParameterNode): void | Promise<void>;
  requestBody?(node: RequestBodyNode): void | Promise<void>;
  response?(node: ResponseNode): void | Promise<void>;
  header?(node: HeaderNode): void | Promise<void>;
  mediaType?(node: MediaTypeNode): void | Promise<void>;
  schema?(node: SchemaNode): void | Promise<void>;
  securityScheme?(node: SecuritySchemeNode): void | Promise<void>;
  /** After the walk: for rules that compare things across the document. */
  documentEnd?(): void | Promise<void>;
}

export type NodeKind = Exclude<keyof Visitor, 'documentEnd'>;

/** A value reached through `$ref`s, with the pointer where it is written. */
export interface Resolved {
  value: Json;
  pointer: string;
}

export interface OperationResponse extends Resolved {
  /** The status key as written: `200`, `4XX`, `default`. */
  status: string;
  /** Where the response (or its `$ref`) is written in the operation. */
  usePointer: string;
}

export interface OperationParameter extends Resolved {
  name: string;
  in: string;
}

/** A GET that returns a list of resources, as decided once for every rule that asks. */
export interface Collection {
  /** The last literal path segment (`training-courses`). */
  resource: string;
  response: OperationResponse;
  /** The JSON media type's schema, resolved. */
  schema: Resolved;
  /** Where the schema (or its `$ref`) is written in the response. */
  schemaUsePointer: string;
  topLevelArray: boolean;
  /** Names of the array-valued properties of the response object. */
  arrayProperties: string[];
}

export interface RuleContext {
  readonly document: Json;
  readonly specVersion: '3.0' | '3.1';
  readonly playbook: ResolvedPlaybook;
  /** The options the playbook gives this rule (`rules: { id: { severity, options } }`), checked against the rule's `options` schema; undefined when none. */
  readonly options: unknown;
  report(report: Report): void;
  /** Follow `$ref`s (memoised); undefined when the target is missing or not an object. */
  resolve(value: unknown, pointer: string): Resolved | undefined;
  /** The operation's parameters, path-level merged with its own (its own win), resolved. */
  parameters(operation: OperationNode): OperationParameter[];
  /** The operation's responses, resolved. */
  responses(operation: OperationNode): OperationResponse[];
  /** The security requirements in force: the operation's own, else the document's; undefined when neither. */
  security(operation: OperationNode): unknown[] | undefined;
  /** Every property of an object schema, through `allOf` and `$ref`s, resolved. */
  properties(schema: Resolved): Map<string, Resolved>;
  /** The collection this operation returns, if it is a collection GET. */
  collection(operation: OperationNode): Collection | undefined;
}

export interface RuleDefinition {
  /** kebab-case id, the key in the playbook's `rules`. */
  id: string;
  /** One line: what the rule checks. */
  description: string;
  /** One line: how to fix a finding. */
  fix: string;
  /** A JSON Schema for the options a playbook may give the rule; without one, the rule takes none. */
  options?: object;
  create(context: RuleContext): Visitor;
}

/** What reports say about a rule: its one-line description and fix, and its level in the playbook. */
export type RuleMeta = Pick<RuleDefinition, 'id' | 'description' | 'fix'> & {
  /** The severity the playbook gives the rule (SARIF's default level); undefined when unknown. */
  severity?: Severity;
  /** Where the rule is documented, when not in docs/lint.md (a Spectral rule's documentation URL). */
  helpUri?: string;
};

/** Identity helper that gives custom rule authors type checking. */
export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}
