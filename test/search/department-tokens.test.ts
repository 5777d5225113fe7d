import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import type { SearchEngine, SearchOptions } from '../../src/search/engine.js';
import { buildSearchIndex } from '../../src/search/store.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * The SQLite engine finds `--dept` units by their `meta` tokens (a name's letters and digits:
 * 县交通-局 and 县交通局 have one token). Where two departments of a document share a token, the
 * units' lead and responsible lists decide, as the in-memory engine's filter does.
 */
let doc: PolicyDocument;
let memory: SearchEngine;
let store: SearchEngine;

beforeAll(async () => {
  doc = await ingestFile(fixture('search', 'longxi-rural-revitalization-2024.txt'));
  // 县统计局 supports task 1 (稳定粮食播种面积); spelled 县交通-局 it shares 县交通局's token
  const from = '县统计局';
  const to = '县交通-局';
  for (const d of doc.departments) if (d.name === from) d.name = to;
  for (const t of doc.tasks) {
    t.lead = t.lead.map((n) => (n === from ? to : n));
    t.responsible = t.responsible.map((n) => (n === from ? to : n));
    for (const a of t.assignments) if (a.name === from) a.name = to;
  }
  memory = buildSearchIndex([doc], { engine: 'minisearch' });
  store = buildSearchIndex([doc], { engine: 'sqlite' });
});

const ids = (s: SearchEngine, q: string, o: SearchOptions) => s.search(q, { limit: 50, ...o }).hits.map((h) => h.id.split('#')[1]);

describe('--dept when two departments of a document share a token', () => {
  it('县交通局 does not find the task 县交通-局 supports', () => {
    expect(doc.tasks[0].responsible).toContain('县交通-局');
    expect(ids(memory, '粮食', {})).toContain('task-1');
    expect(ids(store, '粮食', { dept: '县交通局' })).toEqual([]);
    expect(ids(store, '粮食', { dept: '县交通-局' })).toContain('task-1');
  });

  it('finds what 县交通局 leads and supports, as the in-memory engine does', () => {
    for (const role of [undefined, 'lead', 'responsible'] as const) {
      const options: SearchOptions = { dept: '县交通局', ...(role ? { role } : {}) };
      for (const q of ['农村', '发展', '粮食']) expect(ids(store, q, options)).toEqual(ids(memory, q, options));
    }
    expect(ids(store, '农村', { dept: '县交通局', role: 'lead' })).toEqual(['task-8']);
    expect(ids(store, '农村', { dept: '县交通局', role: 'responsible' })).toEqual(['task-6']);
  });
});
