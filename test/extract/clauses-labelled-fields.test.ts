import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { fixtureLoader, readFixture } from '../helpers/fixtures.js';

/**
 * QA7 parts A and B, clauses and task lifting: fields split by ， instead of ；, 整改方案 items
 * laid out as 问题/整改措施/责任单位/整改时限 lines, zero-width characters from web copies.
 * Expectations from test/fixtures/qa7/EXPECTED.notes, written by hand from the text.
 */
const qa7 = fixtureLoader('qa7');
const units = (doc: PolicyDocument) => doc.tasks.map((t) => [t.number, t.lead, t.responsible, t.deadline]);
const rules = (doc: PolicyDocument) => doc.diagnostics.map((d) => d.rule);
// biome-ignore lint/suspicious/noMisleadingCharacterClass: the class lists the invisible characters one by one, a joiner among them
const INVISIBLE = /[\u200b\u200c\u200d\u2060\ufeff]/;

const plan = (body: string) => `澄江县文明城市创建工作实施方案

一、工作目标
到2025年底，全县文明城市创建工作取得明显成效。
二、重点任务
${body}
三、保障措施
（一）加强组织领导。各单位要高度重视。
`;

describe('QA7 clause fields separated by ，', () => {
  it('junyang task 3: （责任领导：…，牵头单位：…，责任单位：…，完成时限：…） gives its lead, units and deadline', async () => {
    const doc = await qa7('junyang-2025-key-work-breakdown.txt');
    const t3 = doc.tasks.find((t) => t.number === '3')!;
    expect([t3.lead, t3.responsible, t3.deadline]).toEqual([['县商务局'], ['县文化广电旅游体育局', '县财政局', '县市场监管局'], '全年']);
    expect(t3.assignments.some((a) => a.raw === '韩雪梅')).toBe(false);
    expect(rules(doc)).not.toContain('empty-assignment');
    expect(doc.departments.find((d) => d.name === '县商务局')?.lead).toEqual(['3']);
    expect(doc.departments.find((d) => d.name === '县财政局')?.responsible).toEqual(['1', '3', '6', '11', '18']);
    // the other tasks as before: units split by ， inside one field stay one field
    expect(doc.tasks.find((t) => t.number === '2')!.responsible).toEqual(['钧阳经济开发区管委会', '县科技局', '县市场监管局']);
    expect(doc.tasks.find((t) => t.number === '13')!.deadline).toBe('2025年6月底前启动，12月底前完成');
  });

  it('other labels and separators: 牵头部门：…，配合部门：…，时间节点：… and 、 between fields', () => {
    const doc = ingestText(
      plan(`（一）整治交通秩序。开展城区道路交通秩序专项整治。（牵头部门：县公安局，配合部门：县交通运输局、县城市管理局，时间节点：2025年6月底前）
（二）提升市容环境。全面清理城区乱搭乱建、乱贴乱画。（牵头单位：县城市管理局、责任单位：县住房城乡建设局，各街道办事处，完成时限：长期坚持）
（三）推进志愿服务。组建志愿服务队伍50支。（牵头单位：县委宣传部；责任单位：团县委，县民政局；完成时限：2025年底前）`),
      { fileName: 'wenming.txt' },
    );
    expect(units(doc)).toEqual([
      ['一', ['县公安局'], ['县交通运输局', '县城市管理局'], '2025年6月底前'],
      ['二', ['县城市管理局'], ['县住房城乡建设局', '各街道办事处'], '长期坚持'],
      ['三', ['县委宣传部'], ['团县委', '县民政局'], '2025年底前'],
    ]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('a 整改时限 label run into the unit line before it (a hard-wrapped copy) still ends the units', () => {
    const doc = ingestText(
      plan(`（一）整治城区黑臭水体。完成城区3条黑臭水体治理。
责任单位：县生态环境局（牵头）、县水利局、有关乡镇人民政府整改时限：2025年12月底前
（二）整治非法采砂。严厉打击非法采砂行为。
责任单位：县水利局（牵头）、县公安局、石门镇人民政府整改时限：立行立改，长期坚持`),
      { fileName: 'glued.txt' },
    );
    expect(units(doc)).toEqual([
      ['一', ['县生态环境局'], ['县水利局', '有关乡镇人民政府'], '2025年12月底前'],
      ['二', ['县水利局'], ['县公安局', '石门镇人民政府'], '立行立改，长期坚持'],
    ]);
  });
});

describe('QA7 整改方案 items: 问题 / 整改措施 (1)(2) / 责任领导 / 责任单位 / 整改时限 lines', () => {
  it('daiyu: each item 1.–6. is one task with its lead, units and deadline; the sub-measures are no tasks', async () => {
    const doc = await qa7('daiyu-rectification-plan-2025.txt');
    expect(units(doc)).toEqual([
      ['1', ['县住房城乡建委'], ['县生态环境局', '县水利局', '滨江街道办事处'], '2025年12月底前（长期坚持）'],
      ['2', ['县水利局'], ['县公安局', '县自然资源局', '县交通运输委', '石门镇人民政府'], '立行立改，长期坚持'],
      ['3', ['县农业农村委'], ['县生态环境局', '各乡镇人民政府（街道办事处）'], '2026年6月底前'],
      ['4', ['县经济信息委'], ['县生态环境局', '岱屿工业园区管委会'], '2025年9月底前完成阶段性整改，2026年12月底前全面完成'],
      ['5', ['县自然资源局', '县林业局'], ['县生态环境局', '有关乡镇人民政府'], '2027年12月底前'],
      ['6', ['县城市管理局'], ['县财政局', '县农业农村委', '各乡镇人民政府（街道办事处）'], '2025年10月底前'],
    ]);
    expect(rules(doc)).not.toContain('missing-assignment');
    expect(rules(doc)).not.toContain('empty-assignment');
    // the task's text holds its 整改目标, 整改措施 and sub-measures
    expect(doc.tasks[0].text).toContain('整改目标：2025年底前');
    expect(doc.tasks[0].text).toContain('加快县城第二污水处理厂扩建');
    expect(doc.paragraphs.find((p) => p.text.includes('雨污分流改造'))?.task).toBe('1');
    // no person, post or deadline is a department
    const names = doc.departments.map((d) => d.name);
    expect(names.filter((n) => /陈立新|副县长|时限|底前/.test(n))).toEqual([]);
    expect(doc.departments.find((d) => d.name === '县生态环境局')?.responsible).toEqual(['1', '3', '4', '5']);
  });

  it('daiyu titles: the problem sentence without its 问题N： label', async () => {
    const doc = await qa7('daiyu-rectification-plan-2025.txt');
    expect(doc.tasks.map((t) => t.title)).toEqual([
      '县城生活污水收集管网建设滞后，雨污混流问题突出',
      '岱江支流石门河部分河段非法采砂问题反复出现，河道生态受损',
      '规模化畜禽养殖场粪污资源化利用不到位',
      '县工业园区部分企业挥发性有机物无组织排放问题突出，周边群众反映强烈',
      '历史遗留废弃矿山生态修复进度滞后',
      '农村生活垃圾转运处置不规范，部分乡镇仍存在简易填埋点',
    ]);
  });

  it('label lines under sub-items, 整改时限/办结时限/完成期限 on lines of their own', () => {
    const doc = ingestText(
      plan(`（一）问题一：城区餐饮油烟扰民投诉较多。
整改措施：
1.对城区餐饮单位逐一排查，建立整改台账。
2.督促安装油烟净化设施并定期清洗。
责任领导：王建国（副县长）
责任单位：县城市管理局（牵头）、县生态环境局
整改时限：2025年8月底前
（二）问题二：部分建筑工地扬尘管控不到位。
整改措施：
1.落实施工工地“六个百分之百”要求。
2.对违规工地依法查处。
责任单位：县住房城乡建设局（牵头）、县城市管理局
办结时限：立行立改，长期坚持
（三）问题三：农村黑臭水体治理进展缓慢。
整改措施：
1.编制农村黑臭水体治理方案。
2.完成5处黑臭水体治理。
牵头单位：县生态环境局
责任单位：县水利局、县农业农村局
完成期限：2026年6月底前`),
      { fileName: 'zhenggai.txt' },
    );
    expect(units(doc)).toEqual([
      ['一', ['县城市管理局'], ['县生态环境局'], '2025年8月底前'],
      ['二', ['县住房城乡建设局'], ['县城市管理局'], '立行立改，长期坚持'],
      ['三', ['县生态环境局'], ['县水利局', '县农业农村局'], '2026年6月底前'],
    ]);
    expect(doc.tasks.map((t) => t.title)).toEqual(['城区餐饮油烟扰民投诉较多', '部分建筑工地扬尘管控不到位', '农村黑臭水体治理进展缓慢']);
    expect(doc.diagnostics).toEqual([]);
  });
});

describe('QA7 zero-width characters from web copies', () => {
  it('chengyang: task 4 lead and task 5 title free of U+200B; one 县交通运输委', async () => {
    const doc = await qa7('chengyang-web-copy-notice-2025.txt');
    const t4 = doc.tasks.find((t) => t.number === '4')!;
    const t5 = doc.tasks.find((t) => t.number === '5')!;
    expect(t4.lead).toEqual(['县交通运输委']);
    expect(t5.title).toBe('推进快递进村');
    const jt = doc.departments.filter((d) => d.name.includes('交通运输委'));
    expect(jt.map((d) => [d.name, d.lead, d.responsible])).toEqual([['县交通运输委', ['4'], ['5']]]);
    for (const t of doc.tasks) {
      expect(t.title).not.toMatch(INVISIBLE);
      for (const a of t.assignments) expect(a.raw + a.name).not.toMatch(INVISIBLE);
    }
    for (const s of doc.sections) expect(s.title).not.toMatch(INVISIBLE);
    // positions still point into the original text, which keeps the character
    const original = readFixture('qa7/chengyang-web-copy-notice-2025.txt');
    const c = t4.clause!;
    expect(original.slice(c.position.start.offset, c.position.end.offset)).toBe(c.raw);
    expect(c.raw).toMatch(INVISIBLE);
  });

  it('U+200C, U+200D, U+2060 and U+FEFF inside names and titles', () => {
    const doc = ingestText(
      plan(`（一）加强\u2060城市\u200d管理。规范占道经营。（牵头单位：县城市\u200c管理局；责任单位：\ufeff县市场监管局、县公安局\u200b）
（二）完善公共设施。新建公厕10座。（牵头单位：县城市管理局；责任单位：县\u2060财政局）`),
      { fileName: 'invisible.txt' },
    );
    expect(doc.tasks.map((t) => [t.title, t.lead, t.responsible])).toEqual([
      ['加强城市管理', ['县城市管理局'], ['县市场监管局', '县公安局']],
      ['完善公共设施', ['县城市管理局'], ['县财政局']],
    ]);
    expect(doc.departments.find((d) => d.name === '县城市管理局')?.lead).toEqual(['一', '二']);
  });

  it('a 分工表 row: its task title and unit cells without them', () => {
    const doc = ingestText(
      '某县2025年重点工作任务分工方案\n\n序号\t重点任务\t牵头单位\t责任单位\t完成时限\n' +
        '1\t推进快递\u200b进村。建设村级寄递服务站。\t县邮政\u200b管理局\t县商务委、\u200b县供销社\t2025年底前\n' +
        '2\t建设县级物流配送中心\t县交通运输委\t县商务委\t长期坚持\n',
      { fileName: 'table.txt' },
    );
    expect(doc.tasks.map((t) => [t.title, t.lead, t.responsible])).toEqual([
      ['推进快递进村', ['县邮政管理局'], ['县商务委', '县供销社']],
      ['建设县级物流配送中心', ['县交通运输委'], ['县商务委']],
    ]);
  });
});

describe('负责单位： and 落实单位： label lines (simplified and traditional) name the units like 责任单位：', () => {
  const lines = (label: string, second: string) =>
    plan(`1. 开展背街小巷环境整治，年内完成改造30条。
${label}：县住房城乡建设局、县城市管理局
2. 建成新时代文明实践站12个。
${second}：县委宣传部、县文化广电旅游体育局
`);
  it('responsible units; the first listed is the lead where the plan says so', () => {
    const doc = ingestText(lines('负责单位', '落实单位'), { fileName: 'fuze.txt' });
    expect(units(doc)).toEqual([
      ['1', [], ['县住房城乡建设局', '县城市管理局'], null],
      ['2', [], ['县委宣传部', '县文化广电旅游体育局'], null],
    ]);
    const ruled = ingestText(lines('负责部门', '落实单位').replace('二、重点任务\n', '二、重点任务\n（排在第一位的为牵头单位）\n'), { fileName: 'ruled.txt' });
    expect(ruled.tasks.map((t) => t.lead)).toEqual([['县住房城乡建设局'], ['县委宣传部']]);
  });

  it('負責單位： and 落實單位： in a traditional-script page', () => {
    const doc = ingestText(lines('負責單位', '落實單位'), { fileName: 'trad.txt' });
    expect(doc.tasks.map((t) => t.responsible.length)).toEqual([2, 2]);
  });
});
