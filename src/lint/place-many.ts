/**
 * Placing many findings at once. `LoadedBlueprint.place` answers one pointer
 * at a time: a JSON source scans its text for each of its first eight places,
 * then builds a syntax tree of the whole file (a quarter of a second and much
 * memory on the 5.7 MB GitHub description). Lint asks for thousands of places
 * at the end of a run, so each source is asked once for all of its places
 * (`placeEachSourceOnce`: a JSON text is scanned once, blueprint/json-locate.ts),
 * with the same answers as `BlueprintSource.locate`: the key of an object
 * member, the start of an array item, or the nearest existing parent.
 */
import { placeEachSourceOnce, type LoadedBlueprint } from '../blueprint/load.js';
import type { Place } from './types.js';

const PATH_KEY = /^\/(paths|webhooks)\/[^/]+$/;

/** Place every bundled pointer; the map's keys are the pointers asked for. */
export function placeMany(loaded: LoadedBlueprint, pointers: Iterable<string>): Map<string, Place> {
  const bundled = [...pointers];
  // A path's key is always written in the root file, even when its path item lives in a file of its own.
  const origins = bundled.map((pointer) => (PATH_KEY.test(pointer) ? { source: loaded.root, pointer } : loaded.origin(pointer)));
  const places = placeEachSourceOnce(origins);
  return new Map(bundled.map((pointer, index) => [pointer, places[index]!]));
}
