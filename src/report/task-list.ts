import { columnLabel, SECTION_SEPARATOR, sectionTrail } from '../model/headings.js';
import type { PolicyDocument } from '../model/types.js';
import { EmptyDepartment, InvalidRole, isRole, type RoleHolder, resolveUnits, roleOf } from '../select/index.js';
import { documentColumn, plural, renderTable } from '../util/listing.js';

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
  const rows: TaskListRow[] = [];
  const wanted = options.role === 'lead' ? '牵头' : options.role === 'responsible' ? '责任' : null;
  for (const doc of docs) {
    const units = resolved ? resolved.get(doc.id) : null;
    if (resolved && !units) continue;
    for (const t of doc.tasks()) {
      const held = units ? roleOf(t, units) : null;
      const role = held ? (held.role === 'lead' ? '牵头' : '责任') : '';
      if ((units && !role) || (wanted && role !== wanted)) continue;
      rows.push({
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
      });
    }
  }
  return { rows, dept: options.dept, resolved, documents: docs.length };
}

/** The listing as JSON (`policy tasks --json`): one object a task; its role only with a department (whose role would it be otherwise?). */
export function taskListJson(list: TaskList): string {
  const rows = list.rows.map(({ label: _label, role, ...row }) => (list.dept ? { ...row, role } : row));
  return JSON.stringify(rows, null, 2) + '\n';
}

/**
 * The listing as a text table fitted to `width` display columns (Infinity: nothing cut), and
 * a last line of how many tasks and, with a department, whose and in which roles.
 */
export function formatTaskList(list: TaskList, options: { width?: number } = {}): string {
  const { rows } = list;
  const many = list.documents > 1;
  const deadlines = rows.some((r) => r.deadline);
  const columns = [
    ...(many ? [documentColumn(rows.map((r) => r.doc))] : []),
    { header: '序号', align: 'right' as const },
    // the title keeps its room longest; the unit lists give theirs first, wrapped, not cut
    { header: '重点工作', max: Infinity, min: 18 },
    ...(list.dept ? [{ header: '角色' }] : []),
    { header: '牵头单位', max: 24, min: 12, wrap: true },
    { header: '责任单位', max: 32, min: 12, wrap: true },
    ...(deadlines ? [{ header: '完成时限', max: 16, min: 8, wrap: true }] : []),
  ];
  const table = renderTable(
    columns,
    rows.map((r) => [
      ...(many ? [r.doc] : []),
      r.label ?? r.number, // as the document numbers it: （二）, 12, 4.2.1
      r.title,
      ...(list.dept ? [r.role] : []),
      r.lead.join('、'),
      r.responsible.join('、'),
      ...(deadlines ? [r.deadline ?? '—'] : []),
    ]),
    options.width ?? Infinity,
  );
  return table + `${plural(rows.length, 'task')}${list.resolved ? ` ${deptSummary(rows, list.resolved, many)}` : ''}\n`;
}

/** of 县发展改革委 / 市发展改革委 in 3 documents: 5 lead (牵头), 9 responsible (责任) */
function deptSummary(rows: { doc: string; role: string }[], resolved: Map<string, { name: string }[]>, many: boolean): string {
  const withRows = new Set(rows.map((r) => r.doc));
  const named = [...resolved].filter(([doc]) => withRows.size === 0 || withRows.has(doc)).flatMap(([, units]) => units.map((d) => d.name));
  const names = [...new Set(named)].join(' / ');
  const docs = withRows.size;
  const lead = rows.filter((r) => r.role === '牵头').length;
  return `of ${names}${many ? ` in ${plural(docs, 'document')}` : ''}: ${lead} lead (牵头), ${rows.length - lead} responsible (责任)`;
}
