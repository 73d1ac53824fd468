/**
 * The contract a version keeps is written twice, because write knows nothing
 * of the playbook: PlaybookContract (src/playbook/types.ts), which the playbook
 * computes, and VersionContract (src/write/manifest.ts), which the manifest
 * records. This file compiles only while each is assignable to the other.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contractOf } from '../../src/playbook/contract.js';
import { loadPlaybook } from '../../src/playbook/index.js';
import type { PlaybookContract } from '../../src/playbook/types.js';
import type { VersionContract } from '../../src/write/manifest.js';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const same: Same<PlaybookContract, VersionContract> = true;

test('the playbook contract and the manifest record are one shape', async () => {
  assert.equal(same, true);
  const recorded: VersionContract = contractOf(await loadPlaybook());
  assert.equal(recorded.errorShape, 'problem');
});
