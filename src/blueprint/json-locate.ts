/**
 * Where JSON pointers' values start in a JSON text, found without building a
 * syntax tree: the text is scanned once, descending only into the members
 * that lead to a wanted pointer and skipping every other value by bracket
 * counting. jsonc-parser's `parseTree` of GitHub's 5.7 MB description takes a
 * quarter of a second and about 100 MiB of nodes; lint places thousands of
 * findings at once (lint/place-many.ts), and `diff` places each change in both
 * files (`BlueprintSource.locate`, source.ts), so both scan instead.
 *
 * The answer is the tree's (`treeOffset`, for a source that keeps a tree):
 * the key of an object's member, the start of an array's item, or the nearest
 * existing parent when the pointer goes further than the document. An array
 * item is named as RFC 6901 writes its index (`0`, `12`; no sign, no leading
 * zero). Only for text JSON.parse accepted: nothing here recovers from
 * syntax errors.
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { parsePointer } from './pointer.js';

interface TrieNode {
  children: Map<string, TrieNode>;
  offset: number;
}

/** Offsets of each pointer's value (or member key) in JSON text, in the order given. */
export function jsonOffsets(text: string, pointers: readonly string[]): number[] {
  const root: TrieNode = { children: new Map(), offset: -1 };
  const paths = pointers.map((pointer) => {
    const segments = parsePointer(pointer);
    let node = root;
    for (const segment of segments) {
      let next = node.children.get(segment);
      if (!next) node.children.set(segment, (next = { children: new Map(), offset: -1 }));
      node = next;
    }
    return segments;
  });
  const start = skipSpace(text, 0);
  root.offset = start;
  descend(text, start, root);
  return paths.map((segments) => {
    let node = root;
    let offset = root.offset;
    for (const segment of segments) {
      const next = node.children.get(segment);
      if (!next || next.offset < 0) break;
      offset = next.offset;
      node = next;
    }
    return offset;
  });
}

/** Walk the value at `i`, recording offsets of wanted children; returns the index after the value. */
function descend(text: string, i: number, node: TrieNode): number {
  if (node.children.size === 0) return skipValue(text, i);
  const c = text.charCodeAt(i);
  if (c === 123 /* { */) {
    i = skipSpace(text, i + 1);
    if (text.charCodeAt(i) === 125) return i + 1;
    for (;;) {
      const keyStart = i;
      const keyEnd = skipString(text, i);
      const raw = text.slice(keyStart + 1, keyEnd - 1);
      const key = raw.includes('\\') ? (JSON.parse(text.slice(keyStart, keyEnd)) as string) : raw;
      i = skipSpace(text, keyEnd);
      i = skipSpace(text, i + 1); // ':'
      i = skipSpace(text, walkChild(text, i, node.children.get(key), keyStart));
      if (text.charCodeAt(i) === 44 /* , */) i = skipSpace(text, i + 1);
      else return i + 1; // '}'
    }
  }
  if (c === 91 /* [ */) {
    i = skipSpace(text, i + 1);
    if (text.charCodeAt(i) === 93) return i + 1;
    for (let index = 0; ; index++) {
      i = skipSpace(text, walkChild(text, i, node.children.get(String(index)), i));
      if (text.charCodeAt(i) === 44) i = skipSpace(text, i + 1);
      else return i + 1; // ']'
    }
  }
  return skipValue(text, i);
}

/** The value at `i`: walked into when it is a wanted child not yet found (which starts at `offset`), else skipped; returns the index after it. */
function walkChild(text: string, i: number, child: TrieNode | undefined, offset: number): number {
  if (child === undefined || child.offset >= 0) return skipValue(text, i);
  child.offset = offset;
  return descend(text, i, child);
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** `i` at an opening quote; returns the index after the closing one. */
function skipString(text: string, i: number): number {
  for (i++; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 34 /* " */) return i + 1;
  }
  return i;
}

/** Skip any value: strings by their quotes, containers by bracket depth, scalars to the next delimiter. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34) return skipString(text, i);
  if (c !== 123 && c !== 91) {
    while (i < text.length) {
      const d = text.charCodeAt(i);
      if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
      i++;
    }
    return i;
  }
  let depth = 0;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i);
    if (d === 34) i = skipString(text, i) - 1;
    else if (d === 123 || d === 91) depth++;
    else if ((d === 125 || d === 93) && --depth === 0) return i + 1;
  }
  return i;
}

/** The same answer as `jsonOffsets`, for one path (split and unescaped), from a tree jsonc-parser built. */
export function treeOffset(tree: JsonNode, path: readonly string[]): number {
  let node: JsonNode | undefined = tree;
  let offset = tree.offset;
  for (const segment of path) {
    if (node?.type === 'object') {
      const property: JsonNode | undefined = node.children?.find((child) => child.children?.[0]?.value === segment);
      if (!property) break;
      offset = property.offset;
      node = property.children?.[1];
    } else if (node?.type === 'array') {
      const item: JsonNode | undefined = ARRAY_INDEX.test(segment) ? node.children?.[Number(segment)] : undefined;
      if (!item) break;
      offset = item.offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;
