import { narrowLabel } from '../model/headings.js';
import type { Department, Indicator, Mention } from '../model/types.js';
import { checkTaskOptions, type ListedTask, type TaskListing, taskListing } from '../report/task-list.js';
import { resolveAcross, type UnitDirectory, unitDirectory } from '../select/across.js';
import { matchDocumentId } from '../select/document-ids.js';
import type { ListedDocuments } from '../util/listing.js';
import { indicatorOf, UNIT_SECTION } from './schema.js';
import type { SearchDepartment } from './units.js';

/**
 * The reading commands' listings (`policy tasks`, `policy departments`, `policy indicators`)
 * from the store's tables, without loading a document.json: the same rows the models give
 * (report/task-list.ts, department-list.ts and indicator-list.ts render both), on SQLite and
 * PostgreSQL alike (the SQL is plain).
 *
 * - tasks: the task units (`units`, kind task: number, label, title, section trail, lead and
 *   responsible names, deadline, line; in the document's order by rowid), `--dept` resolved by
 *   the rules of select/ over the documents' units (`documents.departments`, as search does:
 *   select/across.ts) and a task's role by roleOf;
 * - departments: `documents.departments` (names, aliases, kinds in the model's order), the task
 *   numbers each leads or is responsible for from the task units' lead/responsible names (the
 *   model's Department lists are those: extract/departments.ts), mentions from
 *   `departments.mention_list`;
 * - indicators: the `indicators` rows in the model's order (`seq`) with their `detail` (schema.ts).
 */

/** What the listings need of a store: plain SQL with `?` parameters, rows as arrays. */
export interface ListingStore {
  all<T extends unknown[]>(sql: string, ...params: unknown[]): T[];
}

/** Documents a statement: the listings read the store a page of documents at a time. */
const PAGE = 500;

/** Unit ids are `document number × 2^20 + unit index × 2 + heading flag`, tasks first (sqlite.ts, postgres.ts). */
const DOC_SHIFT = 2 ** 20;

interface StoredDocument {
  num: number;
  id: string;
}

export class StoreListings {
  private docs: StoredDocument[] | null = null;
  private directory: UnitDirectory | null = null;
  private tasksOf: Map<number, number> | null = null;

  /** `source` names the data (the folder, or the server) in errors, as the models' path does; `page`: documents a statement. */
  constructor(
    private readonly store: ListingStore,
    private readonly source: string,
    private readonly page = PAGE,
  ) {}

