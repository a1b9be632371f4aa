/**
 * Display names for what the data files spell as codes: regions, kinds of site, the site fields a
 * source backs, and the parameter paths, preset ids and file names that source notes quote. What a
 * user reads names things; the codes stay in the files and the scenario.
 */
import { BUNDLED_TEXTS } from '../data/bundled';
import { presetNames } from '../data/id-names';
import type { SiteField } from '../data/schema';
import { UI_REGIONS } from '../data/ui-regions';
import { leafPaths } from '../sim/param-paths';
import { paramWords, queueGroupTitle } from '../sim/param-words';

/** A region's label ("Texas (ERCOT)"); a site outside the four regions says so. */
export function regionLabel(id: string | null | undefined): string {
  return UI_REGIONS.find((r) => r.id === id)?.label ?? 'outside the four regions';
}

/** "Power shell" or "Greenfield". */
export function kindLabel(kind: string): string {
  return kind === 'power-shell' ? 'Power shell' : 'Greenfield';
}

const SITE_FIELD_LABELS: Record<SiteField, string> = {
  name: 'name',
  kind: 'kind of site',
  status: 'status',
  gridOperator: 'grid operator',
  gridMW: 'grid connection (MW)',
  aiItMW: 'usable for AI (MW IT)',
  powerPrice: 'power price',
  pue: 'PUE',
  location: 'location',
  notes: 'notes',
};

export function siteFieldLabel(f: SiteField): string {
  return SITE_FIELD_LABELS[f];
}

interface Vocabulary {
  presetNames: ReadonlyMap<string, string>;
  /** first segments of parameter paths ("arrivals", "headroom") */
  tops: Set<string>;
  /** camelCase names the notes quote ("sizeFactor", "heldMW") */
  names: Set<string>;
}

let vocabulary: Vocabulary | null = null;

/** Read once from the bundled regions file: its parameter names (preset names: data/id-names.ts). */
function vocab(): Vocabulary {
  if (vocabulary) return vocabulary;
  const presets = (JSON.parse(BUNDLED_TEXTS.regions) as { queuePresets?: Record<string, { params?: unknown }> }).queuePresets ?? {};
  const tops = new Set<string>(['stock', 'buy', 'build', 'demand', 'supply', 'userBuilding']);
  const names = new Set<string>(['arrivalsPerYear', 'sizeFactor', 'withdrawalFactor', 'headroomMWPerYear']);
  for (const p of Object.values(presets)) {
    for (const path of leafPaths(p.params ?? {})) {
      const parts = path.split('.');
      tops.add(parts[0]);
      for (const w of parts) if (/[a-z][A-Z]/.test(w)) names.add(w);
    }
  }
  vocabulary = { presetNames: presetNames(), tops, names };
  return vocabulary;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A source note with its codes put into words: "× arrivals.sizeMW" → "× New requests: request size",
 * "split as us-lbnl" → "split as US generation queues (LBNL calibration)", "docs/data-sources.md" →
 * "the sources (Method view)". Web addresses are left as they are.
 */
export function readableSource(text: string): string {
  const v = vocab();
  return text
    .split(/(https?:\/\/\S+)/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      let out = part
        .replace(/\bdocs\/data-sources\.md\b/g, 'the sources (Method view)')
        .replace(/\bdocs\/method\.md\b/g, 'the method (Method view)')
        .replace(/\b([a-z][A-Za-z0-9]*)((?:\.[A-Za-z0-9_]+)+)\b/g, (m, top: string, rest: string) =>
          v.tops.has(top) ? `${queueGroupTitle(top)}: ${paramWords(rest.slice(1))}` : m,
        );
      for (const [id, name] of v.presetNames) out = out.replace(new RegExp(`(?<![\\w/.-])${escape(id)}(?![\\w-])`, 'g'), name);
      return out.replace(/\b[a-z]+[A-Z][A-Za-z0-9]*\b/g, (w) => (v.names.has(w) ? paramWords(w) : w));
    })
    .join('');
}
