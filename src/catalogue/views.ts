/**
 * Catalogue data -> what a page prints: labels, tag colours, links. Templates
 * only print these (and GOV.UK Frontend's macros lay them out); every value
 * from a blueprint is escaped by Nunjucks' autoescape when printed.
 */
import type { AuthMethod, CatalogueApi, CatalogueVersion, Conformance, Maturity, Owner, ServiceDrift } from './types.js';

export interface Tag {
  text: string;
  /** A GOV.UK tag colour class; the colours meet WCAG AA contrast. */
  classes: string;
}

/** Folder of an API and of one of its versions, relative to the catalogue root. */
export const apiFolder = (api: Pick<CatalogueApi, 'slug'>): string => `apis/${api.slug}`;
export const versionFolder = (api: Pick<CatalogueApi, 'slug'>, version: Pick<CatalogueVersion, 'key'>): string => `${apiFolder(api)}/${version.key}`;

export function lifecycleTag(version: Pick<CatalogueVersion, 'lifecycle' | 'sunset'>): Tag {
  if (version.lifecycle === 'live') return { text: 'Live', classes: 'govuk-tag--green' };
  return { text: version.sunset ? `Deprecated, sunset ${version.sunset}` : 'Deprecated', classes: 'govuk-tag--orange' };
}

export function conformanceTag(conformance: Conformance): Tag {
  if (conformance.level === 'conforms') return { text: 'Conforms', classes: 'govuk-tag--green' };
  const parts = [];
  if (conformance.errors > 0) parts.push(plural(conformance.errors, 'error'));
  if (conformance.warnings > 0) parts.push(plural(conformance.warnings, 'warning'));
  return { text: parts.join(', '), classes: conformance.level === 'errors' ? 'govuk-tag--red' : 'govuk-tag--yellow' };
}

export function driftTag(drift: ServiceDrift | null): Tag | null {
  if (!drift) return null;
  return drift.inStep ? { text: 'In step', classes: 'govuk-tag--green' } : { text: 'Drifted', classes: 'govuk-tag--orange' };
}

export function maturityTag(maturity: Maturity): Tag {
  return { text: `Level ${maturity.level}`, classes: maturity.level === 3 ? 'govuk-tag--green' : maturity.level === 0 ? 'govuk-tag--grey' : 'govuk-tag--blue' };
}

export const AUDIENCE_LABELS: Record<CatalogueApi['audience'], string> = {
  internal: 'Internal (inside the organisation)',
  external: 'External (outside the organisation)',
  unstated: 'Not stated',
};

export function ownerLabel(owner: Owner | null): string {
  if (!owner) return 'Not stated';
  return owner.name ?? owner.email ?? owner.url ?? 'Not stated';
}

export function authLabel(methods: readonly AuthMethod[]): string {
  return methods.length === 0 ? 'None: every operation is open' : methods.map((method) => method.label).join('; ');
}

/** An address to link to: only http(s) and mailto, so a blueprint cannot plant `javascript:` links. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  return /^(https?:\/\/|mailto:)/i.test(url.trim()) ? url.trim() : null;
}

export function ownerHref(owner: Owner | null): string | null {
  if (!owner) return null;
  return safeHref(owner.email ? `mailto:${owner.email}` : owner.url);
}

/** Paragraphs of a Markdown description, as plain text (Redoc renders the Markdown on the reference page). */
export function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph !== '');
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
