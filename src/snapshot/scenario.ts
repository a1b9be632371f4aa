/**
 * A scenario is data (issue 5 item 1): parse anything (a link, a file, a saved record, possibly
 * from an older version) into a validated Scenario, or into FieldErrors that name the field.
 */
import type { FieldError, Result } from '../sim/contract';
import { migrateToCurrent } from './migrations';
import { SCENARIO_SCHEMA, SCENARIO_VERSION, UI_REGIONS, scenarioSchema, type Scenario } from './scenario-schema';
import { zodIssuesToFieldErrors } from '../sim/zod-errors';
import { formatPath } from '../sim/field-path';
import { reservedKeyErrors } from '../sim/param-paths';
import { DEFAULT_AT_LEAST_PCT, DEFAULT_LEASING_TRIALS, DEFAULT_SEED, DEFAULT_TRIALS } from '../sim/run-defaults';

export {
  SCENARIO_SCHEMA,
  SCENARIO_VERSION,
  UI_REGIONS,
  MAX_NAME_CHARS,
  MAX_CUSTOM_SITES,
  MAX_SELECTED_SITES,
  type Scenario,
  type CustomSite,
  type Overrides,
  type UiRegion,
} from './scenario-schema';

export { DEFAULT_TRIALS, DEFAULT_SEED, DEFAULT_LEASING_TRIALS, DEFAULT_AT_LEAST_PCT } from '../sim/run-defaults';

/**
 * Validates (and migrates) `input` into a Scenario. Error fields are dotted paths under `where`,
 * e.g. `scenario.customSites[2].lat`. Never throws.
 */
export function parseScenario(input: unknown, where = 'scenario'): Result<Scenario> {
  try {
    const reserved = reservedKeyErrors(input, where);
    if (reserved.length) return { ok: false, errors: reserved };
    const migrated = migrateToCurrent(input, where);
    if (!migrated.ok) return migrated;
    const parsed = scenarioSchema.safeParse(migrated.value);
    if (parsed.success) return { ok: true, value: parsed.data };
    return { ok: false, errors: zodIssuesToFieldErrors(parsed.error.issues, where, migrated.value) };
  } catch (e) {
    // Only reachable with hostile objects (throwing getters, proxies); JSON never produces them.
    return { ok: false, errors: [{ field: formatPath(where, []), message: `could not be read (${String(e)})` }] };
  }
}

/** A fresh scenario with the app's defaults; the UI fills in the selected sites. */
export function defaultScenario(engineVersion: string, dataHash: string): Scenario {
  return {
    schema: SCENARIO_SCHEMA,
    version: SCENARIO_VERSION,
    name: 'Untitled scenario',
    engineVersion,
    dataHash,
    settings: { trials: DEFAULT_TRIALS, seed: DEFAULT_SEED },
    selectedSiteIds: [],
    regionFilter: [...UI_REGIONS],
    customSites: [],
    queueOverrides: {},
    buyVsBuildOverrides: {},
    buyVsBuildSiteOverrides: {},
    projectMWBySite: {},
    view: {},
    leasing: { trials: DEFAULT_LEASING_TRIALS, atLeastPct: DEFAULT_AT_LEAST_PCT, presetBySite: {}, deliveredBySite: {} },
  };
}

export { reservedKeyErrors };
