/**
 * A scenario's references to the app's data, checked by one rule for the app and the scenario CLI:
 * a key or value names a site or preset only when the data has it as its own id (never a member
 * of Object.prototype such as "toString"), else it is refused with the field that holds it.
 */
import type { FieldError } from '../sim/contract';
import type { Scenario } from './scenario';

/** Keys of buyVsBuildSiteOverrides that name no site (bundled or custom). */
export function unknownSiteOverrides(s: Pick<Scenario, 'buyVsBuildSiteOverrides'>, isSite: (id: string) => boolean, where: string): FieldError[] {
  return Object.keys(s.buyVsBuildSiteOverrides)
    .filter((id) => !isSite(id))
    .map((id) => ({ field: `${where}.buyVsBuildSiteOverrides.${id}`, message: `no site has id "${id}" in this app's data` }));
}

/** Values of leasing.presetBySite that name no market (absorption) preset. */
export function unknownMarketPresets(s: Pick<Scenario, 'leasing'>, isPreset: (id: string) => boolean, where: string): FieldError[] {
  return Object.entries(s.leasing.presetBySite).flatMap(([site, id]) =>
    isPreset(id) ? [] : [{ field: `${where}.leasing.presetBySite.${site}`, message: `no market preset is called "${id}" in this app's data` }],
  );
}
