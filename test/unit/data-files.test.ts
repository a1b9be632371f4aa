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

  it('have at least 16 sites and at least 3 in each UI region, with both kinds present', () => {
    expect(data.sites.length).toBeGreaterThanOrEqual(16);
    for (const region of UI_REGION_IDS) {
      expect(data.sites.filter((s) => s.region === region).length, region).toBeGreaterThanOrEqual(3);
    }
    expect(new Set(data.sites.map((s) => s.kind))).toEqual(new Set(['power-shell', 'greenfield']));
  });

  it('include the named real sites from REFERENCE.md', () => {
    const ids = new Set(data.sites.map((s) => s.id));
    for (const id of ['intelion-samara', 'riot-rockdale', 'riot-corsicana', 'core-scientific-denton', 'iren-childress', 'iren-sweetwater', 'jurong-island-dc-park', 'bitdeer-tydal', 'northern-data-boden', 'lefdal-mine']) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('give illustrative sites no numbers, and every real site at least one source', () => {
    for (const s of data.sites) {
      if (s.illustrative) {
        expect([s.gridMW, s.aiUsableMW, s.powerPrice, s.pue], s.id).toEqual([null, null, null, null]);
      } else {
        expect(s.sources.length, s.id).toBeGreaterThan(0);
      }
    }
  });

  it('keep unknown MW null where REFERENCE.md has no figure (Intelion Samara, Lefdal)', () => {
    for (const id of ['intelion-samara', 'lefdal-mine']) {
      const s = data.sites.find((x) => x.id === id)!;
      expect([s.gridMW, s.aiUsableMW], id).toEqual([null, null]);
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
