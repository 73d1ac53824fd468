/**
 * The security schemes of `components`, compared once by name: how clients
 * obtain and present credentials. A scheme or scope that a requirement still
 * names but that is gone leaves clients unable to authenticate; a changed
 * type, location, header name or HTTP scheme makes them authenticate the old
 * way and be refused; a changed URL must be configured anew.
 * https://spec.openapis.org/oas/v3.1.0#security-scheme-object
 * https://spec.openapis.org/oas/v3.1.0#oauth-flows-object
 */
import { childPointer } from '../blueprint/pointer.js';
import type { Finding } from './change.js';
import type { DiffContext } from './context.js';
import { operationsOf } from './path-item.js';
import { asObject, code, entriesOf, own, type JsonRecord, type Side } from './side.js';

export function diffSecuritySchemes(ctx: DiffContext): void {
  const base = '/components/securitySchemes';
  const oldSchemes = new Map(entriesOf(own(asObject(own(ctx.old.document, 'components')), 'securitySchemes')));
  const newSchemes = new Map(entriesOf(own(asObject(own(ctx.new.document, 'components')), 'securitySchemes')));
  let used: Map<string, Set<string>> | undefined;
  const stillUsed = () => (used ??= requirementsIn(ctx.new));
  for (const [name, oldNode] of oldSchemes) {
    const oldScheme = ctx.old.resolve(oldNode, childPointer(base, name));
    const where = `security scheme ${code(name)}`;
    const report = (finding: Omit<Finding, 'where' | 'oldPointer'>) => ctx.log.add({ ...finding, where, oldPointer: oldScheme.pointer });
    if (!newSchemes.has(name)) {
      const named = stillUsed().has(name);
      report({
        id: 'api-security-component-removed',
        severity: named ? 'breaking' : 'info',
        what: named
          ? 'the security scheme was removed while security requirements still name it: clients cannot authenticate'
          : 'the security scheme was removed',
        newPointer: base,
      });
      continue;
    }
    const newScheme = ctx.new.resolve(newSchemes.get(name), childPointer(base, name));
    const o = asObject(oldScheme.node);
    const n = asObject(newScheme.node);
    if (!o || !n) continue;
    const at = { newPointer: newScheme.pointer };
    if (own(o, 'type') !== own(n, 'type')) {
      report({
        id: 'api-security-component-type-changed',
        severity: 'breaking',
        what: `type changed from ${code(String(own(o, 'type')))} to ${code(String(own(n, 'type')))}: clients authenticate the old way and are refused`,
        ...at,
      });
      continue;
    }
    const changed: string[] = [];
    for (const field of ['in', 'name', 'scheme', 'bearerFormat'] as const) {
      const before = own(o, field);
      const after = own(n, field);
      // HTTP auth schemes and header names are case-insensitive.
      const caseless = field === 'scheme' || (field === 'name' && own(o, 'in') === 'header');
      const same = caseless ? String(before).toLowerCase() === String(after).toLowerCase() : before === after;
      if (!same) changed.push(`${field} ${code(String(before ?? 'none'))} -> ${code(String(after ?? 'none'))}`);
    }
    const oldFlows = asObject(own(o, 'flows')) ?? {};
    const newFlows = asObject(own(n, 'flows')) ?? {};
    for (const flow of Object.keys(oldFlows)) if (own(newFlows, flow) === undefined) changed.push(`flow ${code(flow)} removed`);
    if (changed.length > 0)
      report({ id: 'security-scheme-changed', severity: 'breaking', what: `${changed.join(', ')}: clients authenticate the old way and are refused`, ...at });
    if (own(o, 'openIdConnectUrl') !== own(n, 'openIdConnectUrl')) {
      report({
        id: 'api-security-component-openid-url-changed',
        severity: 'warning',
        what: 'openIdConnectUrl changed: clients configured with the old address must be updated',
        ...at,
      });
    }
    for (const [flow, oldFlow] of Object.entries(oldFlows)) {
      const newFlow = asObject(own(newFlows, flow));
      if (!newFlow) continue;
      diffFlow(report, name, flow, asObject(oldFlow) ?? {}, newFlow, at.newPointer, stillUsed);
    }
    for (const flow of Object.keys(newFlows)) {
      if (own(oldFlows, flow) === undefined) report({ id: 'api-security-component-flow-added', severity: 'info', what: `flow ${code(flow)} was added`, ...at });
    }
  }
  for (const [name, newNode] of newSchemes) {
    if (oldSchemes.has(name)) continue;
    ctx.log.add({
      id: 'api-security-component-added',
      severity: 'info',
      where: `security scheme ${code(name)}`,
      what: 'the security scheme was added',
      oldPointer: base,
      newPointer: ctx.new.resolve(newNode, childPointer(base, name)).pointer,
    });
  }
}

function diffFlow(
  report: (finding: Omit<Finding, 'where' | 'oldPointer'>) => void,
  scheme: string,
  flow: string,
  o: JsonRecord,
  n: JsonRecord,
  newPointer: string,
  stillUsed: () => Map<string, Set<string>>,
): void {
  for (const field of ['authorizationUrl', 'refreshUrl', 'tokenUrl'] as const) {
    if (own(o, field) === own(n, field)) continue;
    report({
      id: field === 'tokenUrl' ? 'api-security-component-oauth-token-url-changed' : 'api-security-component-oauth-url-changed',
      severity: 'warning',
      what: `${flow}.${field} changed: clients configured with the old address must be updated`,
      newPointer,
    });
  }
  const oldScopes = asObject(own(o, 'scopes')) ?? {};
  const newScopes = asObject(own(n, 'scopes')) ?? {};
  for (const [scope, description] of Object.entries(oldScopes)) {
    if (own(newScopes, scope) === undefined) {
      const named = stillUsed().get(scheme)?.has(scope) === true;
      report({
        id: 'api-security-component-oauth-scope-removed',
        severity: named ? 'breaking' : 'warning',
        what: `${flow} scope ${code(scope)} was removed${named ? ' while security requirements still ask for it: tokens with it cannot be obtained' : ': clients that ask for it may be refused a token'}`,
        newPointer,
      });
    } else if (own(newScopes, scope) !== description) {
      report({ id: 'api-security-component-oauth-scope-changed', severity: 'info', what: `${flow} scope ${code(scope)} has a new description`, newPointer });
    }
  }
  for (const scope of Object.keys(newScopes)) {
    if (own(oldScopes, scope) === undefined)
      report({ id: 'api-security-component-oauth-scope-added', severity: 'info', what: `${flow} scope ${code(scope)} was added`, newPointer });
  }
}

/** Scheme -> scopes, of every security requirement in a document (its own and its operations'). */
function requirementsIn(side: Side): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  const collect = (list: unknown) => {
    if (!Array.isArray(list)) return;
    for (const requirement of list) {
      for (const [scheme, scopes] of entriesOf(requirement)) {
        const set = used.get(scheme) ?? new Set<string>();
        if (Array.isArray(scopes)) for (const scope of scopes) if (typeof scope === 'string') set.add(scope);
        used.set(scheme, set);
      }
    }
  };
  collect(own(side.document, 'security'));
  for (const [path, node] of entriesOf(own(side.document, 'paths'))) {
    for (const [, operation] of operationsOf(side.resolve(node, childPointer('/paths', path)))) collect(own(asObject(operation.node), 'security'));
  }
  return used;
}
