/**
 * The v3 scenario schema: every input a user can change (each tab's state class writes its part:
 * see src/state/*-state.svelte.ts), plus the engine version and a hash of the data files, so a link
 * or file reopens exactly what was seen. docs/scenario-format.md describes every field.
 *
 * Objects are strict: an unknown field in a hand-edited file is reported ("check the spelling"),
 * never silently dropped. Identifiers are restricted to safe characters and may never be
 * `__proto__`/`constructor`/`prototype`, because they become object keys.
 */
import { z } from 'zod';
import { MAX_TRIALS } from '../sim/contract';
import { patterned } from '../sim/zod-errors';
import { ID_PATTERN, PARAM_PATH_PATTERN, type Overrides } from '../sim/param-paths';
import { QUEUE_FIELDS, QUEUE_STATUSES } from '../sim/queue-file/columns';
import { MAX_QUEUE_FILE_BYTES } from '../sim/queue-file/records';

export { ID_PATTERN, PARAM_PATH_PATTERN, type Overrides };

export const SCENARIO_SCHEMA = 'power-shell-scenario';
/** The scenario version this app writes; older versions are migrated on read (migrations.ts). */
export const SCENARIO_VERSION = 3;

/** The four regions the UI filters by. */
export const UI_REGIONS = ['samara', 'texas', 'singapore', 'nordics'] as const;
export type UiRegion = (typeof UI_REGIONS)[number];

export const MAX_NAME_CHARS = 120;
export const MAX_SELECTED_SITES = 50;
export const MAX_CUSTOM_SITES = 200;
export const MAX_OVERRIDES = 500;
export const MAX_OVERRIDE_TEXT = 200;
export const MAX_LEAD_MONTHS_N = 120;

// -0 becomes 0 so that parse(JSON(s)) equals s exactly (JSON writes -0 as 0).
const finite = () => z.number().transform((n) => (n === 0 ? 0 : n));
const finiteIn = (min: number, max: number) => z.number().min(min).max(max).transform((n) => (n === 0 ? 0 : n));

const id = patterned(ID_PATTERN, 'an id of 1–80 letters, digits, "_", ".", ":" or "-" (not __proto__, constructor or prototype)');
const paramPath = patterned(PARAM_PATH_PATTERN, 'a dotted parameter path such as phases.fs.p50');

const overrideValue = z.union([finite(), z.string().max(MAX_OVERRIDE_TEXT)]);
/** `{ [dottedParamPath]: number | string }`: only what differs from a preset. */
const overrideMap = z
  .record(paramPath, overrideValue)
  .refine((m) => Object.keys(m).length <= MAX_OVERRIDES, `must have at most ${MAX_OVERRIDES} overrides`);

const region = z.enum(UI_REGIONS);

/**
 * A queue preset's forward path (what the inputs do after the stock's as-of date): "flat", "trend"
 * (the preset's stated path) or a typed table per year. The shape is checked here; whether the years
 * follow the preset's as-of date is checked against the data when the scenario is applied.
 */
const forwardRow = z.strictObject({
  year: z.int().min(1990).max(2200),
  arrivalsPerYear: finiteIn(0, 1e6).optional(),
  sizeFactor: finiteIn(0.001, 1000).optional(),
  withdrawalFactor: finiteIn(0, 1000).optional(),
  headroomMWPerYear: finiteIn(0, 1e7).optional(),
  studyDurationFactor: finiteIn(0.05, 20).optional(),
  constrDurationFactor: finiteIn(0.05, 20).optional(),
  studyCapacity: finiteIn(1, 1_000_000).optional(),
  feasDurationFactor: finiteIn(0.05, 20).optional(),
  sisDurationFactor: finiteIn(0.05, 20).optional(),
  fsDurationFactor: finiteIn(0.05, 20).optional(),
});
export const forwardChoiceSchema = z.union([z.literal('flat'), z.literal('trend'), z.strictObject({ rows: z.array(forwardRow).min(1).max(50) })]);

