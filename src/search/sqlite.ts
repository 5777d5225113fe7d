import { createRequire } from 'node:module';
import { UserError } from '../model/errors.js';
import { normalizeForMatch } from '../model/normalize.js';
import type { PolicyDocument } from '../model/types.js';
import {
  allTerms,
  EDGE_DIGIT,
  groupScore,
  groupsExpression,
  type IndexedDocument,
  type Matches,
  type Scope,
  SearchEngine,
  type StoredUnit,
  type TermGroup,
} from './engine.js';
import { type MarkCondition, markConditions, unitMarks } from './marks.js';
import { bm25 } from './postings.js';
import { modelRows, STORE_VERSION, schemaTables, sectionIds, UNIT_COLUMNS, UNIT_SECTION, unitRow } from './schema.js';
import { textCondition } from './text-pattern.js';
import { getTokenizer, normalizeText, type Tokenizer } from './tokenizer.js';
import { UnitNames, unitWords } from './unit-names.js';
import { documentUnits, type SearchDepartment, searchDepartments, type UnitKind } from './units.js';

/**
 * The embedded store: one SQLite file (<data>/policy.db) through `libsql` (synchronous,
 * prebuilt, FTS5 compiled in). It holds the model's tables (schema.ts) and the search units
 * with a contentless FTS5 index of their jieba terms — the same terms the in-memory index
 * has (full mode, unit names kept whole) — so the text is stored once, in `units`.
 *
 * Unit ids (FTS5 rowids) are `document number × 2^20 + unit index × 2 + heading flag`: the
 * document of a match and whether it is a bare heading are read off the id, without a join.
 */

