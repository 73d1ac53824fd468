/**
 * Every expected failure of design-first, named once (Fastify's habit: one
 * registry, codes never reused). A test checks that this registry and the
 * README's table of codes agree.
 *
 * Exit codes: 1 = the input was understood and refused (lint errors, breaking
 * change, conflict); 2 = the input could not be used (load error, bad usage).
 */

export interface ErrorSpec {
  readonly exitCode: 1 | 2;
  /** What to do about it; appended to the one-line message. */
  readonly hint: string;
}

export const ERROR_CODES = {
  DF_ERR_USAGE: { exitCode: 2, hint: 'run design-first --help for the accepted forms' },
  DF_ERR_LOAD_NOT_FOUND: { exitCode: 2, hint: 'check the path' },
  DF_ERR_LOAD_READ: { exitCode: 2, hint: 'check that the file is readable' },
  DF_ERR_LOAD_TOO_LARGE: { exitCode: 2, hint: 'blueprints are limited to 64 MiB' },
  DF_ERR_LOAD_EMPTY: { exitCode: 2, hint: 'write an OpenAPI 3 document in the file' },
  DF_ERR_LOAD_BINARY: { exitCode: 2, hint: 'a blueprint is UTF-8 YAML or JSON text' },
  DF_ERR_LOAD_SYNTAX: { exitCode: 2, hint: 'fix the syntax at that place' },
  DF_ERR_LOAD_ALIASES: { exitCode: 2, hint: 'expand or reduce the YAML aliases; at most 100 are followed' },
  DF_ERR_LOAD_TOO_DEEP: { exitCode: 2, hint: 'nesting is limited to 200 levels' },
  DF_ERR_LOAD_NOT_OBJECT: { exitCode: 2, hint: 'the top of a blueprint is a mapping with an `openapi` field' },
  DF_ERR_LOAD_SWAGGER2: {
    exitCode: 2,
    hint: 'convert it to OpenAPI 3 first, for example with `npx swagger2openapi in.yaml -o out.yaml`',
  },
  DF_ERR_LOAD_VERSION: { exitCode: 2, hint: 'set `openapi: 3.0.3` or `openapi: 3.1.0`' },
  DF_ERR_LOAD_SHAPE: { exitCode: 2, hint: 'fix the value so that it matches the OpenAPI specification' },
  DF_ERR_REF_UNRESOLVED: { exitCode: 2, hint: 'point the $ref at something that exists' },
  DF_ERR_REF_MISSING_FILE: { exitCode: 2, hint: 'create the file or fix the relative path' },
  DF_ERR_REF_OUTSIDE: {
    exitCode: 2,
    hint: "keep every referenced file inside the blueprint's folder",
  },
  DF_ERR_REF_REMOTE: {
    exitCode: 2,
    hint: 'download the referenced document next to the blueprint, or pass --allow-remote-refs',
  },
  DF_ERR_REF_PRIVATE_ADDRESS: {
    exitCode: 2,
    hint: 'remote $refs may only name public hosts over http(s)',
  },
  DF_ERR_MODEL_DUPLICATE_OPERATION_ID: { exitCode: 2, hint: 'give every operation its own operationId' },
  DF_ERR_MODEL_UNSUPPORTED: { exitCode: 2, hint: 'see the README section "What blueprints can hold"' },
  DF_ERR_MODEL_NO_OPERATIONS: { exitCode: 2, hint: 'add at least one operation under `paths` (or `webhooks`, for a receiver)' },
  DF_ERR_MODEL_SCHEMA_CYCLE: {
    exitCode: 2,
    hint: 'break the cycle: put the reference inside a property or an array item, or remove it',
  },
  DF_ERR_MODEL_VERSION_CLASH: {
    exitCode: 2,
    hint: 'give each blueprint a different major `info.version`',
  },
  DF_ERR_OUT_NOT_EMPTY: {
    exitCode: 2,
    hint: 'choose an empty or new folder, or run `design-first update` inside an existing service',
  },
  DF_ERR_OUT_UNSAFE_PATH: { exitCode: 2, hint: 'this is a bug in a template set: file names must stay inside the service' },
  DF_ERR_TEMPLATE: { exitCode: 2, hint: 'fix the template named in the message' },
  DF_ERR_PLAYBOOK_INVALID: { exitCode: 2, hint: 'fix the playbook file; docs/playbook.md lists every field' },
  DF_ERR_PLAYBOOK_NOT_INSTALLED: { exitCode: 2, hint: 'install it (npm install --save-dev NAME in the service), or pass --playbook FILE' },
  DF_ERR_CATALOGUE_INPUT: { exitCode: 2, hint: 'name service folders (made by design-first new), OpenAPI 3 blueprint files, or folders holding blueprints' },
  DF_ERR_CATALOGUE_OUT_NOT_EMPTY: { exitCode: 2, hint: 'choose a new or empty folder, or the folder of an earlier catalogue (which is replaced)' },
  DF_ERR_CATALOGUE_ASSETS: { exitCode: 2, hint: 'reinstall design-first (in a checkout: npm run build)' },
  DF_ERR_ESTATE_POLICY: { exitCode: 1, hint: 'bring the services named into line (design-first estate update), or change estate.policy in the playbook' },
  DF_ERR_ESTATE_UPDATE: {
    exitCode: 1,
    hint: 'read the table above: resolve each refused service (conflicts, breaking changes, compile errors), then run it again',
  },
  DF_ERR_LINT_FAILED: { exitCode: 1, hint: 'fix the findings, or pass --allow-lint-errors to generate anyway and record them' },
  DF_ERR_LINT_ERRORS: {
    exitCode: 1,
    hint: 'fix the findings above, or waive one on purpose with `x-lint-ignore: [{ rule, reason }]` where it is reported (docs/lint.md)',
  },
  DF_ERR_LINT_MAX_WARNINGS: { exitCode: 1, hint: 'fix warnings or raise --max-warnings' },
  DF_ERR_UPDATE_NO_MANIFEST: { exitCode: 2, hint: 'run update inside a folder made by `design-first new`' },
  DF_ERR_UPDATE_CONFLICT: {
    exitCode: 1,
    hint: 'merge by hand, or pass --force: a merged file gets conflict markers where both changed, any other is overwritten after saving yours as *.orig',
  },
  DF_ERR_UPDATE_BREAKING: {
    exitCode: 1,
    hint: 'publish the change as a new major version (info.version), or pass --allow-breaking',
  },
  DF_ERR_UPDATE_BAD_MANIFEST: {
    exitCode: 2,
    hint: 'restore .design-first/manifest.json from version control: it is the record of what design-first wrote',
  },
  DF_ERR_UPDATE_SOURCE_MISSING: {
    exitCode: 2,
    hint: 'restore it, or say where it is now: a blueprint as an argument, --playbook FILE, --templates DIR',
  },
  DF_ERR_UPDATE_VERSION_MOVED: {
    exitCode: 2,
    hint: 'restore the old blueprint and pass the new major version as its own file: design-first update blueprints/v2.yaml',
  },
  DF_ERR_UPDATE_NO_BASELINE: {
    exitCode: 1,
    hint: 'restore the blueprint as last generated (for example from git) and pass the changed one as an argument, or pass --allow-breaking',
  },
  DF_ERR_UPDATE_LINT_FAILED: { exitCode: 1, hint: 'fix the findings, or pass --allow-lint-errors to update anyway and record them' },
  DF_ERR_UPDATE_INTERRUPTED: {
    exitCode: 2,
    hint: 'an earlier update stopped half-way: move each *.design-first-old back over its file, delete the *.design-first-new files, then run update again',
  },
  DF_ERR_UPDATE_TYPECHECK: {
    exitCode: 1,
    hint: 'the update was applied; fix the code listed above, then check with `npx tsc --noEmit -p .`',
  },
  DF_ERR_UPDATE_DRIFT: {
    exitCode: 1,
    hint: 'run design-first update in the service, review what it reports, and commit the result',
  },
  DF_ERR_DIFF_CHANGES: { exitCode: 1, hint: 'review the listed changes' },
  DF_ERR_CLIENT_NO_JAVA: {
    exitCode: 2,
    hint: 'install Java 11 or newer (for example `apt-get install -y openjdk-17-jre-headless`)',
  },
  DF_ERR_CLIENT_NO_JAR: {
    exitCode: 2,
    hint: 'pass --jar PATH to an openapi-generator-cli JAR, or place it in the wrapper storageDir',
  },
  DF_ERR_CLIENT_FAILED: { exitCode: 2, hint: 'read the generator output above' },
  DF_ERR_CLIENT_NO_SERVICE: {
    exitCode: 2,
    hint: 'run client inside a service made by `design-first new`, pass --dir DIR, or name a blueprint with --blueprint FILE',
  },
  DF_ERR_CLIENT_UNKNOWN_VERSION: { exitCode: 2, hint: 'pass --version with one of the versions listed in the message' },
  DF_ERR_CLIENT_OUT_NOT_EMPTY: { exitCode: 2, hint: 'pass --force to replace the client, or choose another --out' },
  DF_ERR_CLIENT_CONFIG: {
    exitCode: 2,
    hint: 'fix openapitools.json: `generator-cli.version` is a generator version such as 7.23.0',
  },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** Where in a file something is; every part optional because not every failure has all of them. */
export interface SourcePlace {
  file?: string;
  line?: number;
  column?: number;
  pointer?: string;
}

/** An expected failure: printed as one line, never with a stack. */
export class DesignFirstError extends Error {
  readonly code: ErrorCode;
  readonly place: SourcePlace;
  readonly exitCode: 1 | 2;
  /** Extra lines (findings, conflicts) printed before the one-line summary. */
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, place: SourcePlace = {}, details: readonly string[] = []) {
    super(message);
    this.name = 'DesignFirstError';
    this.code = code;
    this.place = place;
    this.exitCode = ERROR_CODES[code].exitCode;
    this.details = details;
  }

  /** `file:line:column pointer: message (CODE) hint` on one line. */
  toLine(): string {
    const { file, line, column, pointer } = this.place;
    let where = file ?? '';
    if (file && line) where += `:${line}${column ? `:${column}` : ''}`;
    if (pointer !== undefined) where += `${where ? ' ' : ''}#${pointer}`;
    const text = `${where ? `${where}: ` : ''}${this.message} [${this.code}] - ${ERROR_CODES[this.code].hint}`;
    return oneLine(text);
  }
}

/** Collapse anything that would break a one-line message (newlines, control characters). */
export function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g, ' ');
}

export function isDesignFirstError(error: unknown): error is DesignFirstError {
  return error instanceof DesignFirstError;
}
