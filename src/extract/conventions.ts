import type { Task } from '../model/types.js';
import { parseClause, splitNames } from './clause.js';
import type { Context } from './context.js';
import { spanPosition } from './context.js';

/**
 * Assignments a document makes once for many tasks, rather than task by task:
 *   - a closing sentence for a group of items: 以上工作由区商务委牵头，区财政局配合。
 *   - a rule for every clause: 各项任务的责任单位中，排在第一位的为牵头单位。
 * Both run after the tasks are found and before a task without units is warned about.
 */
export function applyConventions(ctx: Context, tasks: Task[]): void {
  groupClauses(ctx, tasks);
  firstListedLeads(ctx, tasks);
  unitsForTheRest(tasks);
}

/** 以上工作由A牵头，B配合 / 上述任务均由A负责: what follows 由 is a verb-style clause. */
const GROUP_CLAUSE = /^(?:以上|上述)(?:各项|几项|\d+项)?(?:工作|任务|事项|措施)(?:均|统一|都)?由(.+?)[。；;]?$/;

/**
 * A group clause assigns the tasks before it in its part of the outline (the section that holds
 * the tasks, or the last task when the sentence ends it) that have no units of their own,
 * back to the previous group clause of that part.
 */
function groupClauses(ctx: Context, tasks: Task[]): void {
  const doneUpTo = new Map<string, number>();
  for (const b of ctx.blocks) {
    if (b.node.type !== 'paragraph' || b.node.data?.outline) continue;
    const m = GROUP_CLAUSE.exec(b.content.text.trim());
    if (!m) continue;
    const names = parseClause(m[1]);
    if (names.length === 0) continue;
    // the part the sentence closes: its section, or the parent of the task whose text it ends
    const ownTask = b.section ? tasks.find((t) => t.outlineId === b.section!.data.id) : undefined;
    const scope = ownTask ? ownTask.section : (b.section?.data.id ?? null);
    const at = b.node.position?.start.offset ?? 0;
    const from = doneUpTo.get(scope ?? '') ?? -1;
    const start = b.content.text.indexOf(m[1]);
    const place = spanPosition(ctx, b.content, 0, b.content.text.trimEnd().length);
    for (const t of tasks) {
      const offset = t.position.start.offset ?? 0;
      if (t.section !== scope || offset >= at || offset <= from || t.assignments.length > 0) continue;
      t.assignments = names.map((n) => ({ role: n.role, label: n.label, raw: n.raw, name: n.raw }));
      t.clause = { raw: b.content.text.trim(), position: place };
    }
    ctx.clauseRanges.push([b.content.at(start), b.content.at(b.content.text.length - 1) + 1]);
    doneUpTo.set(scope ?? '', at);
  }
}

/**
 * The document's rule that the first unit named is the lead (排在第一位的为牵头单位, 列第一位者为牵头单位,
 * 列第一位为牵头或汇总单位, 列第一位的责任单位为牵头单位, 列第一位的为工作牵头单位, 第一责任单位为牵头单位).
 */
const FIRST_IS_LEAD =
  /(?:排在|排列|列在|位列|名列|列)?(?:第一位|首位|第一个|最前|第一(?=[\u4e00-\u9fff]{0,4}?(?:单位|部门)(?:为|是)))(?:的|者)?(?:[\u4e00-\u9fff]{0,4}?(?:单位|部门))?(?:为|是)(?:工作)?牵头(?:或(?:汇总|主办|召集))?(?:单位|部门)?/;

/** A lead the clause states (牵头, 牵头单位：), not one that only 负责 the task. */
const statedLead = (a: Task['assignments'][number]) => a.role === 'lead' && !/负责/.test(a.label);

/**
 * Under the rule, a clause that states no lead (A、B、C等负责; 责任单位：A、B) has its first unit
 * as lead and the others responsible. The rule holds from where it is written (a preamble's
 * sentence, or the clause of the first task with several units, …，下同): the tasks that end
 * before it keep their clause as written.
 */
function firstListedLeads(ctx: Context, tasks: Task[]): void {
  const rule = FIRST_IS_LEAD.exec(ctx.doc);
  if (!rule) return;
  for (const t of tasks) {
    if (t.assignments.length === 0 || t.assignments.some(statedLead)) continue;
    if ((t.position.end.offset ?? Infinity) <= rule.index) continue;
    t.assignments = t.assignments.map((a, i) => ({ ...a, role: i === 0 ? 'lead' : 'responsible' }));
  }
}

/**
 * 以下各项工作均需各县、区人民政府落实，不再列出: a remark in one clause that names units for every
 * task after it. They join those tasks as responsible (where not named already).
 */
const FOR_THE_REST = /(?:以下|下列|后续)(?:各项|各|所有)?(?:工作|任务|措施|事项)?均(?:需|须|由|要)(.+?)(?:负责落实|落实|负责|实施)[，,。；;]?\s*(?:不再|下同)/;

function unitsForTheRest(tasks: Task[]): void {
  let extra: string[] = [];
  for (const t of tasks) {
    const own = new Set(t.assignments.map((a) => a.raw));
    if (extra.length > 0 && t.assignments.length > 0)
      for (const raw of extra) if (!own.has(raw)) t.assignments.push({ role: 'responsible', label: '', raw, name: raw });
    const m = t.clause ? FOR_THE_REST.exec(t.text) : null;
    if (m) extra = splitNames(m[1]);
  }
}
