// The site table's "older than 12 months" flag: relative to the date passed in, never the clock.
import { describe, expect, it } from 'vitest';
import { isOlderThan } from '../../src/data/staleness';
import { loadDataFromText } from '../../src/data/load';
import { readRepoText } from './data-test-utils';

describe('isOlderThan', () => {
  it('flags a date more than 12 months before today, not one exactly 12 months before', () => {
    expect(isOlderThan('2025-12-01', '2026-12-01')).toBe(false);
    expect(isOlderThan('2025-11-30', '2026-12-01')).toBe(true);
    expect(isOlderThan('2026-05-01', '2026-12-01')).toBe(false);
  });

  it('counts a month-only date from its first day', () => {
    expect(isOlderThan('2025-12', '2026-12-01')).toBe(false);
    expect(isOlderThan('2025-12', '2026-12-02')).toBe(true);
  });

  it('rolls over the year for other spans', () => {
    expect(isOlderThan('2025-07-15', '2026-01-16', 6)).toBe(true);
    expect(isOlderThan('2025-07-15', '2026-01-15', 6)).toBe(false);
  });

  it('gives the same shipped sites the same flags for the same day', () => {
    const data = loadDataFromText({ sites: readRepoText('data/sites.geojson'), hubs: readRepoText('data/hubs.geojson'), regions: readRepoText('data/regions.json') });
    const staleOn = (day: string) => data.sites.filter((s) => isOlderThan(s.asOf, day)).map((s) => s.id);
    expect(staleOn('2026-12-01')).toContain('cipher-odessa');
    expect(staleOn('2026-12-01')).not.toContain('iren-sweetwater');
    expect(staleOn('2027-06-01')).toContain('iren-sweetwater');
  });
});
