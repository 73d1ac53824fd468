/**
 * The catalogue's page templates (templates/catalogue/*.njk) in one Nunjucks
 * environment that also sees GOV.UK Frontend's component macros, as GOV.UK
 * services use them. Autoescape is on: every value a blueprint gave is escaped
 * where it is printed; only HTML made by the macros is marked safe.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';

const here = path.dirname(fileURLToPath(import.meta.url));
/** templates/catalogue, found from both src/catalogue (tsx) and dist/src/catalogue (compiled). */
export const CATALOGUE_TEMPLATES = path.resolve(
  here,
  here.includes(`${path.sep}dist${path.sep}`) ? '../../../templates/catalogue' : '../../templates/catalogue',
);

/** node_modules/govuk-frontend/dist: its macros are imported as `govuk/components/<name>/macro.njk`. */
export const GOVUK_FRONTEND_DIST = path.join(path.dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')), 'dist');

let environment: nunjucks.Environment | undefined;

export function catalogueEnvironment(): nunjucks.Environment {
  environment ??= new nunjucks.Environment(new nunjucks.FileSystemLoader([CATALOGUE_TEMPLATES, GOVUK_FRONTEND_DIST]), {
    autoescape: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  return environment;
}

export function renderPage(template: string, context: object): string {
  return catalogueEnvironment().render(template, context);
}
