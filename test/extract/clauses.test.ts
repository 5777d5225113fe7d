import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';

/**
 * Assignment clauses and roles in the shapes real government documents take (fixtures in
 * test/fixtures/real-shapes, written in our own words after the shapes of published documents).
 */
const shape = (name: string) => ingestFile(`test/fixtures/real-shapes/${name}`);
const roles = (doc: PolicyDocument) => doc.tasks.map((t) => [t.number, t.lead, t.responsible]);
const task = (doc: PolicyDocument, number: string) => doc.tasks.find((t) => t.number === number)!;

describe('role words, remarks and times inside a clause', () => {
  it('参与/参加/协助/负责落实/牵头督导 are stripped from the names and give the role', async () => {
    const doc = await shape('clause-role-words.txt');
    expect(roles(doc).slice(0, 2)).toEqual([
      ['1', ['县生态环境局'], ['县发展改革局', '县工业和信息化局', '各乡镇人民政府']],
      ['2', ['县生态环境局', '县市场监管局'], ['县公安局', '县自然资源局', '各乡镇人民政府']],
    ]);
    expect(doc.departments.some((d) => /参加|协助|落实|督导|牵头/.test(d.name))).toBe(false);
  });

  it('a remark sentence inside the brackets is no unit; 以下各项工作均需X落实，不再列出 gives X to the tasks after it', async () => {
    const doc = await shape('clause-role-words.txt');
    const names = doc.departments.map((d) => d.name);
    expect(names.filter((n) => /以下|不再|下同|具体任务/.test(n))).toEqual([]);
    expect(task(doc, '3').responsible).toEqual(['县城市管理局', '各乡镇人民政府']);
    expect(task(doc, '6')).toMatchObject({ lead: ['县住房城乡建设局'], responsible: ['县财政局', '县供销社', '各乡镇人民政府'] });
  });

  it('a free-form time inside the clause is the deadline, not a unit', async () => {
    const doc = await shape('clause-role-words.txt');
    expect(['3', '4', '5'].map((n) => task(doc, n).deadline)).toEqual(['年内持续推进', '2025年6月底前', '6月底完成']);
    expect(doc.departments.map((d) => d.name).filter((n) => /月|年内|持续/.test(n))).toEqual([]);
  });

  it('A及各B is two units; 按职责分工分别负责 is stripped; people (分管副县长) are no units', async () => {
    const doc = await shape('clause-role-words.txt');
    expect(task(doc, '5')).toMatchObject({ lead: ['县市场监管局'], responsible: ['县城市管理局', '各乡镇人民政府'] });
    expect(task(doc, '8').responsible).toEqual(expect.arrayContaining(['县委宣传部', '县生态环境局', '各有关部门', '乡镇人民政府']));
    expect(task(doc, '8').lead).toEqual([]);
    expect(task(doc, '7')).toMatchObject({ lead: ['县生态环境局'], responsible: ['县公安局', '县司法局', '各乡镇人民政府'] });
    expect(doc.departments.some((d) => /县长|按职责/.test(d.name))).toBe(false);
  });

  it('A、B等和各省级人民政府负责: the 等 closes the list, the collective after 和/及/与 is a unit of its own', async () => {
    const doc = await shape('national-joint-responsibility.txt');
    expect(roles(doc)).toEqual([
      ['一', ['财政部', '商务部', '各省级人民政府'], []],
      ['二', ['商务部', '农业农村部', '各有关省级人民政府'], []],
      ['三', ['农业农村部', '各有关地方'], []],
    ]);
  });
});

