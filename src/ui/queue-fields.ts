/**
 * Turns a queue preset into editor fields: every parameter, with a readable label, its unit and
 * where its default comes from. Generated from the preset itself, so a new parameter shows up
 * without touching the UI.
 */
import { leafPaths, valueAt } from '../sim/param-paths';
import { provenanceFor, type QueuePresetDoc } from '../sim/queue/presets';
import type { ParamGroup } from './ParamEditor.svelte';
import { paramLabel as label, queueGroupTitle } from '../sim/param-words';

function unit(path: string): string {
  if (/sizeMW\.p(50|90)$/.test(path) || /MW$|mwPerRound$/.test(path)) return 'MW';
  if (/slip\.p(50|90)$|durationFactor$|paceP90$/.test(path)) return '×';
  if (/^withdrawal\.(?!sizeElasticity)/.test(path)) return 'per year';
  if (/ratePerYear$/.test(path)) return 'requests/yr';
  if (/shares?\b|Share$|share$|Prob$|probability|awardShare|giveUp/i.test(path)) return '0–1';
  if (/count$/.test(path)) return 'requests';
  if (/Months$|\.p(50|90)$|horizonMonths/.test(path)) return 'months';
  if (/capacity$|Upgrades$|UnderWay$/.test(path)) return 'count';
  return '—';
}

/** A parameter as a reader sees it: "Group: label", its unit and its source (null when none is recorded). */
export function describeQueueParam(doc: QueuePresetDoc, path: string): { label: string; unit: string; source: string | null } {
  const top = path.split('.')[0];
  const group = queueGroupTitle(top);
  const prov = provenanceFor(doc, path);
  return {
    label: path.includes('.') ? `${group}: ${label(path)}` : group,
    unit: unit(path),
    source: prov ? `${prov.estimate ? 'ESTIMATE · ' : ''}${prov.source}` : null,
  };
}

export function queueFieldGroups(doc: QueuePresetDoc): ParamGroup[] {
  const groups = new Map<string, ParamGroup>();
  for (const path of leafPaths(doc.params)) {
    const value = valueAt(doc.params, path);
    if (typeof value !== 'number' && typeof value !== 'string') continue;
    if (path === 'template') continue; // the template is the preset's process, not a tweak
    const top = path.split('.')[0];
    const g = groups.get(top) ?? { title: queueGroupTitle(top), fields: [] };
    const prov = provenanceFor(doc, path);
    g.fields.push({
      path,
      label: label(path),
      unit: unit(path),
      value,
      options: path.endsWith('rule') ? [{ value: 'fifo', label: 'FIFO (strict queue order)' }, { value: 'first-fit', label: 'First fit (smaller loads may pass)' }] : undefined,
      source: prov ? `${prov.estimate ? 'ESTIMATE · ' : ''}${prov.source}${prov.note ? ` — ${prov.note}` : ''}` : undefined,
    });
    groups.set(top, g);
  }
  return [...groups.values()];
}
