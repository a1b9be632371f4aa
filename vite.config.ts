import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// One config for the app build and for Vitest. Two test projects:
// `unit` (pure TypeScript in Node) and `browser` (the built app in Debian's Chromium).
export default defineConfig({
  plugins: [svelte()],
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
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          testTimeout: 60_000,
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
          // One Chromium at a time: the machine has 2 cores and WebGL runs on SwiftShader.
          fileParallelism: false,
        },
      },
    ],
  },
});
