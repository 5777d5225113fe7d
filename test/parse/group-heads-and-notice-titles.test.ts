import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import { buildSearchIndex } from '../../src/search/store.js';
import { fixtureLoader } from '../helpers/fixtures.js';

/**
 * QA8 part A faults of the outline (group heads 行动一：… between 二、 and 1.), task numbers
 * under them, the 分工表 completing a task's clause, and the notice title of a 意见 that is
 * the document itself (test/fixtures/qa8/EXPECTED.notes).
 */
const qa8 = fixtureLoader('qa8');
const rules = (doc: { diagnostics: { rule?: string | null }[] }) => doc.diagnostics.map((d) => d.rule);

describe('QA8: group heads (行动一：…) as an outline level', () => {
  it('行动一：…–行动四：… are sections under 二、 holding the items 1.–3., numbered by 行动 and item', async () => {
    const doc = await qa8('lanxi-action-plan-2026.txt');
    const part = doc.sections.find((s) => s.title === '专项行动')!;
    const groups = doc.sections.filter((s) => s.parent === part.id);
    expect(groups.map((s) => [s.label, s.title])).toEqual([
      ['行动一：', '商圈提质行动'],
      ['行动二：', '大宗消费扩容行动'],
      ['行动三：', '服务消费提质行动'],
      ['行动四：', '消费环境优化行动'],
    ]);
    for (const g of groups) expect(doc.sections.filter((s) => s.parent === g.id).map((s) => s.label)).toEqual(['1.', '2.', '3.']);
    expect(doc.tasks.map((t) => t.number)).toEqual(['1.1', '1.2', '1.3', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3', '4.1', '4.2', '4.3']);
    const car = doc.tasks.find((t) => t.title === '促进汽车消费')!;
    expect(car).toMatchObject({ number: '2.1', label: '1.', sectionPath: ['专项行动', '大宗消费扩容行动'] });
    // no 行动 line glued to the task before it
    for (const t of doc.tasks) expect(t.text).not.toMatch(/行动[一二三四]：/);
    const head = doc.paragraphs.find((p) => p.text === '大宗消费扩容行动')!;
    expect(head).toMatchObject({ task: null, section: doc.sections.find((s) => s.label === '行动二：')!.id });
    const hits = buildSearchIndex([doc]).search('大宗消费').hits;
    expect(hits.some((h) => JSON.stringify(h).includes('培育夜间经济集聚区'))).toBe(false);
    // the numbering starts again in each 行动 on purpose
    expect(rules(doc)).not.toContain('numbering-gap');
  });

  const plan = (body: string) =>
    `某县2026年促进就业行动方案\n\n一、总体目标\n　　到2026年底，全县城镇新增就业5000人以上。\n\n二、重点任务\n${body}\n三、保障措施\n　　（一）加强组织领导。县人力社保局要加强统筹调度，定期通报进展。\n`;
  const item = (n: string, title: string, unit: string) => `　　${n}${title}。围绕重点群体开展专项服务，全年服务不少于500人次。（${unit}负责）\n`;

  it.each([
    ['（行动一）', '（行动二）'],
    ['专项行动1：', '专项行动2：'],
    ['任务一：', '任务二：'],
    ['工程一、', '工程二、'],
  ])('other group heads: %s … %s', (first, second) => {
    const doc = ingestText(
      plan(
        `${first}稳岗扩岗\n${item('1.', '支持企业稳岗', '县人力社保局')}${item('2.', '开发公益岗位', '县财政局')}${second}创业带动\n${item('1.', '建设创业孵化基地', '县科技局')}${item('2.', '落实创业担保贷款', '县金融服务中心')}`,
      ),
      { fileName: 'groups.txt' },
    );
    expect(doc.tasks.map((t) => [t.number, t.sectionPath])).toEqual([
      ['1.1', ['重点任务', '稳岗扩岗']],
      ['1.2', ['重点任务', '稳岗扩岗']],
      ['2.1', ['重点任务', '创业带动']],
      ['2.2', ['重点任务', '创业带动']],
    ]);
    expect(doc.tasks[1].text).not.toContain('创业带动');
    expect(rules(doc)).not.toContain('numbering-gap');
  });

  it('prose that opens with 行动/任务 is no group head', () => {
    const doc = ingestText(
      plan(`${item('1.', '支持企业稳岗', '县人力社保局')}　　行动一致、步调统一，任务一经确定，各单位要抓紧落实。\n${item('2.', '开发公益岗位', '县财政局')}`),
      { fileName: 'prose.txt' },
    );
    expect(doc.tasks.map((t) => t.number)).toEqual(['1', '2']);
    expect(doc.tasks[0].text).toContain('行动一致');
  });

  it('group heads inside a 专栏 box stay the box content; under 第一篇 / 第一章 they nest below the chapter', () => {
    const doc = ingestText(
      '某市“十五五”规划纲要\n\n第一篇　总体要求\n\n第一章　发展基础\n　　过去五年，全市经济总量稳步增长。\n\n第二篇　重点任务\n\n第二章　扩大有效投资\n\n行动一：重大项目攻坚行动\n　　（一）推进重大项目建设。年内开工重大项目50个以上。\n\n专栏1　重大工程\n工程一：交通枢纽工程。建设高铁站综合枢纽。\n工程二：水利保障工程。建设中型水库2座。\n\n行动二：民间投资激活行动\n　　（一）支持民间投资。向民间资本推介项目100个。\n',
      { fileName: 'gangyao.txt' },
    );
    const chapter = doc.sections.find((s) => s.title === '扩大有效投资')!;
    const groups = doc.sections.filter((s) => s.parent === chapter.id && s.style !== 'box');
    expect(groups.map((s) => s.title)).toEqual(['重大项目攻坚行动', '民间投资激活行动']);
    const box = doc.sections.find((s) => s.style === 'box')!;
    expect(doc.sections.filter((s) => s.parent === box.id)).toEqual([]);
    expect(box.text).toContain('工程二：水利保障工程');
  });
});

describe('QA8: a 分工表 completes the clause of its task', () => {
  it('the table names the lead where the clause names the units without a role (按职责分工负责, 负责)', async () => {
    const doc = await qa8('heyang-implementation-opinions-2026.md');
    const units = Object.fromEntries(doc.tasks.map((t) => [t.number, [t.lead, t.responsible]]));
    expect(units).toEqual({
      '2.1': [['市发展改革委'], ['市财政局']],
      '2.2': [
        ['市委组织部', '市人力社保局'],
        ['市国资委', '团市委'],
      ],
      '2.3': [['市人力社保局'], ['市财政局', '人民银行禾阳分行', '市市场监管局']],
      '3.1': [['市教育局'], ['市人力社保局', '各区县政府']],
      '3.2': [['市人力社保局'], ['市教育局', '市财政局', '各区县政府']],
      '3.3': [['市人力社保局'], ['市民政局', '市残联']],
      '3.4': [['市退役军人事务局'], ['各区县政府']],
    });
    expect(doc.diagnostics).toEqual([]);
  });

  const opinions = (clause: string, lead: string, partner: string) =>
    `# 某市人民政府关于加快发展银发经济的实施意见\n\n## 一、重点任务\n\n**（一）发展老年助餐服务。**新建社区老年食堂20个。（${clause}）\n\n**（二）扩大养老托育供给。**新增普惠托位300个。（市卫生健康委牵头，市民政局配合）\n\n## 附件\n\n| 序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |\n| --- | --- | --- | --- | --- |\n| 1 | 发展老年助餐服务 | ${lead} | ${partner} | 2026年底前 |\n| 2 | 扩大养老托育供给 | 市卫生健康委 | 市民政局 | 2026年底前 |\n`;

  it('a clause that says who leads keeps it; a table that names another lead is a warning naming both', () => {
    const doc = ingestText(opinions('市民政局牵头，市商务局配合', '市商务局', '市民政局'), { fileName: 'conflict.md' });
    expect(doc.tasks[0]).toMatchObject({ lead: ['市民政局'], responsible: ['市商务局'] });
    const warning = doc.diagnostics.find((d) => d.rule === 'task-table-conflict')!;
    expect(warning.message).toContain('市民政局');
    expect(warning.message).toContain('市商务局');
    expect(doc.tasks[1]).toMatchObject({ lead: ['市卫生健康委'], responsible: ['市民政局'] });
  });

  it("a unit only the table names joins with its role; a unit of the clause without a role takes the table's", () => {
    const doc = ingestText(opinions('市民政局、市财政局按职责分工负责', '市民政局', '市财政局、市市场监管局'), { fileName: 'complete.md' });
    expect(doc.tasks[0]).toMatchObject({ lead: ['市民政局'], responsible: ['市财政局', '市市场监管局'] });
    expect(rules(doc)).not.toContain('task-table-conflict');
  });
});

describe('QA8: the notice title of a 意见', () => {
  it('a 实施意见 that is the document itself (# heading) has no notice title', async () => {
    const doc = await qa8('heyang-implementation-opinions-2026.md');
    expect(doc).toMatchObject({
      title: '禾阳市人民政府关于进一步稳定和扩大青年就业的实施意见',
      noticeTitle: null,
      docType: '实施意见',
      issuer: '禾阳市人民政府',
    });
  });

  it('a # heading that issues a 意见 (关于印发…意见的通知, 关于转发…的意见) is still a notice title', () => {
    const body = '\n\n各县（市、区）人民政府：\n\n现将有关意见印发给你们，请认真贯彻执行。\n\n';
    const a = ingestText(`# 某市人民政府关于印发《某市促进青年就业的实施意见》的通知${body}# 某市促进青年就业的实施意见\n\n## 一、总体要求\n\n稳定就业。\n`, {
      fileName: 'a.md',
    });
    expect(a).toMatchObject({ noticeTitle: '某市人民政府关于印发《某市促进青年就业的实施意见》的通知', title: '某市促进青年就业的实施意见' });
    const b = ingestText(`# 某市人民政府办公室关于转发市人力社保局促进青年就业的意见\n${body}# 促进青年就业的意见\n\n## 一、总体要求\n\n稳定就业。\n`, {
      fileName: 'b.md',
    });
    expect(b).toMatchObject({ noticeTitle: '某市人民政府办公室关于转发市人力社保局促进青年就业的意见', title: '促进青年就业的意见' });
  });
});

describe('a notice naming its plan in 〈〉 (a mirror writes the inner marks at the outer level)', () => {
  it('关于印发〈X〉的通知, the plan shown without its title line: the title is X without the marks', () => {
    const doc = ingestText(
      `青政办发〔2017〕9号《青川市人民政府办公厅关于印发〈青川市2017年政务公开工作要点〉的通知》
青川市人民政府办公厅关于印发〈青川市2017年政务公开工作要点〉的通知
青政办发〔2017〕9号
各区人民政府,市政府各委、办、局:
《青川市2017年政务公开工作要点》已经市政府同意,现印发给你们,请认真贯彻落实。
青川市人民政府办公厅
2017年4月20日
2017年是推进政务公开的关键之年。今年政务公开工作的总体要求是:以公开促落实、促规范、促服务。
一、围绕稳增长推进公开
(一)推进重大项目信息公开
`,
      { fileName: 'angle-marks.txt' },
    );
    expect(doc.title).toBe('青川市2017年政务公开工作要点');
  });
});

describe("a law mirror's headline: the 文号, a space, then the title opening with its issuer", () => {
  it('鲁政办字〔…〕 某省人民政府办公厅关于落实《政府工作报告》…的意见: the title ends at its line, not at the 报告 inside 《》', () => {
    const doc = ingestText(
      `青政办字〔2016〕12号 青川省人民政府办公厅关于落实《政府工作报告》重点工作部门分工的意见

浏览量:          时间:2016-04-02 09:15:00

青川省人民政府办公厅关于落实《政府工作报告》重点工作部门分工的意见

青政办字〔2016〕12号

省政府各部门、有关单位:

经省政府同意,现就《政府工作报告》确定的重点工作提出部门分工意见如下:

一、保持经济平稳健康发展

(一)推动经济稳定增长。

稳定和扩大居民消费,营造放心消费环境。(省发展改革委、省商务厅等负责)
`,
      { fileName: 'mirror-headline.txt' },
    );
    expect([doc.title, doc.issuer, doc.docNumber]).toEqual([
      '青川省人民政府办公厅关于落实《政府工作报告》重点工作部门分工的意见',
      '青川省人民政府办公厅',
      '青政办字〔2016〕12号',
    ]);
  });
});

describe('a page that holds only the covering notice: the notice titles it (test/real/README.md)', () => {
  const notice = `某市人民政府关于印发某市数字乡村建设三年行动纲要的通知
某政发〔2024〕6号
各县（区）人民政府，市政府各部门：
《某市数字乡村建设三年行动纲要》已经市政府常务会议研究同意，现印发给你们，请认真贯彻实施。
`;
  it('signature, date, then only the disclosure line: the title is the notice, not the plan it names', () => {
    const doc = ingestText(`${notice}某市人民政府\n2024年3月8日\n（此件公开发布）\n`, { fileName: 'only-notice.txt' });
    expect(doc).toMatchObject({
      title: '某市人民政府关于印发某市数字乡村建设三年行动纲要的通知',
      issuer: '某市人民政府',
      docNumber: '某政发〔2024〕6号',
      date: '2024-03-08',
    });
  });

  it("the notice's own points (一、…二、… a paragraph each), its 附件 line, then a contact line and share buttons under the date", () => {
    const doc = ingestText(
      `${notice}一、各县（区）、各部门要把行动纲要的落实摆上重要位置，逐项细化措施，明确时间节点。
二、市政府督查室要对落实情况开展日常调度，每季度通报一次进展。
特此通知。
附件：某市数字乡村建设三年行动纲要
2024年3月8日
（联系人：王某，联系电话：1234567）
（此件公开发布）
用微信扫描二维码分享至好友和朋友圈
`,
      { fileName: 'notice-points.txt' },
    );
    expect(doc.title).toBe('某市人民政府关于印发某市数字乡村建设三年行动纲要的通知');
  });

  it("an excerpt cut inside the notice's points, its issuer on a line above its title: the notice titles it", () => {
    const doc = ingestText(
      `某市人民政府办公室
关于印发2025年政府工作报告主要目标
任务分解的通知
各县（区）人民政府，市政府各部门：
2025年《政府工作报告》已经市人大会议审议通过，经市政府同意，现将主要目标任务分解下发，请认真抓好落实。
一、压实工作责任。各单位要把报告确定的目标任务逐项分解到岗到人，确保件件有着落、事事有回音，
`,
      { fileName: 'cut-in-points.txt' },
    );
    expect(doc.title).toBe('关于印发2025年政府工作报告主要目标任务分解的通知');
  });

  it("the plan's text under the notice's date, or its tasks in the notice's body: the plan titles it", () => {
    const below = ingestText(`${notice}某市人民政府\n2024年3月8日\n一、总体要求\n到2026年，全市行政村光纤通达率保持100%。\n`, { fileName: 'plan-below.txt' });
    expect(below.title).toBe('某市数字乡村建设三年行动纲要');
    const inside = ingestText(
      `${notice}一、夯实数字基础设施
1. 推进千兆光网向行政村延伸。（牵头单位：市工业和信息化局）
2. 建设乡村数字服务站50个。（牵头单位：市农业农村局）
某市人民政府
2024年3月8日
（此件公开发布）
`,
      { fileName: 'plan-inside.txt' },
    );
    expect(inside.title).toBe('某市数字乡村建设三年行动纲要');
  });
});
