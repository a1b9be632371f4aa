/**
 * `simulate --scenario <file.json>`: re-runs an exported scenario's queue model for each selected
 * site with the scenario's parameters, request MW, trials and seed — the same pure request builder
 * the app uses (src/sim/requests.ts), so the numbers equal what the app showed for it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadData } from '../../src/data/load';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import type { QueueSummary } from '../../src/sim/queue/summary';
import { buildQueueRequest, docWithForward, projectMWForSite } from '../../src/sim/requests';
import { siteRefOf } from '../../src/state/site-ref';
import { describeForward } from '../../src/sim/queue/forward';
import type { Scenario } from '../../src/snapshot/scenario';
import type { SummaryRow } from '../../src/snapshot/results';
import { queueSummaryRows } from '../../src/snapshot/summary-rows';
import { runModel } from './run-model';

export interface ScenarioRunOutput {
  model: 'scenario';
  name: string;
  trials: number;
  seed: number;
  sites: Array<{ site: string; name: string; queuePreset: string | null; projectMW: number | null; timeToPower: QueueSummary['timeToPower'] | null; note?: string }>;
  summary: SummaryRow[];
}

export async function runScenario(scenario: Scenario, root: string, workers = 1): Promise<ScenarioRunOutput> {
  const read = (f: string) => JSON.parse(readFileSync(resolve(root, f), 'utf8')) as unknown;
  const regions = read('data/regions.json');
  const data = loadData({ sites: read('data/sites.geojson'), hubs: read('data/hubs.geojson'), regions });
  const presets = loadQueuePresets(regions).presets;
  const out: ScenarioRunOutput = { model: 'scenario', name: scenario.name, trials: scenario.settings.trials, seed: scenario.settings.seed, sites: [], summary: [] };
  for (const id of scenario.selectedSiteIds) {
    const found = data.sites.find((s) => s.id === id) ?? scenario.customSites.find((c) => c.id === id);
    const site = found ? siteRefOf(found) : undefined;
    if (!site) throw new Error(`scenario.selectedSiteIds: no site has id "${id}" in this app's data`);
    const doc = site.queuePreset ? presets[site.queuePreset] : undefined;
    if (!doc) {
      out.sites.push({ site: id, name: site.name, queuePreset: site.queuePreset, projectMW: null, timeToPower: null, note: 'no queue preset: outside the four regions' });
      continue;
    }
    const projectMW = scenario.projectMWBySite[id] ?? projectMWForSite(site, doc.defaultProjectMW);
    // The scenario's forward path for this preset (absent: the preset's default), as the app runs it.
    const choice = scenario.queueForward?.[doc.id];
    const forward = docWithForward(doc, choice);
    if (!forward.ok) throw new Error(forward.errors.map((e) => `scenario.queueForward.${doc.id}${e.field.replace(/^forward/, '')}: ${e.message}`).join('; '));
    const req = buildQueueRequest({ doc: forward.value, overrides: scenario.queueOverrides[doc.id] ?? {}, projectMW, trials: scenario.settings.trials, seed: scenario.settings.seed });
    if (!req.ok) throw new Error(req.errors.map((e) => `scenario.queueOverrides.${doc.id}.${e.field}: ${e.message}`).join('; '));
    const summary = await runModel<QueueSummary>('queue', req.value, workers);
    out.sites.push({ site: id, name: site.name, queuePreset: doc.id, projectMW, timeToPower: summary.timeToPower });
    out.summary.push(...queueSummaryRows(site.name, summary, describeForward(choice ?? doc.forward.default, doc.forward.trend, doc.params.stock?.asOf)));
  }
  return out;
}
