import { beforeAll, describe, expect, it } from 'vitest';
import { type Comparison, comparePlans } from '../../src/compare/compare.js';
import { coreKey, correspondingLeads } from '../../src/compare/departments.js';
import { matchIndicators } from '../../src/compare/indicators.js';
import { metricSimilarity, TARGET_THRESHOLD } from '../../src/compare/targets.js';
import { ingestFile, ingestText } from '../../src/ingest.js';
import { defaultAliases } from '../../src/model/departments.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * QA7 part C, plan comparison: a county 实施方案 (A) implementing a city plan (B) that it cites
 * by the city's 印发 notice title. Expectations from test/fixtures/qa7/EXPECTED.notes.
 */
const COUNTY = fixture('qa7/qichuan-elderly-care-plan-2025.txt');
const CITY = fixture('qa7/yuanning-elderly-care-plan-2025.txt');

let county: PolicyDocument;
let city: PolicyDocument;
let c: Comparison;

beforeAll(async () => {
  county = await ingestFile(COUNTY);
  city = await ingestFile(CITY);
  c = comparePlans(county, city);
});

/** A small provincial plan under its 印发 notice; `title` is the plan's name without the province. */
function provincialPlan(title: string, notice = `关于印发江屿省${title}的通知`): PolicyDocument {
  return ingestText(
    [
      '江屿省人民政府办公厅',
      notice,
      '江府办发〔2021〕30号',
      '',
      '各市、县人民政府，省政府各部门：',
      `现将《江屿省${title}》印发给你们，请认真贯彻执行。`,
      '',
      '江屿省人民政府办公厅',
      '2021年9月1日',
      '',
      `江屿省${title}`,
      '',
      '一、重点任务',
      '',
      '（一）扩大普惠托育服务供给。支持社会力量发展普惠托育服务，新建居住区按标准配套建设托育服务设施。（牵头单位：省卫生健康委；责任单位：省发展改革委、省住房城乡建设厅）',
      '',
      '（二）加强托育从业人员培养。将托育从业人员纳入职业技能培训范围，每年培训保育人员不少于3000人次。（牵头单位：省人力社保厅；责任单位：省卫生健康委）',
    ].join('\n'),
    { fileName: 'province-childcare-plan.txt' },
  );
}

/** A county plan whose opening sentence cites `cited` (as written, with its 《》). */
function countyPlan(cited: string): PolicyDocument {
  return ingestText(
    [
      '云溪县托育服务体系建设实施方案（2021—2025年）',
      '',
      `为贯彻落实${cited}精神，加快发展普惠托育服务，结合我县实际，制定本方案。`,
      '',
      '一、重点任务',
      '',
      '（一）扩大普惠托育服务供给。依托乡镇卫生院和幼儿园发展普惠托育服务，新建居住区按标准配套建设托育服务设施。（牵头单位：县卫生健康委；责任单位：县发展改革委）',
      '',
      '（二）加强托育从业人员培养。每年培训保育人员不少于300人次。（牵头单位：县人力社保局；责任单位：县卫生健康委）',
    ].join('\n'),
    { fileName: 'county-childcare-plan.txt' },
  );
}

describe("qa7 compare: A cites B by B's 印发 notice title", () => {
  it("the county citing the city's notice 《沅宁市人民政府办公室关于印发…的通知》 cites B", () => {
    expect(c.citesB).toBe(true);
    expect(c.references.map((r) => [r.title, r.line])).toEqual([['沅宁市人民政府办公室关于印发沅宁市养老服务体系建设实施方案（2025—2027年）的通知', 14]]);
    // the city does not cite the county; the county's citation of its own plan is no citation of B
    expect(c.citedByB).toEqual([]);
  });

  it('any way of naming the 印发 notice counts: with the issuer, without it, with the plan title in 〈〉', () => {
    const province = provincialPlan('托育服务体系建设规划（2021—2025年）');
    for (const cited of [
      '《江屿省人民政府办公厅关于印发江屿省托育服务体系建设规划（2021—2025年）的通知》',
      '《关于印发江屿省托育服务体系建设规划（2021—2025年）的通知》（江府办发〔2021〕30号）',
      '《江屿省人民政府办公厅关于印发〈江屿省托育服务体系建设规划(2021-2025年)〉的通知》',
    ]) {
      const r = comparePlans(countyPlan(cited), province);
      expect(r.citesB, cited).toBe(true);
      expect(r.references).toHaveLength(1);
    }
  });

  it('a covering notice of another kind (关于转发…的通知) is cited by its own title, the issuer in front or not', () => {
    const province = provincialPlan('托育服务体系建设规划（2021—2025年）', '关于转发省卫生健康委江屿省托育服务体系建设规划（2021—2025年）的通知');
    expect(province.noticeTitle).toBe('关于转发省卫生健康委江屿省托育服务体系建设规划（2021—2025年）的通知');
    for (const cited of [
      '《江屿省人民政府办公厅关于转发省卫生健康委江屿省托育服务体系建设规划（2021—2025年）的通知》',
      '《关于转发省卫生健康委江屿省托育服务体系建设规划（2021—2025年）的通知》',
    ]) {
      expect(comparePlans(countyPlan(cited), province).citesB, cited).toBe(true);
    }
  });

  it('a 印发 notice of another plan is no citation of B', () => {
    const province = provincialPlan('托育服务体系建设规划（2021—2025年）');
    for (const cited of [
      '《江屿省人民政府办公厅关于印发江屿省养老服务体系建设规划（2021—2025年）的通知》',
      '《江屿省人民政府办公厅关于加强托育服务从业人员培训的通知》',
    ]) {
      const r = comparePlans(countyPlan(cited), province);
      expect(r.citesB, cited).toBe(false);
      expect(r.references).toEqual([]);
    }
  });

  it('a plan compared with itself still does not cite itself through its own notice', () => {
    const self = comparePlans(county, county);
    expect(self.citesB).toBe(false);
  });
});

