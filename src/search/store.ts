import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DamagedDocumentError, UserError } from '../model/errors.js';
import { DOCUMENT_FILE, documentPath, listDocumentIds, loadAllDocuments, loadDocument, reportLoadProblems } from '../model/store.js';
import type { PolicyDocument } from '../model/types.js';
import { EmptyStore, InvalidOption, NoData } from '../select/errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { SearchEngine } from './engine.js';
import { isPostgresUrl, PostgresStore, schemaFor, sharedSchema } from './postgres.js';
import { type BuildOptions, SearchIndex } from './search-index.js';
import { type PutResult, SqliteStore } from './sqlite.js';
import { DATA_THESAURUS, Thesaurus } from './thesaurus.js';

/**
 * Where a data folder's search lives. The default is the embedded store, `<data>/policy.db`
 * (SQLite with FTS5, kept up to date document by document by ingest); a PostgreSQL URL
 * (`--db postgres://…` or POLICY_DB) puts the same tables on a server (postgres.ts). The
 * in-memory MiniSearch index saved as `<data>/index.json` is kept for small ad-hoc indexes
 * and as the benchmark's baseline: POLICY_SEARCH_ENGINE=minisearch selects it.
 */
export const INDEX_FILE = 'index.json';
export const DB_FILE = 'policy.db';

export type EngineName = 'sqlite' | 'postgres' | 'minisearch';

/**
 * The engine of a data folder: PostgreSQL when POLICY_DB (or a command's `--db`) is a
 * postgres:// URL, MiniSearch with POLICY_SEARCH_ENGINE=minisearch, else the SQLite file.
 */
export function folderEngine(): EngineName {
  if (process.env.POLICY_SEARCH_ENGINE === 'minisearch') return 'minisearch';
  return isPostgresUrl(process.env.POLICY_DB) ? 'postgres' : 'sqlite';
}

/** A command's `--db <url>`: the store on that PostgreSQL server for the rest of the process. */
export function useDb(url: string | undefined): void {
  if (url === undefined) return;
  if (!isPostgresUrl(url)) throw new InvalidOption('db', url, 'expected a postgres://… URL');
  process.env.POLICY_DB = url;
}

/** A store of the model tables and search units: the SQLite file or a PostgreSQL schema. */
export interface PolicyStore {
  /** Where it is, for messages. */
  readonly file: string;
  put(docs: PolicyDocument[], options?: { force?: boolean }): PutResult;
  remove(id: string): boolean;
  documentIds(): string[];
  all<T extends unknown[]>(sql: string, ...params: unknown[]): T[];
  compact(): void;
  close(): void;
  searcher(): SearchEngine;
}

/** The PostgreSQL store of a data folder (POLICY_DB; schema from POLICY_DB_SCHEMA, see schemaFor). */
function openPostgres(dataDir: string | null): PostgresStore {
  return PostgresStore.connect(process.env.POLICY_DB!, schemaFor(dataDir === null ? null : path.resolve(dataDir)), { shared: sharedSchema() });
}

export function indexPath(dataDir: string): string {
  return path.join(dataDir, INDEX_FILE);
}

/** A document the saved index was built without (damaged), as index.json records it. */
interface LeftOut {
  id: string;
  file: string;
  message: string;
}

export function storePath(dataDir: string): string {
  return path.join(dataDir, DB_FILE);
}

/**
 * An index of the given documents, not saved: MiniSearch in memory by default (small ad-hoc
 * indexes), or a SQLite store in memory (`engine: 'sqlite'`, or POLICY_SEARCH_ENGINE=sqlite:
 * how the search tests run on the store's engine).
 */
let adhoc = 0;

export function buildSearchIndex(docs: PolicyDocument[], options: BuildOptions & { engine?: EngineName } = {}): SearchEngine {
  const env = process.env.POLICY_SEARCH_ENGINE;
  const engine = options.engine ?? (env === 'sqlite' || env === 'postgres' ? env : 'minisearch');
  if (engine === 'minisearch') return SearchIndex.build(docs, options);
  if (engine === 'postgres') {
    // an ad-hoc index on the server: a schema of its own (the tests' way to run on PostgreSQL)
    const url = process.env.POLICY_DB;
    if (!isPostgresUrl(url)) throw new UserError('POLICY_SEARCH_ENGINE=postgres needs POLICY_DB=postgres://…');
    const store = PostgresStore.connect(url, `adhoc_${process.pid}_${++adhoc}`);
    store.reset();
    store.put(docs);
    return store.searcher();
  }
  const store = SqliteStore.open(':memory:');
  store.put(docs);
  return store.searcher();
}

