import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { PostgresStore } from '../../src/search/postgres.js';

/**
 * Loading many documents into an empty PostgreSQL store: the vectors' GIN indexes are dropped
 * first and built once at the end (compact), or by the next connect when the load stopped
 * before; each document still has its own transaction (sent while the next one is cut), and
 * `terms` counts each term's units and documents as the search reads them. Runs under test:pg
 * (POLICY_TEST_DB).
 */
const url = process.env.POLICY_TEST_DB;
const schema = `policy_bulk_${process.pid}`;

const plan = (county: string, tasks: string[]) =>
  [
    `${county}人民政府办公室关于印发${county}农村人居环境整治实施方案的通知`,
    '',
    '一、重点任务',
    '',
    ...tasks.map((t, i) => `${i + 1}.${t}（${county}农业农村局牵头，${county}自然资源局配合）`),
  ].join('\n');

const ginIndexes = (store: PostgresStore) =>
  store
    .all<[string]>("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname IN ('units_fts_tsv', 'units_fts_marks') ORDER BY 1")
    .map((r) => r[0]);

describe.skipIf(!url)('a bulk load into an empty PostgreSQL store', () => {
  let docs: PolicyDocument[];

  beforeAll(() => {
    docs = [
      ingestText(plan('安平县', ['规范农村宅基地管理。', '开展闲置宅基地盘活利用试点。']), { fileName: 'anping.txt' }),
      ingestText(plan('宁和县', ['推进农村厕所改造。', '加强农村宅基地审批管理。']), { fileName: 'ninghe.txt' }),
      ingestText(plan('清溪县', ['推进农村厕所改造。']), { fileName: 'qingxi.txt' }),
    ];
  });

  afterAll(() => {
    const store = PostgresStore.connect(url!, schema);
    store.drop();
    store.close();
  });

  it('goes without the GIN indexes until compact builds them, and searches as a store loaded document by document', () => {
    const plain = PostgresStore.connect(url!, `${schema}_plain`);
    plain.reset();
    for (const d of docs) plain.put([d]);
    const expected = plain.searcher().search('宅基地');
    const expectedTerms = plain.all('SELECT term, units, title, text, docs FROM terms ORDER BY term');
    plain.drop();
    plain.close();

    const store = PostgresStore.connect(url!, schema);
    store.reset();
    expect(store.bulkLoad()).toBe(true);
    expect(ginIndexes(store)).toEqual([]);
    store.put(docs);
    store.compact();
    expect(ginIndexes(store)).toEqual(['units_fts_marks', 'units_fts_tsv']);
    expect(store.all('SELECT term, units, title, text, docs FROM terms ORDER BY term')).toEqual(expectedTerms);
    // 宅基地: three units of two documents; 农村 in every document
    expect(store.get('SELECT units, docs FROM terms WHERE term = ?', '宅基地')).toEqual([3, 2]);
    expect(store.get<[number, number]>('SELECT units, docs FROM terms WHERE term = ?', '农村')?.[1]).toBe(3);
    const found = store.searcher().search('宅基地');
    expect(found).toEqual(expected);
    // a store with documents keeps its indexes (another may be searching it)
    expect(store.bulkLoad()).toBe(false);
    expect(ginIndexes(store)).toHaveLength(2);
    store.close();
  });

  it('that stopped before compact has its indexes built by the next connect', () => {
    let store = PostgresStore.connect(url!, schema);
    store.reset();
    store.bulkLoad();
    store.put(docs.slice(0, 2));
    store.close();
    store = PostgresStore.connect(url!, schema);
    try {
      expect(ginIndexes(store)).toEqual(['units_fts_marks', 'units_fts_tsv']);
      expect(store.searcher().search('宅基地').total).toBe(3);
    } finally {
      store.close();
    }
  });

  it('counts the documents a term as a store filled one document at a time does, a later unit word re-indexed', () => {
    // a department the first document only mentions: a unit word when the second brings it (see incremental-load.test.ts)
    const mentions = ingestText('一、工作任务\n1.配合丙镇社会事务办公室做好养老服务调查。\n2.丙镇社会事务办公室按月通报。\n', {
      fileName: 'mentions-plan-2024.txt',
    });
    const leads = ingestText('一、工作任务\n1.完善养老服务设施。（牵头单位：丙镇社会事务办公室）\n', { fileName: 'bing-plan-2024.txt' });
    const terms = (store: PostgresStore) => store.all('SELECT term, units, title, text, docs FROM terms ORDER BY term');
    // each term's documents as the stored vectors have it
    const fromVectors = (store: PostgresStore) =>
      store.all(
        "SELECT t.term, count(DISTINCT f.doc)::int FROM terms t JOIN units_fts f ON f.tsv @@ (quote_literal(t.term) || ' | ' || quote_literal('^' || t.term))::tsquery GROUP BY t.term ORDER BY t.term",
      );
    const store = PostgresStore.connect(url!, schema);
    try {
      store.reset();
      store.put([mentions, leads]);
      const atOnce = terms(store);
      store.reset();
      store.put([mentions]);
      store.put([leads]);
      expect(terms(store)).toEqual(atOnce);
      expect(store.get('SELECT units, docs FROM terms WHERE term = ?', '丙镇社会事务办公室')).toEqual([3, 2]);
      expect(store.all('SELECT term, docs FROM terms ORDER BY term')).toEqual(fromVectors(store));
      // replaced and removed: the counts follow
      store.put([mentions], { force: true });
      expect(terms(store)).toEqual(atOnce);
      store.remove(leads.id);
      expect(store.all('SELECT term, docs FROM terms ORDER BY term')).toEqual(fromVectors(store));
    } finally {
      store.close();
    }
  });

  it('keeps the documents committed before one that fails, and none after it', () => {
    const store = PostgresStore.connect(url!, schema);
    try {
      store.reset();
      // the server refuses the third document (a trigger stands in for any failure)
      store.all(`CREATE FUNCTION ${schema}.refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        IF NEW.id = 'refused' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`);
      store.all(`CREATE TRIGGER refuse BEFORE INSERT ON documents FOR EACH ROW EXECUTE FUNCTION ${schema}.refuse()`);
      expect(() => store.put([docs[0], docs[1], { ...docs[2], id: 'refused' }, { ...docs[2], id: 'after' }])).toThrow(/refused/);
      expect(store.documentIds()).toEqual(['anping', 'ninghe']);
      expect(store.get('SELECT units, docs FROM terms WHERE term = ?', '宅基地')).toEqual([3, 2]);
    } finally {
      store.close();
    }
  });
});