function unique<T>(what: string) {
  return (items: T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const seen = new Set<T>();
    items.forEach((item, i) => {
      if (seen.has(item)) ctx.addIssue({ code: 'custom', path: [i], message: `repeats ${what} ${JSON.stringify(item)}` });
      seen.add(item);
    });
  };
}

export const customSiteSchema = z
  .strictObject({
    id,
    /** any text, never interpreted: the UI renders it as text */
    name: z.string().min(1).max(MAX_NAME_CHARS),
    lon: finiteIn(-180, 180),
    lat: finiteIn(-90, 90),
    uiRegion: region.nullable(),
    queuePreset: id.nullable(),
    kind: z.enum(['power-shell', 'greenfield']),
    gridMW: finiteIn(0, 100_000).nullable(),
    aiUsableMW: finiteIn(0, 100_000).nullable(),
    pue: finiteIn(1, 3).nullable(),
  })
  .superRefine((s, ctx) => {
    if (s.gridMW !== null && s.aiUsableMW !== null && s.aiUsableMW > s.gridMW) {
      ctx.addIssue({ code: 'custom', path: ['aiUsableMW'], message: `must not exceed gridMW (${s.gridMW} MW)` });
    }
  });

/** What the user chose to read off the results: read and written by the queue and buy-vs-build tabs. */
const viewSchema = z.strictObject({
  /** the queue tab's "P(energized by …)" month; absent = five years from today */
  targetMonth: patterned(/^(?:19|20|21)\d\d-(?:0[1-9]|1[0-2])$/, 'a month written YYYY-MM, e.g. 2027-06').optional(),
  /** N of "P(buy earlier by ≥ N months)"; absent = the engine's suggestion for the result shown */
  leadMonthsN: z.int().min(0).max(MAX_LEAD_MONTHS_N).optional(),
  /** which arm's P50 the tornado shows; absent = build */
  tornadoArm: z.enum(['buy', 'build']).optional(),
});

/** The Leasing tab (lease-ahead absorption). */
const leasingSchema = z.strictObject({
  /** simulated markets per run */
  trials: z.int().min(1).max(MAX_TRIALS),
  /** X of "P(≥ X% pre-leased when powered)", percent */
  atLeastPct: z.int().min(0).max(100),
  /** absorption preset chosen per site (absent = the site's region default) */
  presetBySite: z.record(id, id).refine((m) => Object.keys(m).length <= MAX_CUSTOM_SITES + 100, 'must have at most 300 sites'),
  /** when the user's building is powered, per site (absent = buy for a power shell, build for greenfield) */
  deliveredBySite: z.record(id, z.enum(['buy', 'build', 'preset'])).refine((m) => Object.keys(m).length <= MAX_CUSTOM_SITES + 100, 'must have at most 300 sites'),
});

/**
 * A user's own layer (issue 9): small layers carry their validated GeoJSON text here; large ones
 * (`storage: "indexeddb"`) are kept on the device that loaded them and only referenced.
 */
export const userLayerSchema = z
  .strictObject({
    id,
    /** the file name: untrusted text, rendered as text */
    name: z.string().min(1).max(MAX_NAME_CHARS * 2),
    kind: z.enum(['substations', 'lines', 'parcels', 'sites']),
    useAsGrid: z.boolean(),
    storage: z.enum(['scenario', 'indexeddb']),
    geojson: z.string().max(400_000).optional(),
    /** optional: the colour the user gave the layer on the map ('#rrggbb'); absent = its place in the palette */
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb').optional(),
  })
  .superRefine((l, ctx) => {
    if (l.storage === 'scenario' && l.geojson === undefined) ctx.addIssue({ code: 'custom', path: ['geojson'], message: 'is required when storage is "scenario"' });
  });
export type UserLayerRecord = z.output<typeof userLayerSchema>;

/**
 * Firm and curtailable MW (issue 10): present = "Accept curtailment" is ticked, shared by the Grid
 * queue and Buy vs build tabs; absent = every MW firm (so older scenarios read as before).
 */
