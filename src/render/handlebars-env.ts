/**
 * The one Handlebars environment templates are rendered in: isolated
 * (`Handlebars.create()`), strict (a missing field fails loudly), and with
 * `{{ }}` escaping switched to "refuse": every value must go through a helper
 * made for its context, so forgetting one is an error, not an injection.
 */
import Handlebars from 'handlebars';
import type { VersionModel } from '../model/service-model.js';
import type { TypeNode } from '../model/type-node.js';
import { commentText, htmlText, jsonBlock, jsonLiteral, lineText, markdownText, stringLiteral } from './escape.js';
import { assertIdentifier, printType } from './ts-printer.js';

export type Environment = typeof Handlebars;

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
    /** A double-quoted JS/TS string literal. */
    str: (value: string) => safe(stringLiteral(String(value))),
    /** A JSON value inside TS: `JSON.parse("...")`, so keys like __proto__ stay data. */
    json: (value: unknown) => safe(`JSON.parse(${jsonLiteral(value)})`),
    /** A JSON document (for .json files): plain JSON.stringify. */
    jsonFile: (value: unknown) => safe(JSON.stringify(value, null, 2)),
    /** Text inside a block comment. */
    comment: (value: string) => safe(commentText(String(value))),
    /** One line of text (line comments, YAML comments). */
    line: (value: string) => safe(lineText(String(value))),
    html: (value: string) => safe(htmlText(String(value))),
    md: (value: string) => safe(markdownText(String(value))),
    /** Text inside a Markdown code span: backslashes do not escape there, so backticks and breaks go. */
    code: (value: string) => safe(lineText(String(value)).replace(/`/g, "'")),
    /** A YAML double-quoted scalar (JSON strings are valid YAML). */
    yamlStr: (value: string) => safe(stringLiteral(String(value))),
    ident: (value: string) => safe(assertIdentifier(String(value))),
    type: (value: TypeNode, prefix: unknown) => safe(printType(value, '', typeof prefix === 'string' ? assertPrefix(prefix) : '')),
    sampleTable: (version: VersionModel) =>
      safe(JSON.stringify(Object.fromEntries(version.operations.map((operation) => [operation.ident, operation.sample])), null, 1)),
    routeTable: (version: VersionModel) => safe(`JSON.parse(${jsonBlock(version.operations.map((operation) => operation.route))})`),
    /** A JSON value inside TS as indented text a reviewer can read: `JSON.parse(String.raw`...`)`. */
    jsonBlock: (value: unknown) => safe(`JSON.parse(${jsonBlock(value)})`),
    eq: (a: unknown, b: unknown) => a === b,
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
  return env.compile(source, { strict: true, noEscape: false, preventIndent: true, knownHelpersOnly: false, data: true, compat: false, explicitPartialContext: true, assumeObjects: false, knownHelpers: {}, ...{ srcName: name } });
}

function assertPrefix(prefix: string): string {
  if (!/^([A-Za-z_$][A-Za-z0-9_$]*\.)?$/.test(prefix)) throw new Error(`unsafe type prefix ${JSON.stringify(prefix)}`);
  return prefix;
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
        throw new Error(`{{{…}}} and {{&…}} print without escaping${at}: use {{helper value}} with an escaping helper (str, comment, line, html, md, ident, type, json)`);
      }
      super.MustacheStatement(mustache);
    }
  }
  new RawOutput().accept(env.parse(source));
}