describe('roles when no 牵头 is written', () => {
  it('the units that 负责 a task lead it; beside 牵头 they are responsible; a 责任单位： list stays responsible', async () => {
    const doc = await shape('owner-roles.txt');
    expect(roles(doc)).toEqual([
      ['1', ['县发展改革局'], []],
      ['2', ['县商务局', '县财政局', '县文化旅游局'], []],
      ['3', ['县经济信息局'], ['县财政局', '县税务局']],
      ['4', ['县农业农村局'], ['县财政局', '各乡镇人民政府']],
      ['5', [], ['县人力社保局', '县教育局']],
      ['6', ['县市场监管局'], ['县发展改革局']],
    ]);
  });

  it('where the document says the first-named unit leads (列第一位者为牵头单位，下同), the others are responsible', async () => {
    const doc = await shape('first-listed-lead.txt');
    expect(roles(doc)).toEqual([
      ['一', ['市发展改革委'], ['市财政局', '市人力资源社会保障局', '市统计局']],
      ['二', ['市商务局'], ['市农业农村局']],
      ['三', ['市税务局'], ['市财政局']],
    ]);
    expect(doc.departments.some((d) => /第一位|下同/.test(d.name))).toBe(false);
  });

  it('列第一位者为牵头或汇总单位，下同 in brackets after the units of a 责任单位： line: the first unit of every clause leads', async () => {
    const doc = await shape('first-listed-lead-label-lines.txt');
    expect(roles(doc)).toEqual([
      ['1', ['经信局'], ['发改局', '财政局', '科技局', '商务局']],
      ['2', ['税务局'], ['财政局', '发改局']],
      ['3', ['建设局'], ['各街道办事处']],
    ]);
    expect(doc.departments.some((d) => /第一位|汇总|下同/.test(d.name))).toBe(false);
  });

  it('各县、市、区政府 / 各县、区人民政府（管委会）: level words after 各 sharing one unit are one collective', async () => {
    const doc = await shape('level-words-collective.txt');
    expect(roles(doc)).toEqual([
      ['1', ['市经信局'], ['市发展改革委', '市统计局', '青川经开区管委会', '各县、市、区政府']],
      ['2', ['市商务局'], ['市口岸办', '各县、区人民政府（管委会）']],
    ]);
  });

  it('an item whose fields are its numbered sub-items ((一)责任领导 (二)责任单位 (三)协办单位 … (五)完成时限) is one task with their units', async () => {
    const doc = await shape('numbered-field-items.txt');
    expect(roles(doc)).toEqual([
      ['一', [], ['市教育局', '市财政局', '自然资源局', '各县市区人民政府']],
      ['二', [], ['市交通运输局', '各县市区人民政府']],
    ]);
    expect(doc.tasks.map((t) => t.deadline)).toEqual(['2025年12月底前', '2025年内']);
    expect(doc.departments.some((d) => /周明|吴军/.test(d.name))).toBe(false);
  });

  it('分管省领导：… / 部门分工：A牵头，B配合。 lines under an item: the 部门分工 line is the clause', async () => {
    const doc = await shape('division-lines.txt');
    expect(roles(doc)).toEqual([
      ['1', ['省发展改革委'], ['各地', '各部门']],
      ['2', ['省财政厅'], []],
    ]);
    expect(doc.departments.some((d) => /李明|王强|领导/.test(d.name))).toBe(false);
  });
});

describe('leads written above the items', () => {
  it('a part heading that names its lead: the heading is the task where no item under it has a clause; else its items without units take it', async () => {
    const doc = await shape('heading-lead.txt');
    expect(doc.tasks.map((t) => [t.title, t.lead, t.responsible])).toEqual([
      ['强化科技创新', ['区科技局'], []],
      ['加快项目建设', ['区住房城乡建设局'], []],
      ['强化要素保障', ['区发展改革局'], []],
    ]);
    // the items under the first heading are part of its text, not tasks of their own
    expect(doc.tasks[0].text).toContain('支持企业研发投入');
  });

  it('a lead on its own line under an annex title: the plan is the task', async () => {
    const doc = await shape('annex-lead.txt');
    expect(doc.tasks.map((t) => [t.number, t.title, t.lead])).toEqual([['1', '松溪县国土空间规划专项行动方案', ['县自然资源局']]]);
  });

  it('an item whose opening sentence closes with a clause, over 具体措施 with clauses of their own, is a task too', async () => {
    const doc = await shape('two-level-items.txt');
    expect(roles(doc)).toEqual([
      ['一', ['财政部', '税务总局', '人民银行', '各地区'], []],
      ['1', ['财政部'], ['国务院相关部门', '各地区']],
      ['2', ['税务总局'], ['财政部']],
    ]);
  });
});

