/**
 * Durations by year of operation (docs/queue-as-it-stands.md "Durations over time"): the US preset's
 * dated history of study and construction durations, run from an empty queue in 1994, reproduces the
 * long-run rise of request → operation medians that LBNL counts by year of operation. Completion-year
 * rows draw the published sample size from each trial's completions, so their band is the published
 * figure's own sampling spread.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBacktests, planBacktest, runBacktestRows, type BacktestRowSpec } from '../../src/sim/queue/backtest';
import type { QueuePresetDoc } from '../../src/sim/queue/presets';
import { presetDocs } from './queue-test-utils';

const loaded = loadBacktests(JSON.parse(readFileSync(new URL('../../data/backtests.json', import.meta.url), 'utf8')));
if (!loaded.ok) throw new Error('data/backtests.json is invalid');
const rowById = (id: string) => loaded.value.find((r) => r.id === id)!;
const docs = presetDocs();

/** The 2000–07 and 2019–23 medians of a preset document (P50 over trials). */
function earlyAndLate(doc: QueuePresetDoc, trials = 8): [number, number] {
  const rows = [rowById('us-request-to-operation-2000-07'), rowById('us-request-to-operation-p50')];
  const res = runBacktestRows(rows, () => doc, 3, trials);
  return res.map((r) => {
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.value.simulated.p50;
  }) as [number, number];
}

describe('request → operation by year of operation (US)', () => {
  it('rises from the 2000s to 2019–23 the way the published medians do (21.8 → 46.5 months), and only because of the dated history', () => {
    const [early, late] = earlyAndLate(docs['us-lbnl']);
    expect(Math.abs(early / 21.8 - 1)).toBeLessThanOrEqual(0.15);
    expect(Math.abs(late / 46.5 - 1)).toBeLessThanOrEqual(0.15);
    // Teeth: the same preset with its duration history removed (2024 timelines throughout) has no
    // rise to speak of, and the 2000–07 row fails by far.
    const flat = structuredClone(docs['us-lbnl']);
    delete flat.baseParams.schedules!.studyDurationFactor;
    delete flat.baseParams.schedules!.constrDurationFactor;
    const [flatEarly, flatLate] = earlyAndLate(flat);
    expect(flatEarly / flatLate).toBeGreaterThan(0.8);
    expect(flatEarly / 21.8 - 1).toBeGreaterThan(0.5);
  });

  it('requests that differ in pace give the published shape of the slow tail (P90 ÷ P50 = 84.1 ÷ 46.5), and one pace for all does not', () => {
    const rows = [rowById('us-request-to-operation-p50'), rowById('us-request-to-operation-p90')];
    const tail = (doc: QueuePresetDoc) => {
      const [p50, p90] = runBacktestRows(rows, () => doc, 7, 8).map((r) => {
        if (!r.ok) throw new Error(JSON.stringify(r.errors));
        return r.value.simulated.p50;
      });
      return p90 / p50;
    };
    const published = 84.1 / 46.5;
    expect(Math.abs(tail(docs['us-lbnl']) / published - 1)).toBeLessThanOrEqual(0.05);
    // Teeth: every request at the median pace. Withdrawal, a hazard over time spent, then cuts the
    // slow tail and the completions bunch up (≈ 1.66 against 1.81).
    const alike = structuredClone(docs['us-lbnl']);
    delete alike.baseParams.phases.paceP90;
    expect(tail(alike)).toBeLessThan(published * 0.95);
  });

  it("counts every request that reached operation in the window, stock or new, whenever it was filed", () => {
    // From the preset's own stock (end 2024): completions in 2025 are all stock requests filed before
    // the start, so their request → operation exceeds the months since the start.
    const row: BacktestRowSpec = { ...rowById('us-request-to-operation-p50'), id: 'x', start: undefined, from: '2025-01-01', at: '2026-01-01', sampleSize: undefined };
    const r = runBacktestRows([row], () => docs['us-lbnl'], 1, 4)[0];
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.simulated.p10).toBeGreaterThan(12);
  });

  it('a smaller published sample gives a wider band: the band is the sampling spread of that many completions', () => {
    const base = rowById('us-request-to-operation-p50');
    const small = { ...base, id: 'n87', sampleSize: 87 };
    const large = { ...base, id: 'n722', sampleSize: 722 };
    const [a, b] = runBacktestRows([small, large], () => docs['us-lbnl'], 5, 16).map((r) => {
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.value.simulated.p90 - r.value.simulated.p10;
    });
    // Spread ∝ 1/√n: √(722/87) ≈ 2.9; at 16 trials, at least 1.5× wider.
    expect(a).toBeGreaterThan(b * 1.5);
  });

  it('refuses a completion-year row without the start of its window, naming the field', () => {
    const { from: _from, ...noFrom } = rowById('us-request-to-operation-2010');
    const r = loadBacktests({ rows: [noFrom] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].field).toBe('rows.0.from');
    const plan = planBacktest(rowById('us-request-to-operation-2010'), docs['us-lbnl']);
    expect(plan.ok && plan.value.completed).toBeTruthy();
  });
});
