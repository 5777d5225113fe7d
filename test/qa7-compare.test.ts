import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile, ingestText } from '../src/ingest.js';
import type { PolicyDocument } from '../src/model/types.js';
import { comparePlans, type Comparison } from '../src/compare/compare.js';
import { matchIndicators } from '../src/compare/indicators.js';
import { coreKey, correspondingLeads } from '../src/compare/departments.js';
import { metricSimilarity, TARGET_THRESHOLD } from '../src/compare/targets.js';
import { defaultAliases } from '../src/model/departments.js';

/**
 * QA7 part C, plan comparison: a county 实施方案 (A) implementing a city plan (B) that it cites
 * by the city's 印发 notice title. Expectations from test/fixtures/qa7/EXPECTED.notes.
 */
const COUNTY = 'test/fixtures/qa7/qichuan-elderly-care-plan-2025.txt';
const CITY = 'test/fixtures/qa7/yuanning-elderly-care-plan-2025.txt';

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

describe('qa7 compare: A cites B by B\'s 印发 notice title', () => {
  it('the county citing the city\'s notice 《沅宁市人民政府办公室关于印发…的通知》 cites B', () => {
    expect(c.citesB).toBe(true);
    expect(c.references.map((r) => [r.title, r.line])).toEqual([
      ['沅宁市人民政府办公室关于印发沅宁市养老服务体系建设实施方案（2025—2027年）的通知', 14],
    ]);
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
    for (const cited of ['《江屿省人民政府办公厅关于转发省卫生健康委江屿省托育服务体系建设规划（2021—2025年）的通知》', '《关于转发省卫生健康委江屿省托育服务体系建设规划（2021—2025年）的通知》']) {
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
