import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile, ingestText } from '../../src/index.js';
import { saveDocument } from '../../src/model/store.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { type SearchEngine, SearchIndex, type SearchOptions, type SearchResult } from '../../src/search/search-index.js';
import { SqliteStore } from '../../src/search/sqlite.js';
import { folderEngine, indexPath, loadSearchIndex, storePath, writeSearchIndex } from '../../src/search/store.js';
import { getTokenizer, normalizeText } from '../../src/search/tokenizer.js';
import { documentUnits, type SearchUnit } from '../../src/search/units.js';
import { InvalidOption, InvalidRole, UnknownDocument } from '../../src/select/errors.js';
import { corpus, fixture } from '../helpers/fixtures.js';

const WUXI = 'wuxi-urbanization-plan-2021-2035';
const LONGXI = 'longxi-rural-revitalization-2024';
const JIANGCHENG = 'jiangcheng-rural-roads-2024';
const FILES = [corpus(`${WUXI}.txt`), fixture('search', `${LONGXI}.txt`), fixture('search', `${JIANGCHENG}.txt`)];

let dataDir: string;
let index: SearchEngine;
const docs = new Map<string, PolicyDocument>();

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-'));
  for (const file of FILES) {
    const doc = await ingestFile(file);
    docs.set(doc.id, doc);
    await saveDocument(dataDir, doc);
  }
  await writeSearchIndex(dataDir, [...docs.values()]);
  index = await loadSearchIndex(dataDir);
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const search = (q: string, o: SearchOptions = {}): SearchResult => index.search(q, o);
const ids = (r: SearchResult) => r.hits.map((h) => h.id);
const task = (doc: string, n: string) => `${doc}#task-${n}`;

describe('relevance on the bundled plan', () => {
  it('农业转移人口落户 → task 10 first', () => {
    expect(ids(search('农业转移人口落户', { doc: WUXI }))[0]).toBe(task(WUXI, '10'));
  });

  it('随迁子女 → task 11 first', () => {
    const r = search('随迁子女');
    expect(ids(r)[0]).toBe(task(WUXI, '11'));
    expect(r.hits[0].snippet.text).toContain('随迁子女');
  });

  it('低效用地 → task 24 first', () => {
    expect(ids(search('低效用地'))[0]).toBe(task(WUXI, '24'));
  });

  it('宅基地 → tasks 20, 23 and 10 on top in the bundled plan', () => {
    const top = ids(search('宅基地', { doc: WUXI })).slice(0, 3);
    expect(new Set(top)).toEqual(new Set(['20', '23', '10'].map((n) => task(WUXI, n))));
  });

  it('every hit has the document, section, line and the units of its clause', () => {
    const hit = search('随迁子女').hits[0];
    const t = docs.get(WUXI)!.tasks.find((x) => x.number === '11')!;
    expect(hit).toMatchObject({ doc: WUXI, kind: 'task', number: '11', line: t.position.start.line, lead: t.lead, responsible: t.responsible });
    expect(hit.title).toBe(t.title);
    expect(hit.section).toContain('重点任务');
    const marked = hit.snippet.highlights.map(([a, b]) => hit.snippet.text.slice(a, b));
    expect(marked).toContain('随迁子女');
  });

  it('the same results for traditional characters', () => {
    expect(ids(search('農業轉移人口落戶', { doc: WUXI }))[0]).toBe(task(WUXI, '10'));
    expect(ids(search('隨遷子女'))[0]).toBe(task(WUXI, '11'));
    expect(ids(search('城鄉融合發展')).slice(0, 5)).toEqual(ids(search('城乡融合发展')).slice(0, 5));
    expect(search('城鄉融合發展').total).toBeGreaterThan(0);
  });

  it('indicator rows are units of their own', () => {
    const r = search('城镇化率', { kind: 'indicator' });
    expect(r.total).toBeGreaterThan(0);
    expect(r.hits.every((h) => h.kind === 'indicator')).toBe(true);
    expect(r.hits[0].title).toContain('常住人口城镇化率');
  });

  it('principles and safeguard measures are searchable by kind', () => {
    const principle = search('以人为本', { kind: 'principle' });
    expect(principle.hits[0].title).toContain('以人为本');
    const measure = search('组织领导', { kind: 'measure', doc: WUXI });
    expect(measure.hits.length).toBeGreaterThan(0);
    expect(measure.hits[0].snippet.text).toContain('组织领导');
  });
});

