import { SECTION_SEPARATOR, sectionTrail } from '../model/headings.js';
import type { Indicator, PolicyDocument } from '../model/types.js';
import type { SearchUnit } from './units.js';

/**
 * The model's tables in the store (SQLite and PostgreSQL alike; docs/store.md). `document.json`
 * stays the per-document contract: these tables are what queries need, keyed by the
 * document's number `doc` (documents.num). Types are kept to TEXT, INTEGER and REAL so
 * one DDL serves both databases.
 */
// 3: units carry `page` (a paged source's)
// 4: the bundled thesaurus's words are dictionary words (index terms), as the glossary's
// 5: marks (numbers, characters no term has) in units_fts for queries without a dictionary word (marks.ts)
// 6: departments.mention_list, indicators.seq and indicators.detail: the listings read from the store (listings.ts)
// 7: SQLite's units_fts keeps positions (detail=full): on a contentless detail=column table FTS5's
//    bm25() is 0 for every row, so the matches a frequent word's search rescored were the first 200 by rowid;
//    and SQLite's user_words is one row a word with its number of documents (was a row a word and document)
// 8: smaller (docs/store.md, *store ≤ 3×*): a unit's section trail is an id into `sections` (each trail of a
//    document once); assignments.raw is NULL where it is the unit; assignments, department_aliases,
//    departments and tasks are keyed tables (SQLite: WITHOUT ROWID) with no index that no query used
//    (assignments_unit, assignments_doc, department_aliases_alias, department_aliases_doc);
//    assignments.seq, the assignment's place in its task's list;
//    and SQLite's `terms` keeps each term's number of documents (`docs`) beside its units: a one-word
//    search reads its total and document count there instead of counting its whole posting list
export const STORE_VERSION = 8;

/**
 * The model tables' DDL for an engine: on SQLite the tables with a primary key hold their rows
 * in it (WITHOUT ROWID: no rowid, and no second B-tree for the key), PostgreSQL has no such clause.
 */
export function schemaTables(engine: 'sqlite' | 'postgres'): string {
  return SCHEMA_TABLES.replaceAll(' WITHOUT_ROWID', engine === 'sqlite' ? ' WITHOUT ROWID' : '');
}

const SCHEMA_TABLES = `
CREATE TABLE IF NOT EXISTS documents(
  num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT, notice_title TEXT, doc_type TEXT, issuer TEXT,
  doc_number TEXT, date TEXT, period_start INTEGER, period_end INTEGER, source_path TEXT, format TEXT,
  encoding TEXT, bytes INTEGER, sha256 TEXT, schema TEXT, text_chars INTEGER, departments TEXT);
CREATE TABLE IF NOT EXISTS tasks(
  doc INTEGER NOT NULL, number TEXT NOT NULL, label TEXT, title TEXT, section TEXT, deadline TEXT, line INTEGER,
  PRIMARY KEY(doc, number)) WITHOUT_ROWID;
CREATE TABLE IF NOT EXISTS assignments(
  doc INTEGER NOT NULL, task TEXT NOT NULL, seq INTEGER NOT NULL, unit TEXT NOT NULL, role TEXT NOT NULL, label TEXT, raw TEXT,
  PRIMARY KEY(doc, task, seq)) WITHOUT_ROWID;
CREATE TABLE IF NOT EXISTS departments(
  doc INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT, lead_tasks INTEGER, responsible_tasks INTEGER, mentions INTEGER,
  mention_list TEXT, PRIMARY KEY(doc, name)) WITHOUT_ROWID;
CREATE TABLE IF NOT EXISTS department_aliases(
  doc INTEGER NOT NULL, name TEXT NOT NULL, alias TEXT NOT NULL, PRIMARY KEY(doc, name, alias)) WITHOUT_ROWID;
CREATE TABLE IF NOT EXISTS sections(doc INTEGER NOT NULL, id INTEGER NOT NULL, trail TEXT NOT NULL, PRIMARY KEY(doc, id)) WITHOUT_ROWID;
CREATE TABLE IF NOT EXISTS indicators(
  doc INTEGER NOT NULL, number TEXT NOT NULL, name TEXT, unit TEXT, category TEXT, baseline_year INTEGER,
  baseline_raw TEXT, baseline_value REAL, target_year INTEGER, target_raw TEXT, target_value REAL,
  target_comparator TEXT, attribute TEXT, line INTEGER, seq INTEGER, detail TEXT);
CREATE INDEX IF NOT EXISTS indicators_doc ON indicators(doc);
CREATE TABLE IF NOT EXISTS targets(
  doc INTEGER NOT NULL, metric TEXT, value REAL, unit TEXT, comparator TEXT, upper REAL, year INTEGER,
  sentence TEXT, section TEXT, task TEXT, line INTEGER);
CREATE INDEX IF NOT EXISTS targets_doc ON targets(doc);
`;

