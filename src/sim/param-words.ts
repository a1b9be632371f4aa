/**
 * Words for the models' parameter names and paths ("arrivals.ratePerYear" → "New requests: arrival
 * rate"): the editor's labels and the source notes that quote a path read the same.
 */
import { forwardCellName } from './queue/forward';

const GROUP_TITLES: Record<string, string> = {
  horizonMonths: 'Horizon',
  template: 'Process',
  phases: 'Study and construction phases',
  fastLane: 'Fast lane for other requests',
  withdrawal: 'Withdrawal hazards',
  study: 'Study capacity and congestion',
  headroom: 'Grid headroom and network upgrades',
  arrivals: 'New requests',
  backlog: 'Queue today',
  cluster: 'Cluster process (FERC Order 2023 style)',
  allocation: 'Allocation rounds (Singapore DC-CFA style)',
  forward: 'Forward path',
};

const WORDS: Record<string, string> = {
  feas: 'feasibility',
  sis: 'system impact study',
  fs: 'facilities study',
  constr: 'IA → energized',
  postIa: 'after IA',
  p50: 'P50',
  p90: 'P90',
  initialMW: 'spare capacity today',
  upgradeMW: 'MW per upgrade',
  upgradeLead: 'upgrade lead time',
  maxConcurrentUpgrades: 'upgrades at once',
  upgradesUnderWay: 'upgrades under way today',
  reserveAtAgreement: 'capacity reserved at the agreement',
  ratePerYear: 'arrival rate',
  sizeMW: 'request size',
  count: 'requests in queue',
  horizonMonths: 'horizon',
  kappa: 'congestion kappa',
  capacity: 'studies at once',
  gpu: 'GPU',
  rho: 'correlation of buy and build (ρ)',
  rows: '',
  paceP90: 'pace of the slowest tenth of requests',
  constrSizeElasticity: 'construction time by size (elasticity)',
  // the scenario's own fields, as an imported or saved scenario's problems name them
  customSites: 'your sites',
  userLayers: 'your map layers',
  selectedSiteIds: 'selected sites',
  regionFilter: 'region filter',
  queueOverrides: 'Grid queue settings',
  buyVsBuildOverrides: 'Buy vs build settings',
  buyVsBuildSiteOverrides: 'Buy vs build settings for a site',
  gridAccessOverrides: 'grid access settings',
  projectMWBySite: 'project size (MW) by site',
  queueForward: 'forward path',
  queueFile: 'your queue file',
  presetBySite: 'queue model by site',
  deliveredBySite: 'delivery by site',
  dataHash: 'data fingerprint',
  engineVersion: 'engine version',
  exportedAt: 'export date',
  lat: 'latitude',
  lon: 'longitude',
  uiRegion: 'region',
  queuePreset: 'queue model',
  gridMW: 'grid connection (MW)',
  aiUsableMW: 'usable for AI (MW)',
  pue: 'PUE',
};

/** What one item of a list is called in words ("customSites[2]" → "site 3"); other lists have rows. */
const ITEM_WORDS: Record<string, string> = {
  customSites: 'site',
  userLayers: 'layer',
  selectedSiteIds: 'selected site',
  regionFilter: 'region',
};

/** A parameter's label within its group: "phases.constr.p50" → "IA → energized · P50". */
export function paramLabel(path: string): string {
  return paramWords(path.split('.').slice(path.includes('.') ? 1 : 0).join('.'));
}

/** "headroomMWPerYear" → "headroom MW per year": units in capitals stay. */
function splitCamel(w: string): string {
  return w
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(' ')
    .map((x) => (/^[A-Z][a-z]/.test(x) ? x.toLowerCase() : x))
    .join(' ');
}

/** Words for a parameter path or name: "ratePerYear" → "arrival rate", "stock.heldMW" → "stock · held MW". */
export function paramWords(path: string): string {
  return path
    .split('.')
    .map((w) => (Object.hasOwn(WORDS, w) ? WORDS[w] : splitCamel(w)))
    .join(' · ');
}

/** The title of a parameter group ("arrivals" → "New requests"). */
export function queueGroupTitle(top: string): string {
  return Object.hasOwn(GROUP_TITLES, top) ? GROUP_TITLES[top] : paramWords(top);
}


/** Leading segments that say where a value lives, not what it is: the panel already says which model. */
const CONTAINERS = new Set(['params', 'settings', 'scenario', 'overrides', 'queueOverrides', 'economics', 'bvb', 'leasing', 'portfolio', 'absorption', 'queue']);

