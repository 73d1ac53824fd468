// The entry Yeoman looks up for `yo design-first:update`: a re-export of the
// compiled generators/update/generator.ts, for the reasons given in
// generators/app/index.js. `npm run build` must have produced dist/ before use.
export { default } from '../../dist/generators/update/generator.js';
