/**
 * Security: an operation's requirements (its own `security`, or the document's)
 * are alternatives, each a set of schemes with scopes. A client uses one old
 * alternative; the change breaks it when no new alternative asks for the same
 * schemes or fewer, with the same scopes or fewer. Security schemes themselves
 * are compared once, by name (security-schemes.ts).
 * https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 * https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
import type { DiffContext, OperationPair } from './context.js';
import { asObject, code, entriesOf, own, type Located, type Side } from './side.js';

/** Scheme name -> scopes. An empty requirement (`{}`) means anonymous calls are allowed. */
export type Requirement = Map<string, Set<string>>;

export interface Security {
  alternatives: Requirement[];
  pointer: string;
}

export function diffSecurity(ctx: DiffContext, pair: OperationPair): void {
  const oldSecurity = effectiveSecurity(ctx.old, pair.oldOperation);
  const newSecurity = effectiveSecurity(ctx.new, pair.newOperation);
  // Document-wide security added or dropped is one change at the document's top, not one per operation.
  if (oldSecurity.pointer === pair.oldOperation.pointer && newSecurity.pointer === '/security') oldSecurity.pointer = '';
  if (newSecurity.pointer === pair.newOperation.pointer && oldSecurity.pointer === '/security') newSecurity.pointer = '';
  const oldOpen = isOpen(oldSecurity);
  const newOpen = isOpen(newSecurity);
  const add = (
    id:
      | 'security-added'
      | 'security-scopes-added'
      | 'security-scopes-removed'
      | 'security-requirement-changed'
      | 'security-alternative-added'
      | 'security-removed',
    what: string,
  ) =>
    ctx.log.add({
      id,
      severity: id === 'security-alternative-added' || id === 'security-removed' || id === 'security-scopes-removed' ? 'info' : 'breaking',
      where: pair.where,
      what,
      oldPointer: oldSecurity.pointer,
      newPointer: newSecurity.pointer,
    });

  if (oldOpen && !newOpen) {
    add('security-added', `the operation now requires ${describe(newSecurity.alternatives)}: anonymous calls are refused`);
    return;
  }
  if (!oldOpen && newOpen) {
    add('security-removed', 'the operation no longer requires authentication');
    return;
  }
  if (newOpen) return;
  for (const old of oldSecurity.alternatives) {
    if (newSecurity.alternatives.some((candidate) => satisfies(old, candidate))) continue;
    const sameSchemes = newSecurity.alternatives.find((candidate) => candidate.size === old.size && [...candidate.keys()].every((scheme) => old.has(scheme)));
    if (sameSchemes) {
      const extra = [...sameSchemes].flatMap(([scheme, scopes]) => [...scopes].filter((scope) => !old.get(scheme)!.has(scope)));
      add(
        'security-scopes-added',
        `${describe([old])} now also needs scope${extra.length === 1 ? '' : 's'} ${extra.map(code).join(', ')}: tokens granted before are refused`,
      );
    } else {
      add(
        'security-requirement-changed',
        `${describe([old])} is no longer accepted (now ${describe(newSecurity.alternatives)}): clients that authenticate that way are refused`,
      );
    }
  }
  for (const candidate of newSecurity.alternatives) {
    const sameSchemes = oldSecurity.alternatives.filter((old) => old.size === candidate.size && [...candidate.keys()].every((scheme) => old.has(scheme)));
    if (sameSchemes.length === 0) {
      add('security-alternative-added', `${describe([candidate])} is now also accepted`);
      continue;
    }
    // Fewer scopes than every old alternative of the same schemes asked for: tokens need less.
    if (sameSchemes.some((old) => satisfies(candidate, old))) continue;
    const fewer = new Set(
      sameSchemes.flatMap((old) => [...old].flatMap(([scheme, scopes]) => [...scopes].filter((scope) => !candidate.get(scheme)!.has(scope)))),
    );
    add('security-scopes-removed', `${describe([candidate])} no longer needs scope${fewer.size === 1 ? '' : 's'} ${[...fewer].map(code).join(', ')}`);
  }
}

/** A client that meets `old` also meets `candidate`: it asks for no other scheme and no other scope. */
function satisfies(old: Requirement, candidate: Requirement): boolean {
  if (candidate.size === 0) return true;
  for (const [scheme, scopes] of candidate) {
    const had = old.get(scheme);
    if (!had) return false;
    for (const scope of scopes) if (!had.has(scope)) return false;
  }
  return true;
}

function isOpen(security: Security): boolean {
  return security.alternatives.length === 0 || security.alternatives.some((requirement) => requirement.size === 0);
}

export function effectiveSecurity(side: Side, operation: Located): Security {
  const declared = own(asObject(operation.node), 'security');
  if (Array.isArray(declared)) return { alternatives: parse(declared), pointer: `${operation.pointer}/security` };
  const global = own(side.document, 'security');
  if (Array.isArray(global)) return { alternatives: parse(global), pointer: '/security' };
  return { alternatives: [], pointer: operation.pointer };
}

function parse(list: unknown[]): Requirement[] {
  return list
    .filter((item) => asObject(item))
    .map((item) => {
      const requirement: Requirement = new Map();
      for (const [scheme, scopes] of entriesOf(item)) {
        requirement.set(scheme, new Set(Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === 'string') : []));
      }
      return requirement;
    });
}

function describe(alternatives: Requirement[]): string {
  if (alternatives.length === 0) return 'nothing';
  return alternatives
    .map(
      (requirement) =>
        [...requirement].map(([scheme, scopes]) => (scopes.size > 0 ? `${code(scheme)} (${[...scopes].join(', ')})` : code(scheme))).join(' + ') || 'anonymous',
    )
    .join(' or ');
}
