/**
 * One blueprint file: its text, its parsed data, and a lazy map from JSON
 * pointers back to line and column, so every error and finding can name its place.
 *
 * JSON is parsed with JSON.parse (fast on the 5.7 MB GitHub document) and only
 * re-parsed with jsonc-parser when a location is asked for; YAML keeps its
 * document tree from `yaml`, which knows every node's offset.
 */
import { parseTree, parse as parseJsonc, printParseErrorCode, visit as visitJson, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { CST, LineCounter, Parser, parseDocument, isMap, isSeq, isPair, isScalar, type Document, type Node as YamlNode } from 'yaml';
import { DesignFirstError, type SourcePlace } from '../errors.js';
import { jsonOffsets, treeOffset } from './json-locate.js';
import { parsePointer } from './pointer.js';

export const MAX_BLUEPRINT_BYTES = 64 * 1024 * 1024;
export const MAX_DEPTH = 200;
export const MAX_YAML_ALIASES = 100;
/** A scan of the whole text costs about a tenth of building its tree (json-locate.ts): past eight places asked one at a time, the tree is cheaper. */
const SCANS_BEFORE_TREE = 8;

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
  /** `locate` for many pointers, in the order given: a JSON text is scanned once for all of them. */
  locateAll(pointers: readonly string[]): Position[];
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
  const { deeperAt: depthAt, colons } = scanJson(text, MAX_DEPTH);
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
    const first = errors[0];
    const reason = first ? `: ${printParseErrorCode(first.error)}` : '';
    throw new DesignFirstError('DF_ERR_LOAD_SYNTAX', `invalid JSON${reason}`, { file: displayName, ...lines.position(first?.offset ?? 0) });
  }
  // JSON.parse keeps the last of two equal keys, so a reviewer could read one value and the generator use another.
  // Every `:` outside strings starts a member: fewer keys than colons means a key was repeated (YAML refuses those too).
  if (colons !== countKeys(data)) {
    const duplicate = firstDuplicateKey(text);
    if (duplicate) {
      throw new DesignFirstError('DF_ERR_LOAD_SYNTAX', `invalid JSON: the key ${JSON.stringify(duplicate.key)} appears twice in one object`, {
        file: displayName,
        ...lines.position(duplicate.offset),
      });
    }
  }
  // The first few places are found by scanning the text for each; a source asked for more builds the tree once (json-locate.ts).
  let tree: JsonNode | undefined;
  let scans = 0;
  return {
    file,
    displayName,
    text,
    format: 'json',
    data,
    locate(pointer) {
      if (tree === undefined && scans < SCANS_BEFORE_TREE) {
        scans += 1;
        return lines.position(jsonOffsets(text, [pointer])[0]!);
      }
      tree ??= parseTree(text) ?? undefined;
      return lines.position(tree ? treeOffset(tree, parsePointer(pointer)) : 0);
    },
    locateAll(pointers) {
      const built = tree;
      const offsets = built === undefined ? jsonOffsets(text, pointers) : pointers.map((pointer) => treeOffset(built, parsePointer(pointer)));
      return offsets.map((offset) => lines.position(offset));
    },
  };
}

