/**
 * The curtailment flags the queue and buy-vs-build commands share:
 *   --curtailable            accept curtailment (firm and curtailable MW, data/curtailment.json)
 *   --floor-mw MW            MW needed firm from first power (default 0)
 *   --as-of YYYY-MM[-DD]     the date month 0 stands for when the preset's queue is not dated
 *                            (default: this month, UTC); a preset with a dated stock starts at
 *                            its stock's as-of date. Dated rules apply only after their date.
 *   --assume-path            where no flexible path is published, assume one (ESTIMATE)
 *   --hours-p50 H --hours-p90 H   curtailed hours per year (default: the region's)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CurtailmentRequest } from '../../src/sim/curtailment/params';
import type { CurtailmentSummary } from '../../src/sim/curtailment/partial';
import { curtailmentAsOf, loadCurtailmentRules, resolveCurtailment } from '../../src/sim/curtailment/rules';
import type { QueueParams } from '../../src/sim/queue/params';
import { CliArgs, CliError } from './cli-args';

export interface CurtailFlags {
  floorMW: number;
  asOf: string;
  assumePath: boolean;
  hoursP50?: number;
  hoursP90?: number;
}

/** This month, UTC, as 'YYYY-MM': the CLI's as-of date when --as-of is not given. */
export function thisMonth(now = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The flags, or undefined without --curtailable; a curtailment flag without it is refused. */
export function readCurtailFlags(args: CliArgs): CurtailFlags | undefined {
  const on = args.bool('--curtailable');
  const floorMW = args.number('--floor-mw', { min: -Infinity, max: Infinity, what: 'a number of MW' });
  const asOf = args.string('--as-of');
  const assumePath = args.bool('--assume-path');
  const hoursP50 = args.number('--hours-p50', { min: -Infinity, max: Infinity, what: 'hours per year' });
  const hoursP90 = args.number('--hours-p90', { min: -Infinity, max: Infinity, what: 'hours per year' });
  if (!on) {
    const stray = [floorMW !== undefined && '--floor-mw', asOf !== undefined && '--as-of', assumePath && '--assume-path', hoursP50 !== undefined && '--hours-p50', hoursP90 !== undefined && '--hours-p90'].find(Boolean);
    if (stray) throw new CliError(stray, 'needs --curtailable');
    return undefined;
  }
  if (asOf !== undefined && !/^(19|20|21)\d\d-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/.test(asOf)) throw new CliError('--as-of', `must be a date written YYYY-MM or YYYY-MM-DD, got "${asOf}"`);
  if ((hoursP50 === undefined) !== (hoursP90 === undefined)) throw new CliError(hoursP50 === undefined ? '--hours-p50' : '--hours-p90', 'give both --hours-p50 and --hours-p90');
  return { floorMW: floorMW ?? 0, asOf: asOf ?? thisMonth(), assumePath, hoursP50, hoursP90 };
}

const FLAG_OF: Record<string, string> = {
  'curtailment.floorMW': '--floor-mw',
  'curtailment.hoursPerYear.p50': '--hours-p50',
  'curtailment.hoursPerYear.p90': '--hours-p90',
  'curtailment.asOf': '--as-of',
};

/** The run's curtailment request for a preset; bad input throws CliError naming the flag. */
export function curtailmentRequestFor(root: string, flags: CurtailFlags, presetId: string, projectMW: number, params: Pick<QueueParams, 'stock'> = {}): CurtailmentRequest {
  const doc = loadCurtailmentRules(JSON.parse(readFileSync(resolve(root, 'data/curtailment.json'), 'utf8')));
  if (!doc.ok) throw new Error(`data/${doc.errors[0].field}: ${doc.errors[0].message}`);
  const hours = flags.hoursP50 !== undefined && flags.hoursP90 !== undefined ? { p50: flags.hoursP50, p90: flags.hoursP90 } : undefined;
  const r = resolveCurtailment(doc.value, presetId, { floorMW: flags.floorMW, assumePath: flags.assumePath, hoursPerYear: hours }, curtailmentAsOf(params, flags.asOf), projectMW);
  if (!r.ok) {
    const e = r.errors[0];
    throw new CliError(FLAG_OF[e.field] ?? e.field, e.message);
  }
  return r.value;
}

const p3 = (p: { p10: number; p50: number; p90: number }) => ({ p10: p.p10, p50: p.p50, p90: p.p90 });

/**
 * The JSON fields a curtailed run adds: firm, curtailable, curtailedEnergyShare and the details.
 * `origin` names where its months count from (a queue run: its as-of date; buy vs build: today).
 */
export function curtailJson(c: CurtailmentSummary, origin = 'months from today') {
  return {
    firm: p3(c.firm),
    curtailable: p3(c.curtailable),
    curtailedEnergyShare: { ...p3(c.curtailedEnergyShare), mean: c.curtailedEnergyShare.mean },
    curtailment: {
      rule: c.ruleId,
      ruleName: c.ruleName,
      assumed: c.assumed,
      asOf: c.asOf,
      ruleStartMonth: c.ruleStartMonth,
      firmFloor: c.firmFloor,
      floorMW: c.floorMW,
      curtailableMW: c.curtailableMW,
      hoursPerYearInput: c.hoursPerYearInput,
      p50Gain: c.p50Gain,
      monthsGainedWhenEarlier: p3(c.monthsGained),
      earlierShare: c.earlierShare,
      curtailedHoursPerYear: p3(c.curtailedHours),
      units: `${origin}; MW; curtailedEnergyShare, hours and monthsGainedWhenEarlier are over trials where curtailable MW come before firm MW (earlierShare of trials)`,
    },
  };
}

const fmt = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : v === Infinity ? '> horizon' : '–');

/** Readable lines for the text output, from the JSON fields. */
export function formatCurtail(j: ReturnType<typeof curtailJson>): string[] {
  const c = j.curtailment;
  return [
    '',
    `  curtailment: ${c.ruleName}${c.assumed ? ' (ESTIMATE)' : ''}; as of ${c.asOf}${c.ruleStartMonth > 0 ? `, applies from month ${fmt(c.ruleStartMonth)}` : ''}`,
    `    floor ${c.floorMW} MW ${c.firmFloor ? 'firm from first power' : '(this rule has no firm floor: all MW curtailable until firm)'}; ${fmt(c.curtailableMW, 0)} MW curtailable`,
    `    first (curtailable) MW P10/P50/P90 ${fmt(j.curtailable.p10)} / ${fmt(j.curtailable.p50)} / ${fmt(j.curtailable.p90)} months`,
    `    full firm MW         P10/P50/P90 ${fmt(j.firm.p10)} / ${fmt(j.firm.p50)} / ${fmt(j.firm.p90)} months`,
    `    months gained (P50 firm − P50 first) ${fmt(c.p50Gain)}; earlier in ${fmt(c.earlierShare * 100)}% of trials, by P50 ${fmt(c.monthsGainedWhenEarlier.p50)} months; energy curtailed P50 ${fmt(j.curtailedEnergyShare.p50 * 100, 2)}%`,
  ];
}