describe('clauses cut short and items run together', () => {
  it('a clause that lost its closing bracket still assigns, with the warning; a name cut at the end of the document is no unit', async () => {
    const doc = await shape('cut-clause.txt');
    expect(roles(doc)).toEqual([
      ['1', ['区政府办公室'], ['区司法局']],
      ['2', ['区司法局'], ['区政府有关部门']],
      ['3', ['区行政审批服务局', '区发展改革局'], []],
    ]);
    expect(doc.diagnostics.filter((d) => d.rule === 'unbalanced-brackets').map((d) => d.line)).toEqual([4, 6]);
    expect(doc.departments.some((d) => d.name === '区政')).toBe(false);
  });

  it('a clause cut at the end of the document inside a bracket of its own (各市〔州〕、县〔市、区、特): the whole units before it', async () => {
    const { ingestText } = await import('../../src/ingest.js');
    const doc = ingestText(
      '南川省稳经济行动方案\n\n一、强化组织推动\n1.成立省稳经济督导工作组，研究重大政策措施，协调解决重大问题。（责任单位：省商务厅）\n2.建立重点企业服务专员制度，帮助企业解决用工用能问题。（责任单位：省发展改革委，省直其他有关部门和单位，各市〔州〕、县〔市、区、特',
      { fileName: 'cut-nested.txt' },
    );
    expect(roles(doc)[0]).toEqual(['1', [], ['省商务厅']]);
    // the collective cut with its shared tail (各市〔州〕、县〔…〕人民政府) may go either way; the cut name is none
    const cut = task(doc, '2');
    expect(cut.lead).toEqual([]);
    expect(cut.responsible.slice(0, 2)).toEqual(['省发展改革委', '省直其他有关部门和单位']);
    expect(cut.responsible.some((n) => n.includes('特'))).toBe(false);
  });

  it('an item right after a clause on the same line starts there', async () => {
    const doc = await shape('run-in-after-clause.txt');
    expect(roles(doc)).toEqual([
      ['四', [], ['市商务局', '市经信局']],
      ['五', [], ['市发展改革委']],
    ]);
  });

  it('a 通知 pasted as one line, whose numbered paragraphs each end in a clause, gives its tasks', async () => {
    const doc = await shape('one-line-notice.txt');
    expect(roles(doc)).toEqual([
      ['1', ['省商务厅', '省财政厅'], []],
      ['2', ['省发展改革委'], ['省商务厅', '省财政厅']],
      ['3', ['省住房城乡建设厅', '省地方金融管理局'], []],
    ]);
  });
});

describe('assignments written in the item’s prose', () => {
  it('…，由A、B部门负责，有关部门配合。 / 由A牵头，B配合 / 由A会同B负责落实 / 由各地区、各部门分别负责 / 此项工作由… / a last sentence 由A负责。: the item is a task with those units', async () => {
    const doc = await shape('prose-assignment.txt');
    expect(doc.tasks.map((t) => [t.number, t.title, t.lead, t.responsible])).toEqual([
      // 公安、交通运输部门 share the tail 部门: both are units, 公安 kept as written
      ['一', '道路交通安全专项整治', ['公安', '交通运输部门'], ['有关部门']],
      ['二', '矿山安全隐患排查', ['省应急管理厅'], ['省自然资源厅', '省能源局']],
      ['三', '消防安全检查', ['省消防救援总队'], ['省住房城乡建设厅']],
      ['四', '危险化学品运输管理', ['省交通运输厅', '省工业和信息化厅'], []],
      ['五', '城乡燃气安全排查', ['各地区', '各部门'], []],
      ['六', '冬季森林防火', ['省林业局'], [expect.stringMatching(/^省(应急管理厅|應急管理廳)$/)]],
      // 此项工作由…, and the item's last sentence when it is the clause and nothing else
      ['七', '校园安全管理', ['省教育厅'], ['省公安厅']],
      ['八', '建筑施工安全', ['省住房城乡建设厅'], []],
    ]);
  });

  it('由… in ordinary prose (总体要求, 保障措施: 各项工作由各级人民政府统一领导) assigns nothing', async () => {
    const doc = await shape('prose-assignment.txt');
    const names = doc.departments.map((d) => d.name);
    expect(names.filter((n) => /人民政府|地方政府|同志/.test(n))).toEqual([]);
    expect(doc.tasks.some((t) => /组织领导|督促检查/.test(t.title))).toBe(false);
    // nor do the articles of a 办法
    const { ingestText } = await import('../../src/ingest.js');
    const rules = ingestText(
      '某市专项资金管理办法\n\n第一条 为规范专项资金管理，制定本办法。\n第二条 由市发展改革委负责项目审核。\n第三条 由市财政局负责资金拨付。\n',
      { fileName: 'rules.txt' },
    );
    expect(rules.tasks).toEqual([]);
  });

  it('a 分工 notice whose items are 一、关于“…”。由A牵头，B配合。: each item is a task', async () => {
    const doc = await shape('quoted-measures.txt');
    expect(roles(doc)).toEqual([
      ['一', ['市发展改革委'], ['市工业和信息化局', '国网青川供电公司']],
      ['二', ['市金融办'], ['人行青川市分行']],
      ['三', ['市税务局', '市财政局'], []],
    ]);
  });

  it("the only item under a part, opening with 由A负责，B、C配合，<work>: a task with those units (the part's own 承办/协办 line is no task)", async () => {
    const { ingestText } = await import('../../src/ingest.js');
    const doc = ingestText(
      '南川省农产品质量安全提升工作方案\n\n一、治理蔬菜农药残留\n\n由省农业农村厅承办，省市场监管局、省卫生健康委协办。工作目标：蔬菜农药残留抽检合格率达98%以上。主要措施：\n\n（一）由省农业农村厅负责，省市场监管局、省生态环境厅配合，加快蔬菜标准园建设，推广绿色防控技术。省市场监管局做好市场准入检测工作。\n\n二、保障措施\n\n各项工作由省政府统一领导，各地要加强组织实施。\n',
      { fileName: 'lone-prose-item.txt' },
    );
    expect(roles(doc)).toEqual([['一', ['省农业农村厅'], ['省市场监管局', '省生态环境厅']]]);
  });

  it('（A会同B负责） in brackets: A leads, B is responsible; 会同有关部门 adds no unit', async () => {
    const { ingestText } = await import('../../src/ingest.js');
    const doc = ingestText(
      '某县工作要点\n\n一、重点任务\n1.推进项目建设。（县发展改革局会同县财政局负责）\n2.优化营商环境。（县政务服务中心负责）\n3.盘活闲置资产。（县财政局会同有关部门负责）\n',
      { fileName: 'jointly.txt' },
    );
    // 会同有关部门 names no unit beside the lead
    expect(roles(doc)).toEqual([
      ['1', ['县发展改革局'], ['县财政局']],
      ['2', ['县政务服务中心'], []],
      ['3', ['县财政局'], []],
    ]);
  });
});