/**
 * Bring the data folder's search up to date with its documents and return where it is:
 * the store gets the documents it lacks (or whose source changed) and loses those no longer
 * in the folder; `docs`, when given, are put first (they are what was just ingested). Damaged
 * documents are left out and reported to the `onLoadProblem` listeners.
 */
export async function writeSearchIndex(dataDir: string, docs?: PolicyDocument[]): Promise<string | null> {
  const { file, leftOut } = await updateSearchStore(dataDir, docs);
  reportLoadProblems(leftOut);
  return file;
}

/**
 * writeSearchIndex without reporting: where the search is, and the damaged documents of the
 * folder it was brought up to date without.
 */
export async function updateSearchStore(dataDir: string, docs?: PolicyDocument[]): Promise<{ file: string; leftOut: DamagedDocumentError[] }> {
  if (folderEngine() === 'minisearch') {
    const { file, leftOut } = await rebuildSearchIndex(dataDir, docs);
    return { file, leftOut };
  }
  const store = openStore(dataDir);
  try {
    if (docs && docs.length > 0) store.put(docs);
    // a shared server's store is the corpus: the folder adds what was ingested, never removes
    if (folderEngine() === 'postgres' && sharedSchema()) return { file: store.file, leftOut: [] };
    return { file: store.file, leftOut: await syncStore(store, dataDir) };
  } finally {
    store.close();
  }
}

/**
 * Build and save the index of every document of the folder that loads; the documents it
 * was built from and those left out (damaged, outdated) are returned, not reported. `saved`
 * are documents just saved there, used as they are rather than read back.
 */
export async function rebuildSearchIndex(
  dataDir: string,
  saved: PolicyDocument[] = [],
): Promise<{ file: string; docs: PolicyDocument[]; leftOut: DamagedDocumentError[] }> {
  const { docs, leftOut } = await loadAllDocuments(dataDir, saved);
  const file = await saveSearchIndex(dataDir, SearchIndex.build(docs), leftOut);
  return { file, docs, leftOut };
}

/**
 * Save an index; `leftOut` are the documents of the folder it was built without, recorded so
 * that a search knows the index covers the folder (and names them) without reading them again.
 */
export async function saveSearchIndex(dataDir: string, index: SearchIndex, leftOut: DamagedDocumentError[] = []): Promise<string> {
  const file = indexPath(dataDir);
  const recorded: LeftOut[] = leftOut.map((e) => ({ id: e.id, file: e.file, message: e.message }));
  await writeFileAtomic(file, JSON.stringify({ ...index.toJSON(), leftOut: recorded }));
  return file;
}

/** The store of a data folder, opened for writing (a damaged file is made anew: it is rebuilt from the model). */
export function openStore(dataDir: string): PolicyStore {
  if (folderEngine() === 'postgres') return openPostgres(dataDir);
  const file = storePath(dataDir);
  mkdirSync(dataDir, { recursive: true });
  try {
    return SqliteStore.open(file);
  } catch (error) {
    if (!(error instanceof UserError) && !existsSync(file)) throw error;
    for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) rmQuiet(f);
    return SqliteStore.open(file);
  }
}

/** Remove a file now (the store is opened again right after: an unawaited removal lost the race and the old file was opened again). */
function rmQuiet(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // opened again below: that says what is wrong
  }
}

/**
 * The documents whose document.json was written after `since` (the store's last write): a
 * stat of each (a few milliseconds a thousand documents); a missing one counts as unchanged
 * (the folder check finds it).
 */
function changedSince(dataDir: string, ids: string[], since: number): string[] {
  const changed: string[] = [];
  for (const id of ids) {
    const s = statSync(documentPath(dataDir, id), { throwIfNoEntry: false });
    if (s && s.mtimeMs > since) changed.push(id);
  }
  return changed;
}

/** Ids of the document folders (those with a document.json), without a stat of each. */
async function folderIds(dataDir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dataDir, { withFileTypes: true });
  } catch {
    throw new NoData(dataDir, 'missing');
  }
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  const ids: string[] = [];
  // a folder without document.json is not a document (e.g. output/sheets): checked only for folders
  // the store does not know, by the caller
  for (const d of dirs) ids.push(d);
  return ids.sort();
}

/**
 * Put the folder's documents the store lacks, remove those the folder lacks. A damaged
 * document.json is left out (and out of the store): they are returned, not reported.
 */
