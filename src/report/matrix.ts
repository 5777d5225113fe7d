import { headingText } from '../model/headings.js';
import type { Department, PolicyDocument, Section, Task } from '../model/types.js';
import { roleOf } from '../select/roles.js';
import { PolicyPdf } from './pdf/document.js';
import { fit } from './pdf/line-break.js';
import { documentTitle, generatedLine, type RenderedPdf, type RenderOptions, sourceLine } from './sheet.js';
import { chineseDate } from './sheet-data.js';
import { byLoad } from './sheets.js';

/**
 * The task matrix (任务分工矩阵): departments × tasks, ● lead (牵头), ○ responsible
 * (责任/配合), with row and column totals, departments sorted by load. Landscape; A4
 * when the task columns fit at a legible width, A3 when they need it, and column groups
 * on separate pages beyond that. Only departments named in at least one task are rows.
 */

export interface MatrixRow {
  department: Department;
  /** Per task, in column order: 'lead', 'responsible' or null. */
  cells: ('lead' | 'responsible' | null)[];
  lead: number;
  responsible: number;
}

export interface Matrix {
  tasks: Task[];
  rows: MatrixRow[];
  /** Per task: number of units (lead + responsible). */
  columnTotals: number[];
}

export function buildMatrix(doc: PolicyDocument): Matrix {
  const tasks = doc.tasks;
  const rows: MatrixRow[] = [];
  for (const department of byLoad(doc.departments)) {
    // a row is a unit as written: its own role, not its office's under another name
    const cells = tasks.map((t) => roleOf(t, [department])?.role ?? null);
    const lead = cells.filter((c) => c === 'lead').length;
    const responsible = cells.filter((c) => c === 'responsible').length;
    if (lead + responsible > 0) rows.push({ department, cells, lead, responsible });
  }
  const columnTotals = tasks.map((_, i) => rows.filter((r) => r.cells[i] !== null).length);
  return { tasks, rows, columnTotals };
}

const MIN_COL = 17; // points per task column: a two-digit number and a dot at 8 pt
const NAME_COL = 128;
const TOTAL_COL = 26;
const ROW_H = 13.5;
const FONT = 8;

function matrixPdf(doc: PolicyDocument, size: 'A4' | 'A3', options: RenderOptions, date: Date): PolicyPdf {
  const title = documentTitle(doc);
  return new PolicyPdf({
    fonts: options.fonts,
    date,
    size,
    layout: 'landscape',
    margins: { top: 20, bottom: 18, left: 15, right: 15 },
    title: `任务分工矩阵 — ${title}`,
    header: `${title}　任务分工矩阵`,
    footer: { left: sourceLine(doc), right: generatedLine(date) },
  });
}

/** Task numbers such as 3.1.2 or 十二 are set smaller; the column is as wide as the widest. */
function numberLayout(tasks: Task[]): { size: number; column: number } {
  const long = tasks.some((t) => t.number.length > 2);
  const size = long ? FONT - 1 : FONT;
  // Digits and dots in Noto Sans SC bold: ~0.6 em and ~0.3 em; CJK numerals 1 em.
  const width = (n: string) => [...n].reduce((w, ch) => w + (/[0-9]/.test(ch) ? 0.6 : /[.．-]/.test(ch) ? 0.3 : 1) * size, 0);
  return { size, column: Math.max(MIN_COL, Math.max(0, ...tasks.map((t) => width(t.number))) + 3.5) };
}

