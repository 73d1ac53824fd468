/**
 * What the reports say about the tool: its version (from package.json, read
 * once) and where it and each rule are documented. docs/ ships in the
 * package, so a rule's help URI names docs/lint.md of this very version.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from '../package-root.js';

const manifest = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

export const TOOL_VERSION: string = manifest.version;
export const INFORMATION_URI = `https://www.npmjs.com/package/${manifest.name}`;

/** docs/lint.md of this version as the registry serves it, at the rule's row. */
export function ruleHelpUri(id: string): string {
  return `https://unpkg.com/${manifest.name}@${manifest.version}/docs/lint.md#${encodeURIComponent(id)}`;
}
