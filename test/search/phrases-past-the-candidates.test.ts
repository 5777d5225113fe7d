import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { CANDIDATES, SqliteStore } from '../../src/search/sqlite.js';

/**
 * A quoted phrase that is no dictionary word is checked in the units' text: the store finds the
 * units with its words, reads each one's text once to count those with the phrase, and ranks the
 * most recent CANDIDATES of these. Here more units than that have both words, and some have
 * them apart (高速公路和农村公路建设): the count, the documents and every hit must be those of
 * the phrase.
 */
const county = (i: number) => `第${i}县`;

function plan(i: number, tasks: string[]): PolicyDocument {
  const lines = [`${county(i)}人民政府办公室关于印发${county(i)}交通强县建设实施方案的通知`, '', '一、重点任务', ''];
  tasks.forEach((t, n) => lines.push(`${n + 1}.${t}（县交通运输局牵头，县财政局配合）`, ''));
  return ingestText(lines.join('\n'), { fileName: `plan-${i}.txt` });
}

const together = (n: number) => `推进第${n}段高速公路建设，完善沿线服务设施。`;
const apart = (n: number) => `完善第${n}段高速公路和农村公路建设的养护机制。`;

describe('a quoted phrase with more matches than the store ranks', () => {
  it('is counted in every unit with its words, and only units with the phrase are hits', () => {
    const docs: PolicyDocument[] = [];
    // six documents, six units in seven with the phrase: a few hundred more than CANDIDATES
    const per = Math.ceil(((CANDIDATES + 300) * 7) / 36);
    for (let i = 1; i <= 6; i++)
      docs.push(
        plan(
          i,
          Array.from({ length: per }, (_, n) => (n % 7 === 3 ? apart(n) : together(n))),
        ),
      );
    const store = SqliteStore.open(':memory:');
    try {
      store.put(docs);
      const memory = SearchIndex.build(docs);
      const stored = store.searcher().search('"高速公路建设"', { limit: 20 });
      const expected = memory.search('"高速公路建设"', { limit: 20 });
      expect(stored.total).toBeGreaterThan(CANDIDATES);
      expect(stored.total).toBe(expected.total);
      expect(stored.documents).toBe(expected.documents);
      expect(stored.hits).toHaveLength(20);
      for (const hit of stored.hits) expect(hit.snippet.text.replace(/\s/g, '')).toContain('高速公路建设');
      // units with the words apart are in the store's index but no match
      expect(store.searcher().search('高速公路 建设').total).toBeGreaterThan(stored.total);
    } finally {
      store.close();
    }
  }, 60_000);
});
