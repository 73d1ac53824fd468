/**
 * Paths and operations: which operations disappeared, appeared or stayed, then
 * each operation that stayed is compared by the other walkers (operation.ts).
 *
 * Operations match by method and path with path parameter names normalised, so
 * `/pets/{id}` and `/pets/{petId}` are the same operation and the difference
 * is reported as a parameter rename. When two paths differ only in a parameter
 * name in one document, exact spellings match first.
 * https://spec.openapis.org/oas/v3.1.0#paths-object
 */
import { childPointer } from '../blueprint/pointer.js';
import type { DiffContext } from './context.js';
import { diffOperation } from './operation.js';
import { reportRemovedOperation } from './operation-lifecycle.js';
import { operationsOf } from './path-item.js';
import { asObject, code, type Located } from './side.js';

export function diffPaths(ctx: DiffContext): void {
  const oldPaths = asObject(ctx.old.document.paths) ?? {};
  const newPaths = asObject(ctx.new.document.paths) ?? {};
  const matches = matchPaths(Object.keys(oldPaths), Object.keys(newPaths));
  const matched = new Set(matches.values());

  for (const [oldPath, oldNode] of Object.entries(oldPaths)) {
    const oldItem = ctx.old.resolve(oldNode, childPointer('/paths', oldPath));
    const newPath = matches.get(oldPath);
    if (newPath === undefined) {
      for (const [method, operation] of operationsOf(oldItem)) reportRemovedOperation(ctx, `${method.toUpperCase()} ${oldPath}`, operation, '/paths', true);
      continue;
    }
    diffPathItem(ctx, oldPath, oldItem, newPath, ctx.new.resolve(newPaths[newPath], childPointer('/paths', newPath)));
  }

  for (const [newPath, newNode] of Object.entries(newPaths)) {
    if (matched.has(newPath)) continue;
    for (const [method, operation] of operationsOf(ctx.new.resolve(newNode, childPointer('/paths', newPath)))) {
      ctx.log.add({
        id: 'endpoint-added',
        severity: 'info',
        where: `${method.toUpperCase()} ${newPath}`,
        what: 'the operation was added',
        oldPointer: '/paths',
        newPointer: operation.pointer,
      });
    }
  }
}

/** Old path -> new path: exact spelling first, then the same template with other parameter names. */
export function matchPaths(oldPaths: readonly string[], newPaths: readonly string[]): Map<string, string> {
  const matches = new Map<string, string>();
  const newSet = new Set(newPaths);
  for (const path of oldPaths) if (newSet.has(path)) matches.set(path, path);
  const byTemplate = new Map<string, string[]>();
  for (const path of newPaths) {
    if (matches.has(path)) continue; // matched exactly (an old path of the same spelling)
    const key = template(path);
    const list = byTemplate.get(key);
    if (list) list.push(path);
    else byTemplate.set(key, [path]);
  }
  for (const path of oldPaths) {
    if (matches.has(path)) continue;
    const candidates = byTemplate.get(template(path));
    const candidate = candidates?.shift();
    if (candidate !== undefined) matches.set(path, candidate);
  }
  return matches;
}

function template(path: string): string {
  return path.replace(/\{[^}/]*\}/g, '{}');
}

function parameterNames(path: string): string[] {
  return [...path.matchAll(/\{([^}/]*)\}/g)].map((match) => match[1] ?? '');
}

function diffPathItem(ctx: DiffContext, oldPath: string, oldItem: Located, newPath: string, newItem: Located): void {
  const pathRenames = new Map<string, string>();
  if (oldPath !== newPath) {
    const oldNames = parameterNames(oldPath);
    const newNames = parameterNames(newPath);
    oldNames.forEach((oldName, i) => {
      const newName = newNames[i];
      if (newName === undefined || newName === oldName) return;
      pathRenames.set(oldName, newName);
      ctx.log.add({
        id: 'request-path-parameter-renamed',
        severity: 'warning',
        where: newPath,
        what: `path parameter ${code(oldName)} was renamed ${code(newName)}: the URL is unchanged, but generated clients name the argument after it`,
        oldPointer: oldItem.pointer,
        newPointer: newItem.pointer,
      });
    });
  }
  const newOperations = new Map(operationsOf(newItem));
  const oldOperations = new Map(operationsOf(oldItem));
  for (const [method, oldOperation] of oldOperations) {
    const where = `${method.toUpperCase()} ${newPath}`;
    const newOperation = newOperations.get(method);
    if (!newOperation) {
      reportRemovedOperation(ctx, where, oldOperation, newItem.pointer, false);
      continue;
    }
    diffOperation(ctx, { where, oldItem, newItem, oldOperation, newOperation, pathRenames, reversed: false });
  }
  for (const [method, newOperation] of newOperations) {
    if (oldOperations.has(method)) continue;
    ctx.log.add({
      id: 'endpoint-added',
      severity: 'info',
      where: `${method.toUpperCase()} ${newPath}`,
      what: 'the operation was added',
      oldPointer: oldItem.pointer,
      newPointer: newOperation.pointer,
    });
  }
}
