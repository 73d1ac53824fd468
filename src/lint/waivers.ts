/**
 * Waivers: findings accepted on purpose, which leave a trace. `x-lint-ignore`
 * on an object in the blueprint waives that rule on the object and everything
 * under it; the playbook's `ignore` list names a rule and a JSON pointer.
 * Entries are `{ rule, reason, expires }` objects or bare rule ids.
 *
 * A waived finding is not dropped: it is kept apart, with the waiver that
 * covers it, so every report format can count it (and SARIF list it as a
 * suppression). The waivers are checked too, each problem under its own rule:
 * an unknown rule id, a waiver that matches nothing, one past its expiry date
 * (which no longer waives), one without a reason, and one the playbook's
 * `waivers` policy does not allow (which does not waive either).
 */
import { asObject, asString, child } from '../blueprint/openapi.js';
import type { IgnoreEntry, ResolvedPlaybook } from '../playbook/types.js';

/** The rules about waivers themselves; their findings cannot be waived. */
export const WAIVER_RULES = {
  withoutReason: 'ignore-without-reason',
  unknownRule: 'ignore-unknown-rule',
  unused: 'ignore-unused',
  expired: 'ignore-expired',
  notAllowed: 'ignore-not-allowed',
} as const;
const WAIVER_RULE_IDS = new Set<string>(Object.values(WAIVER_RULES));

export interface WaiverSite {
  rule: string;
  reason: string | null;
  /** `YYYY-MM-DD` as written, or null. */
  expires: string | null;
  source: 'blueprint' | 'playbook';
  /** Where the entry is written: a pointer into the blueprint, or into the playbook. */
  entryPointer: string;
  /** For playbook entries: the blueprint pointer it covers. */
  covers: string;
  /** False when the entry does not waive (unknown rule, expired, not allowed). */
  waives: boolean;
  used: boolean;
}

