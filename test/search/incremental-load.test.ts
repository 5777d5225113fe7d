/**
 * A store filled document by document (as `policy ingest` fills it, each in its own
 * transaction) holds what a store filled with the same documents at once holds: a unit word
 * that a later document brings (a department name the earlier ones only mention) is re-indexed
 * into the earlier documents' units, and the counts BM25 and the suggestions read (`terms`, the
 * field lengths and their totals) are those of the batch, also after a remove and a re-ingest.
 */
import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/index.js';
import { SqliteStore } from '../../src/search/sqlite.js';
import { getTokenizer } from '../../src/search/tokenizer.js';
import { searchDepartments } from '../../src/search/units.js';

const MENTIONS = ingestText('一、工作任务\n1.配合丙镇社会事务办公室做好养老服务调查。\n2.支持丁街道便民服务中心延长办理时间，丙镇社会事务办公室按月通报。\n', {
  fileName: 'mentions-plan-2024.txt',
});
const LEADS_BING = ingestText('一、工作任务\n1.完善养老服务设施。（牵头单位：丙镇社会事务办公室）\n', { fileName: 'bing-plan-2024.txt' });
const LEADS_DING = ingestText('一、工作任务\n1.推行帮办代办服务，丙镇社会事务办公室配合。（牵头单位：丁街道便民服务中心）\n', {
  fileName: 'ding-plan-2024.txt',
});

/**
 * Each term's units and documents as FTS5 counts them (a one-word search reads its total and
 * document count from `terms`, so the two must agree).
 */
function counted(store: SqliteStore) {
  return store
    .all<[string]>('SELECT term FROM terms ORDER BY term')
    .map(([t]) => [t, ...store.get<[number, number]>('SELECT count(*), count(DISTINCT rowid >> 20) FROM units_fts WHERE units_fts MATCH ?', `"${t}"`)!]);
}

/** What the search reads of a store besides the units' text, keyed so that document numbers do not matter. */
function contents(store: SqliteStore) {
  const rows = (sql: string) => store.all<unknown[]>(sql);
  return {
    terms: rows('SELECT term, units, docs FROM terms ORDER BY term'),
    vocab: rows('SELECT term, col, doc, cnt FROM units_vocab ORDER BY term, col'),
    words: rows('SELECT word, docs FROM user_words ORDER BY word'),
    totals: rows("SELECT key, value FROM meta WHERE key != 'version' ORDER BY key"),
    lengths: rows('SELECT d.id, u.uid, u.title_len, u.text_len FROM units u JOIN documents d ON d.num = u.doc ORDER BY d.id, u.uid'),
  };
}

describe('a store filled one document at a time', () => {
  it('has the terms and counts of the same documents put at once', () => {
    // the words are new to the tokenizer here: the first store is the one that meets them late
    const words = ['丙镇社会事务办公室', '丁街道便民服务中心'];
    for (const w of words) expect(getTokenizer().inDictionary(w), w).toBe(false);
    expect(searchDepartments(LEADS_BING).map((d) => d.name)).toContain(words[0]);
    expect(searchDepartments(LEADS_DING).map((d) => d.name)).toContain(words[1]);

    const one = SqliteStore.open(':memory:');
    for (const doc of [MENTIONS, LEADS_BING, LEADS_DING]) one.put([doc]);
    const batch = SqliteStore.open(':memory:');
    batch.put([MENTIONS, LEADS_BING, LEADS_DING]);
    const got = contents(one);
    expect(got).toEqual(contents(batch));
    // the mentions' units have the names as terms, and `terms` counts them
    expect(got.terms.filter((t) => words.includes(t[0] as string))).toEqual([
      [words[1], 2, 2],
      [words[0], 4, 3],
    ]);
    expect(got.terms.length).toBeGreaterThan(20);
    expect(got.terms).toEqual(counted(one));
    expect(got.words).toEqual([
      [words[1], 1],
      [words[0], 1],
    ]);

    // a document removed and put again: its word leaves the store's words and comes back, and
    // the units that kept it as a term are not counted twice
    one.remove(LEADS_BING.id);
    expect(contents(one).words).toEqual([[words[1], 1]]);
    expect(contents(one).terms).toEqual(counted(one));
    one.put([LEADS_BING]);
    expect(contents(one)).toEqual(contents(batch));
    expect(contents(one).terms).toEqual(counted(one));
    one.close();
    batch.close();
  });
});