type Row = Record<string, string | number | null>;

/**
 * A document's section trails as its units have them (`四、重点任务 › （三）…`; an indicator row's
 * table caption), each once, numbered 1, 2, … in the units' order: a unit's `section` is the id
 * (NULL for none) and `sections` holds the trail (a trail repeats over a section's units:
 * 4.7 MB at 1,000 documents, 1.7 MB once a document).
 */
export function sectionIds(units: readonly SearchUnit[]): Map<string, number> {
  const ids = new Map<string, number>();
  for (const u of units) if (u.section !== '' && !ids.has(u.section)) ids.set(u.section, ids.size + 1);
  return ids;
}

/** A unit's section trail in SQL from its `units` row (the table unaliased): '' for none. */
export const UNIT_SECTION = "coalesce((SELECT trail FROM sections WHERE sections.doc = units.doc AND sections.id = units.section), '')";

/**
 * The rows of one document for each model table (column names as in SCHEMA_TABLES); `trails`,
 * its units' section trails (sectionIds).
 */
export function modelRows(doc: PolicyDocument, num: number, trails: ReadonlyMap<string, number>): Record<string, Row[]> {
  const sections = new Map(doc.sections.map((s) => [s.id, s]));
  const trail = (id: string | null) => sectionTrail(id, sections).join(SECTION_SEPARATOR);
  const chars = doc.paragraphs.reduce((n, p) => n + p.text.length, 0);
  return {
    documents: [
      {
        num,
        id: doc.id,
        title: doc.title,
        notice_title: doc.noticeTitle,
        doc_type: doc.docType,
        issuer: doc.issuer,
        doc_number: doc.docNumber,
        date: doc.date,
        period_start: doc.period?.start ?? null,
        period_end: doc.period?.end ?? null,
        source_path: doc.source.path,
        format: doc.source.format,
        encoding: doc.source.encoding,
        bytes: doc.source.bytes,
        sha256: doc.source.sha256,
        schema: String(doc.schemaVersion),
        text_chars: chars,
      },
    ],
    tasks: doc.tasks.map((t) => ({
      doc: num,
      number: t.number,
      label: t.label,
      title: t.title,
      section: trail(t.section),
      deadline: t.deadline ?? null,
      line: t.position.start.line,
    })),
    // raw: as written, NULL where that is the canonical name (most: 2.7 MB at 1,000 documents)
    assignments: doc.tasks.flatMap((t) =>
      t.assignments.map((a, seq) => ({ doc: num, task: t.number, seq, unit: a.name, role: a.role, label: a.label, raw: a.raw === a.name ? null : a.raw })),
    ),
    departments: dedupe(doc.departments, (d) => d.name).map((d) => ({
      doc: num,
      name: d.name,
      kind: d.kind,
      lead_tasks: d.lead.length,
      responsible_tasks: d.responsible.length,
      mentions: d.mentions.length,
      mention_list: d.mentions.length > 0 ? JSON.stringify(d.mentions) : null,
    })),
    // (a name's alias once: the table's key)
    department_aliases: dedupe(
      doc.departments.flatMap((d) => d.aliases.map((alias) => ({ doc: num, name: d.name, alias }))),
      (a) => JSON.stringify([a.name, a.alias]),
    ),
    sections: [...trails].map(([trail, id]) => ({ doc: num, id, trail })),
    indicators: doc.indicators.map((i, seq) => ({
      doc: num,
      number: i.number,
      name: i.name,
      unit: i.unit,
      category: i.category,
      baseline_year: i.baseline?.year ?? null,
      baseline_raw: i.baseline?.raw ?? null,
      baseline_value: i.baseline?.value ?? null,
      target_year: i.target?.year ?? null,
      target_raw: i.target?.raw ?? null,
      target_value: i.target?.value ?? null,
      target_comparator: i.target?.comparator ?? null,
      attribute: i.attribute,
      line: i.position.start.line,
      seq,
      detail: indicatorDetail(i),
    })),
    targets: doc.targets.map((t) => ({
      doc: num,
      metric: t.metric,
      value: t.value,
      unit: t.unit,
      comparator: t.comparator,
      upper: t.upper,
      year: t.year,
      sentence: t.sentence,
      section: trail(t.section),
      task: t.task,
      line: t.position.start.line,
    })),
  };
}

