/** `info` says what the API is, which version, who to contact and under which licence (OpenAPI 3.1.0 §4.8.2). */
import { asObject, asString } from '../../blueprint/openapi.js';
import { defineRule } from '../types.js';

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

export default defineRule({
  id: 'info-metadata',
  description: '`info` has a title, a description, a semver `version`, a contact and a licence',
  fix: 'fill in info.title, info.description, info.version (such as 1.2.0), info.contact and info.license',
  create(context) {
    return {
      document({ value }) {
        const info = asObject(value.info);
        if (!info) {
          context.report({ message: 'no `info`: give the API a title, description, version, contact and licence', location: '' });
          return;
        }
        const blank = (field: string): boolean => !asString(info[field])?.trim();
        if (blank('title')) context.report({ message: 'info has no title', location: '/info' });
        if (blank('description')) context.report({ message: 'info has no description', location: '/info' });
        const version = asString(info.version);
        if (version === undefined || !SEMVER.test(version)) {
          context.report({
            message: `info.version ${JSON.stringify(info.version ?? null)} is not a semantic version (major.minor.patch)`,
            location: info.version === undefined ? '/info' : '/info/version',
          });
        }
        const contact = asObject(info.contact);
        if (!contact || !(asString(contact.name) || asString(contact.email) || asString(contact.url))) {
          context.report({ message: 'info has no contact (name, email or url)', location: contact ? '/info/contact' : '/info' });
        }
        const license = asObject(info.license);
        if (!license || !asString(license.name)?.trim()) {
          context.report({ message: 'info has no license with a name', location: license ? '/info/license' : '/info' });
        }
      },
    };
  },
});
