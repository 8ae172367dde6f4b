import {
  IDBCursor,
  IDBCursorWithValue,
  IDBDatabase,
  IDBFactory,
  IDBIndex,
  IDBKeyRange,
  IDBObjectStore,
  IDBOpenDBRequest,
  IDBRequest,
  IDBTransaction,
  IDBVersionChangeEvent,
} from 'fake-indexeddb';
import { wrap } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { textQuoteSelector } from '../anchoring';
import { paragraphsOf } from '../testing/text-spans';
import type { TextQuote } from '../types';
import {
  LIBRARY_DB_NAME,
  LIBRARY_DB_VERSION,
  LibraryStorageError,
  MIGRATIONS,
  SCHEMA_META_ID,
  openLibraryStore,
  openLibraryStoreWith,
  type LibraryChange,
  type LibraryStore,
  type Migration,
  type UpgradeTransaction,
} from './store';
import type { LibraryAlias, LibraryData, LibraryEntity, LibrarySource } from './types';

// idb recognises IndexedDB objects by `instanceof` against the global interfaces, which a browser has and Node lacks.
// The global `indexedDB` is left alone: every test passes its own factory.
Object.assign(globalThis, {
  IDBCursor,
  IDBCursorWithValue,
  IDBDatabase,
  IDBIndex,
  IDBKeyRange,
  IDBObjectStore,
  IDBOpenDBRequest,
  IDBRequest,
  IDBTransaction,
  IDBVersionChangeEvent,
});

// --- Fixtures ----------------------------------------------------------------------------------------------------

const TEXT_A = [
  '深度求索（DeepSeek）于2025年1月20日发布推理模型DeepSeek-R1，并以MIT许可证开放权重。',
  'DeepSeek-R1 is a reasoning model released by the Hangzhou company DeepSeek in January 2025.',
  '创始人梁文锋在采访中说：“我们不会闭源。”',
].join('\n');
const TEXT_B = [
  'Moonshot AI released Kimi K2, an open-weight model, in July 2025.',
  '月之暗面表示，Kimi K2 在编程基准上超过了多数开源模型。',
].join('\n');

function quote(source: LibrarySource, passage: string): TextQuote {
  const start = source.text.indexOf(passage);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = start + passage.length;
  return { source: source.id, start, end, text: passage, ...textQuoteSelector(source.text, start, end) };
}

// The hashes are the SHA-256 of the texts; the ids follow from them.
const SOURCE_A: LibrarySource = {
  id: 'u-c92e1e5bf8aa121a',
  file: 'https://example.com/news/deepseek-r1',
  origin: 'page',
  title: 'DeepSeek 发布 R1 推理模型',
  publisher: 'Example News',
  date: '2025-01-21',
  lang: 'zh',
  url: 'https://example.com/news/deepseek-r1',
  author: '王小明',
  text: TEXT_A,
  paragraphs: paragraphsOf(TEXT_A),
  hash: 'c92e1e5bf8aa121a5b788b31970bb7702dcb943f4b5d90ef5ebbc0bcc461e8f5',
  addedAt: '2025-03-02T09:15:00.000Z',
};
// Its id sorts before A's while it was added after: read() must order by addedAt, not by key.
const SOURCE_B: LibrarySource = {
  id: 'u-673e3b47aeeffbed',
  file: 'kimi-k2.md',
  origin: 'file',
  title: 'Kimi K2',
  lang: 'en',
  text: TEXT_B,
  paragraphs: paragraphsOf(TEXT_B),
  hash: '673e3b47aeeffbed389bcc17f0f5864eb24b865d86942c4866730c2ad5fdce8e',
  addedAt: '2025-03-05T18:40:12.000Z',
};

