/**
 * A newcomer's short city plan (5 tasks of 30–70 characters) against the bundled county plan
 * (27 tasks of 170–400): what went wrong when B's units are much shorter than A's, and the
 * other findings of that run (Markdown lists and legend, section paths, self-citation).
 * Expectations come from reading the two texts, not from running the code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Comparison, comparePlans } from '../../src/compare/compare.js';
import { formatMarkdown, formatTerminal } from '../../src/compare/format.js';
import { TfIdfSpace } from '../../src/compare/similarity.js';
import { ingestFile } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { fixture, WUXI_FILE } from '../helpers/fixtures.js';

const WUXI = WUXI_FILE;
const SHORT = fixture('compare/shancheng-short-tasks-city-plan.txt');
const COUNTY = fixture('compare/qingxi-urbanization-plan-2021-2035.txt');
const CITY = fixture('compare/yunchuan-urbanization-plan-2021-2035.txt');

let wuxi: PolicyDocument;
let short: PolicyDocument;
let c: Comparison; // Wuxi (A, long tasks) ↔ 山城 (B, short tasks)
let county: Comparison; // 青溪 ↔ 云川: tasks of comparable length

const task = (title: string) => {
  const t = c.tasks.find((x) => x.title === title);
  if (!t) throw new Error(`no task ${title}`);
  return t;
};

beforeAll(async () => {
  wuxi = await ingestFile(WUXI);
  short = await ingestFile(SHORT);
  c = comparePlans(wuxi, short);
  county = comparePlans(await ingestFile(COUNTY), await ingestFile(CITY));
});

describe('B much shorter than A', () => {
  it('the fixture is what the finding is about: B has 5 short tasks, A 27 long ones', () => {
    expect(short.tasks).toHaveLength(5);
    expect(wuxi.tasks).toHaveLength(27);
  });

  // B三 says 完善农村公路网络，实现乡镇通三级公路; A 8 builds 行政村等级路 and 乡镇1小时通达.
  it('a long task whose topic a short task covers in one clause is not "none"', () => {
    const t = task('畅通县内交通网络');
    expect(t.verdict).not.toBe('none');
    expect(t.matches[0]).toMatchObject({ kind: 'task', title: '构建现代综合交通体系' });
  });

  // B三 高速铁路、高速公路、旅游环线铁路规划研究 is most of A 7's programme.
  it('a short task mostly contained in a long one is a counterpart', () => {
    const t = task('突破对外交通瓶颈');
    expect(t.verdict).toBe('counterpart');
    expect(t.matches[0].title).toBe('构建现代综合交通体系');
  });

  // B四 防洪排涝 + 疫情防控救治 are two of A 19's three paragraphs.
  it('pairs the safety tasks and the 市民化 tasks with their short counterparts', () => {
    expect(task('提高城镇安全保障能力').matches[0].title).toBe('提升城市安全韧性');
    expect(task('提高城镇安全保障能力').verdict).not.toBe('none');
    expect(task('推进城镇基本公共服务覆盖常住人口').matches[0].title).toBe('推进农业转移人口市民化');
    expect(task('健全农业转移人口市民化配套政策').verdict).toBe('counterpart');
  });

  it('tasks on topics B does not touch stay "none"', () => {
    for (const title of ['彰显城市人文化温度', '健全生态环境保护制度', '完善城市住房体系', '健全可持续的城市投融资机制', '推动渝陕鄂川毗邻地区联动发展']) {
      expect(task(title).verdict, title).toBe('none');
    }
  });

  it('fewer A tasks land in "A only" than with plain cosine', () => {
    expect(c.summary.none).toBeLessThan(20);
    expect(c.summary.counterpart + c.summary.weak).toBeGreaterThan(7);
  });

  it('says so when B’s tasks are much shorter than A’s, in the terminal and in Markdown', () => {
    expect(c.unitLengths.b).toBeLessThan(c.unitLengths.a / 3);
    expect(formatTerminal(c)).toMatch(/B 的任务远短于 A 的/);
    expect(formatMarkdown(c)).toMatch(/B 的任务远短于 A 的/);
  });

  it('no caveat for plans whose tasks are of comparable length', () => {
    expect(formatTerminal(county)).not.toMatch(/远短于/);
    expect(formatMarkdown(county)).not.toMatch(/远短于/);
  });

  it('length-scaled score: equal to cosine for units of comparable length, lifted for a short unit inside a long one', () => {
    const words = (s: string) => s.split(' ');
    const space = new TfIdfSpace([
      words('高速 铁路 公路 农村 枢纽'),
      words('高速 铁路 公路 农村 枢纽 航道 码头 机场 客运 货运 公交 站场 换乘 物流 邮政 乡镇 通达 干线 国道 省道'),
      words('高速 铁路 公路 农村 码头'),
      words('住房 租赁 保障 信贷 土地'),
    ]);
    // Comparable length: the plain cosine.
    expect(space.score(0, 2)).toBeCloseTo(space.cosine(0, 2), 12);
    // Contained in a unit four times as long: cosine is capped near √(5/20) = 0.5; the score is not.
    expect(space.cosine(0, 1)).toBeLessThan(0.55);
    expect(space.score(0, 1)).toBeGreaterThan(space.cosine(0, 1));
    expect(space.score(0, 1)).toBeLessThanOrEqual(1);
    expect(space.score(0, 0)).toBeCloseTo(1, 12);
    expect(space.score(0, 3)).toBe(0);
    expect(space.score(1, 0)).toBe(space.score(0, 1));
  });
});