describe('relevance on a second plan of another shape', () => {
  it('finds the clause about each topic first', () => {
    expect(ids(search('厕所革命'))[0]).toBe(task(LONGXI, '7'));
    expect(ids(search('防止返贫 监测'))[0]).toBe(task(LONGXI, '3'));
    expect(ids(search('高标准农田', { kind: 'task' }))[0]).toBe(task(LONGXI, '2'));
    expect(ids(search('养护技术规范'))[0]).toBe(task(JIANGCHENG, '2'));
    expect(
      search('农村公路养护')
        .hits.slice(0, 3)
        .every((h) => h.doc === JIANGCHENG),
    ).toBe(true);
  });

  it('宅基地 finds the clauses of both county plans', () => {
    const found = ids(search('宅基地', { limit: 20 }));
    expect(found).toContain(task(LONGXI, '10'));
    expect(found).toContain(task(WUXI, '20'));
    expect(ids(search('宅基地', { doc: LONGXI }))[0]).toBe(task(LONGXI, '10'));
  });
});

describe('department filter', () => {
  it('resolves abbreviations: 住建委 → 县住房城乡建委', () => {
    const r = search('农业转移人口', { dept: '住建委', doc: WUXI });
    expect(r.departments).toEqual([{ doc: WUXI, name: '县住房城乡建委' }]);
    expect(r.total).toBeGreaterThan(0);
    for (const h of r.hits) expect([...h.lead, ...h.responsible]).toContain('县住房城乡建委');
  });

  it('--role narrows to lead or responsible', () => {
    const lead = search('农业转移人口', { dept: '住建委', role: 'lead', doc: WUXI, limit: 50 });
    const resp = search('农业转移人口', { dept: '住建委', role: 'responsible', doc: WUXI, limit: 50 });
    for (const h of lead.hits) expect(h.lead).toContain('县住房城乡建委');
    for (const h of resp.hits) expect(h.responsible).toContain('县住房城乡建委');
    expect(ids(lead)).toContain(task(WUXI, '11'));
    expect(ids(resp)).toContain(task(WUXI, '10'));
    expect(ids(lead)).not.toContain(task(WUXI, '10'));
  });

  it('resolves per document: 交通局 is 县交通局 in county plans and 市交通局 in the city notice', () => {
    const r = search('农村', { dept: '交通局', limit: 50 });
    expect(r.departments).toEqual(
      expect.arrayContaining([
        { doc: LONGXI, name: '县交通局' },
        { doc: JIANGCHENG, name: '市交通局' },
      ]),
    );
    const hitDocs = new Set(r.hits.map((h) => h.doc));
    expect(hitDocs.has(LONGXI) && hitDocs.has(JIANGCHENG)).toBe(true);
    const narrowed = search('农村', { dept: '交通局', doc: JIANGCHENG });
    expect(narrowed.departments).toEqual([{ doc: JIANGCHENG, name: '市交通局' }]);
    expect(narrowed.hits.every((h) => h.doc === JIANGCHENG)).toBe(true);
  });

  it('the lead of a task in a （X牵头，Y配合） clause', () => {
    const r = search('农村公路', { dept: '交通局', role: 'lead', doc: LONGXI });
    expect(ids(r)[0]).toBe(task(LONGXI, '8'));
  });

  it('ambiguous names list candidates; unknown names say so', () => {
    expect(() => search('农村', { dept: '委', doc: WUXI })).toThrow(/ambiguous: .*县住房城乡建委/);
    expect(() => search('农村', { dept: '海事局' })).toThrow(/no department "海事局"/);
  });
});

