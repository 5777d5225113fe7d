import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { RESCORE, SqliteStore } from '../../src/search/sqlite.js';

/**
 * A word with more matches than the search rescores (RESCORE) is ranked by the store first, and
 * only the best of that ranking are scored exactly. The store's ranking must be BM25 and not the
 * order the units were put in: here the unit that is about the word (in its title, throughout
 * its text) is in the document ingested last, behind hundreds that mention it once in passing.
 */
const county = (i: number) => `第${i}县`;

function plan(i: number, tasks: string[]): PolicyDocument {
  const lines = [`${county(i)}人民政府办公室关于印发${county(i)}乡村建设行动实施方案的通知`, '', '一、重点任务', ''];
  tasks.forEach((t, n) => lines.push(`${n + 1}.${t}（县农业农村局牵头，县财政局配合）`, ''));
  return ingestText(lines.join('\n'), { fileName: `plan-${i}.txt` });
}

const passing = (n: number) =>
  `推进第${n}项农田水利设施建设。完善灌溉排水设施，整治农村人居环境，加强村庄规划管理，健全长效管护机制，同步改善交通条件，统筹推进产业发展和公共服务。`;

describe('a word with more matches than are rescored', () => {
  it('is ranked by BM25 in the store, not by the order of ingest', () => {
    const docs: PolicyDocument[] = [];
    for (let i = 1; i <= 3; i++)
      docs.push(
        plan(
          i,
          Array.from({ length: 90 }, (_, n) => passing(n + 1)),
        ),
      );
    docs.push(plan(4, ['完善农村交通网络。加快农村交通基础设施建设，推进交通运输与旅游融合，提升交通安全水平，健全交通管护体制。', passing(1)]));
    const store = SqliteStore.open(':memory:');
    try {
      store.put(docs);
      const result = store.searcher().search('交通', { limit: 3 });
      expect(result.total).toBeGreaterThan(RESCORE);
      expect(result.hits[0].doc).toBe('plan-4');
      expect(result.hits[0].title).toContain('完善农村交通网络');
    } finally {
      store.close();
    }
  });
});
