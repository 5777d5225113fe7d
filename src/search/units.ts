import { figureText, growthLabel } from '../model/figures.js';
import { headingText, SECTION_SEPARATOR, sectionTrail, taskLabel } from '../model/headings.js';
import { pageLocator } from '../model/pages.js';
import type { Department, Indicator, Paragraph, ParagraphKind, PolicyDocument, Position, Quantity, Section } from '../model/types.js';

/**
 * What a unit is: the model's paragraph kinds (`web`, the clutter of a page copied from a
 * website, is no part of the document: left out of searches unless asked for).
 */
export type UnitKind = ParagraphKind;

/** A unit kind as a Chinese reader names it (the terminal and the web pages show these). */
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  task: '任务',
  principle: '原则',
  goal: '目标',
  guidance: '指导思想',
  measure: '保障措施',
  indicator: '指标',
  box: '专栏',
  header: '文头',
  paragraph: '段落',
  web: '网页',
};

/**
 * Index units: the pieces of a document a search returns. One per task (its full text,
 * assignment clause included), one per indicator row, and one per paragraph outside a
 * task (principles, goals, guidance, safeguard measures, boxes, plain paragraphs).
 * Built from the model only.
 */
export interface SearchUnit {
  /** Unique in the index: `<doc>#task-<n>`, `<doc>#ind-<n>`, `<doc>#<paragraph id>`. */
  id: string;
  doc: string;
  kind: UnitKind;
  /** Task number (tasks and paragraphs of a task) or indicator number; null otherwise. */
  number: string | null;
  /** A task's label as the document writes it (（二）, 12.); absent for other units. */
  label?: string;
  /** Task title, indicator name, or a paragraph's lead sentence when short; may be empty. */
  title: string;
  text: string;
  /** Outline path: `四、重点任务 › （三）推进农业转移人口市民化`. */
  section: string;
  /** Canonical names of the lead units (牵头单位). */
  lead: string[];
  /** Canonical names of the responsible / supporting units (责任单位, 配合单位). */
  responsible: string[];
  /** A task's deadline (完成时限) as written; absent otherwise. */
  deadline?: string;
  line: number;
  /** Page (1-based) where it starts, for a paged source (PDF, OFD): hits cite 第N页. */
  page?: number;
  /** Set on a paragraph that is only the heading of a section with more under it. */
  heading?: true;
}

export { SECTION_SEPARATOR } from '../model/headings.js';

/** A paragraph's lead sentence is its title when it is at most this long. */
const MAX_PARAGRAPH_TITLE = 40;

export function documentUnits(doc: PolicyDocument): SearchUnit[] {
  // the page a task or indicator row starts on, for a paged source (model/pages.ts)
  const locate = pageLocator(doc);
  const pageOf = (position: Position): { page?: number } => {
    const span = locate?.(position);
    return span ? { page: span.first } : {};
  };
  const sections = new Map(doc.sections.map((s) => [s.id, s]));
  const sectionPath = (id: string | null) => sectionTrail(id, sections).join(SECTION_SEPARATOR);
  const units: SearchUnit[] = [];

  for (const task of doc.tasks) {
    units.push({
      id: `${doc.id}#task-${task.number}`,
      doc: doc.id,
      kind: 'task',
      number: task.number,
      label: taskLabel(task),
      title: task.title,
      text: task.text,
      section: sectionPath(task.section),
      lead: task.lead,
      responsible: task.responsible,
      ...(task.deadline ? { deadline: task.deadline } : {}),
      line: task.position.start.line,
      ...pageOf(task.position),
    });
  }

  const tasked = new Set(doc.tasks.map((t) => t.number));
  const headings = bareHeadings(doc, sections);
  for (const p of doc.paragraphs) {
    // A task's paragraphs are in its task unit already.
    if (p.task !== null && tasked.has(p.task)) continue;
    // Indicator tables are indexed row by row below, when the extractor found rows.
    if (p.kind === 'indicator' && doc.indicators.length > 0) continue;
    if (!p.text.trim()) continue;
    units.push({
      id: `${doc.id}#${p.id}`,
      doc: doc.id,
      kind: p.kind,
      number: p.task,
      title: leadSentence(p.text),
      text: p.text,
      section: sectionPath(p.section),
      lead: [],
      responsible: [],
      line: p.position.start.line,
      ...(p.page ? { page: p.page } : {}),
      // A heading alone (一、压实养护管理责任) says nothing its clauses do not, yet its short
      // text outranked them: search puts it after the clauses.
      ...(headings.has(p) ? { heading: true as const } : {}),
    });
  }

  for (const ind of doc.indicators) {
    units.push({
      id: `${doc.id}#ind-${ind.number}`,
      doc: doc.id,
      kind: 'indicator',
      number: ind.number,
      title: ind.name,
      text: indicatorText(ind),
      section: (ind.table ?? '').replace(/\s+/g, ' '), // 表1  云川市… as 表1 云川市…
      lead: [],
      responsible: [],
      line: ind.position.start.line,
      ...pageOf(ind.position),
    });
  }
  return units;
}

