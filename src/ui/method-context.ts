/**
 * How a panel opens the Method view at a section: App provides the opener through Svelte context
 * (svelte-maplibre-gl's habit: a getter that throws when the provider is missing).
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('method-view');

/** Opens the Method view at a section id such as "method-1" or "sources-4.1". */
export type OpenMethod = (sectionId: string) => void;

export function provideMethodView(open: OpenMethod): void {
  setContext(KEY, open);
}

export function methodView(): OpenMethod {
  const open = getContext<OpenMethod | undefined>(KEY);
  if (!open) throw new Error('methodView() needs provideMethodView() in an ancestor (App.svelte)');
  return open;
}
