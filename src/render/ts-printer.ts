/**
 * TypeNode -> TypeScript source. Every name and literal from the blueprint goes
 * through an escaping function: keys and literals are string literals,
 * descriptions are comment text.
 */
import type { TypeNode } from '../model/type-node.js';
import { commentText, stringLiteral } from './escape.js';

export function printType(node: TypeNode, indent = '', refPrefix = ''): string {
  const print = (child: TypeNode, childIndent = indent) => printType(child, childIndent, refPrefix);
  switch (node.kind) {
    case 'primitive':
      return node.name;
    case 'literal':
      return typeof node.value === 'string' ? stringLiteral(node.value) : String(node.value);
    case 'ref':
      return `${refPrefix}${assertIdentifier(node.name)}`;
    case 'array': {
      const items = print(node.items);
      return needsParens(node.items) ? `Array<${items}>` : `${items}[]`;
    }
    case 'union':
      return node.members.map((member) => wrap(print(member), member)).join(' | ');
    case 'intersection':
      return node.members.map((member) => wrap(print(member), member)).join(' & ');
    case 'object': {
      const inner = `${indent}  `;
      const lines: string[] = [];
      for (const property of node.properties) {
        if (property.description) lines.push(`${inner}/** ${commentText(property.description, 500)} */`);
        lines.push(`${inner}${stringLiteral(property.name)}${property.optional ? '?' : ''}: ${print(property.type, inner)};`);
      }
      if (node.additional) lines.push(`${inner}[key: string]: ${node.properties.length > 0 ? 'unknown' : print(node.additional, inner)};`);
      return lines.length === 0 ? 'Record<string, never>' : `{\n${lines.join('\n')}\n${indent}}`;
    }
  }
}

function needsParens(node: TypeNode): boolean {
  return node.kind === 'union' || node.kind === 'intersection';
}

function wrap(printed: string, node: TypeNode): string {
  return needsParens(node) ? `(${printed})` : printed;
}

/** Identifiers come from the model's `identifier()`; this is the last line of defence. */
export function assertIdentifier(name: string): string {
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name)) throw new Error(`unsafe identifier reached a template: ${JSON.stringify(name)}`);
  return name;
}
