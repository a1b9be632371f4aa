/**
 * The Method view (issue 11 "Docs in the repository"): the header's Method button opens the docs
 * section of the tab on screen, a "(how it is modelled)" link opens its own section, a cited source
 * ("Sources §x") opens docs/data-sources.md there, Escape closes it and gives focus back; axe-core
 * finds no serious or critical violation in the open view.
 */
import { describe, expect, it } from 'vitest';
import { appSession, axeSeriousOrCritical, SCREENSHOT_DIR } from './harness';

describe('Method view in Chromium', () => {
  const s = appSession();

  it('opens the section of the tab on screen and closes with Escape, giving focus back', async () => {
    const page = s.page;
    await page.selectOption('select[name=site-select]', 'illustrative-abilene-greenfield');
    await page.getByRole('tab', { name: 'Grid queue' }).click();
    const button = page.getByRole('button', { name: 'Method', exact: true });
    await button.click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getAttribute('aria-label')).toBe('Method: 1. Interconnection queue (discrete-event simulation)');
    expect(await dialog.locator('h2').first().textContent()).toBe('1. Interconnection queue (discrete-event simulation)');
    expect(await axeSeriousOrCritical(s.page, '.method')).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Method');
  });

  it('the grid-access panel links to its own section of the method', async () => {
    const page = s.page;
    await page.getByRole('tab', { name: 'Site facts' }).click();
    await page.getByRole('button', { name: '(how it is modelled)' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.locator('h2').first().textContent()).toBe("6. Grid access from a site's own position");
    expect(await dialog.textContent()).toContain('the build arm is a new build at the site');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/70-method-view.png` });
    await page.getByRole('button', { name: 'Close the method view' }).click();
  });

  it('a cited source opens docs/data-sources.md at its section, naming the real source', async () => {
    const page = s.page;
    await page.getByRole('tab', { name: 'Grid queue' }).click();
    // The queue parameters' sources are shown as text with a "(read)" link to the section they cite.
    await page.getByText('Queue model parameters').click();
    const source = page.locator('.queue-panel span[title]').filter({ hasText: /Sources §2\.1/ }).first();
    await source.scrollIntoViewIfNeeded();
    expect(await source.getAttribute('title')).toMatch(/ERCOT large-load queue as reported by S&P Global .*, Sources §2\.1/);
    await source.getByRole('button', { name: '(read)' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getAttribute('aria-label')).toBe('Data sources: 2.1 Queue size over time (large loads ≥75 MW)');
    expect(await dialog.textContent()).toContain('S&P Global');
    await page.keyboard.press('Escape');
  });
});
