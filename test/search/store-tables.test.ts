import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/index.js';
import { saveDocument } from '../../src/model/store.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { STORE_VERSION, UNIT_SECTION } from '../../src/search/schema.js';
import { SqliteStore } from '../../src/search/sqlite.js';
import { folderEngine, loadSearchIndex, openStore, type PolicyStore, storePath, writeSearchIndex } from '../../src/search/store.js';
import { documentUnits } from '../../src/search/units.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * What the store keeps once (a unit's section trail in `sections`, an assignment's raw name only
 * where it is not the canonical one) reads back as the model has it, on the folder's engine
 * (SQLite, or PostgreSQL under test:pg), by the store's readers and by the joins docs/store.md
 * gives `policy sql` users; and a file of store version 7 (trails in `units`) is rebuilt.
 */
const FILES = [
  fixture('search', 'jiangcheng-rural-roads-2024.txt'),
  // 县人社局 written, 县人力社保局 its canonical name
  fixture('compare', 'qingxi-urbanization-plan-2021-2035.txt'),
  // traditional script: 縣發改委 written for 縣發展改革委
  fixture('real-shapes', 'traditional-plan.txt'),
];

let dir: string;
let docs: PolicyDocument[];
let store: PolicyStore;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'policy-store-tables-'));
  docs = [];
  for (const file of FILES) {
    const doc = await ingestFile(file);
    await saveDocument(dir, doc);
    docs.push(doc);
  }
  await writeSearchIndex(dir);
  store = openStore(dir);
});

afterAll(async () => {
  store?.close();
  await rm(dir, { recursive: true, force: true });
});

const byId = (a: unknown[], b: unknown[]) => JSON.stringify(a).localeCompare(JSON.stringify(b));

describe('the store keeps a section trail and a raw name once', () => {
  it('gives back every unit’s section trail, by the readers’ expression and by the join the docs give', () => {
    const expected = docs.flatMap((d) => documentUnits(d).map((u) => [d.id, u.id.slice(d.id.length + 1), u.section]));
    expect(expected.filter((r) => r[2] !== '').length).toBeGreaterThan(50);
    const read = store.all<[string, string, string]>(`SELECT d.id, units.uid, ${UNIT_SECTION} FROM units JOIN documents d ON d.num = units.doc`);
    expect(read.map((r) => r.map(String)).sort(byId)).toEqual(expected.sort(byId));
    const joined = store.all<[string, string, string | null]>(
      'SELECT d.id, u.uid, s.trail FROM units u JOIN documents d ON d.num = u.doc LEFT JOIN sections s ON s.doc = u.doc AND s.id = u.section',
    );
    expect(joined.map(([id, uid, trail]) => [id, uid, trail ?? '']).sort(byId)).toEqual(expected.sort(byId));
    // each trail once a document
    const [[rows, distinct]] = store.all<[number, number]>('SELECT count(*), count(DISTINCT doc || trail) FROM sections');
    expect(Number(rows)).toBe(Number(distinct));
    expect(Number(rows)).toBeLessThan(expected.filter((r) => r[2] !== '').length / 2);
  });

  it('gives back every assignment, its raw name where it is the unit’s too, in the task’s order', () => {
    const expected = docs.flatMap((d) => d.tasks.flatMap((t) => t.assignments.map((a, seq) => [d.id, t.number, seq, a.name, a.role, a.label, a.raw])));
    expect(expected.filter((a) => a[3] !== a[6]).length).toBeGreaterThanOrEqual(2);
    const read = store.all<unknown[]>(
      'SELECT d.id, a.task, a.seq, a.unit, a.role, a.label, coalesce(a.raw, a.unit) FROM assignments a JOIN documents d ON d.num = a.doc',
    );
    expect(read.map(([id, task, seq, ...rest]) => [id, task, Number(seq), ...rest]).sort(byId)).toEqual(expected.sort(byId));
    // NULL where raw is the canonical name, kept where it is not
    const [[kept]] = store.all<[number]>('SELECT count(*) FROM assignments WHERE raw IS NOT NULL');
    expect(Number(kept)).toBe(expected.filter((a) => a[3] !== a[6]).length);
  });

  it('keeps each alias of a department once', () => {
    const expected = docs.flatMap((d) => [...new Set(d.departments.flatMap((x) => x.aliases.map((a) => JSON.stringify([d.id, x.name, a]))))]);
    expect(expected.length).toBeGreaterThan(3);
    const read = store.all<[string, string, string]>('SELECT d.id, a.name, a.alias FROM department_aliases a JOIN documents d ON d.num = a.doc');
    expect(read.map((r) => JSON.stringify(r)).sort()).toEqual(expected.sort());
  });

  it('removes a document’s sections with it', () => {
    const doc = docs[0];
    expect(store.remove(doc.id)).toBe(true);
    const left = store.all<[number]>('SELECT count(*) FROM sections s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.num = s.doc)');
    expect(Number(left[0][0])).toBe(0);
    store.put([doc]);
    const [[n]] = store.all<[number]>('SELECT count(*) FROM sections s JOIN documents d ON d.num = s.doc WHERE d.id = ?', doc.id);
    expect(Number(n)).toBeGreaterThan(0);
  });
});