describe('queries and filters', () => {
  it('a quoted phrase must occur verbatim', () => {
    const r = search('"闲置宅基地"', { limit: 50 });
    expect(r.total).toBeGreaterThan(0);
    for (const h of r.hits) {
      const text = h.kind === 'task' ? findTask(h.doc, h.number!).text : '';
      expect(text).toContain('闲置宅基地');
    }
    expect(ids(r)).toEqual(expect.arrayContaining([task(WUXI, '20'), task(WUXI, '23'), task(LONGXI, '10')]));
    expect(ids(r)).not.toContain(task(WUXI, '10')); // 宅基地使用权, not 闲置宅基地
  });

  it('words not all in one clause fall back to clauses with some of them', () => {
    const r = search('厕所革命 随迁子女');
    expect(r.matchedAll).toBe(false);
    expect(ids(r).slice(0, 2).sort()).toEqual([task(LONGXI, '7'), task(WUXI, '11')].sort());
  });

  it('--kind, --doc and --limit', () => {
    const r = search('农村', { kind: ['task'], doc: [LONGXI], limit: 3 });
    expect(r.hits).toHaveLength(3);
    expect(r.total).toBeGreaterThan(3);
    expect(r.hits.every((h) => h.kind === 'task' && h.doc === LONGXI)).toBe(true);
  });

  it('bad input is a clear error, never a crash', () => {
    expect(() => search('')).toThrow(/empty query/);
    expect(() => search('，。')).toThrow(/nothing to search for/);
    expect(() => search('推进'.repeat(101))).toThrow(/limit is 200/);
    // typed errors that carry their data; no message names a flag (the CLI words them)
    expect(() => search('宅基地', { kind: 'chapter' as never })).toThrow(InvalidOption);
    expect(() => search('宅基地', { kind: 'chapter' as never })).toThrow(/^kind chapter: unknown kind/);
    expect(() => search('宅基地', { doc: 'nope' })).toThrow(UnknownDocument);
    expect(() => search('宅基地', { doc: 'nope' })).toThrow(/no ingested document "nope"/);
    expect(() => search('宅基地', { role: 'lead' })).toThrow(InvalidRole);
    expect(() => search('宅基地', { limit: 0 })).toThrow(InvalidOption);
    for (const bad of [() => search('宅基地', { doc: 'nope' }), () => search('宅基地', { role: 'lead' }), () => search('宅基地', { limit: 0 })]) {
      expect(bad).toThrow(/^(?!.*--)/);
    }
  });

  // A unit's text with its document's department names blanked (交通 in 县交通局 is no topic
  // match), unless the query is the name itself.
  const topicText = (u: SearchUnit, q: string) => {
    let text = normalizeText(u.text);
    const names = docs
      .get(u.doc)!
      .departments.flatMap((d) => [d.name, ...d.aliases])
      .map(normalizeText);
    for (const n of names.sort((a, b) => b.length - a.length)) if (n !== q) text = text.split(n).join('□'.repeat(n.length));
    return text;
  };

  it('finds every clause that has the query as a substring outside department names (recall of a scan), ranked', () => {
    const units = [...docs.values()].flatMap(documentUnits);
    const queries = ['宅基地', '交通', '住房', '农村', '公路', '养护', '农业转移人口', '城镇化率', '三权分置', '县交通局', '率', '2025', '乡镇'];
    for (const q of queries) {
      const expected = units.filter((u) => topicText(u, normalizeText(q)).includes(normalizeText(q))).map((u) => u.id);
      const found = new Set(ids(search(q, { limit: 100_000 })));
      expect(
        expected.filter((id) => !found.has(id)),
        q,
      ).toEqual([]);
      expect(expected.length, q).toBeGreaterThan(0);
    }
  });

  it('a query of several words returns exactly the clauses that have every word, common words included', () => {
    const units = [...docs.values()].flatMap(documentUnits);
    for (const q of ['推进 宅基地', '发展 农村 公路', '农业转移人口落户', '加强 交通 建设', '县交通局 牵头']) {
      const r = search(q, { limit: 100_000 });
      expect(r.matchedAll, q).toBe(true);
      const expected = units.filter((u) => r.words.every((w) => topicText(u, w).includes(w))).map((u) => u.id);
      expect(ids(r).sort(), q).toEqual(expected.sort());
    }
  });

  it('words jieba does not know, single characters and digits are matched in the text', () => {
    const r = search('撂荒地');
    expect(ids(r)[0]).toBe(task(LONGXI, '1'));
    const digits = search('4000户');
    expect(ids(digits)).toContain(task(LONGXI, '7'));
    // a single character beside a word is required too
    const withChar = search('宅基地 闲', { limit: 100 });
    for (const h of withChar.hits) expect(h.kind === 'task' ? findTask(h.doc, h.number!).text : '闲').toContain('闲');
  });

  it('a word added to the dictionary after the index was built is still found (in the text)', () => {
    expect(search('路长制').total).toBe(1);
    getTokenizer({ userWords: ['路长制'] }); // e.g. another index or the comparer adds it
    expect(ids(search('路长制'))).toEqual([task(JIANGCHENG, '1')]);
  });

  it('no hits is an empty result', () => {
    const r = search('航空母舰');
    expect(r).toMatchObject({ total: 0, hits: [] });
  });
});

