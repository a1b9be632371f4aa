/**
 * Reading scenarios written by older versions of the app, so old links and files keep opening
 * (issue 5 item 2). `MIGRATIONS[n]` turns a version-n scenario into version n+1; a reader applies
 * them in turn up to SCENARIO_VERSION, then validates against the current schema only.
 *
 * To change the schema: bump SCENARIO_VERSION, add `MIGRATIONS.set(old, …)`, and add a fixture of the old
 * shape under test/fixtures/scenarios/ that must keep parsing.
 */
import type { FieldError, Result } from '../sim/contract';
import { SCENARIO_SCHEMA, SCENARIO_VERSION } from './scenario-schema';
import { formatPath } from '../sim/field-path';
import { DEFAULT_AT_LEAST_PCT, DEFAULT_LEASING_TRIALS } from '../sim/run-defaults';

type Json = Record<string, unknown>;
/** One step: version n → n+1. Must not mutate its input; may refuse with errors at old-shape paths. */
type Migration = (old: Json, where: string) => Result<Json>;

/**
 * v0 (the prototype's format) kept the run settings at the top level as `trialCount` and `seed`;
 * v1 groups them under `settings`.
 */
function v0ToV1(old: Json, where: string): Result<Json> {
  const { trialCount, seed, ...rest } = old;
  const errors: FieldError[] = [];
  if (trialCount === undefined) errors.push({ field: formatPath(where, ['trialCount']), message: 'is missing (must be a whole number)' });
  if (seed === undefined) errors.push({ field: formatPath(where, ['seed']), message: 'is missing (must be a whole number)' });
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { ...rest, version: 1, settings: { trials: trialCount, seed } } };
}

/** v1 did not carry the request MW the user typed; v2 does. Old scenarios ran with each site's default. */
function v1ToV2(old: Json): Result<Json> {
  return { ok: true, value: { ...old, version: 2, projectMWBySite: {} } };
}

/**
 * v2 carried `absorption` and `view.rentUSDPerKwMonth` / `mapCenter` / `mapZoom` that the app never
 * read (the rent in force was `buyVsBuildOverrides.rentUSDPerKWMonth`), and did not carry the
 * Leasing tab or each site's own facts. v3: `absorption` → `leasing` (the tab's defaults: a v2
 * scenario ran with them), the view keeps what is read (target month, lead N), and `site.*` paths
 * of `buyVsBuildOverrides` (v2 recorded the selected site's facts there) move under that site.
 */
function v2ToV3(old: Json, where: string): Result<Json> {
  const { absorption: _absorption, view, buyVsBuildOverrides, ...rest } = old;
  const v = isPlainObject(view) ? view : {};
  const nextView: Json = {};
  if (v.targetMonth !== undefined) nextView.targetMonth = v.targetMonth;
  // v2 always wrote leadMonthsN (6) without reading it: a v2 scenario showed the engine's suggestion.
  const shared: Json = {};
  const facts: Json = {};
  if (isPlainObject(buyVsBuildOverrides)) {
    for (const [path, value] of Object.entries(buyVsBuildOverrides)) {
      // defineProperty: a "__proto__" key stays a key (and is refused by validation), never a prototype.
      Object.defineProperty(path.startsWith('site.') ? facts : shared, path, { value, enumerable: true, writable: true, configurable: true });
    }
  } else if (buyVsBuildOverrides !== undefined) {
    return { ok: false, errors: [{ field: formatPath(where, ['buyVsBuildOverrides']), message: 'must be an object ({ … })' }] };
  }
  const selected = Array.isArray(old.selectedSiteIds) ? old.selectedSiteIds[0] : undefined;
  const siteOverrides = Object.create(null) as Json;
  if (Object.keys(facts).length) {
    if (typeof selected !== 'string') return { ok: false, errors: [{ field: formatPath(where, ['buyVsBuildOverrides']), message: 'has site facts (site.*) but no site is selected' }] };
    Object.defineProperty(siteOverrides, selected, { value: facts, enumerable: true, writable: true, configurable: true });
  }
  return {
    ok: true,
    value: {
      ...rest,
      version: 3,
      buyVsBuildOverrides: shared,
      buyVsBuildSiteOverrides: { ...siteOverrides },
      view: nextView,
      leasing: { trials: DEFAULT_LEASING_TRIALS, atLeastPct: DEFAULT_AT_LEAST_PCT, presetBySite: {}, deliveredBySite: {} },
    },
  };
}

export const MIGRATIONS: ReadonlyMap<number, Migration> = new Map<number, Migration>([
  [0, v0ToV1],
  [1, v1ToV2],
  [2, v2ToV3],
]);

function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Brings any readable scenario version up to SCENARIO_VERSION; the result still needs validating. */
export function migrateToCurrent(input: unknown, where: string): Result<Json> {
  const err = (path: PropertyKey[], message: string): Result<Json> => ({
    ok: false,
    errors: [{ field: formatPath(where, path), message }],
  });
  if (!isPlainObject(input)) return err([], 'must be a scenario object ({ … })');
  if (input.schema !== SCENARIO_SCHEMA) {
    return input.schema === undefined
      ? err(['schema'], `is missing: this is not a power-shell scenario (expected schema "${SCENARIO_SCHEMA}")`)
      : err(['schema'], `this is not a power-shell scenario (schema is ${JSON.stringify(String(input.schema)).slice(0, 80)})`);
  }
  const version = input.version;
  if (version === undefined) return err(['version'], 'is missing (must be a whole number)');
  if (typeof version !== 'number' || !Number.isInteger(version)) return err(['version'], 'must be a whole number');
  if (version > SCENARIO_VERSION) {
    return err(['version'], `was saved by a newer version (v${version}) of this app; this app reads up to v${SCENARIO_VERSION}`);
  }
  let current: Json = input;
  for (let v = version; v < SCENARIO_VERSION; v++) {
    const step = MIGRATIONS.get(v);
    if (!step) return err(['version'], `unknown scenario version v${version}; this app reads v0 to v${SCENARIO_VERSION}`);
    const next = step(current, where);
    if (!next.ok) return next;
    current = next.value;
  }
  return { ok: true, value: current };
}
