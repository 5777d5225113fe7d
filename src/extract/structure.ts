import type { Heading, Paragraph, Table } from 'mdast';
import { withoutInvisible } from '../model/normalize.js';
import type { Paragraph as ModelParagraph, ParagraphKind, Section, Task } from '../model/types.js';
import { isWebClutter } from '../parse/header.js';
import { type InlineText, inlineText } from '../parse/inline.js';
import { holdsProse, type OutlineMark, type SectionNode } from '../parse/outline.js';
import {
  DEADLINE_COLUMN,
  itemTableKinds,
  LEAD_COLUMN,
  namedTableKinds,
  ownerBesidePartners,
  TASK_COLUMN,
  taskColumnKind,
  taskTableKinds,
  UNIT_COLUMN,
} from '../parse/text-tables.js';
import {
  type ClauseMatch,
  cutClauseName,
  deadlineOf,
  endsAsUnit,
  fieldLabelOf,
  findClause,
  hasLabelBracket,
  innerClauses,
  isUnitLabel,
  lastLabelledClause,
  type ParsedName,
  parseClause,
  proseClause,
  splitNames,
  withRoleMarks,
} from './clause.js';
import { ancestorsOf, type Block, blocksOf, type Context, innermostTask, joinTexts, nodePosition, ownBlocksOf, spanPosition } from './context.js';
import { applyConventions } from './conventions.js';
import { isIndicatorTable } from './indicators.js';
import { respectiveTasks } from './respectively.js';

/** Sections (the outline), tasks (numbered work items with their clauses), paragraphs. */
export function extractStructure(ctx: Context): void {
  try {
    extractStructureOf(ctx);
  } finally {
    memo = null; // the document's memo goes with it
  }
}

function extractStructureOf(ctx: Context): void {
  const sections = allSections(ctx);
  ctx.model.sections = sections.map((s) => toSection(ctx, s));
  const found = findTasks(ctx, sections);
  let tasks = found.tasks;
  // a 任务分工方案 written as a table (序号 | 重点任务 | 牵头单位 | 责任单位): its rows are the tasks;
  // beside outline tasks (a 分工表 attached to a plan), its rows complete and confirm them
  if (tasks.length === 0) tasks = tasksFromTables(ctx);
  else mergeTaskTables(ctx, tasks);
  tasks = planLeads(ctx, tasks);
  // 十大重点领域分别由A、…、J等十个牵头单位负责落实: things and units paired in order
  tasks = respectiveTasks(ctx, tasks);
  applyConventions(ctx, tasks);
  for (const { task, section } of found.missing) {
    if (task.assignments.length > 0) continue;
    ctx.file.message(`task ${task.number} (${task.title}) has no assignment clause (牵头单位/责任单位)`, {
      place: nodePosition(ctx, section).start,
      ruleId: 'missing-assignment',
      source: 'policy',
    });
  }
  ctx.model.tasks = tasks;
  ctx.model.paragraphs = paragraphs(ctx);
}

function allSections(ctx: Context): SectionNode[] {
  return [...ctx.sectionInfo.keys()];
}

function parentOf(ctx: Context, s: SectionNode): SectionNode | null {
  const anc = ancestorsOf(ctx, s);
  return anc.length > 1 ? anc[anc.length - 2] : null;
}

function toSection(ctx: Context, s: SectionNode): Section {
  const own = ownBlocksOf(ctx, s);
  return {
    id: s.data.id,
    number: s.data.number,
    label: s.data.label,
    style: s.data.style,
    ordinal: s.data.ordinal,
    title: s.data.title,
    level: s.data.level,
    parent: parentOf(ctx, s)?.data.id ?? null,
    path: ancestorsOf(ctx, s).map((a) => a.data.title),
    text: own.map((b) => b.content.text).join('\n'),
    position: nodePosition(ctx, s),
  };
}

/**
 * Tasks are the outline items that close with an assignment clause, and the items numbered
 * like them beside them (a task that lost its clause is still a task, with a warning).
 * Without any clause in the document (municipal and national plans often have none), the
 * numbered leaf items of the task parts are the tasks.
 */
