// The entry Yeoman looks up: `yo design-first` resolves the package's
// `generators/app/index.js`. The generator itself is TypeScript
// (`generators/app/generator.ts`), compiled by the repository's tsconfig
// (rootDir ".", outDir "dist") to `dist/generators/app/generator.js`, next to
// the compiled core it imports (`dist/src/...`).
//
// Why a hand-written re-export instead of compiling straight to an index.js:
// - every yeoman-environment version finds `generators/app/index.js`; only
//   recent ones also search `dist/generators`, and they would also register a
//   `generators/app/index.ts` shipped in the package, making two candidates
//   for one namespace;
// - naming the source `generator.ts` (not `index.ts`) keeps it out of
//   Yeoman's `*/index.{ts,js}` lookup, so this file is the only entry;
// - the build stays one plain `tsc -p tsconfig.json`, with no copy step.
// `npm run build` (run by `prepare`) must have produced dist/ before use.
export { default } from '../../dist/generators/app/generator.js';
