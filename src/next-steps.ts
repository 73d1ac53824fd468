/**
 * What `new` (and `yo design-first`) print after generating: commands that
 * work as printed, in order. A secured blueprint's service refuses to start
 * until its credentials are configured, so the first run is `npm run dev`
 * (mock auth), and the production line names the variables to set.
 */
import type { ServiceModel } from './model/service-model.js';

export interface NextStepsOptions {
  /** The folder to `cd` into first; undefined when the user is already there. */
  cd: string | undefined;
  /** Whether `npm install` already ran (Yeoman installs by itself in some cases). */
  installed: boolean;
}

export function nextSteps(model: ServiceModel, options: NextStepsOptions): string[] {
  const first = [options.cd === undefined ? '' : `cd ${JSON.stringify(options.cd)}`, options.installed ? '' : 'npm install', 'npm test']
    .filter(Boolean)
    .join(' && ');
  const docs = `http://localhost:3000${model.versions[0]?.prefix ?? ''}/docs`;
  const variables = model.credentialVariables.map((name) => (name === 'API_KEYS' ? 'API_KEYS or API_KEYS_FILE' : name));
  if (variables.length === 0) {
    return [
      `next: ${first}`,
      `next: npm run dev    (restarts on every change, readable logs; ${docs})`,
      'next: npm start      (builds, then serves on PORT, default 3000)',
      COMMIT,
    ];
  }
  return [
    `next: ${first}`,
    `next: npm run dev    (mock auth: secured operations answer without credentials; restarts on every change; ${docs})`,
    `next: for production, set ${variables.join(', ')} as .env.example describes, then npm start (without them it refuses to start)`,
    COMMIT,
  ];
}

const COMMIT = 'next: commit it all, package-lock.json too: CI runs npm ci, design-first lint, design-first update --check and the tests';
