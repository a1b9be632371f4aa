/**
 * `npm run --silent calibrate -- --preset <id> [--write] [--json]`: refits a queue preset's fitted
 * parameters to the published figures they are fitted to (the preset's backtest rows in
 * data/backtests.json, which cite their sources, plus any target on the user's time to power) and
 * prints every residual. Seeded, so the same data give the same fit on any machine.
 *
 * The search is Nelder–Mead on the parameters mapped to [0, 1] (log scale where a parameter is a
 * rate), minimising Σ (residual ÷ tolerance)². `--write` stores the fitted values in
 * data/regions.json; without it the script only reports, so it doubles as a check that the shipped
 * numbers are the fitted ones (compare "shipped" with "fitted").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadBacktests, runBacktestRows, type BacktestRowSpec } from '../src/sim/queue/backtest';
import type { QueueParams } from '../src/sim/queue/params';
import { loadQueuePresets, type QueuePresetDoc } from '../src/sim/queue/presets';
import { queueRunner } from '../src/sim/queue/runner';
import { CliArgs, CliError } from './lib/cli-args';

interface FitParam {
  path: string;
  lo: number;
  hi: number;
  log?: boolean;
}

interface FitSpec {
  params: FitParam[];
  /** backtest row ids whose residuals enter the fit */
  rows: string[];
  /** months to power of a request of `mw` MW: P50 target and tolerance (relative) */
  user?: { mw: number; p50: number; rel: number; source: string };
  trials: { rows: number; user: number };
}

/** What each preset fits, and to what (sources are on the backtest rows and in the provenance). */
const FITS: Record<string, FitSpec> = {
  'us-lbnl': {
    params: [
      { path: 'withdrawal.feas', lo: 0.1, hi: 3, log: true },
      { path: 'withdrawal.sis', lo: 0.1, hi: 3, log: true },
      { path: 'withdrawal.fs', lo: 0.05, hi: 3, log: true },
      { path: 'withdrawal.postIa', lo: 0.02, hi: 2, log: true },
      { path: 'withdrawal.steadyShare', lo: 0.05, hi: 0.9 },
      { path: 'withdrawal.steadyFactor', lo: 0.02, hi: 0.9, log: true },
      { path: 'withdrawal.sizeElasticity', lo: -0.5, hi: 1.5 },
    ],
    rows: [
      'us-stock-2024',
      'us-withdrawn-2024',
      'us-completion-projects',
      'us-completion-mw',
      'us-withdrawn-feas',
      'us-withdrawn-sis',
      'us-withdrawn-fs',
      'us-withdrawn-post-ia',
      'us-request-to-operation-p50',
      'us-request-to-operation-p90',
    ],
    trials: { rows: 3, user: 0 },
  },
  'ercot-large-load': {
    params: [
      { path: 'withdrawal.feas', lo: 0.005, hi: 2, log: true },
      { path: 'withdrawal.sis', lo: 0.01, hi: 2, log: true },
      { path: 'withdrawal.sizeElasticity', lo: -0.5, hi: 1.5 },
      { path: 'phases.constr.p50', lo: 12, hi: 48 },
    ],
    // Fitted to stock and flow together: the queue's size and the MW approved to energize. The user's
    // time to power is not a target: it follows from the mechanisms (headroom, build, ramp).
    rows: ['ercot-stock-2025-08', 'ercot-stock-2025-12', 'ercot-approved-2025-08', 'ercot-stock-2026-03', 'ercot-energized-2026-03', 'ercot-energized-12mo-2026-05', 'ercot-operating-2026-03'],
    trials: { rows: 60, user: 0 },
  },
  pjm: {
    params: [{ path: 'withdrawal.sis', lo: 0.05, hi: 2, log: true }],
    rows: ['pjm-tc1-dp1'],
    trials: { rows: 200, user: 0 },
  },
};

const TOL: Record<string, number> = { stock: 0.1, flow: 0.2, share: 0.03, duration: 0.15 };

