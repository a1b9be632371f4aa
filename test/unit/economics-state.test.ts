/**
 * The Economics tab's state on the shared run lifecycle and the one number parser: a second run
 * keeps its own status while the first one's cancellation arrives, Cancel stops only the run in
 * progress, and a typed "1,2" is named as a problem instead of being recorded as 12.
 */
import { describe, expect, it } from 'vitest';
import { appState, settle } from './state-test-utils';

const ERCOT = (sites: Awaited<ReturnType<typeof appState>>['sites']) => sites.sites.filter((s) => s.queuePreset === 'ercot-large-load').map((s) => s.id);

describe('EconomicsState', () => {
  it('a run for a second site is not shown "Cancelled" while it runs, and Cancel stops it', async () => {
    const { scn, sites, runs } = await appState();
    const [a, b] = ERCOT(sites).map((id) => scn.siteRef(id)!);
    void scn.economics.start(a);
    await settle();
    void scn.economics.start(b);
    await settle();
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(scn.economics.run.status).toBe('running');
    expect(scn.economics.run.runningFor(b.id)).toBe(true);
    expect(scn.economics.run.step).toBe('queue');
    scn.economics.cancel();
    await settle();
    expect(scn.economics.run.status).toBe('cancelled');
  });

  it('a typed "1,2" is a named problem and the scenario records no 12', async () => {
    const { scn } = await appState();
    scn.economics.edit('lease.rentUSDPerKWMonth', '1,2');
    expect(scn.inputProblems().map((e) => e.field)).toContain('economics.lease.rentUSDPerKWMonth');
    expect(scn.current().economics?.overrides?.['lease.rentUSDPerKWMonth']).toBeUndefined();
    scn.economics.edit('lease.rentUSDPerKWMonth', '120');
    expect(scn.inputProblems()).toEqual([]);
    expect(scn.current().economics?.overrides).toEqual({ 'lease.rentUSDPerKWMonth': 120 });
  });
});
