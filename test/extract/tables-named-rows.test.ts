import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';

/**
 * A township's 安排表 as a web page gives it: a pipe table one row a line, no 序号, each row named
 * by its first cell (the sector of the month's 专项整治), a 时间安排 column and a 责任单位 column whose
 * cell lists the town's 站所 apart by spaces. Our own words in the shape of real plans.
 */
const plan = (table: string) => `青石镇2025年度消防安全专项检查工作计划
按照镇安委会关于2025年安全生产工作的总体要求，结合我镇实际，特制定本工作计划。
一、专项检查安排表
${table}
二、工作要求
（一）各有关责任单位要按照时间安排，制定本行业检查方案。
`;

describe('a pipe table named by its first cell, without 序号', () => {
  it('each row is a task; its 责任单位 cell gives the units, apart by spaces', () => {
    const doc = ingestText(
      plan(`检查行业名称 | 时间安排 | 责任单位 |
农家乐民宿 | 3月份 | 安监站 派出所 |
小型加工作坊 | 4月份 | 市场监管所 |
集贸市场 | 5月份 | 市场监管所 城建办 |`),
      { fileName: 'plan.txt' },
    );
    expect(doc.tasks.map((t) => [t.text, t.lead, t.responsible, t.deadline])).toEqual([
      ['农家乐民宿', [], ['安监站', '派出所'], '3月份'],
      ['小型加工作坊', [], ['市场监管所'], '4月份'],
      ['集贸市场', [], ['市场监管所', '城建办'], '5月份'],
    ]);
  });

  it('a schedule whose first column is its dates (时间 | 检查内容 | 责任单位) stays no task table', () => {
    const doc = ingestText(
      plan(`时间 | 检查内容 | 责任单位 |
3月份 | 农家乐民宿消防通道 | 安监站 |
4月份 | 小型加工作坊用电 | 市场监管所 |
5月份 | 集贸市场燃气 | 城建办 |`),
      { fileName: 'plan.txt' },
    );
    expect(doc.tasks.map((t) => t.text)).not.toContain('农家乐民宿消防通道');
  });
});

/**
 * A 政务公开 任务分解责任清单 as a mirror gives it: header 工作任务 | 具体要求 | 责任单位 | 时限要求, the
 * rows' numbers in a cell the header does not name, the group's names (一、… | （一）…) before the
 * number on the group's first row only, units cells written as clauses, the last row cut.
 */
const list = `临江市2025年政务公开任务分解责任清单
工作任务 | 具体要求 | 责任单位 | 时限要求 | ||
一、以公开助力营商环境优化。 | （一）加强涉企政策信息公开。 | 1 | 集中公开涉企政策文件，做好政策解读和执行情况公开。 | 市政府各有关部门，各区人民政府负责落实 | 持续推进 |
2 | 建立惠企政策公开专栏，及时更新申报指南。 | 市发展改革委牵头，市财政局配合 | 6月底前 | ||
3 | 畅通政务服务便民热线诉求反馈渠道，按时办结企业诉求。 | 市政务服务数据局牵头，市直有关部门等政府各有关`;

describe('a pipe table whose rows carry their number in a cell of their own', () => {
  it('each numbered row is a task; its units cell read as a clause; the cut row keeps its whole names', () => {
    const doc = ingestText(list, { fileName: 'list.txt' });
    expect(doc.tasks.map((t) => [t.lead, t.responsible])).toEqual([
      [[], ['市政府各有关部门', '各区人民政府']],
      [['市发展改革委'], ['市财政局']],
      [['市政务服务数据局'], ['市直有关部门']],
    ]);
    expect(doc.tasks[0].text).toContain('集中公开涉企政策文件');
    expect(doc.tasks[1].text).toContain('建立惠企政策公开专栏');
    expect(doc.tasks[1].deadline).toBe('6月底前');
  });
});
