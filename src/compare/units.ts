import { sectionTrail } from '../model/headings.js';
import type { Paragraph, PolicyDocument, Section, Task } from '../model/types.js';

/**
 * The comparable units of one document: its tasks, the sections that carry prose of their
 * own, and the paragraphs that are not part of a task. Built from the model only.
 */

export type UnitKind = 'task' | 'section' | 'paragraph';

export interface Unit {
  kind: UnitKind;
  /** Task number, section id or paragraph id: unique within (document, kind). */
  id: string;
  /** What a reader calls it: the task number, the section label (第三章, （一）), or null. */
  number: string | null;
  /** A task's label as written (（一）, 12.), for showing a number written in Chinese as the document does. */
  label?: string;
  title: string;
  /** Id of the section that holds it (the section itself for a section unit). */
  section: string | null;
  /** Headings of the enclosing sections with their labels (四、重点任务, （一）…), top first. */
  sectionPath: string[];
  /** The text compared: for a task, without its assignment clause (who does it is compared apart). */
  text: string;
  line: number;
}

/** Paragraph kinds that are not prose to align: the notice header, indicator table rows. */
const SKIPPED_PARAGRAPHS = new Set(['header', 'web', 'indicator']);

/** Units shorter than this (CJK characters and digits, punctuation excluded) carry too few words to compare. */
export const MIN_UNIT_CHARS = 12;

export function contentLength(text: string): number {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

export function taskText(task: Task): string {
  if (!task.clause) return task.text;
  const at = task.text.lastIndexOf(task.clause.raw);
  return at < 0 ? task.text : (task.text.slice(0, at) + task.text.slice(at + task.clause.raw.length)).trim();
}

/** A section's own prose, without its heading line. */
export function sectionBody(section: Section): string {
  const text = section.text.trim();
  const heading = `${section.label}${section.title}`;
  const nl = text.indexOf('\n');
  const first = nl < 0 ? text : text.slice(0, nl);
  // The heading is either its own line, or (（一）指导思想。以……) the start of the text.
  if (first.replace(/\s/g, '') === heading.replace(/\s/g, '')) return nl < 0 ? '' : text.slice(nl + 1).trim();
  const at = text.indexOf(section.title);
  return at >= 0 && at <= section.label.length + 2 ? text.slice(at + section.title.length).replace(/^[。.:：\s]+/, '') : text;
}

/** First sentence (up to 。；！？), at most `max` characters. */
export function firstSentence(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const m = /^[^。；！？!?]*/.exec(flat);
  const s = m && m[0].length > 0 ? m[0] : flat;
  return [...s].length > max ? [...s].slice(0, max - 1).join('') + '…' : s;
}

export { SECTION_SEPARATOR } from '../model/headings.js';

/**
 * Sections that are a task themselves or hold tasks inline: their text repeats the tasks'
 * text, so only the tasks are compared.
 */
function sectionsHoldingTasks(doc: PolicyDocument): Set<string> {
  const out = new Set<string>();
  for (const s of doc.sections) {
    for (const t of doc.tasks) {
      if (t.title && s.text.includes(t.title)) {
        out.add(s.id);
        break;
      }
    }
  }
  return out;
}

/**
 * The deepest section whose own text holds the task: the numbered item itself when the
 * outline makes tasks sections (1. 做强中心城区), else the section that lists them.
 */
function innermostSection(doc: PolicyDocument, task: Task): string | null {
  let best: Section | null = null;
  for (const s of doc.sections) {
    if (!s.text.includes(task.title)) continue;
    if (task.section !== null && s.id !== task.section && !s.id.startsWith(task.section + '.')) continue;
    if (best === null || s.level > best.level) best = s;
  }
  return best?.id ?? null;
}

function isHeadingOnly(p: Paragraph, s: Section | undefined): boolean {
  return s !== undefined && contentLength(p.text) <= contentLength(s.label + s.title) + 2 && p.text.includes(s.title);
}

export function documentUnits(doc: PolicyDocument): Unit[] {
  const byId = new Map(doc.sections.map((s) => [s.id, s]));
  const units: Unit[] = [];
  for (const t of doc.tasks) {
    units.push({
      kind: 'task',
      id: t.number,
      number: t.number,
      label: t.label,
      title: t.title,
      section: innermostSection(doc, t) ?? t.section,
      sectionPath: sectionTrail(t.section, byId),
      text: taskText(t),
      line: t.position.start.line,
    });
  }
  const holding = sectionsHoldingTasks(doc);
  // A section whose own prose is one paragraph is represented by the section alone: the same
  // text, and its label (第十章第二节) tells the reader where it is.
  const paragraphsOf = new Map<string, Paragraph[]>();
  for (const p of doc.paragraphs) {
    if (p.task !== null || p.section === null || SKIPPED_PARAGRAPHS.has(p.kind)) continue;
    // Its heading line on its own is not prose (一、总体要求 then one paragraph: one unit).
    if (isHeadingOnly(p, byId.get(p.section))) continue;
    const list = paragraphsOf.get(p.section) ?? [];
    list.push(p);
    paragraphsOf.set(p.section, list);
  }
  // A label several sections share (第二节 in every chapter) is shown with its parent's: 第十章第二节.
  const labelCount = new Map<string, number>();
  for (const s of doc.sections) labelCount.set(s.label.trim(), (labelCount.get(s.label.trim()) ?? 0) + 1);
  const fullLabel = (s: Section): string => {
    const parent = s.parent ? byId.get(s.parent) : undefined;
    return (labelCount.get(s.label.trim()) ?? 0) > 1 && parent ? `${parent.label.trim()}${s.label.trim()}` : s.label;
  };
  for (const s of doc.sections) {
    if (holding.has(s.id)) continue;
    const body = sectionBody(s);
    if (contentLength(body) < MIN_UNIT_CHARS) continue;
    units.push({
      kind: 'section',
      id: s.id,
      number: fullLabel(s),
      title: s.title,
      section: s.id,
      sectionPath: sectionTrail(s.id, byId),
      text: body,
      line: s.position.start.line,
    });
  }
  const asSection = new Set(units.filter((u) => u.kind === 'section').map((u) => u.id));
  for (const p of doc.paragraphs) {
    if (p.task !== null || SKIPPED_PARAGRAPHS.has(p.kind)) continue;
    if (p.section !== null && asSection.has(p.section) && paragraphsOf.get(p.section)?.length === 1) continue;
    if (p.section !== null && holding.has(p.section) && doc.tasks.some((t) => p.text.includes(t.title))) continue;
    if (contentLength(p.text) < MIN_UNIT_CHARS) continue;
    // A paragraph that is only its section's heading repeats the section.
    if (isHeadingOnly(p, p.section === null ? undefined : byId.get(p.section))) continue;
    units.push({
      kind: 'paragraph',
      id: p.id,
      number: null,
      title: firstSentence(p.text),
      section: p.section,
      sectionPath: sectionTrail(p.section, byId),
      text: p.text,
      line: p.position.start.line,
    });
  }
  return units;
}