function findTasks(ctx: Context, sections: SectionNode[]): { tasks: Task[]; missing: { task: Task; section: SectionNode }[] } {
  // an item whose fields are its numbered sub-items ((一)责任领导：… (二)责任单位：… (三)协办单位：…)
  const fields = fieldItems(ctx, sections);
  const fieldItem = new Set([...fields.values()].flat());
  // a clause belongs to the innermost item that holds it, unless it closes a list of sub-items
  const withClause = liftClauses(
    ctx,
    sections.filter((s) => !s.children.some((c) => c.type === 'section') && !fieldItem.has(s) && clauseOf(ctx, s)),
  );
  for (const s of fields.keys()) if (!withClause.includes(s)) withClause.push(s);
  // an item with sub-items whose own opening sentence closes with a clause is a task of its
  // own (（一）…提供支撑。（A、B按职责分工负责） over 具体措施 1. 2. with clauses of their own)
  for (const s of sections) if (s.children.some((c) => c.type === 'section') && openingClause(ctx, s)?.sentence && !withClause.includes(s)) withClause.push(s);
  const owners = new Set(withClause);
  // a part heading that names its lead (一、强化科技创新（区科技局牵头））: where no item under it
  // has a clause, the heading is the task and its items are part of its text
  const headingTasks = new Set(
    sections.filter((s) => {
      const found = openingClause(ctx, s);
      return found && !found.sentence && !withClause.some((w) => w !== s && ancestorsOf(ctx, w).includes(s));
    }),
  );
  for (const h of headingTasks) owners.add(h);
  // a part heading that names the lead of its items (一、县示范区管委会牵头工作（8项）): its items are tasks
  const byLead = new Set(sections.filter((s) => leadHeading(ctx, s) && !headingTasks.has(s)));
  const underLead = (s: SectionNode) => !s.children.some((c) => c.type === 'section') && byLead.has(parentOf(ctx, s) as SectionNode);
  for (const s of sections) if (underLead(s)) owners.add(s);
  const underHeadingTask = (s: SectionNode) => ancestorsOf(ctx, s).some((a) => a !== s && headingTasks.has(a));
  let taskSections: SectionNode[];
  if (withClause.length > 0) {
    // The task level is the style most clauses hang on; sub-items lift to their task.
    const styleCount = new Map<string, number>();
    for (const s of withClause) styleCount.set(s.data.style, (styleCount.get(s.data.style) ?? 0) + 1);
    const taskStyle = [...styleCount.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const groups = new Set<string>();
    for (const s of withClause) {
      const anc = ancestorsOf(ctx, s);
      const task = anc.findLast((a) => a.data.style === taskStyle);
      if (task) groups.add(groupKey(ctx, task));
    }
    // Items numbered like the tasks, in parts of the same kind, are tasks too, clause or not
    // (a 规划 chapter whose items carry no clause); not those of 原则/目标/保障 parts.
    // and every item that closes with its own clause, whatever its numbering (１． under 3、)
    taskSections = sections.filter((s) => owners.has(s) || (s.data.style === taskStyle && groups.has(groupKey(ctx, s)) && kindOfSection(ctx, s) === null));
  } else {
    taskSections = sections.filter(
      (s) =>
        headingTasks.has(s) ||
        underLead(s) ||
        (!s.children.some((c) => c.type === 'section') &&
          s.data.level > 1 &&
          !['box', 'heading', 'article', 'chapter', 'section-cn', 'part'].includes(s.data.style) &&
          kindOfSection(ctx, s) === null &&
          fullText(ctx, s).text.length > s.data.title.length + 10),
    );
  }

  taskSections = taskSections.filter((s) => !underHeadingTask(s));
  const numbers = taskNumbers(ctx, taskSections);
  const tasks: Task[] = [];
  const missing: { task: Task; section: SectionNode }[] = [];
  for (const s of taskSections) {
    const number = numbers.get(s)!;
    const text = fullText(ctx, s);
    const opening = s.children.some((c) => c.type === 'section') && !fields.has(s) ? openingClause(ctx, s) : null;
    const fieldClauses = (fields.get(s) ?? []).map((k) => clauseOf(ctx, k)).filter((f): f is FoundClause => f !== null);
    if (fieldClauses.length > 0) {
      tasks.push(fieldTask(ctx, s, number, text, fieldClauses));
      ctx.taskSections.set(number, s);
      continue;
    }
    // the item's work written as paragraphs under its heading, each closing with its own clause
    const byParagraph = opening ? null : paragraphClauses(ctx, s);
    if (byParagraph) {
      byParagraph.forEach(({ block, clause }, k) => tasks.push(paragraphTask(ctx, s, `${number}.${k + 1}`, block, clause)));
      continue;
    }
    const found = opening ?? clauseOf(ctx, s);
    const clause = found?.clause ?? null;
    const where = found?.in ?? text;
    const inner = clause ? innerClauses(where.text, clause.start, memoOf(ctx).bracketFree) : [];
    const names: ParsedName[] = [];
    for (const c of clause ? [...inner, clause] : inner) for (const n of parseClause(c.content)) names.push(n);
    // a clause cut with the document (…责任单位：区政): the name it ends on is no unit unless whole
    if (clause?.open && cutAtEnd(ctx, where.at(clause.end - 1) + 1) && names.length > 0 && !endsAsUnit(names[names.length - 1].raw)) {
      // …湖南调查总队等按职责分: the unit before the cut role words is whole
      const whole = cutClauseName(names[names.length - 1].raw);
      if (whole) names[names.length - 1] = { ...names[names.length - 1], raw: whole };
      else names.pop();
    }
    // made by map, so that the array the model keeps is no larger than its content
    const assignments = names.map((n) => ({ role: n.role, label: n.label, raw: n.raw, name: n.raw }));
    for (const c of inner) ctx.clauseRanges.push([where.at(c.start), where.at(c.end - 1) + 1]);
    if (clause) ctx.clauseRanges.push([where.at(clause.start), where.at(clause.end - 1) + 1]);
    if (clause && assignments.length === 0) {
      ctx.file.message(`task ${number}: assignment clause names no unit`, {
        place: spanPosition(ctx, where, clause.start, clause.end),
        ruleId: 'empty-assignment',
        source: 'policy',
      });
    }
    ctx.taskSections.set(number, s);
    const task: Task = {
      number,
      label: s.data.label,
      outlineId: s.data.id,
      ordinal: s.data.ordinal,
      // a heading that names its lead: the title without the clause (强化科技创新)
      title:
        opening && !opening.sentence
          ? s.data.title.replace(where.text.slice(opening.clause.start, opening.clause.end), '').trim() || s.data.title
          : found?.prose
            ? proseTitle(s.data.title, where.text.slice(clause!.start, clause!.end))
            : s.data.title,
      ...placedIn(ctx, s, text),
      lead: [],
      responsible: [],
      assignments,
      clause: clause ? { raw: where.text.slice(clause.start, clause.end), position: spanPosition(ctx, where, clause.start, clause.end) } : null,
      deadline: firstDeadline(clause ? [clause, ...inner] : inner),
      position: nodePosition(ctx, s),
    };
    tasks.push(task);
    // warned about once a task table has had its say
    if (!clause && withClause.length > 0) missing.push({ task, section: s });
  }
  // the items under a heading that names its lead, without units of their own, take its units
  for (const t of tasks) {
    if (t.assignments.length > 0) continue;
    const heading = ancestorsOf(ctx, ctx.taskSections.get(t.number)!).findLast(
      (a) => a.data.id !== t.outlineId && ((openingClause(ctx, a) && !openingClause(ctx, a)!.sentence) || leadHeading(ctx, a)),
    );
    if (!heading) continue;
    const { clause, in: where } = openingClause(ctx, heading) ?? leadHeading(ctx, heading)!;
    t.assignments = parseClause(clause.content).map((n) => ({ role: n.role, label: n.label, raw: n.raw, name: n.raw }));
    t.clause = { raw: where.text.slice(clause.start, clause.end), position: spanPosition(ctx, where, clause.start, clause.end) };
  }
  return { tasks, missing };
}

/**
 * An item whose work is written as paragraphs under its heading, each closing with its own clause
 * (（一）推动经济稳定增长。⏎ 稳定消费…。（A、B等负责）⏎ 发挥投资…。（C、D等负责）, as a 部门分工意见
 * writes it): each paragraph is a task, the heading (no clause of its own) none. Two such
 * paragraphs at least, and every paragraph after the heading closes so (sentences, then the
 * clause); else null.
 */
const SENTENCE_BEFORE = /^[^（(].{8,}[。；！]$/s;

function paragraphClauses(ctx: Context, s: SectionNode): { block: Block; clause: ClauseMatch }[] | null {
  if (s.children.some((c) => c.type === 'section')) return null;
  const own = ownBlocksOf(ctx, s).filter((b) => b.node.type === 'paragraph' && !b.node.data?.role && b.content.text.trim());
  if (own.length < 3) return null;
  const { bracketFree } = memoOf(ctx);
  if (findClause(own[0].content.text, bracketFree)) return null;
  const out: { block: Block; clause: ClauseMatch }[] = [];
  for (const b of own.slice(1)) {
    // a sentence of work, then its clause: not a clause line alone (牵头单位：A ⏎ 责任单位：B)
    const clause = findClause(b.content.text, bracketFree);
    if (!clause || clause.open || !SENTENCE_BEFORE.test(b.content.text.slice(0, clause.start).trim())) return null;
    out.push({ block: b, clause });
  }
  return out;
}

/** The task of one such paragraph: its text, its clause (and the clauses inside it), no outline item of its own. */
function paragraphTask(ctx: Context, s: SectionNode, number: string, b: Block, clause: ClauseMatch): Task {
  const where = b.content;
  const clauses = [...innerClauses(where.text, clause.start, memoOf(ctx).bracketFree), clause];
  for (const c of clauses) ctx.clauseRanges.push([where.at(c.start), where.at(c.end - 1) + 1]);
  ctx.taskSections.set(number, s);
  const head = where.text.slice(0, clause.start).trim();
  return {
    number,
    label: '',
    outlineId: '',
    ordinal: s.data.ordinal,
    title: head.split(/[。；！？]/)[0].trim() || head,
    text: withoutInvisible(where.text).trim(),
    section: s.data.id,
    sectionPath: ancestorsOf(ctx, s).map((a) => a.data.title),
    lead: [],
    responsible: [],
    assignments: clauses.flatMap((c) => parseClause(c.content)).map((n) => ({ role: n.role, label: n.label, raw: n.raw, name: n.raw })),
    clause: { raw: where.text.slice(clause.start, clause.end), position: spanPosition(ctx, where, clause.start, clause.end) },
    deadline: firstDeadline(clauses),
    position: nodePosition(ctx, b.node),
  };
}

/**
 * Items whose sub-items are the fields of their assignment, one a line and numbered
 * ((一)责任领导：高勤 ⏎ (二)责任单位：市教育局 ⏎ (三)协办单位：市财政局 … (六)完成时限：年内), with at
 * least one field that names units: the item is the task, the field items are its clause.
 */
function fieldItems(_ctx: Context, sections: SectionNode[]): Map<SectionNode, SectionNode[]> {
  const out = new Map<SectionNode, SectionNode[]>();
  for (const s of sections) {
    const kids = s.children.filter((c): c is SectionNode => c.type === 'section');
    if (kids.length < 2) continue;
    const labelled = kids.filter((k) => fieldLabelOf(k.data.title) !== null && !k.children.some((c) => c.type === 'section'));
    if (labelled.length < 2 || !labelled.some((k) => isUnitLabel(fieldLabelOf(k.data.title)!))) continue;
    out.set(s, labelled);
  }
  return out;
}

/** The task of an item whose fields are its sub-items: the units of all its field items. */
function fieldTask(ctx: Context, s: SectionNode, number: string, text: InlineText, found: FoundClause[]): Task {
  const assignments: Task['assignments'] = [];
  for (const f of found) {
    for (const n of parseClause(f.clause.content)) assignments.push({ role: n.role, label: n.label, raw: n.raw, name: n.raw });
    ctx.clauseRanges.push([f.in.at(f.clause.start), f.in.at(f.clause.end - 1) + 1]);
  }
  const first = found.find((f) => parseClause(f.clause.content).length > 0) ?? found[0];
  return {
    number,
    label: s.data.label,
    outlineId: s.data.id,
    ordinal: s.data.ordinal,
    title: s.data.title,
    ...placedIn(ctx, s, text),
    lead: [],
    responsible: [],
    assignments,
    clause: { raw: first.in.text.slice(first.clause.start, first.clause.end), position: spanPosition(ctx, first.in, first.clause.start, first.clause.end) },
    deadline: firstDeadline(found.map((f) => f.clause)),
    position: nodePosition(ctx, s),
  };
}

/** A paragraph that is a clause and nothing else: （县自然资源局牵头）. */
const CLAUSE_ONLY = /^[\s\u3000]*[（(〔][^。！？\n]+[）)〕][\s\u3000]*$/;
const ANNEX_LABEL = /^[\s\u3000]*附件\s*([0-9０-９]{1,2})[\s\u3000]*$/;

/**
 * （县自然资源局牵头） on a line of its own under a plan's (or an annex's) title, before its
 * outline: the lead of the whole plan, up to the next such line. Its tasks without units take
 * it; where the plan shows no task, the plan itself is the task (numbered as its 附件, else 1).
 */
function planLeads(ctx: Context, tasks: Task[]): Task[] {
  const leads: { at: number; block: Block; clause: ClauseMatch; title: Block; annex: string | null }[] = [];
  ctx.blocks.forEach((b, i) => {
    if (b.section || b.node.type !== 'paragraph' || !CLAUSE_ONLY.test(b.content.text)) return;
    const clause = findClause(b.content.text, memoOf(ctx).bracketFree);
    if (!clause || clause.open || b.content.text.slice(0, clause.start).trim() !== '') return;
    let t = i - 1;
    while (t >= 0 && !ctx.blocks[t].content.text.trim()) t--;
    const title = ctx.blocks[t];
    const titleText = title?.content.text.trim() ?? '';
    if (!title || title.section || titleText.length > 80 || /[。！？；]/.test(titleText) || ANNEX_LABEL.test(titleText)) return;
    const annex = t > 0 ? (ANNEX_LABEL.exec(ctx.blocks[t - 1].content.text)?.[1] ?? null) : null;
    leads.push({ at: b.node.position?.start.offset ?? 0, block: b, clause, title, annex });
  });
  if (leads.length === 0) return tasks;
  const out = [...tasks];
  leads.forEach(({ at, block, clause, title, annex }, k) => {
    const until = leads[k + 1]?.at ?? Infinity;
    const names = parseClause(clause.content);
    if (names.length === 0) return;
    const assignments = () => names.map((n) => ({ role: n.role, label: n.label, raw: n.raw, name: n.raw }));
    const raw = { raw: block.content.text.slice(clause.start, clause.end), position: spanPosition(ctx, block.content, clause.start, clause.end) };
    ctx.clauseRanges.push([block.content.at(clause.start), block.content.at(clause.end - 1) + 1]);
    const scope = tasks.filter((t) => (t.position.start.offset ?? 0) > at && (t.position.start.offset ?? 0) < until);
    for (const t of scope) {
      if (t.assignments.length > 0) continue;
      t.assignments = assignments();
      t.clause = raw;
    }
    if (scope.length > 0) return;
    let number = annex ? String(Number(annex.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)))) : '1';
    if (out.some((t) => t.number === number)) number = `附件${number}`;
    const titleText = withoutInvisible(title.content.text).trim();
    out.push({
      number,
      label: annex ? `附件${annex}` : '',
      outlineId: '', // the plan as a whole: no outline item of its own
      ordinal: out.length + 1,
      title: titleText,
      text: `${titleText}\n${block.content.text.trim()}`,
      section: null,
      sectionPath: [],
      lead: [],
      responsible: [],
      assignments: assignments(),
      clause: raw,
      deadline: null,
      position: spanPosition(ctx, title.content, 0, title.content.text.length),
    });
  });
  return out.length === tasks.length ? out : out.sort((a, b) => (a.position.start.offset ?? 0) - (b.position.start.offset ?? 0));
}

