import { figureText, targetFigure } from '../model/figures.js';
import { taskHeading } from '../model/headings.js';
import type { Indicator, PolicyDocument, Quantity, Target } from '../model/types.js';
import { escapeHtml } from './html.js';

/**
 * The review view's marked-up text: every extracted item (task, unit named in a clause or in
 * the prose, indicator row, prose target, cited document, warning) marked in place by its
 * offsets into the text the model was read from. Marks may overlap in any way: the markup is
 * built from a sorted list of boundaries, a mark that must close inside another is closed and
 * opened again (split), and every line is a block of its own (marks are split at line ends).
 */

export type MarkKind = 'task' | 'lead' | 'responsible' | 'mention' | 'indicator' | 'target' | 'reference';

export interface Mark {
  kind: MarkKind;
  /** Anchor id of the mark's first piece (task-12, u-3 …), unique in the page. */
  id: string;
  start: number;
  end: number;
  /**
   * What was extracted, in words: a headline, then one `名称：值` line a field (canonical name,
   * role, figure, comparator, year …). The title attribute (a tooltip of lines) and the
   * detail box (the script makes the lines a list) show it.
   */
  info: string;
  /** Short label for the side panel. */
  label: string;
  /** For unit marks: the canonical name. */
  unit?: string;
}

export interface Warning {
  id: string;
  line: number;
  column: number;
  offset: number;
  severity: string;
  rule: string;
  message: string;
}

export interface MarkedText {
  /** The lines as HTML (every piece of text escaped). */
  html: string;
  marks: Mark[];
  warnings: Warning[];
  /** Units of tasks that could not be found in the text (named only by a table or alias). */
  unplaced: Array<{ task: string; unit: string }>;
}

const ROLE_WORD = { lead: '牵头', responsible: '责任/配合' } as const;

const COMPARATOR: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '', '~': '约' };

const COMPARATOR_WORD: Record<string, string> = { '>=': '不低于（≥）', '<=': '不高于（≤）', '>': '高于（>）', '<': '低于（<）', '=': '等于', '~': '约' };

/** A headline and `名称：值` lines, empty values left out: the form of Mark.info. */
export function infoLines(head: string, fields: Array<[string, string | number | null | undefined | false]>): string {
  return [head, ...fields.filter(([, v]) => v !== null && v !== undefined && v !== false && v !== '').map(([k, v]) => `${k}：${v}`)].join('\n');
}

/** A prose target's fields: metric, figure, comparator (symbol and the words that gave it), year. */
export function targetInfo(t: Target): string {
  const cmp = t.upper !== null && t.upper !== undefined ? '区间' : (COMPARATOR_WORD[t.comparator] ?? t.comparator);
  return infoLines(`目标 · ${t.metric}`, [
    ['事项', t.metric],
    ['数值', `${targetFigure(t)}${t.unit ?? ''}`],
    ['比较', `${cmp}${t.comparatorText ? `（原文“${t.comparatorText}”）` : ''}`],
    ['年份', t.year ? `${t.year}年` : '未写明'],
    ['原文', t.raw],
  ]);
}

export function describeTarget(t: Target): string {
  const cmp = t.upper !== null && t.upper !== undefined ? '' : (COMPARATOR[t.comparator] ?? t.comparator);
  const words = t.comparatorText ? `（${t.comparatorText}）` : '';
  return `${t.metric}：${cmp}${targetFigure(t)}${t.unit ?? ''}${words}${t.year ? `，${t.year}年` : ''}`;
}

function quantity(q: Quantity | null): string {
  return q ? `${q.year !== null ? `${q.year}年 ` : ''}${figureText(q)}` : '—';
}

export function describeIndicator(ind: Indicator): string {
  const name = ind.unit ? `${ind.name}（${ind.unit}）` : ind.name;
  const targets = ind.targets.length > 0 ? ind.targets.map(quantity).join('，') : quantity(ind.target);
  return infoLines(`指标 ${ind.number}：${name}`, [
    ['基数', quantity(ind.baseline)],
    ['目标', targets],
    ['单位', ind.unit],
    ['属性', ind.attribute],
  ]);
}

