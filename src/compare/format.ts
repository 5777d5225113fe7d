import { displayForm, figureText } from '../model/figures.js';
import { headingText } from '../model/headings.js';
import type { Quantity } from '../model/types.js';
import { escapeMarkdown } from '../util/escape.js';
import { cutCandidates, layoutTable, wrapLine } from '../util/table.js';
import { displayWidth } from '../util/width.js';
import type { Comparison, CoverageStatus, Verdict } from './compare.js';
import type { IndicatorSide } from './indicators.js';
import { TARGET_THRESHOLD, type TargetSide } from './targets.js';

/**
 * Renderings of a Comparison: a terminal summary (columns aligned for CJK width, colour
 * optional), Markdown for analysts' notes, and JSON. Strings only; the CLI prints.
 */

export { displayWidth, padEnd, padStart, truncate } from '../util/width.js';

export interface TextTableColumn {
  header: string;
  align?: 'left' | 'right';
  /**
   * May be cut (with …) when the table is wider than the terminal: at the end (a title: its
   * verb comes first), or in the middle (a metric: a Chinese noun phrase ends in the thing
   * measured, …覆盖率, …的面积, so its end is kept) — only where the cut names one thing;
   * else, and in a 'wrap' column always, the cell is wrapped within the column.
   */
  cut?: 'end' | 'middle' | 'wrap';
}

/**
 * Rows under a header, columns two spaces apart, sized to the widest cell (CJK-aware); fitted
 * exactly to `width` display columns (default: no limit) only when they do not fit. `names`:
 * other names of the same output the cut texts must not be confused with.
 */
export function textTable(
  columns: TextTableColumn[],
  rows: string[][],
  paint: (cell: string, col: number, row: number) => string = (c) => c,
  width = Infinity,
  names: Iterable<string> = [],
): string[] {
  return layoutTable(
    columns.map((c) => ({ header: c.header, align: c.align, fit: c.cut })),
    rows,
    { width, paint, names },
  );
}

/** Cut to a display width in the middle: the head, …, and the tail (which gets the odd column). */
export function truncateMiddle(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  const [best] = cutCandidates(s, width, 'middle');
  return best ? `${best.head}…${best.tail}` : cutCandidates(s, width, 'end')[0].head + '…';
}

// --- shared wording --------------------------------------------------------------------

export const VERDICT_LABEL: Record<Verdict, string> = { counterpart: '对应', weak: '弱相关', none: '无对应' };
export const STATUS_LABEL: Record<CoverageStatus, string> = { covered: '已承接', partial: '部分承接', uncovered: '未承接' };

export function quantityText(q: Quantity | null): string {
  if (!q) return '—';
  // as the indicator outputs show it: ≤5.5, 累计 28
  const figure = figureText(q);
  return q.year ? `${figure}（${q.year}）` : figure;
}

/** 95 %（2025年，文）: the figure with its unit, year and where it stands (表 table, 文 prose). */
export function targetValue(side: TargetSide): string {
  const where = [side.year ? `${side.year}年` : '', side.source === 'indicator' ? `表 ${side.line} 行` : `文 ${side.line} 行`].filter(Boolean).join('，');
  const figure = `${displayForm(side.raw)}${side.unit && side.unit !== '%' && side.unit !== '％' ? ' ' : ''}${side.unit ?? ''}`;
  // 以上, 左右 … follow the figure as in the text (95%以上); 不低于, 突破 … precede it
  const words = side.comparatorText;
  const stated = !words ? figure : /^(以上|以下|左右|以内|及以上|及以下|上下)$/.test(words) ? `${figure}${words}` : `${words} ${figure}`;
  return `${stated}（${where}）`;
}

export function indicatorValues(side: IndicatorSide): string {
  const base = side.baseline ? quantityText(side.baseline) : '—';
  const targets = side.targets.length > 0 ? side.targets.map(quantityText).join('，') : '—';
  return `${base} → ${targets}`;
}

/**
 * A score as shown (terminal, Markdown, PDF): two decimals rounded down — so 0.348 shows as
 * 0.34, never as 0.35 under "对应 ≥ 0.35" — or three (the score as reported and judged) where
 * two would put it on the other side of one of `thresholds` (a threshold of 3 decimals given
 * as an option). The verdicts are judged on the 3-decimal score (compare.ts), so what is shown
 * never contradicts the header.
 */
