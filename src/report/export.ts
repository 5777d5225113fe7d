import ExcelJS from 'exceljs';
import type { PolicyDocument, Section } from '../model/types.js';
import { headingText } from './labels.js';

/**
 * The task breakdown table (任务分工表): one row per task with its section, number,
 * title, full text, lead units (牵头单位) and responsible units (责任单位), as CSV (UTF-8
 * with BOM so Excel shows the Chinese; RFC 4180 quoting, CRLF) or XLSX (exceljs: bold
 * frozen header row, column widths, wrapped text, autofilter).
 */

export const TASK_COLUMNS = ['章节', '序号', '重点工作', '任务全文', '牵头单位', '责任单位'] as const;

export type TaskRow = [section: string, number: string, title: string, text: string, lead: string, responsible: string];

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

export function toCsv(doc: PolicyDocument): string {
  const lines = [[...TASK_COLUMNS], ...taskRows(doc)].map((row) => row.map(csvField).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

const WIDTHS = [26, 6, 30, 80, 26, 40];

export async function toXlsx(doc: PolicyDocument, options: { date?: Date | null } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'policy-toolkit';
  const when = options.date ?? new Date();
  wb.created = when;
  wb.modified = when;
  const sheet = wb.addWorksheet('任务分工表', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = TASK_COLUMNS.map((header, i) => ({ header, key: `c${i}`, width: WIDTHS[i] }));
  // A plain task number as a number: Excel sorts 1, 2 … 10 and does not flag "number stored as text".
  for (const row of taskRows(doc)) sheet.addRow(row.map((v, i) => (i === 1 && /^[1-9]\d{0,5}$/.test(v) ? Number(v) : v)));
  sheet.eachRow((row, n) => {
    row.alignment = { wrapText: true, vertical: 'top' };
    if (n === 1) {
      row.font = { bold: true };
      row.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
      row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8E8E8' } };
    }
  });
  sheet.getColumn(2).alignment = { vertical: 'top', horizontal: 'center' };
  sheet.getRow(1).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: TASK_COLUMNS.length } };
  sheet.pageSetup.printTitlesRow = '1:1';
  const title = doc.title ?? doc.source.fileName;
  wb.title = `${title} 任务分工表`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
