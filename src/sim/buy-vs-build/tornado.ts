/**
 * Tornado chart data (docs/method.md §3): each input pinned at its own P10 and then its P90 in every
 * trial, every other draw as usual from the same seeds, N trials rerun, P50 time to power of each
 * arm read off; bars ranked by the swing. Pinning consumes the same uniforms (kernel.ts), so the
 * bars differ only by the input they move.
 */
import { BuyVsBuildKernel, Input, INPUT_COUNT, newOutcome, type InputId, type TrialOutcome } from './kernel';
import type { BuyVsBuildRequest } from './params';

/** Which time the bars measure. */
export type TornadoOutput = 'firstMW' | 'fullMW' | 'firstCompute';

/** Labels and units of the inputs, by Input id. */
export const INPUT_INFO: Record<InputId, { key: string; label: string; unit: 'months' | 'yes/no' }> = {
  [Input.buyClose]: { key: 'buy.close', label: 'Buy: source, diligence, close', unit: 'months' },
  [Input.buyConsent]: { key: 'buy.utilityConsent', label: 'Buy: utility consent', unit: 'months' },
  [Input.buyPermits]: { key: 'buy.permits', label: 'Buy: permits', unit: 'months' },
  [Input.buyEquipment]: { key: 'buy.equipment', label: 'Buy: medium-voltage gear', unit: 'months' },
  [Input.buyFirstBlock]: { key: 'buy.firstBlock', label: 'Buy: retrofit of first block', unit: 'months' },
  [Input.buyExtraBlock]: { key: 'buy.perExtraBlock', label: 'Buy: each further block', unit: 'months' },
  [Input.buyCommissioning]: { key: 'buy.commissioning', label: 'Buy: commissioning', unit: 'months' },
  [Input.buildSiteControl]: { key: 'build.siteControl', label: 'Build: site control', unit: 'months' },
  [Input.buildPermits]: { key: 'build.permits', label: 'Build: permits', unit: 'months' },
  [Input.buildEquipment]: { key: 'build.equipment', label: 'Build: transformers and switchgear', unit: 'months' },
  [Input.buildConstruction]: { key: 'build.construction', label: 'Build: construction', unit: 'months' },
  [Input.buildExtraBlock]: { key: 'build.perExtraBlock', label: 'Build: each further block', unit: 'months' },
  [Input.buildCommissioning]: { key: 'build.commissioning', label: 'Build: commissioning', unit: 'months' },
  [Input.gpuLead]: { key: 'gpu.leadTime', label: 'GPU delivery lead time', unit: 'months' },
  [Input.exportDelay]: { key: 'gpu.exportControlDelay', label: 'Export-control delay on GPUs', unit: 'months' },
  [Input.queueWait]: { key: 'queueTable', label: 'Queue wait (region queue model)', unit: 'months' },
  [Input.buyStudy]: { key: 'buy.studyProbability', label: 'Buy: new large-load study required', unit: 'yes/no' },
  [Input.exportControl]: { key: 'gpu.exportControlProbability', label: 'Export controls hold GPUs up', unit: 'yes/no' },
};

/** P50 of each arm, months (Infinity = "> horizon"). */
export interface ArmP50 {
  buy: number;
  build: number;
}

export interface TornadoBar {
  input: InputId;
  key: string;
  label: string;
  unit: 'months' | 'yes/no';
  /** the pinned values: the input's P10 and P90 (months, or 0/1 for yes/no inputs) */
  lowValue: number;
  highValue: number;
  /** P50 time of each arm with the input at its P10 / at its P90 */
  atLow: ArmP50;
  atHigh: ArmP50;
  /** max over arms of |P50 at P90 − P50 at P10|, months (Infinity when a P50 crosses the horizon) */
  swing: number;
}

export interface TornadoResult {
  output: TornadoOutput;
  trials: number;
  /** every input drawn as usual */
  base: ArmP50;
  /** sorted by swing, largest first (ties keep input order) */
  bars: TornadoBar[];
}

export function pick(o: TrialOutcome, output: TornadoOutput, arm: 'buy' | 'build'): number {
  if (output === 'firstMW') return arm === 'buy' ? o.buyFirst : o.buildFirst;
  if (output === 'fullMW') return arm === 'buy' ? o.buyFull : o.buildFull;
  return arm === 'buy' ? o.buyCompute : o.buildCompute;
}

