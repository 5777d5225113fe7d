/**
 * Queries with no dictionary word (numbers, single characters, words jieba does not know, typos)
 * are answered by a scan of the units' text in memory, and from the index's marks on a store
 * (src/search/marks.ts): the results must be the same — every unit, score, count and suggestion.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile, ingestText } from '../../src/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import type { SearchEngine, SearchOptions, SearchResult } from '../../src/search/engine.js';
import { parseQuery } from '../../src/search/query.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { SqliteStore } from '../../src/search/sqlite.js';
import { buildSearchIndex } from '../../src/search/store.js';
import { getTokenizer } from '../../src/search/tokenizer.js';
import { documentUnits } from '../../src/search/units.js';
import { corpus, fixture } from '../helpers/fixtures.js';

const FILES = [
  corpus('wuxi-urbanization-plan-2021-2035.txt'),
  fixture('search', 'longxi-rural-revitalization-2024.txt'),
  fixture('search', 'jiangcheng-rural-roads-2024.txt'),
];

let docs: PolicyDocument[] = [];
let scan: SearchEngine;
/** The engine under test (env: MiniSearch, SQLite or PostgreSQL) and SQLite always. */
let engines: Array<[string, SearchEngine]> = [];

beforeAll(async () => {
  docs = await Promise.all(FILES.map((f) => ingestFile(f)));
  scan = SearchIndex.build(docs);
  engines = [
    ['sqlite', buildSearchIndex(docs, { engine: 'sqlite' })],
    ['env', buildSearchIndex(docs)],
  ];
});

/** What a result says, scores rounded as hits show them. */
function shape(r: SearchResult) {
  return {
    total: r.total,
    documents: r.documents,
    matchedAll: r.matchedAll,
    suggestions: r.suggestions,
    web: r.web,
    hits: r.hits.map((h) => [h.id, h.score, h.snippet.text]),
  };
}

function same(q: string, options: SearchOptions = {}): void {
  const expected = shape(scan.search(q, { limit: 1000, ...options }));
  for (const [name, e] of engines) expect(shape(e.search(q, { limit: 1000, ...options })), `${name}: ${q} ${JSON.stringify(options)}`).toEqual(expected);
}

/** True when a query has no dictionary word (the scan's path). */
function noTerm(q: string): boolean {
  const tk = getTokenizer();
  try {
    return parseQuery(q, tk).words.every((w) => !tk.inDictionary(w));
  } catch {
    return false;
  }
}

describe('queries without a dictionary word give the scan’s results on every engine', () => {
  it('numbers: years, decimals, percentages, numbers with units', () => {
    for (const q of ['2035年', '2025', '2035', '79.8%', '5%', '100', '4000户', '1', '0', '2021—2035', '"增长5"', '12.', '3万']) if (noTerm(q)) same(q);
  });

  it('single characters, unknown words and typos (with their suggestions)', () => {
    for (const q of ['闲', '率', '县', '的', '撂荒地', '宅几地', '交迪', '农忖', '乡真', '鑫', '龘']) if (noTerm(q)) same(q);
  });

  it('with filters: kind, document, department, web', () => {
    const id = docs[0].id;
    for (const q of ['2035年', '率', '宅几地']) {
      same(q, { kind: 'task' });
      same(q, { kind: ['indicator', 'paragraph'] });
      same(q, { doc: id });
      same(q, { kind: 'web' });
      same(q, { dept: '县交通局' });
    }
  });

  it('every number and a sample of the substrings of the units’ text', () => {
    const texts = docs.flatMap(documentUnits).map((u) => getTokenizer().normalize(u.text));
    const queries = new Set<string>();
    for (const t of texts) for (const n of t.match(/\d+(\.\d+)?%?/g) ?? []) queries.add(n);
    // a fixed sample: every 37th position, one to three characters
    let k = 0;
    for (const t of texts)
      for (let i = 0; i < t.length; i++) {
        if (++k % 37 !== 0) continue;
        queries.add(t.slice(i, i + 1 + (k % 3)));
      }
    const list = [...queries].filter((q) => q.trim() && noTerm(q));
    expect(list.length).toBeGreaterThan(100);
    for (const q of list) same(q);
  });
});

describe('marks after a new unit word re-indexes earlier documents', () => {
  it('a character that only the new word covers is still found', () => {
    const tk = getTokenizer();
    // 甲 is in no term of the first document; the second makes 甲乡村振兴服务中心 a unit word,
    // a term of the first document's text from then on
    const first = ingestText('一、工作任务\n1.支持甲乡村振兴服务中心开展调研。\n', { fileName: 'first-plan-2024.txt' });
    const second = ingestText('一、工作任务\n1.做好帮扶工作。（牵头单位：甲乡村振兴服务中心）\n', { fileName: 'second-plan-2024.txt' });
    const store = SqliteStore.open(':memory:');
    store.put([first]);
    store.put([second]);
    const memory = SearchIndex.build([first, second]);
    for (const q of ['甲', '甲乡']) {
      expect(noTerm(q), q).toBe(true);
      expect(shape(store.searcher().search(q)), q).toEqual(shape(memory.search(q)));
      expect(store.searcher().search(q).total, q).toBeGreaterThan(0);
    }
    expect(tk.isUserWord('甲乡村振兴服务中心')).toBe(true);
    // the second document gone, the first keeps the word as a term (and `terms` must know it)
    store.remove(second.id);
    const alone = SearchIndex.build([first]);
    for (const q of ['甲', '甲乡']) {
      expect(shape(store.searcher().search(q)), q).toEqual(shape(alone.search(q)));
      expect(store.searcher().search(q).total, q).toBeGreaterThan(0);
    }
    store.close();
  });
});
