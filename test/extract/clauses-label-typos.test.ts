import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';

/**
 * Clauses typed with a slip: the label closed by ； instead of ：（责任单位；A、B）. The label is
 * no unit; the names after it are the clause's units. Our own text.
 */
describe('a clause label closed by ；', () => {
  it('（责任单位；A、B、C） names A, B and C, not 责任单位', () => {
    const doc = ingestText(
      `南岭县农村人居环境整治工作方案
一、重点任务
1.推进农村改厕。完成户厕改造1500户。(责任单位:住建局、各乡镇)
2.整治村庄环境。清理村内垃圾和杂物。(责任单位;住建局、畜牧局、各乡镇)
3.治理生活污水。建设污水处理设施20处。（牵头单位；县生态环境局；配合单位：县水利局）
`,
      { fileName: 'nanling.txt' },
    );
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', [], ['住建局', '各乡镇']],
      ['2', [], ['住建局', '畜牧局', '各乡镇']],
      ['3', ['县生态环境局'], ['县水利局']],
    ]);
  });
});