/**
 * A field path in words for an error a person reads: "economics.gpu.utilisation" → "Gpu · utilisation",
 * "forward.rows.2.year" → "Forward path, row 3, Year (from 1 January)", "queue.us-lbnl.phases.fs.p50" with the
 * preset's name → "US generation queues · Study and construction phases · facilities study · P50".
 * `names` turns an id segment (a preset, a site) into its display name.
 */
export function fieldWords(field: string, names?: (segment: string) => string | undefined): string {
  // A cell of the forward table reads as the table itself names it.
  const cell = forwardCellName(field.replace(/^(?:queueForward\.[^.]+\.)?/, ''));
  if (cell !== null) return `Forward path, ${cell[0].toLowerCase()}${cell.slice(1)}`;
  const out: string[] = [];
  const re = /\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]|([^.[\]]+)/g;
  let leading = true;
  let group = true;
  let previous = '';
  for (let m = re.exec(field); m !== null; m = re.exec(field)) {
    if (m[1] !== undefined || (m[3] !== undefined && /^\d+$/.test(m[3]))) {
      const item = Object.hasOwn(ITEM_WORDS, previous) ? ITEM_WORDS[previous] : 'row';
      out.push(`${item} ${Number(m[1] ?? m[3]) + 1}`);
      leading = false;
      continue;
    }
    if (m[2] !== undefined) {
      out.push(fieldWords(m[2], names));
      leading = false;
      continue;
    }
    const seg = m[3];
    previous = seg;
    if (leading && CONTAINERS.has(seg)) continue;
    leading = false;
    const named = names?.(seg);
    if (named !== undefined) {
      out.push(named);
      group = true;
      continue;
    }
    const word = group && Object.hasOwn(GROUP_TITLES, seg) ? GROUP_TITLES[seg] : Object.hasOwn(WORDS, seg) ? WORDS[seg] : splitCamel(seg);
    if (word) out.push(word);
    group = false;
  }
  const text = out.join(' · ');
  return text ? text[0].toUpperCase() + text.slice(1) : 'This input';
}

/** Dotted parameter paths quoted inside a message ("must be below phases.sis.p90") put into words. */
function messageWords(message: string, names?: (segment: string) => string | undefined): string {
  return message
    .replace(/(?<![\w/.-])([a-z][A-Za-z0-9]*)((?:\.[A-Za-z0-9_]+)+)\b/g, (m: string) => (FILE_NAME.test(m) ? m : fieldWords(m, names)))
    .replace(/\b[a-z]+[A-Z][A-Za-z0-9]*\b/g, (w: string) => (Object.hasOwn(WORDS, w) ? WORDS[w] : splitCamel(w)));
}

/** A file name quoted in a message ("regions.json") stays as it is. */
const FILE_NAME = /\.(json|geojson|csv|xlsx|md|txt|png|pdf)$/i;

/** "What: why" lines for people (the CLI keeps the field paths: contract.ts errorLines). */
export function problemLines(errors: ReadonlyArray<{ field: string; message: string }>, names?: (segment: string) => string | undefined): string[] {
  return errors.map((e) => (e.field ? `${fieldWords(e.field, names)}: ${messageWords(e.message, names)}` : messageWords(e.message, names)));
}

/**
 * Problems with a scenario read from a file or a saved copy, for the person who opened it: the
 * file's name, which the message around these lines already states, is taken off each field, and
 * the rest is put into words ("my.json: scenario.customSites[2].lat" → "Your sites · site 3 · latitude").
 */
export function scenarioProblemLines(errors: ReadonlyArray<{ field: string; message: string }>, source: string, names?: (segment: string) => string | undefined): string[] {
  const strip = (field: string): string => {
    if (field === source) return '';
    for (const after of [': ', '.', ' ']) if (field.startsWith(source + after)) return field.slice(source.length + after.length);
    return field.startsWith(`${source}[`) ? field.slice(source.length) : field;
  };
  return problemLines(
    errors.map((e) => {
      const field = strip(e.field);
      return { field: field === 'scenario' ? '' : field, message: e.message };
    }),
    names,
  );
}

export function formatProblems(errors: ReadonlyArray<{ field: string; message: string }>, names?: (segment: string) => string | undefined): string {
  return problemLines(errors, names).join('; ');
}
