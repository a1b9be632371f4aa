/**
 * The snapshot API the UI and CLI use: scenarios as data, share links, JSON files, CSV, saved
 * scenarios and comparison. Everything here is plain TypeScript with errors as values.
 */
export {
  parseScenario,
  defaultScenario,
  SCENARIO_SCHEMA,
  SCENARIO_VERSION,
  UI_REGIONS,
  DEFAULT_TRIALS,
  DEFAULT_SEED,
  type Scenario,
  type CustomSite,
  type Overrides,
  type UiRegion,
} from './scenario';
export { ENGINE_VERSION, dataHash } from './version';
export { encodeLink, decodeLink, LINK_FORMAT, MAX_LINK_CHARS, type EncodedLink } from './link';
export { exportScenarioJson, importScenarioJson, checkFileSize, MAX_FILE_BYTES, type ScenarioFile } from './json-file';
export { toCsv, perTrialCsv, summaryCsv, csvText, type CsvColumn, type CsvValue, type TrialColumn } from './csv';
export { summaryKey, summaryByKey, type SummaryRow, type ScenarioResults } from './results';
export { compareSummaries, type CompareRow, type CompareOptions, type ComparableSummary, type Metric } from './compare';
export { openScenarioStore, DEFAULT_DB_NAME, type ScenarioStore, type SavedScenario, type SavedScenarioInfo, type StoreOptions } from './store';