/** Whether x comes before y in the order Float64Array.prototype.sort gives: ascending, −0 before +0, NaN last. */
function before(x: number, y: number): boolean {
  if (x < y) return true;
  if (x > y) return false;
  if (x === y) return Object.is(x, -0) && Object.is(y, 0);
  return y !== y && x === x;
}

/**
 * Reorders `a` so that a[k] holds the value a sorted copy has at k, with every value before it
 * coming no later and every value after it no earlier (quickselect with three-way partitions, so
 * runs of equal values, e.g. Infinity for "never", cost nothing extra).
 */
function selectInPlace(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const p = a[(lo + hi) >>> 1];
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const v = a[i];
      if (before(v, p)) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (before(p, v)) {
        a[i] = a[gt];
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return;
  }
}

/**
 * Median of the values (reordered in place); at or beyond the horizon reads as Infinity. The same
 * number as sorting them and reading the middle two, bit for bit, without sorting: the tornado's
 * summary takes 74 medians of 5,000 values on the page's main thread, and sorting them all made a
 * task of ~75 ms.
 */
export function median(values: Float64Array, horizon: number): number {
  const n = values.length;
  const x = (n - 1) / 2;
  const i = Math.floor(x);
  selectInPlace(values, i);
  const a = values[i];
  // The next value in sorted order: the first of the values after i (all come no earlier than a).
  let b = a;
  if (i + 1 < n) {
    b = values[i + 1];
    for (let j = i + 2; j < n; j++) if (before(values[j], b)) b = values[j];
  }
  const m = a + (b - a) * (x - i);
  return m < horizon ? m : Infinity;
}

/** Runs N trials with the kernel's current pins and returns each arm's P50. */
function p50s(k: BuyVsBuildKernel, n: number, output: TornadoOutput, buy: Float64Array, build: Float64Array): ArmP50 {
  const o = newOutcome();
  for (let t = 0; t < n; t++) {
    k.run(t, o);
    buy[t] = pick(o, output, 'buy');
    build[t] = pick(o, output, 'build');
  }
  return { buy: median(buy, k.horizon), build: median(build, k.horizon) };
}

export function swingOf(lo: ArmP50, hi: ArmP50): number {
  const d = (x: number, y: number) => (x === y ? 0 : Math.abs(y - x));
  return Math.max(d(lo.buy, hi.buy), d(lo.build, hi.build));
}

/**
 * The tornado for a validated request. Trials 0 … trials−1 of the request's seed for every bar
 * (default 5,000: P50 to about ±0.3 months for the buy arm; ~18 inputs × 2 × 5,000 trials).
 */
export function tornado(
  req: BuyVsBuildRequest,
  opts: { trials?: number; output?: TornadoOutput; inputs?: readonly InputId[] } = {},
): TornadoResult {
  const n = Math.max(1, Math.floor(opts.trials ?? 5000));
  const output = opts.output ?? 'firstMW';
  const inputs = opts.inputs ?? (Array.from({ length: INPUT_COUNT }, (_, i) => i) as InputId[]);
  const k = new BuyVsBuildKernel(req.params, req.queueTable, req.seed, req.independentDraws === true, req.curtail);
  const buy = new Float64Array(n);
  const build = new Float64Array(n);
  const base = p50s(k, n, output, buy, build);
  const bars: TornadoBar[] = [];
  for (const input of inputs) {
    const lowValue = k.quantileOf(input, 0.1);
    const highValue = k.quantileOf(input, 0.9);
    k.pin(input, lowValue);
    const atLow = p50s(k, n, output, buy, build);
    k.pin(input, highValue);
    const atHigh = p50s(k, n, output, buy, build);
    k.unpin(input);
    const info = INPUT_INFO[input];
    bars.push({ input, key: info.key, label: info.label, unit: info.unit, lowValue, highValue, atLow, atHigh, swing: swingOf(atLow, atHigh) });
  }
  // Array.prototype.sort is stable, so equal swings keep the input order.
  bars.sort((a, b) => (b.swing === a.swing ? 0 : b.swing > a.swing ? 1 : -1));
  return { output, trials: n, base, bars };
}
