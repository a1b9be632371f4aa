/**
 * The buy-vs-build runner's contract: chunk-invariant summaries, per-trial rows, lead counts, the
 * reading line, and the defaults file with its provenance.
 */
import { describe, expect, it } from 'vitest';
import { CHUNK_TRIALS } from '../../src/sim/contract';
import { fieldPaths, loadBuyVsBuildDefaults, paramsForRegion } from '../../src/sim/buy-vs-build/defaults';
import { defaults, defaultsJson as json } from './bvb-test-utils';
import { lognormalTable } from '../../src/sim/buy-vs-build/ln-table';
import type { BuyVsBuildRequest } from '../../src/sim/buy-vs-build/params';
import { prepareBuyVsBuildRequest, queueSeedFor, siteFactsFor } from '../../src/sim/buy-vs-build/prepare';
import { readingLine } from '../../src/sim/buy-vs-build/reading';
import { buyVsBuildRunner, MAX_LEAD_MONTHS, type BuyVsBuildPartial } from '../../src/sim/buy-vs-build/runner';

/** At or beyond the 240-month horizon a time reads as never. */
const cap = (x: number) => (x < 240 ? x : Infinity);
const REGIONS = ['ercot-large-load', 'norway', 'sweden', 'finland', 'iceland', 'singapore', 'samara'];

function request(trials: number, seed = 11, region = 'samara'): BuyVsBuildRequest {
  const params = paramsForRegion(defaults, region);
  params.site = { gridMW: 300, aiUsableShare: 0.35, pue: 1.2, blockMW: 40 };
  return { model: 'buy-vs-build', siteId: 't', params, queueTable: lognormalTable(30, 80), trials, seed };
}

function chunked(req: BuyVsBuildRequest, order: (chunks: number) => number[]): BuyVsBuildPartial {
  const n = Math.ceil(req.trials / CHUNK_TRIALS);
  const parts = new Map<number, BuyVsBuildPartial>();
  for (const i of order(n)) parts.set(i, buyVsBuildRunner.runChunk(req, i * CHUNK_TRIALS, Math.min(req.trials, (i + 1) * CHUNK_TRIALS)));
  let acc = structuredClone(parts.get(0)!);
  for (let i = 1; i < n; i++) acc = buyVsBuildRunner.merge(acc, structuredClone(parts.get(i)!));
  return acc;
}

describe('buy-vs-build runner', () => {
  it('gives bit-identical summaries however the trials are chunked (one chunk, 250-trial chunks, 4 interleaved workers)', () => {
    const req = request(2_100);
    const whole = buyVsBuildRunner.summarize(req, buyVsBuildRunner.runChunk(req, 0, req.trials));
    const inOrder = buyVsBuildRunner.summarize(req, chunked(req, (n) => [...Array(n).keys()]));
    const interleaved = buyVsBuildRunner.summarize(
      req,
      chunked(req, (n) => [0, 1, 2, 3].flatMap((w) => [...Array(n).keys()].filter((i) => i % 4 === w)).reverse()),
    );
    expect(inOrder).toEqual(whole);
    expect(interleaved).toEqual(whole);
    expect(JSON.stringify(inOrder)).toBe(JSON.stringify(whole));
  });

  it('keeps per-trial rows by trial index, consistent with the histograms', () => {
    const req = request(1_000);
    const s = buyVsBuildRunner.summarize(req, chunked(req, (n) => [...Array(n).keys()]));
    expect(s.perTrial.start).toBe(0);
    expect(s.perTrial.count).toBe(1_000);
    // Trial 637 alone gives the same row.
    const one = buyVsBuildRunner.runChunk(req, 637, 638);
    expect(one.rows.buyFirst[0]).toBe(s.perTrial.buyFirst[637]);
    expect(one.rows.buildFull[0]).toBe(s.perTrial.buildFull[637]);
    // P(buy earlier) from the rows equals the counter.
    let earlier = 0;
    for (let i = 0; i < 1_000; i++) if (cap(s.perTrial.buyFirst[i]) < cap(s.perTrial.buildFirst[i])) earlier++;
    expect(s.pBuyEarlier).toBe(earlier / 1_000);
    for (let i = 0; i < 1_000; i++) {
      expect(s.perTrial.buyFull[i]).toBeGreaterThanOrEqual(s.perTrial.buyFirst[i]);
      expect(s.perTrial.buildFull[i]).toBeGreaterThanOrEqual(s.perTrial.buildFirst[i]);
    }
  });

  it('P(buy earlier by ≥ N) is a non-increasing curve from P(build − buy ≥ 0) that matches the rows for every N', () => {
    const req = request(3_000, 5, 'ercot-large-load');
    const s = buyVsBuildRunner.summarize(req, buyVsBuildRunner.runChunk(req, 0, req.trials));
    expect(s.pBuyEarlierBy).toHaveLength(MAX_LEAD_MONTHS + 1);
    for (let n = 1; n <= MAX_LEAD_MONTHS; n++) expect(s.pBuyEarlierBy[n]).toBeLessThanOrEqual(s.pBuyEarlierBy[n - 1]);
    for (const n of [0, 12, 24, 36, 60, 120]) {
      let k = 0;
      for (let i = 0; i < 3_000; i++) {
        const a = cap(s.perTrial.buyFirst[i]);
        if (a < Infinity && cap(s.perTrial.buildFirst[i]) - a >= n) k++;
      }
      expect(s.pBuyEarlierBy[n]).toBe(k / 3_000);
    }
  });

  it('summarizes a preview prefix from the merged trials it has, not the requested count', () => {
    const req = request(1_000);
    const part = buyVsBuildRunner.runChunk(req, 0, 250);
    const s = buyVsBuildRunner.summarize(req, part);
    expect(s.trials).toBe(250);
    expect(s.buy.firstMW.n).toBe(250);
  });
});

