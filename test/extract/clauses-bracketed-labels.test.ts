import { describe, expect, it } from 'vitest';
import { kindOf } from '../../src/extract/departments.js';
import { ingestText } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { fixtureLoader, readFixture } from '../helpers/fixtures.js';

/**
 * QA8 part A, clauses: label lines in 【】 without a colon, units set apart by spaces, the
 * closing remark after 【责任单位：…】, 县政府办 = 县政府办公室, a clause broken by a Markdown hard
 * break, joint issuers. Expectations from test/fixtures/qa8/EXPECTED.notes, written by hand.
 */
const qa8 = fixtureLoader('qa8');
const byTitle = (doc: PolicyDocument, title: string) => doc.tasks.find((t) => t.title === title)!;
const units = (doc: PolicyDocument) => doc.tasks.map((t) => [t.number, t.lead, t.responsible, t.deadline]);
const rules = (doc: PolicyDocument) => doc.diagnostics.map((d) => d.rule);

const plan = (body: string) => `澄江县2026年促进消费工作方案

一、工作目标
到2026年底，全县社会消费品零售总额增长6%以上。
二、重点任务
${body}
三、保障措施
（一）加强组织领导。各单位要高度重视。
`;

describe('QA8 clause lines with the label in 【】 and no colon', () => {
  it('lanxi: 【责任单位】A（牵头）、B lines give the lead and the units', async () => {
    const doc = await qa8('lanxi-action-plan-2026.txt');
    const roles = (title: string) => [byTitle(doc, title).lead, byTitle(doc, title).responsible];
    expect(roles('推进核心商圈改造升级')).toEqual([['区商务委'], ['区住房城乡建委', '区规划自然资源局']]);
    expect(roles('发展社区便民商业')).toEqual([['区商务委'], ['各街道办事处']]);
    expect(roles('推动家电家居以旧换新')).toEqual([['区发展改革委'], ['区财政局']]);
    expect(roles('扩大文旅体育消费')).toEqual([['区文化旅游委'], ['区体育局', '区财政局']]);
    expect(roles('发展养老托育家政服务消费')).toEqual([[], ['区民政局', '区卫生健康委', '区人力社保局', '区商务委']]);
    expect(roles('开展放心消费创建')).toEqual([['区市场监管局'], ['区商务委', '区文化旅游委']]);
    // the other styles as before
    expect(roles('促进汽车消费')).toEqual([[], ['区商务委', '区财政局', '区税务局', '国网澜溪供电公司']]);
    // (A、B按职责分工负责), no 牵头: they lead
    expect(roles('加强消费宣传引导')).toEqual([['区委宣传部', '区融媒体中心'], []]);
    // the clause keeps its brackets as written
    expect(byTitle(doc, '推进核心商圈改造升级').clause?.raw).toBe('【责任单位】区商务委（牵头）、区住房城乡建委、区规划自然资源局');
    expect(doc.departments.find((d) => d.name === '区商务委')?.lead).toEqual(expect.arrayContaining([byTitle(doc, '推进核心商圈改造升级').number]));
    expect(doc.departments.find((d) => d.name === '区发展改革委')?.lead).toEqual([byTitle(doc, '推动家电家居以旧换新').number]);
  });

  it('【牵头单位】 / 【配合单位】 / 【完成时限】 on lines of their own, ［责任单位］ and 【责任单位】：', () => {
    const doc = ingestText(
      plan(`（一）培育夜间经济。打造夜间消费集聚区3个。
【牵头单位】县文化旅游委
【配合单位】县商务委、县城市管理局、县公安局
【完成时限】2026年10月底前
（二）促进汽车消费。组织汽车消费季活动不少于4场。
［责任单位］县商务委（牵头）、县财政局
（三）营造消费氛围。组织开展消费季系列促销活动。
【责任单位】：各乡镇人民政府、县级各部门
（四）建设夜市街区。改造提升夜市街区。
【工作目标】年内建成夜市街区2条。
（五）发展社区商业。新建便民生活圈8个。
责任单位】县商务委、县住房城乡建设局`),
      { fileName: 'xiaofei.txt' },
    );
    expect(units(doc)).toEqual([
      ['一', ['县文化旅游委'], ['县商务委', '县城市管理局', '县公安局'], '2026年10月底前'],
      ['二', ['县商务委'], ['县财政局'], null],
      ['三', [], ['各乡镇人民政府', '县级各部门'], null],
      // a 【】 line with no clause label is the task's prose
      ['四', [], [], null],
      // the opening 【 lost: the label closed by 】 is still a label
      ['五', [], ['县商务委', '县住房城乡建设局'], null],
    ]);
    expect(doc.tasks[3].text).toContain('【工作目标】年内建成夜市街区2条。');
    expect(doc.tasks[0].clause?.raw).toBe('【牵头单位】县文化旅游委\n【配合单位】县商务委、县城市管理局、县公安局\n【完成时限】2026年10月底前');
    expect(rules(doc).filter((r) => r === 'missing-assignment')).toHaveLength(1);
  });
});

