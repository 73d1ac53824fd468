/**
 * Strings a hostile blueprint carries. Each one, if it were ever executed as
 * JavaScript/TypeScript (by the generator, the type-check, the generated tests
 * or the running service), or used as a file name, would leave a trace: the
 * canary file is created, or a file appears outside the output folder.
 *
 * The code they carry works both in CommonJS and in ES modules
 * (`process.getBuiltinModule` exists in Node >= 20.16), so an ESM context does
 * not make a payload inert by accident; `require(...)` and `import(...)` forms
 * are included too because public reports used them.
 */

export interface Payload {
  /** Short name for messages. */
  name: string;
  text: string;
}

/** Code that creates the canary file. */
export function canaryCode(canary: string): { builtin: string; builtinDoubleQuoted: string; require: string; dynamicImport: string } {
  const file = JSON.stringify(canary).slice(1, -1).replace(/'/g, "\\'");
  return {
    builtin: `process.getBuiltinModule('fs').writeFileSync('${file}','x')`,
    builtinDoubleQuoted: `process.getBuiltinModule("fs").writeFileSync(${JSON.stringify(canary)},"x")`,
    require: `require('fs').writeFileSync('${file}','x')`,
    dynamicImport: `import('node:fs').then(f=>f.writeFileSync('${file}','x'))`,
  };
}

/** Every payload, with the canary path built in. */
export function payloads(canary: string): Payload[] {
  const code = canaryCode(canary);
  const run = code.builtin;
  return [
    { name: 'single quote', text: `'); ${run}; ('` },
    { name: 'double quote', text: `"); ${run}; ("` },
    { name: 'backtick', text: `\`); ${run}; (\`` },
    { name: 'template substitution', text: `\${${run}}` },
    // Against an escaper that escapes quotes but not backslashes: `\'` becomes `\\'`, which closes the string.
    { name: 'backslash before quote', text: `\\'); ${code.builtinDoubleQuoted}; //` },
    { name: 'block comment close', text: `*/ ${run} /*` },
    { name: 'newline', text: `\n${run};\n//` },
    { name: 'carriage return', text: `\r${run};\r//` },
    { name: 'line separator U+2028', text: `\u2028${run};\u2028//` },
    { name: 'paragraph separator U+2029', text: `\u2029${run};\u2029//` },
    { name: 'script close', text: `</script><script>fetch('/canary')</script>` },
    { name: 'html comment', text: `<!--\n${run}\n-->` },
    { name: 'relative path', text: '../../../../tmp/owned' },
    { name: 'absolute path', text: '/etc/owned' },
    { name: '__proto__', text: '__proto__' },
    { name: 'constructor', text: 'constructor' },
    { name: 'toString', text: 'toString' },
    { name: 'hasOwnProperty', text: 'hasOwnProperty' },
    { name: 'bidi override', text: `\u202e ${run} \u2066//\u2069 \u202c` },
    { name: 'dynamic import', text: code.dynamicImport },
    { name: 'require', text: `'); ${code.require}; ('` },
    { name: 'handlebars', text: `{{constructor.constructor('${run.replace(/'/g, '"')}')()}}` },
    { name: 'nul', text: 'a\u0000b' },
  ];
}

/**
 * Text that appears only where a payload's code landed: in generated TypeScript
 * every occurrence must be inside a comment or a string literal.
 */
export const CODE_MARKERS = ['writeFileSync', 'getBuiltinModule', "require('fs')", 'import(', 'fetch('];

/** Characters that must never appear raw in generated source (Trojan Source, line separators). */
export const RAW_FORBIDDEN = /[\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff\u0000]/;

/** Paths a traversal payload would reach if a blueprint name became a file name unchecked. */
export const TRAVERSAL_TARGETS = ['/tmp/owned', '/etc/owned', '/owned'];
