import { columnLabel, SECTION_SEPARATOR, sectionTrail } from '../model/headings.js';
import type { PolicyDocument } from '../model/types.js';
import { EmptyDepartment, InvalidRole, isRole, type RoleHolder, resolveUnits, roleOf } from '../select/index.js';
import { documentColumn, type ListColumn, ListingTable, plural, writeJsonArray, written } from '../util/listing.js';

/**
 * The task listing (`policy tasks`): the tasks of some documents, those a department leads or
 * is responsible for when one is named (resolved by select/, as everywhere), and their
 * renderings: a text table fitted to a width, and JSON. listTasks selects; formatTaskList and
 * taskListJson are pure functions of its result.
 */

/** One task of the listing. */
export interface TaskListRow {
  doc: string;
  number: string;
  /** The task's number as the document writes it (（二）, 12, 4.2.1), for the text table. */
  label?: string;
  title: string;
  /** 牵头 or 责任: the department's role in the task; '' without a department. */
  role: string;
  lead: string[];
  responsible: string[];
  deadline: string | null;
  section: string;
  line: number;
}

export interface TaskList {
  rows: TaskListRow[];
  /** The department asked for, as given; undefined for every task. */
  dept?: string;
  /** The units the department's name means, by document id (only those where it resolves); null without a department. */
  resolved: Map<string, { name: string }[]> | null;
  /** How many documents were listed. */
  documents: number;
}

/** A TaskList whose rows are read when asked, as often as asked (the store's: search/listings.ts), a document at a time. */
export interface TaskListing extends Omit<TaskList, 'rows'> {
  rows(): Iterable<TaskListRow>;
}

/** What the listing shows of a task: from the model (listedTasks), or from the store's task units. */
export interface ListedTask {
  number: string;
  /** As the document numbers it, for a narrow column (columnLabel). */
  label: string;
  title: string;
  lead: readonly string[];
  responsible: readonly string[];
  deadline: string | null;
  /** The section trail as shown (四、重点任务 › （三）…). */
  section: string;
  line: number;
}

/** A document's tasks as the listing shows them. */
export function listedTasks(doc: PolicyDocument): ListedTask[] {
  const sections = new Map(doc.sections.map((x) => [x.id, x]));
  return doc.tasks.map((t) => ({
    number: t.number,
    label: columnLabel(t),
    title: t.title,
    lead: t.lead,
    responsible: t.responsible,
    deadline: t.deadline,
    section: sectionTrail(t.section, sections).join(SECTION_SEPARATOR),
    line: t.position.start.line,
  }));
}

/**
 * The tasks of `docs`; with `dept`, only those the department leads or is responsible for
 * (carriers under a second name and a township family's members included), with `role` only
 * those it leads (lead) or is responsible for (responsible). Throws EmptyDepartment and
 * InvalidRole, and what resolveUnits throws for a name it cannot resolve.
 */
export function listTasks(docs: PolicyDocument[], options: { dept?: string; role?: string } = {}): TaskList {
  checkTaskOptions(options);
  // the units the name means in each document, with those carrying it under a second name
  // (财政局 → 县财政局（县国资中心） too) and a township family's members
  const resolved = options.dept !== undefined ? new Map(resolveUnits(options.dept, docs).map((f) => [f.doc, f.units])) : null;
  return taskListOf(
    docs.map((d) => ({ id: d.id, tasks: () => listedTasks(d) })),
    options,
    resolved,
  );
}

/** The options of a listing, checked before any work: EmptyDepartment, InvalidRole. */
export function checkTaskOptions(options: { dept?: string; role?: string }): void {
  if (options.dept !== undefined && !options.dept.trim()) throw new EmptyDepartment();
  if (options.role !== undefined && !isRole(options.role)) throw new InvalidRole(options.role, 'unknown');
  if (options.role !== undefined && options.dept === undefined) throw new InvalidRole(options.role, 'no-department');
}

/**
 * The listing of some documents' tasks (read when asked for: `tasks` is called only for a
 * document where the department resolved), given the units `dept` means in each document
 * (`resolved`, by document id; null without a department): the one rule of which task is
 * listed and in which role (roleOf), for the models and the store alike.
 */
export function taskListOf(
  docs: ReadonlyArray<{ id: string; tasks: () => ListedTask[] }>,
  options: { dept?: string; role?: string },
  resolved: Map<string, RoleHolder[]> | null,
): TaskList {
  const listing = taskListing(docs, options, resolved);
  return { ...listing, rows: [...listing.rows()] };
}

