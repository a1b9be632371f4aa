import { describe, expect, it } from 'vitest';
import { nearestPreset, type PresetSite } from '../../src/geo/nearest-preset';

const STOCKHOLM: PresetSite = { name: 'Stockholm site', region: 'nordics', queuePreset: 'sweden', lon: 18.07, lat: 59.33 };
const OSLO: PresetSite = { name: 'Oslo site', region: 'nordics', queuePreset: 'norway', lon: 10.75, lat: 59.91 };
const NO_PRESET: PresetSite = { name: 'Helsingør site', region: 'nordics', queuePreset: null, lon: 12.59, lat: 56.03 };
const AUSTIN: PresetSite = { name: 'Austin site', region: 'texas', queuePreset: 'ercot-large-load', lon: -97.74, lat: 30.27 };

describe('nearestPreset: the preset a site outside the regions can borrow', () => {
  it('takes the nearest site that has a preset, skipping nearer ones without, and gives the great-circle km', () => {
    // Copenhagen: Helsingør (~40 km) has no preset; Oslo (~483 km) is nearer than Stockholm (~522 km).
    const hit = nearestPreset({ lon: 12.57, lat: 55.68 }, [STOCKHOLM, NO_PRESET, AUSTIN, OSLO]);
    expect(hit?.queuePreset).toBe('norway');
    expect(hit?.siteName).toBe('Oslo site');
    expect(hit?.region).toBe('nordics');
    // Published Copenhagen–Oslo great-circle distance ≈ 483 km; 2% tolerance for the rounded coordinates.
    expect(hit?.km).toBeGreaterThan(473);
    expect(hit?.km).toBeLessThan(493);
  });

  it('Oklahoma City borrows ERCOT (the only preset on that continent), ~600 km away', () => {
    const hit = nearestPreset({ lon: -97.52, lat: 35.47 }, [STOCKHOLM, OSLO, AUSTIN]);
    expect(hit?.queuePreset).toBe('ercot-large-load');
    expect(hit?.km).toBeGreaterThan(560);
    expect(hit?.km).toBeLessThan(600);
  });

  it('is null when no site has a preset', () => {
    expect(nearestPreset({ lon: 0, lat: 0 }, [NO_PRESET])).toBeNull();
    expect(nearestPreset({ lon: 0, lat: 0 }, [])).toBeNull();
  });
});
