import { beforeAll, describe, expect, it } from 'vitest';
import { comparePlans } from '../../src/compare/compare.js';
import { formatMarkdown, formatTerminal, indicatorValues } from '../../src/compare/format.js';
import { renderComparisonPdf } from '../../src/compare/pdf.js';
import { ingestFile, ingestText } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { renderSheet } from '../../src/report/sheet.js';
import { buildSheet } from '../../src/report/sheet-data.js';
import { buildSearchIndex } from '../../src/search/store.js';
import { documentUnits } from '../../src/search/units.js';
import { requireDepartment } from '../../src/select/departments.js';
import { fixture, ingestFixture, WUXI_FILE } from '../helpers/fixtures.js';
import { pdfText } from '../helpers/report.js';

/**
 * One figure reads the same in every output: ≦ ≧ as ≤ ≥, a total over the plan period ([15],
 * 〔28〕) as 累计 15 — in the responsibility sheets' 相关指标, search's indicator rows and the
 * comparison, as already in the indicator PDF, `policy indicators` and the XLSX.
 */
const WUXI = WUXI_FILE;
const OUTLINE = fixture('qa7/chenglan-15th-five-year-outline.md');
const WATER = fixture('qa/national-water-saving-plan-2021-2030.md');
const DATE = new Date('2026-02-01');
const RAW_FORMS = /[≦≧]|[[〔]\d/;

// A county 实施方案 of another shape: tab-separated table, ≦/≧ as some offices type them, a
// bracketed five-year total in the target column, tasks naming the indicators.
const ECOLOGY = `岚溪县人民政府办公室
关于印发岚溪县生态环境质量提升实施方案（2026—2030年）的通知
岚府办发〔2026〕8号

各乡镇人民政府，县政府各部门：
经县政府同意，现将《岚溪县生态环境质量提升实施方案（2026—2030年）》印发给你们，请认真组织实施。

岚溪县人民政府办公室
2026年3月2日

岚溪县生态环境质量提升实施方案（2026—2030年）

为持续改善全县生态环境质量，制定本实施方案。

一、主要指标

岚溪县生态环境质量提升主要指标
序号\t指标\t单位\t2025年基数\t2030年目标\t指标属性
1\t空气质量优良天数比率\t%\t91.3\t≧93\t约束性
2\t细颗粒物年均浓度\t微克/立方米\t≦33\t≦30\t约束性
3\t单位地区生产总值二氧化碳排放降低\t%\t—\t[18]\t约束性

二、重点任务

（一）提升空气质量优良天数。开展臭氧和细颗粒物协同控制，实施挥发性有机物综合治理，到2030年空气质量优良天数比率达到93%以上。（牵头单位：县生态环境局；责任单位：县工业和信息化局、县交通运输局）

（二）降低细颗粒物年均浓度。推进扬尘精细化管控，强化餐饮油烟治理，细颗粒物年均浓度控制在30微克/立方米以下。（牵头单位：县生态环境局；责任单位：县住房城乡建设局、县城市管理局）

（三）推动二氧化碳排放降低。实施重点行业节能降碳改造，单位地区生产总值二氧化碳排放降低完成市下达目标。（牵头单位：县发展改革局；责任单位：县工业和信息化局、县生态环境局）
`;

let wuxi: PolicyDocument;
let outline: PolicyDocument;
let ecology: PolicyDocument;

beforeAll(async () => {
  wuxi = await ingestFile(WUXI);
  outline = await ingestFile(OUTLINE);
  ecology = await ingestText(ECOLOGY, { fileName: 'lanxi-ecology-plan.txt' });
});

describe('responsibility sheets: 相关指标 as the indicator outputs show them', () => {
  it('≦/≧ as ≤/≥ and a bracketed total as 累计 18', async () => {
    // the model keeps the cells as written
    expect(ecology.indicators.map((i) => i.targets[0]?.raw)).toEqual(['≧93', '≦30', '[18]']);
    for (const [query, shown] of [
      ['生态环境局', ['≥93', '≤33', '≤30', '累计18']],
      ['发展改革局', ['累计18']],
    ] as const) {
      const data = buildSheet(ecology, requireDepartment(query, ecology.departments, ecology.id));
      expect(data.tasks.flatMap((t) => t.indicators).length, query).toBeGreaterThan(0);
      const text = await pdfText((await renderSheet(data, { date: DATE })).bytes);
      expect(text.flat).toContain('相关指标');
      for (const s of shown) expect(text.flat, `${query} ${s}`).toContain(s);
      expect(text.flat).not.toMatch(/[≦≧]|\[18\]/);
    }
  });

  it('a 纲要 indicator with only a 年均增长 figure shows it as the indicator table does', async () => {
    // 能源消耗降低 has no target, only its five-year total [15] in the 年均增长 column
    const doc = await ingestText(
      `${(await import('node:fs')).readFileSync(OUTLINE, 'utf8')}\n\n## 十、节能降碳\n\n（一）推动能源消耗降低。实施重点用能单位节能改造，确保单位地区生产总值能源消耗降低完成省下达目标。（牵头单位：市发展改革委；责任单位：市工业和信息化局）\n`,
      { fileName: 'chenglan-with-task.md' },
    );
    const data = buildSheet(doc, requireDepartment('发展改革委', doc.departments, doc.id));
    const links = data.tasks.flatMap((t) => t.indicators.map((l) => l.indicator.name));
    expect(links).toContain('单位地区生产总值能源消耗降低');
    const text = await pdfText((await renderSheet(data, { date: DATE })).bytes);
    expect(text.flat).toContain('累计15');
    expect(text.flat).not.toContain('[15]');
  });
});

describe('search: indicator rows read as shown elsewhere, found as typed', () => {
  it('wuxi ≦5.5 / ≧92.6 as ≤5.5 / ≥92.6; chenglan [15] as 累计 15', () => {
    const rows = [...documentUnits(wuxi), ...documentUnits(outline)].filter((u) => u.kind === 'indicator');
    const jobless = rows.find((u) => u.title.includes('城镇调查失业率'))!;
    expect(jobless.text).toContain('≤5.5');
    const air = rows.find((u) => u.title.includes('空气质量优良天数'))!;
    expect(air.text).toContain('≥92.6');
    const energy = rows.find((u) => u.title.includes('能源消耗降低'))!;
    expect(energy.text).toContain('累计 15');
    expect(energy.text).not.toContain('年均增长');
    const gdp = rows.find((u) => u.title.includes('地区生产总值增长'))!;
    expect(gdp.text).toContain('年均增长 5.5左右');
    for (const u of rows) expect(u.text, u.title).not.toMatch(RAW_FORMS);
  });

  it('a query typed with ≦ or [ ] still finds the row', () => {
    const index = buildSearchIndex([wuxi, outline]);
    const row = (q: string) => index.search(q).hits.find((h) => h.kind === 'indicator');
    expect(row('失业率 ≦5.5')?.title).toContain('城镇调查失业率');
    expect(row('≦5.5')?.title).toContain('城镇调查失业率');
    // a quoted figure is matched as ≤5.5 and marked there
    const phrase = row('"≦5.5"')!;
    expect(phrase.title).toContain('城镇调查失业率');
    expect(phrase.snippet.text).toContain('≤5.5');
    expect(row('能源消耗 [15]')?.title).toContain('能源消耗降低');
    expect(row('能源消耗 [15]')?.snippet.text).toContain('累计 15');
  });
});

describe('compare: indicator values as shown elsewhere', () => {
  it('≦/≧ as ≤/≥ in the terminal, Markdown and PDF', async () => {
    const c = comparePlans(wuxi, wuxi);
    const jobless = c.indicators.find((p) => p.a.name.includes('城镇调查失业率'))!;
    expect(indicatorValues(jobless.a)).toMatch(/^≤5\.7（2020） → ≤5\.5/);
    for (const out of [formatTerminal(c), formatMarkdown(c)]) {
      expect(out).toContain('≤5.5');
      expect(out).toContain('≥92.6');
      expect(out).not.toMatch(/[≦≧]/);
    }
    const pdf = await pdfText(await renderComparisonPdf(c, wuxi, wuxi, { date: DATE }));
    expect(pdf.flat).toContain('≥92.6');
    expect(pdf.flat).not.toMatch(/[≦≧]/);
  });

  it('a bracketed total as 累计 28', async () => {
    const water = await ingestFile(WATER);
    const c = comparePlans(water, water);
    const pair = c.indicators.find((p) => p.a.name.includes('万元国内生产总值用水量下降'))!;
    expect(indicatorValues(pair.a)).toContain('累计 28');
    for (const out of [formatTerminal(c), formatMarkdown(c)]) {
      expect(out).toContain('累计 28');
      expect(out).not.toContain('〔28〕');
    }
    const pdf = await pdfText(await renderComparisonPdf(c, water, water, { date: DATE }));
    expect(pdf.flat).toContain('累计28');
    expect(pdf.flat).not.toContain('〔28〕');
  });
});

describe('compare targets: a table figure as every output shows it', () => {
  it('a bracketed total from B’s table reads 累计 28 beside A’s prose figure', async () => {
    const { ingestText } = await import('../../src/ingest.js');
    const { comparePlans } = await import('../../src/compare/compare.js');
    const { targetValue } = await import('../../src/compare/format.js');
    const b = await ingestFixture('qa/national-water-saving-plan-2021-2030.md');
    const a = ingestText(
      '某省节水行动实施方案\n\n一、主要目标\n到2030年，全省万元国内生产总值用水量下降28%。\n\n二、重点任务\n（一）推进农业节水。推广高效节水灌溉。（牵头单位：省水利厅）\n',
      { fileName: 'a.txt' },
    );
    const pair = comparePlans(a, b).targets.find((p) => p.b.source === 'indicator' && p.b.metric.includes('万元国内生产总值用水量'));
    expect(pair).toBeDefined();
    expect(targetValue(pair!.b)).toMatch(/^累计 28/);
  });
});
