/**
 * Matching the media types of two `content` maps: the same type (exactly, or
 * ignoring case, spaces and the order of parameters), the same type with other
 * parameters (`; charset=utf-8` dropped is generalised, added is specialised),
 * or a wildcard that covers it (`application/json` -> `application/*`).
 * https://www.rfc-editor.org/rfc/rfc9110#name-media-type
 */
import { baseMediaType } from '../blueprint/openapi.js';

export type MediaRelation = 'same' | 'generalized' | 'specialized' | 'changed';

export interface MediaMatch {
  /** The new media type, as written. */
  type: string;
  relation: MediaRelation;
}

interface Parsed {
  essence: string;
  parameters: Map<string, string>;
}

function parse(mediaType: string): Parsed {
  const [essence = '', ...rest] = mediaType.split(';');
  const parameters = new Map<string, string>();
  for (const parameter of rest) {
    const at = parameter.indexOf('=');
    if (at < 0) continue;
    parameters.set(
      parameter.slice(0, at).trim().toLowerCase(),
      parameter
        .slice(at + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1'),
    );
  }
  return { essence: baseMediaType(essence), parameters };
}

/** Every parameter of `inner` is in `outer` with the same value. */
function within(inner: Map<string, string>, outer: Map<string, string>): boolean {
  for (const [name, value] of inner) if (outer.get(name)?.toLowerCase() !== value.toLowerCase()) return false;
  return true;
}

/** Does the range `outer` (`*\/*`, `application/*`) cover the type `inner`? */
function coversEssence(outer: string, inner: string): boolean {
  if (outer === '*/*') return true;
  const [type, subtype] = outer.split('/');
  return subtype === '*' && inner.startsWith(`${type}/`);
}

/** Old media type -> its match in the new content map. */
export function matchMediaTypes(oldTypes: readonly string[], newTypes: readonly string[]): Map<string, MediaMatch> {
  const matches = new Map<string, MediaMatch>();
  const remaining = new Set(newTypes);
  const take = (old: string, type: string, relation: MediaRelation, keep = false) => {
    matches.set(old, { type, relation });
    if (!keep) remaining.delete(type);
  };
  for (const type of oldTypes) if (remaining.has(type)) take(type, type, 'same');
  if (matches.size === oldTypes.length) return matches; // the usual case: every type kept as it was

  const parsed = new Map([...oldTypes, ...newTypes].map((type) => [type, parse(type)]));
  const open = () => oldTypes.filter((type) => !matches.has(type));
  for (const old of open()) {
    const p = parsed.get(old)!;
    for (const candidate of remaining) {
      const q = parsed.get(candidate)!;
      if (q.essence !== p.essence) continue;
      const newWithin = within(q.parameters, p.parameters);
      const oldWithin = within(p.parameters, q.parameters);
      take(old, candidate, newWithin && oldWithin ? 'same' : newWithin ? 'generalized' : oldWithin ? 'specialized' : 'changed');
      break;
    }
  }
  // A wildcard may stand for several old types at once; the rest are matched one to one.
  for (const old of open()) {
    const essence = parsed.get(old)!.essence;
    const wider = [...remaining].find((candidate) => parsed.get(candidate)!.essence !== essence && coversEssence(parsed.get(candidate)!.essence, essence));
    if (wider !== undefined) take(old, wider, 'generalized', true);
  }
  for (const old of open()) {
    const essence = parsed.get(old)!.essence;
    const narrower = [...remaining].find((candidate) => parsed.get(candidate)!.essence !== essence && coversEssence(essence, parsed.get(candidate)!.essence));
    if (narrower !== undefined) take(old, narrower, 'specialized');
  }
  return matches;
}
