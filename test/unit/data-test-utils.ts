/** Shipped data files read from disk, and a helper to find one specific error, for the data-* tests. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { DataError } from '../../src/data/errors';

const root = new URL('../../', import.meta.url);

export function readRepoText(path: string): string {
  return readFileSync(new URL(path, root), 'utf8');
}

/** A fresh deep copy of a shipped JSON file, safe to mutate. */
export function readRepoJson<T = any>(path: string): T {
  return JSON.parse(readRepoText(path)) as T;
}

/** Asserts that one error names exactly this file, item and field, and returns it. */
export function expectError(errors: DataError[], file: string, feature: string | number | null, field: string): DataError {
  const hit = errors.find((e) => e.file === file && e.feature === feature && e.field === field);
  expect(hit, `no error for ${file} › ${String(feature)} › ${field}; got ${JSON.stringify(errors)}`).toBeDefined();
  return hit!;
}
