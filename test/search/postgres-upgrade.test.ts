import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/index.js';
import { saveDocument } from '../../src/model/store.js';
import { SyncPg } from '../../src/search/pg-sync.js';
import { PG_LAYOUT, PostgresStore, schemaFor } from '../../src/search/postgres.js';
import { STORE_VERSION } from '../../src/search/schema.js';
import { loadSearchIndex, writeSearchIndex } from '../../src/search/store.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * A PostgreSQL schema written by an older policy is brought to this version by itself, as an
 * older SQLite file is: layouts 1 (positional vectors) and 2 (no documents a term) of this store
 * version are migrated in SQL,
 * an older store version rebuilt from the models; a newer one is refused. Needs POLICY_TEST_DB
 * (npm run test:pg).
 */
const url = process.env.POLICY_TEST_DB;
const QUERIES = ['养护', '农村公路', '"农村公路"', '公路 安全', '乡村振兴'];

let dir: string;
let schema: string;

beforeAll(async () => {
  if (!url) return;
  dir = await mkdtemp(path.join(os.tmpdir(), 'policy-pg-upgrade-'));
  for (const file of [fixture('search', 'jiangcheng-rural-roads-2024.txt'), fixture('search', 'longxi-rural-revitalization-2024.txt')]) {
    await saveDocument(dir, await ingestFile(file));
  }
  await writeSearchIndex(dir);
  schema = schemaFor(path.resolve(dir));
});

afterAll(async () => {
  if (!url) return;
  const store = PostgresStore.connect(url, schema);
  store.drop();
  store.close();
  await rm(dir, { recursive: true, force: true });
});

/** What the search reads of the store: vectors, lengths, totals, and the results of QUERIES. */
function snapshot(store: PostgresStore) {
  const search = store.searcher();
  return {
    rows: store.all<[number, string, number]>('SELECT rowid, tsv::text, len FROM units_fts ORDER BY rowid'),
    meta: store.all<[string, string]>('SELECT key, value FROM meta ORDER BY key'),
    terms: store.all<[string, number, number, number, number]>('SELECT term, units, title, text, docs FROM terms ORDER BY term'),
    results: QUERIES.map((q) => {
      const r = search.search(q);
      return { total: r.total, hits: r.hits.map((h) => [h.id, h.score]) };
    }),
  };
}

describe.skipIf(!url)('a PostgreSQL store written by an older policy', () => {
  it('of layout 1 (positional vectors, weights A and B) is migrated in SQL: the same vectors, lengths and results', () => {
    let store = PostgresStore.connect(url!, schema);
    const before = snapshot(store);
    expect(before.rows.length).toBeGreaterThan(20);
    expect(before.results[0].total).toBeGreaterThan(0);
    // the schema as layout 1 wrote it: title terms at positions with weight A, text terms B
    store.all(`UPDATE units_fts SET tsv = coalesce((SELECT string_agg(CASE WHEN left(x.lexeme, 1) = '^'
      THEN '''' || substr(x.lexeme, 2) || ''':1A' ELSE '''' || x.lexeme || ''':2B' END, ' ') FROM unnest(tsv) x), '')::tsvector`);
    store.all('ALTER TABLE units_fts DROP COLUMN len, DROP COLUMN pad');
    store.all('ALTER TABLE terms DROP COLUMN docs');
    store.all('DROP INDEX units_web');
    store.all("DELETE FROM meta WHERE key IN ('pg_layout', 'fts_tokens')");
    expect(store.all<[string]>('SELECT tsv::text FROM units_fts WHERE tsv::text LIKE ? LIMIT 1', '%:1A%')).toHaveLength(1);
    store.close();

    store = PostgresStore.connect(url!, schema);
    try {
      expect(snapshot(store)).toEqual(before);
    } finally {
      store.close();
    }
  });

  it('of layout 2 (no documents a term) is migrated in SQL: the same counts and results', () => {
    let store = PostgresStore.connect(url!, schema);
    const before = snapshot(store);
    // a term in units of both documents, and one in several units of one document
    expect(before.terms.some(([, , , , docs]) => docs === 2)).toBe(true);
    expect(before.terms.some(([, units, , , docs]) => docs === 1 && units > 1)).toBe(true);
    store.all('ALTER TABLE terms DROP COLUMN docs');
    store.all("UPDATE meta SET value = '2' WHERE key = 'pg_layout'");
    store.close();

    store = PostgresStore.connect(url!, schema);
    try {
      expect(snapshot(store)).toEqual(before);
    } finally {
      store.close();
    }
  });

  it('of an older store version is rebuilt, in its tables, from the models', async () => {
    let store = PostgresStore.connect(url!, schema);
    const before = snapshot(store);
    // the tables as store version 7 had them: section trails in units, no sections table,
    // assignments without seq and with indexes by unit and document
    store.all('DROP TABLE sections');
    store.all("ALTER TABLE units ALTER COLUMN section TYPE TEXT USING '一、旧'");
    store.all('ALTER TABLE assignments DROP CONSTRAINT assignments_pkey, DROP COLUMN seq');
    store.all('CREATE INDEX assignments_unit ON assignments(unit)');
    store.all("UPDATE meta SET value = '7' WHERE key = 'version'");
    store.close();
    store = PostgresStore.connect(url!, schema);
    // rebuilt empty at this version; the search of the folder puts the models again
    expect(store.documentIds()).toEqual([]);
    expect(store.all<[string, string]>("SELECT key, value FROM meta WHERE key IN ('version', 'pg_layout') ORDER BY key")).toEqual([
      ['pg_layout', String(PG_LAYOUT)],
      ['version', String(STORE_VERSION)],
    ]);
    store.close();
    const engine = await loadSearchIndex(dir);
    expect(engine.search('养护').total).toBe(before.results[0].total);
    store = PostgresStore.connect(url!, schema);
    try {
      expect(snapshot(store)).toEqual(before);
    } finally {
      store.close();
    }
  });

  it('of a newer store version is refused, and left as it is', () => {
    const store = PostgresStore.connect(url!, schema);
    store.all("UPDATE meta SET value = ? WHERE key = 'version'", String(STORE_VERSION + 1));
    store.close();
    expect(() => PostgresStore.connect(url!, schema)).toThrow(new RegExp(`store version ${STORE_VERSION + 1} .*newer than this policy's.*upgrade policy`));
    const pg = new SyncPg(url!);
    try {
      expect(pg.query(`SELECT value FROM ${schema}.meta WHERE key = 'version'`)).toEqual([[String(STORE_VERSION + 1)]]);
      pg.query(`UPDATE ${schema}.meta SET value = ? WHERE key = 'version'`, [String(STORE_VERSION)]);
    } finally {
      pg.close();
    }
  });
});
