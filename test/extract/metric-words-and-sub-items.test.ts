import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import { fixtureLoader } from '../helpers/fixtures.js';

/**
 * QA8 user journey: a target's metric keeps the words that say what its figure counts
 * (新增养老床位 400张 is beds added, not a total), and a task's text is its text as written,
 * the labels of its sub-items ((1) (2) …) included.
 */
const qa7 = fixtureLoader('qa7');
const text = (lines: string[], fileName: string) => ingestText(lines.join('\n'), { fileName });

describe('QA8 target metrics keep the words that change what the figure means', () => {
  it('新增 stays in the metric of a period target, the period and 全县/全市 do not', async () => {
    const county = await qa7('qichuan-elderly-care-plan-2025.txt');
    expect(county.targets.filter((x) => x.value === 400).map((x) => [x.metric, x.value, x.unit, x.year])).toEqual([['新增养老床位', 400, '张', 2027]]);
    const city = await qa7('yuanning-elderly-care-plan-2025.txt');
    expect(city.targets.filter((x) => x.value === 3000).map((x) => [x.metric, x.year])).toEqual([['新增养老床位', 2027]]);
  });

  it('新建, 改造, 新建或改造 stay (the figure is what is built), 全年 / 全县 / 积极 / 其中 go', async () => {
    const doc = await text(
      [
        '某县2026年重点工作安排',
        '一、重点任务',
        '（一）加快基础设施建设。全年新建改造城市道路8公里，改造提升农村公路150公里，新建或改造乡镇商贸中心9个；全县积极新增公共停车泊位1200个，其中新能源汽车充电泊位不少于300个。（牵头单位：县住房城乡建委）',
        '（二）稳定扩大就业。到2026年，累计新增城镇就业1.2万人，净增市场主体2000户，全年接待游客300万人次以上。（牵头单位：县人力社保局）',
      ],
      'work-points.txt',
    );
    expect(doc.targets.map((x) => [x.metric, x.value])).toEqual([
      ['新建改造城市道路', 8],
      ['改造提升农村公路', 150],
      ['新建或改造乡镇商贸中心', 9],
      ['新增公共停车泊位', 1200],
      ['新能源汽车充电泊位', 300],
      ['累计新增城镇就业', 1.2],
      ['净增市场主体', 2000],
      ['接待游客', 300],
    ]);
  });

  it('a clause with nothing but 新增 before its figure names no metric', async () => {
    const doc = await text(['某县养老服务实施方案', '一、主要目标', '到2027年，全县养老床位达到3500张，2026年新增300张。'], 'added-only.txt');
    expect(doc.targets.map((x) => [x.metric, x.value])).toEqual([['养老床位', 3500]]);
  });
});

describe('QA8 task text keeps the labels of its sub-items', () => {
  it('the rectification plan: sub-measures on lines of their own keep (1) (2) (3), as the one-line task does', async () => {
    const doc = await qa7('daiyu-rectification-plan-2025.txt');
    const task = (n: string) => doc.tasks.find((t) => t.number === n)!;
    expect(task('1').text).toContain(
      '整改措施：\n(1)开展县城排水管网全面排查，建立问题管网清单，2025年8月底前完成排查。\n(2)实施老城区雨污分流改造，新建改造污水管网35公里。\n(3)加快县城第二污水处理厂扩建，新增处理能力2万吨/日。\n责任领导：',
    );
    for (const n of ['3', '4', '5', '6']) {
      expect(task(n).text).toMatch(/整改措施：\n\(1\)\S+\n\(2\)\S+\n责任领导：/);
    }
    expect(task('2').text).toContain('整改措施：(1)开展河道非法采砂专项整治行动');
    // the task's own number stays in its label, not its text; the clause is still the clause
    expect(task('1').text.startsWith('问题1：')).toBe(true);
    expect(task('1').lead).toEqual(['县住房城乡建委']);
    // compare drops the clause from the text by finding it there
    for (const t of doc.tasks) expect(t.text.endsWith(t.clause!.raw)).toBe(true);
  });

  it('a 公文 task whose sub-items are numbered （1） and ① keeps their labels', async () => {
    const doc = await text(
      [
        '某县优化营商环境实施方案',
        '一、重点任务',
        '（一）提升政务服务效能。',
        '　　1．推行“一网通办”。',
        '　　（1）梳理高频事项清单，实现线上办理。',
        '　　（2）推行容缺受理，压缩办理时限。',
        '　　牵头单位：县政务服务中心',
        '　　2．规范涉企检查。',
        '　　①推行“综合查一次”。',
        '　　②建立涉企检查备案制度。',
        '　　牵头单位：县司法局',
      ],
      'sub-items.txt',
    );
    const texts = doc.tasks.map((t) => t.text);
    expect(texts).toEqual([
      '推行“一网通办”。\n（1）梳理高频事项清单，实现线上办理。\n（2）推行容缺受理，压缩办理时限。\n牵头单位：县政务服务中心',
      '规范涉企检查。\n①推行“综合查一次”。\n②建立涉企检查备案制度。\n牵头单位：县司法局',
    ]);
    expect(doc.tasks.map((t) => t.lead)).toEqual([['县政务服务中心'], ['县司法局']]);
  });

  it('a Markdown task keeps the numbers of its list items and its (1) paragraphs', async () => {
    const doc = await text(
      [
        '# 某市数字政府建设实施方案',
        '',
        '## 一、重点任务',
        '',
        '### （一）推进数据共享',
        '',
        '加快打通部门数据壁垒，重点做好以下工作：',
        '',
        '1. 建设全市统一的数据共享交换平台。',
        '2. 编制公共数据目录，按月更新。',
        '',
        '牵头单位：市大数据局',
        '',
        '### （二）提升在线服务',
        '',
        '围绕企业和群众办事需求：',
        '',
        '(1) 推行“掌上办”，高频事项全部上线。',
        '',
        '(2) 开展政务服务“好差评”。',
        '',
        '牵头单位：市政务服务中心',
      ],
      'md-subitems.md',
    );
    expect(doc.tasks.map((t) => t.text)).toEqual([
      '推进数据共享\n加快打通部门数据壁垒，重点做好以下工作：\n1. 建设全市统一的数据共享交换平台。\n2. 编制公共数据目录，按月更新。\n牵头单位：市大数据局',
      '提升在线服务\n围绕企业和群众办事需求：\n(1) 推行“掌上办”，高频事项全部上线。\n(2) 开展政务服务“好差评”。\n牵头单位：市政务服务中心',
    ]);
  });
});
