/**
 * How far one version is behind another, in releases: the first of major and
 * minor that differs decides (1.0.0 -> 2.0.0 is one release behind, 1.0.0 ->
 * 1.3.0 three, 1.3.0 -> 2.0.0 one); patch releases do not count. Template-set
 * versions joined with `+` (the built-in set and a playbook's own) are
 * compared part by part, and the largest gap counts.
 */
import semver from 'semver';

export function releasesBehind(recorded: string | null, current: string | null): number {
  if (recorded === current) return 0;
  if (recorded === null || current === null) return 1;
  const recordedParts = recorded.split('+');
  const currentParts = current.split('+');
  if (recordedParts.length !== currentParts.length) return 1;
  return Math.max(...currentParts.map((part, index) => onePart(recordedParts[index]!, part)));
}

function onePart(recorded: string, current: string): number {
  const a = semver.coerce(recorded);
  const b = semver.coerce(current);
  if (!a || !b) return recorded === current ? 0 : 1;
  if (semver.gte(a, b)) return 0;
  if (a.major !== b.major) return b.major - a.major;
  return b.minor - a.minor;
}
