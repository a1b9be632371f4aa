/**
 * `simulate --scenario <file.json>`: re-runs an exported scenario's queue model for each selected
 * site with the scenario's parameters, request MW, trials and seed — the same pure request builder
 * the app uses (src/sim/requests.ts), so the numbers equal what the app showed for it.
 */
import { unknownMarketPresets, unknownSiteOverrides } from '../../src/snapshot/scenario-refs';
import { loadAbsorptionPresets } from '../../src/sim/absorption/presets';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadData } from '../../src/data/load';
import { loadQueuePresets } from '../../src/sim/queue/presets';
import type { QueueSummary } from '../../src/sim/queue/summary';
import type { FieldError, Result } from '../../src/sim/contract';
import { own } from '../../src/sim/param-paths';
import type { QueueParams } from '../../src/sim/queue/params';
import type { CurtailableQueueRequest } from '../../src/sim/curtailment/runner';
import type { CurtailmentRequest } from '../../src/sim/curtailment/params';
import { curtailmentAsOf, loadCurtailmentRules, resolveCurtailment, type CurtailmentDoc } from '../../src/sim/curtailment/rules';
import type { CurtailmentScenario } from '../../src/snapshot/scenario-schema';
import { curtailJson, thisMonth } from './curtail-cli';
import { buildQueueRequest, checkQueueEdits, docWithForward, projectMWForSite } from '../../src/sim/requests';
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
  sites: Array<{ site: string; name: string; queuePreset: string | null; projectMW: number | null; timeToPower: QueueSummary['timeToPower'] | null; note?: string } & Partial<ReturnType<typeof curtailJson>>>;
  summary: SummaryRow[];
}

/** One selected site's run: its request, or why it has none (outside the four regions). */
type SitePlan = { id: string; name: string; queuePreset: string | null; req: CurtailableQueueRequest | null; forward?: string };

/** The scenario's curtailment choice for one preset and request, as the app's CurtailmentState resolves it. */
function scenarioCurtailment(c: CurtailmentScenario, presetId: string, projectMW: number, params: Pick<QueueParams, 'stock'>, doc: Result<CurtailmentDoc>): Result<CurtailmentRequest> {
  if (!doc.ok) return doc;
  return resolveCurtailment(doc.value, presetId, { floorMW: c.floorMW, assumePath: c.assumePath === true, hoursPerYear: c.hoursPerYear }, curtailmentAsOf(params, thisMonth()), projectMW);
}

/**
 * Every selected site's queue request, validated before anything runs, or every problem named by
 * its field in the scenario (`scenario.queueOverrides.ercot-large-load["phases.sis.p90"]`), so a
 * file that parses but cannot run (P90 < P50, horizon 0, negative headroom, too much work) is
 * refused like a malformed one.
 */
export function planScenario(scenario: Scenario, root: string): Result<SitePlan[]> {
  const read = (f: string) => JSON.parse(readFileSync(resolve(root, f), 'utf8')) as unknown;
  const regions = read('data/regions.json');
  const data = loadData({ sites: read('data/sites.geojson'), hubs: read('data/hubs.geojson'), regions });
  const presets = loadQueuePresets(regions).presets;
  let loadedRules: Result<CurtailmentDoc> | undefined;
  const rules = () => (loadedRules ??= loadCurtailmentRules(read('data/curtailment.json')));
  const plans: SitePlan[] = [];
  // The app's own check first: a key that names no preset ("constructor") is refused, not skipped.
  const isSite = (id: string) => data.sites.some((s) => s.id === id) || scenario.customSites.some((c) => c.id === id);
  const markets = loadAbsorptionPresets(read('data/absorption.json'));
  const errors: FieldError[] = [
    ...checkQueueEdits(scenario, (pid) => own(presets, pid), 'scenario'),
    ...unknownSiteOverrides(scenario, isSite, 'scenario'),
    ...unknownMarketPresets(scenario, (id) => markets.ok && own(markets.value, id) !== undefined, 'scenario'),
  ];
  scenario.selectedSiteIds.forEach((id, i) => {
    const found = data.sites.find((s) => s.id === id) ?? scenario.customSites.find((c) => c.id === id);
    const site = found ? siteRefOf(found) : undefined;
    if (!site) {
      errors.push({ field: `scenario.selectedSiteIds[${i}]`, message: `no site has id "${id}" in this app's data` });
      return;
    }
    const doc = own(presets, site.queuePreset);
    if (!doc) {
      plans.push({ id, name: site.name, queuePreset: site.queuePreset, req: null });
      return;
    }
    const projectMW = own(scenario.projectMWBySite, id) ?? projectMWForSite(site, doc.defaultProjectMW);
    // The scenario's forward path for this preset (absent: the preset's default), as the app runs it.
    const choice = own(scenario.queueForward ?? {}, doc.id);
    const forward = docWithForward(doc, choice);
    if (!forward.ok) {
      errors.push(...forward.errors.map((e) => ({ field: `scenario.queueForward.${doc.id}${e.field.replace(/^forward/, '')}`, message: e.message })));
      return;
    }
    const req = buildQueueRequest({ doc: forward.value, overrides: own(scenario.queueOverrides, doc.id) ?? {}, projectMW, trials: scenario.settings.trials, seed: scenario.settings.seed });
    if (!req.ok) {
      const where = (f: string) =>
        f === 'trials' || f === 'seed' ? `scenario.settings.${f}` : f === 'projectMW' ? `scenario.projectMWBySite.${id}` : `scenario.queueOverrides.${doc.id}["${f}"]`;
      errors.push(...req.errors.map((e) => ({ field: where(e.field), message: e.message })));
      return;
    }
    // "Accept curtailment" as the app resolves it: the region's rule at the preset's as-of date.
    const curtailment = scenario.curtailment ? scenarioCurtailment(scenario.curtailment, doc.id, req.value.projectMW, req.value.params, rules()) : undefined;
    if (curtailment && !curtailment.ok) {
      errors.push(...curtailment.errors.map((e) => ({ field: `scenario.${e.field}`, message: `${e.message} (site ${id})` })));
      return;
    }
    plans.push({ id, name: site.name, queuePreset: doc.id, req: curtailment ? { ...req.value, curtailment: curtailment.value } : req.value, forward: describeForward(choice ?? doc.forward.default, doc.forward.trend, doc.params.stock?.asOf) });
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: plans };
}

export async function runScenario(scenario: Scenario, root: string, workers = 1): Promise<ScenarioRunOutput> {
  const plan = planScenario(scenario, root);
  if (!plan.ok) throw new Error(plan.errors.map((e) => `${e.field}: ${e.message}`).join('; '));
  const out: ScenarioRunOutput = { model: 'scenario', name: scenario.name, trials: scenario.settings.trials, seed: scenario.settings.seed, sites: [], summary: [] };
  for (const p of plan.value) {
    if (!p.req) {
      out.sites.push({ site: p.id, name: p.name, queuePreset: p.queuePreset, projectMW: null, timeToPower: null, note: 'no queue preset: outside the four regions' });
      continue;
    }
    const summary = await runModel('queue', p.req, workers);
    out.sites.push({ site: p.id, name: p.name, queuePreset: p.queuePreset, projectMW: p.req.projectMW, timeToPower: summary.timeToPower, ...(summary.curtailment ? curtailJson(summary.curtailment) : {}) });
    out.summary.push(...queueSummaryRows(p.name, summary, p.forward));
  }
  return out;
}