describe('reading line', () => {
  it('quotes the largest 6-month lead three worlds in four reach, in plain words', () => {
    const by = Array.from({ length: 121 }, (_, n) => Math.max(0, 0.95 - n / 100));
    expect(readingLine({ pBuyEarlier: 0.95, pBuyEarlierBy: by })).toBe('In 77% of simulated worlds buying is at least 18 months faster to first power than building.');
    expect(readingLine({ pBuyEarlier: 0.95, pBuyEarlierBy: by }, 24)).toBe('In 71% of simulated worlds buying is at least 24 months faster to first power than building.');
    const flat = Array.from({ length: 121 }, () => 0.3);
    expect(readingLine({ pBuyEarlier: 0.3, pBuyEarlierBy: flat })).toBe(
      'In 30% of simulated worlds buying the power shell gets first power sooner than building greenfield: building is usually as fast or faster.',
    );
    expect(readingLine({ pBuyEarlier: 1, pBuyEarlierBy: Array(121).fill(1) }, 120)).toBe('In every simulated world buying is at least 120 months faster to first power than building.');
    expect(readingLine({ pBuyEarlier: 0.1, pBuyEarlierBy: flat, bothNeverShare: 0.76, horizonMonths: 240 })).toBe(
      "In 76% of simulated worlds neither option gets power within 240 months: the region's queue decides, not the choice of site.",
    );
  });
});

describe('defaults file (data/buy-vs-build.json)', () => {
  it('validates, gives every region of the queue presets, and names a source or ESTIMATE for every field', () => {
    for (const r of REGIONS) expect(Object.keys(defaults.regions)).toContain(r);
    for (const path of fieldPaths(defaults.params)) expect(defaults.provenance[path]?.source, path).toBeTruthy();
    // docs/method.md §3 table values, read back
    expect(defaults.params.buy.close).toEqual({ p50: 3, p90: 6 });
    expect(defaults.params.build.equipment).toEqual({ p50: 18, p90: 34 });
    expect(defaults.params.rho).toBe(0.4);
    expect(paramsForRegion(defaults, 'samara').gpu.exportControlProbability).toBe(1);
    expect(paramsForRegion(defaults, 'ercot-large-load').gpu.exportControlProbability).toBe(0);
    expect(paramsForRegion(defaults, 'ercot-large-load').buy.studyFreeGridMW).toBe(75);
  });

  it('rejects an override without provenance and a region whose merged values are invalid, naming the fields', () => {
    const bad = structuredClone(json);
    bad.regions.norway.overrides.buy.close = { p50: 5, p90: 2 };
    const r = loadBuyVsBuildDefaults(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toContainEqual({ field: 'regions.norway.overrides.buy.close.p90', message: 'P90 (2 months) must be ≥ P50 (5 months)' });
    expect(r.errors.map((e) => e.field)).toContain('regions.norway.provenance.buy.close');
  });
});

describe('prepare: a site and its queue table → a request', () => {
  it('fills unknown site facts from the defaults and says which it assumed', () => {
    const base = defaults.params.site;
    expect(siteFactsFor({ id: 'a', queuePreset: 'norway', gridMW: 175, aiItMW: null, pue: null }, base)).toEqual({
      facts: { gridMW: 175, aiUsableShare: 0.3, pue: 1.3, blockMW: 50 },
      assumed: ['blockMW', 'aiUsableShare', 'pue'],
    });
    // 600 MW IT at PUE 1.2 draws 720 MW of the 1,000 MW connection.
    const b = siteFactsFor({ id: 'b', queuePreset: 'ercot-large-load', gridMW: 1000, aiItMW: 600, pue: 1.2 }, base).facts;
    expect(b).toEqual({ gridMW: 1000, aiUsableShare: expect.closeTo(0.72, 12), pue: 1.2, blockMW: 50 });
  });

  it('applies region defaults, site facts and user edits, and refuses bad edits naming the field', () => {
    const site = { id: 'bitdeer-tydal', queuePreset: 'norway', gridMW: 175, aiItMW: null, pue: null };
    const ok = prepareBuyVsBuildRequest({ defaults, site, queueTable: lognormalTable(60, 120), trials: 1000, seed: 3, overrides: { rho: 0.7 } });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.value.params.buy.studyFreeGridMW).toBe(5);
    expect(ok.value.params.site.gridMW).toBe(175);
    expect(ok.value.params.rho).toBe(0.7);
    const bad = prepareBuyVsBuildRequest({ defaults, site, queueTable: lognormalTable(60, 120), trials: 1000, seed: 3, overrides: { buy: { studyProbability: 1.4 } } });
    expect(bad).toEqual({ ok: false, errors: [{ field: 'params.buy.studyProbability', message: 'must be a probability between 0 and 1, got 1.4' }] });
  });

  it('derives a distinct queue seed from the main seed', () => {
    const seen = new Set<number>();
    for (let s = 0; s < 1000; s++) seen.add(queueSeedFor(s));
    expect(seen.size).toBe(1000);
    expect(queueSeedFor(42)).not.toBe(42);
  });
});
