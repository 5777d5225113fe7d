import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';

/**
 * Clause labels seen in social-sector plans: a 政府工作报告 split kept by one department
 * (牵头责任单位：… ⏎ 主要协作单位：… lines under each item) and a bureau's own 工作要点 whose
 * items name its offices ((责任科室：A、B), 牵头处室 / 配合处室, 责任股室). Our own text in those shapes.
 */
const units = (doc: PolicyDocument) => doc.tasks.map((t) => [t.number, t.lead, t.responsible]);

describe('协作 labels and office (科室/处室/股室) labels', () => {
  it('牵头责任单位 / 主要协作单位 lines: the 协作 units are responsible, though the label opens with 主要', () => {
    const doc = ingestText(
      `县民政局2023年政府工作报告任务分解

1.完善养老服务体系，新建社区养老服务站12个。

牵头责任单位：县民政局

主要协作单位：各乡镇人民政府、县财政局，县政府有关部门

2.做好困难群众基本生活保障，按时足额发放救助资金。

牵头责任单位：县民政局、县财政局

主要协作单位：各乡镇人民政府
`,
      { fileName: 'minzheng-fenjie.txt' },
    );
    expect(units(doc)).toEqual([
      ['1', ['县民政局'], ['各乡镇人民政府', '县财政局', '县政府有关部门']],
      ['2', ['县民政局', '县财政局'], ['各乡镇人民政府']],
    ]);
  });

  it('the page’s 监督方式 / 监督电话 line after the last item is no part of its clause', () => {
    const doc = ingestText(
      `县教育局2023年政府工作报告任务分解

1.新建城区幼儿园2所，新增学位540个。

牵头责任单位：县教育局

主要协作单位：县自然资源局、县住建局

2.推进义务教育优质均衡发展，完成薄弱学校改造5所。

牵头责任单位：县教育局

主要协作单位：各乡镇人民政府

监督方式：0551-6012345
`,
      { fileName: 'jiaoyu-fenjie.txt' },
    );
    expect(units(doc)).toEqual([
      ['1', ['县教育局'], ['县自然资源局', '县住建局']],
      ['2', ['县教育局'], ['各乡镇人民政府']],
    ]);
    expect(doc.tasks[1].text).not.toContain('监督');
  });

  it('(责任科室：…), (牵头处室：…；配合处室：…) and 责任股室： name a bureau’s offices', () => {
    const doc = ingestText(
      `市卫生健康委2024年工作要点

一、加强党的建设

1.深化理论学习。落实党组理论学习中心组学习制度，开展专题读书班。（责任科室：办公室、机关党委）

2.推进清廉医院建设。完善医疗机构廉洁从业制度。（牵头处室：医政医管处；配合处室：财务处、人事处）

二、提升医疗服务能力

3.推进紧密型医共体建设。完成县域医共体运行评估。
责任股室：基层卫生股
`,
      { fileName: 'weijian-yaodian.txt' },
    );
    expect(units(doc)).toEqual([
      ['1', [], ['办公室', '机关党委']],
      ['2', ['医政医管处'], ['财务处', '人事处']],
      ['3', [], ['基层卫生股']],
    ]);
  });
});

describe('an item of two sentences, each closed by its own clause', () => {
  it('…建设（县卫健局牵头）。…检查2万人（县妇联牵头）。: both units lead the item', () => {
    const doc = ingestText(
      `澄阳县2024年重点民生实事项目实施意见

一、工作任务

1.实施学前教育普惠工程。新建公办幼儿园2所，新增学位540个（县教育局牵头）。

2.开展妇幼健康守护行动。完成县妇幼保健院标准化建设（县卫健局牵头）。为农村适龄妇女免费开展“两癌”检查1.8万人（县妇联牵头）。

3.提升养老服务水平。新建乡镇区域养老服务中心3个（县民政局牵头，县财政局配合）。
`,
      { fileName: 'anyang-minsheng.txt' },
    );
    expect(units(doc)).toEqual([
      ['1', ['县教育局'], []],
      ['2', ['县卫健局', '县妇联'], []],
      ['3', ['县民政局'], ['县财政局']],
    ]);
  });
});
