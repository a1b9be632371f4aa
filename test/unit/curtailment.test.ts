/**
 * Firm and curtailable MW (docs/method.md §7): the queue numbers never move, first MW never come after
 * firm MW, the energy share matches hand arithmetic, dated rules wait for their date, any chunking
 * or worker count gives the same summary, and bad input names its field.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHUNK_TRIALS } from '../../src/sim/contract';
import type { CurtailmentRequest } from '../../src/sim/curtailment/params';
import { validateCurtailmentRequest } from '../../src/sim/curtailment/params';
import { loadCurtailmentRules, monthsBetween, resolveCurtailment, ruleStartMonth } from '../../src/sim/curtailment/rules';
import { curtailableQueueRunner, type CurtailableQueuePartial, type CurtailableQueueRequest, type CurtailableQueueSummary } from '../../src/sim/curtailment/runner';
import { runInThread } from '../../src/sim/in-thread';
import type { QueueParams } from '../../src/sim/queue/params';
import { REQUIRED_QUEUE_PRESETS } from '../../src/sim/queue/presets';
import { queueRunner } from '../../src/sim/queue/runner';
import { runInNodePool } from '../../workers/node-pool';
import { presetParams, queueRequest, quietSerial } from './queue-test-utils';

const rulesJson: unknown = JSON.parse(readFileSync(new URL('../../data/curtailment.json', import.meta.url), 'utf8'));
function rules() {
  const r = loadCurtailmentRules(rulesJson);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

function curtail(over: Partial<CurtailmentRequest> = {}): CurtailmentRequest {
  return { ruleId: 'test', ruleName: 'test rule', assumed: false, startMonth: 0, firmFloor: true, postIaShare: 1, floorMW: 0, hoursPerYear: { p50: 200, p90: 800 }, asOf: '2026-12', ...over };
}

function withCurtail(id: string, c: CurtailmentRequest | undefined, opts: Partial<CurtailableQueueRequest> = {}): CurtailableQueueRequest {
  return { ...queueRequest(presetParams(id), { presetId: id, seed: 31, ...opts }), ...(c ? { curtailment: c } : {}) };
}

const run = (req: CurtailableQueueRequest) => runInThread('queue', req);

/** A serial queue with fixed durations, nobody else in it, and no spare headroom: one 60-month upgrade. */
function waitsForUpgrade(): QueueParams {
  const p = quietSerial();
  p.headroom = { limited: true, initialMW: 0, upgradeMW: 1000, upgradeLead: { p50: 60, p90: 60 }, maxConcurrentUpgrades: 1, upgradesUnderWay: 0, rule: 'fifo' };
  return p;
}

describe('curtailment off', () => {
  it('gives the firm-only queue summary bit for bit, and turning it on leaves the queue numbers alone', () => {
    for (const id of ['ercot-large-load', 'norway', 'singapore']) {
      const off = run(withCurtail(id, undefined, { trials: 600 }));
      const plain = runInThread('queue', withCurtail(id, undefined, { trials: 600 }), { queue: queueRunner });
      expect(JSON.stringify(off)).toBe(JSON.stringify(plain));
      expect(off.curtailment).toBeUndefined();
      const on = run(withCurtail(id, curtail({ floorMW: 50 }), { trials: 600 }));
      const { curtailment, ...queueOnly } = on;
      expect(curtailment).toBeDefined();
      expect(JSON.stringify(queueOnly)).toBe(JSON.stringify(off));
    }
  });
});

