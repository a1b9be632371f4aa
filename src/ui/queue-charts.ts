/**
 * What the Grid queue charts draw from a queue summary: the panel and the chart warm-up
 * (warm-charts.ts) build the same series, so the warm-up takes the code paths a real result takes.
 */
import type { CdfSeries, FanSeries } from '../charts';
import type { CurtailableQueueSummary as QueueSummary } from '../sim/curtailment/runner';

/** Time to full firm MW, and with curtailment accepted first (curtailable) MW beside it, dashed. */
export function timeToPowerSeries(s: QueueSummary, siteName: string): CdfSeries[] {
  return [
    {
      id: 'queue',
      label: s.curtailment ? `Full firm MW (${s.projectMW} MW request)` : `${siteName}: ${s.projectMW} MW request`,
      points: s.cdf,
      ...s.timeToPower,
    },
    ...(s.curtailment ? [{ id: 'curtailable', label: `First MW, curtailable (floor ${s.curtailment.floorMW} MW firm)`, dash: '6 3', points: s.curtailment.firstCdf, ...s.curtailment.curtailable }] : []),
  ];
}

/** The MW ahead of the request: from the stock when filed (month 0), then each year end, on the months axis. */
export function queueAheadSeries(s: QueueSummary): FanSeries {
  const f = s.queueMWFan;
  return {
    label: 'MW ahead of your request',
    x: [0, ...f.years.map((y) => y * 12)],
    p10: [s.mwAheadAtEntry.p10, ...f.p10],
    p50: [s.mwAheadAtEntry.p50, ...f.p50],
    p90: [s.mwAheadAtEntry.p90, ...f.p90],
    unit: 'MW',
  };
}