async function syncStore(store: PolicyStore, dataDir: string): Promise<DamagedDocumentError[]> {
  const inStore = new Set(store.documentIds());
  const folders = await folderIds(dataDir);
  const missing: string[] = [];
  for (const id of folders) if (!inStore.has(id) && existsSync(documentPath(dataDir, id))) missing.push(id);
  const present = new Set(folders);
  for (const id of inStore) if (!present.has(id) || !existsSync(documentPath(dataDir, id))) store.remove(id);
  const leftOut: DamagedDocumentError[] = [];
  for (let i = 0; i < missing.length; i += 200) {
    const docs: PolicyDocument[] = [];
    for (const id of missing.slice(i, i + 200)) {
      try {
        docs.push(await loadDocument(dataDir, id));
      } catch (error) {
        if (!(error instanceof DamagedDocumentError)) throw error;
        leftOut.push(error);
      }
    }
    if (docs.length > 0) store.put(docs);
  }
  // every document damaged: nothing to search
  if (leftOut.length > 0 && store.documentIds().length === 0) throw leftOut[0];
  return leftOut;
}

/**
 * The search of a data folder. The store is opened read-only when it covers the folder's
 * documents; when it is missing, damaged or lacks documents (added or removed by hand), it is
 * brought up to date from the model first — never from the source text. With
 * POLICY_SEARCH_ENGINE=minisearch: `<data>/index.json`, rebuilt when missing, damaged, of
 * another version, or older than a document.json. Damaged documents are left out of the
 * search and reported to the `onLoadProblem` listeners (each time, until they are ingested again).
 * Queries are expanded by the bundled thesaurus and the folder's `thesaurus.json` (dataThesaurus).
 */
export async function loadSearchIndex(dataDir: string): Promise<SearchEngine> {
  // a bad thesaurus is found before any work on the store
  const thesaurus = dataThesaurus(dataDir);
  const engine = await openSearchEngine(dataDir);
  engine.thesaurus = thesaurus;
  return engine;
}

/**
 * The thesaurus of a data folder's search: the bundled groups with those of `<data>/thesaurus.json`
 * when there is one (ThesaurusError when it cannot be used).
 */
export function dataThesaurus(dataDir: string): Thesaurus {
  const file = path.join(dataDir, DATA_THESAURUS);
  return existsSync(file) ? Thesaurus.load(file) : Thesaurus.bundled();
}

async function openSearchEngine(dataDir: string): Promise<SearchEngine> {
  if (folderEngine() === 'minisearch') return loadMiniSearchIndex(dataDir);
  if (folderEngine() === 'postgres' && sharedSchema()) {
    // a shared server: search what is there, with or without a data folder here
    const store = openPostgres(dataDir);
    if (store.documentIds().length === 0) {
      store.close();
      throw new EmptyStore(store.file);
    }
    return store.searcher();
  }
  const folders = await folderIds(dataDir);
  if (folderEngine() === 'postgres') {
    if (!folders.some((id) => existsSync(documentPath(dataDir, id)))) {
      throw new NoData(dataDir, 'empty');
    }
    const store = openPostgres(dataDir);
    reportLoadProblems(await syncStore(store, dataDir));
    return store.searcher();
  }
  const { store: inStep, changed } = sqliteInStep(dataDir, folders);
  if (inStep) return inStep.searcher();
  const ids = folders.filter((id) => existsSync(documentPath(dataDir, id)));
  if (ids.length === 0) {
    throw new NoData(dataDir, 'empty');
  }
  let store: PolicyStore;
  try {
    store = openStore(dataDir);
    // a document.json changed since it was put is put again (or left out when it is now damaged)
    for (const id of changed) store.remove(id);
    reportLoadProblems(await syncStore(store, dataDir));
  } catch (error) {
    if (error instanceof UserError) throw error;
    // A read-only data folder: search a store in memory all the same.
    const { docs, leftOut } = await loadAllDocuments(dataDir);
    reportLoadProblems(leftOut);
    store = SqliteStore.open(':memory:');
    store.put(docs);
  }
  return store.searcher();
}

/**
 * The folder's SQLite store opened read-only when it is in step with the folder's documents:
 * every document folder is in it, every stored id has its folder, and no document.json changed
 * since the store was last written (edited, damaged, replaced by hand). Otherwise null, with
 * `changed` the stored documents whose document.json changed since (missing, damaged or of
 * another version: null, nothing changed).
 */
