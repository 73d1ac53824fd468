/**
 * Silencing findings: `x-lint-ignore` on an object in the blueprint covers that
 * object and everything under it; the playbook's `ignore` list names a rule and
 * a JSON pointer. Entries are `{ rule, reason }` objects or bare rule ids; an
 * entry without a reason still silences, and is itself reported under
 * `ignore-without-reason`.
 */
import { asObject, asString, child } from '../blueprint/openapi.js';
import type { IgnoreEntry } from '../playbook/types.js';

export interface IgnoreSite {
  rule: string;
  reason: string | null;
  /** Where the entry is written (in the blueprint, or in the playbook). */
  entryPointer: string;
}

export class Ignores {
  private readonly byPointer = new Map<string, IgnoreSite[]>();
  readonly blueprintEntries: IgnoreSite[] = [];

  constructor(private readonly playbookEntries: readonly IgnoreEntry[]) {}

  /** Record an `x-lint-ignore` value found on the object at `pointer`. */
  add(pointer: string, value: unknown): void {
    const list = Array.isArray(value) ? value : [value];
    const base = child(pointer, 'x-lint-ignore');
    list.forEach((item, index) => {
      const object = asObject(item);
      const rule = asString(item) ?? asString(object?.rule);
      if (!rule) return;
      const reason = asString(object?.reason)?.trim() || null;
      const site: IgnoreSite = { rule, reason, entryPointer: Array.isArray(value) ? child(base, index) : base };
      this.blueprintEntries.push(site);
      const sites = this.byPointer.get(pointer);
      if (sites) sites.push(site);
      else this.byPointer.set(pointer, [site]);
    });
  }

  /** True when a finding of `rule` at `pointer` (bundled) or `sourcePointer` (in its own file) is silenced. */
  silences(rule: string, pointer: string, sourcePointer: string): boolean {
    if (this.byPointer.size === 0 && this.playbookEntries.length === 0) return false;
    for (let at = pointer; ; at = at.slice(0, at.lastIndexOf('/'))) {
      if (this.byPointer.get(at)?.some((site) => site.rule === rule)) return true;
      if (at === '') break;
    }
    return this.playbookEntries.some(
      (entry) => entry.rule === rule && (covers(entry.pointer, pointer) || covers(entry.pointer, sourcePointer)),
    );
  }
}

function covers(prefix: string, pointer: string): boolean {
  return pointer === prefix || prefix === '' || pointer.startsWith(`${prefix}/`);
}
