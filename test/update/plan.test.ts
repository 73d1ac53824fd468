/**
 * planUpdate's decisions, one owner and one situation at a time: base (what
 * design-first wrote last time), theirs (on disk) and ours (written now).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Ownership } from '../../src/ownership.js';
import { planUpdate, type FileAction } from '../../src/update/plan.js';
import { hashContent, type Manifest } from '../../src/write/manifest.js';

const BASE = 'as design-first wrote it\n';
const OURS = 'as design-first writes it now\n';
const THEIRS = 'as the team changed it\n';

function previousManifest(files: Record<string, { owner: Ownership; content: string }>): Manifest {
  return {
    manifestVersion: 2,
    generator: { name: 'generator-design-first', version: '0.1.0' },
    templateVersion: '1.0.0',
    templates: null,
    playbook: { source: null, name: null, version: null, hash: 'x' },
    service: { name: 'pets' },
    versions: [],
    files: Object.fromEntries(Object.entries(files).map(([name, file]) => [name, { owner: file.owner, hash: hashContent(file.content) }])),
    overriddenFindings: [],
  };
}

/** The plan for one file: `base` undefined = design-first never wrote it; `disk` undefined = absent; `ours` undefined = not written now. */
function decide(owner: Ownership, base: string | undefined, disk: string | undefined, ours: string | undefined) {
  const name = owner === 'team' ? 'src/handlers/v1/pets/getPet.ts' : owner === 'generated' ? 'src/generated/v1/types.ts' : 'src/platform/errors.ts';
  const [planned] = planUpdate({
    files: ours === undefined ? [] : [{ path: name, content: ours, owner }],
    previous: previousManifest(base === undefined ? {} : { [name]: { owner, content: base } }),
    disk: new Map(disk === undefined ? [] : [[name, Buffer.from(disk)]]),
  });
  assert.ok(planned);
  return planned;
}

const cases: Array<{
  owner: Ownership;
  base?: string;
  disk?: string;
  ours?: string;
  action: FileAction;
  written?: string | null;
  kept?: string | null;
  reason?: RegExp;
}> = [
  // platform: the three-way decision
  { owner: 'platform', base: BASE, disk: BASE, ours: OURS, action: 'update', written: OURS },
  { owner: 'platform', base: BASE, disk: THEIRS, ours: BASE, action: 'keep', written: BASE, reason: /you changed it; the templates did not/ },
  { owner: 'platform', base: BASE, disk: THEIRS, ours: OURS, action: 'conflict', written: OURS, kept: BASE, reason: /you changed it since/ },
  { owner: 'platform', base: BASE, disk: OURS, ours: OURS, action: 'unchanged', written: OURS },
  { owner: 'platform', base: BASE, disk: undefined, ours: BASE, action: 'keep', written: BASE, reason: /^you deleted it$/ },
  { owner: 'platform', base: BASE, disk: undefined, ours: OURS, action: 'keep', written: BASE, reason: /you deleted it \(the templates changed it since/ },
  { owner: 'platform', base: undefined, disk: undefined, ours: OURS, action: 'create', written: OURS },
  { owner: 'platform', base: undefined, disk: THEIRS, ours: OURS, action: 'conflict', written: OURS, kept: null, reason: /did not write is in the way/ },
  { owner: 'platform', base: BASE, disk: BASE, ours: undefined, action: 'delete', written: null, reason: /no longer part of the templates/ },
  { owner: 'platform', base: BASE, disk: THEIRS, ours: undefined, action: 'keep', written: null, reason: /kept because you changed it/ },
  { owner: 'platform', base: BASE, disk: undefined, ours: undefined, action: 'unchanged', written: null },
  // generated: always ours
  { owner: 'generated', base: BASE, disk: BASE, ours: OURS, action: 'update', written: OURS, reason: /^$/ },
  { owner: 'generated', base: BASE, disk: THEIRS, ours: OURS, action: 'update', written: OURS, reason: /edited by hand/ },
  { owner: 'generated', base: undefined, disk: undefined, ours: OURS, action: 'create', written: OURS },
  { owner: 'generated', base: BASE, disk: THEIRS, ours: undefined, action: 'delete', written: null, reason: /no longer generated/ },
  // team: created when absent, never overwritten, orphaned when its operation left
  { owner: 'team', base: undefined, disk: undefined, ours: OURS, action: 'create', written: OURS, reason: /new operation/ },
  { owner: 'team', base: BASE, disk: undefined, ours: OURS, action: 'create', written: OURS, reason: /was missing/ },
  { owner: 'team', base: BASE, disk: THEIRS, ours: OURS, action: 'keep', written: BASE, reason: /^$/ },
  { owner: 'team', base: undefined, disk: THEIRS, ours: OURS, action: 'keep', written: OURS },
  { owner: 'team', base: BASE, disk: THEIRS, ours: undefined, action: 'orphan', written: BASE },
  { owner: 'team', base: BASE, disk: undefined, ours: undefined, action: 'unchanged', written: null },
];

const label = (text: string | undefined) => (text === undefined ? 'absent' : text === BASE ? 'base' : text === OURS ? 'ours' : 'theirs');

for (const row of cases) {
  test(`${row.owner}: written before ${label(row.base)}, on disk ${label(row.disk)}, now ${label(row.ours)} -> ${row.action}`, () => {
    const planned = decide(row.owner, row.base, row.disk, row.ours);
    assert.equal(planned.action, row.action);
    if (row.written !== undefined) assert.equal(planned.recordWritten?.hash, row.written === null ? undefined : hashContent(row.written));
    const kept = row.kept !== undefined ? row.kept : row.written;
    if (kept !== undefined) assert.equal(planned.recordKept?.hash, kept === null ? undefined : hashContent(kept));
    if (row.reason) assert.match(planned.reason, row.reason);
    const writes = planned.action === 'create' || planned.action === 'update' || planned.action === 'conflict';
    assert.equal(planned.content, writes ? row.ours : undefined);
  });
}

test('a team file is never given content to write over an existing file', () => {
  for (const base of [BASE, undefined]) {
    for (const ours of [OURS, THEIRS, BASE]) {
      const planned = decide('team', base, THEIRS, ours);
      assert.equal(planned.action, 'keep');
      assert.equal(planned.content, undefined);
    }
  }
});

test("a checkout's CRLF line ends are not a change of the team's", () => {
  const crlf = BASE.replace(/\n/g, '\r\n');
  assert.equal(decide('platform', BASE, crlf, OURS).action, 'update');
  assert.equal(decide('platform', BASE, crlf, BASE).action, 'unchanged');
  assert.equal(decide('platform', BASE, `${crlf}more\r\n`, OURS).action, 'conflict');
});
