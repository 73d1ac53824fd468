/**
 * load: a blueprint path -> one bundled OpenAPI 3.0/3.1 document, plus every
 * source file it came from, so that any place in the bundle can be traced back
 * to a file, line and column.
 *
 * Why our own bundler rather than json-schema-ref-parser: we need (1) the
 * origin of every bundled node for located errors and lint findings, (2) the
 * folder-containment and remote-address rules checked before anything is read,
 * and (3) external components hoisted under `components/` with readable names
 * rather than JSON-pointer paths into `paths`. The library offers none of the
 * three; the part it would save us (following refs) is the small part here.
 */
import path from 'node:path';
import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
import { DesignFirstError, type SourcePlace } from '../errors.js';
import { readReferencedSource, readRootSource, resolveRefTarget, type FetchRules } from './fetch-source.js';
import { childPointer, fragmentToPointer, getAtPointer, parsePointer } from './pointer.js';
import { placeAllIn, placeIn, type BlueprintSource, type Origin } from './source.js';
import { bundleExternalRefs } from './bundle.js';
import { forEachRef, splitRef } from './refs.js';

export type { Origin } from './source.js';

export type OpenApiDocument = OpenAPIV3.Document | OpenAPIV3_1.Document;

export interface LoadOptions {
  allowRemoteRefs?: boolean;
}

export interface LoadedBlueprint {
  /** The source the user named. */
  readonly root: BlueprintSource;
  /** Every file read, keyed by absolute path or URL. */
  readonly sources: ReadonlyMap<string, BlueprintSource>;
  /** The bundled document: all refs internal (`#/...`). */
  readonly document: OpenApiDocument;
  readonly specVersion: '3.0' | '3.1';
  /** True when the blueprint is one file without external refs; then `document` is the parsed root itself. */
  readonly singleFile: boolean;
  /** The file and pointer a bundled pointer came from. */
  origin(pointer: string): Origin;
  /** A SourcePlace (file, line, column, pointer) for a bundled pointer, for errors and findings. */
  place(pointer: string): Required<SourcePlace>;
  /** `place` for many bundled pointers, in the order given, each file read once for all of its pointers. */
  placeAll(pointers: readonly string[]): Array<Required<SourcePlace>>;
}

export async function loadBlueprint(file: string, options: LoadOptions = {}): Promise<LoadedBlueprint> {
  const root = await readRootSource(file);
  checkOpenApiHeader(root);
  const rules: FetchRules = { rootFolder: path.dirname(root.file), allowRemoteRefs: options.allowRemoteRefs ?? false };
  const sources = new Map<string, BlueprintSource>([[root.file, root]]);
  const external = await readAllReferencedSources(root, sources, rules);

  // A root that names itself by file name (`api.yaml#/…`) is bundled too, so the document never holds an external ref.
  const bundled = external ? bundleExternalRefs(root, sources, rules) : { document: root.data, origins: [] };
  const document = bundled.document as OpenApiDocument;
  checkInternalRefs(document, (pointer) => placeIn(root, pointer), external);

  const origin = (pointer: string): Origin => {
    let best: { prefix: string; origin: Origin } | undefined;
    for (const entry of bundled.origins) {
      if ((pointer === entry.prefix || pointer.startsWith(`${entry.prefix}/`)) && entry.prefix.length > (best?.prefix.length ?? -1)) {
        best = entry;
      }
    }
    if (!best) return { source: root, pointer };
    return { source: best.origin.source, pointer: best.origin.pointer + pointer.slice(best.prefix.length) };
  };
  return {
    root,
    sources,
    document,
    specVersion: String((root.data as { openapi: string }).openapi).startsWith('3.1') ? '3.1' : '3.0',
    singleFile: !external,
    origin,
    place(pointer) {
      const found = origin(pointer);
      return placeIn(found.source, found.pointer);
    },
    placeAll(pointers) {
      return placeEachSourceOnce(pointers.map(origin));
    },
  };
}