export async function renderMatrix(doc: PolicyDocument, options: RenderOptions = {}): Promise<RenderedPdf> {
  const date = options.date ?? new Date();
  const matrix = buildMatrix(doc);
  const fixed = NAME_COL + 3 * TOTAL_COL;
  const numbers = numberLayout(matrix.tasks);
  const fitsOn = (paper: 'A4' | 'A3') => {
    const width = (paper === 'A4' ? 297 - 30 : 420 - 30) * (72 / 25.4);
    return Math.floor((width - fixed) / numbers.column);
  };
  const size = matrix.tasks.length <= fitsOn('A4') ? 'A4' : 'A3';
  const pdf = matrixPdf(doc, size, options, date);

  pdf.title(documentTitle(doc), { size: 16 });
  const meta = [doc.docNumber, chineseDate(doc.date)].filter(Boolean).join('　');
  // the legend only above a matrix there is
  const legend = matrix.rows.length > 0 ? '　● 牵头　○ 责任/配合　单位按承担任务数排序' : '';
  pdf.subtitle(`任务分工矩阵${meta ? `　${meta}` : ''}${legend}`, { size: 9, font: 'sans' });
  pdf.space(4);

  if (matrix.rows.length === 0) {
    pdf.paragraph(
      doc.tasks.length === 0 ? '本文件中没有识别出编号的重点任务，因此没有分工矩阵。' : `本文件的 ${doc.tasks.length} 项任务都没有列出牵头或责任单位。`,
      { indent: 0 },
    );
  } else {
    const chunks = Math.ceil(matrix.tasks.length / Math.max(1, Math.floor((pdf.width - fixed) / numbers.column)));
    // Column groups of even size rather than a full group and a stub.
    const perChunk = Math.ceil(matrix.tasks.length / chunks);
    for (let from = 0; from < matrix.tasks.length; from += perChunk) {
      if (from > 0) pdf.addPage();
      drawChunk(pdf, doc, matrix, from, Math.min(matrix.tasks.length, from + perChunk), numbers.size);
    }
  }
  drawTaskList(pdf, matrix);
  const bytes = await pdf.finish();
  return { bytes, pages: pdf.pageCount };
}

/** One group of task columns, over as many pages as the rows need. */
function drawChunk(pdf: PolicyPdf, doc: PolicyDocument, matrix: Matrix, from: number, to: number, numberSize: number): void {
  const tasks = matrix.tasks.slice(from, to);
  const colW = Math.min(28, (pdf.width - NAME_COL - 3 * TOTAL_COL) / tasks.length);
  const tableW = NAME_COL + colW * tasks.length + 3 * TOTAL_COL;
  const x0 = pdf.left + (pdf.width - tableW) / 2;
  const colX = (i: number) => x0 + NAME_COL + i * colW;
  const totalsX = x0 + NAME_COL + colW * tasks.length;
  const g = pdf.doc;

  const groups = sectionGroups(doc, tasks);
  const header = () => {
    const top = pdf.y;
    const groupH = groups.length > 0 ? ROW_H : 0;
    if (groupH > 0) {
      for (const grp of groups) {
        const x = colX(grp.from);
        const w = colW * (grp.to - grp.from);
        g.save()
          .rect(x, top, w, groupH)
          .fill(grp.index % 2 === 0 ? '#f3e3e3' : '#e9e9e9')
          .restore();
        pdf.drawLine(
          fit(grp.label, w - 2, (s) => pdf.textWidth(s, 'sans', FONT - 0.5)),
          x + 1,
          top + 2,
          { font: 'sans', size: FONT - 0.5, width: w - 2, align: 'center' },
        );
      }
    }
    const y = top + groupH;
    g.save()
      .rect(x0, y, tableW, ROW_H * 1.4)
      .fill('#dddddd')
      .restore();
    const mid = y + (ROW_H * 1.4 - FONT * 1.45) / 2;
    pdf.drawLine('单位 \\ 任务', x0 + 3, mid, { font: 'sansBold', size: FONT });
    const numberY = y + (ROW_H * 1.4 - numberSize * 1.45) / 2;
    tasks.forEach((t, i) => pdf.drawLine(t.number, colX(i), numberY, { font: 'sansBold', size: numberSize, width: colW, align: 'center' }));
    ['牵头', '责任', '合计'].forEach((h, k) =>
      pdf.drawLine(h, totalsX + k * TOTAL_COL, mid, { font: 'sansBold', size: FONT, width: TOTAL_COL, align: 'center' }),
    );
    grid(pdf, x0, top, tableW, groupH + ROW_H * 1.4, colX, tasks.length, totalsX, groupH);
    pdf.y = y + ROW_H * 1.4;
  };

  header();
  matrix.rows.forEach((row, r) => {
    if (pdf.y + ROW_H > pdf.bottom - ROW_H) {
      pdf.addPage();
      header();
    }
    const y = pdf.y;
    if (r % 2 === 1) g.save().rect(x0, y, tableW, ROW_H).fill('#f5f5f5').restore();
    const ty = y + (ROW_H - FONT * 1.45) / 2;
    pdf.drawLine(
      fit(row.department.name, NAME_COL - 6, (s) => pdf.textWidth(s, 'sans', FONT)),
      x0 + 3,
      ty,
      { font: 'sans', size: FONT },
    );
    for (let i = 0; i < tasks.length; i++) {
      const cell = row.cells[from + i];
      if (cell)
        pdf.drawLine(cell === 'lead' ? '●' : '○', colX(i), ty, {
          font: 'sans',
          size: FONT + 1,
          width: colW,
          align: 'center',
          color: cell === 'lead' ? '#c8102e' : '#111111',
        });
    }
    [row.lead, row.responsible, row.lead + row.responsible].forEach((n, k) =>
      pdf.drawLine(String(n), totalsX + k * TOTAL_COL, ty, { font: k === 2 ? 'sansBold' : 'sans', size: FONT, width: TOTAL_COL, align: 'center' }),
    );
    grid(pdf, x0, y, tableW, ROW_H, colX, tasks.length, totalsX, 0);
    pdf.y += ROW_H;
  });

  // Column totals: units per task.
  const y = pdf.y;
  g.save().rect(x0, y, tableW, ROW_H).fill('#dddddd').restore();
  const ty = y + (ROW_H - FONT * 1.45) / 2;
  pdf.drawLine('单位数（合计）', x0 + 3, ty, { font: 'sansBold', size: FONT });
  tasks.forEach((_, i) => pdf.drawLine(String(matrix.columnTotals[from + i]), colX(i), ty, { font: 'sansBold', size: FONT, width: colW, align: 'center' }));
  const leads = matrix.rows.reduce((s, r) => s + r.lead, 0);
  const resp = matrix.rows.reduce((s, r) => s + r.responsible, 0);
  [leads, resp, leads + resp].forEach((n, k) =>
    pdf.drawLine(String(n), totalsX + k * TOTAL_COL, ty, { font: 'sansBold', size: FONT, width: TOTAL_COL, align: 'center' }),
  );
  grid(pdf, x0, y, tableW, ROW_H, colX, tasks.length, totalsX, 0);
  pdf.y += ROW_H;
}