/** A problem with a waiver, to report under one of WAIVER_RULES at the entry. */
export interface WaiverProblem {
  rule: string;
  message: string;
  site: WaiverSite;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class Waivers {
  private readonly byPointer = new Map<string, WaiverSite[]>();
  readonly sites: WaiverSite[] = [];

  constructor(
    private readonly playbook: ResolvedPlaybook,
    /** Today, as `YYYY-MM-DD` (UTC): waivers whose `expires` is before it no longer waive. */
    private readonly today: string = new Date().toISOString().slice(0, 10),
  ) {
    playbook.ignore.forEach((entry: IgnoreEntry, index) => {
      this.sites.push(
        this.site({
          rule: entry.rule,
          reason: entry.reason ?? null,
          expires: entry.expires ?? null,
          source: 'playbook',
          entryPointer: `/ignore/${index}`,
          covers: entry.pointer,
        }),
      );
    });
  }

  /** Record an `x-lint-ignore` value found on the blueprint object at `pointer`. */
  add(pointer: string, value: unknown): void {
    const list = Array.isArray(value) ? value : [value];
    const base = child(pointer, 'x-lint-ignore');
    list.forEach((item, index) => {
      const object = asObject(item);
      const rule = asString(item) ?? asString(object?.rule);
      if (!rule) return;
      const reason = asString(object?.reason)?.trim() || null;
      const expires = object?.expires instanceof Date ? object.expires.toISOString().slice(0, 10) : (asString(object?.expires) ?? null);
      const site = this.site({ rule, reason, expires, source: 'blueprint', entryPointer: Array.isArray(value) ? child(base, index) : base, covers: pointer });
      this.sites.push(site);
      const sites = this.byPointer.get(pointer);
      if (sites) sites.push(site);
      else this.byPointer.set(pointer, [site]);
    });
  }

  private site(fields: Omit<WaiverSite, 'waives' | 'used'>): WaiverSite {
    return { ...fields, waives: true, used: false };
  }

  /**
   * The waiver that covers a finding of `rule` at `pointer` (bundled) or
   * `sourcePointer` (in its own file), marking it used; undefined when none does.
   */
  waiverFor(rule: string, pointer: string, sourcePointer: string): WaiverSite | undefined {
    if (this.sites.length === 0 || WAIVER_RULE_IDS.has(rule)) return undefined;
    for (let at = pointer; ; at = at.slice(0, at.lastIndexOf('/'))) {
      const site = this.byPointer.get(at)?.find((candidate) => candidate.rule === rule && candidate.waives);
      if (site) return use(site);
      if (at === '') break;
    }
    const site = this.sites.find(
      (candidate) =>
        candidate.source === 'playbook' &&
        candidate.rule === rule &&
        candidate.waives &&
        (covers(candidate.covers, pointer) || covers(candidate.covers, sourcePointer)),
    );
    return site ? use(site) : undefined;
  }

  /**
   * Decide which waivers count (before any finding is matched): an unknown
   * rule, an expired date, or the playbook's policy make one not waive.
   * `otherRules`: ids known besides the playbook's, such as a Spectral ruleset's.
   */
  check(otherRules: readonly string[] = []): WaiverProblem[] {
    const problems: WaiverProblem[] = [];
    const policy = this.playbook.waivers;
    const others = new Set(otherRules);
    for (const site of this.sites) {
      const what = site.source === 'blueprint' ? `x-lint-ignore of ${site.rule}` : `playbook ignore of ${site.rule} at ${site.covers || '/'}`;
      if (!Object.hasOwn(this.playbook.rules, site.rule) && !others.has(site.rule)) {
        site.waives = false;
        problems.push({ rule: WAIVER_RULES.unknownRule, site, message: `${what}: no built-in or custom rule is named "${site.rule}"` });
        continue;
      }
      if (site.source === 'blueprint' && policy.forbidInBlueprint.includes(site.rule)) {
        site.waives = false;
        problems.push({
          rule: WAIVER_RULES.notAllowed,
          site,
          message: `${what}: the playbook does not let blueprints waive ${site.rule} (waivers.forbidInBlueprint); it does not waive`,
        });
        continue;
      }
      if (site.reason === null) {
        if (policy.requireReason) site.waives = false;
        const consequence = policy.requireReason ? ', which the playbook requires (waivers.requireReason); it does not waive' : '';
        problems.push({ rule: WAIVER_RULES.withoutReason, site, message: `${what} gives no reason${consequence}` });
      }
      if (site.expires === null) {
        if (policy.requireExpiry) {
          site.waives = false;
          problems.push({
            rule: WAIVER_RULES.notAllowed,
            site,
            message: `${what} gives no expiry date, which the playbook requires (waivers.requireExpiry); it does not waive`,
          });
        }
      } else if (!isDate(site.expires)) {
        site.waives = false;
        problems.push({
          rule: WAIVER_RULES.expired,
          site,
          message: `${what}: expires ${JSON.stringify(site.expires)} is not a date (YYYY-MM-DD); it does not waive`,
        });
      } else if (site.expires < this.today) {
        site.waives = false;
        problems.push({ rule: WAIVER_RULES.expired, site, message: `${what} expired on ${site.expires}; the findings it waived are reported again` });
      }
    }
    return problems;
  }

  /** Waivers that count but matched no finding: call after every finding was matched. */
  unused(): WaiverProblem[] {
    return this.sites
      .filter((site) => site.waives && !site.used)
      .map((site) => ({
        rule: WAIVER_RULES.unused,
        site,
        message:
          site.source === 'blueprint'
            ? `x-lint-ignore of ${site.rule} matches no finding here; remove it`
            : `playbook ignore of ${site.rule} at ${site.covers || '/'} matches no finding; remove it`,
      }));
  }
}

function use(site: WaiverSite): WaiverSite {
  site.used = true;
  return site;
}

function covers(prefix: string, pointer: string): boolean {
  return pointer === prefix || prefix === '' || pointer.startsWith(`${prefix}/`);
}

function isDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}