interface OpeningClause extends FoundClause {
  /** The clause closes a sentence of the item (…。（A负责）), not its heading (强化科技创新（A牵头）). */
  sentence: boolean;
}

/**
 * The clause that closes the opening sentence of an item with sub-items: its heading's
 * (一、强化科技创新（区科技局牵头）) or its first sentence's (（一）研究…支撑。（A负责）具体措施：).
 */
function openingClause(ctx: Context, s: SectionNode): OpeningClause | null {
  const openings = memoOf(ctx).openings;
  let found = openings.get(s);
  if (found !== undefined) return found;
  found = null;
  const first = ownBlocksOf(ctx, s)[0];
  if (first && s.children.some((c) => c.type === 'section')) {
    // the heading line, or the item's opening paragraph's first line
    const head = first.content.text.split('\n')[0];
    const clause = findClause(head, memoOf(ctx).bracketFree);
    if (clause && !clause.open && clause.start > 0) {
      found = { clause, in: first.content, sentence: /[。！？；;][ \t\u3000]*$/.test(head.slice(0, clause.start)) };
    }
  }
  openings.set(s, found);
  return found;
}

/**
 * A part heading that is the name of its lead's share of the work (一、县示范区管委会牵头工作（8项）,
 * （二）由区发改委牵头的任务): the unit before 牵头/负责 leads the items under it. The whole
 * heading is that name (a count of items after it at most), and every name in it ends as a unit's.
 */