function grid(pdf: PolicyPdf, x0: number, y: number, w: number, h: number, colX: (i: number) => number, n: number, totalsX: number, groupH: number): void {
  const g = pdf.doc;
  g.save().lineWidth(0.35).strokeColor('#9a9a9a');
  g.rect(x0, y, w, h).stroke();
  for (let i = 0; i <= n; i++)
    g.moveTo(colX(i), y + (i === 0 || i === n ? 0 : groupH))
      .lineTo(colX(i), y + h)
      .stroke();
  for (let k = 1; k < 3; k++)
    g.moveTo(totalsX + k * TOTAL_COL, y + groupH)
      .lineTo(totalsX + k * TOTAL_COL, y + h)
      .stroke();
  if (groupH > 0)
    g.moveTo(colX(0), y + groupH)
      .lineTo(colX(n), y + groupH)
      .stroke();
  g.restore();
}

/**
 * Runs of consecutive tasks in the same section, labelled by its number and short title
 * ((一)推进…), or by the title alone when the labels repeat (第一节 in every chapter): in a
 * narrow column the repeated label would be all that shows.
 */
export function sectionGroups(doc: PolicyDocument, tasks: Task[]): { from: number; to: number; label: string; index: number }[] {
  const byId = new Map(doc.sections.map((s) => [s.id, s]));
  const groups: { from: number; to: number; section: Section | undefined; label: string; index: number }[] = [];
  tasks.forEach((t, i) => {
    const last = groups[groups.length - 1];
    if (last && tasks[i - 1]?.section === t.section) {
      last.to = i + 1;
    } else {
      const s = t.section ? byId.get(t.section) : undefined;
      groups.push({ from: i, to: i + 1, section: s, label: '', index: groups.length });
    }
  });
  const labels = groups.map((g) => g.section?.label.trim() ?? '').filter(Boolean);
  const repeated = new Set(labels).size < labels.length;
  for (const g of groups) g.label = !g.section ? '' : repeated ? g.section.title : headingText(g.section.label, g.section.title);
  return groups.every((g) => g.label === '') ? [] : groups.map(({ from, to, label, index }) => ({ from, to, label, index }));
}

/** The task titles the column numbers stand for. */
function drawTaskList(pdf: PolicyPdf, matrix: Matrix): void {
  if (matrix.tasks.length === 0) return;
  pdf.space(10);
  pdf.heading('任务编号对照', { level: 2 });
  pdf.table(
    [
      { header: '序号', width: 30, align: 'center' },
      { header: '重点工作', width: 0.42 },
      { header: '牵头单位', width: 0.3, list: true },
      { header: '单位数', width: 40, align: 'center' },
    ],
    matrix.tasks.map((t, i) => [t.number, t.title, t.lead.join('、') || '—', String(matrix.columnTotals[i])]),
    { fontSize: 8.5, zebra: '#f5f5f5' },
  );
}
