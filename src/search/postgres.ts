import { UserError } from '../model/errors.js';
import { normalizeForMatch } from '../model/normalize.js';
import type { PolicyDocument } from '../model/types.js';
import { allTerms, groupsExpression, type Matches, type Scope, type TermGroup } from './engine.js';
import { type MarkCondition, unitMarks } from './marks.js';
import { PgError, READ_ONLY_TRANSACTION, SyncPg } from './pg-sync.js';
import { modelRows, STORE_VERSION, schemaTables, sectionIds, UNIT_COLUMNS, unitRow } from './schema.js';
import { CANDIDATES, type MatchQuery, type PutResult, RESCORE, type SearchStore, SqliteSearch, unitTerms } from './sqlite.js';
import { charClasses, regexPattern } from './text-pattern.js';
import { getTokenizer, normalizeText, type Tokenizer } from './tokenizer.js';
import { UnitNames, unitWords } from './unit-names.js';
import { documentUnits, type SearchDepartment, searchDepartments, type UnitKind } from './units.js';

/**
 * The store on a PostgreSQL server (`--db postgres://…` or POLICY_DB): the same model tables as
 * the SQLite file (schema.ts), and the search units with a tsvector of the same jieba terms —
 * built from the term list itself, so no text search configuration re-cuts Chinese text: the
 * 'simple' configuration's behaviour (no stemming, no stop words) on the tokenizer's terms.
 * The vector has no positions: a text term is the lexeme itself (`'宅基地'`), a title term the
 * lexeme with TITLE before it (`'^宅基地'`), so that every question the search asks of it (has the
 * unit the term, in its title, in its text) is a lookup in the GIN index, never a read of the
 * vector. The vectors are kept out of the table's rows (toast_tuple_target): counting the
 * matches and reading their document and length reads narrow rows.
 *
 * Every table has the document number (`doc`; `documents.num`) in its key, so the schema can be
 * distributed by document with Citus (docs/store.md): a document's rows live together.
 *
 * The search's rules run in this process, synchronously (engine.ts); statements go to the
 * server through a worker thread (pg-sync.ts).
 */

const DOC_SHIFT = 2 ** 20;

/**
 * The PostgreSQL layout of the search tables, beside STORE_VERSION (the terms and tables both
 * engines share): 2 = vectors without positions, title terms as TITLE + term, `units_fts.len`,
 * `meta.fts_tokens`, the `units_web` index; 3 = `terms.docs` (the documents with the term, as
 * SQLite's `terms` has them: a one-word search counts nothing). A schema of an older layout is
 * migrated in SQL, one of an older version rebuilt (see PostgresStore.connect).
 */
export const PG_LAYOUT = 3;

/**
 * A constant every units_fts row carries (compressed: ~30 bytes) so that every row is longer than
 * PostgreSQL's TOAST threshold (~2 kB) when written: only then does the table's
 * toast_tuple_target (256 bytes) apply, and the vectors are moved out of the row. The columns
 * the filters read (kind, lead, responsible) and the pad are STORAGE MAIN: they stay in the row
 * (a `--dept` filter reading `lead` out of TOAST for every match cost 0.6 s at 5,000 documents).
 * Rows are then ~200 bytes instead of ~700: counting a frequent term's matches reads a third of
 * the pages.
 */
const PAD = "repeat(' ', 2100)";

/** Marks a title term's lexeme (no jieba term has it: it is no letter, digit or Han character). */
const TITLE = '^';

/** The store's tables, dropped when an older schema is rebuilt. */
const TABLES = [
  'meta',
  'documents',
  'tasks',
  'assignments',
  'departments',
  'department_aliases',
  'sections',
  'indicators',
  'targets',
  'units',
  'units_fts',
  'user_words',
  'terms',
];

/** The units_fts table (under another name while a store of layout 1 is migrated). */
function unitsFts(name: string): string {
  return `CREATE TABLE IF NOT EXISTS ${name}(
  doc INTEGER NOT NULL, rowid BIGINT NOT NULL, kind TEXT NOT NULL, lead TEXT NOT NULL, responsible TEXT NOT NULL,
  len INTEGER NOT NULL, tsv TSVECTOR NOT NULL, marks TSVECTOR NOT NULL, pad TEXT NOT NULL DEFAULT ${PAD},
  CONSTRAINT units_fts_pkey PRIMARY KEY(doc, rowid)) WITH (toast_tuple_target = 256);
ALTER TABLE ${name} ALTER COLUMN kind SET STORAGE MAIN, ALTER COLUMN lead SET STORAGE MAIN,
  ALTER COLUMN responsible SET STORAGE MAIN, ALTER COLUMN pad SET STORAGE MAIN;`;
}

/**
 * The GIN indexes of the vectors: a bulk load into an empty store goes without them and builds
 * them once at the end (PostgresStore.bulkLoad, compact).
 */
const GIN_INDEXES = `
CREATE INDEX IF NOT EXISTS units_fts_tsv ON units_fts USING GIN (tsv);
CREATE INDEX IF NOT EXISTS units_fts_marks ON units_fts USING GIN (marks);`;