function getPath(p: QueueParams, path: string): number {
  return path.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], p) as number;
}
function setPath(p: QueueParams, path: string, v: number): void {
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], p) as Record<string, number>;
  parent[keys[keys.length - 1]] = v;
}

const toUnit = (f: FitParam, v: number) => (f.log ? Math.log(v / f.lo) / Math.log(f.hi / f.lo) : (v - f.lo) / (f.hi - f.lo));
const fromUnit = (f: FitParam, x: number) => {
  const c = Math.min(1, Math.max(0, x));
  return f.log ? f.lo * Math.pow(f.hi / f.lo, c) : f.lo + c * (f.hi - f.lo);
};

interface Residual {
  id: string;
  published: number;
  simulated: number;
  /** residual ÷ tolerance */
  z: number;
}

function evaluate(doc: QueuePresetDoc, spec: FitSpec, rows: BacktestRowSpec[], base: QueueParams, seed: number): Residual[] {
  const d = { ...doc, baseParams: base, params: base };
  const out: Residual[] = [];
  const mine = rows.filter((r) => spec.rows.includes(r.id));
  runBacktestRows(mine, () => d, seed, spec.trials.rows).forEach((r, k) => {
    const row = mine[k];
    if (!r.ok) throw new Error(`${row.id}: ${JSON.stringify(r.errors)}`);
    const sim = r.value.simulated.p50;
    const tol = TOL[row.tolerance];
    const z = row.tolerance === 'share' ? (sim - row.published) / tol : (sim / row.published - 1) / tol;
    // A row also needs the published value inside the simulated P10–P90: outside it, the distance to
    // the band counts too (in the same tolerance units).
    const { p10, p90 } = r.value.simulated;
    const gap = row.published < p10 ? p10 - row.published : row.published > p90 ? row.published - p90 : 0;
    const band = row.tolerance === 'share' ? gap / tol : gap / row.published / tol;
    out.push({ id: row.id, published: row.published, simulated: sim, z: Math.sign(z || 1) * Math.hypot(z, band) });
  });
  if (spec.user) {
    const req = { model: 'queue' as const, presetId: doc.id, params: base, projectMW: spec.user.mw, trials: spec.trials.user, seed };
    const s = queueRunner.summarize(req, queueRunner.runChunk(req, 0, spec.trials.user));
    out.push({ id: `user ${spec.user.mw} MW P50 months`, published: spec.user.p50, simulated: s.timeToPower.p50, z: (s.timeToPower.p50 / spec.user.p50 - 1) / spec.user.rel });
  }
  return out;
}

const loss = (rs: Residual[]) => rs.reduce((a, r) => a + (Number.isFinite(r.z) ? r.z * r.z : 1e6), 0);

/** Nelder–Mead (Lagarias et al. 1998 coefficients) on the unit cube. */
function nelderMead(f: (x: number[]) => number, x0: number[], iters: number, step = 0.15): number[] {
  const n = x0.length;
  let pts = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? Math.min(1, Math.max(0, v + (v > 0.5 ? -step : step))) : v)))];
  let vals = pts.map(f);
  for (let it = 0; it < iters; it++) {
    const order = vals.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
    pts = order.map(([, i]) => pts[i]);
    vals = order.map(([v]) => v);
    const c = Array.from({ length: n }, (_, j) => pts.slice(0, n).reduce((a, p) => a + p[j], 0) / n);
    const at = (k: number) => c.map((cj, j) => cj + k * (pts[n][j] - cj));
    const xr = at(-1);
    const fr = f(xr);
    if (fr < vals[0]) {
      const xe = at(-2);
      const fe = f(xe);
      [pts[n], vals[n]] = fe < fr ? [xe, fe] : [xr, fr];
    } else if (fr < vals[n - 1]) [pts[n], vals[n]] = [xr, fr];
    else {
      const xc = at(fr < vals[n] ? -0.5 : 0.5);
      const fc = f(xc);
      if (fc < Math.min(fr, vals[n])) [pts[n], vals[n]] = [xc, fc];
      else {
        for (let k = 1; k <= n; k++) {
          pts[k] = pts[k].map((v, j) => pts[0][j] + 0.5 * (v - pts[0][j]));
          vals[k] = f(pts[k]);
        }
      }
    }
  }
  return pts[vals.indexOf(Math.min(...vals))];
}

