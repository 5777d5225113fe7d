import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ingestFile, ingestText } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { toXlsx } from '../../src/report/export.js';
import { renderIndicators } from '../../src/report/indicators.js';
import { displayWidth } from '../../src/util/width.js';
import { fixture, WUXI_FILE } from '../helpers/fixtures.js';
import { pdfText } from '../helpers/report.js';

/**
 * QA8 user-journey report, the indicator outputs (terminal, PDF, XLSX): a target with a
 * comparator is a bound, not a planned value; a [x] figure in a 年均增长 column is a total
 * over the period; units on the change figures; one form of ≤/≥; numbers as numbers in the
 * spreadsheet; nothing written for a document without indicators; names before empty columns.
 */
const OUTLINE = fixture('qa7/chenglan-15th-five-year-outline.md');
const WUXI = WUXI_FILE;
const DAIYU = fixture('qa7/daiyu-rectification-plan-2025.txt');
const QICHUAN = fixture('qa7/qichuan-elderly-care-plan-2025.txt');
const DATE = new Date('2026-02-01');

// A 规划 of another shape: Markdown pipe table, units in their own column, ≦/≧ as some offices type them.
const FARM = `# 某市现代农业发展规划（2026—2030年）

## 一、主要指标

表1　“十五五”农业农村发展主要指标

| 序号 | 指标 | 单位 | 2025年 | 2030年 | 年均增长 | 属性 |
| --- | --- | --- | --- | --- | --- | --- |
| 1 | 粮食综合生产能力 | 万吨 | 152 | 155 | — | 约束性 |
| 2 | 农村居民人均可支配收入 | 元 | 21000 | 28000 | 6左右 | 预期性 |
| 3 | 高标准农田面积 | 万亩 | 80 | ≧95 | [15] | 约束性 |
| 4 | 农产品质量安全例行监测合格率 | % | 97.5 | ≦99 | — | 预期性 |
`;

const pdfOf = async (doc: PolicyDocument) => pdfText((await renderIndicators(doc, { date: DATE })).bytes);

async function sheetRows(docs: PolicyDocument[]): Promise<{ header: string[]; rows: ExcelJS.Row[] }> {
  const wb = new ExcelJS.Workbook();
  const bytes = await toXlsx(docs, { date: DATE });
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
  const ws = wb.getWorksheet('主要指标')!;
  const rows: ExcelJS.Row[] = [];
  ws.eachRow((r) => rows.push(r));
  const header = (rows[0].values as unknown[]).slice(1).map(String);
  return { header, rows: rows.slice(1) };
}
const cell = (row: ExcelJS.Row, header: string[], name: string) => row.getCell(header.indexOf(name) + 1);
const rowOf = (rows: ExcelJS.Row[], name: string) => rows.find((r) => (r.values as unknown[]).includes(name))!;

describe('a target with a comparator is a bound, not a planned change (chart)', () => {
  it('城镇调查失业率 5.3 → <5.5 and 空气质量 95.1 → ≧92.6 get no change figure; a planned value keeps its own', async () => {
    const outline = await pdfOf(await ingestFile(OUTLINE));
    expect(outline.flat).not.toContain('+0.2个百分点');
    expect(outline.flat).toContain('低于5.5');
    expect(outline.flat).toContain('上限');
    expect(outline.flat).toContain('+4.5个百分点'); // 68.5 → 73, a planned level
    const wuxi = await pdfOf(await ingestFile(WUXI));
    expect(wuxi.flat).not.toContain('-2.5个百分点');
    expect(wuxi.flat).toContain('不低于92.6');
    expect(wuxi.flat).toContain('下限');
    expect(wuxi.flat).toContain('+4.3个百分点'); // 39.7 → 44
  });
});

describe('the change figures carry their unit', () => {
  it('件, 岁, 万吨, 元 after the figure; % rows in 个百分点', async () => {
    const outline = await pdfOf(await ingestFile(OUTLINE));
    expect(outline.flat).toContain('+6.2件');
    expect(outline.flat).toContain('+1岁');
    const farm = await pdfOf(ingestText(FARM, { fileName: 'farm-plan.md' }));
    expect(farm.flat).toContain('+3万吨');
    expect(farm.flat).toContain('+7000元');
  });
});

