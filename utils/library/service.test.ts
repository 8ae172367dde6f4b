// The library service over a real (in-memory) IndexedDB and the real bundled index: what a user does — add
// documents, accept names, merge one into a bundled entity, remove, restart, export and import — and what
// must never happen (a duplicate source, a half-applied change, a name that is not in the source).
import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import bundledIndex from '../../data/index.json';
import bundledMatcher from '../../data/matcher.json';
import { GlossInputError } from '../indexer/errors';
import { parseText } from '../indexer/seed-text';
import type { GlossIndex, MatcherData } from '../types';
import { entityView } from '../view/entity-view';
import { createLibraryService } from './service';
import { LibraryStorageError, openLibraryStore } from './store';

const bundled = bundledIndex as unknown as GlossIndex;
const matcher = bundledMatcher as unknown as MatcherData;

const ENGLISH = [
  'Mistral Forge opens a lab in Lyon',
  'Mistral Forge, a French start-up, said on Tuesday that it will open a research lab in Lyon with Hugging Face.',
  'The company was founded by Elodie Marchand, a former researcher at DeepSeek.',
  '“We want open models that anyone can check,” Elodie Marchand said.',
  'Mistral Forge plans to release its first model next year.',
].join('\n');

const SECOND = [
  'Investors back Mistral Forge',
  'Investors put new money into Mistral Forge this week, betting on open models.',
  'Elodie Marchand told reporters the lab in Lyon would hire fifty people.',
].join('\n');

function setup(factory = new IDBFactory(), times = ['2026-01-01T10:00:00.000Z']) {
  const published: (MatcherData | null)[] = [];
  /** The ids of the analyses each cacheAnalyses call stored (what was read afresh). */
  const cached: string[][] = [];
  let clock = 0;
  const service = createLibraryService({
    store: {
      read: () => opened.then((s) => s.read()),
      write: (c) => opened.then((s) => s.write(c)),
      replace: (d) => opened.then((s) => s.replace(d)),
      readAnalyses: () => opened.then((s) => s.readAnalyses()),
      cacheAnalyses: (put, remove) => opened.then((s) => s.cacheAnalyses(put, remove)).then(() => void cached.push(put.map((a) => a.id))),
    },
    bundled,
    bundledMatcher: matcher,
    publish: async (names) => void published.push(names),
    now: () => times[Math.min(clock++, times.length - 1)],
  });
  const opened = openLibraryStore(factory);
  return { service, published, factory, opened, cached };
}

const addText = (service: ReturnType<typeof setup>['service'], text: string, file: string) =>
  service.addDocument({ parsed: parseText(text, file), file, origin: 'file' });