function parseYamlSource(file: string, displayName: string, text: string): BlueprintSource {
  const lineCounter = new LineCounter();
  const tooDeep = (pointer?: string): DesignFirstError => {
    // The syntax tree is walked without recursion, so it finds the place even where composing overflowed the stack.
    const offset = yamlDepthOffset(text, MAX_DEPTH);
    const where = offset >= 0 ? lineCounter.linePos(offset) : pointer !== undefined ? lineCounter.linePos(yamlOffset(doc, parsePointer(pointer))) : undefined;
    return new DesignFirstError('DF_ERR_LOAD_TOO_DEEP', `nesting deeper than ${MAX_DEPTH} levels`, {
      file: displayName,
      ...(where ? { line: where.line, column: where.col } : {}),
      ...(offset < 0 && pointer !== undefined ? { pointer } : {}),
    });
  };
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    throw error;
  }
  // `yaml` catches a stack overflow while composing and reports it as RESOURCE_EXHAUSTION: nesting, not syntax.
  if (doc.errors.some((error) => error.code === 'RESOURCE_EXHAUSTION')) throw tooDeep();
  const firstError = doc.errors[0];
  if (firstError) {
    const reason = firstError.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? 'invalid YAML';
    // An unclosed quote is reported where the file ends; the place to fix is where the string opens.
    const offset = firstError.code === 'MISSING_CHAR' && /closing .?quote/i.test(reason) ? quotedScalarOpening(text, firstError.pos[0]) : firstError.pos[0];
    const { line, col } = lineCounter.linePos(offset);
    throw new DesignFirstError('DF_ERR_LOAD_SYNTAX', `invalid YAML: ${reason}`, { file: displayName, line, column: col });
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (error instanceof RangeError) throw tooDeep();
    if (error instanceof ReferenceError || /alias/i.test(String((error as Error).message))) {
      throw new DesignFirstError('DF_ERR_LOAD_ALIASES', 'too many YAML aliases (a resource-exhaustion attempt?)', {
        file: displayName,
      });
    }
    throw new DesignFirstError('DF_ERR_LOAD_SYNTAX', 'invalid YAML', { file: displayName });
  }
  const deepPointer = deeperThan(data, MAX_DEPTH);
  if (deepPointer !== undefined) throw tooDeep(deepPointer);
  const locate = (pointer: string): Position => {
    const { line, col } = lineCounter.linePos(yamlOffset(doc, parsePointer(pointer)));
    return { line, column: col };
  };
  return {
    file,
    displayName,
    text,
    format: 'yaml',
    data,
    locate,
    locateAll: (pointers) => pointers.map(locate),
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

/**
 * A pointer to a value nested deeper than `limit`, found without recursion.
 * The document itself is level 1, as in the JSON and YAML text scans.
 */
export function deeperThan(root: unknown, limit: number): string | undefined {
  const stack: Array<[unknown, number, string]> = [[root, 1, '']];
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

/** Every token of a YAML text's syntax tree, in document order, with its collection nesting level; stops when `visit` returns true. */
// biome-ignore lint/suspicious/noConfusingVoidType: a visitor that returns nothing goes on walking; `false` stops it
function walkYamlTokens(text: string, visit: (token: CST.Token, level: number) => boolean | void): void {
  const stack: Array<[CST.Token, number]> = [];
  const tokens = [...new Parser().parse(text)];
  for (let i = tokens.length - 1; i >= 0; i--) stack.push([tokens[i]!, 0]);
  while (stack.length > 0) {
    const [token, outer] = stack.pop()!;
    const level = CST.isCollection(token) ? outer + 1 : outer;
    if (visit(token, level) === true) return;
    const children: Array<CST.Token | undefined> = [];
    if (token.type === 'document') children.push(token.value);
    else if (CST.isCollection(token)) for (const item of token.items) children.push(item.key ?? undefined, item.value);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push([child, level]);
    }
  }
}

/** Offset of the first YAML collection nested deeper than `limit` (the top collection is level 1), or -1. */
function yamlDepthOffset(text: string, limit: number): number {
  let found = -1;
  try {
    walkYamlTokens(text, (token, level) => {
      if (level > limit && CST.isCollection(token)) {
        found = token.offset;
        return true;
      }
      return false;
    });
  } catch (error) {
    // Only for the place in a message: if even the syntax tree overflows, the error names the file alone.
    if (!(error instanceof RangeError)) throw error;
  }
  return found;
}

/** Offset of the opening quote of the quoted scalar that runs up to `end`, or `end` itself. */
function quotedScalarOpening(text: string, end: number): number {
  let found = end;
  walkYamlTokens(text, (token) => {
    if ((token.type === 'double-quoted-scalar' || token.type === 'single-quoted-scalar') && token.offset <= end && end <= token.offset + token.source.length) {
      found = token.offset;
    }
  });
  return found;
}

/**
 * One pass over JSON text (strings skipped): the offset where bracket nesting
 * first exceeds `limit` (or -1), and how many `:` separate keys from values.
 */
function scanJson(text: string, limit: number): { deeperAt: number; colons: number } {
  let depth = 0;
  let colons = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 58 /* : */) colons++;
    else if (c === 123 || c === 91) {
      if (++depth > limit) return { deeperAt: i, colons };
    } else if (c === 125 || c === 93) depth--;
  }
  return { deeperAt: -1, colons };
}

/** Own keys of every object in `root`, counted without recursion. */
function countKeys(root: unknown): number {
  let count = 0;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== null && typeof item === 'object') stack.push(item);
      continue;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      count++;
      const child = (value as Record<string, unknown>)[key];
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return count;
}

/** The second occurrence of a key repeated within one JSON object, if any. */
function firstDuplicateKey(text: string): { key: string; offset: number } | undefined {
  const open: Array<Set<string>> = [];
  let found: { key: string; offset: number } | undefined;
  visitJson(text, {
    onObjectBegin: () => {
      open.push(new Set());
    },
    onObjectEnd: () => {
      open.pop();
    },
    onObjectProperty: (key, offset) => {
      const keys = open.at(-1);
      if (!keys || found) return;
      if (keys.has(key)) found = { key, offset };
      keys.add(key);
    },
  });
  return found;
}

/** Offsets to 1-based line and column, by binary search over line starts. */
/** Where a bundled pointer came from: the file and the pointer in it. */
export interface Origin {
  source: BlueprintSource;
  pointer: string;
}

/** The file, line, column and pointer of a pointer in one source, for errors and findings. */
export function placeIn(source: BlueprintSource, pointer: string): Required<SourcePlace> {
  const { line, column } = source.locate(pointer);
  return { file: source.displayName, line, column, pointer };
}

/** placeIn for many pointers of one source, in the order given (`locateAll`: a JSON text scanned once for all of them). */
export function placeAllIn(source: BlueprintSource, pointers: readonly string[]): Array<Required<SourcePlace>> {
  const positions = source.locateAll(pointers);
  return pointers.map((pointer, index) => ({ file: source.displayName, ...positions[index]!, pointer }));
}

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