/** Offsets where each line starts (after \n, \r\n or a lone \r). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

/** The marks of a document, found in `text` (the text its offsets refer to). */
export function documentMarks(doc: PolicyDocument, text: string): { marks: Mark[]; unplaced: MarkedText['unplaced'] } {
  const marks: Mark[] = [];
  const unplaced: MarkedText['unplaced'] = [];
  const inText = (s: number, e: number) => Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e <= text.length && s < e;
  let unitCount = 0;
  const taken = new Set<string>();

  for (const task of doc.tasks) {
    const s = task.position.start.offset;
    const e = task.position.end.offset;
    if (!inText(s, e)) continue;
    const info = infoLines(`任务 ${task.number}：${task.title}`, [
      ['牵头', task.lead.join('、')],
      ['责任', task.responsible.join('、')],
      ['完成时限', task.deadline],
    ]);
    marks.push({ kind: 'task', id: `task-${task.number}`, start: s, end: e, label: taskHeading(task), info });
    // Each unit of the clause where the clause writes it; a unit the clause does not write (from a table row) in the task's text.
    const clause = task.clause && inText(task.clause.position.start.offset, task.clause.position.end.offset) ? task.clause.position : null;
    const ranges: Array<[number, number]> = clause
      ? [
          [clause.start.offset, clause.end.offset],
          [s, e],
        ]
      : [[s, e]];
    const cursor = new Map<string, number>();
    for (const a of task.assignments) {
      const raw = a.raw.trim();
      if (!raw) continue;
      let at = -1;
      for (const [from, to] of ranges) {
        at = findFree(text, raw, Math.max(from, cursor.get(raw) ?? from), to, taken);
        if (at < 0) at = findFree(text, raw, from, to, taken);
        if (at >= 0) break;
      }
      if (at < 0) {
        unplaced.push({ task: task.number, unit: a.name });
        continue;
      }
      cursor.set(raw, at + raw.length);
      taken.add(`${at}:${at + raw.length}`);
      const role = a.role;
      marks.push({
        kind: role,
        id: `u-${++unitCount}`,
        start: at,
        end: at + raw.length,
        unit: a.name,
        label: a.name,
        info: infoLines(`${a.name} · ${ROLE_WORD[role]}`, [
          ['规范名称', a.name],
          ['原文写作', raw !== a.name && raw],
          ['角色', `${ROLE_WORD[role]}（${a.label || (role === 'lead' ? '牵头' : '责任')}）`],
          ['任务', `${task.number} ${task.title}`],
        ]),
      });
    }
  }

  for (const d of doc.departments) {
    for (const m of d.mentions) {
      const s = m.position.start.offset;
      const e = m.position.end.offset;
      if (!inText(s, e) || taken.has(`${s}:${e}`)) continue;
      taken.add(`${s}:${e}`);
      const info = infoLines(`${d.name} · 提及`, [
        ['规范名称', d.name],
        ['原文写作', m.raw !== d.name && m.raw],
        ['角色', '提及（不在分工条款中）'],
      ]);
      marks.push({ kind: 'mention', id: `u-${++unitCount}`, start: s, end: e, unit: d.name, label: d.name, info });
    }
  }

  for (const ind of doc.indicators) {
    const s = ind.position.start.offset;
    const e = ind.position.end.offset;
    if (inText(s, e))
      marks.push({ kind: 'indicator', id: `ind-${ind.number}`, start: s, end: e, label: `${ind.number}. ${ind.name}`, info: describeIndicator(ind) });
  }
  doc.targets.forEach((t, i) => {
    const s = t.position.start.offset;
    const e = t.position.end.offset;
    if (inText(s, e)) marks.push({ kind: 'target', id: `tg-${i + 1}`, start: s, end: e, label: describeTarget(t), info: targetInfo(t) });
  });
  doc.references.forEach((r, i) => {
    const s = r.position.start.offset;
    const e = r.position.end.offset;
    if (inText(s, e))
      marks.push({
        kind: 'reference',
        id: `ref-${i + 1}`,
        start: s,
        end: e,
        label: `《${r.title}》`,
        info: infoLines(`引用文件：《${r.title}》`, [
          ['篇名', r.title],
          ['所在章节', r.section],
        ]),
      });
  });
  return { marks, unplaced };
}

/** The first occurrence of `needle` in text[from, to) not taken by another mark. */
function findFree(text: string, needle: string, from: number, to: number, taken: Set<string>): number {
  for (let at = text.indexOf(needle, from); at >= 0 && at + needle.length <= to; at = text.indexOf(needle, at + 1)) {
    if (!taken.has(`${at}:${at + needle.length}`)) return at;
  }
  return -1;
}

/** Nesting order of marks that start together: the longer outside; for equal spans, by kind. */
const RANK: Record<MarkKind, number> = { task: 0, indicator: 1, target: 2, reference: 3, lead: 4, responsible: 4, mention: 4 };

function openTag(m: Mark, first: boolean): string {
  const id = first ? ` id="${escapeHtml(m.id)}"` : '';
  const unit = m.unit ? ` data-unit="${escapeHtml(m.unit)}"` : '';
  // the lines of the info as &#10;: one line of HTML a line of text
  return `<span class="m m-${m.kind}${first ? '' : ' cont'}"${id} data-m="${escapeHtml(m.id)}"${unit} title="${escapeHtml(m.info).replace(/\n/g, '&#10;')}">`;
}