describe('curtailment on', () => {
  it('first (curtailable) MW never come after full firm MW, in any trial', () => {
    for (const id of ['ercot-large-load', 'norway', 'sweden', 'finland', 'samara', 'pjm', 'singapore']) {
      const s = run(withCurtail(id, curtail({ postIaShare: id === 'pjm' ? 0.5 : 1 }), { trials: 500 }));
      const c = s.curtailment!;
      expect(c.disorder).toBe(0);
      const firm = s.perTrial.months;
      for (let i = 0; i < firm.length; i++) expect(c.perTrial.first[i]).toBeLessThanOrEqual(firm[i]);
      expect(c.curtailable.p50).toBeLessThanOrEqual(c.firm.p50);
    }
  });

  it('a headroom-limited region gains months; where nothing waits for headroom first = firm', () => {
    const norway = run(withCurtail('norway', curtail(), { trials: 500 })).curtailment!;
    expect(norway.earlierShare).toBeGreaterThan(0.8);
    expect(norway.p50Gain).toBeGreaterThan(12);
    const us = run(withCurtail('us-lbnl', curtail(), { trials: 300 }));
    expect(us.curtailment!.earlierShare).toBe(0);
    expect(Array.from(us.curtailment!.perTrial.first)).toEqual(Array.from(us.perTrial.months));
  });

  it('without a rule (no flexible path) first = firm in every trial', () => {
    const s = run(withCurtail('norway', curtail({ ruleId: null }), { trials: 300 }));
    expect(Array.from(s.curtailment!.perTrial.first)).toEqual(Array.from(s.perTrial.months));
  });

  it('timing matches the hand case: first = IA + construction, firm = IA + the upgrade + construction', () => {
    const req = { ...queueRequest(waitsForUpgrade(), { trials: 20, projectMW: 100 }), curtailment: curtail() };
    const s = run(req);
    // IA at 2 + 3 + 4 = 9 months starts the 60-month upgrade the request waits for.
    for (const m of s.curtailment!.perTrial.first) expect(m).toBeCloseTo(9 + 10, 9);
    for (const m of s.perTrial.months) expect(m).toBeCloseTo(9 + 60 + 10, 9);
    expect(s.curtailment!.p50Gain).toBeCloseTo(60, 0);
  });

  it('the curtailed energy share matches hours / 8760 × curtailable share', () => {
    // Fixed 876 hours a year; 25 of 100 MW firm from first power → 10% of the time × 75% of the MW.
    const s = run({ ...queueRequest(waitsForUpgrade(), { trials: 40, projectMW: 100 }), curtailment: curtail({ floorMW: 25, hoursPerYear: { p50: 876, p90: 876 } }) });
    const e = s.curtailment!.curtailedEnergyShare;
    expect(e.mean).toBeCloseTo(0.1 * 0.75, 9);
    expect(e.p50).toBeCloseTo(0.075, 3);
    for (const v of s.curtailment!.perTrial.energyShare) expect(v).toBeCloseTo(0.075, 12);
    // Without a firm floor in the rule, all 100 MW are curtailable.
    const noFloor = run({ ...queueRequest(waitsForUpgrade(), { trials: 40, projectMW: 100 }), curtailment: curtail({ floorMW: 25, firmFloor: false, hoursPerYear: { p50: 876, p90: 876 } }) });
    expect(noFloor.curtailment!.curtailedEnergyShare.mean).toBeCloseTo(0.1, 9);
    expect(noFloor.curtailment!.curtailableMW).toBe(100);
  });

  it('curtailed hours follow their lognormal and never exceed a year', () => {
    const s = run(withCurtail('norway', curtail({ hoursPerYear: { p50: 300, p90: 8760 } }), { trials: 1500 })).curtailment!;
    expect(s.curtailedHours.p50).toBeGreaterThan(250);
    expect(s.curtailedHours.p50).toBeLessThan(350);
    expect(s.curtailedHours.p90).toBeLessThanOrEqual(8760);
  });
});

describe('dated rules', () => {
  it('converts calendar dates to months after the as-of date', () => {
    expect(monthsBetween('2026-12', '2027-04-01')).toBe(4);
    expect(ruleStartMonth({ from: '2025-12-18' }, '2026-12')).toBe(0);
    expect(ruleStartMonth({ from: '2027-04-09' }, '2026-12')).toBeCloseTo(4 + 8 / 30.4375, 9);
  });

  it('a rule applies only after its date: no first MW before it, and from month 0 once it is past', () => {
    const doc = rules();
    const early = resolveCurtailment(doc, 'ercot-large-load', { floorMW: 50, assumePath: false }, '2020-01', 100);
    const late = resolveCurtailment(doc, 'ercot-large-load', { floorMW: 50, assumePath: false }, '2027-06', 100);
    if (!early.ok || !late.ok) throw new Error('resolve');
    expect(early.value.ruleId).toBe('ercot-pclr');
    expect(early.value.startMonth).toBeGreaterThan(86);
    expect(late.value.startMonth).toBe(0);
    // The hand case reaches IA + construction at 19 months: a rule dated 40 months out holds first MW to 40.
    const held = run({ ...queueRequest(waitsForUpgrade(), { trials: 20, projectMW: 100 }), curtailment: curtail({ startMonth: 40 }) });
    for (const m of held.curtailment!.perTrial.first) expect(m).toBeCloseTo(40, 9);
    // A rule dated after firm power changes nothing.
    const never = run({ ...queueRequest(waitsForUpgrade(), { trials: 20, projectMW: 100 }), curtailment: curtail({ startMonth: 100 }) });
    expect(Array.from(never.curtailment!.perTrial.first)).toEqual(Array.from(never.perTrial.months));
    expect(never.curtailment!.earlierShare).toBe(0);
  });
});