describe('label lines with compound labels', () => {
  it('牵头责任单位 / 主要责任单位 lead, 协同责任单位 / 协同配合单位 are responsible, 牵头负责领导 / 责任领导 are people', async () => {
    const doc = await shape('compound-labels.txt');
    expect(roles(doc)).toEqual([
      ['1', ['省统计局', '省发展改革委'], ['省财政厅']],
      ['2', ['省大数据局'], ['省统计局', '各市州人民政府']],
      ['3', ['省统计局'], ['省司法厅']],
    ]);
    expect(doc.departments.some((d) => /刘某|王某|陈某|领导/.test(d.name))).toBe(false);
  });

  it('a news article reprinting a 分工 notice: the reporter’s lead-in, then items with label lines, gives the tasks', async () => {
    const doc = await shape('news-division-notice.txt');
    expect(roles(doc)).toEqual([
      ['1', ['省统计局办公室'], ['省统计局数据管理中心', '各市州统计局']],
      ['2', ['省统计局法规处'], ['省统计执法监督局']],
      ['3', ['省统计局综合处'], []],
    ]);
    expect(doc.tasks.map((t) => t.title)).toEqual(['推进统计现代化改革', '完善统计监督机制', '加强统计分析研究']);
  });

  it('由A会同B研究提出落实意见: 会同 says who owns the work whatever the verb; a 由 without units (资金由县财政会同…) is none', async () => {
    const doc = await shape('joint-study-measures.txt');
    expect(roles(doc).slice(0, 2)).toEqual([
      ['一', ['县发展改革局'], ['县农业农村局', '县财政局']],
      ['二', ['县自然资源局'], ['县农业农村局']],
    ]);
    expect(doc.tasks.find((t) => t.number === '三')?.lead ?? []).toEqual([]);
  });
});

describe('a remark closing a label line, 分别牵头, a rule stated inside a clause (下同)', () => {
  it('（除标注“分别牵头”外，列第一位为牵头或汇总单位，下同） after the names is a remark, not the clause', async () => {
    const doc = await shape('label-line-remark-rule.txt');
    expect(task(doc, '2')).toMatchObject({ lead: ['县农业农村局'], responsible: ['县财政局', '县自然资源局', '县水利局'] });
    expect(doc.departments.some((d) => /除标注|分别|汇总/.test(d.name))).toBe(false);
  });

  it('A、B分别牵头: each leads, and 分别 is no part of the last name', async () => {
    const doc = await shape('label-line-remark-rule.txt');
    expect(task(doc, '3')).toMatchObject({ lead: ['县人力社保局', '县农业农村局'], responsible: [] });
  });

  it('the first-listed rule holds from the clause that states it on: the tasks before it keep their 责任单位', async () => {
    const doc = await shape('label-line-remark-rule.txt');
    expect(task(doc, '1')).toMatchObject({ lead: [], responsible: ['县农业农村局'] });
    expect(task(doc, '4')).toMatchObject({ lead: ['县发改局'], responsible: [] });
  });

  it('各市、县、区人民政府: the levels a collective lists before the unit they share are one collective', async () => {
    const doc = await shape('label-line-remark-rule.txt');
    expect(task(doc, '5')).toMatchObject({ lead: ['县经济开发区管委会'], responsible: ['县发改局', '各乡镇人民政府', '各市、县、区人民政府'] });
  });
});
