import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ingestFile, ingestText } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { toXlsx } from '../../src/report/export.js';
import { renderIndicators } from '../../src/report/indicators.js';
import { fixture, ingestFixture } from '../helpers/fixtures.js';
import { pdfText } from '../helpers/report.js';

/**
 * QA7 part B, indicator tables: a column the extractor does not read as baseline or target
 * (年均增长, 年均增速, 累计, 备注, 责任单位 …) is kept in the model and shown, never dropped.
 * Expectations from test/fixtures/qa7/EXPECTED.notes.
 */
const OUTLINE = fixture('qa7/chenglan-15th-five-year-outline.md');
const growthOf = (doc: PolicyDocument) => doc.indicators.map((i) => i.growth && [i.growth.raw, i.growth.value, i.growth.comparator, i.growth.cumulative]);

describe('the growth column of a 纲要 table (年均增长, [x] = cumulative)', () => {
  it("keeps every row's 年均增长 cell: raw, value and comparator, [x] marked cumulative, text kept as written", async () => {
    const doc = await ingestFile(OUTLINE);
    expect(doc.indicators).toHaveLength(13);
    expect(growthOf(doc)).toEqual([
      ['5.5左右', 5.5, '~', false],
      ['>6', 6, '>', false],
      ['[4.5]', 4.5, '=', true],
      ['>8', 8, '>', false],
      ['—', null, null, false],
      ['—', null, null, false],
      ['与经济增长同步', null, null, false],
      ['—', null, null, false],
      ['[1]', 1, '=', true],
      ['[15]', 15, '=', true],
      ['[18]', 18, '=', true],
      ['—', null, null, false],
      ['—', null, null, false],
    ]);
    expect(new Set(doc.indicators.map((i) => i.growth?.column))).toEqual(new Set(['年均增长']));
    // the existing fields keep their meaning: 2030年 is still the target, 2025年 the baseline
    const gdp = doc.indicators[0];
    expect([gdp.baseline?.raw, gdp.target?.raw, gdp.targets.length]).toEqual(['6.0', '—', 1]);
    expect(doc.indicators.every((i) => i.extra.length === 0)).toBe(true);
  });

  it('reads a 年均增速（%） column of a tab table the same way (〔14〕 cumulative)', async () => {
    const doc = await ingestFixture('qa2/liuyang-14th-five-year-plan-excerpt.txt');
    expect(doc.indicators.map((i) => [i.name, i.growth?.raw, i.growth?.value, i.growth?.cumulative])).toEqual([
      ['地区生产总值', '8', 8, false],
      ['规模以上工业增加值增速', '8', 8, false],
      ['研发经费投入强度', '—', null, false],
      ['常住人口城镇化率', '—', null, false],
      ['单位GDP能耗降低', '〔14〕', 14, true],
    ]);
    expect(doc.indicators[0].growth?.column).toBe('年均增速（%）');
  });

  it('marks a bracketed target cell cumulative too, its value and year as before', async () => {
    const doc = await ingestFixture('qa6/linfeng-ecology-15th-plan.md');
    const co2 = doc.indicators.find((i) => i.name.includes('二氧化碳'))!;
    expect(co2.target).toMatchObject({ raw: '〔18〕（2030年）', value: 18, year: 2030, cumulative: true });
    expect(doc.indicators.filter((i) => i.target?.cumulative)).toHaveLength(1);
    expect(doc.indicators.every((i) => i.growth === null)).toBe(true);
  });
});

const TABLE_PLAN = `# 某市“十五五”交通运输发展规划

## 一、主要目标

表1 主要指标

| 序号 | 指标 | 2025年 | 2030年 | 五年累计 | 备注 | 责任单位 |
| --- | --- | --- | --- | --- | --- | --- |
| 1 | 高速公路里程（公里） | 820 | 1000 | 180 | 含在建 | 市交通运输局 |
| 2 | 农村公路改造（公里） | — | — | 3000 |  | 市交通运输局、各区县 |
| 3 | 城市轨道交通运营里程（公里） | 96 | 150 | — | 力争 | 市住房城乡建设局 |

## 二、重点任务

（一）完善路网。加快高速公路建设。
`;

