/**
 * Who owns each file of a generated service, decided by where it lives:
 * design-first overwrites what it generates, updates platform files only where
 * the team has not changed them, and never overwrites the team's handlers.
 * Render assigns owners, the manifest records them, update obeys them.
 */
export type Ownership = 'generated' | 'platform' | 'team';

export function ownerOf(file: string): Ownership {
  if (file.startsWith('src/generated/') || file.startsWith('test/generated/') || file.startsWith('blueprints/')) return 'generated';
  if (file.startsWith('src/handlers/')) return 'team';
  return 'platform';
}