export const curtailmentSchema = z.strictObject({
  /** MW needed firm from first power (honoured where the region's rule has a firm floor) */
  floorMW: finiteIn(0, 1_000_000),
  /** where no flexible path is published, assume one (ESTIMATE); absent = false */
  assumePath: z.literal(true).optional(),
  /** curtailed hours per year while MW are curtailable (lognormal P50/P90); absent = the region's default */
  hoursPerYear: z
    .strictObject({ p50: finiteIn(0, 8760), p90: finiteIn(0, 8760) })
    .superRefine((h, ctx) => {
      if (h.p90 < h.p50) ctx.addIssue({ code: 'custom', path: ['p90'], message: `P90 (${h.p90} hours) must be ≥ P50 (${h.p50} hours)` });
      else if (h.p50 === 0 && h.p90 > 0) ctx.addIssue({ code: 'custom', path: ['p50'], message: 'must be above 0 when P90 is (a lognormal needs a positive median); set both to 0 for no curtailment' });
    })
    .optional(),
});
export type CurtailmentScenario = z.output<typeof curtailmentSchema>;

const isoDay = patterned(/^(?:19|20|21)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/, 'a date written YYYY-MM-DD');

/**
 * The user's own queue file, by reference: the bytes stay in this browser's storage under their
 * content hash (a JSON export carries them beside the scenario); the scenario records which file
 * (name, size, date, hash: what to ask for when it is missing), how its columns were mapped, the fit
 * it gave, and where and how large the request placed in it is.
 */
export const queueFileSchema = z.strictObject({
  /** the file name as picked: untrusted text, rendered as text */
  name: z.string().min(1).max(MAX_NAME_CHARS * 2),
  bytes: z.int().min(1).max(MAX_QUEUE_FILE_BYTES),
  /** the file's last-modified date */
  modified: isoDay,
  /** SHA-256 of the bytes, hexadecimal */
  hash: patterned(/^[0-9a-f]{64}$/, 'a SHA-256 hash: 64 hexadecimal digits (0–9, a–f)'),
  /** the column mapping of a file in unknown columns (null: gridstatus or Berkeley Lab columns) */
  mapping: z
    .strictObject({
      columns: z.array(z.tuple([z.enum(QUEUE_FIELDS), z.string().max(400)])).max(QUEUE_FIELDS.length),
      statuses: z.array(z.tuple([z.string().max(400), z.enum(QUEUE_STATUSES as [string, ...string[]])])).max(200),
    })
    .nullable(),
  /** the fit the file gave: requests, as-of date, withdrawals per year, request → operation months */
  fit: z.strictObject({
    asOf: isoDay,
    records: z.int().min(1).max(1_000_000),
    withdrawalPerYear: finiteIn(0, 100),
    operation: z.strictObject({ p50: finiteIn(0, 100_000), p90: finiteIn(0, 100_000) }),
  }),
  /** which requests compete with the user's */
  scope: z.union([z.strictObject({ kind: z.literal('all') }), z.strictObject({ kind: z.enum(['poi', 'county', 'zone']), name: z.string().min(1).max(400) })]),
  /** the request placed in the file, MW */
  mw: finiteIn(0, 1_000_000).refine((mw) => mw > 0, 'must be greater than 0 MW'),
});
export type QueueFileRecord = z.output<typeof queueFileSchema>;

