/**
 * PDF with a text layer (src/read/pdf.ts): the bundled plan printed as a 公文 by LibreOffice
 * (test/fixtures/formats, made by scripts/make-pdf-fixtures.ts) reads into the same model as
 * its .txt; scans, encrypted, damaged and too long PDFs are refused with their reason.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile, readDocument, UserError } from '../../src/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { pdfToText } from '../../src/read/pdf.js';
import { bytes, essentials, FORMATS, problem, txtModel } from './formats-helpers.js';

const PLAN_PDF = path.join(FORMATS, 'wuxi-plan.pdf');

describe('pdfToText', () => {
  let txt: PolicyDocument;
  let pdf: PolicyDocument;
  beforeAll(async () => {
    txt = await txtModel();
    pdf = await ingestFile(PLAN_PDF);
  });

  it('reads the plan into the model its .txt gives: tasks, units, indicators, metadata', () => {
    expect(txt.tasks).toHaveLength(27);
    expect(txt.indicators).toHaveLength(8);
    expect(essentials(pdf)).toEqual(essentials(txt));
  });

  it('marks the source as a PDF and gives each paragraph its page', () => {
    expect(pdf.source.format).toBe('pdf');
    expect(pdf.source.bytes).toBe(readFileSync(PLAN_PDF).length);
    expect(pdf.paragraphs.every((p) => typeof p.page === 'number' && p.page >= 1 && p.page <= 24)).toBe(true);
    expect(pdf.paragraphs[0].page).toBe(1);
    // the paragraph after the indicator table is on page 5 of the printed plan, task 27 on the last
    expect(pdf.paragraphs.find((p) => p.text.startsWith('为确保顺利完成目标任务'))?.page).toBe(5);
    const last = pdf.tasks[pdf.tasks.length - 1];
    expect(pdf.paragraphs.find((p) => p.task === last.number)?.page).toBeGreaterThanOrEqual(22);
    // the text model has no pages
    expect(txt.paragraphs[0].page).toBeUndefined();
  });

  it('lays out lines, paragraphs across page breaks, and the table as tab rows', async () => {
    const { text, pages = [] } = await pdfToText(bytes('wuxi-plan.pdf'));
    expect(pages).toHaveLength(24);
    expect(pages[0]).toBe(0);
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
    // no page number is left in the text, no space between CJK and digits
    expect(text).not.toMatch(/—\s*\d+\s*—/);
    expect(text).toContain('巫溪府发〔2023〕25号');
    expect(text).toContain('2023年4月26日');
    expect(text.split('\n')).toContain('序号\t指标\t2020年基数\t2025年目标值\t指标属性');
    expect(text.split('\n')).toContain('8\t城乡居民收入比\t2.56:1\t2.4:1\t预期性');
    // a paragraph that runs over a page break is one line; the page starts inside it
    const inside = pages.filter((p) => p > 0 && text[p - 1] !== '\n');
    expect(inside.length).toBeGreaterThan(10);
    // and the .txt's paragraphs are each one line here
    const plan = readFileSync(path.join(FORMATS, '../../../corpus/wuxi-urbanization-plan-2021-2035.txt'), 'utf8');
    // (spaces aside: the text layer has 1.全面融入… where the .txt has 1. 全面融入…)
    const squash = (l: string) => l.replace(/\s+/g, '');
    const prose = plan
      .split('\n')
      .map(squash)
      .filter((l) => l.length > 60);
    const lines = new Set(text.split('\n').map(squash));
    expect(prose.filter((l) => !lines.has(l))).toEqual([]);
  });

  it('refuses a scan: no text layer', async () => {
    const e = await problem(pdfToText(bytes('wuxi-scan.pdf')));
    expect(e.problem).toBe('no-text');
    expect(e.message).toBe('has no text layer (a scan): it needs OCR first');
  });

  it('refuses an encrypted PDF', async () => {
    expect((await problem(pdfToText(bytes('wuxi-encrypted.pdf')))).problem).toBe('encrypted');
  });

  it('refuses a damaged (cut off) PDF, and bytes that are no PDF', async () => {
    expect((await problem(pdfToText(bytes('wuxi-damaged.pdf')))).problem).toBe('damaged');
    expect((await problem(pdfToText(new TextEncoder().encode('%PDF-1.7\n garbage garbage\n%%EOF\n')))).problem).toBe('damaged');
    expect((await problem(pdfToText(new TextEncoder().encode('not a pdf at all')))).problem).toBe('damaged');
  });

  it('refuses more pages than the limit', async () => {
    const e = await problem(pdfToText(bytes('wuxi-plan.pdf'), { maxPages: 10 }));
    expect(e.problem).toBe('too-large');
    expect(e.message).toContain('24 pages');
  });

  it('readDocument words a refusal with the file name (UserError)', async () => {
    const file = path.join(FORMATS, 'wuxi-scan.pdf');
    await expect(readDocument(file)).rejects.toThrow(UserError);
    await expect(readDocument(file)).rejects.toThrow(`${file}: has no text layer (a scan): it needs OCR first`);
  });

  it('does not write to stdout or stderr while reading', async () => {
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const writeErr = process.stderr.write.bind(process.stderr);
    const log = console.log;
    const warn = console.warn;
    process.stdout.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stdout.write;
    process.stderr.write = ((s: string) => (out.push(String(s)), true)) as typeof process.stderr.write;
    console.log = console.warn = (...a: unknown[]) => void out.push(a.join(' '));
    try {
      await pdfToText(bytes('wuxi-plan.pdf'));
      await pdfToText(bytes('wuxi-damaged.pdf')).catch(() => {});
      await pdfToText(bytes('wuxi-encrypted.pdf')).catch(() => {});
    } finally {
      process.stdout.write = write;
      process.stderr.write = writeErr;
      console.log = log;
      console.warn = warn;
    }
    expect(out).toEqual([]);
  });
});
