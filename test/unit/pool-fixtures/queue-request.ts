/**
 * A small serial-queue request for the worker tests (not a calibrated preset: the presets are the
 * queue engine's business). Enough backlog, withdrawals and limited headroom that every part of
 * the queue partial is filled, small enough that a few thousand trials take about a second.
 */
import type { QueueRequest } from '../../../src/sim/queue/params';

export function queueTestRequest(trials: number, seed = 424242): QueueRequest {
  return {
    model: 'queue',
    presetId: 'pool-test',
    trials,
    seed,
    projectMW: 200,
    params: {
      template: 'serial',
      horizonMonths: 240,
      phases: {
        feas: { p50: 4, p90: 9 },
        sis: { p50: 10, p90: 24 },
        fs: { p50: 8, p90: 18 },
        constr: { p50: 24, p90: 48 },
      },
      fastLane: { share: 0.1, durationFactor: 0.5 },
      withdrawal: { feas: 0.3, sis: 0.25, fs: 0.2, postIa: 0.1, sizeElasticity: 0.2 },
      study: { capacity: 20, kappa: 0.5 },
      headroom: {
        limited: true,
        initialMW: 2000,
        upgradeMW: 1000,
        upgradeLead: { p50: 36, p90: 72 },
        maxConcurrentUpgrades: 2,
        rule: 'fifo',
      },
      arrivals: { ratePerYear: 40, sizeMW: { p50: 150, p90: 600 } },
      backlog: { count: 60, shares: { feas: 0.3, sis: 0.3, fs: 0.2, postIa: 0.2 } },
    },
  };
}
