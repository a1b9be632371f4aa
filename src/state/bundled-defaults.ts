/**
 * A tab's bundled defaults (data/*.json, validated by the core): the value, or null with every
 * problem appended to the tab's `dataErrors` as "file › field: message" (shown, never thrown).
 */
import type { Result } from '../sim/contract';

export function defaultsOrErrors<T>(loaded: Result<T>, file: string, dataErrors: string[]): T | null {
  if (loaded.ok) return loaded.value;
  dataErrors.push(...loaded.errors.map((e) => `${file} › ${e.field}: ${e.message}`));
  return null;
}
