/**
 * The last edit before a reload is kept: IndexedDB's write, started as the page goes away, may
 * never complete, so the edit is journaled synchronously (sessionStorage in the browser) and the
 * next load of the same tab replays it into the autosave slot. Another tab never takes it.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioStore } from '../../src/snapshot';
import { editJournal } from '../../src/snapshot/edit-journal';
import { appState, memoryStorage, memoryStore, settle } from './state-test-utils';

/** A store whose autosave writes never complete, as when the page unloads mid-transaction. */
function unloadingStore(): ScenarioStore & { slots: Map<string, unknown> } {
  const store = memoryStore();
  return { ...store, autosave: () => new Promise(() => {}) };
}

async function editThenLeave(journal: ReturnType<typeof memoryStorage>, store: ScenarioStore, tabId: string, name: string) {
  const { scn } = await appState({ store, journal, tabId });
  const page = new EventTarget();
  const stop = scn.startAutosave(page);
  scn.scheduleAutosave(); // on load: records only
  scn.name = name;
  scn.scheduleAutosave(); // the edit: the 0.8 s timer is armed, nothing written yet
  page.dispatchEvent(new Event('pagehide'));
  stop();
}

describe('the edit journal', () => {
  it('an edit whose IndexedDB write never completed is back after the reload, and then saved', async () => {
    const journal = memoryStorage();
    await editThenLeave(journal, unloadingStore(), 'tab-1', 'Board deck');
    expect(journal.items.size).toBe(1);

    const store = memoryStore();
    const { scn } = await appState({ store, journal, tabId: 'tab-1' });
    expect(await scn.restore('')).toBe(false);
    expect(scn.name).toBe('Board deck');
    await settle();
    // Replayed into the slot, and the journal is emptied once IndexedDB confirmed it.
    expect(store.slots.get('tab-1')?.name).toBe('Board deck');
    expect(journal.items.size).toBe(0);
  });

  it('another tab does not take this tab’s pending edit', async () => {
    const journal = memoryStorage();
    await editThenLeave(journal, unloadingStore(), 'tab-1', 'Mine');
    const { scn } = await appState({ store: memoryStore(), journal, tabId: 'tab-2' });
    await scn.restore('');
    expect(scn.name).toBe('Untitled scenario');
  });

  it('a share link in the address still wins over the journal', async () => {
    const journal = memoryStorage();
    await editThenLeave(journal, unloadingStore(), 'tab-1', 'Pending');
    const { scn } = await appState({ store: memoryStore(), journal, tabId: 'tab-1' });
    expect(await scn.restore('#s=1.broken')).toBe(false);
    expect(scn.name).toBe('Untitled scenario');
  });

  it('a damaged journal entry is reported and dropped, and the autosave slot is used', async () => {
    const journal = memoryStorage();
    journal.setItem('power-shell-pending-edit:tab-1', JSON.stringify({ text: '{"name":', savedAt: 1 }));
    const store = memoryStore();
    const { scn } = await appState({ store, journal, tabId: 'tab-1' });
    await scn.restore('');
    expect(scn.notice?.text).toBe('Your last edit before the reload could not be restored.');
    expect(journal.items.size).toBe(0);
  });

  it('a newer edit is not cleared by the confirmation of an older one', () => {
    const j = editJournal(memoryStorage());
    j.write('t', { text: 'new', savedAt: 2 });
    j.clear('t', 'old');
    expect(j.read('t')?.text).toBe('new');
    j.clear('t', 'new');
    expect(j.read('t')).toBeNull();
  });

  it('storage that throws (disabled, full) is not an error: the journal keeps nothing', () => {
    const broken = { getItem: () => { throw new Error('denied'); }, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); }, removeItem: () => {} };
    const j = editJournal(broken);
    expect(j.write('t', { text: 'x', savedAt: 1 })).toBe(false);
    expect(j.read('t')).toBeNull();
  });
});
