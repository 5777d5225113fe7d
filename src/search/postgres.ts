import { UserError } from '../model/errors.js';
import { normalizeForMatch } from '../model/normalize.js';
import type { PolicyDocument } from '../model/types.js';
import { allTerms, groupsExpression, type Scope, type TermGroup } from './engine.js';
import { type MarkCondition, unitMarks } from './marks.js';
import { PgError, READ_ONLY_TRANSACTION, SyncPg } from './pg-sync.js';
import { modelRows, SCHEMA_TABLES, STORE_VERSION, UNIT_COLUMNS, unitRow } from './schema.js';
import { type MatchQuery, type PutResult, type SearchStore, SqliteSearch, unitTerms } from './sqlite.js';
import { charClasses, regexPattern } from './text-pattern.js';
import { getTokenizer, normalizeText, type Tokenizer } from './tokenizer.js';
import { UnitNames, unitWords } from './unit-names.js';
import { documentUnits, type SearchDepartment, searchDepartments, type UnitKind } from './units.js';

/**
 * The store on a PostgreSQL server (`--db postgres://…` or POLICY_DB): the same model tables as
 * the SQLite file (schema.ts), and the search units with a tsvector of the same jieba terms —
 * built from the term list itself (`'term':positions weight`), so no text search configuration
 * re-cuts Chinese text: the 'simple' configuration's behaviour (no stemming, no stop words) on
 * the tokenizer's terms. Title terms have weight A, text terms B; a GIN index serves `@@`.
 *
 * Every table has the document number (`doc`; `documents.num`) in its key, so the schema can be
 * distributed by document with Citus (docs/store.md): a document's rows live together.
 *
 * The search's rules run in this process, synchronously (engine.ts); statements go to the
 * server through a worker thread (pg-sync.ts).
 */

const DOC_SHIFT = 2 ** 20;

const UNITS = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
${SCHEMA_TABLES}
CREATE TABLE IF NOT EXISTS units(
  rowid BIGINT NOT NULL, doc INTEGER NOT NULL, uid TEXT NOT NULL, kind TEXT NOT NULL, number TEXT, label TEXT,
  title TEXT NOT NULL, text TEXT NOT NULL, simplified TEXT, section TEXT NOT NULL, lead TEXT NOT NULL,
  responsible TEXT NOT NULL, deadline TEXT, line INTEGER NOT NULL, page INTEGER, title_len INTEGER NOT NULL, text_len INTEGER NOT NULL,
  PRIMARY KEY(doc, rowid));
CREATE INDEX IF NOT EXISTS units_rowid ON units(rowid);
CREATE TABLE IF NOT EXISTS units_fts(
  doc INTEGER NOT NULL, rowid BIGINT NOT NULL, kind TEXT NOT NULL, lead TEXT NOT NULL, responsible TEXT NOT NULL,
  tsv TSVECTOR NOT NULL, marks TSVECTOR NOT NULL, PRIMARY KEY(doc, rowid));