const ENTITY_R1: LibraryEntity = {
  id: 'u-deepseek-r1',
  type: 'model',
  names: { en: 'DeepSeek-R1' },
  aliases: [{ text: 'DeepSeek-R1', case: 'any' }],
  summary: quote(SOURCE_A, 'DeepSeek-R1 is a reasoning model released by the Hangzhou company DeepSeek in January 2025.'),
  acceptedFrom: [SOURCE_A.id],
  addedAt: '2025-03-02T09:16:30.000Z',
};
const ENTITY_LIANG: LibraryEntity = {
  id: 'u-liang-wenfeng',
  type: 'person',
  names: { en: 'Liang Wenfeng', zh: '梁文锋' },
  aliases: [
    { text: '梁文锋', case: 'exact' },
    { text: 'Liang Wenfeng', case: 'any' },
  ],
  summary: quote(SOURCE_A, '创始人梁文锋在采访中说：“我们不会闭源。”'),
  acceptedFrom: [SOURCE_A.id],
  addedAt: '2025-03-02T09:17:02.000Z',
};
const ALIAS_DEEPSEEK: LibraryAlias = {
  id: 'deepseek|深度求索',
  entity: 'deepseek',
  alias: { text: '深度求索', case: 'exact' },
  acceptedFrom: [SOURCE_A.id],
  addedAt: '2025-03-02T09:18:45.000Z',
};
const ALIAS_MOONSHOT: LibraryAlias = {
  id: 'moonshot-ai|月之暗面',
  entity: 'moonshot-ai',
  alias: { text: '月之暗面', case: 'exact' },
  acceptedFrom: [SOURCE_B.id],
  addedAt: '2025-03-05T18:41:00.000Z',
};

const FULL: LibraryData = { sources: [SOURCE_A, SOURCE_B], entities: [ENTITY_R1, ENTITY_LIANG], aliases: [ALIAS_DEEPSEEK, ALIAS_MOONSHOT] };
const FULL_CHANGE: LibraryChange = { putSources: FULL.sources, putEntities: FULL.entities, putAliases: FULL.aliases };

// --- Harness -----------------------------------------------------------------------------------------------------

const NAME = LIBRARY_DB_NAME;
let factory: IDBFactory;
let opened: LibraryStore[];

beforeEach(() => {
  factory = new IDBFactory();
  opened = [];
});

afterEach(() => {
  for (const store of opened) store.close();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

async function open(migrations: readonly Migration[] = MIGRATIONS): Promise<LibraryStore> {
  const store = migrations === MIGRATIONS ? await openLibraryStore(factory, NAME) : await openLibraryStoreWith(factory, NAME, migrations);
  opened.push(store);
  return store;
}

async function failure(promise: Promise<unknown>): Promise<LibraryStorageError> {
  const error = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(LibraryStorageError);
  return error as LibraryStorageError;
}

function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** A raw connection at `version` (the stored one if omitted); an upgrade runs `migrations` raw, as an old Gloss did. */
function rawOpen(version?: number, migrations: readonly Migration[] = MIGRATIONS): Promise<IDBDatabase> {
  const request = version === undefined ? factory.open(NAME) : factory.open(NAME, version);
  request.onupgradeneeded = (event) => {
    const db = wrap(request.result);
    const tx = wrap(request.transaction!) as unknown as UpgradeTransaction;
    for (let v = event.oldVersion; v < (event.newVersion ?? 0); v++) void migrations[v](db, tx);
  };
  return settled(request);
}

/** A database at `version` holding `data`, written with plain IndexedDB puts as the Gloss of that version did. */
async function createDatabaseAt(version: number, migrations: readonly Migration[], data: LibraryData): Promise<void> {
  const db = await rawOpen(version, migrations);
  const tx = db.transaction(['sources', 'entities', 'aliases'], 'readwrite');
  for (const source of data.sources) tx.objectStore('sources').put(source);
  for (const entity of data.entities) tx.objectStore('entities').put(entity);
  for (const alias of data.aliases) tx.objectStore('aliases').put(alias);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error);
  });
  db.close();
}

interface Dump {
  version: number;
  stores: Record<string, { keyPath: unknown; indexes: Record<string, unknown>; records: unknown[] }>;
}

/** Everything in the database, read with a separate raw connection: "exactly as before" compares two of these. */
async function dump(): Promise<Dump> {
  const db = await rawOpen();
  const names = [...db.objectStoreNames];
  const result: Dump = { version: db.version, stores: {} };
  if (names.length > 0) {
    const tx = db.transaction(names, 'readonly');
    for (const name of names) {
      const store = tx.objectStore(name);
      const indexes = Object.fromEntries([...store.indexNames].map((index) => [index, store.index(index).keyPath]));
      result.stores[name] = { keyPath: store.keyPath, indexes, records: await settled(store.getAll()) };
    }
  }
  db.close();
  return result;
}

