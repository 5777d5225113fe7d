import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import { ingestFixture } from '../helpers/fixtures.js';

/** Numbering in the shapes real documents take (fixtures in test/fixtures/real-shapes, our own words). */
describe('numbering', () => {
  it('an item whose title starts with a figure (11.121人才梯队项目) is item 11, not part of item 10', async () => {
    const doc = await ingestFixture('real-shapes/figure-titles.txt');
    expect(doc.tasks.map((t) => [t.number, t.title])).toEqual([
      ['9', '实施引才计划'],
      ['10', '建设人才驿站'],
      ['11', '121人才梯队项目'],
      ['12', '优化人才服务'],
    ]);
    expect(doc.tasks[1].text).not.toContain('人才梯队');
    // a decimal that does not continue the numbering stays prose
    const prose = ingestText('某县工作要点\n\n一、重点任务\n1.实施引才计划。（县委人才办负责）\n3.5亿元用于人才奖励。\n', { fileName: 'decimal.txt' });
    expect(prose.tasks.map((t) => t.number)).toEqual(['1']);
  });

  it('an ordinal (第12项工作, 第二十三项任务) is no declared count; 以下12项工作 is', async () => {
    const doc = await ingestFixture('real-shapes/figure-titles.txt');
    expect(doc.declaredCounts.map((c) => [c.raw, c.declared])).toEqual([['12项工作', 12]]);
  });

  it('1﹒ (small full stop) and 1． are arabic items like 1.', async () => {
    const doc = await ingestFixture('real-shapes/small-full-stops.txt');
    expect(doc.tasks.map((t) => [t.number, t.title, t.lead])).toEqual([
      ['1.1', '推行企业开办一日办结', ['市市场监管局']],
      ['1.2', '推进工程建设项目审批改革', ['市住房城乡建设局']],
      ['2.1', '强化用地保障', ['市自然资源局']],
      ['2.2', '优化融资服务', ['市金融办']],
    ]);
    expect(doc.sections.filter((s) => s.style === 'arabic').map((s) => s.label)).toEqual(['1﹒', '2﹒', '1．', '2．']);
  });
});