export function scoreText(score: number, thresholds: readonly number[]): string {
  const thousandths = Math.round(score * 1000);
  const reported = thousandths / 1000;
  const two = Math.floor(thousandths / 10) / 100;
  return thresholds.every((t) => two >= t === reported >= t) ? two.toFixed(2) : reported.toFixed(3);
}

/** The thresholds a task's or a gap's score is read against. */
function verdictScore(c: Comparison, score: number): string {
  return scoreText(score, [c.thresholds.counterpart, c.thresholds.weak]);
}

/** B's median task at most this fraction of A's: say that "A only" may just mean "B is brief". */
export const SHORT_UNITS_RATIO = 1 / 3;

/** The caveat line when B's tasks are much shorter than A's, else null. */
export function shortUnitsCaveat(c: Comparison): string | null {
  const { a, b } = c.unitLengths;
  if (!(b > 0 && a > 0 && b <= a * SHORT_UNITS_RATIO)) return null;
  return (
    `注意：B 的任务远短于 A 的（中位 ${b} 字 vs ${a} 字），B 的一项任务往往只写到 A 某项任务的一部分。` +
    `相似度已按长度校正，但“无对应”“A 独有”仍可能只是 B 写得简略，请对照原文核实。`
  );
}

/** How the score is computed, in a few words (terminal header, Markdown, PDF). */
export const SCORE_METHOD = 'TF-IDF 余弦，短文本对长文本按长度校正';

function docName(d: Comparison['a']): string {
  return d.title ? `${d.title}（${d.id}）` : d.id;
}

/** A task's number as A writes it: 12, 4.2.1, or the label of one numbered in Chinese, （一）. */
export function taskNumber(t: { number: string | null; label?: string }): string {
  const number = t.number ?? '';
  return /^[\d.]+$/.test(number) || !t.label ? number : t.label.replace(/[、.．]$/, '');
}

/** A gap's number: a section's label, a task's number as B writes it (（二）, 12), as in the task table. */
function gapNumber(g: Comparison['uncovered'][number]): string {
  return g.kind === 'task' ? taskNumber(g) : g.number;
}

function matchLabel(m: Comparison['tasks'][number]['matches'][number]): string {
  if (m.kind === 'section') return headingText(m.number ?? '', m.title); // 一、总体要求, 第二节 强化要素保障
  // 任务（五）强化…, 任务12 推进…: no space after a closing bracket, as headings are written
  return headingText(m.kind === 'task' ? `任务${taskNumber(m)}` : '段落', m.title);
}

// --- terminal --------------------------------------------------------------------------

export interface TerminalOptions {
  /** ANSI colour. Default false (the CLI turns it on for a TTY without NO_COLOR). */
  color?: boolean;
  /**
   * Terminal width: tables wider than this cut their long columns (titles, names) with …, only
   * as much as they must. Default Infinity: nothing is cut (a pipe, a file).
   */
  width?: number;
}

const ANSI = { green: '\x1b[32m', yellow: '\x1b[33m', red: '\x1b[31m', bold: '\x1b[1m', dim: '\x1b[2m', reset: '\x1b[0m' };

