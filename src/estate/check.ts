/**
 * The estate's drift columns, from update's own plan: the service regenerated
 * in memory from its recorded blueprints, playbook and templates (prepareUpdate,
 * nothing written), reporting the files design-first owns that update would
 * change, the stored blueprints edited since the last update, and the breaking
 * changes update's review of published versions finds in them.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readManifest } from '../update/manifest-file.js';
import { prepareUpdate } from '../update/index.js';
import type { CheckOutcome } from './status.js';

/** Update's bookkeeping (each blueprint as last generated) is never drift. */
const BOOKKEEPING = '.design-first/';

export async function checkDrift(dir: string): Promise<CheckOutcome> {
  const recorded = await readManifest(dir);
  const prepared = await prepareUpdate({
    dir,
    lint: true,
    // A service generated despite lint errors is regenerated as it was; breaking changes are counted, not refused.
    allowLintErrors: recorded.overriddenFindings.length > 0,
    allowBreaking: true,
  });
  const files = prepared.files
    .filter((file) => file.owner !== 'team' && !file.path.startsWith(BOOKKEEPING))
    .filter((file) => file.action === 'create' || file.action === 'update' || file.action === 'conflict' || file.action === 'delete')
    .map((file) => ({ path: file.path, why: `update would ${file.action === 'conflict' ? 'conflict with' : file.action} it` }));
  const blueprintEdits: string[] = [];
  for (const source of prepared.sources) {
    if (!source.previous) continue;
    const hash = createHash('sha256').update(await readFile(source.file)).digest('hex');
    if (hash !== source.previous.hash) blueprintEdits.push(source.previous.blueprint);
  }
  const breaking = prepared.review.reviews.reduce((sum, review) => sum + review.changes.filter((change) => change.severity === 'breaking').length, 0);
  return { files, blueprintEdits, breaking };
}
