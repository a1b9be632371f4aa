/**
 * Errors a person reads name the input in words, never by its field path: every parameter path of
 * every bundled preset, in the forms the app's checks report them ("params.…", "queue.<preset>.…",
 * array rows, quoted keys), and paths quoted inside a message. The CLI keeps the paths (contract.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorLines } from '../../src/sim/contract';
import { fieldWords, problemLines } from '../../src/sim/param-words';
import { leafPaths } from '../../src/sim/param-paths';

const regions = JSON.parse(readFileSync('data/regions.json', 'utf8')) as { queuePresets: Record<string, { name: string; params: unknown }> };
const presets = regions.queuePresets;
const names = (s: string) => presets[s]?.name;
const PATHS = [...new Set(Object.values(presets).flatMap((p) => leafPaths(p.params)))];

/** A field path, a preset id or a camelCase identifier left in the text. */
function leak(text: string): string | null {
  const path = /\b[a-z][A-Za-z0-9]*(?:\.[A-Za-z0-9_]+)+\b/.exec(text);
  if (path) return `path ${path[0]}`;
  const id = Object.keys(presets).find((id) => new RegExp(`(?<![\\w-])${id}(?![\\w-])`).test(text));
  if (id) return `preset id ${id}`;
  const camel = /\b[a-z]+[A-Z][A-Za-z0-9]*\b/.exec(text);
  return camel ? `identifier ${camel[0]}` : null;
}

describe('problems in words', () => {
  const errors = PATHS.flatMap((p) => [
    { field: `params.${p}`, message: 'must be a positive number, got -5' },
    { field: `queue.us-lbnl.${p}`, message: `must be below ${p} of the next phase` },
    { field: `queueOverrides.ercot-large-load["${p}"]`, message: 'is not a number' },
  ]);

  it('names every preset parameter without a path, an id or an identifier, in words the editor uses', () => {
    const lines = problemLines(errors, names);
    const leaks = lines.map((l) => [l, leak(l)]).filter(([, why]) => why !== null);
    expect(leaks.slice(0, 5)).toEqual([]);
    expect(fieldWords('params.phases.fs.p50')).toBe('Study and construction phases · facilities study · P50');
    expect(fieldWords('queue.us-lbnl.arrivals.ratePerYear', names)).toBe(`${presets['us-lbnl'].name} · New requests · arrival rate`);
    expect(fieldWords('forward.rows.2.year')).toBe('Forward path, row 3, Year (from 1 January)');
    expect(fieldWords('customSites[2].lat')).toBe('Your sites · site 3 · latitude');
    // Teeth: the CLI's own lines (field paths kept for scripts) fail the same check.
    expect(errorLines(errors).every((l) => leak(l) !== null)).toBe(true);
  });

  it('keeps a message without a field, and text that is not a path (numbers, dates, units)', () => {
    expect(problemLines([{ field: '', message: 'the file has no usable row' }])).toEqual(['the file has no usable row']);
    expect(problemLines([{ field: 'trials', message: 'must be at most 1,000,000, got 1.5e6 (2026-12-05)' }])).toEqual(['Trials: must be at most 1,000,000, got 1.5e6 (2026-12-05)']);
  });
});