const LEAD_HEADING =
  /由?([\u4e00-\u9fff（）()、，,]{2,60}?(?:牵头|负责))(?:的|落实的|推进的)?(?:工作|任务|事项|项目)(?:清单)?[\s\u3000]*(?:[（(][\s\u3000]*共?[\s\u3000]*\d+[\s\u3000]*项[\s\u3000]*[）)])?[\s\u3000]*$/;

function leadHeading(ctx: Context, s: SectionNode): FoundClause | null {
  const memo = memoOf(ctx).leadHeadings;
  let found = memo.get(s);
  if (found !== undefined) return found;
  found = null;
  const first = ownBlocksOf(ctx, s)[0];
  const title = s.data.title;
  const m = s.children.some((c) => c.type === 'section') && first ? LEAD_HEADING.exec(title) : null;
  const head = first?.content.text.split('\n')[0] ?? '';
  const at = m ? head.indexOf(m[1]) : -1;
  // the name is the whole title (after its number), not the end of a sentence
  if (m && at !== -1 && title.slice(0, m.index).replace(/由$/, '') === '') {
    const names = parseClause(m[1]);
    if (names.length > 0 && names.every((n) => endsAsUnit(n.raw)))
      found = { clause: { start: at, end: at + m[1].length, content: m[1], contentStart: at }, in: first.content };
  }
  memo.set(s, found);
  return found;
}

/** Nothing but spaces and a web page's clutter after `offset`: the document was cut there. */
function cutAtEnd(ctx: Context, offset: number): boolean {
  return !ctx.blocks.some((b) => (b.node.position?.start.offset ?? 0) >= offset && !isWebClutter(b.role) && b.content.text.trim() !== '');
}

/**
 * "1. …  (1) …  (2) …  责任单位：…": a clause on a line of its own after the last of an
 * item's sub-items, the earlier ones without a clause, closes the item, not its last sub-item.
 * Only when every clause-holder of that numbering is such a last sub-item: where items of a
 * style close with their own clauses elsewhere, they are tasks (１． under 3、).
 */
function liftClauses(ctx: Context, holders: SectionNode[]): SectionNode[] {
  const closesItem = (s: SectionNode): SectionNode | null => {
    const parent = parentOf(ctx, s);
    // an item with prose (not a heading over tasks): its opening runs on past the title, or
    // lines of its own stand before its sub-items (问题：… / 整改目标：… / 整改措施：)
    if (!parent || !(holdsProse(parent, ctx.doc) || parent.children.findIndex((c) => c.type === 'section') > 1)) return null;
    const subs = parent.children.filter((c): c is SectionNode => c.type === 'section');
    if (subs.length < 2 || subs[subs.length - 1] !== s || subs.slice(0, -1).some((x) => clauseOf(ctx, x))) return null;
    // the clause starts a line of its own
    const found = clauseOf(ctx, s);
    const before = found ? found.in.text.slice(0, found.clause.start) : '';
    return found && /\n[ \t\u3000]*$/.test(before) ? parent : null;
  };
  const lifted = new Map(holders.map((s) => [s, closesItem(s)]));
  const liftable = (style: string) => holders.every((s) => s.data.style !== style || lifted.get(s));
  const out = holders.map((s) => (liftable(s.data.style) ? lifted.get(s)! : s));
  return [...new Set(out)];
}

/** The deadline the first clause that states one states. */
function firstDeadline(clauses: ClauseMatch[]): string | null {
  for (const c of clauses) {
    const deadline = deadlineOf(c.content);
    if (deadline !== null) return deadline;
  }
  return null;
}

/**
 * Task numbers, unique within the document: the items' own numbers where they are; where they
 * repeat (1. under each （一）), the shortest run of the document's own numbers, from the item
 * up, that tells them apart — 4.2.2 for the （二） of 第四章第二节 whether or not chapters sit in
 * 篇 — and positions in the outline only where the document's numbers never do.
 */
function taskNumbers(ctx: Context, sections: SectionNode[]): Map<SectionNode, string> {
  const own = sections.map((s) => s.data.number);
  if (new Set(own).size === own.length) return new Map(sections.map((s, i) => [s, own[i]]));
  const chains = sections.map((s) => ancestorsOf(ctx, s).map((a) => a.data.ordinal));
  const longest = Math.max(...chains.map((c) => c.length));
  for (let depth = 2; depth <= longest; depth++) {
    const runs = chains.map((c) => c.slice(-depth));
    if (runs.some((r) => r.some((n) => !(n > 0)))) break;
    const numbers = runs.map((r) => r.join('.'));
    if (new Set(numbers).size === numbers.length) return new Map(sections.map((s, i) => [s, numbers[i]]));
  }
  return new Map(sections.map((s) => [s, s.data.id.slice(1)]));
}

/** Items belong to one task group when they share their style and their parent's style. */
function groupKey(ctx: Context, s: SectionNode): string {
  const anc = ancestorsOf(ctx, s);
  const parent = anc[anc.length - 2];
  return `${s.data.style}|${parent?.data.style ?? ''}`;
}

interface FoundClause {
  clause: ClauseMatch;
  /** The text the clause's indices refer to: the section's whole text, or one of its paragraphs. */
  in: InlineText;
  /** Written in the item's prose (…，由A负责，B配合。), not closing it. */
  prose?: boolean;
}