describe('a cumulative figure in a 年均增长 column says it is a total', () => {
  it('累计 15, not 年均增长 [15]（累计）, in the PDF table and chart, the terminal and the XLSX', async () => {
    const doc = await ingestFile(OUTLINE);
    const text = await pdfOf(doc);
    expect(text.flat).not.toContain('[15]（累计）');
    expect(text.flat).not.toContain('年均增长[15]');
    expect(text.segments.flat().filter((s) => s.includes('累计 15')).length).toBeGreaterThanOrEqual(2); // table and chart

    const { runInProcess } = await import('../helpers/cli.js');
    const data = mkdtempSync(path.join(tmpdir(), 'qa8-ind-'));
    expect((await runInProcess('ingest', OUTLINE, '--data', data, '-q')).code).toBe(0);
    const { out } = await runInProcess('indicators', '--data', data);
    expect(out.split('\n').find((l) => l.includes('能源消耗降低'))).toMatch(/累计 15\s+约束性/);

    const { header, rows } = await sheetRows([doc]);
    expect(cell(rowOf(rows, '单位地区生产总值能源消耗降低'), header, '年均增长').value).toBe('累计 15');
  });
});

describe('≦/≧ are shown as ≤/≥; the model keeps them as written', () => {
  it('in the terminal, the PDF and the XLSX', async () => {
    const doc = await ingestFile(WUXI);
    expect(doc.indicators.map((i) => i.target?.raw)).toContain('≦5.5');
    const text = await pdfOf(doc);
    expect(text.flat).not.toMatch(/[≦≧]/);
    expect(text.flat).toContain('≤5.5');
    const { header, rows } = await sheetRows([doc]);
    expect(cell(rowOf(rows, '城镇调查失业率'), header, '2025年目标').value).toBe('≤5.5');
    expect(cell(rowOf(rows, '空气质量优良天数比率'), header, '2025年目标').value).toBe('≥92.6');

    const { runInProcess } = await import('../helpers/cli.js');
    const data = mkdtempSync(path.join(tmpdir(), 'qa8-ind-'));
    expect((await runInProcess('ingest', WUXI, '--data', data, '-q')).code).toBe(0);
    const { out } = await runInProcess('indicators', '--data', data);
    expect(out).not.toMatch(/[≦≧]/);
    expect(out.split('\n').find((l) => l.includes('城镇调查失业率'))).toMatch(/≤5\.7\s+≤5\.5/);
  });
});

describe('the 主要指标 sheet holds numbers as numbers', () => {
  it('序号, baseline and plain targets are numeric cells (6.0 shown as 6.0); a bound or words stay text', async () => {
    const { header, rows } = await sheetRows([await ingestFile(OUTLINE)]);
    const gdp = rowOf(rows, '地区生产总值增长');
    expect(cell(gdp, header, '序号').value).toBe(1);
    const base = cell(gdp, header, '2025年基数');
    expect(base.value).toBe(6);
    expect(base.numFmt).toBe('0.0');
    expect(cell(rowOf(rows, '常住人口城镇化率'), header, '2030年目标').value).toBe(73);
    expect(cell(rowOf(rows, '城镇调查失业率'), header, '2030年目标').value).toBe('<5.5');
    expect(cell(gdp, header, '年均增长').value).toBe('5.5左右');
  });

  it('with several documents the base year has a column of its own, the baseline stays a number', async () => {
    const docs = [await ingestFile(OUTLINE), await ingestFile(WUXI), await ingestFile(QICHUAN)];
    const { header, rows } = await sheetRows(docs);
    expect(header).toContain('基数年份');
    const base = header.indexOf('基数');
    expect(base).toBeGreaterThan(-1);
    for (const row of rows) expect(String(row.getCell(base + 1).value ?? '')).not.toMatch(/年/);
    const wuxiRate = rows.find((r) => r.getCell(1).value === docs[1].id && r.getCell(header.indexOf('指标') + 1).value === '常住人口城镇化率')!;
    expect(cell(wuxiRate, header, '基数').value).toBe(39.7);
    expect(cell(wuxiRate, header, '基数年份').value).toBe(2020);
  });
});

