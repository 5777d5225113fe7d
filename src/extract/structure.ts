import type { Paragraph as ModelParagraph, ParagraphKind, Section, Task } from '../model/types.js';
import type { SectionNode } from '../parse/outline.js';
import type { InlineText } from '../parse/inline.js';
import { ancestorsOf, blocksOf, joinTexts, nodePosition, spanPosition, type Block, type Context } from './context.js';
import { findClause, parseClause, type ClauseMatch } from './clause.js';

/** Sections (the outline), tasks (numbered work items with their clauses), paragraphs. */
export function extractStructure(ctx: Context): void {
  const sections = allSections(ctx);
  ctx.model.sections = sections.map((s) => toSection(ctx, s));
  const tasks = findTasks(ctx, sections);
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
  const own = blocksOf(ctx, s).filter((b) => b.section === s && b.node.type !== 'table');
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
function findTasks(ctx: Context, sections: SectionNode[]): Task[] {
  // a clause belongs to the innermost item that holds it
  const withClause = sections.filter((s) => !s.children.some((c) => c.type === 'section') && clauseOf(ctx, s));
  const owners = new Set(withClause);
  let taskSections: SectionNode[];
  if (withClause.length > 0) {
    // The task level is the style most clauses hang on; sub-items lift to their task.
    const styleCount = new Map<string, number>();
    for (const s of withClause) styleCount.set(s.data.style, (styleCount.get(s.data.style) ?? 0) + 1);
    const taskStyle = [...styleCount.entries()].sort((a, b) => b[1] - a[1])[0][0];
    const groups = new Set<string>();
    for (const s of withClause) {
      const anc = ancestorsOf(ctx, s);
      const task = [...anc].reverse().find((a) => a.data.style === taskStyle);
      if (task) groups.add(groupKey(ctx, task));
    }
    // Items numbered like the tasks, in parts of the same kind, are tasks too, clause or not
    // (a 规划 chapter whose items carry no clause); not those of 原则/目标/保障 parts.
    taskSections = sections.filter(
      (s) => s.data.style === taskStyle && groups.has(groupKey(ctx, s)) && (owners.has(s) || kindOfSection(ctx, s) === null),
    );
  } else {
    taskSections = sections.filter(
      (s) =>
        !s.children.some((c) => c.type === 'section') &&
        s.data.level > 1 &&
        !['box', 'heading', 'article', 'chapter', 'section-cn', 'part'].includes(s.data.style) &&
        kindOfSection(ctx, s) === null &&
        fullText(ctx, s).text.length > s.data.title.length + 10,
    );
  }

  const numbers = taskSections.map((s) => s.data.number);
  const unique = new Set(numbers).size === numbers.length;
  const tasks: Task[] = [];
  for (const s of taskSections) {
    const number = unique ? s.data.number : s.data.id.slice(1);
    const text = fullText(ctx, s);
    const clause = clauseOf(ctx, s);
    const assignments = clause
      ? parseClause(clause.content).map((n) => ({ role: n.role, label: n.label, raw: n.raw, name: n.raw }))
      : [];
    if (clause) ctx.clauseRanges.push([text.at(clause.start), text.at(clause.end - 1) + 1]);
    if (clause && assignments.length === 0) {
      ctx.file.message(`task ${number}: assignment clause names no unit`, { place: spanPosition(ctx, text, clause.start, clause.end), ruleId: 'empty-assignment', source: 'policy' });
    }
    if (!clause && withClause.length > 0) {
      ctx.file.message(`task ${number} (${s.data.title}) has no assignment clause (牵头单位/责任单位)`, {
        place: nodePosition(ctx, s).start,
        ruleId: 'missing-assignment',
        source: 'policy',
      });
    }
    ctx.taskSections.set(number, s);
    tasks.push({
      number,
      label: s.data.label,
      outlineId: s.data.id,
      ordinal: s.data.ordinal,
      title: s.data.title,
      text: text.text,
      section: parentOf(ctx, s)?.data.id ?? null,
      sectionPath: ancestorsOf(ctx, s).slice(0, -1).map((a) => a.data.title),
      lead: [],
      responsible: [],
      assignments,
      clause: clause ? { raw: text.text.slice(clause.start, clause.end), position: spanPosition(ctx, text, clause.start, clause.end) } : null,
      position: nodePosition(ctx, s),
    });
  }
  return tasks;
}

/** Items belong to one task group when they share their style and their parent's style. */
function groupKey(ctx: Context, s: SectionNode): string {
  const anc = ancestorsOf(ctx, s);
  const parent = anc[anc.length - 2];
  return `${s.data.style}|${parent?.data.style ?? ''}`;
}

const fullTexts = new WeakMap<SectionNode, InlineText>();
const clauses = new WeakMap<SectionNode, ClauseMatch | null>();

/** The assignment clause closing a section's text, if any (looked for once). */
function clauseOf(ctx: Context, s: SectionNode): ClauseMatch | null {
  let clause = clauses.get(s);
  if (clause === undefined) clauses.set(s, (clause = findClause(fullText(ctx, s).text)));
  return clause;
}

/** The whole text of a section, subsections included, label stripped. */
export function fullText(ctx: Context, s: SectionNode): InlineText {
  let t = fullTexts.get(s);
  if (!t) fullTexts.set(s, (t = joinTexts(blocksOf(ctx, s).filter((b) => b.node.type !== 'table').map((b) => b.content))));
  return t;
}

const KINDS: [RegExp, ParagraphKind][] = [
  [/指导思想|总体思路|总体要求/, 'guidance'],
  [/原则/, 'principle'],
  [/目标|愿景|发展定位/, 'goal'],
  // compound words only: a task group may be called 强化要素保障
  [/保障措施|组织实施|实施保障|保障机制|实施机制|组织保障|工作要求|工作保障/, 'measure'],
];

const sectionKinds = new WeakMap<SectionNode, ParagraphKind | null>();

/** The kind a part gives its prose: the nearest enclosing section that names one. */
function kindOfSection(ctx: Context, s: SectionNode): ParagraphKind | null {
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
    if (b.node.type === 'table' || !b.content.text.trim()) continue;
    const task = [...b.ancestors].reverse().map((a) => taskOf.get(a)).find((n) => n !== undefined) ?? null;
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
  if (b.role && b.role !== 'preamble') return 'header';
  if (b.section) return kindOfSection(ctx, b.section) ?? 'paragraph';
  return 'paragraph';
}
