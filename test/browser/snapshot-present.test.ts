/**
 * Presenting scenarios: two saved scenarios compared side by side with the big P50/P90 differences
 * highlighted; presenter mode shows the working or a saved scenario as slides (map, each tab's chart,
 * assumptions), steps with the arrow keys and leaves on Esc; a scenario too big for a link says so and
 * offers the file; hostile site names stay text, in the menu and on the slides.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appSession, axeSeriousOrCritical, SCREENSHOT_DIR, savedPath } from './harness';

const SITE = 'riot-rockdale';

async function openMenu(page: Page): Promise<void> {
  if (!(await page.locator('.scenario-menu details').evaluate((d) => (d as HTMLDetailsElement).open))) {
    await page.locator('.scenario-menu summary').click();
  }
}

async function runQueue(page: Page, trials: string): Promise<void> {
  await page.getByRole('button', { name: 'Run queue simulation' }).click();
  const done = `Done: ${Number(trials).toLocaleString('en-US')} trials`;
  await page.waitForFunction((d) => document.querySelector('.queue-panel .status')?.textContent?.includes(d), done, { timeout: 120_000 });
}

async function saveAs(page: Page, name: string): Promise<void> {
  await openMenu(page);
  await page.fill('input[name=save-name]', name);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect.poll(() => page.locator('.saved .saved-name').allTextContents()).toContain(name);
  await page.locator('.scenario-menu summary').click();
}

describe('comparing and presenting scenarios in Chromium', () => {
  const s = appSession();

  it('compares two saved scenarios and highlights the P50/P90 that moved', async () => {
    const page = s.page;
    await page.selectOption('select[name=site-select]', SITE);
    await page.getByRole('tab', { name: 'Grid queue' }).click();
    await page.fill('input[name=trials]', '1000');
    await runQueue(page, '1000');
    await saveAs(page, 'Preset construction');
    // Twice the preset's build from IA to first MW (29 / 70 months) moves every percentile far beyond the 1-month threshold.
    await page.locator('.params-details summary').click();
    await page.fill('#q-ercot-large-load-phases-constr-p90', '140');
    await page.fill('#q-ercot-large-load-phases-constr-p50', '60');
    await runQueue(page, '1000');
    await saveAs(page, 'Slow construction');

    await openMenu(page);
    await page.getByRole('button', { name: 'Compare two…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare saved scenarios' });
    await expect.poll(() => dialog.locator('table.results tbody tr').count()).toBe(4);
    const power = dialog.locator('table.results tbody tr', { hasText: 'time to power' });
    expect(await power.count()).toBe(2);
    for (const row of await power.all()) {
      expect(await row.getAttribute('class')).toContain('highlight');
      expect(await row.locator('.delta').textContent()).toMatch(/^\+\d+\.\d mo$/);
    }
    expect(await dialog.locator('table.inputs tr.differs').textContent()).toContain('Study and construction phases: IA → energized · P50 = 60 months');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/45-snapshot-compare.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('presenter mode shows the working scenario’s map, charts and assumptions, steps with the arrow keys and leaves on Esc', async () => {
    const page = s.page;
    const siteName = (await page.locator(`select[name=site-select] option[value="${SITE}"]`).textContent())!.trim();
    await openMenu(page);
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    const show = page.getByRole('dialog', { name: 'Presenter mode' });
    // The working scenario took the name it was last saved under.
    await expect.poll(() => show.locator('.title').textContent()).toBe('Slow construction');
    // Map, the Grid queue chart, the assumptions.
    expect(await show.locator('[data-key="slide"]').textContent()).toBe('1 / 3');
    expect(await show.locator('.slide').getAttribute('data-slide')).toBe('map');
    await expect.poll(() => show.locator('svg.site-map .map-label').allTextContents()).toContain(siteName);
    expect(await show.locator('svg.site-map path').getAttribute('d')).toMatch(/^M/);
    expect(await show.locator('.key-numbers tbody td').allTextContents()).toEqual([expect.stringMatching(/^\d+\.\d mo$/)]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/46-snapshot-presenter.png` });

    await page.keyboard.press('ArrowRight');
    expect(await show.locator('.slide').getAttribute('data-slide')).toBe('chart');
    expect(await show.locator('.slide h2').textContent()).toContain('Grid queue');
    // Durations in months, everywhere on the slide: key numbers, P50 labels, axis ticks.
    const cells = await show.locator('.key-numbers tbody td').allTextContents();
    expect(cells.length).toBeGreaterThanOrEqual(6);
    for (const c of cells) expect(c).toMatch(/^\d+\.\d mo$|^> horizon$/);
    for (const t of await show.locator('svg text').allTextContents()) expect(t).not.toMatch(/\$|%/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/46b-snapshot-presenter-chart.png` });
    expect(await axeSeriousOrCritical(page, '.presenter')).toEqual([]);

    await page.keyboard.press('ArrowRight');
    expect(await show.locator('.slide').getAttribute('data-slide')).toBe('assumptions');
    const assumptions = await show.locator('.assumptions').textContent();
    expect(assumptions).toContain(siteName);
    expect(assumptions).toContain('Grid queue model');
    expect(assumptions).not.toMatch(/ercot-large-load|riot-rockdale|phases\.constr/);
    await page.keyboard.press('ArrowRight');
    expect(await show.locator('[data-key="slide"]').textContent()).toBe('3 / 3');
    await page.keyboard.press('ArrowLeft');
    expect(await show.locator('[data-key="slide"]').textContent()).toBe('2 / 3');

    // A saved scenario: its own name and results, from the first slide.
    await show.locator('select[name=present-which]').selectOption({ label: 'Saved: Preset construction' });
    await expect.poll(() => show.locator('.title').textContent()).toBe('Preset construction');
    expect(await show.locator('[data-key="slide"]').textContent()).toBe('1 / 3');
    await show.focus();
    await page.keyboard.press('ArrowRight');
    expect(await show.locator('.slide').getAttribute('data-slide')).toBe('chart');
    await page.keyboard.press('Escape');
    await expect.poll(() => show.count()).toBe(0);
  });

  it('a scenario too big for a link offers the JSON file, and a hostile site name stays text', async () => {
    const page = s.page;
    await openMenu(page);
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).first().click()]);
    const file = JSON.parse(readFileSync((await savedPath(d)), 'utf8')) as { scenario: Record<string, unknown> };
    const hostile = '<img src=x onerror="globalThis.__pwned=1">';
    // Names that do not compress (a counter run through a hash-like mix), so the link must be long.
    const noise = (i: number) => ((i * 2654435761) >>> 0).toString(36) + ((i * 40503 + 977) >>> 0).toString(36);
    file.scenario.customSites = Array.from({ length: 60 }, (_, i) => ({
      id: `custom-${i + 1}`,
      name: i === 0 ? hostile : `Site ${noise(i)} ${noise(i + 1000)}`,
      lon: -97 + i / 100,
      lat: 31 + i / 100,
      uiRegion: 'texas',
      queuePreset: 'ercot-large-load',
      kind: 'greenfield',
      gridMW: 100 + i,
      aiUsableMW: 50,
      pue: null,
    }));
    file.scenario.selectedSiteIds = ['custom-1'];
    await page.setInputFiles('input[name=scenario-file]', { name: 'many.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect.poll(() => page.inputValue('select[name=site-select]')).toBe('custom-1');
    expect(await page.locator('select[name=site-select] option[value="custom-1"]').textContent()).toBe(hostile);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src=x]').count()).toBe(0);

    await openMenu(page);
    await page.getByRole('button', { name: 'Copy link' }).click();
    const warn = page.locator('.scenario-menu .warn');
    expect(await warn.textContent()).toMatch(/This link would be [\d,]+ characters, longer than many apps keep/);
    expect(await page.locator('input[name=share-link]').count()).toBe(0);
    const [again] = await Promise.all([page.waitForEvent('download'), warn.getByRole('button', { name: 'Download JSON' }).click()]);
    expect(again.suggestedFilename()).toMatch(/\.json$/);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/47-snapshot-link-too-long.png` });

    // In presenter mode the hostile name is a map label and an assumption, as text.
    await page.keyboard.press('Escape');
    await openMenu(page);
    await page.getByRole('button', { name: 'Presenter mode' }).click();
    const show = page.getByRole('dialog', { name: 'Presenter mode' });
    await expect.poll(() => show.locator('svg.site-map .map-label').allTextContents()).toContain(hostile);
    await page.keyboard.press('End');
    while ((await show.locator('.slide').getAttribute('data-slide')) !== 'assumptions') await page.keyboard.press('ArrowRight');
    expect(await show.locator('.assumptions').textContent()).toContain(hostile);
    expect(await show.locator('.assumptions').textContent()).not.toContain('custom-1');
    expect(await page.locator('img[src=x]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    await page.keyboard.press('Escape');
    expect(s.pageErrors).toEqual([]);
    expect(s.offsite).toEqual([]);
  });
});
