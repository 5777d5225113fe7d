import { beforeAll, describe, expect, it } from 'vitest';
import { type Comparison, comparePlans, PlanComparer } from '../../src/compare/compare.js';
import { ingestFile } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { fixture as fixturePath, WUXI_FILE } from '../helpers/fixtures.js';

/**
 * The comparison on two plans written for it (test/fixtures/compare/):
 *   A = 青溪县新型城镇化实施方案 (county, 一、/（一）/1. outline, clauses on every task),
 *   B = 云川市新型城镇化规划 (municipal, 第X章/第X节, 专栏, indicator table with 2025 and 2035 targets).
 * A was written to implement part of B: the expectations below come from how the texts were
 * written (which B task each A task was adapted from, which chapters were left out, which
 * indicators were renamed), not from running the code.
 */

const fixture = (name: string) => fixturePath('compare', name);
const COUNTY = fixture('qingxi-urbanization-plan-2021-2035.txt');
const CITY = fixture('yunchuan-urbanization-plan-2021-2035.txt');
const WUXI = WUXI_FILE;

let county: PolicyDocument;
let city: PolicyDocument;
let c: Comparison;

beforeAll(async () => {
  county = await ingestFile(COUNTY);
  city = await ingestFile(CITY);
  c = comparePlans(county, city);
});

/** A task of A, by its title. */
function taskOfA(title: string) {
  const t = c.tasks.find((x) => x.title === title);
  if (!t) throw new Error(`no task "${title}" in A (tasks: ${c.tasks.map((x) => x.title).join(', ')})`);
  return t;
}

// Each county task and the municipal task it was adapted from.
const COUNTERPARTS: [string, string][] = [
  ['提升县城综合承载能力', '推进县城补短板强弱项'],
  ['建设特色小城镇', '促进小城镇特色发展'],
  ['放宽县城落户条件', '全面放开落户限制'],
  ['保障随迁子女平等接受教育', '保障随迁子女平等受教育权利'],
  ['加强农业转移人口职业技能培训', '加强农民工职业技能培训'],
  ['实施县城老旧小区改造', '推进城镇老旧小区改造'],
  ['完善县乡村交通网络', '完善县乡村交通网络'],
  ['推进生活垃圾分类处理', '推进生活垃圾分类处理'],
  ['加强青溪河流域生态保护修复', '推进河湖生态保护修复'],
  ['深化农村土地制度改革', '深化农村土地制度改革'],
  ['拓宽农民增收渠道', '拓宽农民增收渠道'],
  ['推动县城产业园区提质升级', '推动产业园区提质升级'],
];

// County-specific tasks, written with no municipal counterpart.
const COUNTY_ONLY = ['做好易地扶贫搬迁后续扶持', '创建全域旅游示范区', '发展富硒茶叶产业'];

// Written to touch a municipal task only in part (供水管网向乡镇延伸, but about rural drinking water).
const WEAK: [string, string] = ['推进城乡供水一体化', '提升供水供气保障能力'];

// Municipal content the county plan leaves out altogether.
const GAP_SECTIONS = ['提高城市治理水平', '推动区域协调发展', '提升城市公共服务品质'];
const GAP_ITEMS = [
  '做强中心城区',
  '培育两个城市副中心',
  '深度融入省域城镇群',
  '推动毗邻地区协同发展',
  '完善社会保障体系',
  '扩大住房保障覆盖面',
  '加强历史文化保护传承',
  '构建对外交通大通道',
  '优先发展城市公共交通',
  '系统化全域推进海绵城市建设',
  '推进地下综合管廊建设',
  '完善养老托育服务体系',
  '建设全民健身设施网络',
  '大力发展绿色建筑',
  '建设城市运行管理服务平台',
  '深化政务服务“一网通办”',
  '提升城市防洪排涝能力',
  '健全公共卫生应急体系',
];

