/**
 * Every real site at its newest published figure: a site whose facts predate 2025-01 must record in
 * its notes a dated search that found nothing newer (it is listed when the test runs), the sites
 * added for the current campuses carry everything a comparison needs, and the README prints the
 * site count per region that the file really holds.
 */
import { describe, expect, it } from 'vitest';
import { loadDataFromText } from '../../src/data/load';
import type { Site } from '../../src/data/schema';
import { readRepoText } from './data-test-utils';

const data = loadDataFromText({ sites: readRepoText('data/sites.geojson'), hubs: readRepoText('data/hubs.geojson'), regions: readRepoText('data/regions.json') });
const real = data.sites.filter((s) => !s.illustrative);
/** "Searched 2026-12-04 for newer figures: … nothing newer (with a date) found …" */
const SEARCH_NOTE = /Searched (\d{4}-\d{2}-\d{2}) for newer figures: [^]*?nothing newer/;

const searchDate = (notes: string): string | null => SEARCH_NOTE.exec(notes)?.[1] ?? null;

describe('site currency', () => {
  it('loads the shipped sites without errors', () => {
    expect(data.errors).toEqual([]);
  });

  it('every real site older than 2025-01 records a dated search that found nothing newer', () => {
    const old = real.filter((s) => s.asOf < '2025-01');
    console.info(`sites whose newest facts predate 2025-01 (${old.length}):\n${old.map((s) => `  ${s.name} — as of ${s.asOf}, searched ${searchDate(s.notes) ?? 'NEVER'}`).join('\n')}`);
    const missing = old.filter((s) => {
      const d = searchDate(s.notes);
      return d === null || d < '2025-01' || d < s.asOf;
    });
    expect(missing.map((s) => `${s.id} (${s.asOf})`)).toEqual([]);
  });

  it('a note without the date of its search does not count', () => {
    const site = real.find((s) => s.asOf < '2025-01')!;
    expect(searchDate(site.notes)).not.toBeNull();
    expect(searchDate(site.notes.replace(/Searched \d{4}-\d{2}-\d{2}/, 'Searched recently'))).toBeNull();
  });
});

describe('sites added for the campuses announced since the list was made', () => {
  const ADDED = ['cleanspark-brazoria', 'cleanspark-austin-county', 'equinix-sg6-tai-seng'];
  const byId = new Map(data.sites.map((s) => [s.id, s]));

  it.each(ADDED)('%s has a dated source for its status and MW, an as-of date from 2025 on and a location precision', (id) => {
    const s = byId.get(id) as Site;
    expect(s, id).toBeDefined();
    expect(s.illustrative).toBe(false);
    expect(s.asOf >= '2025-01').toBe(true);
    expect(['exact', 'town', 'approximate']).toContain(s.locationPrecision);
    const mw = s.gridMW ?? s.aiItMW;
    expect(mw).toBeGreaterThan(0);
    const mwField = s.gridMW !== null ? 'gridMW' : 'aiItMW';
    expect(s.sources.some((src) => src.supports.includes(mwField) && /^https?:\/\//.test(src.url) && src.date >= '2024')).toBe(true);
    expect(s.sources.some((src) => src.supports.includes('status') && src.date <= s.asOf)).toBe(true);
  });
});

describe('README data section', () => {
  it('prints the real and illustrative site count of every region as the file holds them', () => {
    const readme = readRepoText('README.md');
    const rows = new Map<string, [number, number]>();
    for (const m of readme.matchAll(/^\| (Texas|Samara|Singapore|Nordics)[^|]*\| (\d+) \| (\d+) \|$/gm)) rows.set(m[1].toLowerCase(), [Number(m[2]), Number(m[3])]);
    for (const region of ['texas', 'samara', 'singapore', 'nordics'] as const) {
      const inRegion = data.sites.filter((s) => s.region === region);
      expect(rows.get(region), region).toEqual([inRegion.filter((s) => !s.illustrative).length, inRegion.filter((s) => s.illustrative).length]);
    }
    const total = real.length;
    expect(readme).toContain(`${total} real, sourced sites`);
  });
});

describe('illustrative sites', () => {
  it('each cites the sources its assumptions come from', () => {
    for (const s of data.sites.filter((x) => x.illustrative)) expect(s.sources.length, s.id).toBeGreaterThan(0);
  });
});