/** taskListOf with its rows read when asked, a document at a time (each document's `tasks` called then). */
export function taskListing(
  docs: Iterable<{ id: string; tasks: () => ListedTask[] }> & { length: number },
  options: { dept?: string; role?: string },
  resolved: Map<string, RoleHolder[]> | null,
): TaskListing {
  const wanted = options.role === 'lead' ? '牵头' : options.role === 'responsible' ? '责任' : null;
  function* rows(): Iterable<TaskListRow> {
    for (const doc of docs) {
      const units = resolved ? resolved.get(doc.id) : null;
      if (resolved && !units) continue;
      for (const t of doc.tasks()) {
        const held = units ? roleOf(t, units) : null;
        const role = held ? (held.role === 'lead' ? '牵头' : '责任') : '';
        if ((units && !role) || (wanted && role !== wanted)) continue;
        yield {
          doc: doc.id,
          number: t.number,
          label: t.label,
          title: t.title,
          role,
          lead: [...t.lead],
          responsible: [...t.responsible],
          deadline: t.deadline,
          section: t.section,
          line: t.line,
        };
      }
    }
  }
  return { rows, dept: options.dept, resolved, documents: docs.length };
}

/** A listing held (taskListOf's) as one read when asked. */
function lazy(list: TaskList | TaskListing): TaskListing {
  const { rows } = list;
  return typeof rows === 'function' ? (list as TaskListing) : { ...list, rows: () => rows };
}

/** The listing as JSON (`policy tasks --json`): one object a task; its role only with a department (whose role would it be otherwise?). */
export function taskListJson(list: TaskList | TaskListing): string {
  return written((write) => writeTaskListJson(list, write));
}

/** taskListJson written a task at a time. */
export function writeTaskListJson(held: TaskList | TaskListing, write: (s: string) => void): void {
  const list = lazy(held);
  writeJsonArray(
    (function* () {
      for (const { label: _label, role, ...row } of list.rows()) yield list.dept ? { ...row, role } : row;
    })(),
    write,
  );
}

/**
 * The listing as a text table fitted to `width` display columns (Infinity: nothing cut), and
 * a last line of how many tasks and, with a department, whose and in which roles.
 */
export function formatTaskList(list: TaskList | TaskListing, options: { width?: number } = {}): string {
  return written((write) => writeTaskList(list, options, write));
}

/** formatTaskList written a row at a time: the rows are read twice (the widths, then the lines). */
export function writeTaskList(held: TaskList | TaskListing, options: { width?: number }, write: (s: string) => void): void {
  const list = lazy(held);
  const many = list.documents > 1;
  const width = options.width ?? Infinity;
  const columns = (deadlines: boolean): ListColumn[] => [
    ...(many ? [documentColumn([])] : []),
    { header: '序号', align: 'right' as const },
    // the title keeps its room longest; the unit lists give theirs first, wrapped, not cut
    { header: '重点工作', max: Infinity, min: 18 },
    ...(list.dept ? [{ header: '角色' }] : []),
    { header: '牵头单位', max: 24, min: 12, wrap: true },
    { header: '责任单位', max: 32, min: 12, wrap: true },
    ...(deadlines ? [{ header: '完成时限', max: 16, min: 8, wrap: true }] : []),
  ];
  const cells = (r: TaskListRow, deadlines: boolean) => [
    ...(many ? [r.doc] : []),
    r.label ?? r.number, // as the document numbers it: （二）, 12, 4.2.1
    r.title,
    ...(list.dept ? [r.role] : []),
    r.lead.join('、'),
    r.responsible.join('、'),
    ...(deadlines ? [r.deadline ?? '—'] : []),
  ];
  // whether there is a 完成时限 column is known after the first pass: both tables are measured
  const tables = { with: new ListingTable(columns(true), width, many ? 0 : undefined), without: new ListingTable(columns(false), width, many ? 0 : undefined) };
  const seen = { rows: 0, lead: 0, docs: new Set<string>(), deadlines: false };
  for (const r of list.rows()) {
    tables.with.measure(cells(r, true));
    tables.without.measure(cells(r, false));
    seen.rows++;
    if (r.role === '牵头') seen.lead++;
    seen.docs.add(r.doc);
    if (r.deadline) seen.deadlines = true;
  }
  const table = seen.deadlines ? tables.with : tables.without;
  write(table.head());
  for (const r of list.rows()) write(table.lines(cells(r, seen.deadlines)));
  write(`${plural(seen.rows, 'task')}${list.resolved ? ` ${deptSummary(seen, list.resolved, many)}` : ''}\n`);
}

/** of 县发展改革委 / 市发展改革委 in 3 documents: 5 lead (牵头), 9 responsible (责任) */
function deptSummary(seen: { rows: number; lead: number; docs: Set<string> }, resolved: Map<string, { name: string }[]>, many: boolean): string {
  const withRows = seen.docs;
  const named = [...resolved].filter(([doc]) => withRows.size === 0 || withRows.has(doc)).flatMap(([, units]) => units.map((d) => d.name));
  const names = [...new Set(named)].join(' / ');
  return `of ${names}${many ? ` in ${plural(withRows.size, 'document')}` : ''}: ${seen.lead} lead (牵头), ${seen.rows - seen.lead} responsible (责任)`;
}
