import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import { taskLabel } from '../../src/model/headings.js';
import { ingestFixture } from '../helpers/fixtures.js';

/**
 * QA7 part B: task numbers where items' own numbers repeat. The number is the document's own
 * numbering from the item up, as short as keeps the tasks apart — not positions in the outline
 * (a 篇 above the chapters made 第四章第二节（二） read 3.1.2.2). EXPECTED.notes, part B, item 8.
 */
describe('QA7 task numbers from the document’s own numbering', () => {
  it('chenglan 纲要: （二） of 第四章第二节 is 4.2.2, though chapters sit in 篇', async () => {
    const doc = await ingestFixture('qa7/chenglan-15th-five-year-outline.md');
    const sections = new Map(doc.sections.map((s) => [s.id, s]));
    for (const task of doc.tasks) {
      // the chapter, section and item numbers along the task's own path
      const path: string[] = [];
      for (let s = sections.get(task.outlineId); s; s = s.parent ? sections.get(s.parent) : undefined) if (s.style !== 'part') path.unshift(String(s.ordinal));
      expect(task.number).toBe(path.join('.'));
    }
    const logistics = doc.tasks.find((t) => t.title === '发展现代物流')!;
    expect([logistics.number, taskLabel(logistics)]).toEqual(['4.2.2', '4.2.2']);
  });

  it('1. under each （一）: the shortest run that tells them apart, （二）1. is 2.1', () => {
    const text = `某县营商环境提升实施方案
一、总体要求
坚持问题导向，持续优化营商环境。
二、重点任务
（一）提升政务服务效能
1. 推进一网通办。全面推行线上办理。（牵头单位：县政务服务中心）
2. 压缩审批时限。深化审批制度改革。（牵头单位：县发展改革委）
（二）优化市场环境
1. 规范涉企收费。开展专项检查。（牵头单位：县市场监管局）
2. 加强信用建设。完善信用体系。（牵头单位：县发展改革委）
三、保障措施
加强组织领导，压实工作责任。
`;
    const doc = ingestText(text, { fileName: 'business.txt' });
    expect(doc.tasks.map((t) => [t.number, t.title])).toEqual([
      ['1.1', '推进一网通办'],
      ['1.2', '压缩审批时限'],
      ['2.1', '规范涉企收费'],
      ['2.2', '加强信用建设'],
    ]);
  });

  it('numbers that never repeat stay as written', () => {
    const text = `某县实施方案
一、重点任务
（一）推进一网通办。全面推行。（牵头单位：县政务服务中心）
（二）压缩审批时限。深化改革。（牵头单位：县发展改革委）
二、保障措施
（三）规范涉企收费。开展检查。（牵头单位：县市场监管局）
`;
    expect(ingestText(text, { fileName: 'x.txt' }).tasks.map((t) => t.number)).toEqual(['一', '二', '三']);
  });
});
