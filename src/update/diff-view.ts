/**
 * The diff of every file an update changes, as `git diff` shows it (unified,
 * three lines of context, a/ and b/ prefixes), so a team reads what the
 * update does to its service before (`--dry-run`) and as it applies it.
 * Generated files (src/generated/, test/generated/, blueprints/) can run to
 * megabytes and are design-first's alone: each is one line with its counts,
 * unless `generated` asks for their full diff.
 */
import { createTwoFilesPatch, diffLines } from 'diff';
import type { PlannedFile } from './plan.js';

const WRITES = new Set(['create', 'update', 'merge', 'conflict']);

export function diffOfChanges(files: readonly PlannedFile[], disk: ReadonlyMap<string, Buffer>, options: { generated?: boolean } = {}): string[] {
  const lines: string[] = [];
  for (const file of files) {
    const writes = WRITES.has(file.action) && file.content !== undefined;
    if (!writes && file.action !== 'delete') continue;
    const before = disk.get(file.path)?.toString('utf8') ?? '';
    const after = writes ? file.content! : '';
    if (before === after) continue;
    if (file.owner === 'generated' && !options.generated) {
      let added = 0;
      let removed = 0;
      for (const part of diffLines(before, after)) {
        if (part.added) added += part.count ?? 0;
        if (part.removed) removed += part.count ?? 0;
      }
      lines.push(`diff ${file.path}: generated, +${added} -${removed} lines`);
      continue;
    }
    const patch = createTwoFilesPatch(disk.has(file.path) ? `a/${file.path}` : '/dev/null', writes ? `b/${file.path}` : '/dev/null', before, after, '', '', {
      context: 3,
    });
    // The first line of createTwoFilesPatch is a separator line of '='; git's header starts at ---.
    lines.push(
      `diff --git a/${file.path} b/${file.path}`,
      ...patch
        .split('\n')
        .filter((line, index) => !(index === 0 && /^=+$/.test(line)) && line !== '')
        .filter((line) => !/^Index: /.test(line)),
    );
  }
  return lines;
}
