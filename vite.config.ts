import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { mapGeojson } from './scripts/map-geojson-plugin.ts';

/**
 * The map cannot paint before the basemap data and maplibre's worker arrive, and both are only
 * requested once the main bundle has run. Preload hints in index.html start them in parallel with
 * the bundle instead (see README for the measured paint times).
 */
function preloadMapAssets(): Plugin {
  return {
    name: 'preload-map-assets',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const tags = [];
        for (const file of Object.keys(ctx.bundle ?? {})) {
          if (/countries-110m-.*\.json$/.test(file)) {
            tags.push({ tag: 'link', attrs: { rel: 'preload', as: 'fetch', crossorigin: '', href: `./${file}` }, injectTo: 'head' as const });
          }
          if (/maplibre-gl-worker-.*\.mjs$/.test(file)) {
            tags.push({ tag: 'link', attrs: { rel: 'modulepreload', href: `./${file}` }, injectTo: 'head' as const });
          }
        }
        return tags;
      },
    },
  };
}

// One config for the app build and for Vitest. Two test projects:
// `unit` (pure TypeScript in Node) and `browser` (the built app in Debian's Chromium).
export default defineConfig({
  plugins: [svelte(), preloadMapAssets(), mapGeojson()],
  base: './',
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  test: {
    // The JSON report is what CI counts ("N passed, N failed").
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/report.json' },
    // Two files at a time: the machine (and CI) has 2 cores, and one file at a time left one idle.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 60_000,
          // The unit files share no mutable module state (the model is pure functions), so one module
          // graph per worker is safe and saves re-importing the engine for each of ~100 files.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          environment: 'node',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // Two files at once, each in its own context of the one Chromium that global-setup starts:
          // part of a file's time is waiting on the map and workers, so two overlap on 2 cores (measured
          // 680 s → 570 s, the timing-sensitive tests — long tasks, reload within 0 ms — still passing).
          fileParallelism: true,
        },
      },
    ],
  },
});
