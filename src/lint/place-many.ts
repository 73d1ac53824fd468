/**
 * Placing many findings at once. `LoadedBlueprint.place` answers one pointer
 * at a time: a JSON source scans its text for each of its first eight places,
 * then builds a syntax tree of the whole file (a quarter of a second and much
 * memory on the 5.7 MB GitHub description). Lint asks for thousands of places
 * at the end of a run, so for JSON sources it scans the text once for all of
 * them (blueprint/json-locate.ts), with the same answers as
 * `BlueprintSource.locate`: the key of an object member, the start of an
 * array item, or the nearest existing parent.
 */
import type { LoadedBlueprint } from '../blueprint/load.js';
import { jsonOffsets } from '../blueprint/json-locate.js';
import { LineIndex, type BlueprintSource } from '../blueprint/source.js';
import type { Place } from './types.js';

const PATH_KEY = /^\/(paths|webhooks)\/[^/]+$/;

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