describe('a document without indicators gets no indicator PDF', () => {
  it('is skipped with a line saying why, also when asked for alone; nothing is written for it', async () => {
    const { runInProcess } = await import('../helpers/cli.js');
    const data = mkdtempSync(path.join(tmpdir(), 'qa8-ind-'));
    expect((await runInProcess('ingest', OUTLINE, DAIYU, '--data', data, '-q')).code).toBe(0);
    const daiyu = path.basename(DAIYU, '.txt');
    const all = await runInProcess('indicators', '--pdf', '--data', data, '--date', '2026-02-01');
    expect(all.code).toBe(0);
    expect(existsSync(path.join(data, 'reports', 'chenglan-15th-five-year-outline', 'indicators.pdf'))).toBe(true);
    expect(existsSync(path.join(data, 'reports', daiyu))).toBe(false);
    expect(all.out.split('\n').filter((l) => l.includes(daiyu))).toEqual([
      `${daiyu}: no indicator PDF — 本文件没有指标表 (the document has no indicator table)`,
    ]);

    // as `sheets` does for a document without units: one line, nothing written, no error
    const out = path.join(data, 'd.pdf');
    const one = await runInProcess('indicators', '--pdf', '--data', data, '--doc', 'daiyu', '--out', out);
    expect(one.code).toBe(0);
    expect(one.out.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^${daiyu}: no indicator PDF`))]);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(data)).not.toContain('d.pdf');
  });
});

describe('on a narrow terminal the names come before empty target columns', () => {
  it('120 columns, four documents with three target years: one target column, the names get the room', async () => {
    const { runInProcess } = await import('../helpers/cli.js');
    const data = mkdtempSync(path.join(tmpdir(), 'qa8-ind-'));
    expect((await runInProcess('ingest', OUTLINE, WUXI, QICHUAN, fixture('qa7/chengyang-web-copy-notice-2025.txt'), '--data', data, '-q')).code).toBe(0);
    const saved = { isTTY: process.stdout.isTTY, columns: process.stdout.columns };
    Object.assign(process.stdout, { isTTY: true, columns: 120 });
    let out: string;
    try {
      out = (await runInProcess('indicators', '--data', data)).out;
    } finally {
      Object.assign(process.stdout, saved);
    }
    const lines = out.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(120);
    expect([...lines[0].matchAll(/目标/g)]).toHaveLength(1);
    // names were cut to six characters (地区生产总值…) beside three mostly empty year columns
    for (const name of ['地区生产总值增长', '村级便民商店覆盖率', '城镇调查失业率', '粮食综合生产能力']) {
      expect(
        lines.some((l) => l.includes(name)),
        name,
      ).toBe(true);
    }
    // each row still says its target's year
    expect(lines.find((l) => l.includes('城镇调查失业率') && l.includes('≤'))).toMatch(/≤5\.5（2025年）/);
  });

  it('off a terminal every target year keeps its column', async () => {
    const { runInProcess } = await import('../helpers/cli.js');
    const data = mkdtempSync(path.join(tmpdir(), 'qa8-ind-'));
    expect((await runInProcess('ingest', OUTLINE, WUXI, QICHUAN, '--data', data, '-q')).code).toBe(0);
    const header = (await runInProcess('indicators', '--data', data)).out.split('\n')[0];
    expect([...header.matchAll(/(\d{4})年目标/g)].map((m) => Number(m[1]))).toEqual([2025, 2027, 2030]);
  });
});

describe('no line of a PDF cell holds one character alone', () => {
  it('names that wrap keep at least two characters on their last line (…投入增 / 长 was one)', async () => {
    for (const file of [OUTLINE, fixture('qa7/yuanning-elderly-care-plan-2025.txt')]) {
      const doc = await ingestFile(file);
      const text = await pdfOf(doc);
      const segments = text.segments.flat();
      for (const i of doc.indicators) {
        // the last character alone, and a line that ends just before it
        const widowed = segments.includes(i.name.slice(-1)) && segments.some((s) => s.endsWith(i.name.slice(-4, -1)));
        expect(widowed, `${i.name} in ${file}`).toBe(false);
      }
    }
  });
});

describe('help', () => {
  it('indicators --help and export --help name the columns and the 主要指标 sheet', async () => {
    const { runInProcess } = await import('../helpers/cli.js');
    const ind = (await runInProcess('indicators', '--help')).out;
    for (const word of ['年均增长', '累计', '类别', '主要指标', '≤']) expect(ind, word).toContain(word);
    const exp = (await runInProcess('export', '--help')).out;
    expect(exp).toContain('主要指标');
    expect(exp).toContain('基数年份');
  });
});
