import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest.js';
import { taskColumnKind, taskTableKinds } from '../../src/parse/text-tables.js';

/**
 * Task tables in the shapes real pages give them (fixtures in test/fixtures/real-shapes, our own
 * words): every row with units is a task, its 序号 the number, its task cell the title.
 */
const F = (name: string) => `test/fixtures/real-shapes/${name}.txt`;
type Doc = Awaited<ReturnType<typeof ingestFile>>;
const rows = (doc: Doc) => doc.tasks.map((t) => [t.number, t.title, t.lead, t.responsible]);
const rules = (doc: Doc) => doc.diagnostics.map((d) => d.rule);

describe('task tables copied from web pages and Word', () => {
  it('a row to a line, its cells set apart by spaces and closed by full stops: each piece read as a cell on a line of its own', async () => {
    const doc = await ingestFile(F('space-separated-task-rows'));
    const edge = ['各镇人民政府', '街道办事处'];
    expect(rows(doc)).toEqual([
      ['1', '全县生产总值增长6%左右', ['县发改委'], ['县政府各部门', ...edge, '县经开区管委会']],
      // a cell of two units going on under its row (县财政局 ⏎ 县税务局 ⏎ 县政府有关部门,…): nothing
      // tells whether the line break is the lead cell's or its border; the row stays unclear, no guess
      ['2', '一般公共预算收入增长4%左右', [], []],
      ['3', '社会消费品零售总额增长7%左右', ['县商务局'], ['县发改委', '县市场监管局']],
      ['4', '新开工亿元以上项目30个,竣工投产20个', ['县发改委'], ['县工信局', '县住建局', '县经开区管委会']],
      ['5', '城乡居民人均可支配收入分别增长5%、7%左右', [], []],
    ]);
    // a unit on a line of its own inside the table is no issuer
    expect(doc.issuer).not.toBe('县税务局');
  });

  it('one cell per line with a blank line between cells; a merged 牵头单位 is taken by the rows below; clutter ends the table', async () => {
    const doc = await ingestFile(F('web-cells-merged-lead'));
    expect(rows(doc)).toEqual([
      ['1', '新建城区口袋公园3处', ['县住建局'], []],
      ['2', '改造提升背街小巷10条', ['县住建局'], []],
      ['3', '新增公办托育机构2家', ['县卫生健康局'], []],
      ['4', '1)开展老年人免费体检5000人次;2)新建助餐点6个', ['县卫生健康局'], []],
    ]);
    // the 进展情况 column is not the task's text, and 分享到 is no cell
    expect(doc.tasks[0].text).not.toContain('已开工');
    expect(doc.tasks[3].text).not.toContain('分享到');
    // no table cell becomes the issuer or a department of the prose
    expect(doc.issuer ?? '').not.toMatch(/住建局|卫生健康局/);
  });

  it('a 责任单位-only table: units one a line, a sub-row without 序号 belongs to the row above', async () => {
    const doc = await ingestFile(F('web-cells-responsible-only'));
    expect(rows(doc)).toEqual([
      ['1', '建设县城第二水厂配套管网', [], ['县水利局', '县城投公司']],
      ['2', '新建城乡公交候车亭50座', [], ['县交通运输局']],
      ['3', '开工建设县中医院住院楼', [], ['县卫生健康局']],
      ['4', '改造农村危房120户', [], ['县住建局']],
    ]);
    expect(doc.tasks[2].text).toContain('建成县中医院发热门诊');
    expect(doc.tasks[2].deadline).toBe('6月底前开工；10月底前');
    expect(doc.tasks[0].deadline).toBe('11月底前');
  });

  it('a section row (一、… (牵头领导:…)) between rows is no task, 责任人 names people, not units; a header word spread by spaces is one', async () => {
    const doc = await ingestFile(F('section-row-person-column'));
    expect(rows(doc)).toEqual([
      ['1', '★地区生产总值增长7%', ['区发改局'], ['区统计局']],
      ['2', '★一般公共预算收入增长5%', ['区财政局'], ['区税务局']],
      ['3', '完成棚户区改造800户', ['区住建局'], ['各街道办事处']],
    ]);
    const units = doc.tasks.flatMap((t) => [...t.lead, ...t.responsible]);
    expect(units).not.toContain('张伟');
    expect(units.some((u) => /李明|赵刚/.test(u))).toBe(false);
  });

  it('a 分值 cell that reads like the next 序号 stays in its row; 评分部门 scores the work and takes no role', async () => {
    const doc = await ingestFile(F('scored-columns'));
    expect(rows(doc)).toEqual([
      ['1', '招商引资到位资金完成年度目标', [], ['县商务局']],
      ['2', '新增规模以上工业企业5家', [], ['县经信局']],
    ]);
  });
});