/** 道路交通安全专项整治，由公安、交通部门负责，有关部门配合: the title without the clause it runs into. */
function proseTitle(title: string, clause: string): string {
  const at = title.indexOf(clause);
  return at > 0 ? title.slice(0, at).replace(/[，,；;\s]+$/, '') || title : title;
}

/** Provisions of a 办法 (第五条 补贴资金由市财政局负责拨付) and 专栏 boxes assign no task in their prose. */
const NO_PROSE_CLAUSE = new Set(['article', 'box']);

/** An item in a list of items: another item of its numbering stands beside it. */
function inList(ctx: Context, s: SectionNode): boolean {
  const parent = parentOf(ctx, s);
  const siblings = parent ? parent.children : allSections(ctx).filter((x) => parentOf(ctx, x) === null);
  return siblings.some((c) => c !== s && c.type === 'section' && c.data.style === s.data.style);
}

/**
 * What is worked out once for each section of the document being extracted, in plain Maps
 * dropped when it is done: a WeakMap keyed by section (or by document) costs more to fill
 * than most of the work it saves, and its entries live on into V8's old space.
 */
interface SectionMemo {
  ctx: Context;
  fullTexts: Map<SectionNode, InlineText>;
  clauses: Map<SectionNode, FoundClause | null>;
  kinds: Map<SectionNode, ParagraphKind | null>;
  openings: Map<SectionNode, OpeningClause | null>;
  leadHeadings: Map<SectionNode, FoundClause | null>;
  /**
   * No block has a closing 】］], so no text joined from them has a bracketed label to rewrite:
   * one scan of the document instead of one of every (nested) section's text, again and again.
   */
  bracketFree: boolean;
}
let memo: SectionMemo | null = null;

function memoOf(ctx: Context): SectionMemo {
  if (memo?.ctx !== ctx) {
    const bracketFree = !ctx.blocks.some((b) => hasLabelBracket(b.content.text));
    memo = { ctx, fullTexts: new Map(), clauses: new Map(), kinds: new Map(), openings: new Map(), leadHeadings: new Map(), bracketFree };
  }
  return memo;
}

/**
 * The assignment clause of a section (looked for once): closing its whole text, or else
 * closing one of its own paragraphs (a task followed by the notice's closing remarks).
 */
function clauseOf(ctx: Context, s: SectionNode): FoundClause | null {
  const clauses = memoOf(ctx).clauses;
  let found = clauses.get(s);
  if (found !== undefined) return found;
  const whole = fullText(ctx, s);
  const { bracketFree } = memoOf(ctx);
  const clause = findClause(whole.text, bracketFree);
  found = clause ? { clause, in: whole } : null;
  if (!found && !s.children.some((c) => c.type === 'section')) {
    const own = ownBlocksOf(ctx, s);
    for (let i = own.length - 2; i >= 0 && !found; i--) {
      const inner = findClause(own[i].content.text, bracketFree);
      if (inner) found = { clause: inner, in: own[i].content };
    }
  }
  if (!found) {
    const inner = lastLabelledClause(whole.text, bracketFree);
    if (inner) found = { clause: inner, in: whole };
  }
  if (!found && !NO_PROSE_CLAUSE.has(s.data.style) && !s.children.some((c) => c.type === 'section') && kindOfSection(ctx, s) === null) {
    // the assignment in the item's prose: （一）道路交通安全专项整治，由公安、交通部门负责，有关部门配合。
    // An item of a list; a lone item only when the clause opens it (（一）由A负责，B配合，…): 由 further
    // into a lone paragraph is as likely ordinary prose.
    const listed = inList(ctx, s);
    const prose = listed || OPENS_WITH_BY.test(whole.text) ? proseClause(whole.text) : null;
    if (prose && (listed || prose.start === 0)) found = { clause: prose, in: whole, prose: true };
  }
  clauses.set(s, found);
  return found;
}

/** An item's text that opens with its owners: 由A负责… (由于 opens a reason, not an owner) */
const OPENS_WITH_BY = /^由(?!于)[\u4e00-\u9fff]/;

/** The whole text of a section, subsections included, label stripped. */
export function fullText(ctx: Context, s: SectionNode): InlineText {
  const fullTexts = memoOf(ctx).fullTexts;
  let t = fullTexts.get(s);
  if (!t) {
    const parts: InlineText[] = [];
    for (const b of blocksOf(ctx, s)) if (b.node.type !== 'table') parts.push(b.content);
    fullTexts.set(s, (t = joinTexts(parts)));
  }
  return t;
}

/** A task's text as written and where it stands: its section and the titles above it. */
function placedIn(ctx: Context, s: SectionNode, text: InlineText): Pick<Task, 'text' | 'section' | 'sectionPath'> {
  return {
    text: writtenText(ctx, s, text),
    section: parentOf(ctx, s)?.data.id ?? null,
    sectionPath: ancestorsOf(ctx, s)
      .slice(0, -1)
      .map((a) => a.data.title),
  };
}

/**
 * A task's text as written: its full text with the labels of its sub-items ((1), ①, a Markdown
 * list's 1.) kept — only the task's own label goes (it is the task's label). Clauses are looked
 * for in fullText, whose blocks all lose their labels.
 */
function writtenText(ctx: Context, s: SectionNode, full: InlineText): string {
  const blocks = blocksOf(ctx, s);
  if (!blocks.some((b) => b.section !== s && b.node.data?.outline)) return full.text;
  const parts: string[] = [];
  for (const b of blocks) {
    if (b.node.type === 'table') continue;
    const mark = b.section !== s ? b.node.data?.outline : undefined;
    parts.push(mark ? labelled(b.node, mark, ctx.doc) : b.content.text);
  }
  return parts.join('\n');
}

const LEADING_SPACE = /^[\s\u3000]+/;

/** A block's text with its outline label, as the source has it. */
function labelled(node: Paragraph | Heading, mark: OutlineMark, doc: string): string {
  const text = inlineText(node, doc).text.replace(LEADING_SPACE, '');
  // a Markdown list item's number stands before the paragraph, outside its inline text
  const outside = mark.labelEnd <= (node.position?.start.offset ?? 0) && mark.label;
  return outside ? doc.slice(mark.labelStart, mark.labelEnd).trimEnd() + ' ' + text : text;
}

const KINDS: [RegExp, ParagraphKind][] = [
  [/指导思想|总体思路|总体要求/, 'guidance'],
  [/原则/, 'principle'],
  [/目标|愿景|发展定位/, 'goal'],
  // compound words only: a task group may be called 强化要素保障
  [/保障措施|组织实施|实施保障|保障机制|实施机制|组织保障|工作要求|工作保障/, 'measure'],
];