const UNITS_FTS_INDEXES = `
CREATE INDEX IF NOT EXISTS units_fts_rowid ON units_fts(rowid);${GIN_INDEXES}
CREATE INDEX IF NOT EXISTS units_web ON units(rowid) WHERE kind = 'web';`;

/**
 * Store version 5 of layout 1 (positional vectors, title terms weight A, text terms B) to layout 2,
 * in SQL: the title lexemes of each vector get TITLE before them, positions go, `len` is the
 * units' term counts with the tokens of FTS5's meta column (kind, lead, responsible, marks). The
 * table is written anew (the GIN index built once) and replaces the old one. Run under the lock
 * on `meta`, only when the layout is still 1.
 */
const MIGRATE_1_TO_2 = `DO $$ BEGIN
  LOCK TABLE meta IN ACCESS EXCLUSIVE MODE;
  IF EXISTS (SELECT 1 FROM meta WHERE key = 'version' AND value = '${STORE_VERSION}') AND NOT EXISTS (SELECT 1 FROM meta WHERE key = 'pg_layout') THEN
    ALTER TABLE units_fts DROP CONSTRAINT units_fts_pkey;
    ${unitsFts('units_fts_2')}
    INSERT INTO units_fts_2(doc, rowid, kind, lead, responsible, len, tsv, marks)
      SELECT f.doc, f.rowid, f.kind, f.lead, f.responsible,
        u.title_len + u.text_len + 1 + json_array_length(f.lead::json) + json_array_length(f.responsible::json) + length(f.marks),
        array_to_tsvector(ARRAY(
          SELECT '${TITLE}' || x.lexeme FROM unnest(f.tsv) x WHERE 'A' = ANY(x.weights)
          UNION ALL SELECT x.lexeme FROM unnest(f.tsv) x WHERE NOT (x.weights <@ ARRAY['A']))),
        f.marks
      FROM units_fts f JOIN units u ON u.doc = f.doc AND u.rowid = f.rowid ORDER BY f.doc, f.rowid;
    DROP TABLE units_fts;
    ALTER TABLE units_fts_2 RENAME TO units_fts;
    ${UNITS_FTS_INDEXES}
    INSERT INTO meta(key, value) VALUES ('pg_layout', '2'), ('fts_tokens', (SELECT coalesce(sum(len), 0) FROM units_fts)::text);
  END IF;
END $$`;

/**
 * Every document's transaction updates the counts of its ~1,500 terms in place: with room left
 * in each page of `terms` the new row versions stay on their page and the key's index is not
 * written (HOT updates).
 */
const TERMS_FILL = 70;

const UNITS = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
${schemaTables('postgres')}
CREATE TABLE IF NOT EXISTS units(
  rowid BIGINT NOT NULL, doc INTEGER NOT NULL, uid TEXT NOT NULL, kind TEXT NOT NULL, number TEXT, label TEXT,
  title TEXT NOT NULL, text TEXT NOT NULL, simplified TEXT, section INTEGER, lead TEXT NOT NULL,
  responsible TEXT NOT NULL, deadline TEXT, line INTEGER NOT NULL, page INTEGER, title_len INTEGER NOT NULL, text_len INTEGER NOT NULL,
  PRIMARY KEY(doc, rowid));
CREATE INDEX IF NOT EXISTS units_rowid ON units(rowid);
CREATE INDEX IF NOT EXISTS units_web ON units(rowid) WHERE kind = 'web';
${unitsFts('units_fts')}
${UNITS_FTS_INDEXES}
CREATE TABLE IF NOT EXISTS user_words(word TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(word, doc));
CREATE TABLE IF NOT EXISTS terms(term TEXT PRIMARY KEY, units INTEGER NOT NULL, title INTEGER NOT NULL, text INTEGER NOT NULL, docs INTEGER NOT NULL)
  WITH (fillfactor = ${TERMS_FILL});
`;

/**
 * Layout 2 to 3: `terms.docs` counted from the stored vectors (a document counted once a term,
 * in its title or text). Run under the lock on `meta`, only when the layout is still 2.
 */
const MIGRATE_2_TO_3 = `DO $$ BEGIN
  LOCK TABLE meta IN ACCESS EXCLUSIVE MODE;
  IF EXISTS (SELECT 1 FROM meta WHERE key = 'version' AND value = '${STORE_VERSION}') AND EXISTS (SELECT 1 FROM meta WHERE key = 'pg_layout' AND value = '2') THEN
    ALTER TABLE terms ADD COLUMN docs INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE terms ALTER COLUMN docs DROP DEFAULT;
    UPDATE terms SET docs = d.n FROM (
      SELECT term, count(*) AS n FROM (
        SELECT DISTINCT f.doc, CASE WHEN left(x, 1) = '${TITLE}' THEN substr(x, 2) ELSE x END AS term
        FROM units_fts f, unnest(tsvector_to_array(f.tsv)) x) AS t GROUP BY term) AS d
      WHERE d.term = terms.term;
    ALTER TABLE terms SET (fillfactor = ${TERMS_FILL});
    UPDATE meta SET value = '3' WHERE key = 'pg_layout';
  END IF;
