// One site, one number (issue 9): a site's AI figure is IT MW, and the site panel, the queue tab's
// request and buy vs build all derive from it the same way (grid MW = IT MW × PUE), so buy vs build
// never divides an IT figure by PUE a second time.
import { describe, expect, it } from 'vitest';
import { loadDataFromText } from '../../src/data/load';
import { paramsForRegion } from '../../src/sim/buy-vs-build/defaults';
import { itMW } from '../../src/sim/buy-vs-build/params';
import { queueRequestMW, siteFactsFor } from '../../src/sim/buy-vs-build/prepare';
import { ASSUMED_PUE, projectMWForSite } from '../../src/sim/requests';
import { siteQueueInput } from '../../scripts/lib/site-lookup';
import { defaults } from './bvb-test-utils';
import { readRepoText } from './data-test-utils';

const data = loadDataFromText({ sites: readRepoText('data/sites.geojson'), hubs: readRepoText('data/hubs.geojson'), regions: readRepoText('data/regions.json') });
const root = new URL('../..', import.meta.url).pathname;

describe('a site gives one AI number everywhere', () => {
  it('Riot Rockdale: 25 MW IT in the facts, 25 MW IT in buy vs build, 32.5 MW grid requested from the queue', () => {
    const s = data.sites.find((x) => x.id === 'riot-rockdale')!;
    expect(s.aiItMW).toBe(25);
    const { facts } = siteFactsFor(s, paramsForRegion(defaults, s.queuePreset).site);
    expect(itMW(facts)).toBeCloseTo(25, 9);
    expect(facts.aiUsableShare).toBeCloseTo((25 * 1.3) / 700, 12);
    expect(queueRequestMW(facts)).toBeCloseTo(32.5, 9);
    expect(projectMWForSite({ ...s, pue: s.pue })).toBe(32.5);
    expect(siteQueueInput(root, 'riot-rockdale').projectMW).toBe(32.5);
  });

  it('holds for every shipped site with an AI IT figure', () => {
    const withIt = data.sites.filter((s) => s.aiItMW !== null);
    expect(withIt.length).toBeGreaterThan(4);
    for (const s of withIt) {
      const { facts } = siteFactsFor(s, paramsForRegion(defaults, s.queuePreset).site);
      expect(itMW(facts), s.id).toBeCloseTo(s.aiItMW!, 6);
      expect(projectMWForSite(s), s.id).toBeCloseTo(queueRequestMW(facts), 1);
    }
  });

  it('assumes the same PUE as the buy-vs-build defaults when a site publishes none', () => {
    for (const region of ['ercot-large-load', 'norway', 'sweden', 'finland', 'iceland', 'singapore', 'samara']) {
      expect(paramsForRegion(defaults, region).site.pue, region).toBe(ASSUMED_PUE);
    }
  });
});