describe('QA8 units set apart by spaces', () => {
  it('qingshi task 3: 【责任单位：县发展改革委 县财政局 县自然资源局】 names three units', async () => {
    const doc = await qa8('qingshi-work-points-2026.txt');
    expect(doc.tasks.find((t) => t.number === '3')!.responsible).toEqual(['县发展改革委', '县财政局', '县自然资源局']);
    expect(doc.departments.find((d) => d.name === '县财政局')?.responsible).toEqual(['3', '4', '9', '14']);
    expect(doc.departments.find((d) => d.name === '县自然资源局')?.responsible).toEqual(['2', '3']);
    expect(doc.departments.some((d) => /\s/.test(d.name))).toBe(false);
  });

  it('full names split at spaces (either width); a name broken by a stray space is not', () => {
    const doc = ingestText(
      plan(`（一）整治城区交通。开展交通秩序专项整治。（县公安局牵头，县交通运输局　县城市管理局配合）
（二）提升市容环境。全面清理乱搭乱建。（县城市管理局 各街道办事处按职责分工负责）
（三）推进志愿服务。组建志愿服务队伍50支。（县委宣传部牵头，县民 政局配合）`),
      { fileName: 'spaces.txt' },
    );
    expect(units(doc).map((u) => u.slice(0, 3))).toEqual([
      ['一', ['县公安局'], ['县交通运输局', '县城市管理局']],
      ['二', ['县城市管理局', '各街道办事处'], []],
      ['三', ['县委宣传部'], ['县民 政局']],
    ]);
  });
});

describe('QA8 closing remark after a 【责任单位：…】 clause', () => {
  it('qingshi: the 各乡镇、各有关部门要…报送… line is no part of task 15', async () => {
    const doc = await qa8('qingshi-work-points-2026.txt');
    const t15 = doc.tasks.find((t) => t.number === '15')!;
    expect(t15.text).not.toContain('报送');
    expect(t15.text.endsWith('【责任单位：县委组织部、县委宣传部、县民政局、县政府办】')).toBe(true);
    expect(doc.paragraphs.find((p) => p.text.includes('每季度末向县委农办报送'))?.task ?? null).toBeNull();
  });

  it('after items closing with 【牵头单位】/【配合单位】/【完成时限】 lines, the last item keeps only its own', () => {
    const doc = ingestText(
      `澄江县2026年促进消费工作要点

一、扩大商品消费
1.促进汽车消费。组织汽车消费季活动不少于4场。
【牵头单位】县商务委
【配合单位】县财政局、县税务局
【完成时限】2026年10月底前
2.推动以旧换新。全年带动相关消费5亿元以上。
【责任单位】县发展改革委（牵头）、县财政局
二、提升服务消费
3.扩大文旅消费。举办文体赛事活动20场以上。
【牵头单位】县文化旅游委
【配合单位】县体育局
【完成时限】2026年12月底前
各乡镇、各有关部门要对照工作要点细化措施，于每季度末向县商务委报送工作进展情况。
`,
      { fileName: 'remark.txt' },
    );
    expect(units(doc)).toEqual([
      ['1', ['县商务委'], ['县财政局', '县税务局'], '2026年10月底前'],
      ['2', ['县发展改革委'], ['县财政局'], null],
      ['3', ['县文化旅游委'], ['县体育局'], '2026年12月底前'],
    ]);
    expect(doc.tasks[2].text).not.toContain('报送');
  });
});