  /** The stored documents by id (sorted as the models' path sorts the folder's ids). */
  private documents(): StoredDocument[] {
    this.docs ??= this.store
      .all<[number, string]>('SELECT num, id FROM documents')
      .map(([num, id]) => ({ num: Number(num), id }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return this.docs;
  }

  /** The document `doc` names (its id or a prefix only it has), else every document. */
  private selected(doc?: string): StoredDocument[] {
    const all = this.documents();
    if (doc === undefined) return all;
    const id = matchDocumentId(
      all.map((d) => d.id),
      doc,
      this.source,
    );
    return all.filter((d) => d.id === id);
  }

  /**
   * The tasks, as listTasks gives them from the models (same options, same errors); the rows are
   * read when asked, a document at a time (a listing's text table asks twice).
   */
  tasks(options: { doc?: string; dept?: string; role?: string } = {}): TaskListing {
    checkTaskOptions(options);
    const docs = this.selected(options.doc);
    let resolved: Map<string, { name: string }[]> | null = null;
    if (options.dept !== undefined) {
      resolved = new Map();
      const found = resolveAcross(
        options.dept,
        this.unitDirectory(),
        docs.map((d) => d.id),
        (doc, d) => this.taskCounts(doc, d.name),
      );
      for (const { doc, name } of found) resolved.set(doc, [...(resolved.get(doc) ?? []), { name }]);
    }
    return taskListing(
      docs.map((d) => ({
        id: d.id,
        tasks: () =>
          this.taskUnits(
            d,
            resolved?.get(d.id)?.map((u) => u.name),
          ),
      })),
      options,
      resolved,
    );
  }

  /**
   * The documents' departments, as the models have them, read when asked a page of documents at a
   * time (their units and mentions; each one's tasks), so that a listing of a whole corpus is
   * printed as it is read (report/department-list.ts), never held.
   */
  departments(doc?: string): ListedDocuments<{ id: string; departments: Department[] }> {
    const docs = this.selected(doc);
    return { count: docs.length, each: () => this.departmentPages(docs) };
  }

  private *departmentPages(docs: StoredDocument[]): Iterable<{ id: string; departments: Department[] }> {
    for (let i = 0; i < docs.length; i += this.page) {
      const page = docs.slice(i, i + this.page);
      const mentions = new Map<string, Mention[]>();
      for (const [num, name, list] of this.inChunks<[number, string, string]>(
        page,
        (marks) => `SELECT doc, name, mention_list FROM departments WHERE mention_list IS NOT NULL AND doc IN (${marks})`,
      ))
        mentions.set(`${num}\n${name}`, JSON.parse(list) as Mention[]);
      const units = new Map<number, SearchDepartment[]>();
      for (const [num, json] of this.inChunks<[number, string | null]>(page, (marks) => `SELECT num, departments FROM documents WHERE num IN (${marks})`))
        units.set(Number(num), JSON.parse(json ?? '[]') as SearchDepartment[]);
      for (const d of page) yield { id: d.id, departments: this.departmentsOf(d, units.get(d.num) ?? [], mentions) };
    }
  }

  /** A document's departments from its units, its mentions (by `num\nname`) and its task units. */
  private departmentsOf(d: StoredDocument, units: SearchDepartment[], mentions: Map<string, Mention[]>): Department[] {
    const departments: Department[] = units.map((x) => ({
      name: x.name,
      aliases: x.aliases,
      kind: x.kind,
      lead: [],
      responsible: [],
      mentions: mentions.get(`${d.num}\n${x.name}`) ?? [],
    }));
    // the numbers of the tasks each unit leads and is responsible for, in the tasks' order
    const byName = new Map(departments.map((x) => [x.name, x]));
    for (const t of this.taskUnits(d)) {
      for (const n of t.lead) {
        const lead = byName.get(n)?.lead;
        if (lead && !lead.includes(t.number)) lead.push(t.number);
      }
      for (const n of t.responsible) {
        const responsible = byName.get(n)?.responsible;
        if (responsible && !responsible.includes(t.number)) responsible.push(t.number);
      }
    }
    return departments;
  }

  /** The documents' indicators, as the models have them, read when asked a page of documents at a time. */
  indicators(doc?: string): ListedDocuments<{ id: string; indicators: Indicator[] }> {
    const docs = this.selected(doc);
    return { count: docs.length, each: () => this.indicatorPages(docs) };
  }

  private *indicatorPages(docs: StoredDocument[]): Iterable<{ id: string; indicators: Indicator[] }> {
    for (let i = 0; i < docs.length; i += this.page) {
      const page = docs.slice(i, i + this.page);
      const byDoc = new Map<number, Array<{ seq: number; indicator: Indicator }>>();
      for (const [num, seq, number, name, unit, category, attribute, detail] of this.inChunks<
        [number, number, string, string, string | null, string | null, string | null, string]
      >(page, (marks) => `SELECT doc, seq, number, name, unit, category, attribute, detail FROM indicators WHERE doc IN (${marks})`)) {
        const list = byDoc.get(Number(num)) ?? [];
        list.push({ seq: Number(seq), indicator: indicatorOf({ number, name, unit, category, attribute, detail }) });
        byDoc.set(Number(num), list);
      }
      for (const d of page) yield { id: d.id, indicators: (byDoc.get(d.num) ?? []).sort((a, b) => a.seq - b.seq).map((x) => x.indicator) };
    }
  }

  /** Rows of a query over documents, a page of documents a statement (`marks`: their `?`s). */
  private *inChunks<T extends unknown[]>(docs: StoredDocument[], sql: (marks: string) => string): Iterable<T> {
    for (let i = 0; i < docs.length; i += this.page) {
      const chunk = docs.slice(i, i + this.page).map((d) => d.num);
      yield* this.store.all<T>(sql(chunk.map(() => '?').join(', ')), ...chunk);
    }
  }

  /**
   * A document's task units, in its order; with `names`, only those whose lead or responsible
   * list may have one of them (a superset: roleOf decides).
   */
  private taskUnits(d: StoredDocument, names?: readonly string[]): ListedTask[] {
    // the task units are the document's first units: ids lo … lo + 2 × (tasks − 1)
    const tasks = this.taskCount().get(d.num) ?? 0;
    if (tasks === 0 || names?.length === 0) return [];
    const lo = d.num * DOC_SHIFT;
    // a name as its JSON list holds it: "县交通局" (LIKE, on both engines: % _ in a name, and
    // SQLite's case folding, only let more through)
    const quoted = (names ?? []).map((n) => `%${JSON.stringify(n)}%`);
    const having = quoted.length > 0 ? ` AND (${quoted.map(() => 'lead LIKE ? OR responsible LIKE ?').join(' OR ')})` : '';
    return this.store
      .all<[string, string | null, string, string, string, string, string | null, number]>(
        `SELECT number, label, title, ${UNIT_SECTION}, lead, responsible, deadline, line FROM units WHERE rowid BETWEEN ? AND ? AND kind = 'task'${having} ORDER BY rowid`,
        lo,
        lo + 2 * tasks,
        ...quoted.flatMap((q) => [q, q]),
      )
      .map(([number, label, title, section, lead, responsible, deadline, line]) => ({
        number,
        label: narrowLabel(label ?? number),
        title,
        lead: JSON.parse(lead) as string[],
        responsible: JSON.parse(responsible) as string[],
        deadline,
        section,
        line: Number(line),
      }));
  }

  /** How many tasks each document has (by number). */
  private taskCount(): Map<number, number> {
    this.tasksOf ??= new Map(this.store.all<[number, number]>('SELECT doc, count(*) FROM tasks GROUP BY doc').map(([doc, n]) => [Number(doc), Number(n)]));
    return this.tasksOf;
  }

  /** The units of every document, read at once (resolving a name tests the distinct ones; the directory keeps them, not the JSON). */
  private unitDirectory(): UnitDirectory {
    if (!this.directory) {
      const units = new Map<string, SearchDepartment[]>();
      for (const [id, json] of this.store.all<[string, string | null]>('SELECT id, departments FROM documents'))
        units.set(id, JSON.parse(json ?? '[]') as SearchDepartment[]);
      this.directory = unitDirectory(
        this.documents().map((d) => d.id),
        (id) => units.get(id) ?? [],
      );
    }
    return this.directory;
  }

  /** How many tasks a unit leads and is responsible for (a candidate of an ambiguous name), as the model counts them. */
  private taskCounts(doc: string, name: string): { lead: number; responsible: number } {
    const d = this.documents().find((x) => x.id === doc);
    const [row] = d ? this.store.all<[number, number]>('SELECT lead_tasks, responsible_tasks FROM departments WHERE doc = ? AND name = ?', d.num, name) : [];
    return { lead: Number(row?.[0] ?? 0), responsible: Number(row?.[1] ?? 0) };
  }
}
