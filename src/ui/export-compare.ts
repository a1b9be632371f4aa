/**
 * The inputs of two scenarios as label/value rows, for the compare view and presenter mode: the
 * text a board needs to see why two results differ. Values are plain text (rendered as text).
 */
import type { Scenario } from '../snapshot';

export interface InputRow {
  label: string;
  a: string;
  b: string;
}

/** One scenario's inputs as [label, text] pairs. */
export function inputTexts(s: Scenario): Array<[string, string]> {
  const overrides = Object.entries(s.queueOverrides).flatMap(([preset, o]) => Object.entries(o).map(([p, v]) => `${preset} ${p} = ${v}`));
  return [
    ['Trials', s.settings.trials.toLocaleString('en-US')],
    ['Seed', String(s.settings.seed)],
    ['Selected site', s.selectedSiteIds.join(', ') || 'none'],
    ['Regions shown', s.regionFilter.join(', ') || 'none'],
    ['Own sites', s.customSites.map((c) => c.name).join(', ') || 'none'],
    ['Queue parameters changed', overrides.join('; ') || 'none (preset defaults)'],
    ['App version', s.engineVersion],
    ['Data', s.dataHash.slice(0, 12) || 'unknown'],
  ];
}

export function inputRows(a: Scenario, b: Scenario): InputRow[] {
  const tb = new Map(inputTexts(b));
  return inputTexts(a).map(([label, text]) => ({ label, a: text, b: tb.get(label) ?? '' }));
}
