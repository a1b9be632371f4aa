/**
 * An edit made just before a reload is kept: the scenario name is typed and the page reloaded
 * 0, 100 and 400 ms later (well inside the 0.8 s autosave pause, where IndexedDB's write, started
 * as the page goes away, does not complete). A second tab keeps its own edit and does not take
 * the first tab's.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appSession, newPage } from './harness';

async function openMenu(page: Page): Promise<void> {
  if (!(await page.locator('.scenario-menu details').evaluate((d) => (d as HTMLDetailsElement).open))) {
    await page.locator('.scenario-menu summary').click();
  }
}

/** Waits until the page restored its scenario and autosaves edits (before that, an edit is the baseline). */
async function autosaving(page: Page): Promise<void> {
  await page.waitForSelector('.scenario-menu[data-autosave="on"]', { state: 'attached', timeout: 60_000 });
}

/** The scenario name once the reloaded page has restored its scenario (the map need not have loaded). */
async function nameAfterReload(page: Page): Promise<string> {
  await autosaving(page);
  await openMenu(page);
  return page.inputValue('input[name=scenario-name]');
}

describe('an edit just before a reload', () => {
  const s = appSession();

  for (const delay of [0, 100, 400]) {
    it(`is back after a reload ${delay} ms later`, async () => {
      const page = s.page;
      await autosaving(page);
      await openMenu(page);
      const name = `Reload after ${delay} ms`;
      await page.fill('input[name=scenario-name]', name);
      if (delay) await page.waitForTimeout(delay);
      await page.reload();
      expect(await nameAfterReload(page)).toBe(name);
    });
  }

  it('a second tab keeps its own edit and does not take the first tab’s', async () => {
    const first = s.page;
    const second = await newPage(s);
    // Only the scenario matters here, not the map: wait for the restore, not for map tiles.
    await second.goto(s.baseUrl);
    await autosaving(second);
    await openMenu(first);
    await first.fill('input[name=scenario-name]', 'First tab');
    // The second tab's edit is the newer one: the first tab's reload must still find its own.
    await openMenu(second);
    await second.fill('input[name=scenario-name]', 'Second tab');
    // One at a time: two map loads at once are slow on a loaded machine.
    await first.reload();
    expect(await nameAfterReload(first)).toBe('First tab');
    await second.reload();
    expect(await nameAfterReload(second)).toBe('Second tab');
    await second.close();
    expect(s.pageErrors).toEqual([]);
  }, 180_000);
});
