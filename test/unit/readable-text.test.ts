/** Source notes quote parameter paths, preset ids and file names; what a user reads names them instead. */
import { describe, expect, it } from 'vitest';
import { kindLabel, readableSource, regionLabel } from '../../src/ui/readable-text';

describe('readable source notes', () => {
  it('puts parameter paths, camelCase names, preset ids and doc file names into words', () => {
    const out = readableSource('NOT SOURCED in docs/data-sources.md; × arrivals.sizeMW by year, split as us-lbnl, × sizeFactor (stock.heldMW)');
    expect(out).toBe('NOT SOURCED in the sources (Method view); × New requests: request size by year, split as US generation queues (LBNL calibration), × size factor (stock: held MW)');
  });

  it('leaves web addresses, units and ordinary words alone', () => {
    const text = 'See https://www.ercot.com/a.b_c/us-lbnl?x=arrivals.sizeMW — 138 kV, 27.3 öre/kWh, atNorth ICE03, e.g. Singapore';
    expect(readableSource(text)).toBe(text);
  });

  it('names regions and kinds of site', () => {
    expect(regionLabel('texas')).toBe('Texas (ERCOT)');
    expect(regionLabel(null)).toBe('outside the four regions');
    expect(kindLabel('power-shell')).toBe('Power shell');
  });
});
