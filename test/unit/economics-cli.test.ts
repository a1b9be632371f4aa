/**
 * The economics command line (issue 13 item 5): `simulate -- --model economics --site <id> --json`
 * prints one JSON object with the contract's fields and nothing else on stdout.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadEconomicsDefaults } from '../../src/sim/economics/defaults';

describe('economics CLI', () => {
  it('prints exactly the contract JSON for a Texas power shell', () => {
    const out = execFileSync('npx', ['tsx', 'scripts/simulate.ts', '--model', 'economics', '--site', 'riot-rockdale', '--trials', '1500', '--seed', '3', '--json'], {
      encoding: 'utf8',
    });
    const o = JSON.parse(out); // throws if anything but one JSON object is on stdout
    for (const option of ['mine', 'lease', 'gpu']) {
      for (const q of ['p10', 'p50', 'p90']) expect(typeof o[option].npvUSD[q]).toBe('number');
      expect(o[option].npvUSD.p10).toBeLessThanOrEqual(o[option].npvUSD.p90);
    }
    for (const k of ['mine', 'lease', 'gpu']) expect(o.revenuePerKWh[k]).toBeGreaterThan(0);
    expect(o.revenuePerKWh.gpu).toBeGreaterThan(o.revenuePerKWh.lease);
    for (const k of ['lease', 'gpu']) {
      expect(o.pBeatsMining[k]).toBeGreaterThanOrEqual(0);
      expect(o.pBeatsMining[k]).toBeLessThanOrEqual(1);
      expect('p50' in o.paybackMonths[k]).toBe(true);
      const p50 = o.paybackMonths[k].p50;
      expect(p50 === null || (Number.isInteger(p50) && p50 > 0)).toBe(true);
    }
    expect(o.site).toBe('riot-rockdale');
    expect(o.arm).toBe('buy');
    expect(o.miningMW).toBe(700);
  }, 120_000);

  it('names the flag when the site is unknown', () => {
    let stderr = '';
    try {
      execFileSync('npx', ['tsx', 'scripts/simulate.ts', '--model', 'economics', '--site', 'atlantis', '--json'], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e: any) {
      stderr = String(e.stderr);
      expect(e.status).toBe(2);
      expect(String(e.stdout)).toBe('');
    }
    expect(stderr).toContain('--site');
  }, 60_000);
});

describe('economics defaults file', () => {
  it('loads, every field has provenance, and no source points outside the repository', () => {
    const json = JSON.parse(readFileSync('data/economics.json', 'utf8'));
    const d = loadEconomicsDefaults(json);
    expect(d.ok).toBe(true);
    const text = readFileSync('data/economics.json', 'utf8');
    expect(text).not.toMatch(/REFERENCE\.md|MODEL\.md/);
    delete json.provenance['gpu.utilisation'];
    const broken = loadEconomicsDefaults(json);
    expect(broken.ok ? [] : broken.errors.map((e) => e.field)).toEqual(['provenance.gpu.utilisation']);
  });
});