describe('task tables one row a line', () => {
  it('cells set apart by single spaces, cells holding spaces, empty cells (two spaces): units read from the row end', async () => {
    const doc = await ingestFile(F('space-rows-task-table'));
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['市水利局'], ['市发展改革委', '市农业农村局', '各县(市、区)人民政府', '市示范区管委会']],
      ['2', ['市水利局'], ['市机关事务局', '各县(市、区)人民政府']],
      ['3', ['市工业和信息化局'], ['市生态环境局', '各县(市、区)人民政府']],
    ]);
    expect(doc.tasks[0].text).toContain('落实用水总量 控制');
    expect(doc.tasks[2].text).toMatch(/^推进工业废水循环利用/);
  });

  it("a mirror's traditional pipe table with pinyin notes in its header (序號(hào)) and a task column name garbled (項目?jī)?nèi)容): the column after 序号 is the task", async () => {
    const doc = await ingestFile(F('pinyin-pipe-table'));
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['縣教育局'], []],
      ['2', ['縣交通局'], []],
    ]);
    expect(doc.tasks[0].title).toMatch(/^新建城區/);
  });

  it('a header word spread over its cell (工 作 任 务) and a 牵头负责部门 column', async () => {
    const doc = await ingestFile(F('spread-header-rows'));
    expect(doc.tasks.map((t) => [t.number, t.title, t.lead, t.deadline])).toEqual([
      ['1', '推行企业开办一日办结', ['区市场监管局'], '6月底前'],
      ['2', '开展涉企收费专项检查', ['区发展改革局'], '9月底前'],
    ]);
  });

  it("pipe rows without a 序号 column, each numbered in its task cell (9.提升…); the category cell only on its group's first row", async () => {
    const doc = await ingestFile(F('item-numbered-pipe-rows'));
    expect(rows(doc)).toEqual([
      ['9', '提升城乡居民养老服务', [], ['民政局']],
      ['10', '推进残疾人康复服务', [], ['残联']],
      ['11', '扩大困难群众医疗救助', [], ['医疗保障局']],
    ]);
    expect(doc.tasks.map((t) => t.text).join('')).not.toMatch(/社会保障|王 某|监督电话/);
    // the info block under the table: a number glued to words in 发布机构 (a spam mirror's) names no issuer
    expect(doc.issuer).toBeNull();
  });

  it('pipe rows without a leading pipe, ending in " |"', async () => {
    const doc = await ingestFile(F('pipe-rows-task-table'));
    expect(doc.tasks.map((t) => [t.number, t.title, t.lead, t.responsible, t.deadline])).toEqual([
      ['1', '完成县城污水处理厂提标改造', ['县住建局'], ['县生态环境局', '县财政局'], '10月底前'],
      ['2', '建设智慧农业示范基地2个', ['县农业农村局'], ['县科技局'], '12月底前'],
    ]);
  });

  it('a header column the rows leave out (序号 名称 工作任务 牵头责任单位, no 名称 cell), blank lines and a section row between rows', async () => {
    const { ingestText } = await import('../../src/ingest.js');
    const doc = ingestText(
      `青川市2019年政府工作任务分解表

序号 名称 工作任务 牵头责任单位

一、经济社会发展主要预期目标分解(4项)

1 地区生产总值增长6%以上,服务业增加值占比提高1个百分点. 发改委

2 一般公共预算收入增长7%. 财政局

3 全社会固定资产投资额400亿元,其中工业投资增长9%. 发改委、经信委

4 社会消费品零售总额增长8%左右. 商务局
`,
      { fileName: 'missing-column.txt' },
    );
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['发改委'], []],
      ['2', ['财政局'], []],
      ['3', ['发改委', '经信委'], []],
      ['4', ['商务局'], []],
    ]);
    expect(doc.tasks[0].text).toMatch(/^地区生产总值增长6%以上/);
  });

  it("a doc-sharing copy: the notice flattened onto long lines, the table's header glued to the end of the last one", async () => {
    const { ingestText } = await import('../../src/ingest.js');
    const doc = ingestText(
      `编辑: 某网友 2019-03-02
青川市人民政府办公室文件 青政办发〔2019〕15号 市政府办公室关于分解落实2019年 政府工作任务的通知 各镇人民政府,各街道办事处,市各委办局、直属单位: 根据市人大会议确定的目标任务,市政府将2019年政府工作分解为4项工作目标,现下达给你们,请认真组织实施.

市政府将对各项目标任务实施动态管理.市政府办公室将适时督查,督查结果列入年度绩效考核. 各部门主要负责人作为第一责任人,要加强协调,合力推进,确保各项工作任务圆满完成. 附件:青川市2019年政府工作任务分解表 青川市人民政府办公室 2019年2月20日 青川市2019年政府工作任务分解表 序号 名称 工作任务 牵头责任单位

一、经济社会发展主要预期目标分解(4项)

1 地区生产总值增长6%以上,服务业增加值占比提高1个百分点. 发改委

2 一般公共预算收入增长7%. 财政局

3 全社会固定资产投资额400亿元,其中工业投资增长9%. 发改委、经信委

4 社会消费品零售总额增长`,
      { fileName: 'glued-header.txt' },
    );
    expect(doc.tasks.filter((t) => t.lead.length).map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['发改委'], []],
      ['2', ['财政局'], []],
      ['3', ['发改委', '经信委'], []],
    ]);
    expect(doc.tasks[0].text).toMatch(/^地区生产总值增长6%以上/);
    expect([doc.title, doc.issuer, doc.date]).toEqual(['青川市2019年政府工作任务分解表', '青川市人民政府办公室', '2019-02-20']);
  });

  it('one cell a paragraph: a unit written with its other name in brackets (各镇政府(街道办事处)), a 责任领导 cell left out of a row', async () => {
    const { ingestText } = await import('../../src/ingest.js');
    const doc = ingestText(
      `2024年重点工作任务分解表

序号

主要工作举措

牵头单位

配合单位

责任领导

一、做强主导产业

1

加快农产品精深加工产业链规划布局,实现三产融合发展。

区农业农村局

区发展改革局、区工业和信息化局

2

推动再生资源项目签约落地,打造产业集群。

区经济开发区管委会

区发展改革局、各镇政府(街道办事处)

王某某

3

扶持装备制造企业增资扩产,带动配套企业提档升级。

区工业和信息化局

区经济开发区管委会、各镇政府(街道办事处)

王某某
`,
      { fileName: 'bracketed-unit-cell.txt' },
    );
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['区农业农村局'], ['区发展改革局', '区工业和信息化局']],
      ['2', ['区经济开发区管委会'], ['区发展改革局', '各镇政府(街道办事处)']],
      ['3', ['区工业和信息化局'], ['区经济开发区管委会', '各镇政府(街道办事处)']],
    ]);
  });

  it('one cell a paragraph: a row number marked with a star (1*, an item the city leads) starts its row; 省牵头单位: under the units names the lead', async () => {
    const { ingestText } = await import('../../src/ingest.js');
    const doc = ingestText(
      `二、省政府工作报告重点工作涉市任务责任分解

序号

重点工作任务(本市2项牵头工作、3项配合工作)

责任单位

(一)张某某常务副市长牵头重点工作

1*

大力推进城西科创走廊建设。

城西科创集聚区管委会,市科技局、市发改委

2

推进现代流通体系建设,打造国际消费中心城市。

市商务局、市发改委

省牵头单位:省商务厅
`,
      { fileName: 'starred-number.txt' },
    );
    // the line under a row's units that names the province's lead (省牵头单位:…) gives the row's lead
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1*', [], ['城西科创集聚区管委会', '市科技局', '市发改委']],
      ['2', ['省商务厅'], ['市商务局', '市发改委']],
    ]);
  });

  it('a unit cell that labels both roles (牵头单位:A 责任单位:B、C): the lead, and the others without their label', async () => {
    const { ingestText } = await import('../../src/ingest.js');
    const doc = ingestText(
      `序号 | 工作任务 | 进展情况 | 责任单位 |
1 | 提高公共文化服务水平,加快推进市图书馆新馆建设。 | 在建项目13个,总体进度正常。 | 牵头单位:市文广旅游局 责任单位:各县(市、区)政府、青河开发区管委会 |
2 | 加大文物保护力度,促进地方戏曲传承发展。 | 完成评审稿。 | 牵头单位:市文广旅游局 配合单位:市文物局 |
`,
      { fileName: 'cell-two-labels.txt' },
    );
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['市文广旅游局'], ['各县(市、区)政府', '青河开发区管委会']],
      ['2', ['市文广旅游局'], ['市文物局']],
    ]);
  });

  it('a merged unit cell is taken by the rows below it, not by a last row the text cuts inside its task', async () => {
    const { ingestText } = await import('../../src/ingest.js');
    const doc = ingestText(
      `2022年重点工作及责任清单

序号

重点工作

牵头责任单位

协同责任单位

1

全面推进招商引资,坚持顶格协调、顶格推进。

市政府办

市政府各部门

2

持续优化营商环境,深化“一网通办”改革。

3

坚决贯彻落实中央、省和市委决策部署,坚决做到`,
      { fileName: 'cut-last-row.txt' },
    );
    expect(doc.tasks.map((t) => [t.number, t.lead])).toEqual([
      ['1', ['市政府办']],
      ['2', ['市政府办']],
      ['3', []],
    ]);
  });

  it('a space row whose units cannot be told apart is warned about and gets no units', async () => {
    const { ingestText } = await import('../../src/ingest.js');
    const doc = ingestText(
      `某县重点任务分解表

序号 重点任务 牵头单位 完成时限
1 推进县域商业体系建设 县商务局 12月底前
2 推进物流园区建设 县发展改革局 县交通运输局 12月底前
`,
      { fileName: 'unclear-space.txt' },
    );
    expect(doc.tasks[0]).toMatchObject({ number: '1', lead: ['县商务局'] });
    expect(doc.tasks[1].lead).toEqual([]);
    expect(doc.tasks[1].responsible).toEqual([]);
    expect(rules(doc)).toContain('unclear-table-row');
  });
});

