import { describe, expect, it } from 'vitest';
import { comparePlans } from '../../src/compare/compare.js';
import { targetValue } from '../../src/compare/format.js';
import { ingestText } from '../../src/ingest.js';
import { describeTarget } from '../../src/report/sheet-data.js';
import { ingestFixture } from '../helpers/fixtures.js';

/**
 * QA7 part C: ranges (5%—8%) and ratios (缩小到2.5:1) are read into `value`/`upper`; sheets and
 * comparisons must print them as the document wrote them, not as ≥5% or ≤2.5.
 */
describe('a target’s figure as the document gives it', () => {
  it('responsibility sheets print a range with both bounds and a ratio with its :1', async () => {
    const doc = await ingestFixture('qa7/yuanning-elderly-care-plan-2025.txt');
    const lines = doc.targets.map(describeTarget);
    expect(lines).toContain('老年用品和服务消费年均增长：5—8%（2027年）');
    expect(lines).toContain('城乡每千名老年人养老床位数之比：≤2.5:1（2027年）');
  });

  it('policy compare sets a range beside a range, bounds shown', () => {
    const plan = (place: string, range: string) => `${place}银发经济发展实施方案

一、主要目标
到2027年，${place}老年用品和服务消费年均增长${range}，城乡每千名老年人养老床位数之比缩小到2.5:1。

二、重点任务
（一）培育银发经济市场主体。扶持老年用品企业发展。（牵头单位：${place.slice(-1)}发展改革委）
`;
    const a = ingestText(plan('栖川县', '6%—9%'), { fileName: 'a.txt' });
    const b = ingestText(plan('沅宁市', '5%—8%'), { fileName: 'b.txt' });
    const pair = comparePlans(a, b).targets.find((p) => p.a.metric.includes('年均增长'))!;
    expect([targetValue(pair.a), targetValue(pair.b)].map((v) => v.replace(/（.*$/, ''))).toEqual(['增长 6—9%', '增长 5—8%']);
  });
});
