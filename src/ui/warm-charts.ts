/**
 * Draws the Grid queue's two charts once, off the page (a detached element, never in the document),
 * from a throw-away result, one chart per task at idle time. The first drawing of a chart in a page
 * parses its templates and compiles its code: measured in a Chromium trace, the first time-to-power
 * chart took ~49 ms of main-thread CPU, one drawn after an earlier run ~10 ms. Without this, the
 * first result a user runs paid for it in the longest task of the run.
 */
import { flushSync, mount, unmount, type Component } from 'svelte';
import { CdfChart, FanChart } from '../charts';
import type { CurtailableQueueSummary as QueueSummary } from '../sim/curtailment/runner';
import { oneTaskEach } from './one-task-each';
import { queueAheadSeries, timeToPowerSeries } from './queue-charts';

function drawDetached<P extends Record<string, unknown>>(chart: Component<P>, props: P): void {
  const c = mount(chart, { target: document.createElement('div'), props });
  flushSync();
  void unmount(c);
}

/** Starts the warm-up; returns a function that drops the charts not yet drawn. */
export function warmQueueCharts(s: QueueSummary, startMonth: string): () => void {
  const xLabel = `date (month 0 = ${startMonth})`;
  return oneTaskEach([
    () => drawDetached(CdfChart, { series: timeToPowerSeries(s, 'warm-up'), caption: '', title: '', horizonMonths: s.horizonMonths, startDate: startMonth, xLabel, targetMonths: 60, ontarget: () => {} }),
    () => drawDetached(FanChart, { series: [queueAheadSeries(s)], caption: '', title: '', startDate: startMonth, xLabel }),
  ]);
}
