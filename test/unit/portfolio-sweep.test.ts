/**
 * Portfolio cells in a sweep spec: a best-set search sharded by trials merges into the same rows,
 * bit for bit, as one process running it (the partial-file path BullMQ and the Kubernetes Job use),
 * and a bad portfolio in a spec is refused naming its field.
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toJson } from '../../scripts/lib/json-out';
import { mergePartials, parsePartial, runShard } from '../../scripts/lib/sweep-partial';
import { planFromSpec, sweepData } from '../../scripts/lib/sweep-plan';
import { runInThread } from '../../src/sim/in-thread';
import { runSweep } from '../../src/sim/sweep/run';
import { planSweep } from '../../src/sim/sweep/spec';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SPEC = {
  trials: 750,
  seed: 11,
  portfolios: [{ name: 'Samara pair', sites: ['intelion-samara', 'megafon-samara'], candidates: ['intelion-samara', 'megafon-samara', 'bitdeer-tydal'], targetMW: 100, by: '2029-06', best: { maxSites: 2, top: 3 } }],
};

describe('portfolio cells in a sweep', () => {
  it('three shards merge into the portfolio row one process gives, bit for bit', async () => {
    const plan = planFromSpec(SPEC, root, 'spec');
    expect(plan.cells).toHaveLength(0);
    expect(plan.portfolioCells).toHaveLength(1);
    const single = await runSweep(plan, async (req) => runInThread('queue', req), { runPortfolio: async (req) => runInThread('portfolio', req) });
    const dir = mkdtempSync(join(tmpdir(), 'portfolio-sweep-'));
    const files: string[] = [];
    for (let index = 0; index < 3; index++) {
      const f = join(dir, `p-${index}.json`);
      writeFileSync(f, JSON.stringify(await runShard(plan, { index, count: 3 }, root)));
      files.push(f);
    }
    const merged = mergePartials(files.map((f) => ({ name: f, partial: parsePartial(readFileSync(f, 'utf8'), f) })), root);
    expect(toJson(merged)).toBe(toJson(single));
    const row = single.portfolios[0];
    expect(row.best?.method).toBe('exact');
    expect(row.best?.evaluated).toBe(6);
    expect(row.pTarget).not.toBeNull();
  }, 300_000);

  it.each([
    ['an unknown site', { sites: ['intelion-samara', 'nowhere'] }, 'portfolios[0].sites[1]'],
    ['a target of 0 MW', { targetMW: 0 }, 'portfolios[0].targetMW'],
    ['a date before the as-of date', { by: '2020-01' }, 'portfolios[0].by'],
    ['a budget above the candidates', { best: { maxSites: 4 } }, 'portfolios[0].best.maxSites'],
  ] as const)('refuses %s, naming the field', (_what, change, field) => {
    const { sites, presets } = sweepData(root);
    const r = planSweep({ ...SPEC, portfolios: [{ ...SPEC.portfolios[0], ...change }] }, sites, presets);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
  });
});