describe('compare: county plan against the municipal plan it implements', () => {
  it('reads both fixtures into tasks, sections and indicators', () => {
    expect(county.tasks).toHaveLength(16);
    expect(county.indicators).toHaveLength(8);
    expect(city.indicators).toHaveLength(11);
    expect(city.sections.filter((s) => s.style === 'chapter')).toHaveLength(10);
  });

  it.each(COUNTERPARTS)('A task %s has its counterpart %s', (a, b) => {
    const t = taskOfA(a);
    expect(t.verdict).toBe('counterpart');
    expect(t.matches[0].title).toBe(b);
    expect(t.score).toBeGreaterThanOrEqual(c.thresholds.counterpart);
  });

  it.each(COUNTY_ONLY)('county-specific task %s has no counterpart', (a) => {
    const t = taskOfA(a);
    expect(t.verdict).toBe('none');
    expect(t.score).toBeLessThan(c.thresholds.weak);
  });

  it('a task written to overlap in part is a weak match to the right task', () => {
    const t = taskOfA(WEAK[0]);
    expect(t.verdict).toBe('weak');
    expect(t.matches.map((m) => m.title)).toContain(WEAK[1]);
  });

  it('summary counts agree with the verdicts', () => {
    expect(c.summary).toMatchObject({ counterpart: COUNTERPARTS.length, weak: 1, none: COUNTY_ONLY.length });
  });

  it.each(GAP_SECTIONS)('the left-out section %s is reported as a gap', (title) => {
    const gap = c.uncovered.find((g) => g.kind === 'section' && g.title === title);
    expect(gap, `uncovered: ${c.uncovered.map((g) => g.title).join(', ')}`).toBeDefined();
    expect(gap!.status).toBe('uncovered');
    expect(c.coverage.find((s) => s.title === title)!.ratio).toBe(0);
  });

  it.each(GAP_ITEMS)('the left-out item %s is reported uncovered (itself or its section)', (title) => {
    const direct = c.uncovered.find((g) => g.title === title);
    if (direct) {
      expect(direct.status).toBe('uncovered');
      return;
    }
    // Not listed itself: then inside a section listed as wholly uncovered.
    const holder = city.tasks.find((t) => t.title === title)?.section ?? city.sections.find((s) => s.title === title)?.parent;
    expect(holder, title).toBeTruthy();
    const gapSections = c.uncovered.filter((g) => g.kind === 'section').map((g) => g.id);
    expect(gapSections.some((id) => holder === id || holder!.startsWith(id + '.'))).toBe(true);
  });

  it('the municipal tasks the county took up are not reported as gaps', () => {
    const gapTitles = new Set(c.uncovered.map((g) => g.title));
    for (const [, b] of COUNTERPARTS) expect(gapTitles.has(b), b).toBe(false);
  });

  it('coverage of a chapter mixes covered and uncovered tasks', () => {
    const ch4 = c.coverage.find((s) => s.title === '加快农业转移人口市民化')!;
    expect(ch4.status).toBe('partial');
    expect(ch4.counted).toBe('tasks');
    expect(ch4.cells).toHaveLength(7);
    expect(ch4.cells.filter((x) => x === 'covered').length).toBeGreaterThanOrEqual(3);
    expect(ch4.ratio).toBeGreaterThan(0);
    expect(ch4.ratio).toBeLessThan(1);
  });

  it('pairs the six shared indicators despite wording and units, values side by side', () => {
    const pairs = Object.fromEntries(c.indicators.map((p) => [p.a.name, p.b.name]));
    expect(pairs).toEqual({
      全县常住人口城镇化率: '常住人口城镇化率',
      城镇新增就业: '城镇新增就业人数',
      县城建成区绿化覆盖率: '城市建成区绿化覆盖率',
      空气质量优良天数比例: '城市空气质量优良天数比率',
      '政务服务事项“全网通办率”': '政务服务事项网上可办率',
      城乡居民收入比: '城乡居民人均可支配收入比',
    });
    const urban = c.indicators.find((p) => p.b.name === '常住人口城镇化率')!;
    expect(urban.a.baseline?.raw).toBe('41.5');
    expect(urban.a.targets.map((t) => [t.year, t.raw])).toEqual([[2025, '48']]);
    expect(urban.b.baseline?.raw).toBe('62.3');
    expect(urban.b.targets.map((t) => [t.year, t.raw])).toEqual([
      [2025, '67'],
      [2035, '75'],
    ]);
    const jobs = c.indicators.find((p) => p.b.name === '城镇新增就业人数')!;
    expect(jobs.unitsDiffer).toBe(true);
    expect([jobs.a.unit, jobs.b.unit]).toEqual(['人', '万人']);
    expect(c.indicators.find((p) => p.b.name === '常住人口城镇化率')!.unitsDiffer).toBe(false);
    expect(c.indicatorsOnlyA.map((i) => i.name).sort()).toEqual(['农村自来水普及率', '县城生活污水处理率'].sort());
    // 户籍 and 常住 are different metrics: 户籍人口城镇化率 stays unmatched.
    expect(c.indicatorsOnlyB.map((i) => i.name)).toContain('户籍人口城镇化率');
  });

  it('sees that A cites B although brackets and dash differ', () => {
    expect(c.citesB).toBe(true);
    expect(c.references.map((r) => r.title)).toEqual(['云川市新型城镇化规划(2021-2035年)']);
    expect(c.citedByB).toEqual([]);
  });

  it('pairs county units with the municipal units of the same alias group', () => {
    const level = c.departments.filter((d) => d.relation === 'level');
    const find = (core: RegExp) => level.find((d) => core.test(d.a) && core.test(d.b));
    const transport = find(/交通/);
    expect(transport).toMatchObject({ aLevel: '县', bLevel: '市' });
    expect(transport!.a).toMatch(/^县交通/);
    expect(transport!.b).toMatch(/^市交通/);
    // 县住建委 (abbreviation) ↔ 市住房城乡建委.
    const housing = find(/住/);
    expect(housing).toBeDefined();
    expect(housing!.a.startsWith('县')).toBe(true);
    expect(housing!.b.startsWith('市')).toBe(true);
    expect(c.departments.every((d) => d.relation === 'level')).toBe(true);
  });

  it('says whether the lead units of a pair are the same unit at the two levels', () => {
    // Written so: 县交通运输局 leads the county task, 市交通局 the municipal one.
    expect(taskOfA('完善县乡村交通网络').leadsCorrespond).toEqual([['县交通运输局', '市交通局']]);
    expect(taskOfA('完善县乡村交通网络').matches[0].lead).toEqual(['市交通局']);
    // Two leads each, both corresponding.
    expect(taskOfA('加强青溪河流域生态保护修复').leadsCorrespond).toHaveLength(2);
    // Written so: 县水利局 leads the county water task, 市城市管理局 the municipal one.
    expect(taskOfA('推进城乡供水一体化').leadsCorrespond).toEqual([]);
  });

  it('applies the thresholds as stated: ≥ counterpart, ≥ weak, else none', () => {
    for (const t of c.tasks) {
      const expected = t.score >= c.thresholds.counterpart ? 'counterpart' : t.score >= c.thresholds.weak ? 'weak' : 'none';
      expect(t.verdict, t.title).toBe(expected);
    }
    // The bounds are inclusive: a threshold equal to a task's exact score keeps it above.
    const t = taskOfA(WEAK[0]);
    const exact = new PlanComparer({ counterpart: 0.99, weak: 0 }).compare(county, city).tasks.find((x) => x.title === WEAK[0])!;
    const raw = exact.score;
    const at = new PlanComparer({ counterpart: raw, weak: 0.1 }).compare(county, city);
    expect(at.tasks.find((x) => x.title === t.title)!.verdict).toBe('counterpart');
    const above = new PlanComparer({ counterpart: raw + 0.001, weak: raw }).compare(county, city);
    expect(above.tasks.find((x) => x.title === t.title)!.verdict).toBe('weak');
  });

  it('rejects thresholds out of order', () => {
    expect(() => new PlanComparer({ counterpart: 0.2, weak: 0.5 })).toThrow(/weak/);
  });
});