/** The kind a part gives its prose: the nearest enclosing section that names one. */
function kindOfSection(ctx: Context, s: SectionNode): ParagraphKind | null {
  const sectionKinds = memoOf(ctx).kinds;
  let kind = sectionKinds.get(s);
  if (kind === undefined) {
    kind = null;
    for (const a of [...ancestorsOf(ctx, s)].reverse()) {
      if (a.data.style === 'box') kind = 'box';
      else kind = KINDS.find(([re]) => re.test(a.data.title))?.[1] ?? null;
      if (kind) break;
    }
    sectionKinds.set(s, kind);
  }
  return kind;
}

function paragraphs(ctx: Context): ModelParagraph[] {
  const taskOf = new Map<SectionNode, string>();
  for (const [number, s] of ctx.taskSections) taskOf.set(s, number);
  const out: ModelParagraph[] = [];
  for (const b of ctx.blocks) {
    if (b.node.type === 'table') {
      out.push(...tableRows(ctx, b, out.length));
      continue;
    }
    if (!b.content.text.trim()) continue;
    const task = innermostTask(b.ancestors, taskOf);
    out.push({
      id: `p${out.length + 1}`,
      kind: kindOf(ctx, b, task),
      section: b.section?.data.id ?? null,
      task,
      text: b.content.text,
      position: nodePosition(ctx, b.node),
    });
  }
  return out;
}

function kindOf(ctx: Context, b: Block, task: string | null): ParagraphKind {
  if (task !== null) return 'task';
  if (isWebClutter(b.role)) return 'web';
  if (b.role && b.role !== 'preamble' && b.role !== 'attachment' && b.role !== 'closing') return 'header';
  if (b.section) return kindOfSection(ctx, b.section) ?? 'paragraph';
  return 'paragraph';
}

function cellTexts(ctx: Context, row: Table['children'][number]): string[] {
  return row.children.map((c) => inlineText(c, ctx.doc).text.trim());
}

/** Rows of a table that is not an indicator table stay in the model as paragraphs (cells joined by " | "). */
function tableRows(ctx: Context, b: Block, before: number): ModelParagraph[] {
  const table = b.node as Table;
  if (isIndicatorTable(table, ctx.doc)) return [];
  const taskRows = taskTableRows.get(table);
  return (
    table.children
      // empty cells stay (a | b |  | c), so a name keeps its column
      .map((row, i) => ({ row, text: trimEmpty(cellTexts(ctx, row)).join(' | '), task: taskRows?.get(i) ?? null }))
      .filter((r) => r.text)
      .map((r, i) => ({
        id: `p${before + i + 1}`,
        kind: r.task !== null ? ('task' as const) : kindOf(ctx, b, null),
        section: b.section?.data.id ?? null,
        task: r.task,
        text: r.text,
        position: nodePosition(ctx, r.row),
      }))
  );
}

function trimEmpty(cells: string[]): string[] {
  let end = cells.length;
  while (end > 0 && !cells[end - 1]) end--;
  return cells.slice(0, end);
}

/** For task tables: row index → task number, so their rows read as task paragraphs. */
const taskTableRows = new WeakMap<Table, Map<number, string>>();

interface TaskRow {
  table: Table;
  /** Index of the row in the table (the header is 0). */
  index: number;
  block: Block;
  row: Table['children'][number];
  number: string | null;
  text: string;
  assignments: Task['assignments'];
  deadline: string | null;
  /** The first cell of its text (the task cell, or the detail when that is empty): the title's source. */
  head: string;
  /** Indices of its sub-rows (rows without 序号 under it). */
  extra: number[];
  /** Its table names its columns as a 分工表 does (重点任务 / 牵头单位), not only in the wider words (民生实事, 项目名称). */
  classic: boolean;
}

/**
 * Rows of the tables whose header names a task column and a unit column (任务分工表), the
 * columns told by their names (taskColumnKind: 重点任务, 民生实事, 考核项目 …; 牵头单位 lead;
 * 责任/主责/配合/参与/协办单位 responsible; 评分部门 and 责任人 no role; 完成时限 the deadline).
 * A row of one cell is a section row (一、… （牵头领导：…）): no task. A row without its 序号
 * under a numbered row is part of it (a sub-row). A numbered row whose first unit column is
 * empty takes that cell from the row above (a cell merged over rows is written once); a row the
 * parser could not read (`unclear`) takes no unit.
 */