describe('qa7 compare: a count and a rate are never the same indicator', () => {
  it('老年助餐服务点 (个) is not paired with 城市社区老年助餐服务覆盖率 (%); both stay on their side', () => {
    const names = c.indicators.map((p) => [p.a.name, p.b.name]);
    expect(names).toEqual([
      ['每千名老年人拥有养老床位数', '每千名老年人拥有养老床位数'],
      ['养老机构护理型床位占比', '养老机构护理型床位占比'],
      ['特殊困难老年人月探访率', '特殊困难老年人月探访率'],
      ['养老护理员持证上岗率', '养老护理员持证上岗率'],
    ]);
    expect(c.indicatorsOnlyA.map((i) => i.name)).toEqual(['老年助餐服务点', '农村区域养老服务中心']);
    expect(c.indicatorsOnlyB.map((i) => i.name)).toContain('城市社区老年助餐服务覆盖率');
  });

  /** An indicator table of two columns besides the name: unit, 2025年目标. */
  function tablePlan(rows: [string, string, string][], fileName: string): PolicyDocument {
    return ingestText(
      [
        '某县农村人居环境整治实施方案',
        '',
        '一、主要目标',
        '',
        '主要指标',
        '序号\t指标\t单位\t2020年基数\t2025年目标\t指标属性',
        ...rows.map(([name, unit, target], k) => `${k + 1}\t${name}\t${unit}\t1\t${target}\t预期性`),
        '',
        '二、重点任务',
        '',
        '（一）推进农村厕所革命。分类有序推进农村户厕改造。（牵头单位：县农业农村委；责任单位：县卫生健康委）',
      ].join('\n'),
      { fileName },
    );
  }

  it('units of different kinds (a share vs a count) never pair, however alike the names; a scale difference (人 vs 万人) still does', () => {
    const a = tablePlan(
      [
        ['农村卫生厕所', '万户', '12'],
        ['城镇新增就业', '人', '3500'],
        ['5G基站', '个', '800'],
      ],
      'a-table.txt',
    );
    const b = tablePlan(
      [
        ['农村卫生厕所普及率', '%', '90'],
        ['城镇新增就业人数', '万人', '2.5'],
        ['5G基站', '座', '900'],
      ],
      'b-table.txt',
    );
    expect(a.indicators.map((i) => i.unit)).toEqual(['万户', '人', '个']);
    const m = matchIndicators(a.indicators, b.indicators);
    expect(m.pairs.map((p) => [p.a.name, p.b.name, p.unitsDiffer])).toEqual([
      ['城镇新增就业', '城镇新增就业人数', true],
      ['5G基站', '5G基站', true],
    ]);
    expect(m.onlyA.map((i) => i.name)).toEqual(['农村卫生厕所']);
    expect(m.onlyB.map((i) => i.name)).toEqual(['农村卫生厕所普及率']);
  });

  it('a rate named as one (…率, …比例) in a table without a unit column still does not pair with a count', () => {
    const a = tablePlan([['农村卫生厕所', '万户', '12']], 'a-nounit.txt');
    const b = ingestText(
      [
        '某市农村人居环境整治规划',
        '',
        '一、主要目标',
        '',
        '主要指标',
        '序号\t指标\t2020年基数\t2025年目标\t指标属性',
        '1\t农村卫生厕所普及率\t60\t90\t预期性',
        '',
        '二、重点任务',
        '',
        '（一）推进农村厕所革命。分类有序推进农村户厕改造。（牵头单位：市农业农村委）',
      ].join('\n'),
      { fileName: 'b-nounit.txt' },
    );
    expect(b.indicators.map((i) => [i.name, i.unit])).toEqual([['农村卫生厕所普及率', null]]);
    expect(matchIndicators(a.indicators, b.indicators).pairs).toEqual([]);
  });
});