/**
 * What an `indicators` row needs besides its columns to give back the model's indicator
 * (indicatorOf): JSON of the model's fields the columns do not hold as they are (baseline and
 * target with their comparator and cumulative mark, growth, extra, table, position), `targets`
 * left out when it is just [target] (most rows: ~40% of the JSON).
 */
export function indicatorDetail(i: Indicator): string {
  const { number: _n, name: _m, unit: _u, category: _c, attribute: _a, targets, ...rest } = i;
  const implied = i.target ? [i.target] : [];
  return JSON.stringify(JSON.stringify(targets) === JSON.stringify(implied) ? rest : { ...rest, targets });
}

/** The model's indicator from an `indicators` row's columns and detail (indicatorDetail), its keys in the model's order. */
export function indicatorOf(row: {
  number: string;
  name: string;
  unit: string | null;
  category: string | null;
  attribute: string | null;
  detail: string;
}): Indicator {
  const d = JSON.parse(row.detail) as Omit<Indicator, 'number' | 'name' | 'unit' | 'category' | 'attribute' | 'targets'> & { targets?: Indicator['targets'] };
  return {
    number: row.number,
    name: row.name,
    unit: row.unit,
    category: row.category,
    baseline: d.baseline,
    target: d.target,
    targets: d.targets ?? (d.target ? [d.target] : []),
    growth: d.growth,
    attribute: row.attribute,
    extra: d.extra,
    table: d.table,
    position: d.position,
  };
}

function dedupe<T>(list: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((t) => !seen.has(key(t)) && (seen.add(key(t)), true));
}

/** The columns of a `units` row, in the order `unitRow` gives them (SQLite and PostgreSQL insert the same). */
export const UNIT_COLUMNS = [
  'rowid',
  'doc',
  'uid',
  'kind',
  'number',
  'label',
  'title',
  'text',
  'simplified',
  'section',
  'lead',
  'responsible',
  'deadline',
  'line',
  'page',
  'title_len',
  'text_len',
] as const;

/**
 * A unit's `units` row (UNIT_COLUMNS): `uid` is its id within the document, `section` the id of its
 * trail (sectionIds), `simplified` its text
 * after traditional → simplified, kept only where that differs from `folded` (the text as
 * matched), `terms` its index terms (their counts are the field lengths BM25 needs).
 */
export function unitRow(
  u: SearchUnit,
  at: { rowid: number; num: number; uid: string; section: number | null },
  simplified: string,
  folded: string,
  terms: { title: string[]; text: string[] },
): unknown[] {
  return [
    at.rowid,
    at.num,
    at.uid,
    u.kind,
    u.number,
    u.label ?? null,
    u.title,
    u.text,
    simplified === folded ? null : simplified,
    at.section,
    JSON.stringify(u.lead),
    JSON.stringify(u.responsible),
    u.deadline ?? null,
    u.line,
    u.page ?? null,
    terms.title.length,
    terms.text.length,
  ];
}
