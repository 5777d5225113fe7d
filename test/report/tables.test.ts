import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/model/types.js';
import { BOM, TASK_COLUMNS, toCsv, toXlsx } from '../../src/report/export.js';
import { displayForm } from '../../src/report/indicator-cells.js';
import { isBinding, renderIndicators } from '../../src/report/indicators.js';
import { buildMatrix, renderMatrix } from '../../src/report/matrix.js';
import { ingestFixture } from '../helpers/fixtures.js';
import { ingestBoth, pdfFonts, pdfText, squash } from '../helpers/report.js';

const DATE = new Date(Date.UTC(2026, 0, 1));
let wuxi: PolicyDocument;
let qingchuan: PolicyDocument;

beforeAll(async () => {
  ({ wuxi, qingchuan } = await ingestBoth());
});

/** RFC 4180 reader, written independently of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

describe('task breakdown table (任务分工表)', () => {
  for (const which of ['wuxi', 'qingchuan'] as const) {
    it(`${which}: CSV is UTF-8 with BOM, one row per task, reads back to the model`, () => {
      const doc = which === 'wuxi' ? wuxi : qingchuan;
      const csv = toCsv(doc);
      expect(csv.startsWith(BOM)).toBe(true);
      const bytes = Buffer.from(csv, 'utf8');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(csv.slice(1));
      expect(rows[0]).toEqual([...TASK_COLUMNS]);
      expect(rows.length).toBe(doc.tasks.length + 1);
      doc.tasks.forEach((t, i) => {
        const [section, number, title, text, lead, responsible] = rows[i + 1];
        expect(number).toBe(t.number);
        expect(title).toBe(t.title);
        expect(text).toBe(t.text);
        expect(lead.split('、').filter(Boolean)).toEqual(t.lead);
        expect(responsible).toBe(t.responsible.join('、'));
        expect(section.length).toBeGreaterThan(0);
      });
    });
  }

  it('quotes commas and double quotes (RFC 4180)', () => {
    const csv = toCsv(qingchuan);
    const task2 = qingchuan.tasks.find((t) => t.text.includes('IPv6, 5G'));
    const task3 = qingchuan.tasks.find((t) => t.text.includes('"渝快办"'));
    expect(task2 && task3).toBeTruthy();
    expect(csv).toContain(`"${task2!.text}"`);
    expect(csv).toContain(`"${task3!.text.replace(/"/g, '""')}"`);
  });

  it('puts several documents in one table, a 文档 column first, as CSV and XLSX', async () => {
    const csv = toCsv([wuxi, qingchuan]).slice(BOM.length).trimEnd().split('\r\n');
    expect(csv[0]).toBe(['文档', ...TASK_COLUMNS].join(','));
    expect(csv.length).toBe(1 + wuxi.tasks.length + qingchuan.tasks.length);
    expect(csv.filter((l) => l.startsWith(`${qingchuan.id},`))).toHaveLength(qingchuan.tasks.length);
    const wb = new ExcelJS.Workbook();
    const bytes = await toXlsx([wuxi, qingchuan], { date: DATE });
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['文档', ...TASK_COLUMNS]);
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(1).value).toBe(qingchuan.id);
    expect(last.getCell(4).value).toBe(qingchuan.tasks[qingchuan.tasks.length - 1].title);
    expect(ws.autoFilter).toBe(`A1:${String.fromCharCode(65 + TASK_COLUMNS.length)}1`); // the filter spans the 文档 column too
    // the 文档 column shows the longest id whole (wuxi-urbanization-plan-2021-2035 is 32 characters)
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(Math.max(wuxi.id.length, qingchuan.id.length));
  });

  it('XLSX reads back with exceljs: header, rows, widths, wrapped text', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-xlsx-'));
    const file = path.join(dir, 'tasks.xlsx');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(file, await toXlsx(wuxi, { date: DATE }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('任务分工表');
    expect(ws.rowCount).toBe(wuxi.tasks.length + 1);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...TASK_COLUMNS]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    const t8 = wuxi.tasks.find((t) => t.number === '8')!;
    // numbers are numbers (Excel sorts 1 … 27, no "number stored as text")
    const numbers = ws.getRows(2, wuxi.tasks.length)!.map((r) => r.getCell(2).value);
    expect(numbers).toEqual(wuxi.tasks.map((t) => Number(t.number)));
    const row = ws.getRows(2, wuxi.tasks.length)!.find((r) => r.getCell(2).value === 8)!;
    expect(row.getCell(3).value).toBe(t8.title);
    expect(row.getCell(4).value).toBe(t8.text);
    expect(row.getCell(5).value).toBe('县交通局');
    expect(row.getCell(4).alignment?.wrapText).toBe(true);
    expect(ws.getColumn(4).width).toBeGreaterThan(ws.getColumn(2).width!);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});

describe('matrix', () => {
  it('says why there is no matrix, without a legend for one, when a document assigns nothing', async () => {
    const { ingestText } = await import('../../src/ingest.js');
    const articles = await ingestFixture('shapes/article-style.txt');
    const none = squash((await pdfText((await renderMatrix(articles, { date: DATE })).bytes)).segments.flat().join(''));
    expect(none).toContain('没有识别出编号的重点任务');
    expect(none).not.toContain('●牵头');
    const unassigned = ingestText(
      '某县交通建设工作方案\n\n一、重点任务\n1. 加快农村公路建设。新建农村公路50公里。\n2. 提升客运服务水平。开通城乡公交线路5条。\n',
      { fileName: 'unassigned.txt' },
    );
    expect(unassigned.tasks).toHaveLength(2);
    const text = squash((await pdfText((await renderMatrix(unassigned, { date: DATE })).bytes)).segments.flat().join(''));
    expect(text).toContain('2项任务都没有列出牵头或责任单位');
    // a matrix there is keeps its legend
    expect(squash((await pdfText((await renderMatrix(wuxi, { date: DATE })).bytes)).segments.flat().join(''))).toContain('●牵头');
  });

  it('has ● for every lead and ○ for every responsible assignment, totals and all departments', async () => {
    for (const doc of [wuxi, qingchuan]) {
      const m = buildMatrix(doc);
      const leads = doc.tasks.reduce((s, t) => s + t.lead.length, 0);
      const resp = doc.tasks.reduce((s, t) => s + t.responsible.filter((n) => !t.lead.includes(n)).length, 0);
      expect(m.rows.reduce((s, r) => s + r.lead, 0)).toBe(leads);
      expect(m.rows.reduce((s, r) => s + r.responsible, 0)).toBe(resp);
      const loads = m.rows.map((r) => r.lead + r.responsible);
      expect([...loads].sort((a, b) => b - a)).toEqual(loads);

      const { bytes, pages } = await renderMatrix(doc, { date: DATE });
      const text = await pdfText(bytes);
      expect(text.numPages).toBe(pages);
      expect(text.sizes[0].width).toBeGreaterThan(text.sizes[0].height); // landscape
      expect([...text.flat.matchAll(/●/g)].length).toBe(leads + 1); // + the legend
      expect([...text.flat.matchAll(/○/g)].length).toBe(resp + 1); // + the legend
      for (const r of m.rows) expect(text.flat).toContain(squash(r.department.name).slice(0, 6));
      for (const t of doc.tasks) expect(text.flat).toContain(squash(t.title));
      expect(pdfFonts(bytes).allEmbedded).toBe(true);
    }
  });

  it('keeps the bundled plan legible: A4 landscape, 27 task columns on one page width', async () => {
    const { bytes } = await renderMatrix(wuxi, { date: DATE });
    const text = await pdfText(bytes);
    expect(Math.round(text.sizes[0].width)).toBe(842);
    // The header row of task numbers 1…27 is on the first page.
    const first = text.segments[0].join(' ');
    for (const t of wuxi.tasks) expect(first).toContain(t.number);
  });

  it('goes to A3 and then to column groups when the tasks do not fit', async () => {
    const big = structuredClone(qingchuan);
    const many = Array.from({ length: 70 }, (_, i) => ({ ...structuredClone(qingchuan.tasks[i % 7]), number: String(i + 1), ordinal: i + 1 }));
    big.tasks = many;
    const { bytes } = await renderMatrix(big, { date: DATE });
    const text = await pdfText(bytes);
    expect(Math.round(text.sizes[0].width)).toBe(1191); // A3 landscape
    // Every task number appears as a column header somewhere.
    const all = text.segments.flat().join(' ');
    for (let n = 1; n <= 70; n++) expect(all).toMatch(new RegExp(`(^|\\s)${n}(\\s|$)`));
  });
});

describe('indicator sheet', () => {
  it('shows baseline and target side by side, marks binding indicators, draws the chart', async () => {
    for (const doc of [wuxi, qingchuan]) {
      const { bytes, pages } = await renderIndicators(doc, { date: DATE });
      const text = await pdfText(bytes);
      expect(text.numPages).toBe(pages);
      for (const i of doc.indicators) {
        expect(text.flat).toContain(squash(i.name));
        // ≦/≧ shown as ≤/≥ (QA8)
        if (i.baseline) expect(text.flat).toContain(squash(displayForm(i.baseline.raw)));
        if (i.target) expect(text.flat).toContain(squash(displayForm(i.target.raw)));
      }
      const binding = doc.indicators.filter(isBinding);
      expect(binding.length).toBeGreaterThan(0);
      // ★ in the table's attribute column and before the name in the chart.
      // (plus once in the chart legend)
      expect([...text.flat.matchAll(/★约束性/g)].length).toBe(binding.length + 1);
      for (const i of binding) expect(text.flat).toContain(`★${squash(i.name)}`);
      // The chart is vector graphics: filled rectangles in the content stream.
      expect(pdfFonts(bytes).allEmbedded).toBe(true);
    }
  });
});
