import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import type { PolicyDocument, Target } from '../../src/model/types.js';
import { fixtureLoader } from '../helpers/fixtures.js';

/**
 * QA7: prose targets in the phrasings plans use (test/fixtures/qa7/EXPECTED.notes parts A–C):
 * norms (每百户不低于20平方米的标准), ranges, ratios, changes in 个百分点, counts before their
 * noun, 全覆盖 / 翻一番, and the year in force for periods and deadlines.
 */
const qa7 = fixtureLoader('qa7');
const row = (t: Target) => [t.metric, t.comparator, t.value, t.unit, t.year];
const find = (doc: PolicyDocument, metric: RegExp) => doc.targets.filter((t) => metric.test(t.metric));
const text = (lines: string[], fileName: string) => ingestText(lines.join('\n'), { fileName });

describe('QA7 prose targets: the city elderly-care plan', async () => {
  const doc = await qa7('yuanning-elderly-care-plan-2025.txt');

  it('reads a norm followed by 的标准 as a target per 百户', () => {
    const t = find(doc, /社区养老服务设施$/).filter((x) => x.value === 20);
    expect(t.map(row)).toEqual([['新建住宅小区配套建设社区养老服务设施', '>=', 20, '平方米/百户', null]]);
    expect(t[0].comparatorText).toBe('不低于');
  });

  it('keeps the subject of a metric enumerated with 、 (生活照料、康复护理的面积)', () => {
    expect(doc.targets.filter((x) => x.value === 40).map(row)).toEqual([
      ['社区养老服务设施用于老年人生活照料、康复护理的面积占总建筑面积', '>=', 40, '%', null],
    ]);
  });

  it('reads a count before its noun when 不少于 / 以上 marks it', () => {
    expect(find(doc, /^农村区域养老服务中心$/).map(row)).toEqual([['农村区域养老服务中心', '>=', 3, '个', null]]);
    expect(find(doc, /^养老服务品牌企业$/).map(row)).toEqual([['养老服务品牌企业', '>=', 5, '个', null]]);
  });

  it('gives a change in 个百分点 its direction in comparatorText, not a level', () => {
    const t = find(doc, /闲置率/);
    expect(t.map((x) => [x.value, x.unit, x.comparatorText, x.year])).toEqual([[10, '个百分点', '下降', 2027]]);
  });

  it('reads a ratio after 缩小到, not the baseline ratio before it', () => {
    expect(find(doc, /之比/).map((x) => [...row(x), x.raw])).toEqual([['城乡每千名老年人养老床位数之比', '<=', 2.5, null, 2027, '缩小到2.5:1']]);
  });

  it('strips 力争 and a leading period from metrics; a period sets its end year', () => {
    expect(find(doc, /家庭养老床位/).map(row)).toEqual([['家庭养老床位', '=', 1000, '张', 2027]]);
    expect(doc.targets.filter((x) => x.value === 3000).map(row)).toEqual([['新增养老床位', '=', 3000, '张', 2027]]);
    expect(find(doc, /养老服务业增加值/).map(row)).toEqual([['养老服务业增加值年均增长', '~', 8, '%', 2027]]);
  });

  it('reads a range 5%—8% as one target: the lower bound and `upper`', () => {
    const t = find(doc, /老年用品和服务消费/);
    expect(t.map((x) => [...row(x), x.upper, x.raw])).toEqual([['老年用品和服务消费年均增长', '>=', 5, '%', 2027, 8, '5%—8%']]);
  });

  it('reads 实现全覆盖 as a coverage of 100 % and 翻一番 as 2 倍', () => {
    expect(
      find(doc, /覆盖率$/)
        .filter((x) => x.comparatorText === '全覆盖')
        .map(row),
    ).toEqual([
      ['街道综合养老服务中心覆盖率', '=', 100, '%', 2027],
      ['养老机构与医疗卫生机构签约服务覆盖率', '=', 100, '%', null],
    ]);
    expect(doc.targets.filter((x) => x.comparatorText === '翻一番').map((x) => [...row(x), x.raw])).toEqual([
      ['老年助餐服务点数量', '=', 2, '倍', 2027, '翻一番'],
    ]);
  });
});

describe('QA7 prose targets: the county elderly-care plan', async () => {
  const doc = await qa7('qichuan-elderly-care-plan-2025.txt');

  it('takes ≥ from 不低于 set apart from the figure by 总…的', () => {
    const t = doc.targets.filter((x) => x.value === 50);
    expect(t.map(row)).toEqual([['社区养老服务设施用于老年人生活照料的面积占总建筑面积', '>=', 50, '%', null]]);
    expect(t[0].comparatorText).toBe('不低于');
  });

  it('keeps deadlines out of metrics, and a deadline ends at its ；', () => {
    expect(find(doc, /综合养老服务中心覆盖率/).map(row)).toEqual([['乡镇（街道）综合养老服务中心覆盖率', '=', 100, '%', 2026]]);
    expect(find(doc, /消防安全/).map(row)).toEqual([['养老机构消防安全标准化管理达标率', '=', 100, '%', 2025]]);
    expect(find(doc, /投诉率/).map(row)).toEqual([['养老服务投诉率', '<=', 3, '%', null]]);
    expect(doc.targets.filter((x) => x.value === 400).map(row)).toEqual([['新增养老床位', '=', 400, '张', 2027]]);
    expect(doc.targets.filter((x) => x.value === 20).map((x) => [x.metric, x.unit])).toEqual([['新建住宅小区同步配建社区养老服务设施', '平方米/百户']]);
  });
});

