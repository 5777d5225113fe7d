import type ExcelJS from 'exceljs';
import { headingText } from '../model/headings.js';
import { pageLocator, pageText } from '../model/pages.js';
import type { PolicyDocument, Section } from '../model/types.js';
import { widest } from '../util/table.js';
import { indicatorRows } from './indicator-cells.js';

/**
 * The task breakdown table (任务分工表): one row per task with its section, number,
 * title, full text, lead units (牵头单位), responsible units (责任单位) and deadline (完成时限), as CSV (UTF-8
 * with BOM so Excel shows the Chinese; RFC 4180 quoting, CRLF) or XLSX (exceljs: bold
 * frozen header row, column widths, wrapped text, autofilter). The XLSX has a second sheet 主要指标
 * when the documents have indicator tables: every column of them, the growth column included,
 * figures as numbers where they are plain numbers.
 */

export const TASK_COLUMNS = ['章节', '序号', '重点工作', '任务全文', '牵头单位', '责任单位', '完成时限'] as const;

export type TaskRow = [section: string, number: string, title: string, text: string, lead: string, responsible: string, deadline: string];

/** Units joined with 、 as the documents write them. */
const JOIN = '、';

export function taskRows(doc: PolicyDocument): TaskRow[] {
  const sections = new Map(doc.sections.map((s) => [s.id, s]));
  const taskSections = [...new Set(doc.tasks.map((t) => t.section))].map((id) => (id ? sections.get(id) : undefined));
  const labels = taskSections.map((s) => s?.label.trim() ?? '').filter(Boolean);
  const repeated = new Set(labels.filter((l, i) => labels.indexOf(l) !== i));
  return doc.tasks.map((t) => [
    sectionName(t.section ? sections.get(t.section) : undefined, t.sectionPath, sections, repeated),
    t.number,
    t.title,
    t.text,
    t.lead.join(JOIN),
    t.responsible.join(JOIN),
    t.deadline ?? '',
  ]);
}

/**
 * （一）积极构建城镇化空间格局 — the task's own group, with its numbering; a label that
 * several groups share (第一节 in every chapter) gets its parent's: 第三章第一节 构建….
 */
function sectionName(section: Section | undefined, path: string[], sections: Map<string, Section>, repeated: Set<string>): string {
  if (!section) return path.length ? path[path.length - 1] : '';
  const parent = section.parent ? sections.get(section.parent) : undefined;
  const label = repeated.has(section.label.trim()) && parent ? `${parent.label.trim()}${section.label.trim()}` : section.label;
  return headingText(label, section.title);
}

export const BOM = '\ufeff';

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Header and rows of one document's table, or of several in one table with a first column
 * 文档 (the document id), in the order given.
 */
function table(docs: PolicyDocument | PolicyDocument[]): { header: string[]; rows: string[][]; many: boolean; paged: boolean } {
  const list = Array.isArray(docs) ? docs : [docs];
  const many = list.length > 1;
  // 原文页码 (第3页) where a document was read from PDF/OFD; no column when none was
  const locators = list.map((doc) => pageLocator(doc));
  const paged = locators.some((l) => l !== null);
  return {
    header: [...(many ? ['文档'] : []), ...TASK_COLUMNS, ...(paged ? [PAGE_COLUMN] : [])],
    rows: list.flatMap((doc, d) =>
      taskRows(doc).map((row, i) => {
        const pages = locators[d]?.(doc.tasks[i].position);
        return [...(many ? [doc.id] : []), ...row, ...(paged ? [pages ? pageText(pages) : ''] : [])];
      }),
    ),
    many,
    paged,
  };
}

/** The column of the task's pages in the source (第3页, 第3—4页), for documents read from PDF/OFD. */
export const PAGE_COLUMN = '原文页码';

export function toCsv(docs: PolicyDocument | PolicyDocument[]): string {
  const { header, rows } = table(docs);
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

const WIDTHS = [26, 6, 30, 80, 26, 40, 16];

/** The 文档 column: as wide as the longest id (ids are Latin), so none is cut or wrapped. */
function documentWidth(docs: PolicyDocument[]): number {
  return Math.min(
    48,
    widest(12, docs, (d) => [...d.id].length + 2),
  );
}

export async function toXlsx(docs: PolicyDocument | PolicyDocument[], options: { date?: Date | null } = {}): Promise<Buffer> {
  const { header, rows, many, paged } = table(docs);
  const list = Array.isArray(docs) ? docs : [docs];
  const widths = [...(many ? [documentWidth(list)] : []), ...WIDTHS, ...(paged ? [12] : [])];
  const numberColumn = many ? 2 : 1; // 序号, 0-based
  // exceljs loads here, not with the module: the CSV needs none of it
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'policy-toolkit';
  const when = options.date ?? new Date();
  wb.created = when;
  wb.modified = when;
  const sheet = wb.addWorksheet('任务分工表', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = header.map((name, i) => ({ header: name, key: `c${i}`, width: widths[i] }));
  // A plain task number as a number: Excel sorts 1, 2 … 10 and does not flag "number stored as text".
  for (const row of rows) sheet.addRow(row.map((v, i) => (i === numberColumn && /^[1-9]\d{0,5}$/.test(v) ? Number(v) : v)));
  sheet.eachRow((row, n) => {
    row.alignment = { wrapText: true, vertical: 'top' };
    if (n === 1) {
      row.font = { bold: true };
      row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    }
  });
  sheet.getColumn(numberColumn + 1).alignment = { vertical: 'top', horizontal: 'center' };
  sheet.getRow(1).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  sheet.pageSetup.printTitlesRow = '1:1';
  addIndicatorSheet(wb, list);
  wb.title = many ? `任务分工表（${list.length} 份文件）` : `${list[0].title ?? list[0].source.fileName} 任务分工表`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * 主要指标: the indicator tables with every column they have (年均增长, 备注 …). A plain figure
 * is a number cell; a bound (<5.5), words (5.5左右), a ratio or a total (累计 15) is text as
 * shown elsewhere (≦/≧ as ≤/≥); base years that differ get a 基数年份 column.
 */
function addIndicatorSheet(wb: ExcelJS.Workbook, docs: PolicyDocument[]): void {
  if (!docs.some((d) => d.indicators.length > 0)) return;
  const { header, rows } = indicatorRows(docs);
  const sheet = wb.addWorksheet('主要指标', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = (name: string) =>
    name === '文档' ? documentWidth(docs) : name === '指标' ? 36 : name === '表' ? 30 : name === '序号' ? 6 : name === '基数年份' ? 9 : 12;
  sheet.columns = header.map((name, i) => ({ header: name, key: `c${i}`, width: width(name) }));
  // numbers as numbers (6.0 keeps its decimal through the cell's format); bounds and words as text
  for (const cells of rows) {
    const row = sheet.addRow(cells.map((c) => (typeof c === 'object' ? c.number : c)));
    cells.forEach((c, k) => {
      if (typeof c === 'object') row.getCell(k + 1).numFmt = c.format;
    });
  }
  sheet.eachRow((row, n) => {
    row.alignment = { wrapText: true, vertical: n === 1 ? 'middle' : 'top', ...(n === 1 ? { horizontal: 'center' as const } : {}) };
    if (n === 1) {
      row.font = { bold: true };
      row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    }
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  sheet.pageSetup.printTitlesRow = '1:1';
}