export function formatTerminal(c: Comparison, options: TerminalOptions = {}): string {
  const color = options.color ?? false;
  const paint = (code: keyof typeof ANSI, s: string) => (color ? `${ANSI[code]}${s}${ANSI.reset}` : s);
  const verdictColor = (v: string) => (v === VERDICT_LABEL.counterpart ? 'green' : v === VERDICT_LABEL.weak ? 'yellow' : 'red') as keyof typeof ANSI;
  const width = options.width ?? Infinity;
  const out: string[] = [];
  /** A free line, wrapped to the width under `indent`; `head` (in bold) opens it. */
  const say = (
    text: string,
    { head = '', indent = '  ', code, post = (l) => l }: { head?: string; indent?: string; code?: keyof typeof ANSI; post?: (line: string) => string } = {},
  ) => {
    const lines = wrapLine(head + text, width, indent);
    lines.forEach((l, k) => {
      if (code) out.push(paint(code, l));
      else out.push(post(k === 0 && head && l.startsWith(head) ? paint('bold', head) + l.slice(head.length) : l));
    });
  };
  // Every name a table may cut: a cut text must not stand for two of them anywhere in the output.
  const names = [
    ...c.tasks.flatMap((t) => [t.title, ...t.matches.map(matchLabel)]),
    ...c.uncovered.flatMap((g) => [g.title, g.section]),
    ...c.indicators.flatMap((p) => [p.a.name, p.b.name]),
    ...c.targets.flatMap((p) => [p.a.metric, p.b.metric]),
    ...c.coverage.map((s) => headingText(s.label, s.title)),
  ];
  const table = (columns: TextTableColumn[], rows: string[][], cellPaint?: (cell: string, col: number, row: number) => string) =>
    out.push(...textTable(columns, rows, cellPaint, width, names));
  say(`  ${docName(c.a)}：任务 ${c.a.tasks} 项，指标 ${c.a.indicators} 项`, { head: 'A', indent: '   ' });
  say(`  ${docName(c.b)}：任务 ${c.b.tasks} 项，指标 ${c.b.indicators} 项`, { head: 'B', indent: '   ' });
  say(
    c.citesB ? `A 引用 B：是 —— ${c.references.map((r) => `《${md(r.title)}》（第 ${r.line} 行）`).join('；')}` : 'A 引用 B：否（A 的《》引文中没有 B 的标题）',
  );
  if (c.citedByB.length > 0) say(`B 引用 A：是 —— ${c.citedByB.map((r) => `《${r.title}》`).join('；')}`);
  const caveat = shortUnitsCaveat(c);
  if (caveat) say(caveat, { code: 'yellow' });
  out.push('');
  say(
    `（对应 ≥ ${c.thresholds.counterpart}，弱相关 ≥ ${c.thresholds.weak}，${SCORE_METHOD}）：对应 ${c.summary.counterpart}，弱相关 ${c.summary.weak}，无对应 ${c.summary.none}`,
    {
      head: 'A 的任务在 B 中的对应',
    },
  );
  const rows = c.tasks.map((t) => [taskNumber(t), t.title, VERDICT_LABEL[t.verdict], verdictScore(c, t.score), t.matches[0] ? matchLabel(t.matches[0]) : '—']);
  table(
    [
      { header: '序号', align: 'right' },
      { header: 'A 的任务', cut: 'end' },
      { header: '判断' },
      { header: '相似度', align: 'right' },
      { header: 'B 中最相近', cut: 'end' },
    ],
    rows,
    (cell, col) => (col === 2 ? paint(verdictColor(cell), cell) : cell),
  );
  out.push('');
  const bt = c.summary.bTasks;
  say(`：任务已承接 ${bt.covered}，部分承接 ${bt.partial}，未承接 ${bt.uncovered}`, { head: 'B 的承接情况' });
  const mark = (s: CoverageStatus) => (s === 'covered' ? '█' : s === 'partial' ? '▓' : '░');
  const strip = (cells: string) => [...cells].map((ch) => (ch === '█' ? paint('green', ch) : ch === '▓' ? paint('yellow', ch) : paint('red', ch))).join('');
  const sections = c.coverage.filter((s) => s.level <= 2);
  // a table without a header: label (cut at the end only when the line would not fit), strip, ratio
  out.push(
    ...textTable(
      [{ header: '', cut: 'end' }, { header: '', cut: 'wrap' }, { header: '' }],
      sections.map((s) => [`${'  '.repeat(s.level - 1)}${headingText(s.label, s.title)}`, s.cells.map(mark).join(''), `${Math.round(s.ratio * 100)}%`]),
      (cell, col) => (col === 1 ? strip(cell) : cell),
      width - 2,
      names,
    )
      .slice(2)
      .map((l) => `  ${l}`),
  );
  say('  █ 已承接  ▓ 部分承接  ░ 未承接（每格一项任务；无任务的章节按段落计）', { post: strip });
  out.push('');
  const gaps = c.uncovered.filter((g) => g.status === 'uncovered');
  say(`（${gaps.length} 处）`, { head: 'B 中 A 未承接的内容' });
  table(
    [{ header: '类型' }, { header: '编号' }, { header: '标题', cut: 'end' }, { header: '所在章节', cut: 'end' }],
    gaps.map((g) => [g.kind === 'section' ? '章节' : '任务', gapNumber(g), g.title, g.section]),
  );
  const aOnly = c.tasks.filter((t) => t.verdict === 'none');
  out.push('');
  say(`（${aOnly.length} 项，B 中无对应）`, { head: 'A 独有的任务' });
  for (const t of aOnly) say(`  ${headingText(t.label, t.title)}`, { indent: '    ' });
  out.push('');
  say(`（${c.indicators.length} 项）`, { head: '共有指标' });
  table(
    [
      { header: 'A 的指标', cut: 'middle' },
      { header: 'A 基数 → 目标', cut: 'wrap' },
      { header: 'B 的指标', cut: 'middle' },
      { header: 'B 基数 → 目标', cut: 'wrap' },
    ],
    c.indicators.map((p) => [
      p.a.name,
      indicatorValues(p.a) + (p.unitsDiffer ? ` ${p.a.unit}` : ''),
      p.b.name,
      indicatorValues(p.b) + (p.unitsDiffer ? ` ${p.b.unit}` : ''),
    ]),
  );
  if (c.indicatorsOnlyA.length > 0) say(`  仅 A：${c.indicatorsOnlyA.map((i) => i.name).join('、')}`, { indent: '        ' });
  if (c.indicatorsOnlyB.length > 0) say(`  仅 B：${c.indicatorsOnlyB.map((i) => i.name).join('、')}`, { indent: '        ' });
  if (c.targets.length > 0) {
    out.push('');
    say(`（${c.targets.length} 对，至少一方写在正文里）`, { head: '正文中的量化目标' });
    table(
      [
        { header: 'A 的目标', cut: 'middle' },
        { header: 'A 数值', cut: 'wrap' },
        { header: 'B 的目标', cut: 'middle' },
        { header: 'B 数值', cut: 'wrap' },
      ],
      c.targets.map((p) => [p.a.metric, targetValue(p.a), p.b.metric, targetValue(p.b)]),
    );
  }
  const levels = c.departments.filter((d) => d.relation === 'level');
  if (levels.length > 0) {
    out.push('');
    say(`（${levels.length} 对）`, { head: '上下级对应单位' });
    table(
      [
        { header: 'A', cut: 'wrap' },
        { header: 'B', cut: 'wrap' },
        { header: 'A 牵头任务', cut: 'wrap' },
        { header: 'B 牵头任务', cut: 'wrap' },
      ],
      levels.map((d) => [d.a, d.b, d.aLead.join('、') || '—', d.bLead.join('、') || '—']),
    );
  }
  return out.join('\n') + '\n';
}

