/**
 * The tables of docs/diff.md, written from the catalogue (oasdiff's habit:
 * a rules table generated from the code, so the documentation never drifts).
 * test/diff/docs.test.ts checks the page holds exactly these.
 */
import { CHECK_FAMILIES, SCHEMA_SUBJECTS } from './catalogue.js';
import { SCHEMA_KINDS, type Grade } from './schema-kinds.js';

export const RULES_START =
  '<!-- rules:start: generated from src/diff/catalogue.ts and src/diff/schema-kinds.ts; `DF_WRITE_DOCS=1 npx tsx --test test/diff/docs.test.ts` rewrites it -->';
export const RULES_END = '<!-- rules:end -->';

/** Markdown: a table per family of operation checks, then the schema subjects and kinds. */
export function rulesTables(): string {
  const out: string[] = [];
  for (const family of Object.values(CHECK_FAMILIES)) {
    out.push(`### ${family.title}`, '', '| id | severity | what |', '| --- | --- | --- |');
    for (const [id, info] of Object.entries(family.checks)) out.push(`| \`${id}\` | ${grade(info.severity)} | ${info.what} |`);
    out.push('');
  }
  out.push(
    '### Schemas',
    '',
    'A schema check id is `<subject>-<kind>`, for example `response-property-removed`',
    'or `request-parameter-default-value-changed`. The subject says what was compared:',
    '',
    '| subject | the schema of |',
    '| --- | --- |',
    ...SCHEMA_SUBJECTS.map((subject) => `| \`${subject}\` | ${SUBJECT_MEANING[subject]} |`),
    '',
    'The kind says what changed, and its severity depends on the direction: in a',
    'request (what clients send) or in a response (what clients receive). Kinds',
    'marked *property* concern a property in its object, so they only come with',
    'the property subjects.',
    '',
    '| kind | in a request | in a response | what |',
    '| --- | --- | --- | --- |',
  );
  for (const [kind, info] of Object.entries(SCHEMA_KINDS)) {
    const property = 'property' in info ? ' *property*' : '';
    out.push(`| \`${kind}\`${property} | ${grade(info.request)} | ${grade(info.response)} | ${info.what} |`);
  }
  return out.join('\n');
}

const SUBJECT_MEANING: Record<(typeof SCHEMA_SUBJECTS)[number], string> = {
  'request-body': "a request body (a media type's schema)",
  'request-property': 'a property inside a request body, at any depth (`owner.name`, `tags[]`, `labels{}`, `(Cat)` for an alternative)',
  'request-parameter': 'a parameter',
  'request-parameter-property': 'a property of an object parameter (`deepObject` and friends)',
  'response-body': 'a response body',
  'response-property': 'a property inside a response body',
  'response-header': 'a response header',
  'response-header-property': 'a property of an object response header',
};

function grade(value: Grade): string {
  return value === 'varies' ? 'varies' : value;
}
