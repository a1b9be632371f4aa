/**
 * Words for the models' parameter names and paths ("arrivals.ratePerYear" → "New requests: arrival
 * rate"): the editor's labels and the source notes that quote a path read the same.
 */
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