/** put() on `storeName` throws `error`, as an engine does when it refuses a value before any request exists. */
function throwOnPut(storeName: string, error: DOMException) {
  const put = IDBObjectStore.prototype.put;
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    if (this.name === storeName) throw error;
    return put.call(this, value, key);
  });
}

/**
 * The first put succeeds, then the transaction aborts with an error named `errorName` while other requests are
 * pending: how a full disk shows when an engine's commit fails. Uses fake-indexeddb's own abort-with-error (its
 * `_abort`, pinned at 6.2.8); were it renamed these tests fail, they don't pass vacuously.
 */
function abortAfterFirstPut(errorName: string) {
  const put = IDBObjectStore.prototype.put;
  let fired = false;
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const request = put.call(this, value, key);
    if (!fired) {
      fired = true;
      const tx = this.transaction as unknown as { _abort(name: string): void };
      request.addEventListener('success', () => tx._abort(errorName), { once: true });
    }
    return request;
  });
}

// --- Tests -------------------------------------------------------------------------------------------------------

describe('round trip', () => {
  it('reads back what was written, also after the browser restarts', async () => {
    const store = await open();
    expect(await store.read()).toEqual({ sources: [], entities: [], aliases: [] });
    await store.write(FULL_CHANGE);
    expect(await store.read()).toEqual(FULL);

    store.close();
    const reopened = await open();
    expect(await reopened.read()).toEqual(FULL);
  });

  it('reads sources in the order they were added, whatever their ids', async () => {
    const store = await open();
    await store.write({ putSources: [SOURCE_B, SOURCE_A] });
    expect(SOURCE_B.id < SOURCE_A.id).toBe(true);
    expect((await store.read()).sources.map((source) => source.id)).toEqual([SOURCE_A.id, SOURCE_B.id]);
  });

  it('overwrites a record put again under its id', async () => {
    const store = await open();
    await store.write(FULL_CHANGE);
    const renamed = { ...ENTITY_R1, names: { en: 'DeepSeek-R1', zh: '深度求索R1' } };
    await store.write({ putEntities: [renamed] });
    expect((await store.read()).entities).toEqual([renamed, ENTITY_LIANG]);
  });

  it('opens the global indexedDB by default, and says when there is none', async () => {
    vi.stubGlobal('indexedDB', undefined);
    expect((await failure(openLibraryStore())).kind).toBe('unavailable');

    vi.stubGlobal('indexedDB', factory);
    const store = await openLibraryStore();
    opened.push(store);
    await store.write({ putSources: [SOURCE_A] });
    expect(await factory.databases()).toEqual([{ name: LIBRARY_DB_NAME, version: LIBRARY_DB_VERSION }]);
    expect((await dump()).stores.sources.records).toEqual([SOURCE_A]);
  });
});

describe('delete', () => {
  it('deletes only the records named', async () => {
    const store = await open();
    await store.write(FULL_CHANGE);
    await store.write({ deleteSources: [SOURCE_B.id], deleteEntities: [ENTITY_R1.id], deleteAliases: [ALIAS_MOONSHOT.id] });
    expect(await store.read()).toEqual({ sources: [SOURCE_A], entities: [ENTITY_LIANG], aliases: [ALIAS_DEEPSEEK] });
  });

  it('deletes and puts in one change', async () => {
    const store = await open();
    await store.write({ putSources: [SOURCE_A], putEntities: [ENTITY_R1] });
    await store.write({ deleteEntities: [ENTITY_R1.id], putEntities: [ENTITY_LIANG], putSources: [SOURCE_B] });
    expect(await store.read()).toEqual({ sources: [SOURCE_A, SOURCE_B], entities: [ENTITY_LIANG], aliases: [] });
  });
});

describe('replace', () => {
  it('makes the library exactly the data given', async () => {
    const store = await open();
    await store.write(FULL_CHANGE);
    const imported: LibraryData = { sources: [SOURCE_B], entities: [], aliases: [ALIAS_MOONSHOT] };
    await store.replace(imported);
    expect(await store.read()).toEqual(imported);
  });

  it('refuses invalid data and keeps the library', async () => {
    const store = await open();
    await store.write(FULL_CHANGE);
    const before = await dump();
    const error = await failure(store.replace({ sources: [SOURCE_B, SOURCE_B], entities: [], aliases: [] }));
    expect(error.kind).toBe('invalid');
    expect(await dump()).toEqual(before);
  });
});

