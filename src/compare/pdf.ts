import { headingText } from '../model/headings.js';
import type { PolicyDocument } from '../model/types.js';
import { PolicyPdf as Pdf, PolicyPdf, RED } from '../report/pdf/document.js';
import type { FontSet } from '../report/pdf/fonts.js';
import type { Comparison, CoverageStatus, Match } from './compare.js';
import { quantityText, SCORE_METHOD, STATUS_LABEL, scoreText, shortUnitsCaveat, targetValue, taskNumber, VERDICT_LABEL } from './format.js';
import { TARGET_THRESHOLD } from './targets.js';
import { SECTION_SEPARATOR, sectionBody, taskText } from './units.js';

/**
 * The comparison as a printable PDF in the style of the other sheets: coverage at a glance
 * (one heat strip per chapter and section of B, vector-drawn, one cell per task), then the
 * pairs with both texts side by side, the gaps on each side, the shared indicators and the
 * units that correspond. Returns the bytes; the CLI writes the file.
 */

export interface ComparisonPdfOptions {
  fonts?: FontSet;
  /** Fixed date for reproducible bytes (see creationDate in src/report/pdf.ts). */
  date?: Date | null;
}

const FILL: Record<CoverageStatus, string> = { covered: '#2e7d32', partial: '#f2a900', uncovered: '#e3e3e3' };
const FRAME: Record<CoverageStatus, string> = { covered: '#1b5e20', partial: '#b07a00', uncovered: '#b0b0b0' };

