/**
 * Layering rules (issue 11), checked by `npm run lint:deps` and therefore by `npm test` and CI.
 *
 *   sim       the pure core: imports only sim (and zod); no DOM, no Svelte, no workers
 *   data      schemas of data/ at the edge: imports sim only (never snapshot, state or ui)
 *   snapshot  scenario codecs: imports sim (never data, state, ui, map, charts, workers)
 *   geo       pure geometry (distances, nearest substation, grid layer files): imports sim and data only
 *   workers   thin Comlink entries + pool: import sim only
 *   state     rune classes: never ui
 *   ui        panels: reach state only through what they are given (props), so type-only imports
 *
 * A violation fails the command with the rule's name and the offending import.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'sim-imports-only-sim',
      comment: 'src/sim is the pure core: it runs in Vitest, the CLI and a worker alike, so it depends on nothing else in the app.',
      severity: 'error',
      from: { path: '^src/sim/' },
      to: { path: '^(src/(?!sim/)|workers/|scripts/|data/|test/)' },
    },
    {
      name: 'sim-no-platform-packages',
      comment: 'No Svelte, Comlink, idb or DOM-bound packages in the pure core (zod is plain data validation).',
      severity: 'error',
      from: { path: '^src/sim/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'core'], pathNot: '^node_modules/zod/' },
    },
    {
      name: 'data-not-above-sim',
      comment: 'data/ validates the bundled files; it must not depend on snapshot, state or ui.',
      severity: 'error',
      from: { path: '^src/data/' },
      to: { path: '^src/(snapshot|state|ui|map|charts|geo)/|^workers/' },
    },
    {
      name: 'snapshot-not-above-sim',
      comment: 'Scenario codecs depend on the core only, so the CLI and tests can use them without the app.',
      severity: 'error',
      from: { path: '^src/snapshot/' },
      to: { path: '^src/(data|state|ui|map|charts|geo)/|^workers/' },
    },
    {
      name: 'geo-not-above-data',
      comment: 'Geometry is pure: the CLI and the state classes both call it, so it never depends on snapshot, state, ui or workers.',
      severity: 'error',
      from: { path: '^src/geo/' },
      to: { path: '^src/(snapshot|state|ui|map|charts|layers)/|^src/App\\.svelte$|^workers/|^scripts/' },
    },
    {
      name: 'workers-import-only-sim',
      comment: 'Worker entries and the pool run the core (and the file readers and codecs, which depend on the core only); they know nothing of the app.',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^src/(?!sim/|files/|snapshot/)|^scripts/' },
    },
    {
      name: 'files-import-only-sim',
      comment: 'src/files reads user files (CSV, XLSX) into the core\'s types, for the CLI and a worker alike: it depends on the core and its parsers only.',
      severity: 'error',
      from: { path: '^src/files/' },
      to: { path: '^src/(?!sim/|files/)|^workers/|^scripts/' },
    },
    {
      name: 'state-not-ui',
      comment: 'State classes hold what the user edits and runs; panels display them, never the reverse.',
      severity: 'error',
      from: { path: '^src/state/' },
      to: { path: '^src/(ui|map|charts)/|^src/App\\.svelte$' },
    },
    {
      name: 'ui-reaches-state-through-props',
      comment: 'Components get state objects as props (typed by a type-only import) and call their methods; they never import state values.',
      severity: 'error',
      from: { path: '^src/(ui|map|charts)/' },
      to: { path: '^src/state/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: ['\\?(raw|url)$', '^virtual:'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.svelte', '.json', '.d.ts'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