describe('QA8 县政府办 = 县政府办公室', () => {
  it('qingshi: one department for tasks 10 and 15, the prose mention with it', async () => {
    const doc = await qa8('qingshi-work-points-2026.txt');
    const office = doc.departments.filter((d) => /政府办/.test(d.name));
    expect(office.map((d) => [d.name, d.responsible])).toEqual([['县政府办公室', ['10', '15']]]);
    expect(office[0].aliases).toContain('县政府办');
    expect(office[0].mentions.some((m) => m.raw === '县政府办')).toBe(true);
    expect(doc.tasks.find((t) => t.number === '15')!.responsible).toContain('县政府办公室');
  });

  it('区人民政府办公室 and 区政府办 are one unit; 市政府办 is another', () => {
    const doc = ingestText(
      plan(`（一）推进数据共享。建设全区数据共享平台。（区人民政府办公室牵头，区大数据局配合）
（二）优化政务服务。推行一网通办。（区政府办牵头，区政务服务办配合）
（三）对接市级平台。做好市级平台对接。（市政府办负责）`),
      { fileName: 'office.txt' },
    );
    const office = doc.departments.filter((d) => /政府办/.test(d.name)).map((d) => [d.name, [...d.lead, ...d.responsible]]);
    expect(office).toEqual([
      ['区人民政府办公室', ['一', '二']],
      ['市政府办', ['三']],
    ]);
  });
});

describe('QA8 a clause broken by a Markdown hard break', () => {
  const cut = readFixture('qa8/heyang-implementation-opinions-2026.md').split('## 附件')[0];

  it('heyang without its 分工表: task 3.2 reads its clause across the break', () => {
    const doc = ingestText(cut, { fileName: 'heyang-cut.md' });
    const t = doc.tasks.find((x) => x.title === '强化职业技能培训')!;
    expect([t.lead, t.responsible]).toEqual([['市人力社保局'], ['市教育局', '市财政局', '各区县政府']]);
    expect(t.clause?.raw).toContain('市财政局');
    expect(rules(doc)).not.toContain('missing-assignment');
    expect(t.title).toBe('强化职业技能培训');
  });

  it('a break between two labelled fields, and (with a backslash) in a list of units', () => {
    const doc = ingestText(
      `# 澄江县促进消费工作方案

## 一、重点任务

**（一）培育夜间经济。**打造夜间消费集聚区3个。（牵头单位：县文化旅游委；  
配合单位：县商务委、县公安局）

**（二）促进汽车消费。**组织汽车消费季活动不少于4场。（县商务委牵头，县财政局、\\
县税务局配合）
`,
      { fileName: 'breaks.md' },
    );
    expect(units(doc).map((u) => u.slice(1, 3))).toEqual([
      [['县文化旅游委'], ['县商务委', '县公安局']],
      [['县商务委'], ['县财政局', '县税务局']],
    ]);
    // a bracket left open in an earlier paragraph makes no clause of two paragraphs
    const open = ingestText(
      plan(`（一）培育夜间经济。打造夜间消费集聚区3个（含滨河夜市。
（二）促进汽车消费。组织汽车消费季活动不少于4场。县商务委负责）`),
      { fileName: 'open.txt' },
    );
    expect(open.tasks.every((t) => t.assignments.every((a) => !a.raw.includes('夜市')))).toBe(true);
  });
});

describe('QA8 joint issuers and department kinds', () => {
  it('qingshi: two issuer lines above 关于印发… are both issuers', async () => {
    const doc = await qa8('qingshi-work-points-2026.txt');
    expect(doc.issuer).toBe('中共青石县委农村工作领导小组办公室、青石县农业农村委员会');
    // one issuer line (its signature below the notice) stays one issuer
    expect((await qa8('lanxi-action-plan-2026.txt')).issuer).toBe('澜溪区人民政府办公室');
  });

  it('退役军人事务局 is a department, 残联 a mass organisation like 妇联', () => {
    expect(kindOf('市退役军人事务局')).toBe('department');
    expect(kindOf('市民族宗教事务委员会')).toBe('department');
    expect(kindOf('市机关事务服务中心')).toBe('agency');
    expect(kindOf('市残联')).toBe(kindOf('市妇联'));
    expect(kindOf('县残疾人联合会')).toBe(kindOf('市妇联'));
  });
});