// --- Markdown --------------------------------------------------------------------------

/** Document text in Markdown: no markup of it passes through (see util/escape.ts). */
const md = escapeMarkdown;
const mdLineStart = escapeMarkdown;

function mdTable(headers: string[], rows: string[][]): string[] {
  return [`| ${headers.map(md).join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(md).join(' | ')} |`)];
}

function leadsCell(t: Comparison['tasks'][number]): string {
  const m = t.matches[0];
  if (!m?.lead || t.verdict === 'none') return '—';
  // Nothing to compare when one side names no lead unit: "≠" would call them different.
  if (t.lead.length === 0) return `A 未列牵头单位 · ${m.lead.join('、')}`;
  if (m.lead.length === 0) return `${t.lead.join('、')} · B 未列牵头单位`;
  const mark = t.leadsCorrespond && t.leadsCorrespond.length > 0 ? '✓' : '≠';
  return `${t.lead.join('、') || '—'} ${mark} ${m.lead.join('、') || '—'}`;
}

/** The comparison as JSON: the Comparison object whole, two-space indented (`policy compare --json`). */
export function formatJson(c: Comparison): string {
  return JSON.stringify(c, null, 2) + '\n';
}

export function formatMarkdown(c: Comparison): string {
  const out: string[] = [];
  out.push(`# 规划对照：${md(c.a.title ?? c.a.id)} ↔ ${md(c.b.title ?? c.b.id)}`, '');
  out.push(`- **A**：${md(docName(c.a))}，任务 ${c.a.tasks} 项，指标 ${c.a.indicators} 项`);
  out.push(`- **B**：${md(docName(c.b))}，任务 ${c.b.tasks} 项，指标 ${c.b.indicators} 项`);
  out.push(`- **A 引用 B**：${c.citesB ? c.references.map((r) => `《${md(r.title)}》（第 ${r.line} 行）`).join('；') : '否'}`);
  out.push(
    `- **判断标准**：相似度（${SCORE_METHOD}）≥ ${c.thresholds.counterpart} 为对应，≥ ${c.thresholds.weak} 为弱相关，其下为无对应；指标名称相似度 ≥ ${c.thresholds.indicator} 视为同一指标`,
  );
  const caveat = shortUnitsCaveat(c);
  if (caveat) out.push('', `> ${md(caveat)}`);
  out.push('');
  out.push('## A 的任务与 B 的对应', '');
  out.push(
    ...mdTable(
      ['序号', 'A 的任务', '判断', '相似度', 'B 中的对应（相似度）', '牵头单位（A ↔ B）'],
      c.tasks.map((t) => [
        taskNumber(t),
        t.title,
        VERDICT_LABEL[t.verdict],
        verdictScore(c, t.score),
        t.matches.length > 0 ? t.matches.map((m) => `${matchLabel(m)}（${verdictScore(c, m.score)}）`).join('；') : '—',
        leadsCell(t),
      ]),
    ),
  );
  if (c.tasks.some((t) => / [✓≠] /.test(leadsCell(t)))) {
    out.push('', '牵头单位一栏：✓ 两级牵头的是同一单位（如县交通运输局 ✓ 市交通局），≠ 牵头单位不同，值得核对。');
  }
  out.push('', `对应 ${c.summary.counterpart} 项，弱相关 ${c.summary.weak} 项，无对应 ${c.summary.none} 项。`, '');
  out.push('## B 的承接情况', '');
  out.push(
    ...mdTable(
      ['章节', '标题', '状态', '承接率', '计数'],
      c.coverage
        .filter((s) => s.level <= 2)
        .map((s) => [
          s.label,
          s.title,
          STATUS_LABEL[s.status],
          `${Math.round(s.ratio * 100)}%`,
          `${s.cells.length} ${s.counted === 'tasks' ? '项任务' : '段'}`,
        ]),
    ),
  );
  out.push('', '## 未承接与部分承接', '');
  out.push(
    ...mdTable(
      ['类型', '编号', '标题', '所在章节', '状态', 'A 中最接近（相似度）'],
      c.uncovered.map((g) => [
        g.kind === 'section' ? '章节' : '任务',
        gapNumber(g),
        g.title,
        g.section || '—',
        STATUS_LABEL[g.status],
        g.closest
          ? `${g.closest.kind === 'task' ? headingText(`任务${taskNumber({ number: g.closest.id, label: g.closest.label })}`, g.closest.title) : g.closest.title}（${verdictScore(c, g.closest.score)}）`
          : '—',
      ]),
    ),
  );
  out.push('', '## A 独有的任务', '');
  const aOnly = c.tasks.filter((t) => t.verdict === 'none');
  out.push(...(aOnly.length > 0 ? aOnly.map((t) => `- ${mdLineStart(headingText(t.label, t.title))}（最高相似度 ${verdictScore(c, t.score)}）`) : ['（无）']));
  out.push('', '## 共有指标', '');
  out.push(
    ...mdTable(
      ['A 的指标', 'A 单位', 'A 基数 → 目标', 'B 的指标', 'B 单位', 'B 基数 → 目标', '名称相似度'],
      c.indicators.map((p) => [
        p.a.name,
        p.a.unit ?? '—',
        indicatorValues(p.a),
        p.b.name,
        p.b.unit ?? '—',
        indicatorValues(p.b),
        scoreText(p.score, [c.thresholds.indicator]),
      ]),
    ),
  );
  if (c.indicatorsOnlyA.length > 0) out.push('', `仅 A 有：${md(c.indicatorsOnlyA.map((i) => i.name).join('、'))}`);
  if (c.indicatorsOnlyB.length > 0) out.push('', `仅 B 有：${md(c.indicatorsOnlyB.map((i) => i.name).join('、'))}`);
  if (c.targets.length > 0) {
    out.push(
      '',
      '## 正文中的量化目标',
      '',
      '同一指标的目标数值，至少一方写在正文而非指标表中（“表”为指标表，“文”为正文）；年份不同的也并列，可见两级期限之别。',
      '',
    );
    out.push(
      ...mdTable(
        ['A 的目标', 'A 数值', 'B 的目标', 'B 数值', '名称相似度'],
        c.targets.map((p) => [p.a.metric, targetValue(p.a), p.b.metric, targetValue(p.b), scoreText(p.score, [TARGET_THRESHOLD])]),
      ),
    );
  }
  if (c.departments.length > 0) {
    out.push('', '## 对应单位', '');
    out.push(
      ...mdTable(
        ['A', 'B', '关系', 'A 牵头任务', 'B 牵头任务'],
        c.departments.map((d) => [
          d.a,
          d.b,
          d.relation === 'level' ? `上下级（${d.aLevel || '—'} ↔ ${d.bLevel || '—'}）` : '同级',
          d.aLead.join('、') || '—',
          d.bLead.join('、') || '—',
        ]),
      ),
    );
  }
  return out.join('\n') + '\n';
}
