/**
 * A queue file travels with the scenario: loaded, fitted and placed, its link reopens in the same
 * browser (the file kept in IndexedDB under its content hash) with the scope, the request size and the
 * same numbers; in a fresh browser without the file the link says which file it needs (name, size,
 * date, hash); the JSON export carries the file, and importing it there restores it, same numbers.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { defaultSyntheticSpec, GRIDSTATUS_HEADER, gridstatusRow, syntheticRecords } from '../../src/sim/queue-file/synthetic';
import { appSession, launch, newPage, openApp, savedPath } from './harness';

const CSV = Buffer.from(Papa.unparse([GRIDSTATUS_HEADER, ...syntheticRecords(defaultSyntheticSpec(3000, 7)).map(gridstatusRow)], { newline: '\n' }));
const NAME = 'travel-queue.csv';
const LOADED = `${NAME}: 3,000 requests`;

async function openMenu(page: Page): Promise<void> {
  if (!(await page.locator('.scenario-menu details').evaluate((d) => (d as HTMLDetailsElement).open))) await page.locator('.scenario-menu summary').click();
}

/** Places the request as the scenario says and returns the result line. */
async function placeAndRun(page: Page): Promise<string> {
  const panel = page.locator('.queue-file');
  await expect.poll(() => panel.textContent(), { timeout: 60_000 }).toContain(LOADED);
  await panel.getByRole('button', { name: 'Place and run' }).click();
  const placed = panel.locator('.placed');
  await expect.poll(() => placed.textContent(), { timeout: 120_000 }).toMatch(/Ahead at county Pecos, TX: .* Time to power P10 \/ P50 \/ P90: [\d.]+ \//);
  return (await placed.textContent()) ?? '';
}

describe('a queue file in a link and a JSON file', () => {
  const s = appSession({ site: 'riot-rockdale', tab: 'Grid queue' });

  it('reopens with the same numbers where the file is kept, names the file where it is not, and travels inside the JSON', async () => {
    const page = s.page;
    await page.fill('input[name=trials]', '300');
    await page.setInputFiles('input[name=queue-file]', { name: NAME, mimeType: 'text/csv', buffer: CSV });
    const panel = page.locator('.queue-file');
    await expect.poll(() => panel.textContent(), { timeout: 60_000 }).toContain(LOADED);
    await panel.getByLabel('Competing with').selectOption('county');
    await panel.getByRole('textbox', { name: 'Name', exact: true }).fill('Pecos, TX');
    await panel.getByRole('textbox', { name: 'Request MW', exact: true }).fill('150');
    const first = await placeAndRun(page);

    await openMenu(page);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const url = await page.inputValue('input[name=share-link]');
    const [base, hash] = [url.slice(0, url.indexOf('#')), url.slice(url.indexOf('#'))];
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).first().click()]);
    const jsonPath = await savedPath(download);
    const exported = JSON.parse(readFileSync(jsonPath!, 'utf8')) as { scenario: { queueFile?: { hash: string } }; queueFileContent?: string };
    const sha = createHash('sha256').update(CSV).digest('hex');
    expect(exported.scenario.queueFile?.hash).toBe(sha);
    expect(exported.queueFileContent?.length).toBeGreaterThan(1000);

    // The same browser keeps the file: the link brings back the file, the scope, the size and the numbers.
    const again = await newPage(s);
    await openApp(again, base, hash);
    await again.getByRole('tab', { name: 'Grid queue' }).click();
    const againPanel = again.locator('.queue-file');
    await expect.poll(() => againPanel.textContent(), { timeout: 60_000 }).toContain(LOADED);
    expect(await againPanel.getByLabel('Competing with').inputValue()).toBe('county');
    expect(await againPanel.getByRole('textbox', { name: 'Name', exact: true }).inputValue()).toBe('Pecos, TX');
    expect(await againPanel.getByRole('textbox', { name: 'Request MW', exact: true }).inputValue()).toBe('150');
    expect(await placeAndRun(again)).toBe(first);
    await again.close();

    // A fresh browser has no copy: the link names the file it needs.
    const other = await launch();
    try {
      await openApp(other.page, base, hash);
      await other.page.getByRole('tab', { name: 'Grid queue' }).click();
      const needed = other.page.locator('.queue-file .needed');
      await expect.poll(() => needed.textContent(), { timeout: 30_000 }).toContain(`“${NAME}”`);
      const text = (await needed.textContent()) ?? '';
      expect(text).toContain(`${(CSV.length / 1048576).toFixed(1)} MB`);
      expect(text).toMatch(/last modified \d{4}-\d\d-\d\d/);
      expect(text).toContain(sha.slice(0, 12));
      expect(text).toContain('3,000 requests');
      // Importing the JSON export there restores the file from inside it, with the same numbers.
      await openMenu(other.page);
      await other.page.setInputFiles('input[name=scenario-file]', jsonPath!);
      await other.page.getByRole('tab', { name: 'Grid queue' }).click();
      expect(await placeAndRun(other.page)).toBe(first);
      expect(await other.page.locator('.queue-file .needed').count()).toBe(0);
      expect(other.pageErrors).toEqual([]);
    } finally {
      await other.close();
    }
    expect(s.pageErrors).toEqual([]);
  }, 300_000);
});
