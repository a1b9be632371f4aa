/**
 * Your own queue file in Chromium: a file in unknown columns asks for a mapping; once mapped, the
 * summaries, the table (cell text shown as text) and the fit appear; the request is placed in the file
 * and run; open MW by county is drawn on the map; a malformed file leaves the loaded one in place. No page errors, axe finds nothing serious.
 */
import { describe, expect, it } from 'vitest';
import { appSession, axeSeriousOrCritical } from './harness';

const rows = ['Ref,Size,Filed,Where,ST,Stage,Ended'];
for (let i = 0; i < 300; i++) {
  const stage = i % 3 === 0 ? 'Dropped' : i % 3 === 1 ? 'In study' : 'Energised';
  const filed = `20${String(12 + (i % 12)).padStart(2, '0')}-0${1 + (i % 9)}-15`;
  const ended = stage === 'In study' ? '' : `20${String(14 + (i % 12)).padStart(2, '0')}-0${1 + (i % 9)}-20`;
  const where = i === 5 ? '"<img src=x onerror=alert(1)>"' : i % 2 ? 'Pecos' : 'Ward';
  rows.push(`R${i},${10 + (i % 40) * 5},${filed},${where},TX,${stage},${ended}`);
}
const CSV = rows.join('\n');

describe('queue file in the Grid queue tab', () => {
  const s = appSession({ site: 'riot-rockdale', tab: 'Grid queue' });

  it('maps an unknown file, shows the table and the fit, places a request and runs', async () => {
    const page = s.page;
    await page.setInputFiles('input[name=queue-file]', { name: 'my-queue.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    const form = page.getByRole('form', { name: 'Map the columns' });
    await form.waitFor();
    await form.getByLabel('Request id *').selectOption('Ref');
    await form.getByLabel('Capacity (MW) *').selectOption('Size');
    await form.getByLabel('Request date *').selectOption('Filed');
    await form.getByLabel('Status *').selectOption('Stage');
    await form.getByLabel('County').selectOption('Where');
    await form.getByLabel('State').selectOption('ST');
    await form.getByLabel('Withdrawal date').selectOption('Ended');
    // The file's own status words.
    for (const [word, meaning] of [['dropped', 'withdrawn'], ['in study', 'active'], ['energised', 'operational']]) {
      await form.getByRole('button', { name: 'Add a status word' }).click();
      const n = await form.locator('.status-pair').count();
      await form.getByLabel(`Status word ${n}`, { exact: true }).fill(word);
      await form.getByLabel(`Meaning of status word ${n}`).selectOption(meaning);
    }
    await form.getByRole('button', { name: 'Load with this mapping' }).click();
    const panel = page.locator('.queue-file');
    await expect.poll(() => panel.textContent(), { timeout: 60_000 }).toContain('my-queue.csv: 300 requests');
    const table = page.getByRole('table', { name: 'Requests in the file' });
    await expect.poll(() => table.locator('tbody tr').count()).toBeGreaterThan(10);
    // The county map: Pecos and Ward (TX) shaded from Census shapes.
    await expect.poll(() => panel.locator('.county-map').textContent()).toContain('open MW in 2 counties');
    await expect
      .poll(() => page.evaluate(() => (globalThis as unknown as { __sitingMap: { querySourceFeatures(id: string): unknown[] } }).__sitingMap.querySourceFeatures('queue-counties').length))
      .toBeGreaterThan(0);
    // Only a page of rows is drawn; scrolling to the end asks the worker for the rows there.
    const firstPage = await table.locator('tbody tr:not(.spacer)').count();
    expect(firstPage).toBeLessThan(300);
    await page.getByRole('region', { name: 'Requests in the file (scrolls)' }).evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => table.locator('tbody tr[aria-rowindex="301"]').count()).toBe(1);
    // Cell text is text: the <img> in a county cell did not become an element.
    expect(await panel.locator('img').count()).toBe(0);
    await panel.getByRole('textbox', { name: 'County', exact: true }).fill('pecos');
    await expect.poll(() => panel.textContent()).toMatch(/149 match/); // odd rows are Pecos, but row R5's county is the <img> text;
    await table.getByRole('button', { name: 'MW' }).click();
    expect(await panel.getByText('Withdrawn', { exact: true }).count()).toBeGreaterThan(0);
    expect(await panel.textContent()).toContain('Cumulative incidence from the request date');
    // The fit's backtest against the file's own history: five rows, each passing or failing.
    const backtest = panel.getByRole('table', { name: 'Backtest of the fit' });
    await expect.poll(() => backtest.locator('tbody tr').count(), { timeout: 60_000 }).toBe(5);
    expect(await backtest.locator('tbody td:last-child').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^(Pass|Fail)$/)]));
    await panel.getByText('By request-year cohort, and yearly flows').click();
    // One row per request year 2012–2023.
    await expect.poll(() => page.getByRole('table', { name: 'Cohorts by request year' }).locator('tbody tr').count()).toBe(12);

    await panel.getByLabel('Competing with').selectOption('county');
    await panel.getByRole('textbox', { name: 'Name', exact: true }).fill('Pecos, TX');
    await panel.getByRole('textbox', { name: 'Request MW', exact: true }).fill('150');
    await page.fill('input[name=trials]', '500');
    await panel.getByRole('button', { name: 'Place and run' }).click();
    await expect.poll(() => panel.locator('.placed').textContent(), { timeout: 120_000 }).toMatch(/Ahead at county Pecos, TX: \d+ requests, [\d,]+ MW\. Time to power P10 \/ P50 \/ P90: [\d.]+ \/ [\d.]+/);

    // A file that cannot be read leaves the loaded one in place.
    await page.setInputFiles('input[name=queue-file]', { name: 'broken.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK not a workbook') });
    await expect.poll(() => panel.getByRole('alert').first().textContent()).toContain('broken.xlsx');
    expect(await panel.textContent()).toContain('my-queue.csv: 300 requests');
    expect(await axeSeriousOrCritical(page, '.queue-file')).toEqual([]);
    // On a phone, whatever is wider than the screen sits in a box that scrolls sideways and says so.
    await page.setViewportSize({ width: 390, height: 844 });
    const cutOff = async () =>
      panel.evaluate((root) => {
        const scrollsVisibly = (el: Element): boolean => {
          for (let e: Element | null = el; e && e !== root; e = e.parentElement) {
            const o = getComputedStyle(e).overflowX;
            if (o === 'auto' || o === 'scroll') return (e as HTMLElement).dataset.overflow === 'true' || e.scrollWidth <= e.clientWidth + 1;
          }
          return false;
        };
        const right = root.getBoundingClientRect().right;
        return [...root.querySelectorAll('table')].filter((t) => t.getBoundingClientRect().right > right + 1 && !scrollsVisibly(t)).map((t) => t.getAttribute('aria-label') ?? t.className);
      });
    await expect.poll(cutOff).toEqual([]);
    expect(await axeSeriousOrCritical(page, '.queue-file')).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