describe('columns an indicator table has besides the ones read', () => {
  it('keeps 备注 and 责任单位 cells by column name, and reads a 累计 column as cumulative growth', () => {
    const doc = ingestText(TABLE_PLAN, { fileName: 'transport-plan.md' });
    expect(doc.indicators.map((i) => [i.name, i.target?.raw, i.growth?.raw, i.growth?.value, i.growth?.cumulative])).toEqual([
      ['高速公路里程', '1000', '180', 180, true],
      ['农村公路改造', '—', '3000', 3000, true],
      ['城市轨道交通运营里程', '150', '—', null, true],
    ]);
    expect(doc.indicators.map((i) => i.extra)).toEqual([
      [
        { column: '备注', raw: '含在建' },
        { column: '责任单位', raw: '市交通运输局' },
      ],
      [{ column: '责任单位', raw: '市交通运输局、各区县' }],
      [
        { column: '备注', raw: '力争' },
        { column: '责任单位', raw: '市住房城乡建设局' },
      ],
    ]);
  });

  it('a growth header with the period in it is no target year (年均增长（2026—2030年）)', () => {
    const text = `某县“十五五”规划纲要

一、主要指标

指标\t2025年\t2030年\t年均增长（2026—2030年）\t属性
地区生产总值（亿元）\t320\t420\t5.6\t预期性
一般公共预算收入（亿元）\t21\t27\t5左右\t预期性
`;
    const doc = ingestText(text, { fileName: 'county-outline.txt' });
    expect(doc.indicators.map((i) => [i.name, i.targets.map((t) => t.year), i.growth?.raw, i.growth?.comparator])).toEqual([
      ['地区生产总值', [2030], '5.6', '='],
      ['一般公共预算收入', [2030], '5左右', '~'],
    ]);
  });
});

describe('the growth column and the other cells are shown', () => {
  it('in `policy indicators`', async () => {
    const { runInProcess } = await import('../helpers/cli.js');
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const data = mkdtempSync(path.join(tmpdir(), 'qa7-ind-'));
    expect((await runInProcess('ingest', OUTLINE, '--data', data, '-q')).code).toBe(0);
    const { out, code } = await runInProcess('indicators', '--data', data);
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines[0]).toMatch(/2030年目标\s+年均增长\s+属性/);
    expect(lines.find((l) => l.includes('能源消耗降低'))).toMatch(/累计 15\s+约束性/); // [15]: a total, not a rate a year (QA8)
    expect(lines.find((l) => l.includes('地区生产总值增长'))).toMatch(/5\.5左右/);
    expect(lines.find((l) => l.includes('居民人均可支配收入增长'))).toMatch(/与经济增长同步/);
  });

  it('in the indicator PDF and in the XLSX export (a 主要指标 sheet)', async () => {
    const doc = await ingestFile(OUTLINE);
    const text = await pdfText((await renderIndicators(doc, { date: new Date('2026-02-01') })).bytes);
    expect(text.flat).toContain('年均增长');
    expect(text.flat).toContain('与经济增长同步');
    expect(text.flat).toContain('累计15');

    const plan = ingestText(TABLE_PLAN, { fileName: 'transport-plan.md' });
    const wb = new ExcelJS.Workbook();
    const bytes = await toXlsx([doc, plan], { date: new Date('2026-02-01') });
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
    const ws = wb.getWorksheet('主要指标');
    expect(ws).toBeDefined();
    const rows = ws!
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1).map((v) => (v === undefined || v === null ? '' : String(v))));
    const header = rows[0];
    expect(header).toEqual(expect.arrayContaining(['文档', '指标', '属性', '备注', '责任单位']));
    const growth = header.findIndex((h) => h.includes('年均增长'));
    expect(growth).toBeGreaterThan(-1);
    const co2 = rows.find((r) => r.includes('单位地区生产总值二氧化碳排放降低'))!;
    expect(co2[growth]).toBe('累计 18');
    expect(rows.find((r) => r.includes('农村公路改造'))![growth]).toBe('累计 3000');
    const road = rows.find((r) => r.includes('高速公路里程'))!;
    expect(road[header.indexOf('责任单位')]).toBe('市交通运输局');
    expect(rows).toHaveLength(1 + 13 + 3);
  });
});