/** Places in their sources, each source asked once for all of its pointers; in the order given. */
export function placeEachSourceOnce(origins: readonly Origin[]): Array<Required<SourcePlace>> {
  const bySource = new Map<BlueprintSource, number[]>();
  origins.forEach((found, index) => {
    const indexes = bySource.get(found.source);
    if (indexes) indexes.push(index);
    else bySource.set(found.source, [index]);
  });
  const places = new Array<Required<SourcePlace>>(origins.length);
  for (const [source, indexes] of bySource) {
    const placed = placeAllIn(
      source,
      indexes.map((index) => origins[index]!.pointer),
    );
    indexes.forEach((index, at) => {
      places[index] = placed[at]!;
    });
  }
  return places;
}

function checkOpenApiHeader(root: BlueprintSource): void {
  const data = root.data;
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new DesignFirstError('DF_ERR_LOAD_NOT_OBJECT', 'the document is not a mapping', placeIn(root, ''));
  }
  const record = data as Record<string, unknown>;
  if (record.swagger !== undefined) {
    throw new DesignFirstError('DF_ERR_LOAD_SWAGGER2', `Swagger ${String(record.swagger)} is not OpenAPI 3`, placeIn(root, '/swagger'));
  }
  const version = record.openapi;
  if (typeof version !== 'string' || !/^3\.[01]\.\d+(-.+)?$/.test(version)) {
    throw new DesignFirstError(
      'DF_ERR_LOAD_VERSION',
      version === undefined ? 'no `openapi` field' : `openapi ${JSON.stringify(version)} is not 3.0.x or 3.1.x`,
      placeIn(root, version === undefined ? '' : '/openapi'),
    );
  }
  for (const field of ['info', 'paths', 'components'] as const) {
    const value = record[field];
    if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new DesignFirstError('DF_ERR_LOAD_SHAPE', `\`${field}\` must be a mapping`, placeIn(root, `/${field}`));
    }
  }
}

/** Breadth-first over external refs: read each file once, check each fragment exists. True when there was any. */
async function readAllReferencedSources(root: BlueprintSource, sources: Map<string, BlueprintSource>, rules: FetchRules): Promise<boolean> {
  let external = false;
  const queue = [root];
  while (queue.length > 0) {
    const source = queue.shift()!;
    const pending: Array<{ ref: string; pointer: string }> = [];
    forEachRef(source.data, (ref, pointer) => {
      if (!ref.startsWith('#')) pending.push({ ref, pointer });
    });
    for (const { ref, pointer } of pending) {
      external = true;
      const place = placeIn(source, childPointer(pointer, '$ref'));
      const [documentPart = '', fragment = ''] = splitRef(ref);
      const target = resolveRefTarget(documentPart, source.file, rules, place);
      let referenced = sources.get(target);
      if (!referenced) {
        referenced = await readReferencedSource(target, rules, place);
        sources.set(target, referenced);
        queue.push(referenced);
      }
      if (getAtPointer(referenced.data, fragmentToPointer(fragment)) === undefined) {
        throw new DesignFirstError('DF_ERR_REF_UNRESOLVED', `$ref "${ref}" names nothing in ${referenced.displayName}`, place);
      }
    }
    if (source !== root) checkInternalRefs(source.data, (pointer) => placeIn(source, pointer));
  }
  return external;
}

function checkInternalRefs(document: unknown, place: (pointer: string) => SourcePlace, bundled = false): void {
  forEachRef(document, (ref, pointer) => {
    if (!ref.startsWith('#')) {
      // A bundle holds internal refs only; anything else is a bug in the bundler, reported as one.
      if (bundled) throw new Error(`bundling left the external $ref "${ref}" at #${pointer}`);
      return;
    }
    const target = fragmentToPointer(ref);
    if (getAtPointer(document, target) === undefined) {
      throw new DesignFirstError('DF_ERR_REF_UNRESOLVED', `$ref "${ref}" names nothing in this document`, place(childPointer(pointer, '$ref')));
    }
    if (parsePointer(target).length === 0 && pointer !== '') {
      // `$ref: '#'` inside a document refers to the whole document: legal for schemas only in theory; refuse.
      throw new DesignFirstError('DF_ERR_REF_UNRESOLVED', `$ref "${ref}" names the whole document`, place(childPointer(pointer, '$ref')));
    }
  });
}