END $$`;

/** The meta rows of a new store: versions and the BM25 totals. */
const META = `INSERT INTO meta(key, value) VALUES ('version', '${STORE_VERSION}'), ('pg_layout', '${PG_LAYOUT}'), ('units', '0'), ('title_tokens', '0'), ('text_tokens', '0'), ('fts_tokens', '0') ON CONFLICT (key) DO NOTHING`;

/** A term as a tsquery/tsvector lexeme, taken as it is. */
function lexeme(term: string): string {
  return `'${term.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A term as the lexeme of a title term, or of a text term. */
function lexemeIn(term: string, field: 'title' | 'text'): string {
  return lexeme(field === 'title' ? TITLE + term : term);
}

/** A term in the title or the text, as a tsquery. */
function eitherField(term: string): string {
  return `(${lexemeIn(term, 'title')} | ${lexemeIn(term, 'text')})`;
}

/** The tsvector of a unit's terms: each text term once, each title term once with TITLE before it; no positions. */
export function unitVector(terms: { title: string[]; text: string[] }): string {
  const out = new Set<string>();
  for (const t of terms.title) out.add(lexemeIn(t, 'title'));
  for (const t of terms.text) out.add(lexemeIn(t, 'text'));
  return [...out].join(' ');
}

/** The tsvector of a unit's marks (marks.ts): lexemes without positions. */
function marksVector(marks: string[]): string {
  return marks.map(lexeme).join(' ');
}

/**
 * The number of tokens FTS5 counts for a unit (the SQLite store's row: title and text terms,
 * the `meta` column's kind, lead, responsible and mark tokens): the length its bm25 uses.
 */
function ftsLength(terms: { title: string[]; text: string[] }, lead: string[], responsible: string[], marks: string[]): number {
  return terms.title.length + terms.text.length + 1 + lead.length + responsible.length + marks.length;
}