describe('compare: targets stated in the prose', () => {
  const pair = (metric: string) => c.targets.find((p) => p.a.metric === metric);

  it('pairs the same metric where one side or both state it in the text, year by year', () => {
    expect(pair('随迁子女在公办学校就读比例')).toMatchObject({
      a: { source: 'prose', value: 95, unit: '%', comparatorText: '以上', year: 2025 },
      b: { source: 'prose', value: 95, unit: '%', year: 2025 },
    });
    // the county's 2035 figure is only in its text; the city's is in its indicator table
    const urban2035 = c.targets.find((p) => p.a.year === 2035 && p.a.metric === '常住人口城镇化率');
    expect(urban2035).toMatchObject({ a: { source: 'prose', value: 58 }, b: { source: 'indicator', value: 75, year: 2035 } });
  });

  it('leaves table ↔ table to the indicators, and a sentence restating its own table out', () => {
    expect(c.targets.some((p) => p.a.source === 'indicator' && p.b.source === 'indicator')).toBe(false);
    // 到2025年，全县常住人口城镇化率达到48%: the county's indicator 1 says the same, so no second figure
    expect(c.targets.filter((p) => p.a.metric.includes('城镇化率') && p.a.year === 2025)).toEqual([]);
  });

  it('never pairs figures of different units or years', () => {
    for (const p of c.targets) {
      expect(p.a.unit, p.metric).toBe(p.b.unit);
      if (p.a.year !== null && p.b.year !== null) expect(p.a.year, p.metric).toBe(p.b.year);
    }
    // 3000 人次 (county) and 5 万人次 (city) of 农民工职业技能培训 are not one figure
    expect(c.targets.some((p) => p.a.metric.includes('职业技能培训'))).toBe(false);
  });
});