/**
 * Paragraphs that are only the heading line of a section which has more under it (its own
 * paragraphs or subsections).
 */
function bareHeadings(doc: PolicyDocument, sections: Map<string, Section>): Set<Paragraph> {
  const parents = new Set(doc.sections.map((s) => s.parent));
  const perSection = new Map<string, number>();
  for (const p of doc.paragraphs) if (p.section !== null) perSection.set(p.section, (perSection.get(p.section) ?? 0) + 1);
  const bare = new Set<Paragraph>();
  for (const p of doc.paragraphs) {
    const s = p.section === null ? undefined : sections.get(p.section);
    if (!s || p.position.start.line !== s.position.start.line) continue;
    const text = p.text.trim().replace(/[。：:]$/, '');
    if (text !== s.title.trim() && text !== headingText(s.label, s.title) && text !== `${s.label.trim()}${s.title.trim()}`) continue;
    if (parents.has(s.id) || (perSection.get(s.id) ?? 0) > 1) bare.add(p);
  }
  return bare;
}

/** The first sentence, without its closing mark, when short enough to be a title. */
export function leadSentence(text: string): string {
  const m = /^[^。；;！？!?\n]+/.exec(text.trim());
  const first = m ? m[0].trim() : '';
  return first.length > 0 && first.length <= MAX_PARAGRAPH_TITLE ? first : '';
}

/** Longest title made from a paragraph's opening words. */
const OPENING = 28;

/**
 * A title for a unit without one (its first sentence is too long): its opening words, cut
 * at the last clause boundary that leaves at least 10 characters, with an ellipsis.
 */
export function openingWords(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  const lead = leadSentence(t);
  if (lead) return lead;
  const chars = [...t];
  if (chars.length <= OPENING) return t;
  const head = chars.slice(0, OPENING).join('');
  const cut = Math.max(...[...'，、；：,;:'].map((c) => head.lastIndexOf(c)));
  return `${cut >= 16 ? head.slice(0, cut) : head}…`;
}

/** A figure as every indicator output shows it: ≤5.5, 累计 15. */
function quantity(q: Quantity | null): string {
  return q ? figureText(q) : '—';
}

/** One indicator row as a line of text: 常住人口城镇化率（%） 2020年 39.7 → 2025年 44 预期性. */
function indicatorText(ind: Indicator): string {
  const name = ind.unit ? `${ind.name}（${ind.unit}）` : ind.name;
  const targets = (ind.targets.length > 0 ? ind.targets : ind.target ? [ind.target] : [])
    .map((t) => `${t.year !== null ? `${t.year}年` : '目标'} ${quantity(t)}`)
    .join('，');
  const base = ind.baseline ? `${ind.baseline.year !== null ? `${ind.baseline.year}年` : '基数'} ${quantity(ind.baseline)}` : '';
  // the growth column (年均增长 5.5左右, 累计 15) and the other columns are the row's text too
  const growth = ind.growth ? growthLabel(ind.growth) : '';
  const extra = (ind.extra ?? []).map((c) => `${c.column} ${c.raw}`);
  return [ind.category, name, base && `基数 ${base}`, targets && `目标 ${targets}`, growth, ind.attribute, ...extra]
    .filter((x): x is string => Boolean(x))
    .join('　');
}

/** The part of a department a search needs (mentions are left out: they are large). */
export interface SearchDepartment {
  name: string;
  aliases: string[];
  kind: Department['kind'];
}

export function searchDepartments(doc: PolicyDocument): SearchDepartment[] {
  return doc.departments.map((d) => ({ name: d.name, aliases: d.aliases, kind: d.kind }));
}
