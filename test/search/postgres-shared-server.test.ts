import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestText } from '../../src/index.js';
import { UserError } from '../../src/model/errors.js';
import { saveDocument } from '../../src/model/store.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { PgError, SyncPg } from '../../src/search/pg-sync.js';
import { PostgresStore } from '../../src/search/postgres.js';
import { STORE_VERSION } from '../../src/search/schema.js';
import { loadSearchIndex, writeSearchIndex } from '../../src/search/store.js';
import { EmptyStore } from '../../src/select/errors.js';

/**
 * A research group's shared server with a read replica: researchers search the replica (a hot
 * standby refuses every write), documents are ingested on the primary. A session whose
 * transactions are read-only (default_transaction_read_only) is refused writes with the same
 * SQLSTATE as a standby, so the suite needs one server only. Runs under test:pg
 * (POLICY_TEST_DB); plain `npm test` has no server.
 */
const url = process.env.POLICY_TEST_DB;
const schema = `policy_read_only_${process.pid}`;
const readOnly = (u: string) => `${u}${u.includes('?') ? '&' : '?'}options=${encodeURIComponent('-c default_transaction_read_only=on')}`;

const plan = (county: string, task: string) =>
  [
    `${county}人民政府办公室关于印发${county}农村人居环境整治实施方案的通知`,
    '',
    '一、重点任务',
    '',
    `1.${task}（${county}农业农村局牵头，${county}自然资源局配合）`,
  ].join('\n');

describe.skipIf(!url)('a PostgreSQL store on a read-only server (a read replica)', () => {
  let doc: PolicyDocument;
  let other: PolicyDocument;

  beforeAll(() => {
    doc = ingestText(plan('安平县', '规范农村宅基地管理。开展闲置宅基地盘活利用试点。'), { fileName: 'anping.txt' });
    other = ingestText(plan('宁和县', '推进农村厕所改造。'), { fileName: 'ninghe.txt' });
    const primary = PostgresStore.connect(url!, schema);
    primary.put([doc]);
    primary.close();
  });

  afterAll(() => {
    const pg = new SyncPg(url!);
    pg.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    pg.close();
  });

  it('searches and reads the tables there without writing', () => {
    const replica = PostgresStore.connect(readOnly(url!), schema);
    try {
      const found = replica.searcher().search('宅基地');
      expect(found.total).toBe(1);
      expect(found.hits[0].doc).toBe('anping');
      expect(replica.documentIds()).toEqual(['anping']);
    } finally {
      replica.close();
    }
  });

  it('refuses an ingest with a message that names the cause', () => {
    const replica = PostgresStore.connect(readOnly(url!), schema);
    try {
      expect(() => replica.put([other])).toThrow(PgError);
      expect(() => replica.put([other])).toThrow(/takes no writes \(a read replica\?\)/);
    } finally {
      replica.close();
    }
    // and the primary's store is as it was
    const primary = PostgresStore.connect(url!, schema);
    try {
      expect(primary.documentIds()).toEqual(['anping']);
    } finally {
      primary.close();
    }
  });

  it('says so when the store is not on the server, and makes no schema', () => {
    const missing = `${schema}_missing`;
    expect(() => PostgresStore.connect(readOnly(url!), missing)).toThrow(UserError);
    expect(() => PostgresStore.connect(readOnly(url!), missing)).toThrow(/not on this server.*ingest through the primary server/);
    const pg = new SyncPg(url!);
    try {
      expect(pg.query<[number]>('SELECT count(*) FROM pg_namespace WHERE nspname = $1', [missing])[0][0]).toBe(0);
    } finally {
      pg.close();
    }
  });
});

describe.skipIf(!url)('a shared PostgreSQL store (a named schema)', () => {
  const shared = `policy_shared_${process.pid}`;
  let saved: string | undefined;
  const dirs: string[] = [];

  beforeAll(() => {
    saved = process.env.POLICY_DB_SCHEMA;
    process.env.POLICY_DB_SCHEMA = shared;
  });

  afterAll(async () => {
    if (saved === undefined) delete process.env.POLICY_DB_SCHEMA;
    else process.env.POLICY_DB_SCHEMA = saved;
    const pg = new SyncPg(url!);
    pg.query(`DROP SCHEMA IF EXISTS ${shared} CASCADE`);
    pg.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  const folder = async (doc: PolicyDocument) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-shared-'));
    dirs.push(dir);
    await saveDocument(dir, doc);
    await writeSearchIndex(dir, [doc]);
    return dir;
  };

  it('says it is empty before anyone ingests, with no data folder', async () => {
    await expect(loadSearchIndex(path.join(os.tmpdir(), 'policy-no-such-folder'))).rejects.toThrow(EmptyStore);
  });

  it('keeps what each user ingests from a folder of their own, and searches without one', async () => {
    await folder(ingestText(plan('安平县', '规范农村宅基地管理。'), { fileName: 'anping.txt' }));
    const second = await folder(ingestText(plan('宁和县', '盘活闲置宅基地和农房。'), { fileName: 'ninghe.txt' }));
    // the second folder lacks the first document: the store keeps it all the same
    const fromSecond = await loadSearchIndex(second);
    expect(
      fromSecond
        .search('宅基地')
        .hits.map((h) => h.doc)
        .sort(),
    ).toEqual(['anping', 'ninghe']);
    // a researcher with no data folder at all
    const anywhere = await loadSearchIndex(path.join(os.tmpdir(), 'policy-no-such-folder'));
    expect(anywhere.search('宅基地').total).toBe(2);
  });

  it('is refused, not emptied, when an older policy wrote it', async () => {
    const pg = new SyncPg(url!, shared);
    try {
      pg.query(`UPDATE meta SET value = '${STORE_VERSION - 1}' WHERE key = 'version'`);
      await expect(loadSearchIndex(path.join(os.tmpdir(), 'policy-no-such-folder'))).rejects.toThrow(/must be ingested again/);
      // the group's documents are still there
      expect(pg.query<[number]>('SELECT count(*) FROM documents')[0][0]).toBe(2);
    } finally {
      pg.query(`UPDATE meta SET value = '${STORE_VERSION}' WHERE key = 'version'`);
      pg.close();
    }
  });
});
