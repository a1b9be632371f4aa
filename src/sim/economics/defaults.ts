/**
 * The economics defaults file (data/economics.json): base parameters, the provenance of each
 * (title, URL, date, or ESTIMATE), lease presets from the deals, and power-price conversions.
 * Takes the parsed JSON (no fs in src/sim): the app imports it, the CLI reads it.
 */
import type { FieldError, Result } from '../contract';
import { fieldPaths } from '../buy-vs-build/defaults';
import { showValue } from '../validate-common';
import { validateEconomicsParams, type EconomicsParams } from './params';

/** Where one default comes from. `estimate` = judgement or arithmetic made for this model. */
export interface EconomicsProvenance {
  source: string;
  url?: string;
  date?: string;
  estimate: boolean;
  note?: string;
}

/** A lease deal: rent = contract value ÷ (MW × term). */
export interface LeasePreset {
  id: string;
  label: string;
  contractUSD: number;
  termYears: number;
  itMW: number;
  source: string;
  url: string;
  date: string;
}

export interface EconomicsDefaults {
  description: string;
  structure: string;
  params: EconomicsParams;
  provenance: Record<string, EconomicsProvenance>;
  leasePresets: LeasePreset[];
  /** site power-price unit → USD/MWh factor */
  powerPriceToUSD: Map<string, { factor: number; source: string }>;
  /** queue preset id → fallback power price when a site has none */
  presetPowerPrice: Map<string, { value: number; source: string }>;
}

/** Rent of a lease preset, USD per kW-month. */
export function leaseRentUSDPerKWMonth(d: Pick<LeasePreset, 'contractUSD' | 'termYears' | 'itMW'>): number {
  return d.contractUSD / (d.itMW * 1000 * d.termYears * 12);
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isRange = (v: unknown): boolean => isObj(v) && Object.keys(v).sort().join() === 'high,low';

/** Dotted field paths of the parameters; a {low, high} range is one field. */
function paramPaths(p: EconomicsParams): string[] {
  const out: string[] = [];
  const walk = (o: unknown, prefix: string) => {
    if (!isObj(o) || isRange(o)) out.push(prefix);
    else for (const k of Object.keys(o)) walk(o[k], prefix ? `${prefix}.${k}` : k);
  };
  walk(p, '');
  return out;
}

function readMap<T>(errors: FieldError[], where: string, v: unknown, check: (x: Obj) => boolean, what: string): Map<string, T> {
  const out = new Map<string, T>();
  if (!isObj(v)) {
    errors.push({ field: where, message: `must be a group of entries, got ${showValue(v)}` });
    return out;
  }
  for (const [k, x] of Object.entries(v)) {
    if (isObj(x) && check(x)) out.set(k, x as T);
    else errors.push({ field: `${where}.${k}`, message: `needs ${what}` });
  }
  return out;
}

/** Validates the defaults file: parameters, provenance of every field, presets and conversions. */
export function loadEconomicsDefaults(json: unknown): Result<EconomicsDefaults> {
  if (!isObj(json)) return { ok: false, errors: [{ field: '(file)', message: `must be a JSON object, got ${showValue(json)}` }] };
  const errors: FieldError[] = [];
  const base = validateEconomicsParams(json.params, 'params');
  if (!base.ok) errors.push(...base.errors);
  const prov = isObj(json.provenance) ? json.provenance : {};
  if (base.ok) {
    for (const path of paramPaths(base.value)) {
      const p = prov[path];
      if (!isObj(p) || typeof p.source !== 'string' || !p.source || typeof p.estimate !== 'boolean') {
        errors.push({ field: `provenance.${path}`, message: 'needs {source, estimate}: a title (with url and date) or ESTIMATE with its reasoning' });
      } else if (!p.estimate && (typeof p.url !== 'string' || typeof p.date !== 'string')) {
        errors.push({ field: `provenance.${path}`, message: 'a sourced default needs its url and date' });
      }
    }
  }
  const presets: LeasePreset[] = [];
  if (!Array.isArray(json.leasePresets)) errors.push({ field: 'leasePresets', message: `must be a list, got ${showValue(json.leasePresets)}` });
  else {
    json.leasePresets.forEach((x: unknown, i: number) => {
      const ok = isObj(x) && typeof x.id === 'string' && typeof x.label === 'string' && typeof x.source === 'string' &&
        [x.contractUSD, x.termYears, x.itMW].every((n) => typeof n === 'number' && n > 0);
      if (ok) presets.push(x as unknown as LeasePreset);
      else errors.push({ field: `leasePresets.${i}`, message: 'needs id, label, source and positive contractUSD, termYears, itMW' });
    });
  }
  const pos = (x: Obj, k: string) => typeof x[k] === 'number' && (x[k] as number) > 0 && typeof x.source === 'string';
  const toUSD = readMap<{ factor: number; source: string }>(errors, 'powerPriceToUSD', json.powerPriceToUSD, (x) => pos(x, 'factor'), '{factor > 0, source}');
  const fallback = readMap<{ value: number; source: string }>(errors, 'presetPowerPriceUSDPerMWh', json.presetPowerPriceUSDPerMWh, (x) => pos(x, 'value'), '{value > 0, source}');
  if (errors.length || !base.ok) return { ok: false, errors };
  return {
    ok: true,
    value: {
      description: String(json.description ?? ''),
      structure: String(json.structure ?? ''),
      params: base.value,
      provenance: prov as Record<string, EconomicsProvenance>,
      leasePresets: presets,
      powerPriceToUSD: toUSD,
      presetPowerPrice: fallback,
    },
  };
}

/** Every editable field path of the parameters (a {low, high} range counts as two). */
export function economicsFieldPaths(p: EconomicsParams): string[] {
  return fieldPaths(p);
}
