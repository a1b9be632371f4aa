/**
 * Buy-vs-build parameters as editor fields (labels, units, where each default comes from) and the
 * Generated from the parameter object, so a new
 * numeric parameter shows up without touching the UI.
 */
import { provenanceFor, type BuyVsBuildDefaults, type Provenance } from '../sim/buy-vs-build/defaults';
import type { BuyVsBuildParams, SiteFacts } from '../sim/buy-vs-build/params';
import { leafPaths, valueAt } from '../sim/param-paths';
import type { ParamField, ParamGroup } from './ParamEditor.svelte';

/** Fields with their own controls above the editor (the rho slider, the rent beside the delay cost). */
export const OWN_CONTROL_PATHS = ['rho', 'rentUSDPerKWMonth'] as const;

const LABELS: Record<string, string> = {
  horizonMonths: 'horizon',
  'site.gridMW': 'grid connection',
  'site.aiUsableShare': 'share usable for AI',
  'site.pue': 'PUE',
  'site.blockMW': 'IT MW per block (hall)',
  'gpu.leadTime': 'GPU delivery lead time',
  'gpu.exportControlProbability': 'export controls hold GPUs up (probability)',
  'gpu.exportControlDelay': 'export-control delay',
  'buy.close': 'source, diligence, close',
  'buy.utilityConsent': 'utility consent',
  'buy.studyProbability': 'new large-load study required (probability)',
  'buy.studyFreeGridMW': 'grid MW allowed before the study',
  'buy.studyShareOfQueueWait': 'study wait as a share of the queue wait',
  'buy.permits': 'permits (change of use)',
  'buy.equipment': 'medium-voltage gear',
  'buy.firstBlock': 'retrofit of the first block',
  'buy.perExtraBlock': 'each further block',
  'buy.commissioning': 'commissioning',
  'build.siteControl': 'site control',
  'build.permits': 'permits',
  'build.equipment': 'transformers and switchgear',
  'build.construction': 'construction of the first block',
  'build.perExtraBlock': 'each further block',
  'build.commissioning': 'commissioning',
};

const GROUPS: Array<{ title: string; test: (path: string) => boolean }> = [
  { title: 'Site facts', test: (p) => p.startsWith('site.') },
  { title: 'GPUs (time to first compute)', test: (p) => p.startsWith('gpu.') },
  { title: 'Buy a power shell: phases', test: (p) => p.startsWith('buy.') },
  { title: 'Build greenfield: phases', test: (p) => p.startsWith('build.') },
  { title: 'Horizon', test: (p) => p === 'horizonMonths' },
];

function unit(path: string): string {
  if (path === 'site.pue') return 'ratio ≥ 1';
  if (/MW$/.test(path)) return path === 'site.gridMW' || path === 'buy.studyFreeGridMW' ? 'MW grid' : 'MW IT';
  if (/Probability$|Share$|ShareOfQueueWait$/.test(path)) return '0–1';
  return 'months';
}

/** "utility consent · P90" for "buy.utilityConsent.p90". */
export function bvbFieldLabel(path: string): string {
  const pair = /\.(p50|p90)$/.exec(path);
  const base = pair ? path.slice(0, -4) : path;
  const words = Object.hasOwn(LABELS, base) ? LABELS[base] : base;
  return pair ? `${words} · ${pair[1].toUpperCase()}` : words;
}

/**
 * Editor groups for the parameters in force (region defaults with the site's facts). `assumed`
 * names the site facts taken from defaults because the site publishes none.
 */
export function bvbFieldGroups(params: BuyVsBuildParams, defaults: BuyVsBuildDefaults, regionId: string, assumed: ReadonlyArray<keyof SiteFacts>): ParamGroup[] {
  const groups = GROUPS.map((g) => ({ title: g.title, fields: [] as ParamField[] }));
  for (const path of leafPaths(params)) {
    const value = valueAt(params, path);
    if (typeof value !== 'number' || (OWN_CONTROL_PATHS as readonly string[]).includes(path)) continue;
    const i = GROUPS.findIndex((g) => g.test(path));
    if (i < 0) continue;
    const base = path.replace(/\.(p50|p90)$/, '');
    const fact = path.startsWith('site.') ? (path.slice(5) as keyof SiteFacts) : null;
    let source: string | undefined;
    if (fact && !assumed.includes(fact)) source = 'this site (data/sites.geojson)';
    else {
      const prov = provenanceFor(defaults, regionId, base);
      if (prov) source = `${provenanceText(prov)}${prov.note ? ` — ${prov.note}` : ''}${fact ? ' (the site publishes no value)' : ''}`;
    }
    // Derived facts (e.g. a share = usable MW ÷ grid MW) print to 6 significant figures; an untouched field keeps the exact value.
    groups[i].fields.push({ path, label: bvbFieldLabel(path), unit: unit(path), value: Number(value.toPrecision(6)), source });
  }
  return groups.filter((g) => g.fields.length);
}

/** Where a parameter's default comes from, as one line (for the controls outside the editor). */
export function sourceLine(defaults: BuyVsBuildDefaults, regionId: string, path: string): string {
  const prov = provenanceFor(defaults, regionId, path);
  return prov ? provenanceText(prov) : '';
}

/** "ESTIMATE · <source>" for an estimate (just "ESTIMATE" when that is the whole source). */
function provenanceText(prov: Provenance): string {
  return prov.estimate && !/^ESTIMATE\b/.test(prov.source) ? `ESTIMATE · ${prov.source}` : prov.source;
}
