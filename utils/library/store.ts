// The user's library in IndexedDB, used by the background. A change is one readwrite transaction over every data
// store, so it lands whole or not at all; every failure comes back as a LibraryStorageError whose message can be
// shown to the user as it is. Nothing lives at module level: each LibraryStore owns its connection.
import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { LibraryAlias, LibraryData, LibraryEntity, LibrarySource } from './types';

export const LIBRARY_DB_NAME = 'gloss-library';

/** The one record of `meta`: the schema version that last upgraded the database (for diagnostics and exports). */
export interface LibrarySchemaMeta {
  id: typeof SCHEMA_META_ID;
  version: number;
}
export const SCHEMA_META_ID = 'schema';

interface LibrarySchema extends DBSchema {
  sources: { key: string; value: LibrarySource; indexes: { hash: string; url: string } };
  entities: { key: string; value: LibraryEntity };
  aliases: { key: string; value: LibraryAlias };
  meta: { key: string; value: LibrarySchemaMeta };
  analyses: { key: string; value: StoredAnalysis };
}

/**
 * What the pipeline derived from one source with one set of names (`key`): kept so that a background that starts
 * (or a service worker Chrome woke) does not read every source again. A cache: losing it costs time, not data.
 */
export interface StoredAnalysis {
  /** The source's id. */
  id: string;
  /** The names it was derived with (derive.ts): a different key means it is stale. */
  key: string;
  mentions: { start: number; end: number; entity: number; alias: number }[];
  sentences: [number, number][];
  quotes: { start: number; end: number; speaker: string }[];
}

/** Untyped on purpose: a migration sees the schema of its own time, not today's LibrarySchema. */
export type UpgradeTransaction = IDBPTransaction<unknown, string[], 'versionchange'>;
export type Migration = (db: IDBPDatabase, tx: UpgradeTransaction) => void | Promise<void>;

/**
 * MIGRATIONS[i] upgrades a database from version i to i + 1, and LIBRARY_DB_VERSION is their count. A browser may
 * hold a database of any earlier version, so the list is append-only: a shipped migration is never edited.
 *
 * To add version 2, append one function: change stores and indexes through `db`, rewrite records through
 * `tx.objectStore(…)` (await only IndexedDB requests, or the upgrade transaction commits under you), then update
 * LibrarySchema and ./types to the new shapes, and add a test that opens a version-1 database written the old way.
 */
export const MIGRATIONS: readonly Migration[] = [
  // 0 → 1: the first schema.
  (db) => {
    const sources = db.createObjectStore('sources', { keyPath: 'id' });
    sources.createIndex('hash', 'hash');
    sources.createIndex('url', 'url');
    db.createObjectStore('entities', { keyPath: 'id' });
    db.createObjectStore('aliases', { keyPath: 'id' });
    db.createObjectStore('meta', { keyPath: 'id' });
  },
  // 1 → 2: each source's derived analysis, cached (StoredAnalysis).
  (db) => {
    db.createObjectStore('analyses', { keyPath: 'id' });
  },
];

/** The schema version (2): the number of migrations, so appending one is the whole of bumping it. */
export const LIBRARY_DB_VERSION = MIGRATIONS.length;

export interface LibraryChange {
  putSources?: LibrarySource[];
  deleteSources?: string[];
  putEntities?: LibraryEntity[];
  deleteEntities?: string[];
  putAliases?: LibraryAlias[];
  deleteAliases?: string[];
}

export interface LibraryStore {
  /** Everything, sources in `addedAt` order. */
  read(): Promise<LibraryData>;
  /** One readwrite transaction over all data stores: all of the change or none of it. */
  write(change: LibraryChange): Promise<void>;
  /** The library becomes exactly `data` (clear and put in one transaction): import-all, tests. */
  replace(data: LibraryData): Promise<void>;
  /** The cached analyses (none when the cache cannot be read: it is only a cache). */
  readAnalyses(): Promise<StoredAnalysis[]>;
  /** Caches analyses and drops those of `remove`; failures are ignored (a full disk keeps the library, not the cache). */
  cacheAnalyses(put: StoredAnalysis[], remove?: string[]): Promise<void>;
  close(): void;
}

export type LibraryStorageErrorKind = 'quota' | 'newer-version' | 'blocked' | 'unavailable' | 'invalid';

export class LibraryStorageError extends Error {
  override readonly name = 'LibraryStorageError';
  readonly kind: LibraryStorageErrorKind;

  constructor(kind: LibraryStorageErrorKind, message: string, options?: ErrorOptions) {
    super(message, options);
    this.kind = kind;
  }
}