describe('frequent-term postings (the in-memory engine)', () => {
  it('give the same matches and ranking as MiniSearch alone', () => {
    const all = [...docs.values()];
    const plain = SearchIndex.build(all); // small: no frequent terms
    const compact = SearchIndex.fromJSON(JSON.parse(JSON.stringify(SearchIndex.build(all, { frequent: { share: 0.05, minUnits: 0 } }).toJSON())));
    expect(Object.keys(compact.toJSON().frequent.terms).length).toBeGreaterThan(20);
    expect(Object.keys(plain.toJSON().frequent.terms)).toEqual([]);
    for (const q of [
      '推进',
      '农村',
      '发展 农村',
      '推进 宅基地',
      '县交通局 牵头',
      '交通',
      '加强 建设 管理',
      '农业转移人口落户',
      '随迁子女',
      '厕所革命 随迁子女',
    ]) {
      const a = plain.search(q, { limit: 1000 });
      const b = compact.search(q, { limit: 1000 });
      expect(b.total, q).toBe(a.total);
      expect(b.matchedAll, q).toBe(a.matchedAll);
      expect(new Set(ids(b)), q).toEqual(new Set(ids(a)));
      expect(ids(b).slice(0, 10), q).toEqual(ids(a).slice(0, 10));
    }
    expect(compact.search('农村', { dept: '交通局', role: 'lead', doc: LONGXI }).hits[0].id).toBe(task(LONGXI, '8'));
  });
});

describe('the saved index', () => {
  it('is <data>/policy.db (or <data>/index.json in memory) and covers every document of the folder', async () => {
    if (folderEngine() === 'minisearch') {
      const json = JSON.parse(await readFile(indexPath(dataDir), 'utf8'));
      expect(json.format).toBe('policy-search-index');
      expect(json.documents.map((d: { id: string }) => d.id).sort()).toEqual([JIANGCHENG, LONGXI, WUXI]);
    } else if (folderEngine() === 'sqlite') {
      expect((await readFile(storePath(dataDir))).subarray(0, 15).toString()).toBe('SQLite format 3');
    } else {
      // on the PostgreSQL server (POLICY_TEST_DB): nothing in the folder but the models
      expect(existsSync(storePath(dataDir))).toBe(false);
    }
    expect(index.documents.map((d) => d.id).sort()).toEqual([JIANGCHENG, LONGXI, WUXI]);
  });

  it('is rebuilt from the model when a document was added after it', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-stale-'));
    try {
      await saveDocument(dir, docs.get(LONGXI)!);
      await writeSearchIndex(dir);
      const extra = await ingestText(
        [
          '平安县人民政府办公室关于印发平安县城乡供水一体化实施方案的通知',
          '',
          '一、重点任务',
          '',
          '1.推进城乡供水一体化。新建水厂2座，改造供水管网80公里，农村自来水普及率达到92%。（县水利局牵头，县财政局配合）',
          '',
          '2.保障饮用水安全。划定水源保护区，开展水质监测。（县生态环境局牵头，县卫生健康委配合）',
        ].join('\n'),
        { fileName: 'pingan-water-supply.txt' },
      );
      await saveDocument(dir, extra);
      const future = new Date(Date.now() + 5000);
      await utimes(path.join(dir, extra.id, 'document.json'), future, future);
      const reloaded = await loadSearchIndex(dir);
      expect(reloaded.documents.map((d) => d.id).sort()).toEqual([LONGXI, extra.id].sort());
      expect(reloaded.search('城乡供水一体化').hits[0].doc).toBe(extra.id);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a damaged index.json or policy.db is rebuilt, not a crash', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-bad-'));
    try {
      await saveDocument(dir, docs.get(JIANGCHENG)!);
      const damaged = folderEngine() === 'minisearch' ? indexPath(dir) : storePath(dir);
      await writeFile(damaged, '{"format": "policy-search-index", "version": 1, "units": [');
      const future = new Date(Date.now() + 5000);
      await utimes(damaged, future, future);
      const reloaded = await loadSearchIndex(dir);
      expect(reloaded.search('养护').total).toBeGreaterThan(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a policy.db of an older store version is rebuilt from the models, and then the store is on disk', async () => {
    if (folderEngine() !== 'sqlite') return;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-old-'));
    try {
      await saveDocument(dir, docs.get(JIANGCHENG)!);
      await writeSearchIndex(dir);
      const old = SqliteStore.open(storePath(dir));
      old.run("UPDATE meta SET value = '3' WHERE key = 'version'");
      old.close();
      const reloaded = await loadSearchIndex(dir);
      expect(reloaded.search('养护').total).toBeGreaterThan(0);
      // rebuilt in the file (not a store in memory): it opens read-only at this version
      SqliteStore.open(storePath(dir), { readonly: true }).close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('an empty data folder says to ingest first', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-empty-'));
    try {
      await expect(loadSearchIndex(dir)).rejects.toThrow(/no ingested documents/);
      await expect(loadSearchIndex(path.join(dir, 'missing'))).rejects.toThrow(/data folder not found/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

function findTask(doc: string, n: string) {
  const t = docs.get(doc)!.tasks.find((x) => x.number === n);
  if (!t) throw new Error(`no task ${n} in ${doc}`);
  return t;
}