export const scenarioSchema = z.strictObject({
  schema: z.literal(SCENARIO_SCHEMA),
  version: z.literal(SCENARIO_VERSION),
  name: z.string().min(1).max(MAX_NAME_CHARS),
  engineVersion: z.string().min(1).max(40),
  dataHash: patterned(/^[0-9a-f]{0,128}$/, 'lowercase hexadecimal (0–9, a–f), at most 128 digits'),
  settings: z.strictObject({
    trials: z.int().min(1).max(MAX_TRIALS),
    seed: z.int().min(0).max(0xffff_ffff),
  }),
  selectedSiteIds: z.array(id).max(MAX_SELECTED_SITES).superRefine(unique<string>('site')),
  regionFilter: z.array(region).max(UI_REGIONS.length).superRefine(unique<UiRegion>('region')),
  customSites: z
    .array(customSiteSchema)
    .max(MAX_CUSTOM_SITES)
    .superRefine((sites, ctx) => {
      const seen = new Set<string>();
      sites.forEach((s, i) => {
        if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `repeats site id ${JSON.stringify(s.id)}` });
        seen.add(s.id);
      });
    }),
  queueOverrides: z
    .record(id, overrideMap)
    .refine((m) => Object.keys(m).length <= 100, 'must have at most 100 presets'),
  /** buy-vs-build parameters shared by every site, rent (USD per kW-month) included */
  buyVsBuildOverrides: overrideMap,
  /** v3: each site's own facts as edited (`site.gridMW`, `site.pue`, …), by site id */
  buyVsBuildSiteOverrides: z.record(id, overrideMap).refine((m) => Object.keys(m).length <= MAX_CUSTOM_SITES + 100, 'must have at most 300 sites'),
  /** v2: the request size the user typed for a site's queue run, MW (absent = the site's default) */
  projectMWBySite: z
    .record(id, finiteIn(0, 1_000_000).refine((mw) => mw > 0, 'must be greater than 0 MW'))
    .refine((m) => Object.keys(m).length <= MAX_CUSTOM_SITES + 100, 'must have at most 300 sites'),
  view: viewSchema,
  leasing: leasingSchema,
  /** Optional (issue 13): the Economics tab's edits (numbers, or "YYYY-MM" months) and the lease deal chosen. */
  economics: z.strictObject({ overrides: overrideMap, leasePresetId: id.optional() }).optional(),
  /** optional: the user's own layers (absent = none) */
  userLayers: z.array(userLayerSchema).max(20).optional(),
  /** optional (issue 8): the forward path per queue preset id; absent or unnamed preset = the preset's default */
  queueForward: z
    .record(id, forwardChoiceSchema)
    .refine((m) => Object.keys(m).length <= 100, 'must have at most 100 presets')
    .optional(),
  /** optional: the user's edits to the grid-access phase (data/grid-access.json › phase paths, e.g. "line.perKm.p50": 0.5) */
  gridAccessOverrides: overrideMap.optional(),
  /** optional (issue 10): "Accept curtailment" with its firm floor; absent = not accepted, every MW firm */
  curtailment: curtailmentSchema.optional(),
  /** optional: the user's own queue file in the Grid queue tab, by content hash; absent = none */
  queueFile: queueFileSchema.optional(),
  /** optional: the Portfolio tab (docs/portfolio.md); absent = no sites picked, the tab's defaults */
  portfolio: z
    .strictObject({
      siteIds: z.array(id).max(MAX_SELECTED_SITES).superRefine(unique('site')),
      /** IT MW the portfolio must reach */
      targetMW: finiteIn(0, 1_000_000).refine((mw) => mw > 0, 'must be greater than 0 MW'),
      /** "YYYY-MM" (by the end of that month) or "YYYY-MM-DD" */
      by: patterned(/^(?:19|20|21)\d\d-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?$/, 'a month written YYYY-MM, e.g. 2028-06'),
      basis: z.enum(['firm', 'first']),
      rho: finiteIn(0, 1),
      /** USD per month the target is late */
      delayCostUSDPerMonth: finiteIn(0, 1e12),
      /** best-set budget (sites), or null for no search */
      best: z.int().min(1).max(MAX_SELECTED_SITES).nullable(),
      trials: z.int().min(1).max(MAX_TRIALS),
    })
    .optional(),
});

/** A validated scenario (v3). Times in months, power in MW, rent in USD per kW-month. */
export type Scenario = z.output<typeof scenarioSchema>;
export type CustomSite = z.output<typeof customSiteSchema>;