async function main(): Promise<void> {
  const args = new CliArgs(process.argv.slice(2));
  const id = args.string('--preset');
  const write = args.bool('--write');
  const json = args.bool('--json');
  const iters = args.number('--iterations', { min: 0, max: 1000, whole: true, fallback: 40 });
  const seed = args.number('--seed', { min: 0, max: 2 ** 32 - 1, whole: true, fallback: 20261201 });
  args.rejectUnknown();
  const root = resolve(new URL('..', import.meta.url).pathname);
  const regionsPath = resolve(root, 'data/regions.json');
  const regions = JSON.parse(readFileSync(regionsPath, 'utf8'));
  const { presets } = loadQueuePresets(regions);
  if (!id || !Object.hasOwn(FITS, id)) throw new CliError('--preset', `give a preset with fitted parameters: ${Object.keys(FITS).join(', ')}`);
  const doc = presets[id];
  const spec = FITS[id];
  const rows = loadBacktests(JSON.parse(readFileSync(resolve(root, 'data/backtests.json'), 'utf8')));
  if (!rows.ok) throw new Error(`data/backtests.json: ${JSON.stringify(rows.errors)}`);

  const shipped = spec.params.map((f) => getPath(doc.baseParams, f.path));
  const withValues = (vals: number[]) => {
    const p = structuredClone(doc.baseParams);
    spec.params.forEach((f, k) => setPath(p, f.path, vals[k]));
    return p;
  };
  const before = evaluate(doc, spec, rows.value, doc.baseParams, seed);
  let fitted = shipped;
  if (iters > 0) {
    const objective = (x: number[]) => loss(evaluate(doc, spec, rows.value, withValues(x.map((v, k) => fromUnit(spec.params[k], v))), seed));
    const best = nelderMead(objective, shipped.map((v, k) => toUnit(spec.params[k], v)), iters);
    fitted = best.map((x, k) => Number(fromUnit(spec.params[k], x).toPrecision(3)));
  }
  const after = evaluate(doc, spec, rows.value, withValues(fitted), seed);
  if (write) {
    const raw = regions.queuePresets[id];
    spec.params.forEach((f, k) => setPath(raw.params, f.path, fitted[k]));
    writeFileSync(regionsPath, `${JSON.stringify(regions, null, 2)}\n`);
  }
  const report = {
    preset: id,
    seed,
    iterations: iters,
    params: spec.params.map((f, k) => ({ path: f.path, shipped: shipped[k], fitted: fitted[k] })),
    residuals: after.map((r, k) => ({ ...r, shippedSimulated: before[k].simulated, shippedZ: before[k].z })),
    loss: { shipped: loss(before), fitted: loss(after) },
    written: write,
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  console.log(`Calibration of ${id} (seed ${seed}, ${iters} Nelder–Mead iterations)`);
  for (const p of report.params) console.log(`  ${p.path.padEnd(28)} shipped ${String(p.shipped).padEnd(10)} fitted ${p.fitted}`);
  console.log('  residuals (simulated P50 − published, ÷ tolerance):');
  for (const r of report.residuals) console.log(`  ${r.id.padEnd(32)} published ${r.published.toPrecision(4).padEnd(10)} fitted ${r.simulated.toPrecision(4).padEnd(10)} z ${r.z.toFixed(2).padStart(6)}   (shipped ${r.shippedSimulated.toPrecision(4)}, z ${r.shippedZ.toFixed(2)})`);
  console.log(`  loss Σz²: shipped ${report.loss.shipped.toFixed(2)}, fitted ${report.loss.fitted.toFixed(2)}${write ? ' (written to data/regions.json)' : ''}`);
}

main().catch((e) => {
  if (e instanceof CliError) {
    console.error(`calibrate: ${e.flag}: ${e.message}`);
    process.exit(2);
  }
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
