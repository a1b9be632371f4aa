/**
 * A scenario is data (issue 5 item 1): parse anything (a link, a file, a saved record, possibly
 * from an older version) into a validated Scenario, or into FieldErrors that name the field.
 */
import type { Result } from '../sim/contract';
import { migrateToCurrent } from './migrations';
import { SCENARIO_SCHEMA, SCENARIO_VERSION, UI_REGIONS, scenarioSchema, type Scenario } from './scenario-schema';
import { zodIssuesToFieldErrors } from './zod-errors';
import { formatPath } from './field-path';

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

/** Default rent for the delay-cost figure: CBRE N. America YE 2024 asking rent, 250–500 kW (REFERENCE §4.1). */
export const DEFAULT_RENT_USD_PER_KW_MONTH = 184.06;
/** Default N in "P(buy is earlier by ≥ N months)": ESTIMATE, half a year reads naturally to a board. */
export const DEFAULT_LEAD_MONTHS_N = 6;
/** Default trial count: at 10,000 trials the P90 is good to about 1% (MODEL.md §0). */
export const DEFAULT_TRIALS = 10_000;
export const DEFAULT_SEED = 20_240_601;
/** Default absorption preset (MODEL.md §2 "North America 2024"). */
export const DEFAULT_ABSORPTION_PRESET = 'north-america-2024';

/**
 * Validates (and migrates) `input` into a Scenario. Error fields are dotted paths under `where`,
 * e.g. `scenario.customSites[2].lat`. Never throws.
 */
export function parseScenario(input: unknown, where = 'scenario'): Result<Scenario> {
  try {
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
    projectMWBySite: {},
    absorption: { presetId: DEFAULT_ABSORPTION_PRESET, overrides: {} },
    view: { leadMonthsN: DEFAULT_LEAD_MONTHS_N, rentUSDPerKwMonth: DEFAULT_RENT_USD_PER_KW_MONTH },
  };
}
