/**
 * Placing many findings at once. `LoadedBlueprint.place` answers one pointer
 * at a time and, for JSON, first builds a syntax tree of the whole file
 * (200 ms and much memory on the 5.7 MB GitHub description). Lint asks for
 * thousands of places at the end of a run, so for JSON sources it scans the text
 * once instead, descending only into the members that lead to a wanted
 * pointer and skipping every other value by bracket counting. The answers are
 * the same as `BlueprintSource.locate`: the key of an object member, the start
 * of an array item, or the nearest existing parent.
 *
 * This belongs beside `locate` in blueprint/source.ts; it lives here until the
 * loader adopts it.
 */
import type { LoadedBlueprint } from '../blueprint/load.js';
import { unescapeSegment } from '../blueprint/pointer.js';
import { LineIndex, type BlueprintSource } from '../blueprint/source.js';
import type { Place } from './types.js';

const PATH_KEY = /^\/(paths|webhooks)\/[^/]+$/;

interface TrieNode {
  children: Map<string, TrieNode>;
  offset: number;
}

/** Place every bundled pointer; the map's keys are the pointers asked for. */
export function placeMany(loaded: LoadedBlueprint, pointers: Iterable<string>): Map<string, Place> {
  const bySource = new Map<BlueprintSource, Array<{ bundled: string; pointer: string }>>();
  for (const bundled of pointers) {
    // A path's key is always written in the root file, even when its path item lives in a file of its own.
    const { source, pointer } = PATH_KEY.test(bundled) ? { source: loaded.root, pointer: bundled } : loaded.origin(bundled);
    const list = bySource.get(source);
    if (list) list.push({ bundled, pointer });
    else bySource.set(source, [{ bundled, pointer }]);
  }
  const places = new Map<string, Place>();
  for (const [source, list] of bySource) {
    if (source.format !== 'json') {
      for (const { bundled, pointer } of list) places.set(bundled, { file: source.displayName, ...source.locate(pointer), pointer });
      continue;
    }
    const offsets = jsonOffsets(
      source.text,
      list.map((entry) => entry.pointer),
    );
    const lines = new LineIndex(source.text);
    list.forEach(({ bundled, pointer }, i) => {
      places.set(bundled, { file: source.displayName, ...lines.position(offsets[i]!), pointer });
    });
  }
  return places;
}

/** Offsets of each pointer's value (or member key) in JSON text, in the order given. */
export function jsonOffsets(text: string, pointers: readonly string[]): number[] {
  const root: TrieNode = { children: new Map(), offset: -1 };
  const paths = pointers.map((pointer) => {
    const segments = pointer === '' ? [] : pointer.slice(1).split('/');
    for (let i = 0; i < segments.length; i++) if (segments[i]!.includes('~')) segments[i] = unescapeSegment(segments[i]!);
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
      const child = node.children.get(key);
      if (child && child.offset < 0) {
        child.offset = keyStart;
        i = descend(text, i, child);
      } else {
        i = skipValue(text, i);
      }
      i = skipSpace(text, i);
      if (text.charCodeAt(i) === 44 /* , */) i = skipSpace(text, i + 1);
      else return i + 1; // '}'
    }
  }
  if (c === 91 /* [ */) {
    i = skipSpace(text, i + 1);
    if (text.charCodeAt(i) === 93) return i + 1;
    for (let index = 0; ; index++) {
      const child = node.children.get(String(index));
      if (child && child.offset < 0) {
        child.offset = i;
        i = descend(text, i, child);
      } else {
        i = skipValue(text, i);
      }
      i = skipSpace(text, i);
      if (text.charCodeAt(i) === 44) i = skipSpace(text, i + 1);
      else return i + 1; // ']'
    }
  }
  return skipValue(text, i);
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