const DATA_STORES = ['sources', 'entities', 'aliases'] as const;

const MESSAGES = {
  quota:
    'There is not enough free disk space to save the library, so it was not changed. Free some disk space (or remove sources you no longer need) and try again.',
  quotaOnUpgrade:
    'There is not enough free disk space to prepare the library for this version of Gloss; it was not changed. Free some disk space and restart the browser.',
  newerVersion: 'The library was saved by a newer version of Gloss, which this one cannot read. Update Gloss; the library was not changed.',
  blocked:
    'The library could not be updated because an older version of Gloss still has it open. Restart the browser and try again; the library was not changed.',
  noIndexedDB: 'The library cannot be opened: this browser offers no IndexedDB here (a private window may disable it).',
  closed: 'The library is closed (Gloss may have been updated meanwhile). Reload and try again; nothing was changed.',
  closedByCaller: 'The library was closed; open it again to continue.',
  terminated: 'The browser closed the library (its storage may have been cleared). Reload and try again.',
} as const;

const FAILED: Record<Action, string> = {
  open: 'The library could not be opened',
  read: 'The library could not be read',
  write: 'The library could not be saved, so it was not changed',
};

type Action = 'open' | 'read' | 'write';

// Chrome and Safari name a full disk QuotaExceededError; Firefox may surface its internal names instead.
const QUOTA_ERROR_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_FILE_NO_DEVICE_SPACE', 'NS_ERROR_DOM_QUOTA_REACHED']);
const LEGACY_QUOTA_EXCEEDED_CODE = 22;

function isQuotaError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code, message } = error as { name?: unknown; code?: unknown; message?: unknown };
  return (
    (typeof name === 'string' && QUOTA_ERROR_NAMES.has(name)) ||
    (error instanceof DOMException && code === LEGACY_QUOTA_EXCEEDED_CODE) ||
    (typeof message === 'string' && /NS_ERROR_(?:FILE_NO_DEVICE_SPACE|DOM_QUOTA_REACHED)/.test(message))
  );
}

function describeError(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return error.message ? `${error.name}: ${error.message}` : error.name;
  return String(error);
}

function toStorageError(error: unknown, action: Action): LibraryStorageError {
  if (error instanceof LibraryStorageError) return error;
  const options = { cause: error };
  if (isQuotaError(error)) return new LibraryStorageError('quota', action === 'open' ? MESSAGES.quotaOnUpgrade : MESSAGES.quota, options);
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'VersionError') return new LibraryStorageError('newer-version', MESSAGES.newerVersion, options);
  // A record IndexedDB refuses (a bad key, a value it cannot clone) despite passing validate().
  if (action === 'write' && (name === 'DataError' || name === 'DataCloneError')) {
    return new LibraryStorageError(
      'invalid',
      `A record could not be stored (${describeError(error)}), so the library was not changed.`,
      options,
    );
  }
  return new LibraryStorageError('unavailable', `${FAILED[action]} (${describeError(error)}).`, options);
}

// --- Validation: before any transaction, so a refused change never reaches the database ---------------------------

function invalid(problem: string): never {
  throw new LibraryStorageError('invalid', `The library was not changed: ${problem}.`);
}

function checkStore<T extends { id: string }>(
  label: string,
  puts: readonly T[] | undefined,
  deletes: readonly string[] | undefined,
  checkRecord?: (record: T) => string | undefined,
): void {
  if (puts !== undefined && !Array.isArray(puts)) invalid(`the ${label}s to save are not a list`);
  if (deletes !== undefined && !Array.isArray(deletes)) invalid(`the ${label}s to delete are not a list`);
  // A put and a delete of one id, or two puts, would leave the outcome to the order of the requests.
  const seen = new Set<string>();
  const claim = (id: unknown, where: string): void => {
    if (typeof id !== 'string' || id === '') invalid(`${where} has no id`);
    if (seen.has(id)) invalid(`${label} "${id}" appears more than once in one change`);
    seen.add(id);
  };
  puts?.forEach((record, i) => {
    if (typeof record !== 'object' || record === null) invalid(`${label} #${i + 1} is not a record`);
    claim(record.id, `${label} #${i + 1}`);
    const problem = checkRecord?.(record);
    if (problem) invalid(`${label} "${record.id}" ${problem}`);
  });
  deletes?.forEach((id, i) => claim(id, `${label} #${i + 1} to delete`));
}