describe.skipIf(folderEngine() !== 'sqlite')('a store file of version 7', () => {
  it('(section trails in units, assignments with indexes by name) is rebuilt from the models by the next search', async () => {
    const old = await mkdtemp(path.join(os.tmpdir(), 'policy-store-v7-'));
    try {
      await saveDocument(old, docs[0]);
      // the tables of version 7 that differ from this version's, as that version made them, with a row
      const file = storePath(old);
      const { default: Database } = await import('libsql');
      const db = new Database(file);
      db.exec(`CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
        CREATE TABLE documents(num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, sha256 TEXT, schema TEXT, departments TEXT);
        CREATE TABLE assignments(doc INTEGER NOT NULL, task TEXT NOT NULL, unit TEXT NOT NULL, role TEXT NOT NULL, label TEXT, raw TEXT);
        CREATE INDEX assignments_unit ON assignments(unit);
        CREATE INDEX assignments_doc ON assignments(doc);
        CREATE TABLE units(rowid INTEGER PRIMARY KEY, doc INTEGER NOT NULL, uid TEXT NOT NULL, kind TEXT NOT NULL, number TEXT, label TEXT,
          title TEXT NOT NULL, text TEXT NOT NULL, simplified TEXT, section TEXT NOT NULL, lead TEXT NOT NULL, responsible TEXT NOT NULL,
          deadline TEXT, line INTEGER NOT NULL, page INTEGER, title_len INTEGER NOT NULL, text_len INTEGER NOT NULL);
        INSERT INTO meta VALUES ('version', '7');
        INSERT INTO units VALUES (1048576, 1, 'task-1', 'task', '1', '1.', '旧', '旧', NULL, '一、旧', '[]', '[]', NULL, 1, NULL, 1, 1);`);
      db.prepare('INSERT INTO documents VALUES (1, ?, ?, ?, ?)').run(docs[0].id, docs[0].source.sha256, String(docs[0].schemaVersion), '[]');
      db.close();
      const engine = await loadSearchIndex(old);
      const hits = engine.search('农村公路').hits;
      const sections = new Map(documentUnits(docs[0]).map((u) => [u.id, u.section]));
      expect(hits.filter((h) => h.section !== '').length).toBeGreaterThan(3);
      expect(hits.map((h) => [h.id, h.section])).toEqual(hits.map((h) => [h.id, sections.get(h.id)]));
      // rebuilt in the file, at this version: it opens read-only
      const rebuilt = SqliteStore.open(file, { readonly: true });
      try {
        expect(rebuilt.get<[string]>("SELECT value FROM meta WHERE key = 'version'")?.[0]).toBe(String(STORE_VERSION));
        expect(rebuilt.all<[string]>("SELECT name FROM sqlite_schema WHERE name LIKE 'assignments%' ORDER BY name").map((r) => r[0])).toEqual(['assignments']);
        const [[typed]] = rebuilt.all<[string]>('SELECT typeof(section) FROM units WHERE section IS NOT NULL LIMIT 1');
        expect(typed).toBe('integer');
      } finally {
        rebuilt.close();
      }
    } finally {
      await rm(old, { recursive: true, force: true });
    }
  });
});
