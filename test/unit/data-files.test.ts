// The data files as shipped: they validate with zero errors, cover every region, and keep the
// promises the UI and simulations rely on (unknown stays null, illustrative sites carry no numbers).
import { describe, expect, it } from 'vitest';
import { formatDataError } from '../../src/data/errors';
import { loadDataFromText } from '../../src/data/load';
import { QUEUE_PRESET_IDS, UI_REGION_IDS } from '../../src/data/schema';
import { readRepoJson, readRepoText } from './data-test-utils';

const data = loadDataFromText({
  sites: readRepoText('data/sites.geojson'),
  hubs: readRepoText('data/hubs.geojson'),
  regions: readRepoText('data/regions.json'),
});

describe('shipped data files', () => {
  it('validate with zero errors', () => {
    expect(data.errors.map(formatDataError)).toEqual([]);
  });

  it('have at least 36 real sites, at least 4 real ones in each UI region, both kinds present', () => {
    const real = data.sites.filter((s) => !s.illustrative);
    expect(real.length).toBeGreaterThanOrEqual(36);
    for (const region of UI_REGION_IDS) {
      expect(real.filter((s) => s.region === region).length, region).toBeGreaterThanOrEqual(4);
    }
    expect(new Set(data.sites.map((s) => s.kind))).toEqual(new Set(['power-shell', 'greenfield']));
  });

  it('label illustrative candidates and keep at most one per region', () => {
    for (const region of UI_REGION_IDS) {
      const ill = data.sites.filter((s) => s.region === region && s.illustrative);
      expect(ill.length, region).toBeLessThanOrEqual(1);
      for (const s of ill) expect(s.name, s.id).toMatch(/^Illustrative/);
    }
  });

  it('give every site an as-of date and every source a title, web address and date', () => {
    for (const s of data.sites) {
      expect(s.asOf, s.id).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      for (const src of s.sources) {
        expect(src.title.length, s.id).toBeGreaterThan(0);
        expect(src.url, s.id).toMatch(/^https?:\/\//);
        expect(src.date, s.id).toMatch(/^\d{4}-\d{2}(-\d{2})?$/);
      }
      if (!s.illustrative) expect(s.sources.some((src) => src.supports.includes('status')), s.id).toBe(true);
    }
  });

  it('include the named real sites, conversions and campuses', () => {
    const ids = new Set(data.sites.map((s) => s.id));
    for (const id of [
      'intelion-samara', 'riot-rockdale', 'riot-corsicana', 'core-scientific-denton', 'iren-childress', 'iren-sweetwater',
      'galaxy-helios', 'cipher-barber-lake', 'hut8-culberson', 'bitdeer-rockdale', 'lancium-abilene',
      'jurong-island-dc-park', 'nxera-dc-tuas', 'bitdeer-tydal', 'northern-data-boden', 'lefdal-mine', 'stargate-norway-kvandal',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('carry the corrected facts (checked 2026)', () => {
    const get = (id: string) => data.sites.find((x) => x.id === id)!;
    expect(get('lefdal-mine').gridMW).toBe(80);
    expect(get('lefdal-mine').status).toMatch(/37 MW operational and 43 MW/);
    expect(get('core-scientific-denton').gridMW).toBe(394);
    expect(get('core-scientific-denton').notes).toMatch(/297 MW/);
    expect(get('bitdeer-tydal').status).toMatch(/lessor/);
    expect(get('iren-sweetwater').status).toMatch(/energized on 1 May 2026/);
    expect(get('bitriver-bratsk').status).toMatch(/bankruptcy/);
    expect(get('bitriver-b-mukhorshibir').status).toMatch(/only in 2030/);
  });

  it('give illustrative sites no numbers, and every real site at least one source', () => {
    for (const s of data.sites) {
      if (s.illustrative) {
        expect([s.gridMW, s.aiItMW, s.powerPrice, s.pue], s.id).toEqual([null, null, null, null]);
      } else {
        expect(s.sources.length, s.id).toBeGreaterThan(0);
      }
    }
  });

  it('keep unknown MW null where no source gives a figure (Intelion Samara, Green Mountain Kalberg)', () => {
    for (const id of ['intelion-samara', 'green-mountain-kalberg']) {
      const s = data.sites.find((x) => x.id === id)!;
      expect([s.gridMW, s.aiItMW], id).toEqual([null, null]);
    }
  });

  it('have one region entry per queue preset, each with sourced facts', () => {
    expect(data.regions.map((r) => r.id).sort()).toEqual([...QUEUE_PRESET_IDS].sort());
    for (const r of data.regions) expect(r.facts.length, r.id).toBeGreaterThan(0);
  });

  it('leave the queuePresets key of regions.json in place for the queue model', () => {
    expect(readRepoJson('data/regions.json')).toHaveProperty('queuePresets');
  });

  it('list the 17 demand hubs the latency table uses', () => {
    expect(data.hubs.map((h) => h.id).sort()).toEqual(
      ['amsterdam', 'ashburn', 'chicago', 'copenhagen', 'dallas', 'frankfurt', 'helsinki', 'hong-kong', 'houston', 'london', 'moscow', 'mumbai', 'oslo', 'singapore', 'stockholm', 'sydney', 'tokyo'],
    );
  });
});