describe('compare: a document with itself', () => {
  it.each([
    ['county fixture', COUNTY],
    ['municipal fixture', CITY],
    ['bundled Wuxi plan', WUXI],
  ])('%s: every task is its own counterpart and nothing is left out', async (_name, file) => {
    const doc = await ingestFile(file);
    expect(doc.tasks.length).toBeGreaterThan(0);
    const self = comparePlans(doc, doc);
    expect(self.tasks).toHaveLength(doc.tasks.length);
    for (const t of self.tasks) {
      expect(t.verdict, t.title).toBe('counterpart');
      expect(t.matches[0]).toMatchObject({ kind: 'task', id: t.number });
      expect(t.score).toBeCloseTo(1, 6);
    }
    expect(self.uncovered).toEqual([]);
    expect(self.coverage.every((s) => s.status === 'covered')).toBe(true);
    expect(self.indicators).toHaveLength(doc.indicators.length);
    expect(self.indicators.every((p) => p.score === 1 && p.a.name === p.b.name)).toBe(true);
  });
});

describe('compare: the bundled county plan beside a municipal plan it does not cite', () => {
  it('pairs the indicators both tables carry and finds no citation', async () => {
    const wuxi = await ingestFile(WUXI);
    const r = comparePlans(wuxi, city);
    // The bundled plan cites 《重庆市新型城镇化规划（2021—2035年）》, not the municipal fixture.
    expect(r.citesB).toBe(false);
    expect(r.references).toEqual([]);
    expect(Object.fromEntries(r.indicators.map((p) => [p.a.name, p.b.name]))).toEqual({
      常住人口城镇化率: '常住人口城镇化率',
      城镇调查失业率: '城镇调查失业率',
      城市建成区绿化覆盖率: '城市建成区绿化覆盖率',
      空气质量优良天数比率: '城市空气质量优良天数比率',
      '政务服务事项“全网通办率”': '政务服务事项网上可办率',
      城乡居民收入比: '城乡居民人均可支配收入比',
    });
    expect(r.indicatorsOnlyA.map((i) => i.name).sort()).toEqual(['城区常住人口占全县常住人口比重', '新市民保障性租赁住房覆盖率'].sort());
    // Every task of A is judged.
    expect(r.tasks).toHaveLength(wuxi.tasks.length);
    // Same subject, independent wording: the plans share topics without copying each other.
    const transport = r.tasks.find((t) => t.title === '突破对外交通瓶颈')!;
    expect(transport.matches[0].title).toBe('构建对外交通大通道');
    // 县交通局 (county) ↔ 市交通局 (municipal).
    expect(r.departments).toContainEqual(expect.objectContaining({ a: '县交通局', b: '市交通局', relation: 'level' }));
  });
});
