/**
 * The part of a playbook that a generated service runs with (RuntimeSettings):
 * page sizes, body limit, envelope names, the error shape and the member names
 * of the `playbook` error shape in the profile's casing. Derived once here so
 * that the model, the templates and the service's own tests agree.
 */
import type { RuntimeSettings } from '../model/service-model.js';
import type { PropertyCasing, ResolvedPlaybook } from './types.js';

/** Member names of the `playbook` error shape, in a casing: `Message`/`message`, `Errors`, and the field errors' `In`, `Pointer`, `Detail`. */
export function errorMembersFor(casing: PropertyCasing): RuntimeSettings['errorMembers'] {
  // Each name is one word, so only its first letter depends on the casing.
  const name = (word: string): string => (casing === 'pascal' ? word[0]!.toUpperCase() + word.slice(1) : word);
  return { message: name('message'), errors: name('errors'), in: name('in'), pointer: name('pointer'), detail: name('detail') };
}

/** A field name written in a casing, for examples in the generated README (`CourseName`, `courseName`, `course_name`). */
function exampleField(casing: PropertyCasing): string {
  return casing === 'pascal' ? 'Name' : 'name';
}

export function runtimeSettingsOf(playbook: ResolvedPlaybook): RuntimeSettings {
  const casing = playbook.profile.propertyCasing;
  const members = errorMembersFor(casing);
  const example =
    playbook.profile.errorShape === 'playbook'
      ? { [members.message]: '…', [members.errors]: [{ [members.in]: 'body', [members.pointer]: `/${exampleField(casing)}`, [members.detail]: 'is required' }] }
      : { type: 'about:blank', title: 'Bad Request', status: 400, detail: '…', errors: [{ in: 'body', pointer: `/${exampleField(casing)}`, detail: 'is required' }] };
  return {
    bodyLimitBytes: playbook.bodyLimitBytes,
    pageSize: playbook.paging.pageSize,
    unpagedMaximum: playbook.paging.unpagedMaximum,
    subscriptionKeyHeader: playbook.subscriptionKeyHeader,
    envelope: { page: playbook.envelope.page, links: playbook.envelope.links, rel: playbook.envelope.rel, href: playbook.envelope.href, type: playbook.envelope.type },
    rateLimit: { max: playbook.rateLimit.max, windowSeconds: playbook.rateLimit.windowSeconds },
    errorShape: playbook.profile.errorShape,
    propertyCasing: casing,
    errorMembers: members,
    errorExample: JSON.stringify(example, null, 1).replace(/\n\s*/g, ' '),
  };
}
