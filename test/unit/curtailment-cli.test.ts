/** The curtailment flags on the command line (issue 10 item 4): the exact contract, errors by flag. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliArgs, CliError } from '../../scripts/lib/cli-args';
import { curtailmentRequestFor, readCurtailFlags } from '../../scripts/lib/curtail-cli';
import { monthsBetween } from '../../src/sim/curtailment/rules';
import { presetDocs } from './queue-test-utils';

const presets = presetDocs();

const root = fileURLToPath(new URL('../..', import.meta.url));

const flagError = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof CliError ? e.message : String(e);
  }
  return 'no error';
};

describe('simulate --curtailable', () => {
  it('queue --json adds firm, curtailable and curtailedEnergyShare, and prints nothing else', () => {
    const r = spawnSync('npm', ['run', '--silent', 'simulate', '--', '--model', 'queue', '--preset', 'ercot-large-load', '--curtailable', '--floor-mw', '50', '--as-of', '2027-06', '--trials', '500', '--json'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const k of ['firm', 'curtailable']) for (const p of ['p10', 'p50', 'p90']) expect(typeof out[k][p]).toBe('number');
    expect(typeof out.curtailedEnergyShare.p50).toBe('number');
    expect(out.firm.p50).toBe(out.timeToPower.p50);
    expect(out.curtailable.p50).toBeLessThanOrEqual(out.firm.p50);
    expect(out.curtailment).toMatchObject({ rule: 'ercot-pclr', floorMW: 50, curtailableMW: out.projectMW - 50 });
    // A dated preset starts its clock at its stock's as-of date; --as-of only stands in for undated ones.
    const stockAsOf = presets['ercot-large-load'].params.stock?.asOf;
    expect(out.curtailment.asOf).toBe(stockAsOf ?? '2027-06');
    expect(out.curtailment.ruleStartMonth).toBeCloseTo(Math.max(0, monthsBetween(out.curtailment.asOf, '2027-04-09')), 9);
  }, 60_000);

  it('flags name themselves when wrong', () => {
    expect(flagError(() => readCurtailFlags(new CliArgs(['--floor-mw', '5'])))).toBe('--floor-mw: needs --curtailable');
    expect(flagError(() => readCurtailFlags(new CliArgs(['--curtailable', '--as-of', '2027-13'])))).toMatch(/^--as-of: must be a date/);
    expect(flagError(() => readCurtailFlags(new CliArgs(['--curtailable', '--hours-p50', '100'])))).toBe('--hours-p90: give both --hours-p50 and --hours-p90');
    const flags = readCurtailFlags(new CliArgs(['--curtailable', '--floor-mw', '500']))!;
    expect(flagError(() => curtailmentRequestFor(root, flags, 'ercot-large-load', 100))).toBe('--floor-mw: must not be above the request (100 MW), got 500 MW');
    const neg = readCurtailFlags(new CliArgs(['--curtailable', '--hours-p50=-3', '--hours-p90', '10']))!;
    expect(flagError(() => curtailmentRequestFor(root, neg, 'norway', 100))).toBe('--hours-p50: must not be negative, got -3 hours per year');
  });
});