CREATE INDEX IF NOT EXISTS units_fts_rowid ON units_fts(rowid);
CREATE INDEX IF NOT EXISTS units_fts_tsv ON units_fts USING GIN (tsv);
CREATE INDEX IF NOT EXISTS units_fts_marks ON units_fts USING GIN (marks);
CREATE TABLE IF NOT EXISTS user_words(word TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(word, doc));
CREATE TABLE IF NOT EXISTS terms(term TEXT PRIMARY KEY, units INTEGER NOT NULL, title INTEGER NOT NULL, text INTEGER NOT NULL);
`;

/** A term as a tsquery/tsvector lexeme, taken as it is. */
function lexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** The tsvector of a unit's terms: title terms at positions 1…, weight A; text terms after them, weight B. */
export function unitVector(terms: { title: string[]; text: string[] }): string {
  const at = new Map<string, string[]>();
  let pos = 0;
  const add = (list: string[], weight: string) => {
    for (const t of list) {
      pos = Math.min(pos + 1, 16383);
      let p = at.get(t);
      if (!p) at.set(t, (p = []));
      if (p.length < 256) p.push(`${pos}${weight}`);
    }
  };
  add(terms.title, 'A');
  add(terms.text, 'B');
  return [...at].map(([t, p]) => `${lexeme(t)}:${p.join(',')}`).join(' ');
}

/** The tsvector of a unit's marks (marks.ts): lexemes without positions. */
function marksVector(marks: string[]): string {
  return marks.map(lexeme).join(' ');
}

/** Lexemes of a tsvector's text form with whether they are in the title (A) and in the text (other weights). */
function parseVector(text: string): Map<string, { title: boolean; text: boolean }> {
  const out = new Map<string, { title: boolean; text: boolean }>();
  const re = /'((?:[^'\\]|''|\\.)*)'(?::([0-9A-D,]+))?/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const term = m[1].replace(/''/g, "'").replace(/\\(.)/g, '$1');
    const pos = m[2] ?? '';
    out.set(term, { title: /A/.test(pos), text: pos === '' || /\d(,|$)|[BCD]/.test(pos) });
  }
  return out;
}

/**
 * True when the PostgreSQL store is shared (a named schema, `policy` by default): the server
 * is the corpus, several people ingest into it, and no data folder speaks for it — a command
 * never removes a document because the folder lacks it, and a search needs no folder. With
 * POLICY_DB_SCHEMA=per-folder the schema is the folder's own and follows it, as the SQLite file does.
 */
export function sharedSchema(): boolean {
  return (process.env.POLICY_DB_SCHEMA ?? 'policy') !== 'per-folder';
}

/** The store's schema from POLICY_DB_SCHEMA: a name, or `per-folder` for one schema a data folder. */
export function schemaFor(dataDir: string | null): string {
  const wanted = process.env.POLICY_DB_SCHEMA ?? 'policy';
  if (wanted !== 'per-folder' || dataDir === null) return safeName(wanted);
  // a data folder's own schema: one database serves several folders (and the tests)
  let h = 0x811c9dc5;
  for (const c of dataDir) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  let h2 = 0;
  for (const c of dataDir) h2 = (Math.imul(h2, 31) + c.charCodeAt(0)) >>> 0;
  return `policy_${h.toString(36)}${h2.toString(36)}`;
}

function safeName(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new UserError(`POLICY_DB_SCHEMA: "${name}" is no plain schema name (a-z, 0-9, _)`);
  return name;
}

/** True for a PostgreSQL connection string. */
export function isPostgresUrl(url: string | undefined): url is string {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url);
}

export class PostgresStore implements SearchStore {
  readonly file: string;
  readonly schema: string;
  private readonly pg: SyncPg;
  private wordsLoaded = false;

  private constructor(url: string, schema: string, pg: SyncPg) {
    this.file = `${url.replace(/:[^:@/]*@/, ':***@')} (schema ${schema})`;
    this.schema = schema;
    this.pg = pg;
  }

  /** Connect to the server and make the schema and tables when missing. */
  static connect(url: string, schema = 'policy'): PostgresStore {
    const pg = new SyncPg(url, safeName(schema));
    const store = new PostgresStore(url, schema, pg);
    let version: string | undefined;
    try {
      version = store.tryGet<[string]>('SELECT value FROM meta WHERE key = ?', 'version')?.[0];
      if (version === undefined) {
        pg.query(UNITS);
        pg.batch([
          [
            "INSERT INTO meta(key, value) VALUES ('version', ?), ('units', '0'), ('title_tokens', '0'), ('text_tokens', '0') ON CONFLICT (key) DO NOTHING",
            [String(STORE_VERSION)],
          ],
        ]);
      } else if (version !== String(STORE_VERSION)) {
        throw new UserError(`${store.file}: store version ${version}, expected ${STORE_VERSION} (drop the schema and ingest again)`);
      }
    } catch (error) {
      pg.close();
      if (error instanceof PgError && error.code === READ_ONLY_TRANSACTION)
        throw new UserError(
          `${store.file}: the store ${version === undefined ? 'is not on this server' : `has version ${version}, not ${STORE_VERSION}`}, and the server takes no writes (a read replica?): ingest through the primary server`,
        );
      if (error instanceof PgError) throw new UserError(`${store.file}: cannot open the store (${error.message})`);
      throw error;
    }
    return store;
  }

  close(): void {
    this.pg.close();
  }

  /** Drop every table of the store's schema and make them anew. */
  reset(): void {
    this.pg.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE; CREATE SCHEMA ${this.schema}; SET search_path TO ${this.schema}`);
    this.pg.query(UNITS);
    this.pg.batch([
      ["INSERT INTO meta(key, value) VALUES ('version', ?), ('units', '0'), ('title_tokens', '0'), ('text_tokens', '0')", [String(STORE_VERSION)]],
    ]);
  }

  /** One read-only query (policy sql): column names and rows. */
  read(sql: string): { columns: string[]; rows: unknown[][] } {
    return this.pg.read(sql);
  }

  /** Drop the store's schema (tests' throwaway stores). */
  drop(): void {
    this.pg.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`);
  }

  all<T extends unknown[]>(sql: string, ...params: unknown[]): T[] {
    return this.pg.query<T>(sql, params);
  }

  get<T extends unknown[]>(sql: string, ...params: unknown[]): T | undefined {
    return this.pg.query<T>(sql, params)[0];
  }

  private tryGet<T extends unknown[]>(sql: string, ...params: unknown[]): T | undefined {
    try {
      return this.get<T>(sql, ...params);
    } catch (error) {
      if (error instanceof PgError && error.code === '42P01') return undefined; // no such table
      throw error;
    }
  }

  documentIds(): string[] {
    return this.all<[string]>('SELECT id FROM documents ORDER BY id').map((r) => r[0]);
  }

  stats(): { units: number; title: number; text: number } {
    const m = new Map(this.all<[string, string]>("SELECT key, value FROM meta WHERE key IN ('units', 'title_tokens', 'text_tokens')"));
    return { units: Number(m.get('units') ?? 0), title: Number(m.get('title_tokens') ?? 0), text: Number(m.get('text_tokens') ?? 0) };
  }

  /** VACUUM ANALYZE after a bulk load: the planner's statistics, and the visibility map for index-only reads. */
  compact(): void {
    this.pg.query('VACUUM ANALYZE');
  }

  private loadUserWords(tokenizer: Tokenizer): Set<string> {
    const words = new Set(this.all<[string]>('SELECT DISTINCT word FROM user_words').map((r) => r[0]));
    if (!this.wordsLoaded) {
      tokenizer.addWords(words);
      this.wordsLoaded = true;
    }
    return words;
  }

  /** Add or replace documents, each in one transaction (see SqliteStore.put). */
  put(docs: PolicyDocument[], options: { force?: boolean } = {}): PutResult {
    const result: PutResult = { added: [], replaced: [], unchanged: [] };
    const tokenizer = getTokenizer();
    const known = this.loadUserWords(tokenizer);
    const before = new Set(this.all<[number]>('SELECT num FROM documents').map((r) => r[0]));
    const fresh = new Set<string>();
    for (const doc of docs) for (const w of unitWords(searchDepartments(doc))) if (!known.has(normalizeText(w))) fresh.add(w);
    tokenizer.addWords(fresh);
    for (const doc of docs) {
      const old = this.get<[number, string, string]>('SELECT num, sha256, schema FROM documents WHERE id = ?', doc.id);
      if (old && !options.force && old[1] === doc.source.sha256 && old[2] === String(doc.schemaVersion)) {
        result.unchanged.push(doc.id);
        continue;
      }
      const num = old?.[0] ?? (this.get<[number | null]>('SELECT max(num) FROM documents')?.[0] ?? 0) + 1;
      const statements: Array<[string, unknown[]]> = [];
      if (old) statements.push(...this.deleteStatements(old[0]));
      statements.push(...this.insertStatements(doc, num, tokenizer));
      this.pg.batch(statements);
      (old ? result.replaced : result.added).push(doc.id);
    }
    const late = [...fresh].map(normalizeText).filter((w) => tokenizer.isUserWord(w));
    if (late.length > 0 && before.size > 0) this.reindexFor(late, before, tokenizer);
    return result;
  }

  remove(id: string): boolean {
    const num = this.get<[number]>('SELECT num FROM documents WHERE id = ?', id)?.[0];
    if (num === undefined) return false;
    this.pg.batch(this.deleteStatements(num));
    return true;
  }

  /** Term counts of units as stored (their tsvectors), for `terms`. */
  private termCounts(where: string, params: unknown[]): Map<string, [number, number, number]> {
    const counts = new Map<string, [number, number, number]>();
    for (const [tsv] of this.all<[string]>(`SELECT tsv::text FROM units_fts WHERE ${where}`, ...params)) {
      for (const [t, f] of parseVector(tsv)) {
        const c = counts.get(t) ?? [0, 0, 0];
        c[0]++;
        if (f.title) c[1]++;
        if (f.text) c[2]++;
        counts.set(t, c);
      }
    }
    return counts;
  }

  private termStatements(counts: Map<string, [number, number, number]>, sign: 1 | -1): Array<[string, unknown[]]> {
    if (counts.size === 0) return [];
    const terms = [...counts.keys()];
    const col = (i: number) => terms.map((t) => sign * counts.get(t)![i]);
    return [
      [
        'INSERT INTO terms(term, units, title, text) SELECT * FROM unnest(?::text[], ?::int[], ?::int[], ?::int[]) ON CONFLICT (term) DO UPDATE SET units = terms.units + excluded.units, title = terms.title + excluded.title, text = terms.text + excluded.text',
        [terms, col(0), col(1), col(2)],
      ],
    ];
  }

  private deleteStatements(num: number): Array<[string, unknown[]]> {
    const [n, tl, xl] = this.get<[number, number | null, number | null]>(
      "SELECT count(*), sum(title_len), sum(text_len) FROM units WHERE doc = ? AND kind != 'web'",
      num,
    )!;
    const departments = JSON.parse(this.get<[string]>('SELECT departments FROM documents WHERE num = ?', num)?.[0] ?? '[]') as SearchDepartment[];
    return [
      ...this.countStatements(-n, -(tl ?? 0), -(xl ?? 0)),
      ...this.termStatements(this.termCounts('doc = ?', [num]), -1),
      ['DELETE FROM terms WHERE units <= 0', []],
      ['DELETE FROM units_fts WHERE doc = ?', [num]],
      ['DELETE FROM units WHERE doc = ?', [num]],
      ['DELETE FROM user_words WHERE word = ANY(?::text[]) AND doc = ?', [unitWords(departments).map(normalizeText), num]],
      ...['tasks', 'assignments', 'departments', 'department_aliases', 'indicators', 'targets'].map((t): [string, unknown[]] => [
        `DELETE FROM ${t} WHERE doc = ?`,
        [num],
      ]),
      ['DELETE FROM documents WHERE num = ?', [num]],
    ];
  }

  private countStatements(units: number, title: number, text: number): Array<[string, unknown[]]> {
    const set = 'UPDATE meta SET value = (value::bigint + ?::bigint)::text WHERE key = ?';
    return [
      [set, [units, 'units']],
      [set, [title, 'title_tokens']],
      [set, [text, 'text_tokens']],
    ];
  }

  private insertStatements(doc: PolicyDocument, num: number, tokenizer: Tokenizer): Array<[string, unknown[]]> {
    const out: Array<[string, unknown[]]> = [];
    const departments = searchDepartments(doc);
    const names = new UnitNames(departments, tokenizer.normalize);
    for (const [table, list] of Object.entries(modelRows(doc, num))) {
      if (list.length === 0) continue;
      const cols = Object.keys(list[0]);
      out.push(
        ...insertRows(
          table,
          cols,
          list.map((row) => cols.map((c) => (row as Record<string, unknown>)[c])),
        ),
      );
    }
    out.push(['UPDATE documents SET departments = ? WHERE num = ?', [JSON.stringify(departments), num]]);
    const rows: unknown[][] = [];
    const fts: unknown[][] = [];
    const counts = new Map<string, [number, number, number]>();
    const sums = [0, 0, 0];
    documentUnits(doc).forEach((u, i) => {
      const rowid = num * DOC_SHIFT + i * 2 + (u.heading ? 1 : 0);
      const folded = normalizeForMatch(u.text);
      const simplified = tokenizer.normalize(u.text);
      const terms = u.kind === 'web' ? { title: [], text: [] } : unitTerms(names, tokenizer, u.title, simplified);
      rows.push(unitRow(u, { rowid, num, uid: u.id.slice(doc.id.length + 1) }, simplified, folded, terms));
      // web-page clutter is no part of the term index (scanned when asked for)
      if (u.kind === 'web') return;
      fts.push([num, rowid, u.kind, JSON.stringify(u.lead), JSON.stringify(u.responsible), unitVector(terms), marksVector(unitMarks(simplified, terms.text))]);
      sums[0]++;
      sums[1] += terms.title.length;
      sums[2] += terms.text.length;
      const title = new Set(terms.title);
      const text = new Set(terms.text);
      for (const t of new Set([...title, ...text])) {
        const c = counts.get(t) ?? [0, 0, 0];
        c[0]++;
        if (title.has(t)) c[1]++;
        if (text.has(t)) c[2]++;
        counts.set(t, c);
      }
    });
    out.push(...insertRows('units', [...UNIT_COLUMNS], rows));
    out.push(...insertRows('units_fts', ['doc', 'rowid', 'kind', 'lead', 'responsible', 'tsv', 'marks'], fts));
    out.push(...this.countStatements(sums[0], sums[1], sums[2]));
    out.push(...this.termStatements(counts, 1));
    const words = [...new Set(unitWords(departments).map(normalizeText))];
    if (words.length > 0) out.push(['INSERT INTO user_words(word, doc) SELECT unnest(?::text[]), ? ON CONFLICT DO NOTHING', [words, num]]);
    return out;
  }

  /** Re-index the units of older documents that have one of `words` (see SqliteStore.reindexFor). */
  private reindexFor(words: string[], docs: Set<number>, tokenizer: Tokenizer): void {
    const seen = new Set<number>();
    for (const w of words) {
      const parts = [...new Set(tokenizer.allWords(w).filter((p) => p !== w))];
      if (parts.length === 0) continue;
      for (const [rowid, num] of this.all<[number, number]>(
        'SELECT u.rowid, u.doc FROM units_fts f JOIN units u ON u.doc = f.doc AND u.rowid = f.rowid WHERE f.tsv @@ ?::tsquery AND (strpos(coalesce(u.simplified, u.text), ?) > 0 OR strpos(u.title, ?) > 0)',
        parts.map(lexeme).join(' & '),
        w,
        w,
      )) {
        if (docs.has(num)) seen.add(rowid);
      }
    }
    if (seen.size === 0) return;
    const statements: Array<[string, unknown[]]> = [];
    const namesOf = new Map<number, UnitNames>();
    const before = new Map<string, [number, number, number]>();
    const after = new Map<string, [number, number, number]>();
    const add = (m: Map<string, [number, number, number]>, t: string, title: boolean, text: boolean) => {
      const c = m.get(t) ?? [0, 0, 0];
      c[0]++;
      if (title) c[1]++;
      if (text) c[2]++;
      m.set(t, c);
    };
    for (const rowid of seen) {
      const row = this.get<[number, string, string, string | null, string, string]>(
        'SELECT u.doc, u.title, u.text, u.simplified, u.kind, f.tsv::text FROM units u JOIN units_fts f ON f.doc = u.doc AND f.rowid = u.rowid WHERE u.rowid = ?',
        rowid,
      );
      if (!row) continue;
      const [num, title, text, simplified, kind, tsv] = row;
      if ((kind as UnitKind) === 'web') continue;
      const normalized = simplified ?? normalizeForMatch(text);
      let names = namesOf.get(num);
      if (!names) {
        const deps = JSON.parse(this.get<[string]>('SELECT departments FROM documents WHERE num = ?', num)?.[0] ?? '[]') as SearchDepartment[];
        names = new UnitNames(deps, normalizeText);
        namesOf.set(num, names);
      }
      const terms = unitTerms(names, tokenizer, title, normalized);
      for (const [t, f] of parseVector(tsv)) add(before, t, f.title, f.text);
      const tset = new Set(terms.title);
      const xset = new Set(terms.text);
      for (const t of new Set([...tset, ...xset])) add(after, t, tset.has(t), xset.has(t));
      statements.push(['UPDATE units SET title_len = ?, text_len = ? WHERE doc = ? AND rowid = ?', [terms.title.length, terms.text.length, num, rowid]]);
      statements.push([
        'UPDATE units_fts SET tsv = ?::tsvector, marks = ?::tsvector WHERE doc = ? AND rowid = ?',
        [unitVector(terms), marksVector(unitMarks(normalized, terms.text)), num, rowid],
      ]);
    }
    statements.push(...this.termStatements(before, -1), ...this.termStatements(after, 1), ['DELETE FROM terms WHERE units <= 0', []]);
    this.pg.batch(statements);
  }

  /** The search over this store. */
  searcher(): PostgresSearch {
    return new PostgresSearch(this);
  }
}

/** Multi-row INSERTs of at most ~30,000 parameters each. */
function insertRows(table: string, cols: string[], rows: unknown[][]): Array<[string, unknown[]]> {
  const out: Array<[string, unknown[]]> = [];
  const per = Math.max(1, Math.floor(30000 / cols.length));
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    const values = chunk.map(() => `(${cols.map((c) => (c === 'tsv' || c === 'marks' ? '?::tsvector' : '?')).join(', ')})`).join(', ');
    out.push([`INSERT INTO ${table}(${cols.join(', ')}) VALUES ${values}`, chunk.flat()]);
  }
  return out;
}

/**
 * The search over a PostgreSQL store: the SQLite engine's search (sqlite.ts: candidates, exact
 * filters in SQL, BM25+ rescoring of the best) with PostgreSQL's full-text operators: `@@` on
 * the units' tsvector, ts_rank (title ×2) to choose the best, regular expressions for the text
 * checks, per-field unit counts from `terms`.
 */
export class PostgresSearch extends SqliteSearch {
  protected override readonly matchTable: string = 'units_fts';

  constructor(store: PostgresStore) {
    super(store);
  }

  protected override ftsQuery(groups: TermGroup[], combine: 'AND' | 'OR', scope: Scope, checks: string[] = []): MatchQuery {
    let query = groupsExpression(groups, combine, lexeme, ' & ', ' | ');
    // a word checked in the text that is itself an index term: a text (weight B) lexeme of the unit
    const terms = allTerms(groups);
    const inText = checks.filter((w) => !terms.includes(w) && this.isIndexTerm(w));
    if (inText.length > 0) query = `(${query}) & ${inText.map((w) => `${lexeme(w)}:B`).join(' & ')}`;
    const where = ['tsv @@ ?::tsquery'];
    const params: unknown[] = [query];
    if (scope.kinds) {
      where.push(`kind IN (${scope.kinds.map(() => '?').join(', ')})`);
      params.push(...scope.kinds);
    }
    if (scope.docs) where.push(`doc IN (${this.docNums(scope.docs).join(', ') || 'NULL'})`);
    // the text is in `units` (units_fts is narrow: counting and ranking scan only it)
    const text = this.textSql('coalesce(u.simplified, u.text)', checks);
    if (text.sql) {
      where.push(`EXISTS (SELECT 1 FROM units u WHERE u.doc = units_fts.doc AND u.rowid = units_fts.rowid AND ${text.sql})`);
      params.push(...text.params);
    }
    if (scope.departments) {
      const d = this.departmentSql(scope, '');
      where.push(d.sql);
      params.push(...d.params);
    }
    // weights {D, C, B, A}: text (B) 0.5, title (A) 1 — the title ×2 as in the search's BM25+
    return { where: where.join(' AND '), params, rank: "-ts_rank('{0, 0, 0.5, 1}', tsv, ?::tsquery, 1)", rankParams: [query] };
  }

  protected override containsSql(column: string): string {
    return `strpos(${column}, ?) > 0`;
  }

  /** strpos of the longest run of characters that only read as themselves, then the word's regular expression. */
  protected override textSql(column: string, words: string[]): { sql: string; params: unknown[] } {
    const sql: string[] = [];
    const params: unknown[] = [];
    for (const w of words) {
      const classes = charClasses(w);
      if (classes.every((c) => c.length === 1)) {
        sql.push(`strpos(${column}, ?) > 0`);
        params.push(w);
        continue;
      }
      let best = '';
      let run = '';
      for (const c of classes) {
        run = c.length === 1 ? run + c[0] : '';
        if (run.length > best.length) best = run;
      }
      if (best) {
        sql.push(`strpos(${column}, ?) > 0`);
        params.push(best);
      }
      sql.push(`${column} ~ ?`);
      params.push(regexPattern(w));
    }
    return { sql: sql.join(' AND '), params };
  }

  protected override countMatches(q: MatchQuery): [number, number] {
    return this.store.get<[number, number]>(`SELECT count(*), count(DISTINCT doc) FROM units_fts WHERE ${q.where}`, ...q.params)!;
  }

  protected override df(term: string, stats: ReturnType<SqliteSearch['statsOnce']>): [number, number] {
    let d = stats.df.get(term);
    if (!d) {
      const row = this.store.get<[number, number]>('SELECT title, text FROM terms WHERE term = ?', term);
      d = row ? [row[0], row[1]] : [0, 0];
      stats.df.set(term, d);
    }
    return d;
  }

  /** Ids of the units that meet every condition (marks.ts): a mark in `marks`, or a text (weight B) term. */
  protected override markedUnits(conditions: MarkCondition[]): number[] {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const c of conditions) {
      const marks = 'marks @@ ?::tsquery';
      params.push(c.marks.map(lexeme).join(' | '));
      if (c.terms.length === 0) where.push(marks);
      else {
        where.push(`(${marks} OR tsv @@ ?::tsquery)`);
        params.push(c.terms.map((t) => `${lexeme(t)}:B`).join(' | '));
      }
    }
    return this.store.all<[number]>(`SELECT rowid FROM units_fts WHERE ${where.join(' AND ')} ORDER BY rowid`, ...params).map((r) => r[0]);
  }

  protected override nearTerms(q: string): Map<string, number> {
    const out = new Map<string, number>();
    const esc = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
    for (let i = 0; i < q.length; i++) {
      const pattern = esc(q.slice(0, i)) + '_' + esc(q.slice(i + 1));
      for (const [term, units] of this.store.all<[string, number]>('SELECT term, units FROM terms WHERE term LIKE ? AND term != ?', pattern, q)) {
        if (term.length === q.length) out.set(term, units);
      }
    }
    return out;
  }
}
