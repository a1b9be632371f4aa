/**
 * Defaults of what a user can set, written once: the app's fields, a new scenario and the CLI all
 * read them from here.
 */

/** Trials per run: at 10,000 trials the P90 is good to about 1% (docs/method.md, "Standard errors"). */
export const DEFAULT_TRIALS = 10_000;
/** Master seed of a new scenario (any fixed number would do; this one is a date, 2024-06-01). */
export const DEFAULT_SEED = 20_240_601;
/** Simulated markets behind a Leasing run: ESTIMATE, enough for the pre-leased share's P10–P90. */
export const DEFAULT_LEASING_TRIALS = 1000;
/** X of "P(≥ X% pre-leased when powered)": ESTIMATE, four in five reads naturally to a board. */
export const DEFAULT_AT_LEAST_PCT = 80;
/** The target date of "P(energized by …)" when the user picks none: five years from today. */
export const DEFAULT_TARGET_MONTHS = 60;
/** N of "P(buy earlier by ≥ N months)" when the engine suggests none (ESTIMATE: half a year). */
export const FALLBACK_LEAD_MONTHS = 6;
/** Trials per site for "run all sites": enough for a stable P50 colour class, quick for 20 sites. */
export const RUN_ALL_TRIALS = 2000;

/** Seed of the backtest view's runs: fixed, so the rows read the same on every visit. */
export const BACKTEST_SEED = 20261201;
