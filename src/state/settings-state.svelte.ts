/**
 * The run settings every model tab shares: one trial count and one seed per scenario (a link
 * records one). Kept as the user's raw text, so an entry being typed is shown back, never lost.
 */
import type { FieldError } from '../sim/contract';
import { MAX_TRIALS } from '../sim/contract';
import { parseWhole, wholeIn } from '../sim/number-text';
import { DEFAULT_SEED, DEFAULT_TRIALS } from '../sim/run-defaults';
import type { Scenario } from '../snapshot';

export interface Settings {
  trials: number;
  seed: number;
  /** fields that do not parse; trials/seed are NaN then */
  errors: FieldError[];
}

export class SettingsState {
  trialsText = $state(String(DEFAULT_TRIALS));
  seedText = $state(String(DEFAULT_SEED));

  /** Trials and seed as typed, parsed; their ranges are the models' validation's to check (it says why). */
  settings(): Settings {
    const errors: FieldError[] = [];
    const trials = parseWhole(this.trialsText);
    const seed = parseWhole(this.seedText);
    if (trials === null) errors.push({ field: 'trials', message: `must be a whole number of trials, got "${this.trialsText}"` });
    if (seed === null) errors.push({ field: 'seed', message: `must be a whole number from 0 to 4294967295, got "${this.seedText}"` });
    return { trials: trials ?? NaN, seed: seed ?? NaN, errors };
  }

  /** Fields a scenario cannot record as typed (a link, file or save waits until they are fixed). */
  problems(): FieldError[] {
    const errors: FieldError[] = [];
    if (wholeIn(this.trialsText, 1, MAX_TRIALS) === null) errors.push({ field: 'trials', message: `must be a whole number from 1 to ${MAX_TRIALS.toLocaleString('en-US')}, got "${this.trialsText}"` });
    if (wholeIn(this.seedText, 0, 0xffff_ffff) === null) errors.push({ field: 'seed', message: `must be a whole number from 0 to 4294967295, got "${this.seedText}"` });
    return errors;
  }

  /** The scenario's part; fields being typed record the defaults (sharing waits: see problems()). */
  toScenario(): Pick<Scenario, 'settings'> {
    return { settings: { trials: wholeIn(this.trialsText, 1, MAX_TRIALS) ?? DEFAULT_TRIALS, seed: wholeIn(this.seedText, 0, 0xffff_ffff) ?? DEFAULT_SEED } };
  }

  fromScenario(s: Pick<Scenario, 'settings'>): void {
    this.trialsText = String(s.settings.trials);
    this.seedText = String(s.settings.seed);
  }

  reset(): void {
    this.trialsText = String(DEFAULT_TRIALS);
    this.seedText = String(DEFAULT_SEED);
  }
}
