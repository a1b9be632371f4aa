/**
 * The Portfolio panel's state: the optional scenario section (absent until a site is picked, so older
 * scenarios and links read as before), a link that carries the picks and the typed values, bad input
 * refused with the label the user sees (never a field path), and each site's request being the Grid
 * queue tab's own.
 */
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../../src/snapshot';
import { rankingTooLargeForPage } from '../../src/state/portfolio-state.svelte';
import { appState } from './state-test-utils';

const SITES = ['riot-rockdale', 'iren-childress', 'bitdeer-tydal'];

describe('portfolio state', () => {
  it('is absent from the scenario until a site is picked', async () => {
    const { scn } = await appState();
    expect('portfolio' in scn.current()).toBe(false);
    scn.portfolio.toggle(SITES[0], true);
    expect(scn.current().portfolio).toMatchObject({ siteIds: [SITES[0]], targetMW: 500, by: '2028-06', basis: 'firm', best: null });
  });

  it('travels in a link: picks, target, date, rho, delay cost and budget come back', async () => {
    const a = await appState();
    for (const id of SITES) a.scn.portfolio.toggle(id, true);
    a.scn.portfolio.targetText = '650';
    a.scn.portfolio.byText = '2029-03';
    a.scn.portfolio.rhoText = '0.4';
    a.scn.portfolio.delayCostText = '2500000';
    a.scn.portfolio.bestText = '2';
    const link = encodeLink(a.scn.current());
    const decoded = decodeLink(link.hash);
    if (!decoded.ok) throw new Error(JSON.stringify(decoded.errors));
    const b = await appState({ tabId: 'tab-2' });
    expect(b.scn.apply(decoded.value).ok).toBe(true);
    expect([b.scn.portfolio.siteIds, b.scn.portfolio.targetText, b.scn.portfolio.byText, b.scn.portfolio.rhoText, b.scn.portfolio.delayCostText, b.scn.portfolio.bestText]).toEqual([SITES, '650', '2029-03', '0.4', '2500000', '2']);
  });

  it('refuses bad input with the label the user sees, and each site runs the Grid queue tab\'s request', async () => {
    const { scn } = await appState();
    for (const id of SITES) scn.portfolio.toggle(id, true);
    scn.portfolio.targetText = '0';
    const bad = scn.portfolio.request();
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).toEqual(['Target']);
    scn.portfolio.targetText = '300';
    scn.portfolio.basis = 'first';
    const first = scn.portfolio.request();
    expect(first.ok ? [] : first.errors.map((e) => `${e.field}: ${e.message}`)).toEqual(['Count: first (curtailable) MW need "Accept curtailment" ticked in the Grid queue tab']);
    scn.portfolio.basis = 'firm';
    // A search too large to rank on the page is sent to the command line instead of blocking it.
    scn.portfolio.trialsText = '5000';
    const many = scn.portfolio.request();
    expect(many.ok ? '' : `${many.errors[0].field}: ${many.errors[0].message}`).toMatch(/^Trials: the page runs at most 2,000 trials/);
    scn.portfolio.bestText = '';
    scn.portfolio.trialsText = '1000';
    scn.queue.setProjectMW(SITES[1], '123');
    const good = scn.portfolio.request();
    if (!good.ok) throw new Error(JSON.stringify(good.errors));
    const q = scn.queue.request(scn.siteRef(SITES[1])!);
    if (!q.ok) throw new Error(JSON.stringify(q.errors));
    const site = good.value.sites[1];
    expect(site.queue.projectMW).toBe(123);
    expect(site.queue.params).toEqual(q.value.params);
    expect(site.queueKey).toBe('ercot-large-load');
    // 20 candidates, best 3: 1,350 sets × 2,000 trials is too much to rank on the page.
    const many20 = { ...good.value, trials: 2000, sites: Array.from({ length: 20 }, (_, i) => ({ ...site, id: `s${i}` })), search: { minSites: 1, maxSites: 3, maxRequestMW: null, top: 10 } };
    expect(rankingTooLargeForPage(many20)?.message).toMatch(/about 1,350 sets over 2,000 trials is too much for the page.*npm run portfolio -- --best 3/);
    expect(rankingTooLargeForPage({ ...many20, trials: 300 })).toBeNull();
  });
});