function taskTables(ctx: Context): TaskRow[][] {
  const out: TaskRow[][] = [];
  for (const b of ctx.blocks) {
    if (b.node.type !== 'table') continue;
    const table = b.node;
    const header = cellTexts(ctx, table.children[0]).map((h) => h.replace(/\s/g, ''));
    const classic = header.some((h) => TASK_COLUMN.test(h)) && header.some((h) => LEAD_COLUMN.test(h) || UNIT_COLUMN.test(h));
    // the wider names (民生实事, 项目名称, 主责单位 …) only in a numbered table: a schedule (时间 / 督查内容 / 责任单位) is none
    // a numbered table's columns by what their names say (taskTableKinds: 序号 first, or after a category column)
    // (or a table without 序号 whose rows are numbered in their task cell: 类别 | 民生事项名称 | …)
    const known = taskTableKinds(header, true) ?? itemTableKinds(header) ?? namedTableKinds(header);
    const numbered = known !== null || /^(序号|编号)$/.test(header[0] ?? '');
    if (!classic && !numbered) continue;
    const kinds =
      known ??
      ownerBesidePartners(
        header,
        header.map((h) =>
          TASK_COLUMN.test(h)
            ? 'task'
            : LEAD_COLUMN.test(h)
              ? 'lead'
              : UNIT_COLUMN.test(h)
                ? 'units'
                : DEADLINE_COLUMN.test(h)
                  ? 'time'
                  : numbered
                    ? taskColumnKind(h)
                    : null,
        ),
      );
    const taskCol = kinds.indexOf('task');
    const leadCols = kinds.map((k, i) => (k === 'lead' ? i : -1)).filter((i) => i !== -1);
    const unitCols = kinds.map((k, i) => (k === 'units' ? i : -1)).filter((i) => i !== -1);
    if (taskCol === -1 || (leadCols.length === 0 && unitCols.length === 0)) continue;
    // the task's text: its column and the columns that detail it before the units (细化措施)
    const textCols = [
      taskCol,
      ...kinds.map((k, i) => (i > taskCol && (k === 'detail' || (k === 'task' && i < Math.min(...leadCols, ...unitCols))) ? i : -1)).filter((i) => i !== -1),
    ];
    const numberCol = kinds.indexOf('number');
    const deadlineCol = kinds.indexOf('time');
    const primary = leadCols.length ? leadCols[0] : unitCols[0];
    const rows: TaskRow[] = [];
    let above: string | null = null;
    table.children.slice(1).forEach((row, r) => {
      const cells = cellTexts(ctx, row);
      for (const c of [...leadCols, ...unitCols]) if (row.children[c]) cells[c] = unitCellText(ctx, row.children[c]);
      if (row.children.length === 1 && table.children[0].children.length > 1) return; // a section row
      const text = textCols
        .map((c) => cells[c] ?? '')
        .filter(Boolean)
        .join(' ');
      const unclear = (row.data as { unclear?: boolean } | undefined)?.unclear === true;
      const written = numberCol !== -1 && cells[numberCol] ? cells[numberCol].replace(/[.．、]$/, '') : null;
      const prev = rows[rows.length - 1];
      // an item numbered in its own cell (2.…): the 序号 column numbers groups of items (a 序号
      // written once for its group, left out of the rows under it); the next item is a row of its own
      const itemCol = textCols.find((c) => ITEM_NUMBER.test(cells[c] ?? ''));
      const item = itemCol === undefined ? null : ITEM_NUMBER.exec(cells[itemCol])!;
      // (in a table without a 序号 column, the item's number is the row's)
      const next = !written && !!item && ((!!prev?.number && Number(item[1]) === Number(prev.number) + 1) || (numberCol === -1 && itemCol === textCols[0]));
      // the group's first row: its 序号 is the item's too, the cell before the item's names the group
      const grouped = !!item && itemCol !== textCols.find((c) => cells[c]) && written !== null && Number(written) === Number(item[1]);
      if (numberCol !== -1 && !written && prev?.number && !unclear && !next) {
        // a sub-row: part of the row above
        if (text) prev.text = `${prev.text} ${text}`;
        prev.assignments.push(...rowAssignments(cells, header, leadCols, unitCols));
        if (deadlineCol !== -1 && cells[deadlineCol]?.trim())
          prev.deadline = prev.deadline ? `${prev.deadline}；${cells[deadlineCol].trim()}` : cells[deadlineCol].trim();
        prev.extra.push(r + 1);
        return;
      }
      if (!text) return;
      // the last row of a text cut inside its task (no unit cell, no sentence end) was cut, not merged
      const cut =
        r === table.children.length - 2 &&
        !ctx.doc.slice(row.position?.end.offset ?? 0).trim() &&
        [...leadCols, ...unitCols].every((c) => !cells[c]?.trim()) &&
        !/[。！？；.]$/.test(text.trim());
      if (primary !== undefined && !unclear) {
        if (cells[primary]) above = cells[primary];
        else if (above && written && !cut) cells[primary] = above;
      }
      const assignments = unclear ? [] : rowAssignments(cells, header, leadCols, unitCols);
      const deadline = deadlineCol !== -1 && cells[deadlineCol]?.trim() ? cells[deadlineCol].trim() : null;
      // the item's own cell heads it, without its number (主要预期目标 | 1.… : the first cell names the group)
      const head = item && (next || grouped) ? item.input.slice(item[0].length) : (textCols.map((c) => cells[c] ?? '').find(Boolean) ?? text);
      const number = written ?? (next && item ? String(Number(item[1])) : null);
      rows.push({ table, index: r + 1, block: b, row, number, text, head, assignments, deadline, extra: [], classic });
    });
    out.push(rows);
  }
  return out;
}

/**
 * A unit cell's text: a cell written over lines (a web page's copy: 县水务局 ⏎ 县住建局) is a list
 * of its lines, so a line that ends without a separator is set apart from the next by 、.
 */
function unitCellText(ctx: Context, cell: Table['children'][number]['children'][number]): string {
  const parts = cell.children.filter((c) => c.type === 'text' && !(c.data as { role?: string } | undefined)?.role);
  if (parts.length < 2) return unglued(inlineText(cell, ctx.doc).text.trim());
  return unglued(parts.map((p) => (p as { value: string }).value.trim()).reduce((a, b) => (/[、，,；;：:]$/.test(a) ? a + b : `${a}、${b}`)));
}

/**
 * Units of a cell run together where its line breaks were lost (a web page's <br>:
 * 县海洋与渔业局县农业农村局): set apart where a unit's name ends and the next opens with the
 * same level (县…局县…局); a name of another level after it (县住建局市政所) is left whole.
 */
function unglued(cell: string): string {
  return cell
    .split(/([、，,])/)
    .map((name) => {
      const level = /^[省市县区镇乡]/.exec(name)?.[0];
      if (!level || name.length < 8) return name;
      const glued = new RegExp(
        `(?<=[\u4e00-\u9fff]{2}(?:[局委办厅署院室所站队]|中心|公司))(?=${level}[\u4e00-\u9fff]{1,12}?(?:[局委办厅署院室所站队]|中心|公司)(?:${level}|$))`,
        'g',
      );
      return name.replace(glued, '、');
    })
    .join('');
}

/** The units of a row's cells: 省交通运输厅（牵头） in a cell loses its mark, as in a clause, and 牵头 makes the unit lead. */
function rowAssignments(cells: string[], header: string[], leadCols: number[], unitCols: number[]): Task['assignments'] {
  return withRoleMarks([
    ...leadCols.flatMap((c) => splitNames(cells[c] ?? '').map((raw) => ({ role: 'lead' as const, label: header[c], raw }))),
    ...unitCols.flatMap((c) =>
      // a cell written as a clause (市发改委牵头，市住建局等…; A、B负责落实): its role words read as a
      // clause's, a unit that 牵头 the lead, the others the column's
      verbCell(cells[c] ?? '')
        ? parseClause(cells[c] ?? '').map((n) => ({
            role: /牵头/.test(n.label) ? ('lead' as const) : ('responsible' as const),
            label: n.label || header[c],
            raw: n.raw,
          }))
        : splitNames(cells[c] ?? '').map((raw) => {
            // a line of the cell that names its own lead (省牵头单位：省商务厅 under the city's units)
            const lead = CELL_LEAD.exec(raw);
            if (lead) return { role: 'lead' as const, label: lead[1], raw: raw.slice(lead[0].length) };
            // the others' label beside it in the cell (牵头单位：A 责任单位：B、C): B and C without their label
            const other = CELL_OTHER.exec(raw);
            return other
              ? { role: 'responsible' as const, label: other[1], raw: raw.slice(other[0].length) }
              : { role: 'responsible' as const, label: header[c], raw };
          }),
    ),
  ]).map((n) => ({ ...n, name: n.raw }));
}

