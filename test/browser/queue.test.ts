/**
 * The queue simulation in a real browser (issue 3): a run shows progress and a preview, then
 * P10/P50/P90 that equal a Node in-thread run of the same request (browser workers = Node, any
 * worker count); Cancel stops a run; bad input names the field, starts nothing and keeps the input.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMonths, formatWithSE, withMonthDate } from '../../src/charts/format';
import { runInThread } from '../../src/sim/in-thread';
import type { QueueSummary } from '../../src/sim/queue/summary';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import { buildQueueRequest } from '../../src/sim/requests';
import '../../src/sim/models';
import { appSession, launch, openApp, SCREENSHOT_DIR } from './harness';

const SITE = 'riot-rockdale';
const presets = loadQueuePresets(JSON.parse(readFileSync('data/regions.json', 'utf8'))).presets;

describe('queue simulation in Chromium', () => {
  const s = appSession({ site: SITE, tab: 'Grid queue' });

  it('runs with a preview and reads the same P10/P50/P90 as Node for the same request', async () => {
    const page = s.page;
    const mw = Number(await page.inputValue('input[name=project-mw]'));
    await page.fill('input[name=trials]', '3000');
    await page.fill('input[name=seed]', '12345');
    // Record in the page what the panel showed: polling from the test can miss a state that lasts
    // a few hundred milliseconds on a loaded machine.
    await page.evaluate(() => {
      const seen: string[] = ((globalThis as unknown as { __seen: string[] }).__seen = []);
      new MutationObserver(() => {
        const r = document.querySelector('.queue-panel .results');
        const done = document.querySelector('.queue-panel .status')?.textContent?.includes('Done');
        seen.push(done ? 'done' : r?.getAttribute('data-preview') === 'true' ? 'preview' : 'running');
      }).observe(document.querySelector('.queue-panel')!, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.getByRole('button', { name: 'Run queue simulation' }).click();
    await page.waitForFunction(() => document.querySelector('.queue-panel .status')?.textContent?.includes('Done'), undefined, { timeout: 120_000 });
    // The preview (first 64 trials) was on screen before the run was done.
    const seen = await page.evaluate(() => (globalThis as unknown as { __seen: string[] }).__seen);
    expect(seen.indexOf('preview')).toBeGreaterThanOrEqual(0);
    expect(seen.indexOf('preview')).toBeLessThan(seen.indexOf('done'));

    const req = buildQueueRequest({ doc: presets['ercot-large-load'], overrides: {}, projectMW: mw, trials: 3000, seed: 12345 });
    expect(req.ok).toBe(true);
    if (!req.ok) return;
    const node = runInThread('queue', req.value);
    const t = node.timeToPower;
    for (const [key, v, se] of [
      ['p10', t.p10, t.se10],
      ['p50', t.p50, t.se50],
      ['p90', t.p90, t.se90],
    ] as const) {
      expect(await page.textContent(`.queue-panel [data-key="${key}"]`)).toBe(formatWithSE(v, se, 'months', node.horizonMonths));
    }
    // ERCOT large loads ramp: the panel gives months to the full request beside first MW, from the same run.
    const f = node.timeToFull;
    expect(node.firstBlockShare).toBeLessThan(1);
    // Each figure also carries its calendar month, counted from the preset's as-of date (one clock).
    const start = presets['ercot-large-load'].params.stock!.asOf.slice(0, 7);
    const shown = (m: number) => withMonthDate(formatMonths(m, node.horizonMonths), m, start, node.horizonMonths);
    expect(await page.textContent('.queue-panel [data-key="full-request"]')).toBe(`P10 ${shown(f.p10)} · P50 ${shown(f.p50)} · P90 ${shown(f.p90)}`);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/10-queue-run.png`, fullPage: true });
    expect(s.pageErrors).toEqual([]);
  });

  it('cancels a long run at once and keeps working afterwards', async () => {
    const page = s.page;
    await page.fill('input[name=trials]', '500000');
    await page.getByRole('button', { name: 'Run queue simulation' }).click();
    await page.waitForFunction(() => /\d/.test(document.querySelector('.queue-panel .status')?.textContent ?? ''));
    await page.locator('.queue-panel').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.textContent('.queue-panel .status')).toContain('Cancelled');
    await page.fill('input[name=trials]', '1000');
    await page.getByRole('button', { name: 'Run queue simulation' }).click();
    await page.waitForFunction(() => document.querySelector('.queue-panel .status')?.textContent?.includes('Done: 1,000 trials'), undefined, { timeout: 60_000 });
  });

  it('refuses bad input with a message naming the field, starts nothing, and keeps what was typed', async () => {
    const page = s.page;
    const before = await page.textContent('.queue-panel [data-key="p50"]');
    await page.fill('input[name=trials]', '0');
    expect(await page.textContent('.queue-panel')).toContain('Trials: must be a whole number of trials from 1');
    await page.fill('input[name=trials]', '1000000000');
    await page.getByRole('button', { name: 'Run queue simulation' }).click();
    expect(await page.textContent('.queue-panel .run-error')).toMatch(/Trials: 1,000,000,000 trials exceeds the limit/);
    expect(await page.inputValue('input[name=trials]')).toBe('1000000000');
    // An invalid parameter: P90 below P50 for the system impact study.
    await page.fill('input[name=trials]', '1000');
    await page.locator('.params-details summary').click();
    const p90 = page.getByLabel(/system impact study · P90/);
    await p90.fill('1');
    expect(await page.textContent('.params-details')).toMatch(/system impact study · P90: .*P50/);
    await page.getByRole('button', { name: 'Run queue simulation' }).click();
    expect(await page.textContent('.queue-panel .run-error')).toContain('system impact study · P90: ');
    expect(await page.textContent('.queue-panel .run-error')).not.toContain('phases.sis');
    expect(await p90.inputValue()).toBe('1');
    // Nothing ran: the numbers on screen are still the previous run's.
    expect(await page.textContent('.queue-panel [data-key="p50"]')).toBe(before);
    // Back on this tab later, the folded parameters (drawn only while open) open by themselves: an
    // error is never folded away.
    await page.getByRole('tab', { name: 'Site facts' }).click();
    await page.getByRole('tab', { name: 'Grid queue' }).click();
    await expect.poll(() => page.locator('.params-details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await p90.inputValue()).toBe('1');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/11-queue-bad-input.png`, fullPage: true });
  });
});

describe('worker-count invariance in the browser', () => {
  it('gives bit-identical percentiles with 1, 2 and 4 browser workers, equal to Node', async () => {
    const s = await launch();
    try {
      await openApp(s.page, s.baseUrl);
      const req = buildQueueRequest({ doc: presets['norway'], overrides: {}, projectMW: 60, trials: 2000, seed: 4242 });
      if (!req.ok) throw new Error('request should be valid');
      const results = [];
      for (const workers of [1, 2, 4]) {
        results.push(
          await s.page.evaluate(
            ([w, r]) => (globalThis as unknown as { __sitingDebug: { runQueue(w: number, r: unknown): Promise<unknown> } }).__sitingDebug.runQueue(w, r),
            [workers, req.value] as const,
          ),
        );
      }
      const node = runInThread('queue', req.value).timeToPower;
      // Infinity does not survive page.evaluate's serialisation; compare the JSON forms.
      const json = (x: unknown) => JSON.stringify(x, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
      expect(json(results[1])).toBe(json(results[0]));
      expect(json(results[2])).toBe(json(results[0]));
      expect(json(results[0])).toBe(json(node));
      expect(s.pageErrors).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
