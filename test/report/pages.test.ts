import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest.js';
import { pageLocator, pageText } from '../../src/model/pages.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { pdfToText } from '../../src/read/pdf.js';
import { PAGE_COLUMN, toCsv, toXlsx } from '../../src/report/export.js';
import { renderSheet } from '../../src/report/sheet.js';
import { buildSheet } from '../../src/report/sheet-data.js';
import { type SheetIndex, writeSheets } from '../../src/report/sheets.js';

/**
 * A document read from PDF or OFD has pages: a department's sheet, the Markdown index of the
 * sheets and the task breakdown (XLSX, CSV) say on which page of the source each task is
 * (第N页, as search hits cite it); a document without pages shows nothing of the kind.
 */
const DATE = new Date(Date.UTC(2026, 0, 1));
let pdf: PolicyDocument;
let ofd: PolicyDocument;
let txt: PolicyDocument;

beforeAll(async () => {
  pdf = await ingestFile('test/fixtures/formats/wuxi-plan.pdf');
  ofd = await ingestFile('test/fixtures/formats/wuxi-plan.ofd');
  txt = await ingestFile('corpus/wuxi-urbanization-plan-2021-2035.txt');
});

const dept = (doc: PolicyDocument, name: string) => doc.departments.find((d) => d.name === name)!;

describe('the pages of a task', () => {
  it('are those of the paragraphs it starts and ends in; none for a text file', () => {
    const locate = pageLocator(pdf)!;
    const pages = pdf.tasks.map((t) => locate(t.position)!);
    expect(pages[0]).toEqual({ first: 5, last: 5 });
    // in the order of the document, each on the pages of its own paragraphs
    for (const [i, t] of pdf.tasks.entries()) {
      const own = pdf.paragraphs.filter((p) => p.task === t.number && p.page !== undefined).map((p) => p.page!);
      if (own.length) expect(pages[i].first).toBe(Math.min(...own));
      if (i > 0) expect(pages[i].first).toBeGreaterThanOrEqual(pages[i - 1].first);
    }
    expect(pageLocator(ofd)).not.toBeNull();
    expect(pageLocator(txt)).toBeNull();
    expect(pageText({ first: 3, last: 3 })).toBe('第3页');
    expect(pageText({ first: 3, last: 4 })).toBe('第3—4页');
  });

  it('the PDF sheet says 原文第N页 under each task of a PDF or OFD document, and nothing for a text file', async () => {
    for (const doc of [pdf, ofd]) {
      const data = buildSheet(doc, dept(doc, '县财政局'));
      expect(data.tasks.every((t) => t.pages !== null)).toBe(true);
      const { bytes } = await renderSheet(data, { date: DATE });
      const text = (await pdfToText(new Uint8Array(bytes))).text;
      for (const t of data.tasks) expect(text).toContain(`原文${pageText(t.pages!)}`);
    }
    const plain = buildSheet(txt, dept(txt, '县财政局'));
    expect(plain.tasks.every((t) => t.pages === null)).toBe(true);
    const text = (await pdfToText(new Uint8Array((await renderSheet(plain, { date: DATE })).bytes))).text;
    expect(text).not.toMatch(/原文第/);
  });

  it('the Markdown index lists where each task of a sheet is; index.json keeps the pages', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'policy-pages-'));
    const index: SheetIndex = await writeSheets(pdf, path.join(out, 'pdf'), { date: DATE });
    const entry = index.sheets.find((s) => s.department === '县财政局')!;
    expect(entry.taskPages?.map((p) => p.task)).toEqual([...entry.lead, ...entry.responsible].sort((a, b) => Number(a) - Number(b)));
    const md = readFileSync(path.join(out, 'pdf', 'index.md'), 'utf8');
    expect(md).toContain('| 单位 | 牵头 | 责任 | 页数 | 任务在原文 | 文件 |');
    expect(md).toMatch(/\| 县财政局 \| \d+ \| \d+ \| \d+ \| 任务\d+ 第\d+页、/);
    const plain = await writeSheets(txt, path.join(out, 'txt'), { date: DATE });
    expect(plain.sheets.some((s) => 'taskPages' in s)).toBe(false);
    const plainMd = readFileSync(path.join(out, 'txt', 'index.md'), 'utf8');
    expect(plainMd).toContain('| 单位 | 牵头 | 责任 | 页数 | 文件 |');
    expect(plainMd).not.toMatch(/第\d+页/);
  });

  it('the task breakdown has a column 原文页码 where a document has pages', async () => {
    const csv = toCsv(pdf).split('\r\n');
    expect(csv[0].endsWith(`,${PAGE_COLUMN}`)).toBe(true);
    expect(csv[1].endsWith(',第5页')).toBe(true);
    expect(toCsv(txt)).not.toContain(PAGE_COLUMN);
    // several documents: the column for all, empty for the one without pages
    const both = toCsv([pdf, txt]).split('\r\n');
    expect(both[0].replace(/^\ufeff/, '')).toBe(`文档,章节,序号,重点工作,任务全文,牵头单位,责任单位,完成时限,${PAGE_COLUMN}`);
    expect(both.filter((l) => l.startsWith(txt.id)).every((l) => l.endsWith(','))).toBe(true);
    const { default: Excel } = await import('exceljs');
    const wb = new Excel.Workbook();
    await wb.xlsx.load((await toXlsx(pdf, { date: DATE })) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('任务分工表')!;
    expect(sheet.getRow(1).getCell(8).value).toBe(PAGE_COLUMN);
    expect(sheet.getRow(2).getCell(8).value).toBe('第5页');
  });
});