/** A unit cell that says what its units do: 牵头 after a name, or 负责/配合/参与/协助. */
const VERB_CELL = /[^（(、，,\s]牵头[，,；;]|负责|配合|参与|协助/;
/** Role words outside brackets (a mark in brackets, 县财政局（牵头）, is read as a mark) and no label (牵头单位：…). */
const verbCell = (cell: string) => !/[：:]/.test(cell) && VERB_CELL.test(cell.replace(/[（(][^（）()]*[）)]/g, ''));

/** An item's own number opening its cell (2.…, 3、…), not a figure (2.5%). */
const ITEM_NUMBER = /^(\d{1,3})[.．、](?![\d０-９])\s*/;

/** A unit cell's name labelled as the lead: 省牵头单位：…, 牵头部门：… */
const CELL_LEAD = /^([省市县区]?(?:牵头|主办)(?:单位|部门))[：:]\s*(?=\S)/;
/** A unit cell's name labelled with the other role: 责任单位：…, 配合部门：… */
const CELL_OTHER = /^([省市县区]?(?:责任|配合|协办|参与|协同|协助|参加)(?:单位|部门))[：:]\s*(?=\S)/;

function tasksFromTables(ctx: Context): Task[] {
  const tasks: Task[] = [];
  for (const rows of taskTables(ctx)) {
    const numbers = new Map<number, string>();
    for (const { table, index, block: b, row, text, head, assignments, deadline, number: written, extra } of rows) {
      const number = written ?? String(tasks.length + 1);
      const stop = head.search(/[。！？]/);
      numbers.set(index, number);
      for (const e of extra) numbers.set(e, number);
      taskTableRows.set(table, numbers);
      tasks.push({
        number,
        label: number,
        outlineId: '', // a table row has no outline item of its own
        ordinal: tasks.length + 1,
        title: withoutInvisible(stop === -1 ? head : head.slice(0, stop)).trim(),
        text,
        section: b.section?.data.id ?? null,
        sectionPath: b.ancestors.map((a) => a.data.title),
        lead: [],
        responsible: [],
        assignments,
        clause: null,
        deadline,
        position: nodePosition(ctx, row),
      });
    }
  }
  const numbers = tasks.map((t) => t.number);
  if (new Set(numbers).size !== numbers.length) tasks.forEach((t, i) => (t.number = String(i + 1)));
  return tasks;
}

/** Text compared between a table row and a task title: no spaces or punctuation. */
function titleKey(s: string): string {
  return s.replace(/[\s\p{P}]/gu, '');
}

/**
 * A 分工表 beside outline tasks (附件：重点任务分工表) restates them: a row belongs to the task
 * whose title it repeats (or, in a table with one row per task, to the task in its place).
 * Its roles complete the clause (completeFromRow) and the row reads as part of the task. A
 * row that matches no task stays a paragraph, with a warning.
 */
function mergeTaskTables(ctx: Context, tasks: Task[]): void {
  const keys = tasks.map((t) => titleKey(t.title));
  const byTitle = (r: TaskRow) => {
    const key = titleKey(r.text.split(/[。！？]/)[0]);
    let at = key.length >= 4 ? keys.indexOf(key) : -1;
    if (at === -1 && key.length >= 4) at = keys.findIndex((k) => k.length >= 4 && (k.includes(key) || key.includes(k)));
    return at;
  };
  for (const rows of taskTables(ctx)) {
    // a table named in the wider words only (序号 / 项目名称 / 责任单位: a list of projects) restates
    // the tasks only where a row repeats a task's title; else it is a table of its own, kept as rows
    const classic = rows.every((r) => r.classic);
    if (!classic && !rows.some((r) => byTitle(r) !== -1)) continue;
    const byPlace = classic && rows.length === tasks.length;
    rows.forEach((r, i) => {
      let at = byTitle(r);
      if (at === -1 && byPlace) at = i;
      if (at === -1) {
        ctx.file.message(`task table row${r.number ? ` ${r.number}` : ''} (${r.text}) matches no task of the outline`, {
          place: nodePosition(ctx, r.row).start,
          ruleId: 'unmatched-task-row',
          source: 'policy',
        });
        return;
      }
      const task = tasks[at];
      completeFromRow(ctx, task, r);
      task.deadline ??= r.deadline;
      let numbers = taskTableRows.get(r.table);
      if (!numbers) taskTableRows.set(r.table, (numbers = new Map()));
      numbers.set(r.index, task.number);
    });
  }
}

/** Labels that give a unit a part beside the lead: 配合, 配合单位, 协助 … */
const PARTNER_LABEL = /配合|协助|协同|协办|参与/;

/** Whether an assignment states its role (牵头 / 配合), not only that the unit has a part (负责, 责任单位). */
function statesRole(a: Task['assignments'][number]): boolean {
  // a unit that only 负责 the task leads for want of a 牵头, which the table may state
  return (a.role === 'lead' && !/负责/.test(a.label)) || PARTNER_LABEL.test(a.label);
}

const nameKey = (raw: string) => raw.replace(/\s/g, '');

/**
 * The row's roles complete the clause: a unit the clause names without a role (按职责分工负责,
 * 负责, 责任单位：) takes the row's, a unit only the row names joins with its role (a task
 * whose clause is missing gets them all). Where the two contradict (the clause says A leads,
 * the row B; or one makes a unit lead that the other makes 配合), the clause stands, the
 * row's contrary lead is not taken, and a warning names both.
 */
function completeFromRow(ctx: Context, task: Task, r: TaskRow): void {
  const ownLeads = task.assignments.filter((a) => a.role === 'lead' && statesRole(a)).map((a) => nameKey(a.raw));
  const rowLeads = r.assignments.filter((a) => a.role === 'lead').map((a) => nameKey(a.raw));
  const stated = new Map(task.assignments.filter(statesRole).map((a) => [nameKey(a.raw), a.role]));
  const clash = r.assignments.filter((a) => statesRole(a) && stated.has(nameKey(a.raw)) && stated.get(nameKey(a.raw)) !== a.role);
  const conflict = clash.length > 0 || (ownLeads.length > 0 && rowLeads.length > 0 && !rowLeads.some((l) => ownLeads.includes(l)));
  if (conflict) {
    const own = task.assignments.filter((a) => a.role === 'lead').map((a) => a.raw);
    const row = r.assignments.filter((a) => a.role === 'lead').map((a) => a.raw);
    ctx.file.message(
      `task ${task.number} (${task.title}): the clause names ${own.length ? own.join('、') : 'no lead'} as lead, the task table row${r.number ? ` ${r.number}` : ''} ${row.length ? row.join('、') : 'no lead'}; the clause is kept`,
      { place: task.clause?.position.start ?? nodePosition(ctx, r.row).start, ruleId: 'task-table-conflict', source: 'policy' },
    );
  }
  const byName = new Map(task.assignments.map((a, i) => [nameKey(a.raw), i]));
  for (const a of r.assignments) {
    const i = byName.get(nameKey(a.raw));
    if (i === undefined) {
      // in a contradiction the clause's leads stand alone
      if (!(conflict && a.role === 'lead')) task.assignments.push(a);
    } else if (!conflict && !statesRole(task.assignments[i]) && statesRole(a)) {
      task.assignments[i] = { ...task.assignments[i], role: a.role, label: a.label };
    }
  }
}