function sqliteInStep(dataDir: string, folders: string[]): { store: SqliteStore | null; changed: string[] } {
  const file = storePath(dataDir);
  if (!existsSync(file)) return { store: null, changed: [] };
  let store: SqliteStore | null = null;
  try {
    store = SqliteStore.open(file, { readonly: true });
    const ids = store.documentIds();
    const known = new Set(ids);
    const present = new Set(folders);
    const extra = folders.filter((id) => !known.has(id) && existsSync(documentPath(dataDir, id)));
    const changed = changedSince(
      dataDir,
      ids.filter((id) => present.has(id)),
      statSync(file).mtimeMs,
    );
    if (extra.length === 0 && changed.length === 0 && ids.every((id) => present.has(id)) && ids.length > 0) return { store, changed };
    store.close();
    return { store: null, changed };
  } catch {
    // damaged or of another version
    store?.close();
    return { store: null, changed: [] };
  }
}

/**
 * The store the reading commands (`policy tasks`, `departments`, `indicators`) answer from
 * instead of every document.json, or null to read the models (today's path):
 * - on PostgreSQL (POLICY_DB, `--db`): a shared schema (sharedSchema) as it is, with or without a
 *   folder (EmptyStore when it holds no document); a per-folder schema brought up to date with
 *   the folder's documents first as search does, or as it is when the folder has none (NoData
 *   when the store has none either);
 * - else the folder's SQLite file when it is in step with the documents (sqliteInStep), opened
 *   read-only: a missing, damaged, outdated or stale store is not written here (search and
 *   ingest do that), the models answer;
 * - with POLICY_SEARCH_ENGINE=minisearch, the models.
 */
export async function readingStore(dataDir: string): Promise<PolicyStore | null> {
  const engine = folderEngine();
  if (engine === 'minisearch') return null;
  let folders: string[] = [];
  try {
    folders = await folderIds(dataDir);
  } catch (error) {
    if (engine !== 'postgres') return null; // the models' path says the folder is missing
    if (!(error instanceof NoData)) throw error;
  }
  if (engine === 'postgres') {
    const store = openPostgres(dataDir);
    try {
      // a shared server's store is read as it is (the folder never speaks for it); a per-folder schema follows its folder
      if (!sharedSchema() && folders.some((id) => existsSync(documentPath(dataDir, id)))) reportLoadProblems(await syncStore(store, dataDir));
      else if (store.documentIds().length === 0) throw sharedSchema() ? new EmptyStore(store.file) : new NoData(store.file, 'empty');
    } catch (error) {
      store.close();
      throw error;
    }
    return store;
  }
  return sqliteInStep(dataDir, folders).store;
}

async function loadMiniSearchIndex(dataDir: string): Promise<SearchIndex> {
  const file = indexPath(dataDir);
  const ids = await listDocumentIds(dataDir);
  if (ids.length === 0) {
    throw new NoData(dataDir, 'empty');
  }
  let raw: string | null = null;
  try {
    const [indexStat, docStats] = await Promise.all([stat(file), Promise.all(ids.map((id) => stat(documentPath(dataDir, id))))]);
    if (docStats.every((s) => s.mtimeMs <= indexStat.mtimeMs)) raw = await readFile(file, 'utf8');
  } catch {
    raw = null; // no index yet
  }
  if (raw !== null) {
    const saved = parseIndex(raw, file);
    if (saved) {
      const covered = [...saved.index.documents.map((d) => d.id), ...saved.leftOut.map((d) => d.id)].sort();
      if (covered.length === ids.length && covered.every((id, i) => id === ids[i])) {
        reportLoadProblems(saved.leftOut.map((d) => new DamagedDocumentError(d.id, d.file, d.message)));
        return saved.index;
      }
    }
  }
  const { docs, leftOut } = await loadAllDocuments(dataDir);
  reportLoadProblems(leftOut);
  const index = SearchIndex.build(docs);
  try {
    await saveSearchIndex(dataDir, index, leftOut);
  } catch {
    // A read-only data folder: search with the rebuilt index all the same.
  }
  return index;
}

/** The index in `raw` and the documents it left out, or null when it is not a readable index of this version. */
function parseIndex(raw: string, file: string): { index: SearchIndex; leftOut: LeftOut[] } | null {
  try {
    const json = JSON.parse(raw) as { leftOut?: unknown };
    const leftOut = Array.isArray(json.leftOut)
      ? json.leftOut.filter((d): d is LeftOut => !!d && typeof d.id === 'string' && typeof d.file === 'string' && typeof d.message === 'string')
      : [];
    return { index: SearchIndex.fromJSON(json, file), leftOut };
  } catch {
    return null;
  }
}

export { DOCUMENT_FILE };