// libsql is CommonJS; require keeps opening synchronous and cheap.
const require = createRequire(import.meta.url);
type Database = import('libsql').Database;
type Statement = import('libsql').Statement;
function openDatabase(file: string, readonly: boolean): Database {
  const Ctor = require('libsql') as new (file: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => Database;
  return new Ctor(file, readonly ? { readonly: true, fileMustExist: true } : {});
}

const DOC_SHIFT = 2 ** 20;
const HAN_ONLY = /^\p{Script=Han}+$/u;
/** Rows an INSERT statement of a document's rows has at most (see insertRows; 32 × 17 unit columns is within every SQLite's 999 parameters). */
const ROWS_A_STATEMENT = 32;
/** A query whose matches exceed this many ranks this many of them (the most recently ingested): see docs/store.md. */
export const CANDIDATES = 4000;
/** The best this many by FTS5's bm25 are scored by the search's own BM25 rule (see `rescored`). */
export const RESCORE = 200;
const FIELD_BOOST = { title: 2, text: 1 };
/** Units (and their normalised texts) a searcher keeps between searches at most. */
const UNIT_CACHE = 30_000;
/**
 * What the scan and the filters read of a unit (its title and text, kind and lists: `texts`,
 * `factsCache`) a searcher keeps at most, for this many units: a query without a dictionary word
 * reads every unit its marks name (2035年: ~30,000 at 10,000 documents), and a warm searcher
 * that kept fewer would read them all again each time (~60 MB at 10,000 documents).
 */
const TEXT_CACHE = 60_000;

/**
 * Bytes of the file a searcher reads through a memory map. The mapped pages a search touches count
 * in the process's RSS: the whole file (SQLite's cap, 2 GiB - 64 KiB) took a warm searcher to ~1 GB
 * at 10,000 documents, past the 500 MB ceiling every command keeps; 128 MiB keeps it at ~450 MB.
 */
const MMAP_SIZE = 2 ** 27;

const CREATE = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
${schemaTables('sqlite')}
CREATE TABLE IF NOT EXISTS units(
  rowid INTEGER PRIMARY KEY, doc INTEGER NOT NULL, uid TEXT NOT NULL, kind TEXT NOT NULL, number TEXT, label TEXT,
  title TEXT NOT NULL, text TEXT NOT NULL, simplified TEXT, section INTEGER, lead TEXT NOT NULL,
  responsible TEXT NOT NULL, deadline TEXT, line INTEGER NOT NULL, page INTEGER, title_len INTEGER NOT NULL, text_len INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS units_web ON units(kind) WHERE kind = 'web';
CREATE TABLE IF NOT EXISTS user_words(word TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS terms(term TEXT PRIMARY KEY, units INTEGER NOT NULL, docs INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5(title, text, meta, content='', contentless_delete=1, detail=full, tokenize='unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE IF NOT EXISTS units_vocab USING fts5vocab(units_fts, col);
`;

/** A match query: the SQL after WHERE with its parameters, and the score (lower is better) with its own. */
export interface MatchQuery {
  where: string;
  params: unknown[];
  rank: string;
  rankParams: unknown[];
  /** The query is this one term in the units' title or text, nothing else: its counts are the `terms` row. */
  term?: string;
  /**
   * With checks of the units' rows (a text, the departments' lists): the query without them, in
   * the index alone (a superset of the matches), with its parameters (after `rankParams`).
   */
  indexOnly?: { where: string; params: unknown[] };
}

/** One token of the `meta` column for a filter value: letters and digits only (FTS5 splits on the rest). */
function metaToken(prefix: string, value: string): string {
  return prefix + normalizeText(value).replace(/[^\p{L}\p{N}]/gu, '');
}

/** A term as an FTS5 string (quoted: no operator, no column name). */
function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** What the search needs of a store: SQL with `?` parameters (rows as arrays) and the BM25 totals. */
export interface SearchStore {
  all<T extends unknown[]>(sql: string, ...params: unknown[]): T[];
  get<T extends unknown[]>(sql: string, ...params: unknown[]): T | undefined;
  stats(): { units: number; title: number; text: number };
}

export interface PutResult {
  added: string[];
  replaced: string[];
  /** Documents whose source (sha256) and model are what the store has already. */
  unchanged: string[];
}

export class SqliteStore {
  readonly file: string;
  readonly db: Database;
  private readonly readonly: boolean;
  /** The store's unit words (normalised), read once and kept up to date by put and remove. */
  private words: Set<string> | null = null;
  private readonly stmts = new Map<string, Statement>();
  /** insertRows' statements (prepared once; `stmts` holds those that return rows, in raw mode). */
  private readonly writes = new Map<string, Statement>();

  private constructor(file: string, db: Database, readonly: boolean) {
    this.file = file;
    this.db = db;
    this.readonly = readonly;
  }

  /** Open (and create, unless `readonly`) the store in `file` (`:memory:` for a store in memory). */
  static open(file: string, options: { readonly?: boolean } = {}): SqliteStore {
    let db: Database;
    try {
      db = openDatabase(file, options.readonly ?? false);
    } catch (error) {
      throw new UserError(`${file}: cannot open the store (${(error as Error).message})`);
    }
    const store = new SqliteStore(file, db, options.readonly ?? false);
    if (!options.readonly) {
      // a new file's pages (no effect on an existing one): 16 KiB pages hold unit texts with less
      // slack and fewer overflow pages than the default 4 KiB (-7% of the file)
      db.exec('PRAGMA page_size = 16384');
      // a writer's page cache: 64 MiB, not the default 2 MB (125 pages of 16 KiB), which a
      // document's inserts into the indexes keyed by name (assignments, aliases) and the FTS5
      // merges overran: every page read again from the file (bench: 5× the bytes read)
      db.exec('PRAGMA cache_size = -65536');
      db.exec(CREATE);
      const version = store.get<[string]>('SELECT value FROM meta WHERE key = ?', 'version')?.[0];
      if (version === undefined) store.run('INSERT INTO meta(key, value) VALUES (?, ?)', 'version', String(STORE_VERSION));
      else if (version !== String(STORE_VERSION))
        throw new UserError(`${file}: store version ${version}, expected ${STORE_VERSION} (delete it and ingest again)`);
      // While a writer has it open, the file is in WAL mode with synchronous=NORMAL: a commit (one
      // a document) appends to the log without waiting for the disk (fsync only at checkpoints),
      // which in the rollback journal's mode took three fsyncs a document, more wall time than
      // the document's CPU on a busy disk. A crash still leaves the last committed documents
      // (a power cut may lose the last few, never half of one). close() gives the file back in
      // the rollback journal's mode, as readers have always had it.
      db.exec('PRAGMA journal_mode = WAL');
      db.exec('PRAGMA synchronous = NORMAL');
    } else {
      const version = store.tryGet<[string]>('SELECT value FROM meta WHERE key = ?', 'version')?.[0];
      if (version !== String(STORE_VERSION)) throw new UserError(`${file}: not a policy store of version ${STORE_VERSION} (ingest again)`);
    }
    return store;
  }

  close(): void {
    if (!this.readonly) {
      try {
        this.db.exec('PRAGMA journal_mode = DELETE');
      } catch {
        // another connection has the file open: it stays in WAL mode, which every reader reads
      }
    }
    this.db.close();
  }

  // --- small helpers ----------------------------------------------------------------------

  prepared(sql: string): Statement {
    let s = this.stmts.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      s.raw(true);
      this.stmts.set(sql, s);
    }
    return s;
  }

  all<T extends unknown[]>(sql: string, ...params: unknown[]): T[] {
    return this.prepared(sql).all(...params) as T[];
  }

  get<T extends unknown[]>(sql: string, ...params: unknown[]): T | undefined {
    return this.prepared(sql).get(...params) as T | undefined;
  }

  private tryGet<T extends unknown[]>(sql: string, ...params: unknown[]): T | undefined {
    try {
      return this.get<T>(sql, ...params);
    } catch {
      return undefined;
    }
  }

  run(sql: string, ...params: unknown[]): void {
    const s = this.db.prepare(sql);
    s.run(...params);
  }

  private transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const out = fn();
      this.db.exec('COMMIT');
      return out;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  // --- documents ----------------------------------------------------------------------------

  /** Ids of the stored documents, sorted. */
  documentIds(): string[] {
    return this.all<[string]>('SELECT id FROM documents ORDER BY id').map((r) => r[0]);
  }

  /** The sha256 of a stored document's source, or null. */
  sha256Of(id: string): string | null {
    return this.get<[string]>('SELECT sha256 FROM documents WHERE id = ?', id)?.[0] ?? null;
  }

  /** The store's unit words, loaded into the tokenizer (once): terms must be cut as the index was. */
  private userWords(tokenizer: Tokenizer): Set<string> {
    if (!this.words) {
      this.words = new Set(this.all<[string]>('SELECT word FROM user_words').map((r) => r[0]));
      tokenizer.addWords(this.words);
    }
    return this.words;
  }

  /**
   * Add or replace documents, each in its own transaction (a crash leaves the store at the last
   * committed document). A document whose source sha256 and schema are unchanged is skipped
   * unless `force`.
   */
  put(docs: PolicyDocument[], options: { force?: boolean } = {}): PutResult {
    if (this.readonly) throw new UserError(`${this.file}: opened read-only`);
    const result: PutResult = { added: [], replaced: [], unchanged: [] };
    const tokenizer = getTokenizer();
    const known = this.userWords(tokenizer);
    // Every document's unit words first, so each is cut with all of them (as a batch index is).
    const fresh = new Set<string>();
    for (const doc of docs) for (const w of documentWords(doc)) if (!known.has(w)) fresh.add(w);
    tokenizer.addWords(fresh);
    // Words that were not in the dictionary when the store's other documents were indexed: their
    // units that have such a word get it as a term, in the transaction of the first document
    // that brings it (so a crash leaves no unit cut without a word the store has). The documents
    // of this call are cut with it already.
    const late = new Set([...fresh].filter((w) => tokenizer.isUserWord(w)));
    const putNums = new Set<number>();
    for (const doc of docs) {
      const old = this.get<[number, string, string]>('SELECT num, sha256, schema FROM documents WHERE id = ?', doc.id);
      if (old && !options.force && old[1] === doc.source.sha256 && old[2] === String(doc.schemaVersion)) {
        result.unchanged.push(doc.id);
        continue;
      }
      const brought = documentWords(doc).filter((w) => late.has(w));
      this.transaction(() => {
        if (old) this.deleteRows(old[0]);
        const num = old?.[0] ?? this.nextNumber();
        this.insert(doc, num, tokenizer);
        putNums.add(num);
        if (brought.length > 0) this.reindexFor(brought, putNums, tokenizer);
      });
      for (const w of brought) late.delete(w);
      (old ? result.replaced : result.added).push(doc.id);
    }
    // (words of documents skipped as unchanged: none in practice, their words are the store's)
    if (late.size > 0) this.transaction(() => this.reindexFor([...late], putNums, tokenizer));
    return result;
  }

  /** Remove a document; false when there is none with that id. */
  remove(id: string): boolean {
    if (this.readonly) throw new UserError(`${this.file}: opened read-only`);
    const num = this.get<[number]>('SELECT num FROM documents WHERE id = ?', id)?.[0];
    if (num === undefined) return false;
    this.transaction(() => this.deleteRows(num));
    return true;
  }

  /** Indexed units and their title and text terms, for BM25's averages. */
  stats(): { units: number; title: number; text: number } {
    const get = (k: string) => Number(this.get<[string]>('SELECT value FROM meta WHERE key = ?', k)?.[0] ?? 0);
    return { units: get('units'), title: get('title_tokens'), text: get('text_tokens') };
  }

  private addCounts(units: number, title: number, text: number): void {
    const s = this.stats();
    const set = this.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    set.run('units', String(s.units + units));
    set.run('title_tokens', String(s.title + title));
    set.run('text_tokens', String(s.text + text));
  }

  private nextNumber(): number {
    return (this.get<[number | null]>('SELECT max(num) FROM documents')?.[0] ?? 0) + 1;
  }

  private deleteRows(num: number): void {
    const lo = num * DOC_SHIFT;
    const hi = lo + DOC_SHIFT - 1;
    // term counts (for suggestions) from the units as stored
    const departments = JSON.parse(this.get<[string]>('SELECT departments FROM documents WHERE num = ?', num)?.[0] ?? '[]') as SearchDepartment[];
    const names = new UnitNames(departments, normalizeText);
    const tokenizer = getTokenizer();
    const counts = new Map<string, number>();
    for (const [title, text, simplified, kind] of this.all<[string, string, string | null, string]>(
      'SELECT title, text, simplified, kind FROM units WHERE rowid BETWEEN ? AND ?',
      lo,
      hi,
    )) {
      if (kind === 'web') continue;
      const terms = unitTerms(names, tokenizer, title, simplified ?? normalizeForMatch(text));
      for (const t of new Set([...terms.title, ...terms.text])) counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    const [n, tl, xl] = this.get<[number, number | null, number | null]>(
      "SELECT count(*), sum(title_len), sum(text_len) FROM units WHERE rowid BETWEEN ? AND ? AND kind != 'web'",
      lo,
      hi,
    )!;
    this.addCounts(-n, -(tl ?? 0), -(xl ?? 0));
    // (the document's units counted per term: one document fewer has each)
    const dec = this.db.prepare('UPDATE terms SET units = units - ?, docs = docs - 1 WHERE term = ?');
    for (const [t, n] of counts) dec.run(n, t);
    this.run('DELETE FROM terms WHERE units <= 0');
    this.run('DELETE FROM units_fts WHERE rowid BETWEEN ? AND ?', lo, hi);
    this.run('DELETE FROM units WHERE rowid BETWEEN ? AND ?', lo, hi);
    // the document's unit words are those of its departments: one document fewer has each
    const fewer = this.db.prepare('UPDATE user_words SET docs = docs - 1 WHERE word = ? RETURNING docs');
    const drop = this.db.prepare('DELETE FROM user_words WHERE word = ?');
    for (const w of wordsOf(departments)) {
      const left = (fewer.raw(true).get(w) as [number] | undefined)?.[0];
      if (left !== undefined && left <= 0) {
        drop.run(w);
        this.words?.delete(w);
      }
    }
    for (const table of ['tasks', 'assignments', 'departments', 'department_aliases', 'sections', 'indicators', 'targets'])
      this.run(`DELETE FROM ${table} WHERE doc = ?`, num);
    this.run('DELETE FROM documents WHERE num = ?', num);
  }

  private insert(doc: PolicyDocument, num: number, tokenizer: Tokenizer): void {
    const departments = searchDepartments(doc);
    const names = new UnitNames(departments, tokenizer.normalize);
    const units = documentUnits(doc);
    const sections = sectionIds(units);
    const rows = modelRows(doc, num, sections);
    for (const [table, list] of Object.entries(rows)) {
      if (list.length === 0) continue;
      const cols = Object.keys(list[0]);
      this.insertRows(
        `INSERT INTO ${table}(${cols.join(', ')})`,
        cols.length,
        list.map((row) => cols.map((c) => (row as Record<string, unknown>)[c])),
      );
    }
    this.run('UPDATE documents SET departments = ? WHERE num = ?', JSON.stringify(departments), num);
    const unitRows: unknown[][] = [];
    const ftsRows: unknown[][] = [];
    const sums = [0, 0, 0];
    const counts = new Map<string, number>();
    units.forEach((u, i) => {
      const rowid = num * DOC_SHIFT + i * 2 + (u.heading ? 1 : 0);
      const folded = normalizeForMatch(u.text);
      const simplified = tokenizer.normalize(u.text);
      const uid = u.id.slice(doc.id.length + 1);
      // web-page clutter is no part of the term index (scanned when asked for)
      const terms = u.kind === 'web' ? { title: [], text: [] } : unitTerms(names, tokenizer, u.title, simplified);
      unitRows.push(unitRow(u, { rowid, num, uid, section: sections.get(u.section) ?? null }, simplified, folded, terms));
      if (u.kind === 'web') return;
      sums[0]++;
      sums[1] += terms.title.length;
      sums[2] += terms.text.length;
      ftsRows.push([rowid, terms.title.join(' '), terms.text.join(' '), unitMeta(u.kind, u.lead, u.responsible, unitMarks(simplified, terms.text))]);
      const distinct = new Set(terms.title);
      for (const t of terms.text) distinct.add(t);
      for (const t of distinct) counts.set(t, (counts.get(t) ?? 0) + 1);
    });
    this.insertRows(`INSERT INTO units(${UNIT_COLUMNS.join(', ')})`, UNIT_COLUMNS.length, unitRows);
    this.insertRows('INSERT INTO units_fts(rowid, title, text, meta)', 4, ftsRows);
    this.addCounts(sums[0], sums[1], sums[2]);
    // a term's units and documents (this document's units counted per term: one document more has each)
    this.insertRows(
      'INSERT INTO terms(term, units, docs)',
      3,
      [...counts].map(([t, n]) => [t, n, 1]),
      'ON CONFLICT(term) DO UPDATE SET units = units + excluded.units, docs = docs + 1',
    );
    const words = wordsOf(departments);
    this.insertRows(
      'INSERT INTO user_words(word, docs)',
      2,
      words.map((w) => [w, 1]),
      'ON CONFLICT(word) DO UPDATE SET docs = docs + 1',
    );
    for (const w of words) this.words?.add(w);
  }

  /**
   * `head VALUES (…), (…) … tail` for rows of `width` values, up to ROWS_A_STATEMENT rows a
   * statement (a document's ~700 terms, ~280 model rows and ~80 units were a call into SQLite
   * each: the calls cost more than the rows). Statements of 32, 16 … 1 rows: a few, prepared once.
   */
  private insertRows(head: string, width: number, rows: unknown[][], tail = ''): void {
    let at = 0;
    for (let size = ROWS_A_STATEMENT; size >= 1; size >>= 1) {
      if (rows.length - at < size) continue;
      const row = `(${Array(width).fill('?').join(', ')})`;
      const sql = `${head} VALUES ${Array(size).fill(row).join(', ')} ${tail}`;
      let statement = this.writes.get(sql);
      if (!statement) this.writes.set(sql, (statement = this.db.prepare(sql)));
      for (; rows.length - at >= size; at += size) statement.run(rows.slice(at, at + size).flat());
    }
  }

  /**
   * Re-index the units that have one of `words` (new dictionary words, normalised), but those of
   * the documents `cut` (cut with them already).
   */
  private reindexFor(words: string[], cut: Set<number>, tokenizer: Tokenizer): void {
    const seen = new Set<number>();
    for (const w of words) {
      const parts = tokenizer.allWords(w).filter((p) => p !== w);
      if (parts.length === 0) continue; // no term inside to find it by (a two-character name)
      const query = `{title text} : (${[...new Set(parts)].map(quote).join(' AND ')})`;
      // the text check in SQL: folding keeps Han characters (simplified holds a text whose script changed)
      const han = /^\p{Script=Han}+$/u.test(w);
      const rows = han
        ? this.all<[number]>(
            'SELECT rowid FROM units WHERE rowid IN (SELECT rowid FROM units_fts WHERE units_fts MATCH ?) AND (instr(coalesce(simplified, text), ?) > 0 OR instr(title, ?) > 0)',
            query,
            w,
            w,
          )
        : this.all<[number]>('SELECT rowid FROM units_fts WHERE units_fts MATCH ?', query);
      for (const [rowid] of rows) {
        if (seen.has(rowid) || cut.has(Math.floor(rowid / DOC_SHIFT))) continue;
        seen.add(rowid);
      }
    }
    const departmentsOf = new Map<number, UnitNames>();
    const added = new Map<string, number>();
    // units that have a word as a term already (cut while another document had it, since
    // removed): re-cut all the same, but not counted again
    const had = new Map(
      words.map((w) => [
        w,
        // (a word FTS5 would split is no term: phrases need positions, which the index has not)
        new Set(
          /^[\p{L}\p{N}]+$/u.test(w)
            ? this.all<[number]>('SELECT rowid FROM units_fts WHERE units_fts MATCH ?', `{title text} : ${quote(w)}`).map((r) => r[0])
            : [],
        ),
      ]),
    );
    const hadDocs = new Map([...had].map(([w, rowids]) => [w, new Set([...rowids].map((r) => Math.floor(r / DOC_SHIFT)))]));
    const addedDocs = new Map<string, Set<number>>();
    const lengths = [0, 0];
    for (const rowid of seen) {
      const row = this.get<[number, string, string, string | null, string, string, string, number, number]>(
        'SELECT doc, title, text, simplified, kind, lead, responsible, title_len, text_len FROM units WHERE rowid = ?',
        rowid,
      );
      if (!row) continue;
      const [num, title, text, simplified, kind, lead, responsible, titleLen, textLen] = row;
      const normalized = simplified ?? normalizeForMatch(text);
      if (!words.some((w) => normalized.includes(w) || normalizeText(title).includes(w))) continue;
      let names = departmentsOf.get(num);
      if (!names) {
        const deps = JSON.parse(this.get<[string]>('SELECT departments FROM documents WHERE num = ?', num)?.[0] ?? '[]') as SearchDepartment[];
        names = new UnitNames(deps, normalizeText);
        departmentsOf.set(num, names);
      }
      const terms = unitTerms(names, tokenizer, title, normalized);
      this.run('UPDATE units SET title_len = ?, text_len = ? WHERE rowid = ?', terms.title.length, terms.text.length, rowid);
      this.run('DELETE FROM units_fts WHERE rowid = ?', rowid);
      this.run(
        'INSERT INTO units_fts(rowid, title, text, meta) VALUES (?, ?, ?, ?)',
        rowid,
        terms.title.join(' '),
        terms.text.join(' '),
        unitMeta(kind as UnitKind, JSON.parse(lead), JSON.parse(responsible), unitMarks(normalized, terms.text)),
      );
      // the new words are terms of this unit now: counted in `terms` (a character of the text
      // that only they contain has no mark any more: the search finds it through them)
      // (and a document that had none of its units with it before has it now)
      for (const t of new Set([...terms.title, ...terms.text])) {
        if (had.get(t)?.has(rowid) !== false) continue;
        added.set(t, (added.get(t) ?? 0) + 1);
        if (!hadDocs.get(t)!.has(num)) {
          const docs = addedDocs.get(t) ?? new Set<number>();
          docs.add(num);
          addedDocs.set(t, docs);
        }
      }
      lengths[0] += terms.title.length - titleLen;
      lengths[1] += terms.text.length - textLen;
    }
    // the field lengths' totals (BM25's averages) as a batch index would have them
    this.addCounts(0, lengths[0], lengths[1]);
    const inc = this.db.prepare(
      'INSERT INTO terms(term, units, docs) VALUES (?, ?, ?) ON CONFLICT(term) DO UPDATE SET units = units + excluded.units, docs = docs + excluded.docs',
    );
    for (const [t, n] of added) inc.run(t, n, addedDocs.get(t)?.size ?? 0);
  }

  /**
   * After a bulk load: merge the FTS5 index's segments into one and VACUUM the file (the pages
   * freed by replaced rows and merged segments are given back).
   */
  compact(): void {
    if (this.readonly) throw new UserError(`${this.file}: opened read-only`);
    this.db.exec("INSERT INTO units_fts(units_fts) VALUES('optimize')");
    // VACUUM builds the new file in a temporary database, which this SQLite keeps in memory
    // unless told otherwise (compiled with TEMP_STORE=2): the whole store in RAM, 691 MB of RSS
    // at 5,000 documents. In a temporary file with the writer's 64 MiB cache it took 376 MB;
    // with the default cache, 61 MB (and half the time)
    this.db.exec('PRAGMA temp_store = FILE');
    this.db.exec('PRAGMA cache_size = -2000');
    this.db.exec('VACUUM');
    this.db.exec('PRAGMA cache_size = -65536');
  }

  /** The search over this store. */
  searcher(): SqliteSearch {
    // Reads through a memory map: a search reads units by rowid all over the file (a phrase's
    // text check, a scan's candidates, the hits), each a page SQLite's own small cache rarely
    // holds, and each such page read is then a read() call and a copy of 16 KiB (the check of
    // "高速公路建设" at 10,000 documents: 18,645 rows, half its time). The map costs no memory
    // of its own (the system's file cache, though RSS counts it: MMAP_SIZE), and SQLite checks the file's size again at each
    // read transaction (a store compacted by another process is mapped anew).
    this.db.exec(`PRAGMA mmap_size = ${MMAP_SIZE}`);
    return new SqliteSearch(this);
  }

  /** Bytes of the store on disk (the database file and its write-ahead log). */
  static DOC_SHIFT = DOC_SHIFT;
}

/** A document's unit words, normalised, each once. */
function documentWords(doc: PolicyDocument): string[] {
  return wordsOf(searchDepartments(doc));
}

/** The unit words of departments, normalised, each once (as `user_words` has them). */
function wordsOf(departments: SearchDepartment[]): string[] {
  return [...new Set(unitWords(departments).map(normalizeText))];
}

/** A unit's index terms: every dictionary word, and inside a unit name only the words that name it. */
export function unitTerms(names: UnitNames, tokenizer: Tokenizer, title: string, normalizedText: string): { title: string[]; text: string[] } {
  const allWords = (text: string) => tokenizer.allWords(text);
  return { title: names.terms(tokenizer.normalize(title), allWords), text: names.terms(normalizedText, allWords) };
}

/** The filter tokens of a unit: its kind, its lead (l…) and responsible (r…) units, its marks (n…, c…: see marks.ts). */
function unitMeta(kind: UnitKind, lead: string[], responsible: string[], marks: string[]): string {
  return [metaToken('k', kind), ...lead.map((n) => metaToken('l', n)), ...responsible.map((n) => metaToken('r', n)), ...marks].join(' ');
}

/**
 * The search over a SQLite store: postings in FTS5 (bm25 with the title boosted ×2),
 * units read on demand. Filters go into the FTS5 query (kinds, departments as `meta` tokens;
 * documents as rowid ranges) and are checked again on the units found.
 */
export class SqliteSearch extends SearchEngine {
  protected readonly store: SearchStore;
  private docsByNum: Map<number, string> | null = null;
  private numById: Map<string, number> | null = null;
  private readonly deps = new Map<string, SearchDepartment[]>();
  private cache = new Map<number, StoredUnit>();
  /** User words of the store that occur in the current query. */
  private queryWords = new Set<string>();

  constructor(store: SearchStore) {
    super(getTokenizer());
    this.store = store;
  }

  private loadDocs(): void {
    if (this.docsByNum) return;
    this.docsByNum = new Map();
    this.numById = new Map();
    for (const [num, id] of this.store.all<[number, string]>('SELECT num, id FROM documents ORDER BY id')) {
      this.docsByNum.set(num, id);
      this.numById.set(id, num);
    }
  }

  get documents(): IndexedDocument[] {
    return this.store
      .all<[string, string | null, string]>('SELECT id, title, departments FROM documents ORDER BY id')
      .map(([id, title, deps]) => ({ id, title, departments: JSON.parse(deps) as SearchDepartment[] }));
  }

  get size(): number {
    return this.store.get<[number]>('SELECT count(*) FROM units')?.[0] ?? 0;
  }

  protected documentIds(): string[] {
    this.loadDocs();
    return [...this.numById!.keys()];
  }

  protected departmentsOf(doc: string): SearchDepartment[] {
    let d = this.deps.get(doc);
    if (!d) {
      d = JSON.parse(this.store.get<[string]>('SELECT departments FROM documents WHERE id = ?', doc)?.[0] ?? '[]') as SearchDepartment[];
      this.deps.set(doc, d);
    }
    return d;
  }

  protected docOf(id: number): string {
    this.loadDocs();
    return this.docsByNum!.get(Math.floor(id / DOC_SHIFT)) ?? '';
  }

  protected isHeading(id: number): boolean {
    return id % 2 === 1;
  }

  protected hasUserWord(word: string): boolean {
    return this.queryWords.has(word);
  }

  /**
   * The store's user words inside the query (only those can change how it is cut), loaded
   * into the tokenizer: no need to load the words of every document for one query.
   */
  protected override beginQuery(query: string): void {
    // Units read stay for the next searches of this process (the store does not change under a
    // searcher), up to a bound: a warm process answers a popular unit from memory.
    if (this.cache.size > UNIT_CACHE || this.texts.size > TEXT_CACHE || this.factsCache.size > TEXT_CACHE || this.cachedTexts() > TEXT_CACHE) {
      this.clearCaches();
      this.cache = new Map();
      this.factsCache = new Map();
      this.texts = new Map();
      this.lengths.clear();
    }
    const q = normalizeText(query).replace(/\s+/g, '');
    const subs = new Set<string>();
    for (let i = 0; i < q.length; i++) for (let j = i + 2; j <= Math.min(q.length, i + 40); j++) subs.add(q.slice(i, j));
    const list = [...subs];
    const found: string[] = [];
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      for (const [w] of this.store.all<[string]>(`SELECT DISTINCT word FROM user_words WHERE word IN (${chunk.map(() => '?').join(',')})`, ...chunk))
        found.push(w);
    }
    this.tokenizer.addWords(found);
    this.queryWords = new Set(found);
  }

  protected override prefetch(ids: ArrayLike<number>): void {
    const missing: number[] = [];
    for (let i = 0; i < ids.length; i++) if (!this.cache.has(ids[i])) missing.push(ids[i]);
    for (let i = 0; i < missing.length; i += 500) {
      const chunk = missing.slice(i, i + 500);
      this.readUnits(`rowid IN (${chunk.map(() => '?').join(',')})`, chunk);
    }
  }

  private readUnits(where: string, params: unknown[]): number[] {
    this.loadDocs();
    const ids: number[] = [];
    for (const r of this.store.all<
      [
        number,
        number,
        string,
        UnitKind,
        string | null,
        string | null,
        string,
        string,
        string | null,
        string,
        string,
        string,
        string | null,
        number,
        number | null,
        number,
        number,
      ]
    >(
      `SELECT rowid, doc, uid, kind, number, label, title, text, simplified, ${UNIT_SECTION}, lead, responsible, deadline, line, page, title_len, text_len FROM units WHERE ${where}`,
      ...params,
    )) {
      const [rowid, num, uid, kind, number, label, title, text, simplified, section, lead, responsible, deadline, line, page, titleLen, textLen] = r;
      this.lengths.set(rowid, [titleLen, textLen]);
      const doc = this.docsByNum!.get(num) ?? '';
      const u: StoredUnit = {
        id: `${doc}#${uid}`,
        doc,
        kind,
        number,
        title,
        text,
        section,
        lead: JSON.parse(lead),
        responsible: JSON.parse(responsible),
        line,
      };
      if (label) u.label = label;
      if (deadline) u.deadline = deadline;
      if (page !== null) u.page = page;
      if (rowid % 2 === 1) u.heading = true;
      if (simplified !== null) u.simplified = simplified;
      this.cache.set(rowid, u);
      ids.push(rowid);
    }
    return ids;
  }

  private factsCache = new Map<number, Pick<StoredUnit, 'kind' | 'doc' | 'lead' | 'responsible'>>();
  private texts = new Map<number, Pick<StoredUnit, 'title' | 'text' | 'simplified'>>();

  protected override prefetchText(ids: ArrayLike<number>): void {
    this.prefetchTexts(Array.from(ids));
  }

  /** Read the title, text and term counts of units about to be ranked (not the rest of the unit). */
  private prefetchTexts(ids: number[]): void {
    const missing = ids.filter((id) => !this.cache.has(id) && !this.texts.has(id));
    for (let i = 0; i < missing.length; i += 500) {
      const chunk = missing.slice(i, i + 500);
      for (const [rowid, title, text, simplified, titleLen, textLen] of this.store.all<[number, string, string, string | null, number, number]>(
        `SELECT rowid, title, text, simplified, title_len, text_len FROM units WHERE rowid IN (${chunk.map(() => '?').join(',')})`,
        ...chunk,
      )) {
        this.lengths.set(rowid, [titleLen, textLen]);
        this.texts.set(rowid, simplified === null ? { title, text } : { title, text, simplified });
      }
    }
  }

  protected override forget(id: number): void {
    super.forget(id);
    this.cache.delete(id);
    this.texts.delete(id);
    this.factsCache.delete(id);
    this.lengths.delete(id);
  }

  protected override textOf(id: number): Pick<StoredUnit, 'title' | 'text' | 'simplified'> {
    return this.cache.get(id) ?? this.texts.get(id) ?? this.unit(id);
  }

  private prefetchFacts(ids: number[]): void {
    this.loadDocs();
    const missing = ids.filter((id) => !this.cache.has(id) && !this.factsCache.has(id));
    for (let i = 0; i < missing.length; i += 500) {
      const chunk = missing.slice(i, i + 500);
      for (const [rowid, num, kind, lead, responsible] of this.store.all<[number, number, UnitKind, string, string]>(
        `SELECT rowid, doc, kind, lead, responsible FROM units WHERE rowid IN (${chunk.map(() => '?').join(',')})`,
        ...chunk,
      )) {
        this.factsCache.set(rowid, { kind, doc: this.docsByNum!.get(num) ?? '', lead: JSON.parse(lead), responsible: JSON.parse(responsible) });
      }
    }
  }

  protected override facts(id: number): Pick<StoredUnit, 'kind' | 'doc' | 'lead' | 'responsible'> {
    return this.cache.get(id) ?? this.factsCache.get(id) ?? this.unit(id);
  }

  protected unit(id: number): StoredUnit {
    let u = this.cache.get(id);
    if (!u) {
      this.readUnits('rowid = ?', [id]);
      u = this.cache.get(id);
      if (!u) throw new Error(`unit ${id} is not in the store`);
    }
    return u;
  }

  /** The table a match query reads (`FROM`). */
  protected readonly matchTable: string = 'units_fts';

  /**
   * The full-text query of terms with the scope's filters and the text checks, as the SQL after
   * WHERE; `rank` is the score (lower is better) with its parameters, read before `params`.
   */
  protected ftsQuery(groups: TermGroup[], combine: 'AND' | 'OR', scope: Scope, checks: string[] = []): MatchQuery {
    // Terms of Chinese characters only are in no unit's `meta` (its tokens all start with a Latin
    // letter: metaToken, marks.ts), so they need no column filter, which made FTS5 read every
    // row's positions to find the column of each (the count and bm25's document frequencies ~1.4×
    // the time at 10,000 documents)
    const terms = allTerms(groups);
    const expression = `(${groupsExpression(groups, combine, quote, ' AND ', ' OR ')})`;
    const words = terms.every((t) => HAN_ONLY.test(t)) ? expression : `{title text} : ${expression}`;
    let match = words;
    // a word checked in the text that is itself an index term is a term of the unit's text
    // column wherever the text has it (full mode), outside unit names: the units to check
    const inText = checks.filter((w) => !terms.includes(w) && this.isIndexTerm(w));
    if (inText.length > 0) match = `(${match}) AND text : (${inText.map(quote).join(' AND ')})`;
    if (scope.kinds) match += ` AND meta : (${scope.kinds.map((k) => quote(metaToken('k', k))).join(' OR ')})`;
    // the departments' rule: in the FTS5 query exactly when the meta tokens say it (deptTokens),
    // else the meta tokens narrow and the units' lists decide (departmentSql)
    const dept = scope.departments ? this.deptTokens(scope) : null;
    if (scope.departments) {
      if (dept) match += ` AND ${dept.match}`;
      else {
        const names = [...new Set(scope.departments.map((d) => d.name))];
        const roles = scope.role === 'lead' ? ['l'] : scope.role === 'responsible' ? ['r'] : ['l', 'r'];
        match += ` AND meta : (${names.flatMap((n) => roles.map((r) => quote(metaToken(r, n)))).join(' OR ')})`;
      }
    }
    const params: unknown[] = [match];
    let where = 'units_fts MATCH ?';
    if (scope.docs) {
      const ranges = this.docNums(scope.docs);
      where += ` AND (${ranges.map(() => 'rowid BETWEEN ? AND ?').join(' OR ') || '0'})`;
      for (const n of ranges) params.push(n * DOC_SHIFT, n * DOC_SHIFT + DOC_SHIFT - 1);
    }
    if (dept?.nums) where += ` AND (rowid >> 20) IN (${dept.nums.join(',') || 'NULL'})`;
    // only the units whose text may have the words checked (see text-pattern.ts); a unit's text
    // has each of its text terms, so a word the FTS5 query has as a text term is not checked
    // again, and a word that is a term of the query (title or text) only in the units that have
    // it in their title alone
    const indexOnly = { where, params: [...params] };
    const column = 'coalesce(u.simplified, u.text)';
    const unitSql: string[] = [];
    const unitParams: unknown[] = [];
    for (const w of checks) {
      if (inText.includes(w)) continue;
      const t = textCondition(column, w);
      if (combine === 'AND' && groups.some((g) => g.length === 1 && g[0].terms.length === 1 && g[0].terms[0] === w) && this.isIndexTerm(w)) {
        where += ` AND (rowid NOT IN (SELECT rowid FROM units_fts WHERE units_fts MATCH ?) OR EXISTS (SELECT 1 FROM units u WHERE u.rowid = units_fts.rowid AND ${t.sql}))`;
        params.push(`title : ${quote(w)} NOT text : ${quote(w)}`, ...t.params);
        continue;
      }
      unitSql.push(t.sql);
      unitParams.push(...t.params);
    }
    if (scope.departments && !dept) {
      const d = this.departmentSql(scope, 'u.');
      unitSql.push(d.sql);
      unitParams.push(...d.params);
    }
    if (unitSql.length > 0) {
      where += ` AND EXISTS (SELECT 1 FROM units u WHERE u.rowid = units_fts.rowid AND ${unitSql.join(' AND ')})`;
      params.push(...unitParams);
    }
    const rank = `bm25(units_fts, ${FIELD_BOOST.title}, ${FIELD_BOOST.text}, 0)`;
    // one term and no filter or check: the units that have it are those `terms` counts
    const one = groups.length === 1 && groups[0].length === 1 && groups[0][0].terms.length === 1;
    const term = one && match === words && where === 'units_fts MATCH ?' ? groups[0][0].terms[0] : undefined;
    return { where, params, rank, rankParams: [], ...(term !== undefined ? { term } : {}), ...(where !== indexOnly.where ? { indexOnly } : {}) };
  }

  private deptCache = new WeakMap<Scope, { match: string; nums: number[] | null } | null>();
  /** The `meta` key of each distinct department (deptIndex order), made on demand. */
  private deptKeys: string[] | null = null;

  /**
   * The departments' rule (departmentSql) as an FTS5 condition on the units' `meta` tokens and,
   * unless the tokens imply it, the documents that resolved the name (`nums`); null when the
   * tokens do not say it exactly. A token keeps a name's letters and digits only, so two names
   * can share one: the rule is exact when, in every document that resolved the name, no
   * department other than those it resolved to has the key of one of the names asked for (a
   * unit's lead and responsible lists name departments of its document: extract/departments.ts).
   * Then a unit has a token exactly when it names one of its document's names, and no unit is
   * read to decide (was: every match's lists, ~40 ms a query at 5,000 documents).
   */
  protected deptTokens(scope: Scope): { match: string; nums: number[] | null } | null {
    if (this.deptCache.has(scope)) return this.deptCache.get(scope)!;
    this.loadDocs();
    const keyOf = (name: string) => metaToken('', name).toLowerCase();
    const namesOf = new Map<string, Set<string>>();
    for (const { doc, name } of scope.departments ?? []) {
      const set = namesOf.get(doc) ?? new Set<string>();
      set.add(name);
      namesOf.set(doc, set);
    }
    const names = [...new Set((scope.departments ?? []).map((d) => d.name))];
    const keys = new Set(names.map(keyOf));
    let out: { match: string; nums: number[] | null } | null = null;
    if (names.length > 0 && !keys.has('')) {
      const index = this.departmentIndex();
      this.deptKeys ??= index.departments.map((d) => keyOf(d.name));
      let exact = true;
      // the documents that have a department with one of the keys: the only ones whose units have the tokens
      let implied = true;
      for (let i = 0; i < index.departments.length && exact; i++) {
        if (!keys.has(this.deptKeys[i])) continue;
        for (const doc of index.docsOf[i]) {
          const resolved = namesOf.get(doc);
          if (!resolved) implied = false;
          else if (!resolved.has(index.departments[i].name)) {
            exact = false;
            break;
          }
        }
      }
      if (exact) {
        const tokens = (prefix: string) => names.map((n) => quote(metaToken(prefix, n))).join(' OR ');
        const match =
          scope.role === 'lead'
            ? `meta : (${tokens('l')})`
            : scope.role === 'responsible'
              ? `(meta : (${tokens('r')}) NOT meta : (${tokens('l')}))`
              : `meta : (${tokens('l')} OR ${tokens('r')})`;
        const nums = implied
          ? null
          : [...namesOf.keys()]
              .map((id) => this.numById!.get(id))
              .filter((n): n is number => n !== undefined)
              .sort((a, b) => a - b);
        out = { match, nums };
      }
    }
    this.deptCache.set(scope, out);
    return out;
  }

  /** The store's numbers of these document ids. */
  protected docNums(ids: string[]): number[] {
    this.loadDocs();
    return ids.map((id) => this.numById!.get(id)).filter((n): n is number => n !== undefined);
  }

  /**
   * The departments' rule exactly (select/roles.ts `roleOf`), over a units row (`prefix`: its
   * alias): the unit's document resolved the name, and the unit names one of the names it means
   * there in its lead (or responsible) list as stored (JSON). Several names in a document are one
   * office: it leads when any leads, and is responsible only where none leads.
   */
  protected departmentSql(scope: Scope, prefix: string): { sql: string; params: unknown[] } {
    this.loadDocs();
    const namesOf = new Map<number, string[]>();
    for (const { doc, name } of scope.departments ?? []) {
      const num = this.numById!.get(doc);
      if (num === undefined) continue;
      const list = namesOf.get(num) ?? [];
      if (!list.includes(name)) list.push(name);
      namesOf.set(num, list);
    }
    // documents that resolved the same names share one condition
    const byNames = new Map<string, { names: string[]; nums: number[] }>();
    for (const [num, names] of namesOf) {
      const key = JSON.stringify(names);
      const group = byNames.get(key) ?? { names, nums: [] };
      group.nums.push(num);
      byNames.set(key, group);
    }
    const ors: string[] = [];
    const params: unknown[] = [];
    for (const { names, nums } of byNames.values()) {
      const any = (column: string) => {
        for (const n of names) params.push(JSON.stringify(n));
        return `(${names.map(() => this.containsSql(prefix + column)).join(' OR ')})`;
      };
      let held: string;
      if (scope.role === 'lead') held = any('lead');
      else if (scope.role === 'responsible') {
        const resp = any('responsible');
        held = `${resp} AND NOT ${any('lead')}`;
      } else {
        const lead = any('lead');
        held = `(${lead} OR ${any('responsible')})`;
      }
      ors.push(`(${held} AND ${prefix}doc IN (${nums.join(',')}))`);
    }
    return { sql: `(${ors.join(' OR ') || '1 = 0'})`, params };
  }

  /** SQL true when `column` contains the parameter's string. */
  protected containsSql(column: string): string {
    return `instr(${column}, ?) > 0`;
  }

  /** The conditions of text-pattern.ts for every word, joined by AND ('' for none). */
  protected textSql(column: string, words: string[]): { sql: string; params: unknown[] } {
    const parts = words.map((w) => textCondition(column, w));
    return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
  }

  /** How many units match, and from how many documents. */
  protected countMatches(q: MatchQuery): [number, number] {
    // a term's units and documents are kept by ingest (a frequent word's count read its whole
    // posting list: 4.5 ms for 交通 at 10,000 documents)
    if (q.term !== undefined) return this.store.get<[number, number]>('SELECT units, docs FROM terms WHERE term = ?', q.term) ?? [0, 0];
    return this.store.get<[number, number]>(`SELECT count(*), count(DISTINCT rowid >> 20) FROM ${this.matchTable} WHERE ${q.where}`, ...q.params)!;
  }

  protected lookup(
    groups: TermGroup[],
    combine: 'AND' | 'OR',
    scope: Scope,
    accept: ((id: number) => boolean) | undefined,
    checks: string[],
    verified = false,
  ): Matches {
    // Kinds and documents are in the FTS5 query exactly; the departments' rule and text checks
    // are checked on the units found (the meta tokens narrow, the names decide).
    // Kinds, documents and the departments' rule are in the SQL exactly (ftsQuery), and so is a
    // word checked that cannot be inside a unit name and has no number to keep whole
    // (text-pattern.ts): then only the best matches are read.
    // (a synonym's text, `verified`, is not: every match goes through `accept`)
    const exact = accept === undefined || (!verified && checks.every((w) => !EDGE_DIGIT.test(w) && !this.inSomeName(w)));
    const texts = checks.length > 0 || verified;
    if (combine === 'AND') {
      const q = this.ftsQuery(groups, 'AND', scope, checks);
      return this.ranked(q, groups, scope.want, exact ? undefined : accept, texts);
    }
    // OR: per query word, as MiniSearch scores it: the sum of the words' scores × how many the unit has
    const sums = new Map<number, number>();
    const counts = new Map<number, number>();
    for (const g of groups) {
      const m = this.ranked(this.ftsQuery([g], 'AND', scope, checks), [g], scope.want, exact ? undefined : accept, texts);
      for (let i = 0; i < m.ids.length; i++) {
        sums.set(m.ids[i], (sums.get(m.ids[i]) ?? 0) + m.scores[i]);
        counts.set(m.ids[i], (counts.get(m.ids[i]) ?? 0) + 1);
      }
    }
    const ids = [...sums.keys()];
    // per term, each score is the term's weight (× 1 term): the sum × how many terms the unit has
    const out: Matches = { ids, scores: ids.map((id) => sums.get(id)! * counts.get(id)!) };
    if (exact) {
      const [total, documents] = this.countMatches(this.ftsQuery(groups, 'OR', scope, checks));
      if (total > ids.length) return { ...out, total, documents };
    }
    return out;
  }

  /**
   * Matches of an FTS5 query, scored. Without `accept` (every filter and text check is in the
   * SQL), the matches are counted and only the best `want` (at least RESCORE) by bm25 are
   * returned, of the most recent CANDIDATES when there are more: bm25 is computed for every row
   * ranked, and a word in a fifth of 800,000 units would take ~0.2 s. With `accept`, every
   * match is read and tested (`texts`: their text too).
   */
  protected ranked(q: MatchQuery, groups: TermGroup[], want: number, accept?: (id: number) => boolean, texts = false): Matches {
    const params = [...q.rankParams, ...q.params];
    if (accept) {
      const rows = this.store.all<[number, number]>(`SELECT rowid, ${q.rank} FROM ${this.matchTable} WHERE ${q.where}`, ...params);
      // the text is read for the words checked; for the departments' rule only what it looks at
      if (texts) this.prefetch(rows.map((r) => r[0]));
      else this.prefetchFacts(rows.map((r) => r[0]));
      return this.rescored(
        rows.filter((r) => accept(r[0])),
        groups,
      );
    }
    const k = Math.max(want, RESCORE);
    if (q.indexOnly) return this.rankedChecked(q, q.indexOnly, groups, k);
    const [total, documents] = this.countMatches(q);
    // Only the rows the search will rank cross into JavaScript (a row costs ~1 µs there): the
    // database scores every match (or the CANDIDATES most recent ones) and sorts them.
    const sql =
      total <= CANDIDATES
        ? `SELECT rowid, ${q.rank} AS b FROM ${this.matchTable} WHERE ${q.where} ORDER BY b, rowid LIMIT ${k}`
        : `SELECT rowid, b FROM (SELECT rowid, ${q.rank} AS b FROM ${this.matchTable} WHERE ${q.where} ORDER BY rowid DESC LIMIT ${CANDIDATES}) AS recent ORDER BY b, rowid LIMIT ${k}`;
    const rows = this.store.all<[number, number]>(sql, ...params);
    const m = this.rescored(rows, groups);
    return rows.length < total ? { ...m, total, documents } : m;
  }

  /**
   * `ranked` for a query that checks the units' rows (a phrase's text: `"高速公路建设"` reads the
   * text of each of the 18,645 units with both its words at 10,000 documents): the rows are
   * read once, for the ids of the matches (counted here), and the ranking takes the most recent
   * CANDIDATES of these ids without reading a row again (it read ~4,000 texts a second time).
   * The same rows are ranked by the same bm25 as by the query itself.
   */
  private rankedChecked(q: MatchQuery, indexOnly: { where: string; params: unknown[] }, groups: TermGroup[], k: number): Matches {
    const list = this.store.get<[string | null]>(
      `SELECT group_concat(rowid) FROM (SELECT rowid FROM ${this.matchTable} WHERE ${q.where} ORDER BY rowid)`,
      ...q.params,
    )?.[0];
    const ids = list ? parseIds(list) : [];
    const total = ids.length;
    let documents = 0;
    for (let i = 0, last = -1; i < total; i++) {
      const doc = Math.floor(ids[i] / DOC_SHIFT);
      if (doc !== last) documents++;
      last = doc;
    }
    if (total === 0) return this.rescored([], groups);
    const from = Math.max(0, total - CANDIDATES);
    // `+rowid`: the index is read in order from the first id ranked and each row tested against
    // the list (not looked up in the index id by id)
    const rows = this.store.all<[number, number]>(
      `SELECT rowid, b FROM (SELECT rowid, ${q.rank} AS b FROM ${this.matchTable} WHERE ${indexOnly.where} AND rowid >= ? AND +rowid IN (SELECT value FROM json_each(?))) ORDER BY b, rowid LIMIT ${k}`,
      ...q.rankParams,
      ...indexOnly.params,
      ids[from],
      JSON.stringify(from === 0 ? ids : ids.slice(from)),
    );
    const m = this.rescored(rows, groups);
    return rows.length < total ? { ...m, total, documents } : m;
  }

  /**
   * FTS5's bm25 weighs a unit's fields together (one length, one term frequency); the search's
   * rule is MiniSearch's: BM25+ per field, title ×2, summed, × the number of query terms the unit
   * has (with synonyms: engine.ts groupScore). The best RESCORE by bm25 are scored so (term
   * frequencies counted in their text, by the unit-name rule; field lengths and document
   * frequencies from the store); the rest keep their order below them.
   */
  protected rescored(rows: Array<[number, number]>, groups: TermGroup[]): Matches {
    rows.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    const head = rows.slice(0, RESCORE);
    this.prefetchTexts(head.map((r) => r[0]));
    const stats = this.statsOnce();
    const exact = head.map(([id]) => groupScore(groups, (t) => this.weight(id, t, stats)));
    const ids = rows.map((r) => r[0]);
    const scores = new Array<number>(rows.length);
    exact.forEach((s, i) => (scores[i] = s));
    if (rows.length > head.length) {
      const floor = Math.min(...exact.filter((s) => s > 0), 1) * 0.999;
      const top = -rows[head.length][1] || 1;
      for (let i = head.length; i < rows.length; i++) scores[i] = (floor * -rows[i][1]) / top;
    }
    return { ids, scores };
  }

  private stats: { n: number; avgTitle: number; avgText: number; df: Map<string, [number, number]> } | null = null;

  protected statsOnce() {
    if (!this.stats) {
      const s = this.store.stats();
      this.stats = { n: s.units, avgTitle: s.title / Math.max(1, s.units), avgText: s.text / Math.max(1, s.units), df: new Map() };
    }
    return this.stats;
  }

  /** A term's units by field (title, text). */
  protected df(term: string, stats: ReturnType<SqliteSearch['statsOnce']>): [number, number] {
    let d = stats.df.get(term);
    if (!d) {
      d = [0, 0];
      for (const [col, docs] of this.store.all<[string, number]>('SELECT col, doc FROM units_vocab WHERE term = ?', term)) {
        if (col === 'title') d[0] = docs;
        else if (col === 'text') d[1] = docs;
      }
      stats.df.set(term, d);
    }
    return d;
  }

  /** BM25+ of a term in a unit, per field, with the field boosts (0 when the unit does not have it). */
  private weight(id: number, term: string, stats: ReturnType<SqliteSearch['statsOnce']>): number {
    const [titleLen, textLen] = this.lengths.get(id) ?? [0, 0];
    const [dfTitle, dfText] = this.df(term, stats);
    let w = 0;
    const titleTf = dfTitle > 0 ? this.countIn(id, term, 'title') : 0;
    if (titleTf > 0) w += FIELD_BOOST.title * bm25(titleTf, dfTitle, stats.n, titleLen, stats.avgTitle);
    const textTf = dfText > 0 ? this.countIn(id, term, 'text') : 0;
    if (textTf > 0) w += FIELD_BOOST.text * bm25(textTf, dfText, stats.n, textLen, stats.avgText);
    return w;
  }

  private readonly lengths = new Map<number, [number, number]>();

  protected *candidates(scope: Scope, words: string[]): Iterable<number> {
    // only the units whose text may have every word are read (see text-pattern.ts)
    const text = this.textSql('coalesce(simplified, text)', words);
    const where: string[] = text.sql ? [text.sql] : [];
    const params: unknown[] = [...text.params];
    if (scope.docs) {
      this.loadDocs();
      const nums = scope.docs.map((id) => this.numById!.get(id)).filter((n): n is number => n !== undefined);
      where.push(`doc IN (${nums.map(() => '?').join(',') || 'NULL'})`);
      params.push(...nums);
    }
    if (scope.kinds) {
      where.push(`kind IN (${scope.kinds.map(() => '?').join(',')})`);
      params.push(...scope.kinds);
    } else where.push("kind != 'web'");
    // The units the index says may have every word (marks.ts), unless web units are asked for
    // (they are not in the index): read in slices, dropped again unless they match.
    const conditions = words.length > 0 && !scope.web ? markConditions(words, (c) => this.termsWith(c)) : null;
    if (conditions) {
      // units a warm searcher holds are not read again (the search checks every candidate's
      // scope and text itself)
      // (those it does not hold are read 500 at a time: a warm 2035年 at 10,000 documents had a
      // few units missing from most slices of 500, those without 年, and read them in 64 statements)
      const ids = this.markedUnits(conditions);
      let missing: number[] = [];
      const read = function* (this: SqliteSearch): Iterable<number> {
        const chunk = missing;
        missing = [];
        yield* this.readScanned(`rowid IN (${chunk.map(() => '?').join(',')}) AND ${where.join(' AND ')}`, [...chunk, ...params]);
        this.boundScanned();
      };
      for (const id of ids) {
        if (this.isScanned(id) || (this.texts.has(id) && this.factsCache.has(id)) || this.cache.has(id)) yield id;
        else if (missing.push(id) >= 500) yield* read.call(this);
      }
      if (missing.length > 0) yield* read.call(this);
      return;
    }
    // in slices, so the units read are dropped again unless they match
    let last = -1;
    for (;;) {
      const ids = this.readScanned(`${where.join(' AND ')} AND rowid > ? ORDER BY rowid LIMIT 2000`, [...params, last]);
      if (ids.length === 0) return;
      for (const id of ids) yield id;
      last = ids[ids.length - 1];
      this.boundScanned();
    }
  }

  /**
   * Read what the scan and the filters look at of units (`textOf`, `facts`, the field lengths),
   * not whole units (no JSON of theirs parsed but the lists, no object of every column).
   */
  private readScanned(where: string, params: unknown[]): number[] {
    this.loadDocs();
    const ids: number[] = [];
    for (const [rowid, num, kind, lead, responsible, title, text, simplified, titleLen, textLen] of this.store.all<
      [number, number, UnitKind, string, string, string, string, string | null, number, number]
    >(`SELECT rowid, doc, kind, lead, responsible, title, text, simplified, title_len, text_len FROM units WHERE ${where}`, ...params)) {
      this.lengths.set(rowid, [titleLen, textLen]);
      const doc = this.docsByNum!.get(num) ?? '';
      this.factsCache.set(rowid, { kind, doc, lead: lead === '[]' ? [] : JSON.parse(lead), responsible: responsible === '[]' ? [] : JSON.parse(responsible) });
      this.texts.set(rowid, simplified === null ? { title, text } : { title, text, simplified });
      ids.push(rowid);
    }
    return ids;
  }

  /** Forget what the scan read when it holds more than TEXT_CACHE units (between slices of a scan). */
  private boundScanned(): void {
    if (this.texts.size <= TEXT_CACHE && this.factsCache.size <= TEXT_CACHE) return;
    this.texts = new Map();
    this.factsCache = new Map();
  }

  /** Ids of the units that meet every condition (marks.ts), in order. */
  protected markedUnits(conditions: MarkCondition[]): number[] {
    const match = conditions
      .map((c) => {
        const marks = `meta : (${c.marks.map(quote).join(' OR ')})`;
        return c.terms.length > 0 ? `(${marks} OR text : (${c.terms.map(quote).join(' OR ')}))` : marks;
      })
      .join(' AND ');
    // one string rather than a row each (a row costs ~0.4 µs to cross into JavaScript: 2035年 is in 30,000 units at 10,000 documents)
    const list = this.store.get<[string | null]>(
      'SELECT group_concat(rowid) FROM (SELECT rowid FROM units_fts WHERE units_fts MATCH ? ORDER BY rowid)',
      match,
    )?.[0];
    return list ? parseIds(list) : [];
  }

  private termCache = new Map<string, Array<[string, number]>>();

  /** Index terms that contain a character, with their units (the `terms` table: every term of every unit). */
  protected termsWith(char: string): Array<[string, number]> {
    let list = this.termCache.get(char);
    if (!list) {
      list = this.store.all<[string, number]>(`SELECT term, units FROM terms WHERE ${this.containsSql('term')}`, char);
      this.termCache.set(char, list);
    }
    return list;
  }

  protected webUnits(words: string[]): Iterable<number> {
    const text = this.textSql('coalesce(simplified, text)', words);
    return this.readUnits(`kind = 'web'${text.sql ? ` AND ${text.sql}` : ''}`, text.params);
  }

  protected nearTerms(q: string): Map<string, number> {
    const out = new Map<string, number>();
    for (let i = 0; i < q.length; i++) {
      const pattern = globEscape(q.slice(0, i)) + '?' + globEscape(q.slice(i + 1));
      for (const [term, units] of this.store.all<[string, number]>('SELECT term, units FROM terms WHERE term GLOB ? AND term != ?', pattern, q)) {
        if (term.length === q.length) out.set(term, units);
      }
    }
    return out;
  }
}

/**
 * The ids of a `group_concat(rowid)` (decimal, comma-separated), read digit by digit: 31,572 of
 * them for 2035年 at 10,000 documents, where split and Number made a string of each (~10 ms under load).
 */
export function parseIds(list: string): number[] {
  const out: number[] = [];
  let v = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c === 44) {
      out.push(v);
      v = 0;
    } else v = v * 10 + (c - 48);
  }
  out.push(v);
  return out;
}

function globEscape(s: string): string {
  return s.replace(/[*?[\]]/g, (c) => `[${c}]`);
}