/** Every locator into a source points into its text, so its paragraphs must lie there too. */
function sourceProblem(source: LibrarySource): string | undefined {
  const { text, paragraphs } = source;
  if (typeof text !== 'string') return 'has no text';
  if (!Array.isArray(paragraphs)) return 'has no paragraph list';
  for (const paragraph of paragraphs) {
    const [start, end] = Array.isArray(paragraph) && paragraph.length === 2 ? paragraph : [NaN, NaN];
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
      return `has a paragraph ${JSON.stringify(paragraph)} outside its text (${text.length} characters)`;
    }
  }
  return undefined;
}

function validate(change: LibraryChange): void {
  if (typeof change !== 'object' || change === null) invalid('the change is not a record');
  checkStore('source', change.putSources, change.deleteSources, sourceProblem);
  checkStore('entity', change.putEntities, change.deleteEntities);
  checkStore('alias', change.putAliases, change.deleteAliases);
}

// --- Opening -------------------------------------------------------------------------------------------------------

async function upgrade(db: IDBPDatabase, oldVersion: number, newVersion: number, tx: UpgradeTransaction, migrations: readonly Migration[]) {
  // In order, each awaited: a migration may rewrite records that the one before it created.
  for (let version = oldVersion; version < newVersion; version++) await migrations[version](db, tx);
  const meta: LibrarySchemaMeta = { id: SCHEMA_META_ID, version: newVersion };
  await tx.objectStore('meta').put(meta);
}

/**
 * idb's `openDB` always opens the global `indexedDB`, so this is the same thing over a given factory: `upgrade`
 * runs inside the versionchange transaction with idb's arguments, and its failure aborts the whole upgrade.
 */
function openDatabase(factory: IDBFactory, name: string, migrations: readonly Migration[]): Promise<IDBDatabase> {
  const version = migrations.length;
  return new Promise((resolve, reject) => {
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, version);
    } catch (error) {
      reject(toStorageError(error, 'open'));
      return;
    }
    let upgradeTransaction: IDBTransaction | null = null;
    let upgradeError: unknown;
    // Once the caller has been told "blocked", a connection that opens later is closed, never leaked.
    let gaveUp = false;

    request.onupgradeneeded = (event) => {
      upgradeTransaction = request.transaction;
      if (!upgradeTransaction) return;
      const tx = wrap(upgradeTransaction) as unknown as UpgradeTransaction;
      // An aborted upgrade reaches the caller through the request's error; this copy of it must not go unhandled.
      tx.done.catch(() => undefined);
      upgrade(wrap(request.result), event.oldVersion, event.newVersion ?? version, tx, migrations).catch((error: unknown) => {
        upgradeError = error;
        try {
          tx.abort();
        } catch {
          // Already aborted by the failed request itself.
        }
      });
    };
    request.onblocked = () => {
      gaveUp = true;
      reject(new LibraryStorageError('blocked', MESSAGES.blocked));
    };
    request.onsuccess = () => {
      if (gaveUp) request.result.close();
      else resolve(request.result);
    };
    request.onerror = (event) => {
      event.preventDefault();
      // The request reports only AbortError. The cause is the transaction's own error when the engine aborted it
      // (a full disk: the migration then fails too, on the dead transaction), else what the migration threw.
      reject(toStorageError(upgradeTransaction?.error ?? upgradeError ?? request.error, 'open'));
    };
  });
}

function defaultFactory(): IDBFactory | undefined {
  try {
    return globalThis.indexedDB;
  } catch {
    // Some browsers throw on the mere access where storage is disabled.
    return undefined;
  }
}

/** Opens (creating or upgrading) the library in `factory`, the global `indexedDB` by default. */
export function openLibraryStore(factory?: IDBFactory, name: string = LIBRARY_DB_NAME): Promise<LibraryStore> {
  return openLibraryStoreWith(factory ?? defaultFactory(), name, MIGRATIONS);
}

/**
 * `openLibraryStore` over a given migration list (its length is the version it opens): how a test tries the next
 * schema version, or an older connection blocking it, before that version exists. The app uses `openLibraryStore`.
 */
export async function openLibraryStoreWith(
  factory: IDBFactory | undefined,
  name: string,
  migrations: readonly Migration[],
): Promise<LibraryStore> {
  if (!factory) throw new LibraryStorageError('unavailable', MESSAGES.noIndexedDB);
  return createStore(await openDatabase(factory, name, migrations));
}

// --- The store -----------------------------------------------------------------------------------------------------

