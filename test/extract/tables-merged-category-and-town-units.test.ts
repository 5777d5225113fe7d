import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';

/**
 * A 民生实事 任务分解方案 copied from a district's page one cell per line: 序号 / 事项分类 /
 * 事项名称 / 项目内容 / 牵头单位 / 协同单位, the 事项分类 cell merged over the rows of its group
 * (written in the group's first row only), each 协同单位 on a line of its own, towns (某某镇,
 * 某某乡) among them. Our own text in that shape.
 */
const rows = (doc: PolicyDocument) => doc.tasks.map((t) => [t.number, t.lead, t.responsible]);

const TABLE = `2025年澄江区政府民生实事任务分解方案

序号

事项分类

事项名称

项目内容

牵头单位

协同单位

1

教育提质工程

新(改、扩)建一批公办学校

新建公办幼儿园3所。

区教体局

城南街道

白沙镇

青山乡

区发改局

2

中小学校课后服务提升

实现义务教育学校课后服务全覆盖。

区教体局

/

3

健康惠民工程

新(改)建村卫生室

新(改)建村卫生室20家。

区卫健局

各乡镇(街道)

4

社区医院建设

建成社区医院1家。

区卫健局

石门乡

区资规分局

5

养老服务提升工程

新建居家养老服务中心

新建居家养老服务中心6家。

区民政局

各乡镇(街道)
`;

describe('a cell-per-line 民生实事 table with a merged category column', () => {
  it('each row is a task: the merged 事项分类 cell is left empty, not the 项目内容, and towns are units', () => {
    const doc = ingestText(TABLE, { fileName: 'chengjiang-minsheng.txt' });
    expect(rows(doc)).toEqual([
      ['1', ['区教体局'], ['城南街道', '白沙镇', '青山乡', '区发改局']],
      ['2', ['区教体局'], []],
      ['3', ['区卫健局'], ['各乡镇(街道)']],
      ['4', ['区卫健局'], ['石门乡', '区资规分局']],
      ['5', ['区民政局'], ['各乡镇(街道)']],
    ]);
    // a row under a merged category keeps its own 事项名称 in its text
    expect(doc.tasks[1].text).toContain('中小学校课后服务提升');
    expect(doc.tasks[3].text).toContain('社区医院建设');
  });
});

/**
 * A county's monthly 民生实事 progress table copied as a '|' table: a 牵头单位 cell merged over
 * rows is written in the first row only, and the rows under it lose that cell (their 落实情况
 * slides into its place, an empty cell closes the row). Our own text in that shape.
 */
const PIPED = `2025年3月民生实事项目进展情况汇总表
序号 | 项目内容 | 月度工作计划 | 牵头单位 | 落实情况 |
1 | 为全县65岁以上老年人免费体检1.2万人。 | 3月:制定体检工作方案。 | 县卫生健康局 | 已完成。 已印发体检工作方案。 |
2 | 为全县适龄女生免费接种宫颈癌疫苗800人。 | 3月:完成接种200人。 | 已完成。 完成接种260人,完成率32.5%。 | |
3 | 新增普惠托位120个。 | 3月:完成选址。 | 已完成。 3月20日完成两处托育点选址。 | |
4 | 培训养老护理员150人。 | 3月:开班1期。 | 县民政局 | 已完成。 已开班1期,培训52人。 |
5 | 为困难老年人家庭适老化改造100户。 | 3月:摸排改造对象。 | 已完成。 摸排改造对象126户。 | |
`;

describe('a | table whose merged 牵头单位 cells are left out of the rows under them', () => {
  it('the progress cell slid into the 牵头单位 column is no unit: the row takes the unit of the row above', () => {
    const doc = ingestText(PIPED, { fileName: 'minsheng-jinzhan-2025-03.txt' });
    expect(rows(doc)).toEqual([
      ['1', ['县卫生健康局'], []],
      ['2', ['县卫生健康局'], []],
      ['3', ['县卫生健康局'], []],
      ['4', ['县民政局'], []],
      ['5', ['县民政局'], []],
    ]);
  });
});

describe('a 责任单位 column set against a 配合单位 column', () => {
  it('the 责任单位 owns the row (lead), the 配合单位 help (responsible), in a | table and in a card', () => {
    const table = ingestText(
      `序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |
1 | 新建成公办幼儿园3所，新增学位900个。 | 6月底前主体完工;9月底前竣工交付。 | 教育局 | 发改局、财政局,城东街道 |
2 | 新增婴幼儿托位300个。 | 6月底前新增150个;10月底前完成。 | 卫生健康局 | 财政局、妇联,各镇(街道) |
`,
      { fileName: 'shishi-jihua.txt' },
    );
    expect(rows(table)).toEqual([
      ['1', ['教育局'], ['发改局', '财政局', '城东街道']],
      ['2', ['卫生健康局'], ['财政局', '妇联', '各镇(街道)']],
    ]);
    const card = ingestText(
      `具体任务
推进县域医共体建设，实现乡镇卫生院远程会诊全覆盖。
责任单位
卫健局、医保局
配合单位
各乡镇
完成时限
2025年12月底
`,
      { fileName: 'renwu-card.txt' },
    );
    expect(card.tasks.map((t) => [t.lead, t.responsible])).toEqual([[['卫健局', '医保局'], ['各乡镇']]]);
  });
});