describe('QA7 prose targets: a rectification plan and a 纲要', () => {
  it('a clause with no metric takes the one before it; present facts are no targets', async () => {
    const doc = await qa7('daiyu-rectification-plan-2025.txt');
    expect(find(doc, /收集率/).map(row)).toEqual([
      ['县城建成区生活污水集中收集率', '>=', 60, '%', 2025],
      ['县城建成区生活污水集中收集率', '>=', 70, '%', 2027],
    ]);
    // 2026年6月底前，… sets the year of its sentence
    expect(doc.targets.filter((x) => x.position.start.line === 36).map((x) => [x.value, x.year])).toEqual([
      [100, 2026],
      [85, 2026],
    ]);
    expect(doc.targets.some((x) => x.value === 48.6 || /问题/.test(x.metric))).toBe(false);
  });

  it('reads 岁, 场, ratios with 以内, ranges, and no 力争 in the metric', async () => {
    const doc = await qa7('chenglan-15th-five-year-outline.md');
    expect(find(doc, /预期寿命/).map(row)).toEqual([['人均预期寿命', '=', 80.2, '岁', null]]);
    expect(find(doc, /收入比/).map(row)).toEqual([['城乡居民收入比', '<=', 1.9, null, 2030]]);
    expect(find(doc, /旅游总收入/).map((x) => [...row(x), x.upper])).toEqual([['旅游总收入年均增长', '>=', 5, '%', null, 8]]);
    expect(find(doc, /经济总量/).map(row)).toEqual([['经济总量', '=', 4200, '亿元', 2030]]);
    expect(find(doc, /高新技术企业数量/).map(row)).toEqual([['高新技术企业数量', '=', 2, '倍', null]]);
    const junyang = await qa7('junyang-2025-key-work-breakdown.txt');
    expect(junyang.targets.filter((x) => x.unit === '场').map(row)).toEqual([['开展“钧阳好物”系列促消费活动', '>=', 30, '场', null]]);
  });
});

describe('QA7 prose targets: other shapes', () => {
  it('changes, ranges with a hyphen or ～, ratios after 缩小至', () => {
    const doc = text(
      [
        '某市实施方案',
        '一、主要目标',
        '到2025年，单位地区生产总值能耗降低3个百分点，新能源汽车销量占比提高5个百分点以上，农村居民收入年均增长6%-8%，城乡收入比缩小至2.3:1。',
        '二、重点任务',
        '（一）稳定就业。城镇新增就业年均增长10%～15%。（牵头单位：市人力社保局）',
      ],
      'changes.txt',
    );
    expect(doc.targets.map((t) => [t.metric, t.comparator, t.comparatorText, t.value, t.upper, t.unit, t.year])).toEqual([
      ['单位地区生产总值能耗降低', '=', '降低', 3, null, '个百分点', 2025],
      ['新能源汽车销量占比提高', '>=', '以上', 5, null, '个百分点', 2025],
      ['农村居民收入年均增长', '>=', '增长', 6, 8, '%', 2025],
      ['城乡收入比', '<=', '缩小至', 2.3, null, null, 2025],
      ['城镇新增就业年均增长', '>=', '增长', 10, 15, '%', null],
    ]);
  });

  it('counts before their noun only with a comparator, and never a size class (亿元以上项目, 60岁及以上)', () => {
    const doc = text(
      [
        '某县工作要点',
        '一、重点工作',
        '1.建成不少于5个示范基地，引进亿元以上项目20个，其中10亿元以上项目3个以上，为60岁及以上老年人、3岁以下婴幼儿提供服务，推动12家企业上云。',
      ],
      'counts.txt',
    );
    expect(doc.targets.map((t) => [t.metric, t.comparator, t.value, t.unit])).toEqual([
      ['示范基地', '>=', 5, '个'],
      ['引进亿元以上项目', '=', 20, '个'],
      ['10亿元以上项目', '>=', 3, '个'],
    ]);
  });

  it('a period sets its end year, a citation in brackets does not; a deadline governs its clause only', () => {
    const doc = text(
      [
        '某区实施方案',
        '一、工作目标',
        '根据《某某行动计划（2021—2023年）》，森林覆盖率达到45%。',
        '2024—2026年，累计新增绿地面积120公顷。',
        '到2027年，污水处理率达到95%；2026年6月底前，黑臭水体消除比例达到90%；垃圾分类覆盖率达到100%。',
        '2025年9月底前完成排查；建成区绿地率达到40%。',
      ],
      'years.txt',
    );
    expect(doc.targets.map((t) => [t.metric, t.value, t.year])).toEqual([
      ['森林覆盖率', 45, null],
      ['累计新增绿地面积', 120, 2026],
      ['污水处理率', 95, 2027],
      ['黑臭水体消除比例', 90, 2026],
      ['垃圾分类覆盖率', 100, 2027],
      ['建成区绿地率', 40, null],
    ]);
  });

  it('present levels are no targets; 推进…全覆盖 is no target, 实现…全覆盖 is', () => {
    const doc = text(
      [
        '某县实施方案',
        '一、工作目标',
        '目前全县农村自来水普及率仅为82%，城区供水管网漏损率已达到12%。到2026年，农村自来水普及率达到95%，实现行政村千兆光网全覆盖，推进垃圾分类小区全覆盖。',
      ],
      'present.txt',
    );
    expect(doc.targets.map((t) => [t.metric, t.value, t.unit, t.comparatorText, t.year, t.raw])).toEqual([
      ['农村自来水普及率', 95, '%', '达到', 2026, '达到95%'],
      ['行政村千兆光网覆盖率', 100, '%', '全覆盖', 2026, '全覆盖'],
    ]);
  });
});
