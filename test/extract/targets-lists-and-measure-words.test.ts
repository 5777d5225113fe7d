import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import type { PolicyDocument, Target } from '../../src/model/types.js';
import { fixtureLoader } from '../helpers/fixtures.js';

/**
 * QA9: prose targets (test/fixtures/qa9/EXPECTED.notes parts A and B): 分别 lists pairing
 * metrics with figures, counts before their noun marked by 左右, more measure words (只, 头 …),
 * and a change against the same period (同比下降10%).
 */
const qa9 = fixtureLoader('qa9');
const row = (t: Target) => [t.metric, t.comparator, t.comparatorText, t.value, t.unit, t.year];
const text = (lines: string[], fileName: string) => ingestText(lines.join('\n'), { fileName });
const at = (doc: PolicyDocument, raw: RegExp) => doc.targets.filter((t) => raw.test(t.sentence));

describe('QA9 prose targets: 分别 lists', async () => {
  const national = await qa9('national-cold-chain-action-plan.txt');
  const hunan = await qa9('hunan-cold-chain-task-division.txt');

  it('pairs each listed metric with its figure, 以上 after the last figure applying to each', () => {
    expect(national.targets.filter((t) => /低温处理率/.test(t.metric)).map(row)).toEqual([
      ['肉类、果蔬、水产品产地低温处理率（肉类）', '>=', '以上', 85, '%', 2027],
      ['肉类、果蔬、水产品产地低温处理率（果蔬）', '>=', '以上', 30, '%', 2027],
      ['水产品产地低温处理率', '>=', '以上', 85, '%', 2027],
    ]);
    expect(hunan.targets.filter((t) => /低温处理率/.test(t.metric)).map((t) => [t.value, t.comparator, t.year])).toEqual([
      [80, '>=', 2027],
      [28, '>=', 2027],
      [80, '>=', 2027],
    ]);
  });

  it('gives each complete metric its own figure, the change verb kept as for one metric', () => {
    const doc = text(
      ['某市工作要点', '一、主要目标', '到2026年，地区生产总值、一般公共预算收入分别增长6%和5%左右，城镇和农村居民人均可支配收入分别增长5.5%、7%。'],
      'fenbie.txt',
    );
    expect(doc.targets.map((t) => [t.metric, t.comparator, t.comparatorText, t.value, t.unit, t.year])).toEqual([
      ['地区生产总值增长', '~', '左右', 6, '%', 2026],
      ['一般公共预算收入增长', '~', '左右', 5, '%', 2026],
      ['城镇和农村居民人均可支配收入增长（城镇）', '=', '增长', 5.5, '%', 2026],
      ['农村居民人均可支配收入增长', '=', '增长', 7, '%', 2026],
    ]);
  });

  it('keeps the pairs it can when the counts differ, inventing none', () => {
    const doc = text(['某县实施方案', '一、主要目标', '到2027年，城市、县城污水处理率分别达到98%、95%、90%。'], 'uneven.txt');
    expect(doc.targets.map((t) => [t.metric, t.value])).toEqual([
      ['城市、县城污水处理率（城市）', 98],
      ['县城污水处理率', 95],
    ]);
  });
});

describe('QA9 prose targets: counts and measure words', async () => {
  const national = await qa9('national-cold-chain-action-plan.txt');
  const chengtang = await qa9('chengtang-plan-from-word.md');

  it('reads a count before its noun marked by 左右, keeping 新增 (an increment, not a stock)', () => {
    expect(at(national, /2025—2027年新增30个左右/).map(row)).toEqual([['新增国家骨干冷链物流基地', '~', '左右', 30, '个', 2027]]);
  });

  it('reads 只 as a measure word (配备分类桶2000只)', () => {
    expect(chengtang.targets.filter((t) => t.value === 2000).map((t) => [t.metric, t.value, t.unit])).toEqual([['全镇配备分类桶', 2000, '只']]);
  });

  it('reads the measure words of livestock, trees, vessels and sets', () => {
    const doc = text(
      [
        '某县实施方案',
        '一、主要目标',
        '到2026年，生猪出栏达到12万头，家禽出栏500万羽，新植苗木3万株，新增渔船10艘，更新路灯800盏，配备农机具1200台套，组建应急队伍不少于8支。',
      ],
      'measures.txt',
    );
    expect(doc.targets.map((t) => [t.value, t.unit])).toEqual([
      [12, '万头'],
      [500, '万羽'],
      [3, '万株'],
      [10, '艘'],
      [800, '盏'],
      [1200, '台套'],
      [8, '支'],
    ]);
  });
});

describe('QA9 prose targets: a change against the same period', async () => {
  const chengtang = await qa9('chengtang-plan-from-word.md');

  it('keeps the fall in comparatorText and the metric, not 同比 or 年内', () => {
    expect(chengtang.targets.filter((t) => /亡人事故/.test(t.metric)).map(row)).toEqual([['道路交通亡人事故下降', '=', '下降', 10, '%', null]]);
  });

  it('drops 同比 / 比上年 / 较上年 like a base year', () => {
    const doc = text(
      ['某区工作要点', '一、重点工作', '1.全年社会消费品零售总额比上年增长6%，安全生产事故起数较上年下降15%，火灾起数同比下降5%以上。'],
      'change.txt',
    );
    expect(doc.targets.map((t) => [t.metric, t.comparator, t.comparatorText, t.value])).toEqual([
      ['社会消费品零售总额增长', '=', '增长', 6],
      ['安全生产事故起数下降', '=', '下降', 15],
      ['火灾起数下降', '>=', '以上', 5],
    ]);
  });

  it('gives a bare 同比增长 the metric of the figure before it in the sentence', () => {
    const doc = text(['某区实施方案', '一、主要目标', '到2026年底，全区社会消费品零售总额达到680亿元，同比增长6%以上；网络零售额突破120亿元。'], 'yoy.txt');
    expect(doc.targets.map((t) => [t.metric, t.comparator, t.comparatorText, t.value, t.unit])).toEqual([
      ['社会消费品零售总额', '=', '达到', 680, '亿元'],
      ['社会消费品零售总额增长', '>=', '以上', 6, '%'],
      ['网络零售额', '>', '突破', 120, '亿元'],
    ]);
  });
});