describe('worker invariance', () => {
  it('one chunk = 250-chunks in 4 interleaved groups, bit for bit', () => {
    const req = withCurtail('sweden', curtail({ floorMW: 40 }), { trials: 1100 });
    const whole = curtailableQueueRunner.runChunk(req, 0, 1100);
    const chunks: CurtailableQueuePartial[] = [];
    for (let g = 0; g < 4; g++) {
      for (let c = g; c * CHUNK_TRIALS < 1100; c += 4) chunks[c] = curtailableQueueRunner.runChunk(structuredClone(req), c * CHUNK_TRIALS, Math.min(1100, (c + 1) * CHUNK_TRIALS));
    }
    let acc = chunks[0];
    for (let c = 1; c < chunks.length; c++) acc = curtailableQueueRunner.merge(acc, chunks[c]);
    expect(JSON.stringify(curtailableQueueRunner.summarize(req, acc))).toBe(JSON.stringify(curtailableQueueRunner.summarize(req, whole)));
  });

  it('1, 2 and 4 Node workers give the same summary', async () => {
    const req = withCurtail('sweden', curtail({ floorMW: 30 }), { trials: 1000 });
    const one = JSON.stringify(run(req));
    expect(JSON.stringify(await runInNodePool('queue', req, { workers: 2 }))).toBe(one);
    expect(JSON.stringify(await runInNodePool('queue', req, { workers: 4 }))).toBe(one);
  }, 60_000);
});

describe('bad input names the field', () => {
  const fields = (r: { ok: boolean; errors?: Array<{ field: string; message: string }> }) => (r.ok ? [] : r.errors!.map((e) => `${e.field}: ${e.message}`));

  it('a floor above the request', () => {
    expect(fields(validateCurtailmentRequest(curtail({ floorMW: 150 }), 100))).toEqual(['curtailment.floorMW: must not be above the request (100 MW), got 150 MW']);
  });

  it('negative hours', () => {
    const f = fields(validateCurtailmentRequest(curtail({ hoursPerYear: { p50: -5, p90: 10 } }), 100));
    expect(f).toEqual(['curtailment.hoursPerYear.p50: must not be negative, got -5 hours per year']);
  });

  it('a share above 1, in a request and in the data file', () => {
    expect(fields(validateCurtailmentRequest(curtail({ postIaShare: 1.5 }), 100))).toEqual(['curtailment.postIaShare: must be a share from 0 to 1, got 1.5']);
    const broken = structuredClone(rulesJson) as { presets: Record<string, { rules: Array<{ postIaShare: number }> }> };
    broken.presets.pjm.rules[0].postIaShare = 1.2;
    const r = loadCurtailmentRules(broken);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].field).toBe('curtailment.json.presets.pjm.rules.0.postIaShare');
  });

  it('the runner refuses a bad request before any trial', () => {
    expect(() => curtailableQueueRunner.runChunk(withCurtail('norway', curtail({ floorMW: 500 }), { trials: 10, projectMW: 200 }), 0, 10)).toThrow(/curtailment\.floorMW/);
  });
});

describe('the rules file', () => {
  it('covers every queue preset, cites a source for every rule, and says where no path is published', () => {
    const doc = rules();
    for (const id of REQUIRED_QUEUE_PRESETS) expect(doc.presets[id], id).toBeDefined();
    for (const p of Object.values(doc.presets)) for (const r of p.rules) expect(r.sources.length).toBeGreaterThan(0);
    for (const id of ['singapore', 'samara']) {
      expect(doc.presets[id].published).toBe(false);
      const none = resolveCurtailment(doc, id, { floorMW: 0, assumePath: false }, '2026-12', 100);
      const assumed = resolveCurtailment(doc, id, { floorMW: 0, assumePath: true }, '2026-12', 100);
      expect(none.ok && none.value.ruleId).toBe(null);
      expect(assumed.ok && assumed.value.assumed).toBe(true);
    }
    const ercot = doc.presets['ercot-large-load'].rules.map((r) => r.id);
    expect(ercot).toEqual(['tx-sb6', 'ercot-pclr']);
  });
});
