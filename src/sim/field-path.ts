/**
 * Turns a structured path (as zod and our own walkers report it) into the dotted field path that
 * FieldError carries: `customSites[2].lat`, `queueOverrides.ercot["phases.fs.p50"]`.
 * Keys that are not plain identifiers are quoted so a dotted parameter path inside a record stays
 * one visible key rather than reading as nested fields.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

export function formatPath(where: string, path: readonly PropertyKey[]): string {
  let out = where;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const k = String(key);
      // a `where` ending in a space ("data.json: ") takes the first key without a dot
      if (IDENTIFIER.test(k)) out += out && !out.endsWith(' ') ? `.${k}` : k;
      else out += `[${JSON.stringify(k)}]`;
    }
  }
  return out.replace(/:?\s*$/, '') || '(top level)';
}
