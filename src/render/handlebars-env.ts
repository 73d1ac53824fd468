/**
 * The one Handlebars environment templates are rendered in: isolated
 * (`Handlebars.create()`), strict (a missing field fails loudly), and with
 * `{{ }}` escaping switched to "refuse": every value must go through a helper
 * made for its context, so forgetting one is an error, not an injection.
 */
import Handlebars from 'handlebars';
import leven from 'leven';
import type { VersionModel } from '../model/service-model.js';
import type { TypeNode } from '../model/type-node.js';
import { commentText, htmlText, jsonBlock, jsonLiteral, lineText, markdownText, stringLiteral } from './escape.js';
import { definitionsJsonl, mockBodiesJsonl, routeDataJson } from './route-data.js';
import { assertIdentifier, printType } from './ts-printer.js';

export type Environment = typeof Handlebars;

/** What each escaping helper does to a value: the contexts a custom helper may declare it writes for (extensions.ts). */
export const ESCAPERS = {
  /** A double-quoted JS/TS string literal. */
  str: (value: unknown) => stringLiteral(String(value)),
  /** A JSON value inside TS: `JSON.parse("...")`, so keys like __proto__ stay data. */
  json: (value: unknown) => `JSON.parse(${jsonLiteral(value)})`,
  /** Text inside a block comment. */
  comment: (value: unknown) => commentText(String(value)),
  /** One line of text (line comments, YAML comments). */
  line: (value: unknown) => lineText(String(value)),
  html: (value: unknown) => htmlText(String(value)),
  md: (value: unknown) => markdownText(String(value)),
  /** Text inside a Markdown code span: backslashes do not escape there, so backticks and breaks go. */
  code: (value: unknown) => lineText(String(value)).replace(/`/g, "'"),
  /** A YAML double-quoted scalar (JSON strings are valid YAML). */
  yamlStr: (value: unknown) => stringLiteral(String(value)),
  ident: (value: unknown) => assertIdentifier(String(value)),
} as const;

export function createEnvironment(): Environment {
  const env = Handlebars.create();
  // `{{value}}` without a helper would HTML-escape, which is the wrong escaping for code.
  env.Utils.escapeExpression = (value: unknown) => {
    if (value instanceof env.SafeString) return value.toString();
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new Error(`a template printed ${JSON.stringify(String(value)).slice(0, 60)} without an escaping helper`);
  };
  const safe = (text: string) => new env.SafeString(text);
  const helpers: Record<string, (...args: never[]) => unknown> = {
    str: (value: unknown) => safe(ESCAPERS.str(value)),
    json: (value: unknown) => safe(ESCAPERS.json(value)),
    /** A JSON document (for .json files): plain JSON.stringify. */
    jsonFile: (value: unknown) => safe(JSON.stringify(value, null, 2)),
    comment: (value: unknown) => safe(ESCAPERS.comment(value)),
    line: (value: unknown) => safe(ESCAPERS.line(value)),
    html: (value: unknown) => safe(ESCAPERS.html(value)),
    md: (value: unknown) => safe(ESCAPERS.md(value)),
    code: (value: unknown) => safe(ESCAPERS.code(value)),
    yamlStr: (value: unknown) => safe(ESCAPERS.yamlStr(value)),
    ident: (value: unknown) => safe(ESCAPERS.ident(value)),
    type: (value: TypeNode, prefix: unknown) => safe(printType(value, '', typeof prefix === 'string' ? assertPrefix(prefix) : '')),
    sampleTable: (version: VersionModel) =>
      safe(JSON.stringify(Object.fromEntries(version.operations.map((operation) => [operation.ident, operation.sample])), null, 1)),
    /** What the contract tests hold each operation's answers to, with its handler and scenario files (model and render make both paths from safe segments). */
    contractTable: (version: VersionModel) =>
      safe(
        JSON.stringify(
          Object.fromEntries(
            version.operations.map((operation) => [
              operation.ident,
              {
                handler: `src/handlers/${version.key}/${operation.handlerModule}.ts`,
                scenario: `test/scenarios/${version.key}/${operation.handlerModule}.ts`,
                ...operation.contract,
              },
            ]),
          ),
          null,
          1,
        ),
      ),
    /** A version's route table as the JSON data file the service reads (src/generated/<version>/routes.json). */
    routeData: (version: VersionModel) => safe(routeDataJson(version)),
    /** Its shared definitions, one JSON line each (src/generated/<version>/definitions.jsonl). */
    definitionsData: (version: VersionModel) => safe(definitionsJsonl(version)),
    /** Its mock answers' bodies, one JSON line per route (src/generated/<version>/mock-bodies.jsonl). */
    mockBodies: (version: VersionModel) => safe(mockBodiesJsonl(version)),
    /** The route table inside TS (operations.ts before it became routes.json): kept for template sets that still use it. */
    routeTable: (version: VersionModel) => safe(`JSON.parse(${jsonBlock(version.operations.map((operation) => operation.route))})`),
    /** A JSON value inside TS as indented text a reviewer can read: `JSON.parse(String.raw`...`)`. */
    jsonBlock: (value: unknown) => safe(`JSON.parse(${jsonBlock(value)})`),
    /** A version's shared definitions ({ request, response } of { $id, $defs }): one line per definition. */
    definitionsBlock: (value: unknown) => safe(`JSON.parse(${jsonBlock(value, 3)})`),
    eq: (a: unknown, b: unknown) => a === b,
    /**
     * Whether the text made of `parts` fits in `width` columns: templates written once per
     * operation (not run through prettier, for speed) pick the layout prettier would print.
     */
    fits: (width: number, ...parts: unknown[]) => parts.slice(0, -1).map(String).join('').length <= width,
    /** A raw module path made by the model from safe segments. */
    modulePath: (value: string) => {
      if (!/^[a-z0-9-]+\/[A-Za-z0-9_$]+$/.test(String(value))) throw new Error(`unsafe module path ${JSON.stringify(value)}`);
      return safe(String(value));
    },
  };
  for (const [name, helper] of Object.entries(helpers)) env.registerHelper(name, helper as Handlebars.HelperDelegate);
  return env;
}

export function compileTemplate(env: Environment, source: string, name: string): HandlebarsTemplateDelegate {
  refuseUnescapedOutput(env, source);
  const ast = env.parse(source);
  const paths = strictEverywhere(ast);
  const template = env.compile(ast, {
    strict: true,
    noEscape: false,
    preventIndent: true,
    knownHelpersOnly: false,
    data: true,
    compat: false,
    explicitPartialContext: true,
    assumeObjects: false,
    knownHelpers: {},
    ...{ srcName: name },
  });
  return (context, options) => {
    try {
      return template(context, options);
    } catch (error) {
      throw missingField(error, paths, context);
    }
  };
}

function assertPrefix(prefix: string): string {
  if (!/^([A-Za-z_$][A-Za-z0-9_$]*\.)?$/.test(prefix)) throw new Error(`unsafe type prefix ${JSON.stringify(prefix)}`);
  return prefix;
}

/**
 * Handlebars' `strict` checks the fields a template prints directly
 * (`{{model.title}}`), not those it hands to a helper (`{{md model.titel}}`
 * rendered "undefined") or a block (`{{#each model.versoins}}` rendered
 * nothing). Marking every path strict makes each of those a missing field
 * too: an error naming the field and its line (render.ts adds the template).
 */
function strictEverywhere(ast: hbs.AST.Program): PathAt[] {
  const paths: PathAt[] = [];
  class Strict extends Handlebars.Visitor {
    override PathExpression(path: hbs.AST.PathExpression): void {
      (path as hbs.AST.PathExpression & { strict?: boolean }).strict = true;
      if (path.loc) paths.push({ line: path.loc.start.line, column: path.loc.start.column, original: path.original, parts: path.parts });
    }
  }
  new Strict().accept(ast);
  return paths;
}

interface PathAt {
  line: number;
  column: number;
  original: string;
  parts: string[];
}

/**
 * Handlebars says `"titel" not defined in [object Object] - 2:7`; this says
 * `line 2: model.titel is not a field (did you mean model.title?)`, the
 * suggestion made when the path's parent can be found from the template's
 * top-level context (not inside an #each, whose items it cannot see).
 */
function missingField(error: unknown, paths: readonly PathAt[], context: unknown): unknown {
  const failure = error as { message?: string; lineNumber?: number; column?: number };
  const at = paths.find((path) => path.line === failure.lineNumber && path.column === failure.column);
  if (!at || !/ not defined in /.test(String(failure.message))) return error;
  let parent: unknown = context;
  for (const part of at.parts.slice(0, -1)) parent = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[part] : undefined;
  const last = at.parts.at(-1) ?? '';
  const keys = parent !== null && typeof parent === 'object' ? Object.keys(parent) : [];
  const close = keys.map((key) => ({ key, distance: leven(key.toLowerCase(), last.toLowerCase()) })).sort((a, b) => a.distance - b.distance)[0];
  const suggestion =
    close && close.distance <= Math.max(2, Math.floor(last.length / 3)) ? ` (did you mean ${[...at.parts.slice(0, -1), close.key].join('.')}?)` : '';
  return new Error(`line ${at.line}: ${at.original} is not a field${suggestion}`);
}

/**
 * `{{{value}}}` and `{{& value}}` print without calling escapeExpression, so
 * they would get past the "refuse" policy above: a template (a playbook's
 * override, say) may not use them at all. Helpers already return safe text.
 */
function refuseUnescapedOutput(env: Environment, source: string): void {
  class RawOutput extends Handlebars.Visitor {
    override MustacheStatement(mustache: hbs.AST.MustacheStatement): void {
      if (!mustache.escaped) {
        const at = mustache.loc ? ` (line ${mustache.loc.start.line})` : '';
        throw new Error(
          `{{{…}}} and {{&…}} print without escaping${at}: use {{helper value}} with an escaping helper (str, comment, line, html, md, ident, type, json)`,
        );
      }
      super.MustacheStatement(mustache);
    }
  }
  new RawOutput().accept(env.parse(source));
}
