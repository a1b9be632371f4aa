/** Sweep specs (issue 12): the grid's cells, their seeds, and refusals that name the field. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sweepData } from '../../scripts/lib/sweep-plan';
import { cellSeed } from '../../src/sim/sweep/cell-seed';
import { planSweep } from '../../src/sim/sweep/spec';
import { buildQueueRequest, projectMWForSite } from '../../src/sim/requests';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { sites, presets } = sweepData(root);
const plan = (spec: unknown) => planSweep(spec, sites, presets);
const fields = (spec: unknown) => {
  const r = plan(spec);
  return r.ok ? 'ok' : r.errors.map((e) => `${e.field}: ${e.message}`).join('\n');
};

describe('sweep spec', () => {
  it('makes one cell per site × preset × forward path × parameter value, with the app’s request', () => {
    const r = plan({ sites: ['riot-rockdale', 'bitdeer-tydal'], presets: ['site', 'finland'], parameters: { 'phases.constr.p50': [10, 14], 'headroom.rule': ['fifo', 'first-fit'] }, trials: 500, seed: 3 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.value.cells).toHaveLength(2 * 2 * 1 * 2 * 2);
    const c = r.value.cells.find((x) => x.key === 'riot-rockdale|finland|flat|headroom.rule=first-fit|phases.constr.p50=14');
    expect(c).toBeDefined();
    const site = sites.find((s) => s.id === 'riot-rockdale')!;
    const direct = buildQueueRequest({ doc: presets.finland, overrides: { 'phases.constr.p50': 14, 'headroom.rule': 'first-fit' }, projectMW: projectMWForSite(site), trials: 500, seed: cellSeed(3, c!.key) });
    expect(direct.ok && c!.request).toEqual(direct.ok && direct.value);
    expect(c!.request.params.phases.constr.p50).toBe(14);
  });

  it('forward paths: a trend cell runs the preset’s stated path, a flat cell its as-of values; a preset with no trend refuses it by cell', () => {
    const r = plan({ sites: ['riot-rockdale'], presets: ['ercot-large-load'], forwardPaths: ['flat', 'trend'], trials: 10, seed: 3 });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const [flat, trend] = ['flat', 'trend'].map((f) => r.value.cells.find((c) => c.forwardPath === f)!);
    const last = (c: typeof flat) => c.request.params.schedules!.arrivalsPerYear!.points.at(-1)!;
    expect(last(trend).date > last(flat).date).toBe(true);
    expect(last(trend).value).not.toBe(last(flat).value);
    expect(fields({ sites: ['riot-rockdale'], presets: ['pjm'], forwardPaths: ['trend'] })).toMatch(/^forwardPaths \(cell riot-rockdale\|pjm\|trend\)/);
  });

  it('seeds a cell from (seed, key) alone: the same cell keeps its seed in another grid', () => {
    const a = plan({ sites: ['riot-rockdale'], seed: 5, trials: 10 });
    const b = plan({ sites: ['iren-childress', 'riot-rockdale'], presets: ['site', 'pjm'], seed: 5, trials: 10 });
    if (!a.ok || !b.ok) throw new Error('plans failed');
    const inB = b.value.cells.find((c) => c.key === a.value.cells[0].key)!;
    expect(inB.request.seed).toBe(a.value.cells[0].request.seed);
    expect(new Set(b.value.cells.map((c) => c.request.seed)).size).toBe(b.value.cells.length);
    expect(cellSeed(6, a.value.cells[0].key)).not.toBe(a.value.cells[0].request.seed);
  });

  it('names the field of an empty grid, an unknown site, an unknown preset and a bad parameter value', () => {
    expect(fields({ sites: [] })).toMatch(/^sites: must list at least one site/);
    expect(fields({ sites: ['riot-rockdale'], parameters: { 'phases.constr.p50': [] } })).toMatch(/^parameters\.phases\.constr\.p50: must list at least one value/);
    expect(fields({ sites: ['riot-rockdale', 'atlantis'] })).toMatch(/^sites\[1\]: no site "atlantis"/);
    expect(fields({ sites: ['riot-rockdale'], presets: ['pjm', 'mars'] })).toMatch(/^presets\[1\]: no queue preset "mars"/);
    expect(fields({ sites: ['riot-rockdale'], forwardPaths: ['flat', 'boom'] })).toMatch(/^forwardPaths\[1\]: must be one of "flat"/);
    expect(fields({ sites: ['riot-rockdale'], parameters: { 'phases.nope': [1] } })).toMatch(/^parameters\.phases\.nope: no parameter/);
    expect(fields({ sites: ['riot-rockdale'], trials: 0 })).toMatch(/^trials:/);
    expect(fields({ sites: ['riot-rockdale'], colour: 'red' })).toMatch(/^colour: is not a known field/);
  });

  it('refuses more than 10,000 cells, naming the grid’s dimensions', () => {
    const values = Array.from({ length: 5001 }, (_, i) => 1 + i / 1000);
    expect(fields({ sites: ['riot-rockdale', 'iren-childress'], parameters: { 'phases.constr.p50': values } })).toMatch(/^sites × presets × forwardPaths × parameters: 2 × 1 × 1 × 5001 = 10,002 cells; at most 10,000/);
    // exactly 10,000 passes the limit (and is then checked cell by cell: here the unknown site)
    expect(fields({ sites: ['riot-rockdale', 'atlantis'], parameters: { 'phases.constr.p50': values.slice(0, 5000) } })).toMatch(/^sites\[1\]: no site "atlantis"/);
  });
});
