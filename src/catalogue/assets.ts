/**
 * The files every catalogue carries, so that it needs nothing from outside:
 * GOV.UK Frontend's stylesheet (compiled at build time with the catalogue's
 * settings) and script, Redoc's browser bundle, and the catalogue's own two
 * small scripts. scripts/build-catalogue-assets.mjs makes the compiled ones
 * (part of `npm run build`).
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DesignFirstError } from '../errors.js';
import { CATALOGUE_TEMPLATES, GOVUK_FRONTEND_DIST } from './nunjucks-env.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** dist/catalogue-assets, from both src/catalogue (tsx) and dist/src/catalogue (compiled). */
const BUILT_ASSETS = path.resolve(here, here.includes(`${path.sep}dist${path.sep}`) ? '../../catalogue-assets' : '../../dist/catalogue-assets');

/** Catalogue path -> the file it is copied from. */
export function catalogueAssets(): Array<{ path: string; from: string }> {
  return [
    { path: 'assets/catalogue.css', from: path.join(BUILT_ASSETS, 'catalogue.css') },
    { path: 'assets/redoc.standalone.js', from: path.join(BUILT_ASSETS, 'redoc.standalone.js') },
    { path: 'assets/redoc.standalone.js.LICENSE.txt', from: path.join(BUILT_ASSETS, 'redoc.standalone.js.LICENSE.txt') },
    { path: 'assets/govuk/all.bundle.js', from: path.join(GOVUK_FRONTEND_DIST, 'govuk', 'all.bundle.js') },
    { path: 'assets/govuk/all.bundle.js.map', from: path.join(GOVUK_FRONTEND_DIST, 'govuk', 'all.bundle.js.map') },
    { path: 'assets/catalogue.js', from: path.join(CATALOGUE_TEMPLATES, 'assets', 'catalogue.js') },
    { path: 'assets/reference.js', from: path.join(CATALOGUE_TEMPLATES, 'assets', 'reference.js') },
  ];
}

/** Refuse at once (before any work) when the built assets are missing: a checkout that was never built. */
export async function checkAssets(): Promise<void> {
  for (const asset of catalogueAssets()) {
    try {
      await access(asset.from);
    } catch {
      throw new DesignFirstError('DF_ERR_CATALOGUE_ASSETS', `${asset.path} is missing from this installation of design-first`, { file: asset.from });
    }
  }
}
