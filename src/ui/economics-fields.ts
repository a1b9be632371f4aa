/**
 * Economics parameters as editor fields: label, unit and where each default comes from (a title
 * with its date, the site file, or ESTIMATE), in the groups the panel shows.
 */
import { formatNumber, formatPct, formatUSD } from '../charts';
import type { EconomicsDefaults, EconomicsProvenance } from '../sim/economics/defaults';
import type { EconomicsParams } from '../sim/economics/params';
import type { SiteNotes } from '../sim/economics/prepare';
import type { ParamField, ParamGroup } from './ParamEditor.svelte';

interface FieldInfo {
  label: string;
  unit: string;
}

const INFO: Record<string, FieldInfo> = {
  horizonMonths: { label: 'horizon', unit: 'months' },
  discountRatePerYear: { label: 'discount rate', unit: 'a year, 0.1 = 10%' },
  startMonth: { label: 'decision month', unit: 'YYYY-MM' },
  timeToPowerShiftMonths: { label: 'shift time to power by', unit: 'months, − = earlier' },
  'power.priceUSDPerMWh': { label: 'power price', unit: 'USD/MWh' },
  'power.adderUSDPerMWh': { label: 'charges above that price', unit: 'USD/MWh' },
  'mining.miningMW': { label: 'mining load', unit: 'MW grid' },
  'mining.hashpriceUSDPerPHDay': { label: 'hashprice today', unit: 'USD per PH/s per day' },
  'mining.driftPerYear': { label: 'hashprice median change', unit: 'a year, −0.1 = −10%' },
  'mining.volatilityPerYear': { label: 'hashprice volatility', unit: 'per √year' },
  'mining.halvingMonth': { label: 'next halving', unit: 'YYYY-MM' },
  'mining.halvingFactor': { label: 'hashprice kept at the halving', unit: 'share' },
  'mining.fleetJPerTH': { label: 'fleet efficiency', unit: 'J/TH' },
  'mining.uptime': { label: 'uptime', unit: 'share of hours' },
  'mining.opexUSDPerMWh': { label: 'mining opex besides power', unit: 'USD/MWh' },
  'mining.curtailmentIncomeUSDPerKWMonth': { label: 'curtailment income (optional)', unit: 'USD per kW-month' },
  'lease.rentUSDPerKWMonth': { label: 'lease rent', unit: 'USD per kW-month of IT' },
  'lease.noiMargin': { label: 'NOI margin (tenant pays power)', unit: 'share of rent' },
  'gpu.priceUSDPerHour': { label: 'GPU-hour price today', unit: 'USD per GPU-hour' },
  'gpu.driftPerYear': { label: 'GPU price median change', unit: 'a year' },
  'gpu.volatilityPerYear': { label: 'GPU price volatility', unit: 'per √year' },
  'gpu.utilisation': { label: 'utilisation', unit: 'share of hours sold, 0–1' },
  'gpu.kWPerGPU': { label: 'IT power per GPU', unit: 'kW' },
  'gpu.pue': { label: 'PUE', unit: 'ratio ≥ 1' },
  'gpu.opexShareOfRevenue': { label: 'GPU opex besides power', unit: 'share of revenue' },
  'gpu.capexUSDPerGPU': { label: 'GPU capex', unit: 'USD per GPU' },
  'gpu.lifeMonths': { label: 'GPU life', unit: 'months' },
  'capex.retrofitUSDPerMWIT.low': { label: 'retrofit capex · low', unit: 'USD per MW IT' },
  'capex.retrofitUSDPerMWIT.high': { label: 'retrofit capex · high', unit: 'USD per MW IT' },
  'capex.greenfieldUSDPerMWIT.low': { label: 'greenfield capex · low', unit: 'USD per MW IT' },
  'capex.greenfieldUSDPerMWIT.high': { label: 'greenfield capex · high', unit: 'USD per MW IT' },
};

const GROUPS: Array<{ title: string; test: (path: string) => boolean }> = [
  { title: 'Horizon and money', test: (p) => !p.includes('.') || p.startsWith('power.') },
  { title: '(a) Keep mining', test: (p) => p.startsWith('mining.') },
  { title: '(b) Lease the shell', test: (p) => p.startsWith('lease.') },
  { title: '(c) Run GPUs', test: (p) => p.startsWith('gpu.') },
  { title: 'Conversion capex (drawn between low and high)', test: (p) => p.startsWith('capex.') },
];

export function economicsFieldLabel(path: string): string {
  return INFO[path]?.label ?? path;
}

function valueAt(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((n, k) => (n !== null && typeof n === 'object' ? (n as Record<string, unknown>)[k] : undefined), obj);
}

/** "ESTIMATE — reasoning" or "Title, date" for a default. */
export function provenanceLine(p: EconomicsProvenance | undefined): string {
  if (!p) return 'ESTIMATE';
  if (p.source === 'ESTIMATE') return `ESTIMATE${p.note ? ` — ${p.note}` : ''}`;
  const dated = `${p.source}${p.date ? `, ${p.date}` : ''}`;
  return p.estimate ? `ESTIMATE from ${dated}${p.note ? ` — ${p.note}` : ''}` : `${dated}${p.note ? ` — ${p.note}` : ''}`;
}

/** Editor groups for the parameters in force; `notes` name the site-specific defaults' origin. */
export function economicsFieldGroups(params: EconomicsParams, defaults: EconomicsDefaults, notes: SiteNotes): ParamGroup[] {
  const groups = GROUPS.map((g) => ({ title: g.title, fields: [] as ParamField[] }));
  for (const path of Object.keys(INFO)) {
    const value = valueAt(params, path);
    if (typeof value !== 'number' && typeof value !== 'string') continue;
    const i = GROUPS.findIndex((g) => g.test(path));
    const provPath = path.replace(/\.(low|high)$/, '');
    const source = notes[path] ?? provenanceLine(defaults.provenance[provPath]);
    groups[i].fields.push({ path, label: INFO[path].label, unit: INFO[path].unit, value, source });
  }
  return groups.filter((g) => g.fields.length);
}

/**
 * A tornado input's value with its unit, as the bar ends show it: money with what it is per
 * ("$101.9/kW-month", "$3.6M/MW of IT"), shares and yearly changes as percentages ("65%",
 * "−25% a year"); a bare "$101.9" left the reader to guess per what.
 */
export function tornadoValueText(v: number, unit: string): string {
  if (unit.startsWith('USD')) {
    const money = unit.includes('MW') ? formatUSD(v) : `$${v.toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
    const per = unit.replace(/^USD( per )?/, '').replace(/ per /g, '/');
    return per ? `${money}/${per}` : money;
  }
  if (unit === 'share') return formatPct(v);
  if (unit === 'per year') return `${formatPct(v)} a year`;
  return unit ? `${formatNumber(v)} ${unit}` : formatNumber(v);
}
