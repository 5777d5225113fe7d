import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';

/**
 * Label lines of a city's 若干措施 (责任单位：A、B（第一责任单位为牵头单位，下同） ⏎ 时限要求：…) and a
 * clause naming 市直有关部门、单位: shapes of real plans, in our own words.
 */
const units = (doc: PolicyDocument) => doc.tasks.map((t) => [t.number, t.lead, t.responsible]);

const measures = (remark: string) => `临江市进一步优化营商环境的若干措施

为进一步优化营商环境，现提出以下措施。

一、营造公平竞争的市场环境

（一）清理妨碍公平竞争的政策文件，建立动态清理机制。

责任单位：市市场监管局、市司法局${remark}

时限要求：持续推进

（二）规范工程建设项目招标投标，取消不合理的投标门槛。

责任单位：市住建局、市发改委

时限要求：2026年6月底前

（三）推行涉企收费目录清单管理。

责任单位：市财政局

时限要求：持续推进
`;

describe('a label line closed by a bracket of remarks, with label lines after it', () => {
  it('（第一责任单位为牵头单位，下同）: the units stay, the first of each list leads', () => {
    const doc = ingestText(measures('（第一责任单位为牵头单位，下同）'), { fileName: 'measures.txt' });
    expect(units(doc)).toEqual([
      ['一', ['市市场监管局'], ['市司法局']],
      ['二', ['市住建局'], ['市发改委']],
      ['三', ['市财政局'], []],
    ]);
  });

  it('（列第一位者为牵头单位，下同） in the same place reads the same', () => {
    const doc = ingestText(measures('（列第一位者为牵头单位，下同）'), { fileName: 'measures.txt' });
    expect(units(doc)[0]).toEqual(['一', ['市市场监管局'], ['市司法局']]);
  });

  it('without a rule, 责任单位 lines stay responsible', () => {
    const doc = ingestText(measures(''), { fileName: 'measures.txt' });
    expect(units(doc)).toEqual([
      ['一', [], ['市市场监管局', '市司法局']],
      ['二', [], ['市住建局', '市发改委']],
      ['三', [], ['市财政局']],
    ]);
  });
});

describe('a bare 单位 / 部门 after a collective', () => {
  const plan = (units: string) => `临江市数字政府建设工作要点

一、提升政务服务效能

1.深化政务服务网上办理。推进政务服务事项标准化，年底前实现企业群众在线办事一网通办。（牵头单位：市行政审批服务局；责任单位：${units}）

2.推进电子证照共享应用。扩大电子证照在政务服务中的应用范围。（牵头单位：市大数据局；责任单位：市直有关部门）
`;

  it('市直有关部门、单位 is one collective; the units after the comma are their own', () => {
    const doc = ingestText(plan('市直有关部门、单位，各区政府、开发区管委'), { fileName: 'plan.txt' });
    expect(units(doc)[0]).toEqual(['1', ['市行政审批服务局'], ['市直有关部门、单位', '各区政府', '开发区管委']]);
  });

  it('a unit before 、 that is no collective keeps its own name (市财政局、市审计局)', () => {
    const doc = ingestText(plan('市财政局、市审计局'), { fileName: 'plan.txt' });
    expect(units(doc)[0]).toEqual(['1', ['市行政审批服务局'], ['市财政局', '市审计局']]);
  });
});
