import { describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/search/store.js';
import { ingestFixture } from '../helpers/fixtures.js';

/**
 * QA7 part B: the 年均增长 column of a 纲要's indicator table is in the model now; a search hit on
 * an indicator row must show it (能源消耗降低 has no 2030 target, only its five-year total [15]).
 */
describe('indicator rows in search', () => {
  it('show the growth column and its cumulative mark', async () => {
    const index = buildSearchIndex([await ingestFixture('qa7/chenglan-15th-five-year-outline.md')]);
    const hit = index.search('能源消耗').hits.find((h) => h.kind === 'indicator')!;
    expect(hit.snippet.text).toContain('累计 15'); // a five-year total, shown as every output shows it
    const gdp = index.search('地区生产总值增长').hits.find((h) => h.kind === 'indicator')!;
    expect(gdp.snippet.text).toContain('年均增长 5.5左右');
  });
});