export async function renderComparisonPdf(c: Comparison, a: PolicyDocument, b: PolicyDocument, options: ComparisonPdfOptions = {}): Promise<Buffer> {
  const nameA = c.a.title ?? c.a.id;
  const nameB = c.b.title ?? c.b.id;
  const pdf = new PolicyPdf({
    fonts: options.fonts,
    date: options.date ?? null,
    title: `规划对照报告：${nameA} ↔ ${nameB}`,
    subject: 'policy compare',
    header: `规划对照报告  ${nameA} ↔ ${nameB}`,
    footer: { left: `A：${c.a.id}`, right: `B：${c.b.id}` },
  });

  pdf.title('规划对照报告');
  pdf.subtitle(`A：${nameA}`, { color: '#111111' });
  pdf.subtitle(`B：${nameB}`, { color: '#111111' });
  pdf.redRule();

  pdf.heading('一、概况');
  const bt = c.summary.bTasks;
  pdf.paragraph(
    `A 的 ${c.a.tasks} 项任务中，${c.summary.counterpart} 项在 B 中有对应，${c.summary.weak} 项弱相关，${c.summary.none} 项无对应。` +
      `B 的 ${c.b.tasks} 项任务中，A 已承接 ${bt.covered} 项，部分承接 ${bt.partial} 项，未承接 ${bt.uncovered} 项。` +
      (c.citesB ? `A 引用了 B：${c.references.map((r) => `《${r.title}》`).join('、')}。` : 'A 未引用 B。') +
      `共有指标 ${c.indicators.length} 项。`,
    { size: 11 },
  );
  pdf.paragraph(
    `判断标准：任务正文（不含牵头、责任单位）经分词后的相似度（${SCORE_METHOD}）≥ ${c.thresholds.counterpart} 为“对应”，≥ ${c.thresholds.weak} 为“弱相关”，其下为“无对应”。`,
    { size: 9, color: '#555555' },
  );
  const caveat = shortUnitsCaveat(c);
  if (caveat) pdf.paragraph(caveat, { size: 9, color: '#8a5a00' });

  pdf.heading('二、B 各章节承接情况');
  drawCoverage(pdf, c);

  pdf.heading('三、任务对照');
  const pairs = c.tasks.filter((t) => t.verdict !== 'none' && t.matches.length > 0);
  if (pairs.length === 0) pdf.paragraph('A 的任务在 B 中均无对应。', { size: 11 });
  for (const t of pairs) {
    const m = t.matches[0];
    const task = a.tasks.find((x) => x.number === t.number);
    drawPair(pdf, {
      // 任务 8, 任务（三）: a task numbered in Chinese by its label.
      head: `A 任务${/^[\d.]+$/.test(t.number) ? ` ${t.number}` : taskNumber(t)}  ↔  B ${matchName(m)}`,
      note: `${VERDICT_LABEL[t.verdict]} · 相似度 ${scoreText(t.score, [c.thresholds.counterpart, c.thresholds.weak])}`,
      verdict: t.verdict,
      leads: leadLine(t),
      left: { caption: `A：${t.title}`, text: task ? taskText(task) : t.title },
      right: { caption: `B：${m.title}`, text: matchText(b, m) },
    });
  }

  pdf.heading('四、A 独有的任务（B 中无对应）');
  const aOnly = c.tasks.filter((t) => t.verdict === 'none');
  if (aOnly.length === 0) pdf.paragraph('（无）', { size: 11 });
  else
    pdf.table(
      [
        { header: '序号', width: 0.08, align: 'center' },
        { header: 'A 的任务', width: 0.5 },
        { header: '最高相似度', width: 0.14, align: 'center' },
        { header: '牵头单位', width: 0.28, list: true },
      ],
      aOnly.map((t) => [taskNumber(t), t.title, scoreText(t.score, [c.thresholds.counterpart, c.thresholds.weak]), t.lead.join('、') || '—']),
    );

  pdf.heading('五、B 中 A 未承接的内容');
  const gaps = c.uncovered;
  if (gaps.length === 0) pdf.paragraph('（无）', { size: 11 });
  else
    pdf.table(
      [
        { header: '类型', width: 0.08, align: 'center' },
        { header: '编号', width: 0.1, align: 'center' },
        { header: '标题', width: 0.4 },
        { header: '所在章节', width: 0.28 },
        { header: '状态', width: 0.14, align: 'center' },
      ],
      gaps.map((g) => [
        g.kind === 'section' ? '章节' : '任务',
        g.kind === 'task' ? taskNumber(g) : g.number,
        g.title,
        g.section || '—',
        STATUS_LABEL[g.status],
      ]),
      { fontSize: 9 },
    );

  pdf.heading('六、共有指标');
  if (c.indicators.length === 0) pdf.paragraph('（两者没有名称相同或相近的指标）', { size: 11 });
  else
    pdf.table(
      [
        { header: 'A 的指标', width: 0.2 },
        { header: 'A 基数', width: 0.11, align: 'center' },
        { header: 'A 目标', width: 0.13, align: 'center' },
        { header: 'B 的指标', width: 0.2 },
        { header: 'B 基数', width: 0.11, align: 'center' },
        { header: 'B 目标', width: 0.17, align: 'center' },
        { header: '相似', width: 0.08, align: 'center' },
      ],
      c.indicators.map((p) => [
        withUnit(p.a.name, p.a.unit),
        quantityText(p.a.baseline),
        p.a.targets.map(quantityText).join('，') || '—',
        withUnit(p.b.name, p.b.unit),
        quantityText(p.b.baseline),
        p.b.targets.map(quantityText).join('，') || '—',
        scoreText(p.score, [c.thresholds.indicator]),
      ]),
      { fontSize: 9 },
    );
  const onlyLines = [
    c.indicatorsOnlyA.length > 0 ? `仅 A 有：${c.indicatorsOnlyA.map((i) => i.name).join('、')}。` : '',
    c.indicatorsOnlyB.length > 0 ? `仅 B 有：${c.indicatorsOnlyB.map((i) => i.name).join('、')}。` : '',
  ].filter(Boolean);
  if (onlyLines.length > 0) {
    pdf.space(4);
    pdf.paragraph(onlyLines.join('\n'), { size: 9, color: '#555555' });
  }

  // numbered in order, whichever of the optional parts are there
  const numerals = ['七', '八'];
  if (c.targets.length > 0) {
    pdf.heading(`${numerals.shift()}、正文中的量化目标`);
    pdf.paragraph('同一指标的目标数值，至少一方写在正文而非指标表中（“表”为指标表，“文”为正文）；年份不同的也并列，可见两级期限之别。', {
      size: 9,
      color: '#555555',
      indent: 0,
    });
    pdf.table(
      [
        { header: 'A 的目标', width: 0.26 },
        { header: 'A 数值', width: 0.21, align: 'center' },
        { header: 'B 的目标', width: 0.26 },
        { header: 'B 数值', width: 0.21, align: 'center' },
        { header: '相似', width: 0.06, align: 'center' },
      ],
      c.targets.map((p) => [p.a.metric, targetValue(p.a), p.b.metric, targetValue(p.b), scoreText(p.score, [TARGET_THRESHOLD])]),
      { fontSize: 9 },
    );
  }
  const levels = c.departments.filter((d) => d.relation === 'level');
  if (levels.length > 0) {
    pdf.heading(`${numerals.shift()}、上下级对应单位`);
    pdf.table(
      [
        { header: 'A 的单位', width: 0.25 },
        { header: 'B 的单位', width: 0.25 },
        { header: 'A 牵头任务', width: 0.25, list: true },
        { header: 'B 牵头任务', width: 0.25, list: true },
      ],
      levels.map((d) => [d.a, d.b, d.aLead.join('、') || '—', d.bLead.join('、') || '—']),
      { fontSize: 9 },
    );
  }
  return pdf.finish();
}