/**
 * The text as lines of HTML with the marks in place. Each line is
 * `<div class="line" id="L12"><a class="ln" href="#L12">12</a><span class="tx">…</span></div>`;
 * a mark is cut at line ends (one piece a line); within a line its pieces nest: at each
 * boundary the marks that end there close, marks opened inside them close first and open
 * again after (a split), then the marks that start there open, longest outside. A warning is
 * a marker at its line and column, and its line is flagged.
 */
export function markText(text: string, marks: Mark[], diagnostics: PolicyDocument['diagnostics'] = []): MarkedText {
  const starts = lineStarts(text);
  const lineEnd = (i: number) => {
    let e = i + 1 < starts.length ? starts[i + 1] : text.length;
    if (e > starts[i] && text.charCodeAt(e - 1) === 10) e--;
    if (e > starts[i] && text.charCodeAt(e - 1) === 13) e--;
    return e;
  };
  const warnings: Warning[] = diagnostics
    .filter((d) => d.severity !== 'info')
    .map((d, i) => {
      const line = Math.min(Math.max(1, d.line || 1), starts.length);
      const offset = Math.min(starts[line - 1] + Math.max(0, (d.column || 1) - 1), lineEnd(line - 1));
      return { id: `w-${i + 1}`, line, column: d.column, offset, severity: d.severity, rule: d.rule, message: d.message };
    });
  const warningsOn = new Map<number, Warning[]>();
  for (const w of warnings) warningsOn.set(w.line, [...(warningsOn.get(w.line) ?? []), w]);

  const sorted = [...marks].sort((a, b) => a.start - b.start || b.end - a.end || RANK[a.kind] - RANK[b.kind]);
  const opened = new Set<string>();
  const out: string[] = [];
  let next = 0;
  let active: Mark[] = [];

  for (let li = 0; li < starts.length; li++) {
    const ls = starts[li];
    const le = lineEnd(li);
    const n = li + 1;
    const lineWarnings = warningsOn.get(n) ?? [];
    while (next < sorted.length && sorted[next].start < le) active.push(sorted[next++]);
    active = active.filter((m) => m.end > ls);
    out.push(`<div class="line${lineWarnings.length ? ' warned' : ''}" id="L${n}"><a class="ln" href="#L${n}">${n}</a><span class="tx">`);
    const pieces = active
      .filter((m) => m.start < le && m.end > ls)
      .map((m) => ({ m, start: Math.max(m.start, ls), end: Math.min(m.end, le) }))
      .filter((p) => p.start < p.end);
    const bounds = [...new Set([ls, le, ...pieces.flatMap((p) => [p.start, p.end]), ...lineWarnings.map((w) => w.offset)])].sort((a, b) => a - b);
    const stack: typeof pieces = [];
    let k = 0; // next piece to open (pieces are in start order)
    for (let bi = 0; bi < bounds.length; bi++) {
      const pos = bounds[bi];
      const lowest = stack.findIndex((p) => p.end <= pos);
      const reopen: typeof pieces = [];
      if (lowest >= 0) {
        while (stack.length > lowest) {
          const p = stack.pop()!;
          out.push('</span>');
          if (p.end > pos) reopen.push(p);
        }
      }
      for (const w of lineWarnings) {
        if (w.offset !== pos) continue;
        const what = `${w.severity === 'error' ? '错误' : '警告'}（${w.rule}）：${w.message}`;
        out.push(`<a class="warn" id="${escapeHtml(w.id)}" href="#${escapeHtml(w.id)}" title="${escapeHtml(what)}">⚠</a>`);
      }
      const starting: typeof pieces = [];
      while (k < pieces.length && pieces[k].start <= pos) {
        if (pieces[k].end > pos) starting.push(pieces[k]);
        k++;
      }
      const toOpen = [...reopen, ...starting].sort((a, b) => b.end - a.end || RANK[a.m.kind] - RANK[b.m.kind]);
      for (const p of toOpen) {
        const first = !opened.has(p.m.id);
        opened.add(p.m.id);
        out.push(openTag(p.m, first));
        stack.push(p);
      }
      if (bi + 1 < bounds.length) out.push(escapeHtml(text.slice(pos, bounds[bi + 1])));
    }
    while (stack.length) {
      stack.pop();
      out.push('</span>');
    }
    out.push('</span></div>\n');
  }
  return { html: out.join(''), marks, warnings, unplaced: [] };
}
