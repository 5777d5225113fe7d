import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/model/types.js';
import { fixtureLoader } from '../helpers/fixtures.js';

/**
 * Assignments "respectively" (分别由): things and units listed in the same order and paired one to
 * one, only where their counts agree (fixtures in test/fixtures/real-shapes, our own words).
 */
const shape = fixtureLoader('real-shapes');
const pairs = (doc: PolicyDocument) => doc.tasks.map((t) => [t.number, t.title, t.lead, t.responsible]);

describe('分别由: things paired with units in order', () => {
  it('(b) a counted noun (五大重点领域) whose list an earlier paragraph closes with 等五大重点领域', async () => {
    const doc = await shape('respectively-fields.txt');
    expect(pairs(doc)).toEqual([
      ['1', '智慧农业生产', ['县农业农村局'], []],
      ['2', '农村电子商务', ['县商务局'], []],
      ['3', '乡村数字治理', ['县委政法委'], []],
      ['4', '数字惠民服务', ['县政务服务中心'], []],
      ['5', '乡村网络文化', ['县委宣传部'], []],
    ]);
    const t = doc.tasks[0];
    expect(t.outlineId).toBe('');
    expect(t.clause?.raw).toMatch(/^《实施意见》确定的五大重点领域分别由县农业农村局、.*负责落实$/);
    // the position is the field's name in the text
    expect(t.position.end.offset! - t.position.start.offset!).toBe('智慧农业生产'.length);
    // the numbered requests of the notice (1、 2、) stay no tasks
    expect(doc.tasks.some((x) => /联络员|报送/.test(x.text))).toBe(false);
  });

  it('(a) a list in the sentence itself; units that 配合 after the verb support every pair', async () => {
    const doc = await shape('respectively-inline.txt');
    expect(pairs(doc)).toEqual([
      ['1', '主次干道保洁', ['区城市管理局'], ['各街道办事处']],
      ['2', '农贸市场整治', ['区市场监管局'], ['各街道办事处']],
      ['3', '背街小巷清理', ['区住房城乡建设局'], ['各街道办事处']],
    ]);
    // 资金分别由区、街道两级财政承担: no units, no verb of assignment
    expect(doc.departments.map((d) => d.name)).not.toContain('区');
  });

  it("(c) a range of the document's own items (（一）至（五）项) gives each item its unit", async () => {
    const doc = await shape('respectively-range.txt');
    expect(pairs(doc)).toEqual([
      ['一', '深化政务服务改革', ['县行政审批服务局'], []],
      ['二', '规范涉企收费', ['县发展改革局'], []],
      ['三', '强化要素保障', ['县自然资源局'], []],
      ['四', '加强信用体系建设', ['县市场监管局'], []],
      ['五', '优化法治环境', ['县司法局'], []],
    ]);
    expect(doc.tasks.every((t) => t.outlineId.startsWith('s1.'))).toBe(true);
  });

  it('counts that differ, and 分别由 in prose about money, make no tasks', async () => {
    const doc = await shape('respectively-mismatch.txt');
    expect(doc.tasks).toEqual([]);
    expect(doc.departments.map((d) => d.name)).not.toContain('省');
  });
});
