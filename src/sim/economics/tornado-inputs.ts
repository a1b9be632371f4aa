/**
 * The inputs the economics tornado moves, each to a low and a high value; every other input and
 * every random draw stays as it was (common random numbers), so a bar's length is that input's
 * effect on mean NPV over mining. Ranges are the sourced spans of data/economics.json where there
 * is one (hashprice $38–60, GPU $1.70–4.00, the lease deals, the capex ranges), else ESTIMATE.
 */
import type { EconomicsParams } from './params';

export interface TornadoInput {
  key: string;
  label: string;
  unit: string;
  /** the input's value at the bar's two ends, given the run's parameters */
  ends(p: EconomicsParams, arm: 'buy' | 'build'): [low: number, high: number];
  /** writes value v into a copy of the parameters */
  set(p: EconomicsParams, v: number, arm: 'buy' | 'build'): void;
  /** where the range comes from */
  range: string;
}

const rel = (v: number, lo: number, hi: number): [number, number] => [v * lo, v * hi];

export const TORNADO_INPUTS: readonly TornadoInput[] = [
  {
    key: 'mining.hashpriceUSDPerPHDay', label: 'Hashprice today', unit: 'USD per PH/s per day', range: '$38 (Dec 2025 low) – $60 (Jan 2025)',
    ends: () => [38, 60], set: (p, v) => { p.mining.hashpriceUSDPerPHDay = v; },
  },
  {
    key: 'mining.driftPerYear', label: 'Hashprice median change a year', unit: 'per year', range: 'ESTIMATE −25% … +5%',
    ends: () => [-0.25, 0.05], set: (p, v) => { p.mining.driftPerYear = v; },
  },
  {
    key: 'mining.halvingFactor', label: 'Hashprice kept at the halving', unit: 'share', range: 'ESTIMATE 0.5 … 0.65',
    ends: () => [0.5, 0.65], set: (p, v) => { p.mining.halvingFactor = v; },
  },
  {
    key: 'mining.fleetJPerTH', label: 'Fleet efficiency', unit: 'J/TH', range: '17.5 – 25 J/TH (ESTIMATE, typical ASICs)',
    ends: () => [17.5, 25], set: (p, v) => { p.mining.fleetJPerTH = v; },
  },
  {
    key: 'power.priceUSDPerMWh', label: 'Power price', unit: 'USD per MWh', range: 'ESTIMATE ½× … 2× the site price',
    ends: (p) => rel(p.power.priceUSDPerMWh, 0.5, 2), set: (p, v) => { p.power.priceUSDPerMWh = v; },
  },
  {
    key: 'lease.rentUSDPerKWMonth', label: 'Lease rent', unit: 'USD per kW-month', range: 'deals: Cipher–AWS $101.9 … Hut 8 $158.7',
    ends: () => [101.9, 158.7], set: (p, v) => { p.lease.rentUSDPerKWMonth = v; },
  },
  {
    key: 'gpu.priceUSDPerHour', label: 'GPU-hour price today', unit: 'USD per GPU-hour', range: '$1.70 (Oct 2025 low) – $4.00 (the 25× case)',
    ends: () => [1.7, 4], set: (p, v) => { p.gpu.priceUSDPerHour = v; },
  },
  {
    key: 'gpu.driftPerYear', label: 'GPU-hour price median change a year', unit: 'per year', range: 'ESTIMATE −30% … 0%',
    ends: () => [-0.3, 0], set: (p, v) => { p.gpu.driftPerYear = v; },
  },
  {
    key: 'gpu.utilisation', label: 'GPU utilisation', unit: 'share', range: 'ESTIMATE 0.6 … 0.95',
    ends: () => [0.6, 0.95], set: (p, v) => { p.gpu.utilisation = v; },
  },
  {
    key: 'gpu.capexUSDPerGPU', label: 'GPU capex', unit: 'USD per GPU', range: 'ESTIMATE ±25%',
    ends: (p) => rel(p.gpu.capexUSDPerGPU, 0.75, 1.25), set: (p, v) => { p.gpu.capexUSDPerGPU = v; },
  },
  {
    key: 'gpu.pue', label: 'PUE', unit: '', range: '1.1 (Nordic) – 1.56 (industry average 2024)',
    ends: () => [1.1, 1.56], set: (p, v) => { p.gpu.pue = v; },
  },
  {
    key: 'capex', label: 'Facility capex', unit: 'USD per MW of IT', range: 'the low and high ends of the capex range',
    ends: (p, arm) => {
      const r = arm === 'buy' ? p.capex.retrofitUSDPerMWIT : p.capex.greenfieldUSDPerMWIT;
      return [r.low, r.high];
    },
    set: (p, v, arm) => {
      const r = arm === 'buy' ? p.capex.retrofitUSDPerMWIT : p.capex.greenfieldUSDPerMWIT;
      r.low = v;
      r.high = v;
    },
  },
  {
    key: 'discountRatePerYear', label: 'Discount rate', unit: 'per year', range: 'ESTIMATE 8% … 15%',
    ends: () => [0.08, 0.15], set: (p, v) => { p.discountRatePerYear = v; },
  },
  {
    key: 'timeToPowerShiftMonths', label: 'Time to power', unit: 'months', range: '6 months earlier … 6 months later than drawn',
    ends: (p) => [p.timeToPowerShiftMonths - 6, p.timeToPowerShiftMonths + 6], set: (p, v) => { p.timeToPowerShiftMonths = v; },
  },
];

/** The parameters of every bar end, in TORNADO_INPUTS order: [input 0 low, input 0 high, input 1 low, …]. */
export function tornadoVariants(p: EconomicsParams, arm: 'buy' | 'build'): Array<{ params: EconomicsParams; value: number }> {
  const out: Array<{ params: EconomicsParams; value: number }> = [];
  for (const input of TORNADO_INPUTS) {
    for (const value of input.ends(p, arm)) {
      const copy = structuredClone(p);
      input.set(copy, value, arm);
      out.push({ params: copy, value });
    }
  }
  return out;
}
