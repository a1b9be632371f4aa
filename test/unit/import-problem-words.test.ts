/**
 * A scenario file, link or saved copy that cannot be opened says what is wrong in the words of the
 * app: which of the user's sites, which setting and which queue model, never the file's field paths
 * or ids. The CLI keeps the paths (errorLines) for people who edit the JSON by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorLines } from '../../src/sim/contract';
import { scenarioProblemLines } from '../../src/sim/param-words';
import { idNames } from '../../src/data/id-names';
import { importScenarioJson } from '../../src/snapshot';

const regions = JSON.parse(readFileSync('data/regions.json', 'utf8')) as { queuePresets: Record<string, { name: string }> };
const sites = JSON.parse(readFileSync('data/sites.geojson', 'utf8')) as { features: Array<{ properties: { id: string; name: string } }> };
const PRESET_IDS = Object.keys(regions.queuePresets);
const SITE_IDS = sites.features.map((f) => f.properties.id);

/** A field path ("scenario.customSites[2]"), a preset or site id, or a camelCase identifier left in the text. */
function leak(text: string): string | null {
  const path = /\b[a-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9_]*|\[\d+\])+/.exec(text.replace(/\b[\w-]+\.json\b/g, ''));
  if (path) return `path ${path[0]}`;
  const id = [...PRESET_IDS, ...SITE_IDS].find((id) => new RegExp(`(?<![\\w-])${id}(?![\\w-])`).test(text));
  if (id) return `id ${id}`;
  const camel = /\b[a-z]+[A-Z][A-Za-z0-9]*\b/.exec(text);
  return camel ? `identifier ${camel[0]}` : null;
}

function problems(text: string): { words: string[]; paths: string[] } {
  const r = importScenarioJson(text, 'board pack.json', text.length);
  if (r.ok) throw new Error('expected the file to be refused');
  return { words: scenarioProblemLines(r.errors, 'board pack.json', idNames()), paths: errorLines(r.errors) };
}

describe('problems with an imported scenario, in words', () => {
  it('names the site by its place in the list and the field by its label', () => {
    const { words, paths } = problems(readFileSync('test/fixtures/scenarios/bad-latitude.json', 'utf8'));
    expect(words).toEqual(['Your sites · site 3 · latitude: must be at most 90']);
    // Teeth: the lines a script reads keep the path, which this check would flag.
    expect(paths.map(leak).every((l) => l !== null)).toBe(true);
  });

  it('puts bundled site ids and scenario fields into words', () => {
    const file = JSON.parse(readFileSync('test/fixtures/scenarios/v2-example.json', 'utf8')) as { scenario: Record<string, unknown> };
    const s = file.scenario;
    const site = SITE_IDS[0];
    s.projectMWBySite = { [site]: -5 };
    s.customSites = [{ id: 'custom-1', name: 'Mine', lon: 200, lat: 0, uiRegion: null, queuePreset: null, kind: 'greenfield', gridMW: 10, aiUsableMW: 20, pue: null }];
    const { words } = problems(JSON.stringify(file));
    expect(words.length).toBeGreaterThan(0);
    expect(words.map((w) => [w, leak(w)]).filter(([, l]) => l !== null)).toEqual([]);
    const text = words.join('\n');
    expect(text).toContain('Your sites · site 1 · longitude');
    expect(text).toContain('usable for AI (MW): must not exceed grid connection (MW)');
    expect(text).toContain(`Project size (MW) by site · ${sites.features[0].properties.name}`);
  });

  it('says nothing about the file name or the wrapper when the whole file is at fault', () => {
    expect(problems('{"scenario": 3}').words.every((w) => !w.startsWith('board pack.json:'))).toBe(true);
    expect(problems('not json').words).toEqual(['board pack.json is not JSON: unexpected token at line 1, column 1 (found "n")']);
  });
});
