import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';

/**
 * Labelled clauses with a field whose units take no part in the work (数据提供单位：, 考核单位：)
 * and labelled clauses whose units after a 牵头单位 field carry only 按职责分工负责.
 * Text in our own words, in the shapes of municipal 责任分解方案 and 实施意见.
 */
const units = (doc: PolicyDocument) => doc.tasks.map((t) => [t.number, t.lead, t.responsible]);

const breakdown = (body: string) => `某市2024年《政府工作报告》确定的主要目标任务责任分解方案

一、经济社会发展主要预期目标
${body}
二、保障措施
各单位要加强组织领导，确保任务落实。
`;

describe('clause fields that name units without a role in the work', () => {
  it('数据提供单位： names the unit that supplies the figure: neither lead nor responsible', () => {
    const doc = ingestText(
      breakdown(`（一）地区生产总值增长6%左右。（牵头领导：王某某，牵头单位：市发改委，数据提供单位：市统计局）
（二）全社会固定资产投资增长8%。（牵头领导：王某某，牵头单位：市发改委，责任单位：市住建局、市交通局，数据提供单位：市统计局）
（三）城乡居民人均可支配收入分别增长6%、7%。（牵头领导：李某，牵头单位：市人社局，责任单位：市农业农村局；数据提供单位：市调查队）`),
      { fileName: 'fenjie.txt' },
    );
    expect(units(doc)).toEqual([
      ['一', ['市发改委'], []],
      ['二', ['市发改委'], ['市住建局', '市交通局']],
      ['三', ['市人社局'], ['市农业农村局']],
    ]);
  });

  it('考核单位： in a clause scores the work: no role, as a scorer column in a table', () => {
    const doc = ingestText(
      breakdown(`（一）城镇新增就业3万人。（牵头单位：市人社局；配合单位：各区县政府；考核单位：市督查室）
（二）粮食播种面积稳定在100万亩。（牵头单位：市农业农村局；考核单位：市督查室）`),
      { fileName: 'kaohe.txt' },
    );
    expect(units(doc)).toEqual([
      ['一', ['市人社局'], ['各区县政府']],
      ['二', ['市农业农村局'], []],
    ]);
  });
});

describe('按职责分工负责 beside a labelled 牵头单位', () => {
  it('（牵头单位：A、B；C、D按职责分工负责）: A, B lead; C, D responsible', () => {
    const doc = ingestText(
      `某市关于深化区域合作的实施意见

一、深化区域经济合作
（一）优化区域发展格局
推动重大平台建设，促进区域均衡发展。（牵头单位：市发改局、市委政研室；各相关部门、各镇街（园区）按职责分工负责）
（二）加强交通互联互通
加快城际轨道建设。（牵头单位：市交通运输局；市自然资源局、市住房城乡建设局按职责分工负责）
二、保障措施
各单位要加强组织领导。
`,
      { fileName: 'quyu.txt' },
    );
    expect(units(doc)).toEqual([
      ['一', ['市发改局', '市委政研室'], ['各相关部门', '各镇街（园区）']],
      ['二', ['市交通运输局'], ['市自然资源局', '市住房城乡建设局']],
    ]);
  });

  it('without a 牵头 label, 按职责分工负责 still owns the task: （A、B按职责分工负责） leads', () => {
    const doc = ingestText(
      `某市关于深化区域合作的实施意见

一、深化区域经济合作
（一）优化区域发展格局
推动重大平台建设。（市发改局、市委政研室按职责分工负责）
二、保障措施
各单位要加强组织领导。
`,
      { fileName: 'quyu2.txt' },
    );
    expect(units(doc)).toEqual([['一', ['市发改局', '市委政研室'], []]]);
  });
});

describe('a bare list of units in brackets closing a measure', () => {
  const measures = (body: string) => `某市人民政府办公厅关于支持实体经济发展若干措施的意见

一、支持工业稳增长
${body}
二、保障措施
各区县要加强组织领导。
`;

  it("（市工信局、市财政局） after the measure's last sentence: the units own it, as （…负责）", () => {
    const doc = ingestText(
      measures(`（一）加大投入力度。每年安排工业发展专项资金不低于5亿元。（市工信局、市财政局）
（二）支持企业扩大投资。对新引进重点工业项目给予补助。（市工信局）`),
      { fileName: 'cuoshi.txt' },
    );
    expect(units(doc)).toEqual([
      ['一', ['市工信局', '市财政局'], []],
      ['二', ['市工信局'], []],
    ]);
  });

  it('brackets that are not a list of units, or not after a sentence, assign nothing', () => {
    const doc = ingestText(
      measures(`（一）加大投入力度。设立工业发展基金。（以下简称发展基金）
（二）支持企业扩大投资。建设综合服务平台（市民中心）
（三）优化营商环境。推行一网通办。（市、县）`),
      { fileName: 'cuoshi2.txt' },
    );
    expect(doc.tasks.flatMap((t) => [...t.lead, ...t.responsible])).toEqual([]);
  });
});

describe('a clause cut with the excerpt inside its role words', () => {
  it('…国家统计局某调查总队等按职责分 (cut): the unit before the cut words is whole', () => {
    const doc = ingestText(
      `某省人民政府关于落实《政府工作报告》重点工作部门分工的意见

一、落实工作总体部署
（一）总的要求和主要预期目标。地区生产总值增长6%左右。（分管副省长负责，省发改委牵头，省财政厅、省统计局、国家统计局某省调查总队等按职责分`,
      { fileName: 'cut.txt' },
    );
    expect(units(doc)).toEqual([['一', ['省发改委'], ['省财政厅', '省统计局', '国家统计局某省调查总队']]]);
  });

  it('a name cut itself (…责任单位：区政) is still no unit', () => {
    const doc = ingestText(
      `某区重点工作责任分工

一、重点任务
（一）推进老旧小区改造。完成改造20个。（牵头单位：区住建局；责任单位：区政`,
      { fileName: 'cut2.txt' },
    );
    expect(units(doc)).toEqual([['一', ['区住建局'], []]]);
  });
});
