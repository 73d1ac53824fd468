/**
 * One API of the catalogue from its source: the facts of each version, lint
 * findings against the catalogue's playbook, the changelog between
 * consecutive versions (from diff), the service's drift, and its maturity.
 */
import { countBySeverity, diffBlueprints } from '../diff/index.js';
import type { ResolvedPlaybook } from '../playbook/types.js';
import { firstParagraph, versionFacts, type VersionFacts } from './api-facts.js';
import { combine, conformanceOf, lintVersion } from './conformance.js';
import { maturityOf } from './maturity.js';
import type { ApiSource } from './sources.js';
import type { CatalogueApi, CatalogueVersion, Changelog, ServiceDrift } from './types.js';

export interface DescribeContext {
  playbook: ResolvedPlaybook;
  baseUrl: string | null;
  /** The catalogue's provider (the organisation), unless a blueprint names its own with info.x-provider. */
  provider: string | null;
}

export async function describeApi(source: ApiSource, slug: string, drift: ServiceDrift | null, context: DescribeContext): Promise<CatalogueApi> {
  const facts = new Map<string, VersionFacts>();
  const versions: CatalogueVersion[] = [];
  for (const { key, loaded } of source.versions) {
    const fact = versionFacts(loaded.document);
    facts.set(key, fact);
    const findings = await lintVersion(loaded, context.playbook);
    versions.push({
      key,
      apiVersion: fact.apiVersion,
      openapi: fact.openapi,
      lifecycle: fact.lifecycle,
      sunset: fact.sunset,
      servers: fact.servers,
      authentication: fact.authentication,
      operations: fact.operations,
      conformance: conformanceOf(findings),
      findings,
      sourceFile: loaded.root.file,
    });
  }
  const changelogs: Changelog[] = [];
  for (let index = 1; index < source.versions.length; index++) {
    const older = source.versions[index - 1]!;
    const newer = source.versions[index]!;
    const changes = diffBlueprints(older.loaded, newer.loaded);
    changelogs.push({ from: older.key, to: newer.key, counts: countBySeverity(changes), changes });
  }

  // The newest live version speaks for the API; when every version is deprecated, the newest one.
  const newest = [...versions].reverse().find((version) => version.lifecycle === 'live') ?? versions[versions.length - 1]!;
  const newestFacts = facts.get(newest.key)!;
  const lifecycle = versions.every((version) => version.lifecycle === 'deprecated') ? 'deprecated' : 'live';
  return {
    slug,
    title: newestFacts.title,
    description: newestFacts.description,
    summary: firstParagraph(newestFacts.description),
    owner: newestFacts.owner,
    audience: newestFacts.audience,
    authentication: newest.authentication,
    versions,
    lifecycle,
    conformance: combine(versions.map((version) => version.conformance)),
    source:
      source.kind === 'service'
        ? { kind: 'service', folder: source.dir!, service: source.service! }
        : { kind: 'blueprint', files: source.versions.map((version) => version.loaded.root.file) },
    drift,
    maturity: maturityOf({
      newest,
      description: newestFacts.description,
      owner: newestFacts.owner,
      audience: newestFacts.audience,
      authentication: newest.authentication,
      drift,
      baseUrl: context.baseUrl,
    }),
    changelogs,
    license: newestFacts.license,
    areaServed: newestFacts.areaServed,
    provider: newestFacts.provider ?? context.provider,
    url: newest.servers[0] ?? null,
    startDate: newestFacts.startDate,
    endDate: lifecycle === 'deprecated' ? (newest.sunset ?? null) : null,
  };
}

/** A folder name for the API: its title in lower-case words joined by hyphens, unique in the catalogue. */
export function slugFor(title: string, taken: Set<string>): string {
  const base =
    title
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'api';
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  taken.add(slug);
  return slug;
}