describe('qa7 compare: the same target in another year stands beside it, years shown', () => {
  const pair = (metric: RegExp) => c.targets.find((p) => metric.test(p.a.metric));

  it('消防安全标准化管理达标率 100% by 2025 (county text) ↔ 100 by 2027 (city table)', () => {
    const p = pair(/消防安全标准化管理达标率/);
    expect(p).toBeDefined();
    expect([p!.a.source, p!.a.value, p!.a.year, p!.b.source, p!.b.metric, p!.b.value, p!.b.year]).toEqual([
      'prose',
      100,
      2025,
      'indicator',
      '养老机构消防安全标准化管理达标率',
      100,
      2027,
    ]);
  });

  it('乡镇（街道）综合养老服务中心覆盖率 100% by 2026 ↔ 街道综合养老服务中心覆盖率 100 by 2027: a deadline in the metric does not hide the pair', () => {
    const p = pair(/综合养老服务中心覆盖率/);
    expect(p).toBeDefined();
    expect([p!.a.value, p!.a.year, p!.b.metric, p!.b.value, p!.b.year]).toEqual([100, 2026, '街道综合养老服务中心覆盖率', 100, 2027]);
  });

  it('the pairs found before stay (新增养老床位, 健康管理服务率, 培训, 投诉率, 公益金)', () => {
    for (const m of [/养老床位/, /健康管理服务率/, /培训养老护理员/, /投诉率/, /福利彩票公益金/]) expect(pair(m), String(m)).toBeDefined();
    expect([pair(/养老床位/)!.a.value, pair(/养老床位/)!.b.value]).toEqual([400, 3000]);
  });

  it('a date left in a prose metric (a period in front, a deadline behind) says when, not what', () => {
    expect(metricSimilarity('2025—2027年全县新增养老床位', '2025—2027年全市新增养老床位')).toBe(1);
    expect(metricSimilarity('2025—2027年全县新增养老床位', '新增养老床位')).toBe(1);
    expect(metricSimilarity('乡镇（街道）综合养老服务中心覆盖率2026年底前', '街道综合养老服务中心覆盖率')).toBeGreaterThanOrEqual(TARGET_THRESHOLD);
    // a figure that is no year stays: 2000张 is not a date
    expect(metricSimilarity('其中护理型床位2000张以上', '其中护理型床位')).toBeLessThan(1);
  });

  it('in prose on both sides: 2025 ↔ 2030 pair; with a same-year figure on the other side, that one is taken', () => {
    const plan = (name: string, body: string) =>
      ingestText(
        [
          `${name}农村供水保障规划`,
          '',
          '一、发展目标',
          '',
          body,
          '',
          '二、重点任务',
          '',
          `（一）推进城乡供水一体化。加快城乡供水管网互联互通。（牵头单位：${name.slice(0, 1)}水利局）`,
        ].join('\n'),
        { fileName: `${name}-water.txt` },
      );
    const a = plan('青县', '到2025年，农村自来水普及率达到90%，规模化供水工程覆盖农村人口比例达到60%。');
    const b = plan(
      '云市',
      '到2030年，农村自来水普及率达到95%。到2025年，规模化供水工程覆盖农村人口比例达到55%；到2030年，规模化供水工程覆盖农村人口比例达到70%。',
    );
    const r = comparePlans(a, b);
    const rows = r.targets.map((p) => [p.a.value, p.a.year, p.b.value, p.b.year]);
    expect(rows).toEqual([
      [90, 2025, 95, 2030],
      [60, 2025, 55, 2025],
    ]);
  });
});

describe('qa7 compare: county and city forms of the same service (大队 ↔ 支队)', () => {
  it('县消防救援大队 ↔ 市消防救援支队 is a level pair', () => {
    const p = c.departments.find((d) => d.a === '县消防救援大队');
    expect(p && [p.b, p.relation]).toEqual(['市消防救援支队', 'level']);
  });

  it('the rank of a 队 (总队/支队/大队) folds; another unit does not', () => {
    const aliases = defaultAliases();
    expect(coreKey('区综合行政执法大队', aliases).key).toBe(coreKey('市综合行政执法支队', aliases).key);
    expect(coreKey('省消防救援总队', aliases).key).toBe(coreKey('县消防救援大队', aliases).key);
    expect(correspondingLeads(['县消防救援大队'], ['市综合行政执法支队'], aliases)).toEqual([]);
    expect(correspondingLeads(['县消防救援大队'], ['市消防救援支队'], aliases)).toEqual([['县消防救援大队', '市消防救援支队']]);
  });
});
