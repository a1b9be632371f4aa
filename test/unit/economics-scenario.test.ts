/**
 * The Economics tab's state travels with a scenario (issue 13 item 4): the optional `economics`
 * field survives a link and a JSON round trip exactly, older scenarios without it still parse, and a
 * malformed entry is refused naming its path. Its results become summary rows (the summary CSV).
 */
import { describe, expect, it } from 'vitest';
import { decodeLink, encodeLink } from '../../src/snapshot/link';
import { defaultScenario, parseScenario } from '../../src/snapshot/scenario';
import { economicsSummaryRows } from '../../src/snapshot/summary-rows';
import { ENGINE_VERSION } from '../../src/snapshot/version';
import { runInThread } from '../../src/sim/in-thread';
import type { EconomicsSummary } from '../../src/sim/economics/runner';
import { texasEconomicsRequest } from './economics-test-utils';

describe('economics in a scenario', () => {
  const withEcon = () => ({
    ...defaultScenario(ENGINE_VERSION, ''),
    economics: { overrides: { 'gpu.priceUSDPerHour': 4, 'mining.halvingMonth': '2028-05', horizonMonths: 180 }, leasePresetId: 'riot-amd' },
  });

  it('round-trips through a link and JSON unchanged; a scenario without it still parses', () => {
    const s = withEcon();
    const parsed = parseScenario(JSON.parse(JSON.stringify(s)));
    expect(parsed).toEqual({ ok: true, value: s });
    const back = decodeLink(encodeLink(s).hash);
    expect(back).toEqual({ ok: true, value: s });
    expect(parseScenario(defaultScenario(ENGINE_VERSION, '')).ok).toBe(true);
  });

  it('refuses a malformed economics entry naming the path', () => {
    const s = withEcon() as any;
    s.economics.overrides['__proto__.x'] = 1;
    s.economics.colour = 'red';
    const r = parseScenario(s);
    const errors = r.ok ? [] : r.errors;
    expect(errors.map((e) => e.field)).toEqual(['scenario.economics.overrides["__proto__.x"]', 'scenario.economics']);
    expect(errors[1].message).toContain('colour');
  });

  it('a run becomes summary rows: NPV of each option in USD and payback in months', () => {
    const s = runInThread('economics', texasEconomicsRequest(500, 3));
    const rows = economicsSummaryRows('Texas', s);
    expect(rows.map((r) => r.option)).toEqual([
      'economics · keep mining NPV (120 months)',
      'economics · lease NPV (120 months)',
      'economics · GPUs NPV (120 months)',
      'economics · lease payback',
      'economics · GPUs payback',
    ]);
    expect(rows[1].p50).toBe(s.lease.npvUSD.p50);
    expect(rows[1].units).toBe('USD');
    expect(rows[3].units).toBe('months');
  });

  it('a site with no mine reads keep-mining NPV as exactly 0, not the width of a histogram bin', () => {
    const req = texasEconomicsRequest(300, 4);
    req.params.mining.miningMW = 0;
    const s = runInThread('economics', req);
    expect(s.mine.npvUSD).toEqual({ p10: 0, p50: 0, p90: 0, mean: 0 });
    expect(s.lease.npvUSD.p50).toBeLessThan(0); // capex with nothing displaced still costs money up front
  });
});