describe('atomicity', () => {
  // Each change also holds valid puts and deletes, which must not land either.
  const invalidChanges: [string, LibraryChange, RegExp][] = [
    ['an empty id', { putSources: [SOURCE_B], putEntities: [{ ...ENTITY_LIANG, id: '' }] }, /entity #1 has no id/],
    [
      'an id that is not a string',
      { deleteSources: [SOURCE_A.id], putAliases: [{ ...ALIAS_MOONSHOT, id: 7 as unknown as string }] },
      /alias #1/,
    ],
    ['an empty id to delete', { putSources: [SOURCE_B], deleteAliases: [ALIAS_DEEPSEEK.id, ''] }, /alias #2 to delete has no id/],
    [
      'two puts of one id',
      { putSources: [SOURCE_B, { ...SOURCE_B, title: 'Kimi K2 (2)' }] },
      /source "u-673e3b47aeeffbed" appears more than once/,
    ],
    [
      'a put and a delete of one id',
      { putSources: [SOURCE_B], putEntities: [ENTITY_R1], deleteEntities: [ENTITY_R1.id] },
      /entity "u-deepseek-r1"/,
    ],
    [
      'a paragraph past the end of its text',
      {
        putSources: [
          {
            ...SOURCE_B,
            paragraphs: [
              [0, 65],
              [66, TEXT_B.length + 1],
            ],
          },
        ],
      },
      /source "u-673e3b47aeeffbed" has a paragraph \[66,98\] outside its text \(97 characters\)/,
    ],
    [
      'a paragraph ending before it starts',
      { putSources: [{ ...SOURCE_B, paragraphs: [[10, 4]] }] },
      /source "u-673e3b47aeeffbed".*\[10,4\]/,
    ],
    ['a negative paragraph start', { putSources: [{ ...SOURCE_B, paragraphs: [[-1, 4]] }] }, /source "u-673e3b47aeeffbed".*\[-1,4\]/],
  ];

  it.each(invalidChanges)('writes nothing of a change with %s, and names the record', async (_, change, named) => {
    const store = await open();
    await store.write({ putSources: [SOURCE_A], putEntities: [ENTITY_R1], putAliases: [ALIAS_DEEPSEEK] });
    const before = await dump();
    const error = await failure(store.write(change));
    expect(error.kind).toBe('invalid');
    expect(error.message).toMatch(named);
    expect(error.message).toMatch(/not changed/);
    expect(await dump()).toEqual(before);
  });

  const quotaNames = ['QuotaExceededError', 'NS_ERROR_FILE_NO_DEVICE_SPACE', 'NS_ERROR_DOM_QUOTA_REACHED'];
  const simulations: [string, (name: string) => unknown][] = [
    ['put throws', (name) => throwOnPut('entities', new DOMException('The disk is full.', name))],
    ['the transaction aborts with it', abortAfterFirstPut],
  ];

  describe.each(simulations)('a full disk (%s)', (_, simulate) => {
    it.each(quotaNames)('%s leaves the library exactly as before and says so', async (name) => {
      const store = await open();
      await store.write({ putSources: [SOURCE_A], putEntities: [ENTITY_R1], putAliases: [ALIAS_DEEPSEEK] });
      const before = await dump();

      simulate(name);
      const error = await failure(
        store.write({ putSources: [SOURCE_B], deleteSources: [SOURCE_A.id], putEntities: [ENTITY_LIANG], putAliases: [ALIAS_MOONSHOT] }),
      );
      vi.restoreAllMocks();

      expect(error.kind).toBe('quota');
      expect(error.message).toMatch(/not changed/);
      expect(error.message).toMatch(/free some disk space/i);
      expect((error.cause as DOMException).name).toBe(name);
      expect(await dump()).toEqual(before);
      // The store is still usable once there is room again.
      await store.write({ putSources: [SOURCE_B] });
      expect((await store.read()).sources).toEqual([SOURCE_A, SOURCE_B]);
    });
  });

  it('a full disk during replace keeps the library', async () => {
    const store = await open();
    await store.write(FULL_CHANGE);
    const before = await dump();
    abortAfterFirstPut('QuotaExceededError');
    const error = await failure(store.replace({ sources: [SOURCE_B], entities: [], aliases: [] }));
    expect(error.kind).toBe('quota');
    expect(await dump()).toEqual(before);
  });

  it('any other failure inside the transaction also leaves the library as before', async () => {
    const store = await open();
    await store.write({ putSources: [SOURCE_A] });
    const before = await dump();

    // A value IndexedDB cannot clone: the engine refuses it after the source's put was issued.
    const uncloneable = { ...ENTITY_R1, names: { en: 'DeepSeek-R1', toString: () => 'R1' } } as unknown as LibraryEntity;
    const refused = await failure(store.write({ putSources: [SOURCE_B], putEntities: [uncloneable] }));
    expect(refused.kind).toBe('invalid');
    expect((refused.cause as DOMException).name).toBe('DataCloneError');
    expect(await dump()).toEqual(before);

    throwOnPut('aliases', new DOMException('Internal error.', 'UnknownError'));
    const failed = await failure(store.write({ putSources: [SOURCE_B], putAliases: [ALIAS_MOONSHOT] }));
    expect(failed.kind).toBe('unavailable');
    expect(failed.message).toMatch(/not changed/);
    expect(await dump()).toEqual(before);
  });
});

describe('schema and migrations', () => {
  it('creates the first schema in a new database', async () => {
    await open();
    const { version, stores } = await dump();
    expect(version).toBe(LIBRARY_DB_VERSION);
    expect(stores).toEqual({
      aliases: { keyPath: 'id', indexes: {}, records: [] },
      analyses: { keyPath: 'id', indexes: {}, records: [] },
      entities: { keyPath: 'id', indexes: {}, records: [] },
      meta: { keyPath: 'id', indexes: {}, records: [{ id: SCHEMA_META_ID, version: LIBRARY_DB_VERSION }] },
      sources: { keyPath: 'id', indexes: { hash: 'hash', url: 'url' }, records: [] },
    });
  });

  it('reads a version-1 library as the first Gloss wrote it', async () => {
    await createDatabaseAt(1, MIGRATIONS, FULL);
    const store = await open();
    expect(await store.read()).toEqual(FULL);
    expect((await dump()).version).toBe(LIBRARY_DB_VERSION);
    // Version 2 added the analyses cache, empty after the upgrade.
    expect(await store.readAnalyses()).toEqual([]);
  });

  it('caches analyses beside the library, and drops those asked', async () => {
    const store = await open();
    await store.write({ putSources: FULL.sources });
    const analysis = (id: string) => ({
      id,
      key: 'k1',
      mentions: [{ start: 0, end: 3, entity: 1, alias: 2 }],
      sentences: [[0, 10]] as [number, number][],
      quotes: [],
    });
    await store.cacheAnalyses([analysis('a'), analysis('b')]);
    await store.cacheAnalyses([], ['a']);
    expect(await store.readAnalyses()).toEqual([analysis('b')]);
    expect(await store.read()).toEqual({ ...FULL, entities: [], aliases: [] });
  });

  it('runs an appended migration over a version-1 library, in its upgrade transaction', async () => {
    await createDatabaseAt(1, MIGRATIONS, FULL);
    const ran: number[] = [];
    const version2: Migration = async (db, tx) => {
      ran.push(2);
      tx.objectStore('sources').createIndex('addedAt', 'addedAt');
      // Rewriting records needs awaits on IndexedDB requests inside the upgrade.
      let cursor = await tx.objectStore('entities').openCursor();
      while (cursor) {
        const entity = cursor.value as LibraryEntity;
        await cursor.update({ ...entity, names: { ...entity.names, en: entity.names.en.toUpperCase() } });
        cursor = await cursor.continue();
      }
      expect(db.objectStoreNames.contains('meta')).toBe(true);
    };
    const store = await open([...MIGRATIONS, version2]);

    expect(ran).toEqual([2]);
    const { entities, sources, aliases } = await store.read();
    expect(entities.map((entity) => entity.names.en)).toEqual(['DEEPSEEK-R1', 'LIANG WENFENG']);
    expect({ sources, aliases }).toEqual({ sources: FULL.sources, aliases: FULL.aliases });
    const after = await dump();
    expect(after.version).toBe(LIBRARY_DB_VERSION + 1);
    expect(after.stores.sources.indexes).toEqual({ addedAt: 'addedAt', hash: 'hash', url: 'url' });
    expect(after.stores.meta.records).toEqual([{ id: SCHEMA_META_ID, version: LIBRARY_DB_VERSION + 1 }]);
  });

  it('a failing migration leaves the library at its version, untouched', async () => {
    await createDatabaseAt(1, MIGRATIONS, FULL);
    const before = await dump();
    const broken = new Error('cannot rewrite');
    const version2: Migration = async (_db, tx) => {
      await tx.objectStore('sources').clear();
      throw broken;
    };
    const error = await failure(open([...MIGRATIONS, version2]));
    expect(error.kind).toBe('unavailable');
    expect(error.cause).toBe(broken);
    expect(await dump()).toEqual(before);
    expect(await (await open()).read()).toEqual(FULL);
  });

  it('a full disk while creating the library leaves no library behind', async () => {
    throwOnPut('meta', new DOMException('The disk is full.', 'QuotaExceededError'));
    const error = await failure(open());
    expect(error.kind).toBe('quota');
    expect(error.message).toMatch(/free some disk space/i);
    expect(await factory.databases()).toEqual([]);
  });

  it('a full disk during an upgrade leaves the library at its version, untouched', async () => {
    await createDatabaseAt(1, MIGRATIONS, FULL);
    const before = await dump();
    const version2: Migration = async (_db, tx) => {
      for (const source of FULL.sources) await tx.objectStore('sources').put({ ...source, title: source.title.toUpperCase() });
    };
    abortAfterFirstPut('QuotaExceededError');
    const error = await failure(open([...MIGRATIONS, version2]));
    vi.restoreAllMocks();
    expect(error.kind).toBe('quota');
    expect(error.message).toMatch(/not changed/);
    expect(await dump()).toEqual(before);
  });

  it('refuses a library from a newer Gloss and does not touch it', async () => {
    const newer: Migration = (db) => void db.createObjectStore('notes', { keyPath: 'id' });
    await createDatabaseAt(LIBRARY_DB_VERSION + 1, [...MIGRATIONS, newer], FULL);
    const before = await dump();
    expect(before.version).toBe(LIBRARY_DB_VERSION + 1);

    const error = await failure(open());
    expect(error.kind).toBe('newer-version');
    expect(error.message).toMatch(/newer version of Gloss/);
    expect(await dump()).toEqual(before);
  });

  it('says "blocked" while an old connection holds the library, and leaks no connection', async () => {
    await createDatabaseAt(1, MIGRATIONS, FULL);
    const old = await rawOpen(1); // an old Gloss that ignores versionchange
    const noop: Migration = () => undefined;
    const error = await failure(open([...MIGRATIONS, noop]));
    expect(error.kind).toBe('blocked');

    // The old connection goes; the pending upgrade then completes and its connection must be closed at once,
    // or it would block the next version in turn.
    old.close();
    const blocked = vi.fn();
    const request = factory.open(NAME, 3);
    request.onblocked = blocked;
    const next = await settled(request);
    expect(blocked).not.toHaveBeenCalled();
    expect(next.version).toBe(3);
    next.close();
  });

  it('steps aside when a newer Gloss upgrades the library, then reports itself closed', async () => {
    const store = await open();
    await store.write(FULL_CHANGE);
    const blocked = vi.fn();
    const request = factory.open(NAME, LIBRARY_DB_VERSION + 1);
    request.onblocked = blocked;
    const newer = await settled(request);
    expect(blocked).not.toHaveBeenCalled();
    newer.close();

    for (const call of [store.read(), store.write({ putSources: [SOURCE_B] })]) {
      const error = await failure(call);
      expect(error.kind).toBe('unavailable');
      expect(error.message).toMatch(/^The library is closed \(Gloss may have been updated/);
    }
  });

  it('close() closes the connection for good', async () => {
    const store = await open();
    store.close();
    for (const call of [store.read(), store.replace(FULL)]) {
      const error = await failure(call);
      expect(error.kind).toBe('unavailable');
      expect(error.message).toMatch(/^The library was closed/);
    }
    // Nothing holds the database: a newer version opens without waiting.
    const blocked = vi.fn();
    const request = factory.open(NAME, LIBRARY_DB_VERSION + 1);
    request.onblocked = blocked;
    (await settled(request)).close();
    expect(blocked).not.toHaveBeenCalled();
  });
});