describe('task table columns known by what their names say', () => {
  it('a name ending in 单位/部门/科室/处室/机构 is a unit column, its role from its words; people and scorers are no units', () => {
    const kinds = (names: string[]) => names.map((n) => [n, taskColumnKind(n)]);
    expect(kinds(['主要责任单位', '牵头责任单位', '牵头部门', '主责单位', '主办科室', '牵头'])).toEqual(
      ['主要责任单位', '牵头责任单位', '牵头部门', '主责单位', '主办科室', '牵头'].map((n) => [n, 'lead']),
    );
    expect(kinds(['协同配合单位', '责任单位', '责任部门', '配合处室', '参加单位', '协助机构', '协办部门', '责任', '配合'])).toEqual(
      ['协同配合单位', '责任单位', '责任部门', '配合处室', '参加单位', '协助机构', '协办部门', '责任', '配合'].map((n) => [n, 'units']),
    );
    expect(kinds(['分管县领导', '分 管 县领导', '分管领导', '责任领导', '联系领导', '责任人', '牵头县领导'])).toEqual(
      ['分管县领导', '分 管 县领导', '分管领导', '责任领导', '联系领导', '责任人', '牵头县领导'].map((n) => [n, 'person']),
    );
    expect(kinds(['评分部门', '考核部门', '督办单位'])).toEqual(['评分部门', '考核部门', '督办单位'].map((n) => [n, 'scorer']));
    expect(kinds(['重点工作任务', '目标与任务', '目标任务', '工作任务', '考核指标', '考核内容', '工作内容', '主要任务', '具体措施'])).toEqual(
      ['重点工作任务', '目标与任务', '目标任务', '工作任务', '考核指标', '考核内容', '工作内容', '主要任务', '具体措施'].map((n) => [n, 'task']),
    );
    // a measure unit (%, 万亩) is no unit of government
    expect(taskColumnKind('单位')).toBe('text');
    expect(taskColumnKind('计量单位')).toBe('text');
  });

  it('beside a 牵头 column, a 主责 column is responsible; figures after the task are not its text; a category column before 序号', () => {
    expect(taskTableKinds(['序号', '重点任务', '牵头部门', '主责单位', '协办单位'])).toEqual(['number', 'task', 'lead', 'units', 'units']);
    expect(taskTableKinds(['考核项目', '序号', '考核指标', '考核内容', '单位', '年度目标', '责任部门', '评分部门'])).toEqual([
      'text',
      'number',
      'task',
      'detail',
      'text',
      'text',
      'units',
      'scorer',
    ]);
  });

  it('one cell per line, each ending in " |"; a 分管县领导 column of names set apart by spaces; rows numbered from 80', async () => {
    const doc = await ingestFile(F('pipe-cells-leader-column'));
    expect(rows(doc)).toEqual([
      ['80', '深化县域医共体建设，基层就诊率保持在65%以上', ['县卫生健康局'], ['县医保局', '县财政局']],
      ['81', '实施全民参保计划，城乡居民医保参保率稳定在95%以上', ['县医保局'], ['县税务局', '各乡镇人民政府']],
      ['82', '新建改建农村公路80公里', ['县交通运输局'], ['县财政局']],
      // a cell over two lines ends at the line with the pipe: both units lead
      ['83', '加快建设县城污水处理厂三期工程，年内完成主体工程', ['县住建局', '县水利局'], ['县生态环境局']],
    ]);
    expect(doc.tasks.map((t) => t.text).join('')).not.toMatch(/\||周|韩/);
    expect(rules(doc)).not.toContain('unclear-table-row');
  });

  it("one cell per line ending in ' |', rows set apart by a '|' line; a 建设地点 column whose cell is a 街道 or 镇; an investment figure is no row number", async () => {
    const doc = await ingestFile(F('pipe-cells-place-column'));
    expect(rows(doc)).toEqual([
      ['1', '城区幼儿园扩容项目', [], ['教育局']],
      ['2', '南门菜市场改造项目', [], ['住建局']],
      ['3', '农村供水保障工程', [], ['水利局']],
    ]);
    expect(doc.tasks.map((t) => t.text).join('')).not.toMatch(/\||街道|石桥镇|450/);
    expect(rules(doc)).not.toContain('unclear-table-row');
  });

  it('cells and their "|" borders each on a line of their own; merged cells left out of the rows under them; items numbered in their cells; ★ marks the lead unit', async () => {
    const doc = await ingestFile(F('pipe-lines-merged-cells'));
    expect(rows(doc).slice(0, 6)).toEqual([
      ['1', '城乡居民收入增长6%左右', ['区发改委'], ['统计局']],
      ['2', '社会消费品零售总额增长7%以上', ['区商务局'], ['统计局']],
      ['3', '粮食播种面积稳定在12万亩以上', ['区农业农村局'], []],
      ['4', '新增城镇就业5000人以上', ['区人社局'], ['区财政局', '统计局']],
      ['5', '空气质量优良天数比率达到85%', ['生态环境局'], []],
      ['6', '不发生较大以上安全生产事故', ['区应急管理局'], []],
    ]);
    // the last row is cut before its units; no leader's name and no border is read as a unit or task text
    expect(doc.tasks.slice(6).every((t) => t.lead.length + t.responsible.length === 0)).toBe(true);
    expect(doc.tasks.map((t) => t.text).join('')).not.toMatch(/\||李|赵|周 敏/);
    expect(rules(doc)).not.toContain('unclear-table-row');
  });

  it('a category column before 序号 written once for its group; measure units and figures are no units; 评分部门 takes no role', async () => {
    const doc = await ingestFile(F('category-before-number'));
    expect(rows(doc)).toEqual([
      ['1', '粮食生产', [], ['县农业农村局']],
      ['2', '水产品总产量', [], ['县海洋与渔业局', '县农业农村局']],
      ['3', '高标准农田建设', [], ['县农业农村局']],
      ['4', '农村生活污水治理', [], ['县生态环境局']],
      ['5', '农村公路养护', [], ['县交通运输局']],
    ]);
    expect(doc.tasks[1].text).toContain('水产品总产量比上年增长');
    expect(doc.tasks.map((t) => t.text).join('')).not.toMatch(/万亩|48\.5|农业高质高效|乡村宜居宜业/);
  });

  it('section rows, several in a row, between rows numbered 3, 7, 12 (an excerpt); 主要责任单位 leads, 协同配合单位 responsible', async () => {
    const doc = await ingestFile(F('section-rows-excerpt'));
    expect(rows(doc)).toEqual([
      ['3', '研究与试验发展经费投入增长10%以上', ['县科技局'], ['县统计局', '县财政局']],
      ['7', '新认定高新技术企业15家以上，科技型中小企业入库60家以上', ['县科技局'], ['县经信局']],
      ['12', '建设县级科技成果转化中试基地1个', ['县科技局'], ['县发展改革局', '县财政局']],
    ]);
    // the same with 序  号 spread over its cell and sections two levels deep (二、 ⏎ （一） ⏎ （二）)
    const spread = await ingestFile(F('section-rows-spread-header'));
    expect(rows(spread)).toEqual([
      ['3', '地区生产总值增长6%左右', ['县发展改革局'], ['县统计局']],
      ['7', '规模以上工业增加值增长8%', ['县经信局'], ['县统计局']],
    ]);
  });

  it('a web page: info block (名称: …分解表 文号:, 发文日期) before a table with a 联系领导 and a 考核部门 column', async () => {
    const doc = await ingestFile(F('info-block-table'));
    expect(rows(doc)).toEqual([
      ['1', '新增城区停车泊位1200个', [], ['区住建局', '区城管局']],
      ['2', '改造老旧小区燃气管道30公里', [], ['区住建局']],
    ]);
    expect(doc.title).toBe('某区2025年民生实事项目责任分解表');
    expect(doc.date).toBe('2025-03-12');
  });

  it('a column of a name not known (完成标志) is kept as words: the table is still read', async () => {
    const doc = await ingestFile(F('unknown-column-name'));
    expect(doc.tasks.map((t) => [t.number, t.title, t.lead, t.responsible, t.deadline])).toEqual([
      ['1', '完成镇区雨污分流改造', [], ['镇建设办'], '10月底前'],
      ['2', '建成农贸市场一处', [], ['镇经发办', '镇财政所'], '12月底前'],
    ]);
    expect(doc.tasks[0].text).not.toContain('竣工验收');
  });

  it('a sheet one row a line (a web page table read as tab rows): long and consecutive section rows; units run together in a cell (县经信局县财政局)', async () => {
    const doc = await ingestFile(F('tab-rows-section-rows'));
    expect(rows(doc)).toEqual([
      ['3', '研究与试验发展经费投入增长10%以上', ['县科技局'], ['县统计局', '县财政局']],
      ['7', '新认定高新技术企业15家以上', ['县科技局'], ['县经信局', '县财政局']],
      ['12', '建设县级科技成果转化中试基地1个', ['县科技局'], ['县发展改革局']],
    ]);
  });

  it('unit cells closed by a full stop (a list, or one name opening with its level) are units; a prose cell ending in 中心。 stays the task', async () => {
    const doc = await ingestFile(F('cells-closed-by-full-stop'));
    expect(rows(doc)).toEqual([
      ['4', '建成县残疾人康复服务中心', ['县卫生健康局'], ['县残联', '县民政局', '各乡镇人民政府', '街道办事处', '县城投集团']],
      ['5', '推进紧密型县域医共体建设,提升基层诊疗能力', ['县卫生健康局'], ['县医疗保障局']],
      ['6', '开展全民健康素养提升行动', ['县卫生健康局'], ['县教育局', '县融媒体中心']],
    ]);
    expect(rules(doc)).not.toContain('unclear-table-row');
  });
});
