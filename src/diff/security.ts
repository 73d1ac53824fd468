/**
 * Security: an operation's requirements (its own `security`, or the document's)
 * are alternatives, each a set of schemes with scopes. A client uses one old
 * alternative; the change breaks it when no new alternative asks for the same
 * schemes or fewer, with the same scopes or fewer. Security schemes themselves
 * are compared once, by name.
 * https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 * https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 */
import { childPointer } from '../blueprint/pointer.js';
import type { DiffContext, OperationPair } from './context.js';
import { asRecord, code, entriesOf, has, own, type Located, type Side } from './side.js';

/** Scheme name -> scopes. An empty requirement (`{}`) means anonymous calls are allowed. */
type Requirement = Map<string, Set<string>>;

interface Security {
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
    id: 'security-added' | 'security-scopes-added' | 'security-requirement-changed' | 'security-alternative-added' | 'security-removed',
    what: string,
  ) =>
    ctx.log.add({
      id,
      severity: id === 'security-alternative-added' || id === 'security-removed' ? 'info' : 'breaking',
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
    const sameSchemes = newSecurity.alternatives.find(
      (candidate) => candidate.size === old.size && [...candidate.keys()].every((scheme) => old.has(scheme)),
    );
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
    const known = oldSecurity.alternatives.some(
      (old) => old.size === candidate.size && [...candidate.keys()].every((scheme) => old.has(scheme)),
    );
    if (!known) add('security-alternative-added', `${describe([candidate])} is now also accepted`);
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

function effectiveSecurity(side: Side, operation: Located): Security {
  const declared = own(asRecord(operation.node), 'security');
  if (Array.isArray(declared)) return { alternatives: parse(declared), pointer: `${operation.pointer}/security` };
  const global = own(side.document, 'security');
  if (Array.isArray(global)) return { alternatives: parse(global), pointer: '/security' };
  return { alternatives: [], pointer: operation.pointer };
}

function parse(list: unknown[]): Requirement[] {
  return list
    .filter((item) => asRecord(item))
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
        [...requirement]
          .map(([scheme, scopes]) => (scopes.size > 0 ? `${code(scheme)} (${[...scopes].join(', ')})` : code(scheme)))
          .join(' + ') || 'anonymous',
    )
    .join(' or ');
}

/** Schemes present in both documents: what clients must do to authenticate, changed. */
export function diffSecuritySchemes(ctx: DiffContext): void {
  const base = '/components/securitySchemes';
  const oldSchemes = new Map(entriesOf(own(asRecord(own(ctx.old.document, 'components')), 'securitySchemes')));
  for (const [name, newNode] of entriesOf(own(asRecord(own(ctx.new.document, 'components')), 'securitySchemes'))) {
    if (!oldSchemes.has(name)) continue;
    const oldScheme = ctx.old.resolve(oldSchemes.get(name), childPointer(base, name));
    const newScheme = ctx.new.resolve(newNode, childPointer(base, name));
    const o = asRecord(oldScheme.node);
    const n = asRecord(newScheme.node);
    if (!o || !n) continue;
    const where = `security scheme ${code(name)}`;
    const changed: string[] = [];
    for (const field of ['type', 'in', 'name', 'scheme'] as const) {
      const before = own(o, field);
      const after = own(n, field);
      // HTTP auth schemes and header names are case-insensitive.
      const caseless = field === 'scheme' || (field === 'name' && own(o, 'in') === 'header');
      const same = caseless ? String(before).toLowerCase() === String(after).toLowerCase() : before === after;
      if (!same) changed.push(`${field} ${code(String(before ?? 'none'))} -> ${code(String(after ?? 'none'))}`);
    }
    const oldFlows = asRecord(own(o, 'flows')) ?? {};
    const newFlows = asRecord(own(n, 'flows')) ?? {};
    for (const flow of Object.keys(oldFlows)) if (!has(newFlows, flow)) changed.push(`flow ${code(flow)} removed`);
    if (changed.length > 0) {
      ctx.log.add({
        id: 'security-scheme-changed',
        severity: 'breaking',
        where,
        what: `${changed.join(', ')}: clients authenticate the old way and are refused`,
        oldPointer: oldScheme.pointer,
        newPointer: newScheme.pointer,
      });
      continue;
    }
    const urls: string[] = [];
    if (own(o, 'openIdConnectUrl') !== own(n, 'openIdConnectUrl')) urls.push('openIdConnectUrl');
    for (const [flow, oldFlow] of Object.entries(oldFlows)) {
      for (const field of ['authorizationUrl', 'tokenUrl', 'refreshUrl']) {
        if (own(asRecord(oldFlow), field) !== own(asRecord(own(newFlows, flow)), field)) urls.push(`${flow}.${field}`);
      }
    }
    if (urls.length > 0) {
      ctx.log.add({
        id: 'security-scheme-url-changed',
        severity: 'warning',
        where,
        what: `${urls.join(', ')} changed: clients configured with the old address must be updated`,
        oldPointer: oldScheme.pointer,
        newPointer: newScheme.pointer,
      });
    }
  }
}
