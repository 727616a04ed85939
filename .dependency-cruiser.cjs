// The design's one direction of flow (docs/design.md), as import rules: a folder of src/ imports only
// src/core and the folders before it. `npm run check:layers` fails on a backward import; test/layering.test.ts
// proves it does, on a fixture.
//
//   capture -> evidence -> analysis -> rules -> report -> cli
//   runner drives drivers (drivers use android); live capture sits on capture and evidence.

/** Each folder of src/ and what it may import besides itself and src/core. */
const LAYERS = {
  core: [],
  capture: [],
  evidence: ['capture'],
  analysis: ['capture', 'evidence'],
  rules: ['capture', 'evidence', 'analysis'],
  report: ['capture', 'evidence', 'analysis', 'rules'],
  android: [],
  live: ['capture', 'evidence'],
  runner: ['capture', 'evidence', 'android', '../drivers'],
  cli: ['capture', 'evidence', 'analysis', 'rules', 'report', 'android', 'live', 'runner', '../drivers'],
};

const allowedPaths = (folders) => folders.map((f) => (f.startsWith('../') ? `${f.slice(3)}/` : `src/${f}/`));
const anyOf = (paths) => `^(${paths.map((p) => p.replace(/[.]/g, '\\.')).join('|')})`;
const PROJECT = '^(src|drivers|scenarios|bench|test)/';

const layerRules = Object.entries(LAYERS).map(([layer, may]) => ({
  name: `layer-${layer}`,
  comment: `src/${layer} may import only ${['core', ...may].join(', ')} (docs/design.md: one direction of flow)`,
  severity: 'error',
  from: { path: `^src/${layer}/` },
  to: { path: PROJECT, pathNot: anyOf(allowedPaths([layer, 'core', ...may])) },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'layer-unplaced',
      comment: 'a folder of src/ that is not in the layering: add it to LAYERS in .dependency-cruiser.cjs',
      severity: 'error',
      from: { path: '^src/', pathNot: `^src/(${Object.keys(LAYERS).join('|')})/|^src/index\\.ts$` },
      to: {},
    },
    {
      name: 'layer-index',
      comment: 'src/index.ts (the package API) re-exports src/core only',
      severity: 'error',
      from: { path: '^src/index\\.ts$' },
      to: { path: PROJECT, pathNot: '^src/core/' },
    },
    {
      name: 'layer-drivers',
      comment: 'drivers implement the Driver interface of src/core and may use src/android, nothing else of src/',
      severity: 'error',
      from: { path: '^drivers/' },
      to: { path: PROJECT, pathNot: '^(drivers|src/core|src/android)/' },
    },
    {
      name: 'scenarios-use-the-api',
      comment: 'scenarios use the scenario API (src/core, src/android helpers) and their shared steps',
      severity: 'error',
      from: { path: '^scenarios/' },
      to: { path: PROJECT, pathNot: '^(scenarios|src/core|src/android)/' },
    },
    {
      name: 'product-not-on-tests',
      comment: 'code that ships never imports tests or benchmarks',
      severity: 'error',
      from: { path: '^(src|drivers|scenarios)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'product-not-on-dev-deps',
      comment: 'code that ships imports no devDependency at run time (it would break an install without them)',
      severity: 'error',
      from: { path: '^(src|drivers)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      comment: 'an import cycle: ES modules then see each other half-initialised',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      comment: 'an import that resolves to nothing',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|reports|test/fixtures)/' },
    // type-only imports count too: a type reached backwards belongs in src/core
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.d.ts', '.js', '.mjs', '.json'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'types', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
