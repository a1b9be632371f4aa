/**
 * The inputs of two scenarios as label/value rows, for the compare view: the text a board needs to
 * see why two results differ. Values are plain text (rendered as text), with display names only:
 * sites by name, queue models by name, parameters by their label and unit.
 */
import type { Scenario } from '../snapshot';
import type { QueuePresetDoc } from '../sim/queue/presets';
import { UI_REGIONS } from '../data/ui-regions';
import { describeQueueParam } from './queue-fields';

export interface InputRow {
  label: string;
  a: string;
  b: string;
}

/** How ids become names: a site's name, a queue model's document. */
export interface Namer {
  siteName: (id: string) => string | undefined;
  preset: (id: string) => QueuePresetDoc | undefined;
}

/** One scenario's inputs as [label, text] pairs. */
export function inputTexts(s: Scenario, names: Namer): Array<[string, string]> {
  const site = (id: string) => s.customSites.find((c) => c.id === id)?.name ?? names.siteName(id) ?? 'a site not in this app’s data';
  const overrides = Object.entries(s.queueOverrides).flatMap(([presetId, o]) => {
    const doc = names.preset(presetId);
    return Object.entries(o).map(([p, v]) => {
      const d = doc ? describeQueueParam(doc, p) : null;
      const unit = d && d.unit !== '—' ? ` ${d.unit}` : '';
      return `${doc?.name ?? 'queue model'}, ${d?.label ?? 'a parameter'} = ${v}${unit}`;
    });
  });
  return [
    ['Trials', s.settings.trials.toLocaleString('en-US')],
    ['Seed', String(s.settings.seed)],
    ['Selected site', s.selectedSiteIds.map(site).join(', ') || 'none'],
    ['Regions shown', s.regionFilter.map((r) => UI_REGIONS.find((u) => u.id === r)?.label ?? 'another region').join(', ') || 'none'],
    ['Own sites', s.customSites.map((c) => c.name).join(', ') || 'none'],
    ['Queue parameters changed', overrides.join('; ') || 'none (preset defaults)'],
    ['App version', s.engineVersion],
    ['Data version', s.dataHash.slice(0, 12) || 'unknown'],
  ];
}

export function inputRows(a: Scenario, b: Scenario, names: Namer): InputRow[] {
  const tb = new Map(inputTexts(b, names));
  return inputTexts(a, names).map(([label, text]) => ({ label, a: text, b: tb.get(label) ?? '' }));
}