function withUnit(name: string, unit: string | null): string {
  return unit && !name.includes(unit) ? `${name}（${unit}）` : name;
}

function matchName(m: Match): string {
  if (m.kind === 'task') return /^[\d.]+$/.test(m.number ?? '') ? `任务 ${m.number}` : `任务${taskNumber(m)}`;
  if (m.kind === 'section') return headingText(m.number ?? '', m.title);
  return `段落（${m.section.split(SECTION_SEPARATOR).pop() || '正文'}）`;
}

function matchText(doc: PolicyDocument, m: Match): string {
  if (m.kind === 'task') {
    const t = doc.tasks.find((x) => x.number === m.id);
    return t ? taskText(t) : m.title;
  }
  if (m.kind === 'section') {
    const s = doc.sections.find((x) => x.id === m.id);
    return s ? sectionBody(s) : m.title;
  }
  return doc.paragraphs.find((x) => x.id === m.id)?.text ?? m.title;
}

/** One heat strip per chapter and section of B: label, one cell per task (or prose unit), ratio. */
function drawCoverage(pdf: Pdf, c: Comparison): void {
  const rows = c.coverage.filter((s) => s.level <= 2);
  const size = 9;
  const pitch = 15;
  const labelWidth = pdf.width * 0.46;
  const ratioWidth = 34;
  const stripX = pdf.left + labelWidth + 6;
  const stripWidth = pdf.width - labelWidth - 6 - ratioWidth;
  const doc = pdf.doc;
  for (const s of rows) {
    pdf.ensureSpace(pitch);
    const indent = (s.level - 1) * 12;
    const label = fitText(pdf, headingText(s.label, s.title), labelWidth - indent, s.level === 1 ? 'sansBold' : 'sans', size);
    pdf.drawLine(label, pdf.left + indent, pdf.y + 1, { font: s.level === 1 ? 'sansBold' : 'sans', size });
    const n = s.cells.length;
    const cell = Math.min(16, stripWidth / Math.max(n, 1));
    s.cells.forEach((st, i) => {
      doc
        .save()
        .rect(stripX + i * cell + 0.5, pdf.y + 2, cell - 1, pitch - 5)
        .fillAndStroke(FILL[st], FRAME[st])
        .restore();
    });
    const pct = `${Math.round(s.ratio * 100)}%`;
    pdf.drawLine(pct, stripX + stripWidth, pdf.y + 1, { font: 'sans', size, width: ratioWidth, align: 'right' });
    pdf.y += pitch;
  }
  // Legend.
  pdf.space(4);
  pdf.ensureSpace(pitch);
  let x = pdf.left;
  for (const st of ['covered', 'partial', 'uncovered'] as CoverageStatus[]) {
    doc
      .save()
      .rect(x, pdf.y + 3, 10, 8)
      .fillAndStroke(FILL[st], FRAME[st])
      .restore();
    pdf.drawLine(STATUS_LABEL[st], x + 14, pdf.y + 1, { font: 'sans', size: 8.5 });
    x += 14 + pdf.textWidth(STATUS_LABEL[st], 'sans', 8.5) + 18;
  }
  pdf.drawLine('每格一项任务；没有任务的章节按段落计。', x, pdf.y + 1, { font: 'sans', size: 8.5, color: '#555555' });
  pdf.y += pitch + 4;
}