function byAddedAt(a: LibrarySource, b: LibrarySource): number {
  const [at, bt] = [Date.parse(a.addedAt), Date.parse(b.addedAt)];
  if (at !== bt && !Number.isNaN(at) && !Number.isNaN(bt)) return at - bt;
  return compareStrings(a.addedAt, b.addedAt) || compareStrings(a.id, b.id);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type WriteTransaction = IDBPTransaction<LibrarySchema, typeof DATA_STORES, 'readwrite'>;

/** A request's failure aborts the transaction, and reaches the caller through `tx.done`. */
function quiet(request: Promise<unknown>): void {
  request.catch(() => undefined);
}

function createStore(connection: IDBDatabase): LibraryStore {
  const db = wrap(connection) as unknown as IDBPDatabase<LibrarySchema>;
  let closedBecause: string | undefined;

  // A newer Gloss elsewhere (an updated extension's new background) wants to upgrade: step aside, don't block it.
  connection.addEventListener('versionchange', () => {
    closedBecause ??= MESSAGES.closed;
    connection.close();
  });
  connection.addEventListener('close', () => {
    closedBecause ??= MESSAGES.terminated;
  });

  function open(): IDBPDatabase<LibrarySchema> {
    if (closedBecause) throw new LibraryStorageError('unavailable', closedBecause);
    return db;
  }

  /** Runs `issue` (which only issues requests) in one transaction and settles when it has committed or rolled back. */
  async function transact(issue: (tx: WriteTransaction) => void): Promise<void> {
    let tx: WriteTransaction;
    try {
      // Strict: the background may be stopped right after a write, and the user's library must be on disk by then.
      tx = open().transaction(DATA_STORES, 'readwrite', { durability: 'strict' });
    } catch (error) {
      throw toStorageError(error, 'write');
    }
    try {
      issue(tx);
    } catch (error) {
      // A request that throws (rather than failing) does not abort the transaction by itself.
      try {
        tx.abort();
      } catch {
        // Already finished.
      }
      await tx.done.catch(() => undefined);
      throw toStorageError(error, 'write');
    }
    try {
      await tx.done;
    } catch (error) {
      throw toStorageError(error, 'write');
    }
  }

  return {
    async read() {
      try {
        const tx = open().transaction(DATA_STORES, 'readonly');
        const [sources, entities, aliases] = await Promise.all([
          tx.objectStore('sources').getAll(),
          tx.objectStore('entities').getAll(),
          tx.objectStore('aliases').getAll(),
          tx.done,
        ]);
        return { sources: sources.sort(byAddedAt), entities, aliases };
      } catch (error) {
        throw toStorageError(error, 'read');
      }
    },

    async write(change) {
      validate(change);
      await transact((tx) => {
        const sources = tx.objectStore('sources');
        const entities = tx.objectStore('entities');
        const aliases = tx.objectStore('aliases');
        for (const id of change.deleteSources ?? []) quiet(sources.delete(id));
        for (const id of change.deleteEntities ?? []) quiet(entities.delete(id));
        for (const id of change.deleteAliases ?? []) quiet(aliases.delete(id));
        for (const source of change.putSources ?? []) quiet(sources.put(source));
        for (const entity of change.putEntities ?? []) quiet(entities.put(entity));
        for (const alias of change.putAliases ?? []) quiet(aliases.put(alias));
      });
    },

    async replace(data) {
      if (typeof data !== 'object' || data === null) invalid('the library to import is not a record');
      const { sources, entities, aliases } = data;
      if (!Array.isArray(sources) || !Array.isArray(entities) || !Array.isArray(aliases)) {
        invalid('the library to import lacks its sources, entities or aliases');
      }
      validate({ putSources: sources, putEntities: entities, putAliases: aliases });
      await transact((tx) => {
        for (const store of DATA_STORES) quiet(tx.objectStore(store).clear());
        for (const source of sources) quiet(tx.objectStore('sources').put(source));
        for (const entity of entities) quiet(tx.objectStore('entities').put(entity));
        for (const alias of aliases) quiet(tx.objectStore('aliases').put(alias));
      });
    },

    async readAnalyses() {
      try {
        return await open().getAll('analyses');
      } catch {
        return [];
      }
    },

    async cacheAnalyses(put, remove = []) {
      try {
        const tx = open().transaction('analyses', 'readwrite');
        for (const id of remove) quiet(tx.store.delete(id));
        for (const analysis of put) quiet(tx.store.put(analysis));
        await tx.done;
      } catch {
        // Only a cache: the next start derives what is missing.
      }
    },

    close() {
      closedBecause ??= MESSAGES.closedByCaller;
      connection.close();
    },
  };
}