describe('library service', () => {
  it('adds a document verbatim, finds the known entities it mentions and proposes its new names', async () => {
    const { service } = setup();
    const added = await addText(service, ENGLISH, 'forge.txt');
    expect(added.existing).toBe(false);
    expect(added.source).toMatchObject({ title: 'Mistral Forge opens a lab in Lyon', lang: 'en' });
    expect(added.found).toEqual(expect.arrayContaining(['hugging-face', 'deepseek']));
    const names = added.candidates.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['Mistral Forge', 'Elodie Marchand']));
    expect(names).not.toContain('Hugging Face'); // known
    const source = await service.source(added.source.id);
    expect(source!.text).toBe(ENGLISH);
    expect((await service.index()).sources[0].id).toBe(added.source.id);
  });

  it('accepting names makes entities with a verbatim summary, tells the tabs, and finds them in every source', async () => {
    const { service, published } = setup(new IDBFactory(), [
      '2026-01-01T10:00:00.000Z',
      '2026-01-01T10:01:00.000Z',
      '2026-01-02T09:00:00.000Z',
    ]);
    const first = await addText(service, ENGLISH, 'forge.txt');
    const accepted = await service.accept(first.source.id, [{ name: 'Mistral Forge' }, { name: 'Elodie Marchand', type: 'person' }]);
    expect(accepted.map((e) => e.name)).toEqual(['Mistral Forge', 'Elodie Marchand']);
    const names = published.at(-1)!;
    expect(names.aliases.map((a) => a.text).sort()).toEqual(['Elodie Marchand', 'Mistral Forge']);

    const second = await addText(service, SECOND, 'investors.txt');
    expect(second.found).toEqual(expect.arrayContaining(accepted.map((e) => e.id)));
    const index = await service.index();
    const forge = index.entities.find((e) => e.id === accepted[0].id)!;
    expect(forge.mentions.filter((m) => m.source === first.source.id)).toHaveLength(3);
    expect(forge.mentions.filter((m) => m.source === second.source.id)).toHaveLength(2);

    const view = entityView(index, accepted[0].id)!;
    expect(ENGLISH).toContain(view.summary!.text);
    expect(view.summary!.text).toContain('Mistral Forge');
    // Newest source first: the second document was added later.
    expect(view.contexts[0].source.id).toBe(second.source.id);
    // The quote in the first document is attributed to the person the user accepted.
    const marchand = entityView(index, accepted[1].id)!;
    expect(marchand.quotes.map((q) => q.text)).toEqual(['We want open models that anyone can check']);
  });

  it('adds a name to a bundled entity when the user merges it, and finds it on pages', async () => {
    const { service, published } = setup();
    const text = 'Deep Seek Labs released another model.\nAnalysts said Deep Seek Labs had surprised Silicon Valley.';
    const added = await addText(service, text, 'labs.txt');
    await service.accept(added.source.id, [{ name: 'Deep Seek Labs', mergeInto: 'deepseek' }]);
    const names = published.at(-1)!;
    expect(names.entities).toEqual([{ id: 'deepseek', type: 'organization' }]);
    const deepseek = (await service.index()).entities.find((e) => e.id === 'deepseek')!;
    expect(deepseek.mentions.filter((m) => m.source === added.source.id)).toHaveLength(2);
    expect((await service.library()).entities.find((e) => e.id === 'deepseek')!.user).toBe(false);
  });

  it('refuses a name the source does not have, or one that is already a known name, and changes nothing', async () => {
    const { service, published } = setup();
    const added = await addText(service, ENGLISH, 'forge.txt');
    await expect(service.accept(added.source.id, [{ name: 'Mistral Forgery' }])).rejects.toThrow(/not written/);
    await expect(service.accept(added.source.id, [{ name: 'Hugging Face' }])).rejects.toThrow(/already a name/);
    expect((await service.library()).entities.some((e) => e.user)).toBe(false);
    expect(published.every((names) => names === null)).toBe(true);
  });

  it('adding the same text twice keeps one source', async () => {
    const { service } = setup();
    const first = await addText(service, ENGLISH, 'forge.txt');
    const again = await addText(service, ENGLISH, 'copy-of-forge.txt');
    expect(again).toMatchObject({ existing: true, source: { id: first.source.id } });
    expect((await service.library()).sources.filter((s) => !s.bundled)).toHaveLength(1);
  });

  it('names a bad document with its file and adds nothing', async () => {
    const { service } = setup();
    await expect(addText(service, '\n\n', 'blank.txt')).rejects.toThrow(GlossInputError);
    await expect(addText(service, '\n\n', 'blank.txt')).rejects.toThrow(/blank\.txt/);
    expect((await service.library()).sources.filter((s) => !s.bundled)).toHaveLength(0);
  });

  it('removing a source removes the names accepted only from it, and keeps the rest', async () => {
    const { service, published } = setup(new IDBFactory(), [
      '2026-01-01T10:00:00.000Z',
      '2026-01-01T10:01:00.000Z',
      '2026-01-02T09:00:00.000Z',
      '2026-01-02T09:01:00.000Z',
    ]);
    const first = await addText(service, ENGLISH, 'forge.txt');
    const [forge] = await service.accept(first.source.id, [{ name: 'Mistral Forge' }]);
    const second = await addText(service, SECOND, 'investors.txt');
    const [marchand] = await service.accept(second.source.id, [{ name: 'Elodie Marchand', type: 'person' }]);
    await service.accept(first.source.id, [{ name: 'Elodie Marchand' }]); // accepted from both now

    await service.removeSource(first.source.id);
    let listing = await service.library();
    expect(listing.entities.map((e) => e.id)).not.toContain(forge.id);
    const kept = listing.entities.find((e) => e.id === marchand.id)!;
    expect(kept.sources).toEqual([second.source.id]);
    expect(published.at(-1)!.aliases.map((a) => a.text)).toEqual(['Elodie Marchand']);

    await service.removeSource(second.source.id);
    listing = await service.library();
    expect(listing.entities.some((e) => e.user)).toBe(false);
    expect(published.at(-1)).toBeNull();
  });

  it('keeps the library across a restart (a new service over the same database)', async () => {
    const factory = new IDBFactory();
    const before = setup(factory);
    const added = await addText(before.service, ENGLISH, 'forge.txt');
    // Accepted in one change, not in id order: the order shown must not depend on the database's key order.
    await before.service.accept(added.source.id, [{ name: 'Mistral Forge' }, { name: 'Elodie Marchand', type: 'person' }]);
    const listing = await before.service.library();
    (await before.opened).close();

    const after = setup(factory);
    expect(await after.service.library()).toEqual(listing);
    expect(entityView(await after.service.index(), 'u-mistral-forge')!.summary!.text).toContain('Mistral Forge');
  });

  it('export, remove everything, import: the same library', async () => {
    const { service } = setup(new IDBFactory(), ['2026-01-01T10:00:00.000Z', '2026-01-01T10:01:00.000Z', '2026-01-02T09:00:00.000Z']);
    const first = await addText(service, ENGLISH, 'forge.txt');
    await service.accept(first.source.id, [{ name: 'Mistral Forge' }, { name: 'Elodie Marchand', type: 'person' }]);
    await addText(service, SECOND, 'investors.txt');
    const before = await service.library();
    const exported = await service.exportLibrary();
    expect(exported.annotations.first.items.length).toBeGreaterThan(5);

    for (const source of before.sources.filter((s) => !s.bundled)) await service.removeSource(source.id);
    expect((await service.library()).sources.filter((s) => !s.bundled)).toHaveLength(0);

    const result = await service.importLibrary(JSON.stringify(exported), 'gloss-library.json');
    expect(result).toEqual({ added: 4, merged: 0 });
    expect(await service.library()).toEqual(before);
    // And again: everything is merged, nothing doubled.
    expect(await service.importLibrary(JSON.stringify(exported), 'gloss-library.json')).toEqual({ added: 0, merged: 4 });
    expect(await service.library()).toEqual(before);
  });

  it('a full disk is a clear error and leaves the library (stored and shown) as it was', async () => {
    const { service, published, opened } = setup();
    const first = await addText(service, ENGLISH, 'forge.txt');
    const before = await service.library();
    const store = await opened;
    vi.spyOn(store, 'write').mockRejectedValueOnce(new LibraryStorageError('quota', 'The disk is full: the library was not changed.'));
    await expect(service.accept(first.source.id, [{ name: 'Mistral Forge' }])).rejects.toThrow(/disk is full/);
    expect(await service.library()).toEqual(before);
    expect(published.every((names) => names === null)).toBe(true);
    expect((await store.read()).entities).toEqual([]);
  });

  it('a library that cannot be read leaves the bundled index for cards, and every change says why', async () => {
    const unreadable = new LibraryStorageError('newer-version', 'The library was saved by a newer version of Gloss.');
    const service = createLibraryService({
      store: {
        read: () => Promise.reject(unreadable),
        write: () => Promise.reject(new Error('no write')),
        replace: () => Promise.reject(new Error('no write')),
      },
      bundled,
      bundledMatcher: matcher,
      publish: async () => undefined,
      now: () => '2026-01-01T00:00:00.000Z',
    });
    expect(entityView(await service.index(), 'deepseek')!.name).toBe('DeepSeek');
    await expect(addText(service, ENGLISH, 'forge.txt')).rejects.toBe(unreadable);
    await expect(service.exportLibrary()).rejects.toBe(unreadable);
  });

  it('a restart reads the sources again only when the cached analyses do not fit (the cache is verified like the rest)', async () => {
    const factory = new IDBFactory();
    const before = setup(factory);
    const added = await addText(before.service, ENGLISH, 'forge.txt');
    await before.service.accept(added.source.id, [{ name: 'Mistral Forge' }]);
    const listing = await before.service.library();
    await vi.waitFor(() => expect(before.cached.at(-1)).toEqual([added.source.id]));
    const store = await before.opened;
    const [analysis] = await store.readAnalyses();
    store.close();

    // A restart with the cache: nothing is read again.
    const warm = setup(factory);
    expect(await warm.service.library()).toEqual(listing);
    await vi.waitFor(() => expect(warm.cached).toEqual([[]]));

    // A cached analysis that does not hold (its mentions moved) is not believed: the source is read again.
    const warmStore = await warm.opened;
    await warmStore.cacheAnalyses([{ ...analysis, mentions: analysis.mentions.map((m) => ({ ...m, start: m.start + 1 })) }]);
    warmStore.close();
    const cold = setup(factory);
    expect(await cold.service.library()).toEqual(listing);
    await vi.waitFor(() => expect(cold.cached).toEqual([[added.source.id]]));
    expect((await (await cold.opened).readAnalyses())[0].mentions).toEqual(analysis.mentions);
  });

  it('an accepted name’s summary is a sentence that writes it as accepted, even when the text first writes it otherwise', async () => {
    const { service } = setup();
    const text = [
      'The agency (NASA) set up a panel in 2007.',
      'Nasa said the panel would report in May.',
      'Later, Nasa published the report.',
    ].join('\n');
    const added = await addText(service, text, 'nasa.txt');
    const proposal = added.candidates.find((c) => c.name === 'Nasa');
    expect(proposal).toBeDefined();
    const [nasa] = await service.accept(added.source.id, [{ name: 'Nasa' }]);
    const view = entityView(await service.index(), nasa.id)!;
    expect(view.summary!.text).toContain('Nasa');
    expect(text.slice(view.summary!.locator.start, view.summary!.locator.end)).toBe(view.summary!.text);
  });

  it('the same name written otherwise in another source becomes one more spelling of the entity, and keeps it there', async () => {
    const { service } = setup(new IDBFactory(), [
      '2026-01-01T10:00:00.000Z',
      '2026-01-01T10:01:00.000Z',
      '2026-01-02T09:00:00.000Z',
      '2026-01-02T09:01:00.000Z',
    ]);
    const first = await addText(service, 'The NASA panel met.\nNASA said it would report.', 'a.txt');
    const [nasa] = await service.accept(first.source.id, [{ name: 'NASA' }]);
    const second = await addText(service, 'Nasa officials spoke.\nLater, Nasa published it.', 'b.txt');
    expect(await service.accept(second.source.id, [{ name: 'Nasa' }])).toEqual([{ id: nasa.id, name: 'NASA' }]);
    let entity = (await service.index()).entities.find((e) => e.id === nasa.id)!;
    expect(entity.mentions.filter((m) => m.source === second.source.id)).toHaveLength(2);
    // Removing the first source keeps the entity: the second still has it, and its summary moves there.
    await service.removeSource(first.source.id);
    entity = (await service.index()).entities.find((e) => e.id === nasa.id)!;
    expect(entity.summary!.source).toBe(second.source.id);
    expect(entity.summary!.text).toContain('Nasa');
  });

  it('one name cannot go to two entities in one accept', async () => {
    const { service } = setup();
    const added = await addText(service, ENGLISH, 'forge.txt');
    await expect(
      service.accept(added.source.id, [{ name: 'Mistral Forge', mergeInto: 'deepseek' }, { name: 'Mistral Forge' }]),
    ).rejects.toThrow(/already a name/);
    expect((await service.library()).entities.some((e) => e.user)).toBe(false);
  });

  it('a summary found by the name stands on the name, not inside a longer word', async () => {
    const { service } = setup();
    const text = 'Canada signed first.\nAda Lovelace wrote the notes.\nLater, Ada Lovelace was remembered.';
    const added = await addText(service, text, 'ada.txt');
    // Not a proposed name: the service finds its sentence itself.
    const [ada] = await service.accept(added.source.id, [{ name: 'Ada', type: 'person' }]);
    const view = entityView(await service.index(), ada.id)!;
    expect(view.summary!.text).toBe('Ada Lovelace wrote the notes.');
  });

  it('a change the store saved stays made when telling the tabs fails', async () => {
    const factory = new IDBFactory();
    const opened = openLibraryStore(factory);
    const service = createLibraryService({
      store: {
        read: () => opened.then((s) => s.read()),
        write: (c) => opened.then((s) => s.write(c)),
        replace: (d) => opened.then((s) => s.replace(d)),
      },
      bundled,
      bundledMatcher: matcher,
      publish: () => Promise.reject(new Error('QUOTA_BYTES quota exceeded')),
      now: () => '2026-01-01T00:00:00.000Z',
    });
    const added = await addText(service, ENGLISH, 'forge.txt');
    expect(await service.accept(added.source.id, [{ name: 'Mistral Forge' }])).toHaveLength(1);
    expect((await (await opened).read()).entities).toHaveLength(1);
  });
});
