import { narrowLabel } from '../model/headings.js';
import type { Department, Indicator, Mention } from '../model/types.js';
import { checkTaskOptions, type ListedTask, type TaskList, taskListOf } from '../report/task-list.js';
import { resolveAcross, type UnitDirectory, unitDirectory } from '../select/across.js';
import { matchDocumentId } from '../select/document-ids.js';
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
  private readonly departmentJson = new Map<string, SearchDepartment[]>();

  /** `source` names the data (the folder, or the server) in errors, as the models' path does. */
  constructor(
    private readonly store: ListingStore,
    private readonly source: string,
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

  /** The tasks, as listTasks gives them from the models (same options, same errors). */
  tasks(options: { doc?: string; dept?: string; role?: string } = {}): TaskList {
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
    return taskListOf(
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

  /** The documents' departments, as the models have them. */
  departments(doc?: string): Array<{ id: string; departments: Department[] }> {
    const docs = this.selected(doc);
    const mentions = new Map<string, Mention[]>();
    for (const [num, name, list] of this.inChunks<[number, string, string]>(
      docs,
      (marks) => `SELECT doc, name, mention_list FROM departments WHERE mention_list IS NOT NULL AND doc IN (${marks})`,
    )) {
      mentions.set(`${num}\n${name}`, JSON.parse(list) as Mention[]);
    }
    if (this.departmentJson.size === 0)
      for (const [id, json] of this.inChunks<[string, string | null]>(docs, (marks) => `SELECT id, departments FROM documents WHERE num IN (${marks})`))
        this.departmentJson.set(id, JSON.parse(json ?? '[]') as SearchDepartment[]);
    return docs.map((d) => {
      const departments: Department[] = this.departmentsOf(d).map((x) => ({
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
      return { id: d.id, departments };
    });
  }

  /** The documents' indicators, as the models have them. */
  indicators(doc?: string): Array<{ id: string; indicators: Indicator[] }> {
    const docs = this.selected(doc);
    const byDoc = new Map<number, Array<{ seq: number; indicator: Indicator }>>();
    for (const [num, seq, number, name, unit, category, attribute, detail] of this.inChunks<
      [number, number, string, string, string | null, string | null, string | null, string]
    >(docs, (marks) => `SELECT doc, seq, number, name, unit, category, attribute, detail FROM indicators WHERE doc IN (${marks})`)) {
      const list = byDoc.get(Number(num)) ?? [];
      list.push({ seq: Number(seq), indicator: indicatorOf({ number, name, unit, category, attribute, detail }) });
      byDoc.set(Number(num), list);
    }
    return docs.map((d) => ({ id: d.id, indicators: (byDoc.get(d.num) ?? []).sort((a, b) => a.seq - b.seq).map((x) => x.indicator) }));
  }

  /** Rows of a query over documents, 500 documents a statement (`marks`: their `?`s). */
  private *inChunks<T extends unknown[]>(docs: StoredDocument[], sql: (marks: string) => string): Iterable<T> {
    for (let i = 0; i < docs.length; i += 500) {
      const chunk = docs.slice(i, i + 500).map((d) => d.num);
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

  /** A document's units (names, aliases, kinds), in the model's order. */
  private departmentsOf(d: StoredDocument): SearchDepartment[] {
    let list = this.departmentJson.get(d.id);
    if (!list) {
      const [row] = this.store.all<[string | null]>('SELECT departments FROM documents WHERE num = ?', d.num);
      list = JSON.parse(row?.[0] ?? '[]') as SearchDepartment[];
    }
    return list;
  }

  /** The units of every document, read at once (resolving a name tests the distinct ones). */
  private unitDirectory(): UnitDirectory {
    if (!this.directory) {
      for (const [id, json] of this.store.all<[string, string | null]>('SELECT id, departments FROM documents'))
        this.departmentJson.set(id, JSON.parse(json ?? '[]') as SearchDepartment[]);
      this.directory = unitDirectory(
        this.documents().map((d) => d.id),
        (id) => this.departmentJson.get(id) ?? [],
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