function fitText(pdf: Pdf, text: string, width: number, font: 'sans' | 'sansBold', size: number): string {
  if (pdf.textWidth(text, font, size) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && pdf.textWidth(chars.join('') + '…', font, size) > width) chars.pop();
  return chars.join('') + '…';
}

/** 牵头单位 of both tasks, and whether they are the same unit at the two levels. */
export function leadLine(t: Comparison['tasks'][number]): string | null {
  const m = t.matches[0];
  if (!m?.lead || (t.lead.length === 0 && m.lead.length === 0)) return null;
  const both = `牵头单位：A ${t.lead.join('、') || '—'}；B ${m.lead.join('、') || '—'}`;
  if (t.lead.length === 0 || m.lead.length === 0) return `${both}（${t.lead.length === 0 ? 'A' : 'B'} 未列牵头单位，无从比较）`;
  return t.leadsCorrespond && t.leadsCorrespond.length > 0 ? `${both}（上下级对应）` : `${both}（不一致）`;
}

interface PairBlock {
  head: string;
  leads: string | null;
  note: string;
  verdict: string;
  left: { caption: string; text: string };
  right: { caption: string; text: string };
}

/** A pair: a head line, then A's text and B's text in two columns, line by line across pages. */
function drawPair(pdf: Pdf, p: PairBlock): void {
  const size = 9;
  const pitch = Pdf.leading(size, 1.5);
  const gap = 12;
  const colWidth = (pdf.width - gap) / 2;
  const left = [
    ...pdf.wrap(p.left.caption, colWidth, 'sansBold', size).map((t) => ({ t, bold: true })),
    ...pdf.wrap(p.left.text, colWidth, 'serif', size).map((t) => ({ t, bold: false })),
  ];
  const right = [
    ...pdf.wrap(p.right.caption, colWidth, 'sansBold', size).map((t) => ({ t, bold: true })),
    ...pdf.wrap(p.right.text, colWidth, 'serif', size).map((t) => ({ t, bold: false })),
  ];
  // Keep the head with a few lines of text.
  pdf.ensureSpace(18 + pitch * Math.min(4, Math.max(left.length, right.length)));
  pdf.space(4);
  const color = p.verdict === 'counterpart' ? '#1b5e20' : '#8a6100';
  const noteWidth = pdf.textWidth(p.note, 'sans', 9) + 12;
  pdf.drawLine(fitText(pdf, p.head, pdf.width - noteWidth, 'sansBold', 10.5), pdf.left, pdf.y, { font: 'sansBold', size: 10.5 });
  pdf.drawLine(p.note, pdf.left, pdf.y, { font: 'sans', size: 9, width: pdf.width, align: 'right', color });
  pdf.y += 15;
  if (p.leads) {
    pdf.drawLine(fitText(pdf, p.leads, pdf.width, 'sans', 8.5), pdf.left, pdf.y, { font: 'sans', size: 8.5, color: '#555555' });
    pdf.y += 13;
  }
  let top = pdf.y;
  const rule = () =>
    pdf.doc
      .save()
      .moveTo(pdf.left + colWidth + gap / 2, top)
      .lineTo(pdf.left + colWidth + gap / 2, pdf.y)
      .lineWidth(0.4)
      .strokeColor(RED)
      .stroke()
      .restore();
  const n = Math.max(left.length, right.length);
  for (let i = 0; i < n; i++) {
    if (pdf.y + pitch > pdf.bottom) {
      rule();
      pdf.addPage();
      top = pdf.y;
    }
    const l = left[i];
    const r = right[i];
    if (l) pdf.drawLine(l.t, pdf.left, pdf.y, { font: l.bold ? 'sansBold' : 'serif', size });
    if (r) pdf.drawLine(r.t, pdf.left + colWidth + gap, pdf.y, { font: r.bold ? 'sansBold' : 'serif', size });
    pdf.y += pitch;
  }
  rule();
  pdf.space(6);
}
