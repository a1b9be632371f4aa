/**
 * What a user reads names things by their display names: no site id, preset id, parameter path,
 * internal file name or code identifier appears in the visible text of any tab, with results on
 * screen, for a bundled site and for a site of the user's own. The walk reads the rendered text
 * (innerText: what is on screen) and the accessible names and titles that screen readers announce.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appSession, checkEachTab, SCREENSHOT_DIR, MODEL_TABS, runTabAndWait, savedPath } from './harness';
import { leafPaths } from '../../src/sim/param-paths';

const regions = JSON.parse(readFileSync('data/regions.json', 'utf8')) as { queuePresets: Record<string, { params: unknown }> };
const sites = JSON.parse(readFileSync('data/sites.geojson', 'utf8')) as { features: Array<{ properties: { id: string } }> };
const PRESET_IDS = Object.keys(regions.queuePresets);
const SITE_IDS = sites.features.map((f) => f.properties.id);
const PARAM_PATHS = [...new Set(Object.values(regions.queuePresets).flatMap((p) => leafPaths(p.params)).filter((p) => p.includes('.')))];
/** Field names of the data and the models (camelCase words: "ratePerYear", "gridMW"), as opposed to units such as kV. */
const CODE_NAMES = [
  ...new Set([
    ...PARAM_PATHS.flatMap((p) => p.split('.')),
    ...sites.features.flatMap((f) => Object.keys(f.properties)),
    'projectMW', 'queuePreset', 'selectedSiteIds', 'customSites', 'sizeFactor', 'withdrawalFactor', 'headroomMWPerYear', 'arrivalsPerYear', 'uiRegion',
  ]),
].filter((n) => /^[a-z]+[A-Z0-9][a-zA-Z0-9]*$/.test(n));
/** The kinds and regions as the data spells them. */
const DATA_CODES = ['power-shell', 'nordics', 'texas'];
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every way an internal name could leak, each with what it is. Case-sensitive: "Singapore" is a name, "singapore" an id. */
const FORBIDDEN: Array<[RegExp, string]> = [
  ...PRESET_IDS.map((id): [RegExp, string] => [new RegExp(`(?<![\\w/.-])${escape(id)}(?![\\w-])`), `preset id ${id}`]),
  ...SITE_IDS.map((id): [RegExp, string] => [new RegExp(`(?<![\\w/.-])${escape(id)}(?![\\w-])`), `site id ${id}`]),
  ...PARAM_PATHS.map((p): [RegExp, string] => [new RegExp(`(?<![\\w.])${escape(p)}(?![\\w])`), `parameter path ${p}`]),
  [/\bcustom-\d+\b/, 'own-site id'],
  ...DATA_CODES.map((c): [RegExp, string] => [new RegExp(`(?<![\\w-])${c}(?![\\w-])`), `data code ${c}`]),
  [/(?<![\w/])[\w-]+\.(md|json|geojson|ts|js|csv)\b/, 'internal file name'],
  [/\b(settings|scenario|queueOverrides|economics|bvb)\.[a-zA-Z]+/, 'field path'],
  ...CODE_NAMES.map((n): [RegExp, string] => [new RegExp(`\\b${n}\\b`), `code identifier ${n}`]),
  [/\bnpm run\b/, 'developer command'],
];

async function visibleTexts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const root = document.querySelector<HTMLElement>(sel);
    if (!root) return [];
    const out = [root.innerText];
    for (const el of root.querySelectorAll<HTMLElement>('[aria-label], [title]')) {
      if (!el.checkVisibility()) continue;
      for (const a of ['aria-label', 'title']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    }
    return out;
  }, selector);
}

async function leaks(page: Page, where: string, selector = '#tabpanel'): Promise<string[]> {
  const found: string[] = [];
  for (const text of await visibleTexts(page, selector)) {
    for (const line of text.split('\n')) {
      for (const [re, what] of FORBIDDEN) {
        // Web addresses may carry anything; they are sources, shown as such.
        const m = re.exec(line.replace(/https?:\/\/\S+/g, ''));
        if (m) found.push(`${where}: ${what} "${m[0]}" in "${line.slice(0, 160)}"`);
      }
    }
  }
  return [...new Set(found)];
}


const TABS: Array<[string, string | null]> = [['Site facts', null], ...MODEL_TABS];

describe('visible text names things, never ids or paths', () => {
  const s = appSession({ site: 'riot-rockdale' });

  it('every tab of a bundled site, with its results on screen', async () => {
    const page = s.page;
    const found = await checkEachTab(page, TABS, 500, async (tab) => {
      // Folded sections count too: open them all.
      await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>('#tabpanel details').forEach((d) => (d.open = true)));
      return leaks(page, tab);
    });
    found.push(...(await leaks(page, 'page outside the tabs', 'body')));
    await page.screenshot({ path: `${SCREENSHOT_DIR}/80-visible-text.png`, fullPage: true });
    writeFileSync('test-results/visible-text-found.txt', found.join('\n'));
    expect(found).toEqual([]);
  }, 400_000);

  it('compare sites and a site of the user’s own', async () => {
    const page = s.page;
    const compare = page.locator('section.compare');
    for (const id of ['intelion-samara', 'bitdeer-tydal']) await compare.locator(`input[name=compare-site][value="${id}"]`).check();
    await compare.locator('input[name=compare-preset][value="pjm"]').check();
    await compare.locator('input[name=compare-trials]').fill('200');
    await compare.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.waitForFunction(() => /rows in/.test(document.querySelector('.compare [role=status]')?.textContent ?? ''), undefined, { timeout: 120_000 });
    expect(await compare.locator('table.compare-table tbody tr').count()).toBe(4);
    const found = await leaks(page, 'Compare sites', 'section.compare');

    await page.locator('.scenario-menu summary').click();
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JSON' }).first().click()]);
    const file = JSON.parse(readFileSync((await savedPath(d)), 'utf8')) as { scenario: Record<string, unknown> };
    file.scenario.customSites = [{ id: 'custom-1', name: 'Our Abilene lot', lon: -99.7, lat: 32.4, uiRegion: 'texas', queuePreset: 'ercot-large-load', kind: 'greenfield', gridMW: 200, aiUsableMW: 120, pue: null }];
    file.scenario.selectedSiteIds = ['custom-1'];
    await page.setInputFiles('input[name=scenario-file]', { name: 'own.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await expect.poll(() => page.inputValue('select[name=site-select]')).toBe('custom-1');
    await page.keyboard.press('Escape');
    for (const [tab, run] of TABS) {
      await page.getByRole('tab', { name: tab }).click();
      if (run === 'Run queue simulation') await runTabAndWait(page, run);
      found.push(...(await leaks(page, `own site, ${tab}`)));
    }
    expect(found).toEqual([]);

    // A refused run's message is about the inputs it was refused for: fixing the value takes it away.
    await page.getByRole('tab', { name: 'Grid queue' }).click();
    await page.fill('input[name=project-mw]', '-5');
    await page.getByRole('button', { name: 'Run queue simulation' }).click();
    await expect.poll(() => page.locator('.queue-panel .run-error').count()).toBe(1);
    await page.fill('input[name=project-mw]', '5');
    await expect.poll(() => page.locator('.queue-panel .run-error').count()).toBe(0);
    expect(s.pageErrors).toEqual([]);
  }, 300_000);
});
