/**
 * One blueprint file: its text, its parsed data, and a lazy map from JSON
 * pointers back to line and column, so every error and finding can name its place.
 *
 * JSON is parsed with JSON.parse (fast on the 5.7 MB GitHub document) and only
 * re-parsed with jsonc-parser when a location is asked for; YAML keeps its
 * document tree from `yaml`, which knows every node's offset.
 */
import { parseTree, parse as parseJsonc, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { LineCounter, parseDocument, isMap, isSeq, isPair, isScalar, type Document, type Node as YamlNode } from 'yaml';
import { DesignFirstError } from '../errors.js';
import { parsePointer } from './pointer.js';

export const MAX_BLUEPRINT_BYTES = 64 * 1024 * 1024;
export const MAX_DEPTH = 200;
export const MAX_YAML_ALIASES = 100;

export interface Position {
  line: number;
  column: number;
}

export interface BlueprintSource {
  /** Absolute path (or URL for remote documents). */
  readonly file: string;
  /** The name to show people: relative to the working folder when possible. */
  readonly displayName: string;
  readonly text: string;
  readonly format: 'json' | 'yaml';
  readonly data: unknown;
  /** Line and column (1-based) of the value at `pointer`, or of its nearest existing parent. */
  locate(pointer: string): Position;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decode bytes as UTF-8 text, refusing binary content with a located error. */
export function decodeText(bytes: Uint8Array, displayName: string): string {
  if (bytes.byteLength > MAX_BLUEPRINT_BYTES) {
    throw new DesignFirstError('DF_ERR_LOAD_TOO_LARGE', `${bytes.byteLength} bytes is too large`, { file: displayName });
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new DesignFirstError('DF_ERR_LOAD_BINARY', 'the file is not UTF-8 text', { file: displayName });
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const { line, column } = new LineIndex(text).position(nul);
    throw new DesignFirstError('DF_ERR_LOAD_BINARY', 'the file holds a NUL byte', { file: displayName, line, column });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseSource(file: string, displayName: string, text: string): BlueprintSource {
  if (text.trim() === '') {
    throw new DesignFirstError('DF_ERR_LOAD_EMPTY', 'the file is empty', { file: displayName });
  }
  const first = text.trimStart()[0];
  return first === '{' || first === '[' ? parseJsonSource(file, displayName, text) : parseYamlSource(file, displayName, text);
}

function parseJsonSource(file: string, displayName: string, text: string): BlueprintSource {
  const lines = new LineIndex(text);
  const depthAt = firstOffsetDeeperThan(text, MAX_DEPTH);
  if (depthAt >= 0) {
    throw new DesignFirstError('DF_ERR_LOAD_TOO_DEEP', `nesting deeper than ${MAX_DEPTH} levels`, {
      file: displayName,
      ...lines.position(depthAt),
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const errors: ParseError[] = [];
    parseJsonc(text, errors, { allowTrailingComma: false, disallowComments: true });
    const offset = errors[0]?.offset ?? 0;
    throw new DesignFirstError('DF_ERR_LOAD_SYNTAX', 'invalid JSON', { file: displayName, ...lines.position(offset) });
  }
  let tree: JsonNode | undefined;
  return {
    file,
    displayName,
    text,
    format: 'json',
    data,
    locate(pointer) {
      tree ??= parseTree(text) ?? undefined;
      return lines.position(tree ? jsonOffset(tree, parsePointer(pointer)) : 0);
    },
  };
}

function parseYamlSource(file: string, displayName: string, text: string): BlueprintSource {
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new DesignFirstError('DF_ERR_LOAD_TOO_DEEP', `nesting too deep to parse`, { file: displayName });
    }
    throw error;
  }
  const firstError = doc.errors[0];
  if (firstError) {
    const { line, col } = lineCounter.linePos(firstError.pos[0]);
    const reason = firstError.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
    throw new DesignFirstError('DF_ERR_LOAD_SYNTAX', `invalid YAML: ${reason}`, { file: displayName, line, column: col });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (error instanceof RangeError) {
      throw new DesignFirstError('DF_ERR_LOAD_TOO_DEEP', 'nesting too deep to read', { file: displayName });
    }
    if (error instanceof ReferenceError || /alias/i.test(String((error as Error).message))) {
      throw new DesignFirstError('DF_ERR_LOAD_ALIASES', 'too many YAML aliases (a resource-exhaustion attempt?)', {
        file: displayName,
      });
    }
    throw new DesignFirstError('DF_ERR_LOAD_SYNTAX', 'invalid YAML', { file: displayName });
  }
  const tooDeep = deeperThan(data, MAX_DEPTH);
  if (tooDeep !== undefined) {
    const { line, col } = lineCounter.linePos(yamlOffset(doc, parsePointer(tooDeep)));
    throw new DesignFirstError('DF_ERR_LOAD_TOO_DEEP', `nesting deeper than ${MAX_DEPTH} levels`, {
      file: displayName,
      line,
      column: col,
      pointer: tooDeep,
    });
  }
  return {
    file,
    displayName,
    text,
    format: 'yaml',
    data,
    locate(pointer) {
      const { line, col } = lineCounter.linePos(yamlOffset(doc, parsePointer(pointer)));
      return { line, column: col };
    },
  };
}

/** Offset of the deepest existing node on the path: the key when the value sits in a mapping. */
function yamlOffset(doc: Document.Parsed, path: string[]): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as YamlNode | null)?.range?.[0] ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) break;
      offset = (pair.key as YamlNode).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) break;
      offset = (item as YamlNode).range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

function jsonOffset(tree: JsonNode, path: string[]): number {
  let node: JsonNode | undefined = tree;
  let offset = tree.offset;
  for (const segment of path) {
    if (node?.type === 'object') {
      const property: JsonNode | undefined = node.children?.find((child) => child.children?.[0]?.value === segment);
      if (!property) break;
      offset = property.offset;
      node = property.children?.[1];
    } else if (node?.type === 'array') {
      const item: JsonNode | undefined = node.children?.[Number(segment)];
      if (!item) break;
      offset = item.offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

/** A pointer to the first value nested deeper than `limit`, found without recursion. */
export function deeperThan(root: unknown, limit: number): string | undefined {
  const stack: Array<[unknown, number, string]> = [[root, 0, '']];
  while (stack.length > 0) {
    const [value, depth, pointer] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (depth > limit) return pointer;
    for (const [key, child] of Object.entries(value)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1, `${pointer}/${key}`]);
    }
  }
  return undefined;
}

/** Offset where JSON bracket nesting first exceeds `limit` (strings skipped), or -1. */
function firstOffsetDeeperThan(text: string, limit: number): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return i;
    } else if (c === 125 || c === 93) depth--;
  }
  return -1;
}

/** Offsets to 1-based line and column, by binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.starts[low]! + 1 };
  }
}
