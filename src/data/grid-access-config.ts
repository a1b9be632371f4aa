/**
 * data/grid-access.json: the MW → kV rule table and the grid-access phase defaults, validated at
 * the edge. Errors name the file and field; the app then runs without the phase (never with
 * half-read numbers).
 */
import type { Result } from '../sim/contract';
import { validatePhaseParams, validateVoltageRules, type GridAccessPhaseParams, type VoltageRules } from '../sim/grid-access/params';

export interface GridAccessConfig {
  voltageRules: VoltageRules;
  phase: GridAccessPhaseParams;
  /** the file's own notes, shown beside the numbers (ESTIMATE and sources) */
  phaseNote: string;
}

export function parseGridAccessConfig(text: string, file = 'data/grid-access.json'): Result<GridAccessConfig> {
  let json: { voltageRules?: unknown; phase?: { note?: unknown } };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (e) {
    return { ok: false, errors: [{ field: file, message: `is not JSON (${e instanceof Error ? e.message : String(e)})` }] };
  }
  const rules = validateVoltageRules(json.voltageRules, `${file} › voltageRules`);
  const phase = validatePhaseParams(json.phase, `${file} › phase`);
  if (!rules.ok || !phase.ok) return { ok: false, errors: [...(rules.ok ? [] : rules.errors), ...(phase.ok ? [] : phase.errors)] };
  const { note, ...params } = phase.value as GridAccessPhaseParams & { note?: unknown };
  return { ok: true, value: { voltageRules: rules.value, phase: params, phaseNote: typeof note === 'string' ? note : '' } };
}
