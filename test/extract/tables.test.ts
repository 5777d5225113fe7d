import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest.js';

/**
 * Task tables in the shapes real pages give them (fixtures in test/fixtures/real-shapes, our own
 * words): every row with units is a task, its 序号 the number, its task cell the title.
 */
const F = (name: string) => `test/fixtures/real-shapes/${name}.txt`;
type Doc = Awaited<ReturnType<typeof ingestFile>>;
const rows = (doc: Doc) => doc.tasks.map((t) => [t.number, t.title, t.lead, t.responsible]);
const rules = (doc: Doc) => doc.diagnostics.map((d) => d.rule);

describe('task tables copied from web pages and Word', () => {
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

  it('a header word spread over its cell (工 作 任 务) and a 牵头负责部门 column', async () => {
    const doc = await ingestFile(F('spread-header-rows'));
    expect(doc.tasks.map((t) => [t.number, t.title, t.lead, t.deadline])).toEqual([
      ['1', '推行企业开办一日办结', ['区市场监管局'], '6月底前'],
      ['2', '开展涉企收费专项检查', ['区发展改革局'], '9月底前'],
    ]);
  });

  it('pipe rows without a leading pipe, ending in " |"', async () => {
    const doc = await ingestFile(F('pipe-rows-task-table'));
    expect(doc.tasks.map((t) => [t.number, t.title, t.lead, t.responsible, t.deadline])).toEqual([
      ['1', '完成县城污水处理厂提标改造', ['县住建局'], ['县生态环境局', '县财政局'], '10月底前'],
      ['2', '建设智慧农业示范基地2个', ['县农业农村局'], ['县科技局'], '12月底前'],
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
