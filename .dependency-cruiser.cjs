/**
 * The architecture, as rules over the import graph (dependency-cruiser).
 * test/seams/architecture.test.ts runs them; `npx depcruise src templates/service/src generators`
 * prints the same verdict. docs/architecture.md explains the stage map.
 *
 * The pipeline's stages only look forward (load -> lint -> model -> render -> write):
 * a stage never imports a later one, nor one beside it. `update`, `pipeline`,
 * `cli` and the package entry orchestrate, so they may import any stage.
 */
const stage = (name, forbidden, comment) => ({
  name: `${name}-only-looks-forward`,
  comment,
  severity: 'error',
  from: { path: `^src/${name}/` },
  to: { path: `^src/(${forbidden.join('|')})(/|\\.ts$)` },
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import circle makes load order matter and hides which module owns what.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    stage(
      'blueprint',
      ['lint', 'model', 'render', 'write', 'diff', 'update', 'cli', 'client', 'pipeline', 'playbook'],
      'Loading knows nothing of what is done with a blueprint.',
    ),
    stage(
      'playbook',
      ['lint', 'model', 'render', 'write', 'diff', 'update', 'cli', 'client', 'pipeline'],
      'The playbook is configuration, read by the stages after it.',
    ),
    stage(
      'lint',
      ['model', 'render', 'write', 'diff', 'update', 'cli', 'client', 'pipeline'],
      'Lint judges the blueprint; it never imports the model or render.',
    ),
    stage(
      'model',
      ['lint', 'render', 'write', 'diff', 'update', 'cli', 'client', 'pipeline', 'playbook'],
      'The model is built from the blueprint and runtime settings only.',
    ),
    stage(
      'render',
      ['blueprint', 'lint', 'write', 'diff', 'update', 'cli', 'client', 'pipeline', 'playbook'],
      'Render sees only the ServiceModel, never raw OpenAPI.',
    ),
    stage('write', ['blueprint', 'lint', 'model', 'render', 'diff', 'update', 'cli', 'client', 'pipeline', 'playbook'], 'Write knows nothing of OpenAPI.'),
    stage('diff', ['lint', 'model', 'render', 'write', 'update', 'cli', 'client', 'pipeline'], 'Diff compares blueprints; it never imports the generator.'),
    stage(
      'client',
      ['lint', 'write', 'diff', 'update', 'cli'],
      'Client SDKs: the OpenAPI Generator wrapper reads blueprints only; the TypeScript package (typescript-package.ts) is modelled and rendered as the pipeline renders a service.',
    ),
    {
      name: 'catalogue-reads-only',
      comment:
        "The catalogue reads blueprints, lint findings, diff changes and manifests (update/manifest-file.ts reads them); it never generates, writes a service or orchestrates. A service's drift is handed to it by the estate layer.",
      severity: 'error',
      from: { path: '^src/catalogue/' },
      to: { path: '^src/(model|render|pipeline|cli|client|estate)(/|\\.ts$)|^src/update/(?!manifest-file\\.ts$)|^src/write/(?!manifest\\.ts$|paths\\.ts$)' },
    },
    {
      name: 'stages-do-not-import-the-estate',
      comment: 'The estate orchestrates like update: it calls the stages, and nothing but the CLI calls it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli|estate)/' },
      to: { path: '^src/estate/' },
    },
    {
      name: 'stages-do-not-import-the-catalogue',
      comment: 'The catalogue is a consumer of the stages; only the estate layer and the CLI use it.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(cli|estate|catalogue)/' },
      to: { path: '^src/catalogue/' },
    },
    {
      name: 'nothing-imports-the-cli',
      comment: 'The core is a library: commands call it, never the other way round.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/cli/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'services-stand-alone',
      comment: 'A generated service is its own codebase: its templates cannot import the generator.',
      severity: 'error',
      from: { path: '^templates/' },
      to: { path: '^(src|generators|dist)/' },
    },
    {
      name: 'generator-does-not-import-templates',
      comment: 'Templates are files to render, not modules of the generator (the route contract is held by a type test instead).',
      severity: 'error',
      from: { path: '^(src|generators)/' },
      to: { path: '^templates/' },
    },
  ],
  options: {
    // TypeScript 7 has no compiler API, so the graph is parsed with swc; type-only imports count too.
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
  },
};
