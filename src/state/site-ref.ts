/**
 * One place that turns a bundled or a user's site into what the models read (SiteRef), so the queue
 * tab, buy vs build, Run all and scenarios ask for the same MW for the same site.
 */
import type { Site } from '../data/schema';
import type { SiteForRequest } from '../sim/requests';

/** What a request needs to know about a site, with its id and name (the panels' `site` prop). */
export interface SiteRef extends SiteForRequest {
  id: string;
  name: string;
}

/** A user's site as stored in scenarios: `aiUsableMW` is the add-site form's "Usable for AI (MW IT)". */
interface StoredCustomSite {
  id: string;
  name: string;
  queuePreset: string | null;
  gridMW: number | null;
  aiUsableMW: number | null;
  pue: number | null;
}

export function siteRefOf(s: Site | StoredCustomSite): SiteRef {
  const it = 'aiItMW' in s ? s.aiItMW : s.aiUsableMW;
  return { id: s.id, name: s.name, queuePreset: s.queuePreset, aiItMW: it, gridMW: s.gridMW, pue: s.pue };
}