/** Terms of a tsvector's text form (unitVector) with whether they are in the title and in the text. */
function parseVector(text: string): Map<string, { title: boolean; text: boolean }> {
  const out = new Map<string, { title: boolean; text: boolean }>();
  const re = /'((?:[^'\\]|''|\\.)*)'/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lex = m[1].replace(/''/g, "'").replace(/\\(.)/g, '$1');
    const title = lex.startsWith(TITLE);
    const term = title ? lex.slice(TITLE.length) : lex;
    const f = out.get(term) ?? { title: false, text: false };
    if (title) f.title = true;
    else f.text = true;
    out.set(term, f);
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

  /**
   * Connect to the server and make the schema and tables when missing. A schema of this store
   * version in an older PostgreSQL layout is migrated in SQL (MIGRATE_1_TO_2, MIGRATE_2_TO_3: no
   * model needed); one of
   * an older store version is rebuilt empty (its terms were cut otherwise), the caller putting the
   * documents again from their models as for an older SQLite file (store.ts); each in one
   * transaction — unless `shared` (a named schema, sharedSchema): no folder holds its models, so
   * it is refused and left as it is. One of a newer version is refused.
   */
  static connect(url: string, schema = 'policy', options: { shared?: boolean } = {}): PostgresStore {
    const pg = new SyncPg(url, safeName(schema));
    const store = new PostgresStore(url, schema, pg);
    let version: string | undefined;
    try {
      const found = store.versions();
      version = found === undefined ? undefined : String(found.version);
      if (found === undefined)
        pg.batch([
          [UNITS, []],
          [META, []],
        ]);
      else if (found.version !== STORE_VERSION || found.layout !== PG_LAYOUT) {
        if (found.version > STORE_VERSION || (found.version === STORE_VERSION && found.layout > PG_LAYOUT)) {
          throw new UserError(
            `${store.file}: store version ${found.version} (PostgreSQL layout ${found.layout}) is newer than this policy's (${STORE_VERSION}, layout ${PG_LAYOUT}): upgrade policy`,
          );
        }
        if (found.version === STORE_VERSION) {
          // each step checks the layout again under the lock (another process may have run it)
          if (found.layout < 2) pg.batch([[MIGRATE_1_TO_2, []]]);
          pg.batch([[MIGRATE_2_TO_3, []]]);
        } else if (options.shared) {
          // a shared store is refilled by nobody's folder: emptying it would lose the group's corpus
          throw new UserError(
            `${store.file}: store version ${found.version}, this policy writes ${STORE_VERSION}: the documents must be ingested again, into a new schema (POLICY_DB_SCHEMA=…) or after \`DROP SCHEMA ${schema} CASCADE\``,
          );
        } else store.rebuild();
      } else if (!found.gin) {
        // a bulk load stopped before its indexes were built (bulkLoad): built now, when the server takes writes
        try {
          store.buildIndexes();
        } catch (error) {
          if (!(error instanceof PgError && error.code === READ_ONLY_TRANSACTION)) throw error;
        }
      }
    } catch (error) {
      pg.close();
      if (error instanceof PgError && error.code === READ_ONLY_TRANSACTION)
        throw new UserError(
          `${store.file}: the store ${version === undefined ? 'is not on this server' : 'is of an older version'}, and the server takes no writes (a read replica?): ingest through the primary server`,
        );
      if (error instanceof PgError) throw new UserError(`${store.file}: cannot open the store (${error.message})`);
      throw error;
    }
    return store;
  }

  /** The store's version and layout (layout 1: before PG_LAYOUT was recorded), or undefined for a schema without a store. */
  private versions(): { version: number; layout: number; gin: boolean } | undefined {
    let rows: Array<[string, string]>;
    try {
      rows = this.all<[string, string]>(
        "SELECT key, value FROM meta WHERE key IN ('version', 'pg_layout') UNION ALL SELECT 'gin', count(*)::text FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN ('units_fts_tsv', 'units_fts_marks')",
      );
    } catch (error) {
      if (error instanceof PgError && error.code === '42P01') return undefined; // no such table
      throw error;
    }
    const m = new Map(rows);
    if (!m.has('version')) return undefined;
    return { version: Number(m.get('version')), layout: Number(m.get('pg_layout') ?? 1), gin: m.get('gin') === '2' };
  }

  /**
   * Drop the tables of an older store and make them anew, in one transaction: `meta` is locked
   * first and the version read again, so that of several processes opening the old store at
   * once, one rebuilds it and the others find it rebuilt.
   */
  private rebuild(): void {
    this.pg.batch([
      [
        `DO $$ BEGIN
          LOCK TABLE meta IN ACCESS EXCLUSIVE MODE;
          IF NOT EXISTS (SELECT 1 FROM meta WHERE key = 'version' AND value = '${STORE_VERSION}')
             OR NOT EXISTS (SELECT 1 FROM meta WHERE key = 'pg_layout' AND value = '${PG_LAYOUT}') THEN
            DROP TABLE IF EXISTS ${TABLES.join(', ')} CASCADE;
          END IF;
        END $$`,
        [],
      ],
      [UNITS, []],
      [META, []],
    ]);
  }

  close(): void {
    this.pg.close();
  }

  /** Drop every table of the store's schema and make them anew. */
  reset(): void {
    this.pg.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE; CREATE SCHEMA ${this.schema}; SET search_path TO ${this.schema}`);
    this.pg.batch([
      [UNITS, []],
      [META, []],
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

  documentIds(): string[] {
    return this.all<[string]>('SELECT id FROM documents ORDER BY id').map((r) => r[0]);
  }

  stats(): { units: number; title: number; text: number } {
    const m = new Map(this.all<[string, string]>("SELECT key, value FROM meta WHERE key IN ('units', 'title_tokens', 'text_tokens')"));
    return { units: Number(m.get('units') ?? 0), title: Number(m.get('title_tokens') ?? 0), text: Number(m.get('text_tokens') ?? 0) };
  }

  /**
   * Before putting many documents into an empty store: its vectors' GIN indexes are dropped, and
   * built once by compact() (or by the next connect, should the load stop before) — ~1.8 s of the
   * server's CPU a thousand documents, against ~8 s when every document's transaction adds to
   * them. A store with documents keeps its indexes (others may be searching it). True when dropped.
   */
  bulkLoad(): boolean {
    this.pg.batch([
      [
        `DO $$ BEGIN
          LOCK TABLE documents IN SHARE ROW EXCLUSIVE MODE;
          IF NOT EXISTS (SELECT 1 FROM documents) THEN DROP INDEX IF EXISTS units_fts_tsv, units_fts_marks; END IF;
        END $$`,
        [],
      ],
    ]);
    return this.versions()?.gin === false;
  }

  /** The vectors' GIN indexes made when missing (bulkLoad), with room to sort their entries in memory. */
  private buildIndexes(): void {
    this.pg.batch([
      ["SET LOCAL maintenance_work_mem = '256MB'", []],
      [GIN_INDEXES, []],
    ]);
  }

  /** After a bulk load: the indexes it went without, then VACUUM ANALYZE of the store's tables (the planner's statistics, and the visibility map for index-only reads). */
  compact(): void {
    this.buildIndexes();
    // the store's tables only: VACUUM alone would go through every schema of the database
    this.pg.query(`VACUUM ANALYZE ${TABLES.join(', ')}`);
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
    // what the store has of these documents, read once: each document's transaction is then
    // sent without waiting (SyncPg.send), and the next one is cut while the server writes it
    const stored = new Map<string, [number, string, string]>();
    for (const [id, num, sha, schema] of this.all<[string, number, string, string]>(
      'SELECT id, num, sha256, schema FROM documents WHERE id = ANY(?::text[])',
      docs.map((d) => d.id),
    ))
      stored.set(id, [num, sha, schema]);
    let last: number | null = null;
    for (const doc of docs) {
      const old = stored.get(doc.id);
      if (old && !options.force && old[1] === doc.source.sha256 && old[2] === String(doc.schemaVersion)) {
        result.unchanged.push(doc.id);
        continue;
      }
      // (a number taken by another writer since makes this document's transaction fail: documents.num is its key)
      last ??= this.get<[number | null]>('SELECT max(num) FROM documents')?.[0] ?? 0;
      const num = old?.[0] ?? ++last;
      const statements: Array<[string, unknown[]]> = [];
      if (old) statements.push(...this.deleteStatements(old[0]));
      statements.push(...this.insertStatements(doc, num, tokenizer));
      this.pg.send(statements);
      stored.set(doc.id, [num, doc.source.sha256, String(doc.schemaVersion)]);
      (old ? result.replaced : result.added).push(doc.id);
    }
    this.pg.drain();
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

  /** Term counts of one document's units as stored (their tsvectors), for `terms`. */
  private termCounts(num: number): TermCounts {
    const counts: TermCounts = new Map();
    for (const [tsv] of this.all<[string]>('SELECT tsv::text FROM units_fts WHERE doc = ?', num)) {
      for (const [t, f] of parseVector(tsv)) countTerm(counts, t, f.title, f.text);
    }
    for (const c of counts.values()) c[3] = 1;
    return counts;
  }

  private termStatements(counts: TermCounts, sign: 1 | -1): Array<[string, unknown[]]> {
    if (counts.size === 0) return [];
    const terms = [...counts.keys()];
    const col = (i: number) => terms.map((t) => sign * counts.get(t)![i]);
    return [
      [
        'INSERT INTO terms(term, units, title, text, docs) SELECT * FROM unnest(?::text[], ?::int[], ?::int[], ?::int[], ?::int[]) ON CONFLICT (term) DO UPDATE SET units = terms.units + excluded.units, title = terms.title + excluded.title, text = terms.text + excluded.text, docs = terms.docs + excluded.docs',
        [terms, col(0), col(1), col(2), col(3)],
      ],
    ];
  }

  private deleteStatements(num: number): Array<[string, unknown[]]> {
    const [n, tl, xl] = this.get<[number, number | null, number | null]>(
      "SELECT count(*), sum(title_len), sum(text_len) FROM units WHERE doc = ? AND kind != 'web'",
      num,
    )!;
    const fl = this.get<[number | null]>('SELECT sum(len) FROM units_fts WHERE doc = ?', num)?.[0] ?? 0;
    const departments = JSON.parse(this.get<[string]>('SELECT departments FROM documents WHERE num = ?', num)?.[0] ?? '[]') as SearchDepartment[];
    return [
      ...this.countStatements(-n, -(tl ?? 0), -(xl ?? 0), -fl),
      ...this.termStatements(this.termCounts(num), -1),
      ['DELETE FROM terms WHERE units <= 0', []],
      ['DELETE FROM units_fts WHERE doc = ?', [num]],
      ['DELETE FROM units WHERE doc = ?', [num]],
      ['DELETE FROM user_words WHERE word = ANY(?::text[]) AND doc = ?', [unitWords(departments).map(normalizeText), num]],
      ...['tasks', 'assignments', 'departments', 'department_aliases', 'sections', 'indicators', 'targets'].map((t): [string, unknown[]] => [
        `DELETE FROM ${t} WHERE doc = ?`,
        [num],
      ]),
      ['DELETE FROM documents WHERE num = ?', [num]],
    ];
  }

  /** Changes of the BM25 totals: units, their title and text terms, and their FTS5 lengths (ftsLength). */
  private countStatements(units: number, title: number, text: number, fts: number): Array<[string, unknown[]]> {
    const set = 'UPDATE meta SET value = (value::bigint + ?::bigint)::text WHERE key = ?';
    return [
      [set, [units, 'units']],
      [set, [title, 'title_tokens']],
      [set, [text, 'text_tokens']],
      [set, [fts, 'fts_tokens']],
    ];
  }

  private insertStatements(doc: PolicyDocument, num: number, tokenizer: Tokenizer): Array<[string, unknown[]]> {
    const out: Array<[string, unknown[]]> = [];
    const departments = searchDepartments(doc);
    const names = new UnitNames(departments, tokenizer.normalize);
    const units = documentUnits(doc);
    const sections = sectionIds(units);
    for (const [table, list] of Object.entries(modelRows(doc, num, sections))) {
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
    const counts: TermCounts = new Map();
    const sums = [0, 0, 0, 0];
    units.forEach((u, i) => {
      const rowid = num * DOC_SHIFT + i * 2 + (u.heading ? 1 : 0);
      const folded = normalizeForMatch(u.text);
      const simplified = tokenizer.normalize(u.text);
      const terms = u.kind === 'web' ? { title: [], text: [] } : unitTerms(names, tokenizer, u.title, simplified);
      rows.push(unitRow(u, { rowid, num, uid: u.id.slice(doc.id.length + 1), section: sections.get(u.section) ?? null }, simplified, folded, terms));
      // web-page clutter is no part of the term index (scanned when asked for)
      if (u.kind === 'web') return;
      const marks = unitMarks(simplified, terms.text);
      const len = ftsLength(terms, u.lead, u.responsible, marks);
      fts.push([num, rowid, u.kind, JSON.stringify(u.lead), JSON.stringify(u.responsible), len, unitVector(terms), marksVector(marks)]);
      sums[3] += len;
      sums[0]++;
      sums[1] += terms.title.length;
      sums[2] += terms.text.length;
      const title = new Set(terms.title);
      const text = new Set(terms.text);
      for (const t of new Set([...title, ...text])) countTerm(counts, t, title.has(t), text.has(t));
    });
    // the document counts once a term
    for (const c of counts.values()) c[3] = 1;
    out.push(...insertRows('units', [...UNIT_COLUMNS], rows));
    out.push(...insertRows('units_fts', ['doc', 'rowid', 'kind', 'lead', 'responsible', 'len', 'tsv', 'marks'], fts));
    out.push(...this.countStatements(sums[0], sums[1], sums[2], sums[3]));
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
        parts.map(eitherField).join(' & '),
        w,
        w,
      )) {
        if (docs.has(num)) seen.add(rowid);
      }
    }
    if (seen.size === 0) return;
    const statements: Array<[string, unknown[]]> = [];
    const namesOf = new Map<number, UnitNames>();
    const before: TermCounts = new Map();
    const after: TermCounts = new Map();
    let lengths = 0;
    const add = countTerm;
    // each document's terms before and after (units not re-indexed keep theirs): `terms.docs`
    const docsBefore = new Map<number, Set<string>>();
    const docsAfter = new Map<number, Set<string>>();
    const termsOfDoc = (m: Map<number, Set<string>>, num: number) => {
      let set = m.get(num);
      if (!set) m.set(num, (set = new Set()));
      return set;
    };
    for (const [rowid, num, tsv] of this.all<[number, number, string]>('SELECT rowid, doc, tsv::text FROM units_fts WHERE doc = ANY(?::int[])', [
      ...new Set([...seen].map((r) => Math.floor(r / DOC_SHIFT))),
    ])) {
      for (const t of parseVector(tsv).keys()) {
        termsOfDoc(docsBefore, num).add(t);
        if (!seen.has(rowid)) termsOfDoc(docsAfter, num).add(t);
      }
    }
    for (const rowid of seen) {
      const row = this.get<[number, string, string, string | null, string, string, string, string, number]>(
        'SELECT u.doc, u.title, u.text, u.simplified, u.kind, f.tsv::text, u.lead, u.responsible, f.len FROM units u JOIN units_fts f ON f.doc = u.doc AND f.rowid = u.rowid WHERE u.rowid = ?',
        rowid,
      );
      if (!row) continue;
      const [num, title, text, simplified, kind, tsv, lead, responsible, oldLen] = row;
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
      for (const t of new Set([...tset, ...xset])) {
        add(after, t, tset.has(t), xset.has(t));
        termsOfDoc(docsAfter, num).add(t);
      }
      statements.push(['UPDATE units SET title_len = ?, text_len = ? WHERE doc = ? AND rowid = ?', [terms.title.length, terms.text.length, num, rowid]]);
      const marks = unitMarks(normalized, terms.text);
      const len = ftsLength(terms, JSON.parse(lead) as string[], JSON.parse(responsible) as string[], marks);
      lengths += len - oldLen;
      statements.push([
        'UPDATE units_fts SET tsv = ?::tsvector, marks = ?::tsvector, len = ?, pad = DEFAULT WHERE doc = ? AND rowid = ?',
        [unitVector(terms), marksVector(marks), len, num, rowid],
      ]);
    }
    for (const [m, docs] of [
      [before, docsBefore],
      [after, docsAfter],
    ] as const) {
      for (const set of docs.values()) for (const t of set) (m.get(t) ?? m.set(t, [0, 0, 0, 0]).get(t)!)[3]++;
    }
    statements.push(...this.termStatements(before, -1), ...this.termStatements(after, 1), ['DELETE FROM terms WHERE units <= 0', []]);
    statements.push(...this.countStatements(0, 0, 0, lengths));
    this.pg.batch(statements);
  }

  /** The search over this store. */
  searcher(): PostgresSearch {
    return new PostgresSearch(this);
  }
}

/** Per term: units with it (in their title or text), in their title, in their text; documents with it. */
type TermCounts = Map<string, [number, number, number, number]>;

/** A unit's term counted (its document: by the caller). */
function countTerm(counts: TermCounts, t: string, title: boolean, text: boolean): void {
  const c = counts.get(t) ?? [0, 0, 0, 0];
  c[0]++;
  if (title) c[1]++;
  if (text) c[2]++;
  counts.set(t, c);
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
 * the units' tsvector, FTS5's bm25 (the SQLite engine's choice of the best) from the GIN index,
 * regular expressions for the text checks, per-field unit counts from `terms`.
 */
export class PostgresSearch extends SqliteSearch {
  protected override readonly matchTable: string = 'units_fts';
  /** Units with a term in their title or text (`terms.units`), and in their text, by term. */
  private readonly unitCounts = new Map<string, [number, number]>();
  /** The mean FTS5 length of a unit (ftsLength), read once. */
  private meanLength: number | null = null;

  constructor(store: PostgresStore) {
    super(store);
  }

  protected override ftsQuery(groups: TermGroup[], combine: 'AND' | 'OR', scope: Scope, checks: string[] = []): MatchQuery {
    let query = groupsExpression(groups, combine, eitherField, ' & ', ' | ');
    // a word checked in the text that is itself an index term: a text lexeme of the unit
    const terms = allTerms(groups);
    const inText = checks.filter((w) => !terms.includes(w) && this.isIndexTerm(w));
    if (inText.length > 0) query = `(${query}) & ${inText.map((w) => lexemeIn(w, 'text')).join(' & ')}`;
    const where = ['tsv @@ ?::tsquery'];
    const params: unknown[] = [query];
    if (scope.kinds) {
      where.push(`kind IN (${scope.kinds.map(() => '?').join(', ')})`);
      params.push(...scope.kinds);
    }
    if (scope.docs) where.push(`doc IN (${this.docNums(scope.docs).join(', ') || 'NULL'})`);
    if (scope.departments) {
      const d = this.departmentSql(scope, '');
      where.push(d.sql);
      params.push(...d.params);
    }
    // the text is in `units` (units_fts is narrow: counting and ranking read only it), read for
    // each match the index found: a scalar subquery, which the planner cannot turn into a scan
    // of every unit's text. As on SQLite (SqliteSearch.ftsQuery), a unit's text has each of its
    // text terms: a word the query has as a text term is not checked again, and a word that is
    // a term of the query (title or text) only in the units that have it in their title alone
    const unitText = (sql: string) => `(SELECT ${sql} FROM units u WHERE u.doc = units_fts.doc AND u.rowid = units_fts.rowid)`;
    const column = 'coalesce(u.simplified, u.text)';
    const read: string[] = [];
    for (const w of checks) {
      if (inText.includes(w)) continue;
      if (combine === 'AND' && groups.some((g) => g.length === 1 && g[0].terms.length === 1 && g[0].terms[0] === w) && this.isIndexTerm(w)) {
        const t = this.textSql(column, [w]);
        where.push(`(rowid NOT IN (SELECT rowid FROM units_fts WHERE tsv @@ ?::tsquery) OR ${unitText(t.sql)})`);
        params.push(`${lexemeIn(w, 'title')} & !${lexemeIn(w, 'text')}`, ...t.params);
        continue;
      }
      read.push(w);
    }
    const text = this.textSql(column, read);
    if (text.sql) {
      where.push(unitText(text.sql));
      params.push(...text.params);
    }
    const rank = this.bm25(groups, combine, inText);
    // one term and no filter or check: the units that have it, and their documents, are those `terms` counts
    const one = groups.length === 1 && groups[0].length === 1 && groups[0][0].terms.length === 1;
    const term = one && inText.length === 0 && where.length === 1 ? groups[0][0].terms[0] : undefined;
    return { where: where.join(' AND '), params, rank: rank.sql, rankParams: rank.params, ...(term !== undefined ? { term } : {}) };
  }

  /**
   * FTS5's bm25 of a units_fts row, as the SQLite engine ranks its matches with
   * `bm25(units_fts, 2, 1, 0)` (detail=column: a term counts once a field): the sum over the
   * query's terms of idf × f × (k1 + 1) / (f + k1 × (1 − b + b × len / mean len)), f = 2 for the
   * title + 1 for the text, idf = ln((N − n + 0.5) / (n + 0.5)) (1e-6 when not positive), n the
   * units with the term (words checked in the text: with it in their text). Negated: lower is
   * better. Whether a unit has a term in a field is asked of the GIN index (a set of rowids
   * made once a query), never of the unit's vector. A term every match has (AND, one
   * alternative) is in the text unless it is in the title only: that set is small.
   */
  private bm25(groups: TermGroup[], combine: 'AND' | 'OR', inText: string[]): { sql: string; params: unknown[] } {
    const terms = allTerms(groups);
    const required = new Set(combine === 'AND' ? groups.filter((g) => g.length === 1).flatMap((g) => g[0].terms) : []);
    const n = this.unitCountsOf([...terms, ...inText]);
    const total = this.statsOnce().n;
    const idf = (units: number) => {
      const v = Math.log((total - units + 0.5) / (units + 0.5));
      return v > 0 ? v : 1e-6;
    };
    const mean = this.meanLengthOnce();
    const k1 = 1.2;
    const norm = `${k1} * (${1 - 0.75} + ${0.75} * len / ${mean}::float8)`;
    const parts: string[] = [];
    const params: unknown[] = [];
    const has = (query: string) => {
      params.push(query);
      return `(rowid IN (SELECT rowid FROM units_fts WHERE tsv @@ ?::tsquery))::int`;
    };
    for (const t of terms) {
      const title = has(lexemeIn(t, 'title'));
      const text = required.has(t) ? `(1 - ${has(`${lexemeIn(t, 'title')} & !${lexemeIn(t, 'text')}`)})` : has(lexemeIn(t, 'text'));
      // the term's score for f = 0…3, chosen by f (which is written once: its sets are made once)
      const w = idf(n.get(t)![0]);
      const score = (f: number) => `${w * f * (k1 + 1)} / (${f} + ${norm})`;
      parts.push(`(ARRAY[0, ${score(1)}, ${score(2)}, ${score(3)}]::float8[])[1 + 2 * ${title} + ${text}]`);
    }
    // a word checked in the text: every match has it there (f = 1)
    for (const w of inText) parts.push(`${idf(n.get(w)![1]) * (k1 + 1)} / (1 + ${norm})`);
    return { sql: `-(${parts.join(' + ') || '0'})`, params };
  }

  /** `terms.units` and `terms.text` of each term (0 for a term no unit has), cached. */
  private unitCountsOf(terms: string[]): Map<string, [number, number]> {
    const missing = terms.filter((t) => !this.unitCounts.has(t));
    if (missing.length > 0) {
      for (const t of missing) this.unitCounts.set(t, [0, 0]);
      for (const [t, units, text] of this.store.all<[string, number, number]>('SELECT term, units, text FROM terms WHERE term = ANY(?::text[])', missing)) {
        this.unitCounts.set(t, [units, text]);
      }
    }
    return this.unitCounts;
  }

  private meanLengthOnce(): number {
    if (this.meanLength === null) {
      const tokens = Number(this.store.get<[string]>("SELECT value FROM meta WHERE key = 'fts_tokens'")?.[0] ?? 0);
      this.meanLength = tokens / Math.max(1, this.statsOnce().n) || 1;
    }
    return this.meanLength;
  }

  /**
   * The matches counted and the best `want` (at least RESCORE) chosen in one statement (see
   * SqliteSearch.ranked): the matches are found once in the GIN index (a materialised CTE, so the
   * plan starts there), counted, and the most recent CANDIDATES of them ranked. One term without
   * a filter (`q.term`) is counted by `terms`: its matches are only ranked.
   */
  protected override ranked(q: MatchQuery, groups: TermGroup[], want: number, accept?: (id: number) => boolean, texts = false): Matches {
    if (accept) return super.ranked(q, groups, want, accept, texts);
    const k = Math.max(want, RESCORE);
    let counted: [number, number] | undefined;
    if (q.term !== undefined) {
      counted = this.countMatches(q);
      if (counted[0] === 0) return { ids: [], scores: [] };
    }
    // (the subquery fenced by OFFSET 0: the GIN index finds the matches; ordered by rowid, the
    // planner would walk the rowid index and read every vector from TOAST to test it)
    const rows = this.store.all<[number, number, number, number]>(
      counted
        ? `WITH r AS MATERIALIZED (SELECT rowid, len FROM (SELECT rowid, len FROM units_fts WHERE ${q.where} OFFSET 0) AS m ORDER BY rowid DESC LIMIT ${CANDIDATES})
           SELECT rowid, b FROM (SELECT rowid, ${q.rank} AS b FROM r) AS s ORDER BY b, rowid LIMIT ${k}`
        : `WITH m AS MATERIALIZED (SELECT rowid, doc, len FROM units_fts WHERE ${q.where}),
           r AS MATERIALIZED (SELECT rowid, len FROM m ORDER BY rowid DESC LIMIT ${CANDIDATES})
           SELECT rowid, b, (SELECT count(*) FROM m), (SELECT count(DISTINCT doc) FROM m)
           FROM (SELECT rowid, ${q.rank} AS b FROM r) AS s ORDER BY b, rowid LIMIT ${k}`,
      ...q.params,
      ...q.rankParams,
    );
    counted ??= [rows[0]?.[2] ?? 0, rows[0]?.[3] ?? 0];
    const m = this.rescored(
      rows.map((r): [number, number] => [r[0], r[1]]),
      groups,
    );
    return rows.length < counted[0] ? { ...m, total: counted[0], documents: counted[1] } : m;
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
    if (q.term !== undefined) return this.store.get<[number, number]>('SELECT units, docs FROM terms WHERE term = ?', q.term) ?? [0, 0];
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

  /** Ids of the units that meet every condition (marks.ts): a mark in `marks`, or a text term. */
  protected override markedUnits(conditions: MarkCondition[]): number[] {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const c of conditions) {
      const marks = 'marks @@ ?::tsquery';
      params.push(c.marks.map(lexeme).join(' | '));
      if (c.terms.length === 0) where.push(marks);
      else {
        where.push(`(${marks} OR tsv @@ ?::tsquery)`);
        params.push(c.terms.map((t) => lexemeIn(t, 'text')).join(' | '));
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
