/**
 * Part of `npm run build`: the catalogue's vendored assets, made once so that
 * `design-first catalogue` only copies them (compiling GOV.UK Frontend's Sass
 * takes several seconds).
 *
 * - catalogue.css: GOV.UK Frontend compiled with the catalogue's settings
 *   (templates/catalogue/assets/catalogue.scss): system fonts, because GDS
 *   Transport may only be used on GOV.UK, and asset paths relative to the CSS.
 * - redoc.standalone.js: Redoc's browser bundle, with the one address it would
 *   fetch from outside the catalogue (the Redocly logo beside "API docs by
 *   Redocly") replaced by an empty image, so a page makes no request off the
 *   site; the link and its text stay.
 *
 * Written to dist/catalogue-assets/ with a record of the versions they came from.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as sass from 'sass';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const out = path.join(root, 'dist', 'catalogue-assets');
await mkdir(out, { recursive: true });

const versionOf = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;

const scss = path.join(root, 'templates', 'catalogue', 'assets', 'catalogue.scss');
const css = sass.compile(scss, { loadPaths: [path.join(root, 'node_modules')], style: 'compressed', quietDeps: true, silenceDeprecations: ['import'] });
await writeFile(path.join(out, 'catalogue.css'), css.css);

const REDOC_LOGO = 'https://cdn.redoc.ly/redoc/logo-mini.svg';
const redocFile = require.resolve('redoc/bundles/redoc.standalone.js');
const redoc = await readFile(redocFile, 'utf8');
if (!redoc.includes(REDOC_LOGO)) {
  throw new Error(`${redocFile} no longer names ${REDOC_LOGO}: check what this Redoc version fetches from outside before shipping it`);
}
await writeFile(path.join(out, 'redoc.standalone.js'), redoc.split(REDOC_LOGO).join('data:,'));
await writeFile(path.join(out, 'redoc.standalone.js.LICENSE.txt'), await readFile(`${redocFile}.LICENSE.txt`, 'utf8'));

await writeFile(path.join(out, 'versions.json'), `${JSON.stringify({ 'govuk-frontend': versionOf('govuk-frontend'), redoc: versionOf('redoc') }, null, 2)}\n`);
