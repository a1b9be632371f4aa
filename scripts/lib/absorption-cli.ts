/**
 * `npm run --silent simulate -- --model absorption --preset <id> --trials N --seed S --json`.
 *
 * Runs the preset in-thread by ordered chunks (the same numbers as the app's pool). Shares are
 * fractions 0–1, MW of IT load, months; percentiles beyond a histogram's range print as null.
 */
import { own } from '../../src/sim/param-paths';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Result } from '../../src/sim/contract';
import { runInThread } from '../../src/sim/in-thread';
import { validateAbsorptionRequest } from '../../src/sim/absorption/params';
import { loadAbsorptionPresets } from '../../src/sim/absorption/presets';
import type { AbsorptionSummary } from '../../src/sim/absorption/runner';
import { jsonSafe } from './buy-vs-build-cli';

export interface AbsorptionCliArgs {
  preset: string;
  /** paths */
  trials?: number;
  seed?: number;
  /** the user's building, IT MW (default: the preset's) */
  userMW?: number;
  root?: string;
}

const q = (v: { p10: number; p50: number; p90: number }) => ({ p10: v.p10, p50: v.p50, p90: v.p90 });

export function runAbsorptionCli(args: AbsorptionCliArgs): Result<Record<string, unknown>> {
  const root = args.root ?? process.cwd();
  const loaded = loadAbsorptionPresets(JSON.parse(readFileSync(resolve(root, 'data/absorption.json'), 'utf8')));
  if (!loaded.ok) return { ok: false, errors: loaded.errors.map((e) => ({ ...e, field: `data/absorption.json › ${e.field}` })) };
  const preset = own(loaded.value, args.preset);
  if (!preset) return { ok: false, errors: [{ field: '--preset', message: `no absorption preset "${args.preset}"; known: ${Object.keys(loaded.value).join(', ')}` }] };
  const params = structuredClone(preset.params);
  if (args.userMW !== undefined) params.userBuilding.mw = args.userMW;
  const req = validateAbsorptionRequest({ model: 'absorption', presetId: preset.id, params, trials: args.trials ?? 2000, seed: args.seed ?? 20_240_601 });
  if (!req.ok) return { ok: false, errors: req.errors.map((e) => ({ ...e, field: e.field === 'params.userBuilding.mw' ? '--user-mw' : e.field })) };
  const s = runInThread('absorption', req.value);
  const u = s.userBuilding;
  return {
    ok: true,
    value: jsonSafe({
      model: 'absorption',
      preset: s.presetId,
      trials: s.trials,
      seed: s.seed,
      burnInMonths: s.burnInMonths,
      calibrationWindowMonths: s.calibrationWindowMonths,
      preleasedShareUnderConstruction: q(s.preleasedShareUnderConstruction),
      vacancy: q(s.vacancy),
      netAbsorptionMWPerYear: q(s.netAbsorptionMWPerYear),
      userBuilding: {
        mw: u.mw,
        deliveryMonths: q(u.deliveryMonths),
        preleasedAtDelivery: q(u.preleasedAtDelivery),
        pAtLeastPreleased: Object.fromEntries([50, 80, 95].map((x) => [x, u.pAtLeastPreleased[x]])),
        monthsTo95Leased: q(u.monthsTo95Leased),
        notDeliveredShare: u.notDeliveredShare,
      },
      reading: s.reading,
    }),
  };
}

const pct = (x: unknown) => (typeof x === 'number' ? `${(100 * x).toFixed(1)}%` : 'n/a');

/** A readable table of runAbsorptionCli's result (without --json). */
export function formatAbsorptionCli(o: Record<string, any>): string {
  const row = (name: string, v: any, f: (x: unknown) => string) => `  ${name.padEnd(38)} ${f(v.p10).padStart(8)} ${f(v.p50).padStart(8)} ${f(v.p90).padStart(8)}`;
  const mw = (x: unknown) => (typeof x === 'number' ? x.toFixed(0) : 'n/a');
  return [
    `Absorption — ${o.preset}, ${o.trials} paths, seed ${o.seed} (first ${o.calibrationWindowMonths} months after a ${o.burnInMonths}-month burn-in)`,
    `                                              P10      P50      P90`,
    row('pre-leased share under construction', o.preleasedShareUnderConstruction, pct),
    row('vacancy', o.vacancy, pct),
    row('net absorption, MW/yr', o.netAbsorptionMWPerYear, mw),
    row(`your ${o.userBuilding.mw} MW: pre-leased when powered`, o.userBuilding.preleasedAtDelivery, pct),
    `  ${o.reading}`,
  ].join('\n');
}
