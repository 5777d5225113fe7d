import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest.js';
import { saveDocument } from '../../src/model/store.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { formatDepartmentList, writeDepartmentList, writeDepartmentListJson } from '../../src/report/department-list.js';
import { formatIndicatorList, writeIndicatorList, writeIndicatorListJson } from '../../src/report/indicator-list.js';
import { formatTaskList, listTasks, writeTaskList, writeTaskListJson } from '../../src/report/task-list.js';
import { StoreListings } from '../../src/search/listings.js';
import type { PolicyStore } from '../../src/search/store.js';
import { readingStore, writeSearchIndex } from '../../src/search/store.js';
import { writeJsonArray, written } from '../../src/util/listing.js';
import { fixture } from '../helpers/fixtures.js';

/**
 * The reading commands print a listing of the store as they read it: the store is read a page of
 * documents at a time (StoreListings' `page`), and a document's rows are written before the
 * last page is read — in the text table's second pass (the first gives the widths) and in the
 * JSON's only one. Nothing of a corpus's listing is held: what it prints is what the whole
 * listing printed at once (the same bytes).
 */

const COPIES = 9;
let root: string;
let data: string;
let docs: PolicyDocument[];
let store: PolicyStore;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'policy-listing-pages-'));
  data = path.join(root, 'data');
  // many small documents: two under nine ids, every other one without an indicator table
  const two = [
    await ingestFile(fixture('qa7', 'yuanning-elderly-care-plan-2025.txt')),
    await ingestFile(fixture('qa4', 'linlan-commerce-circulation-notice-2025.txt')),
  ];
  docs = Array.from({ length: COPIES }, (_, k) => ({ ...two[k % 2], id: `doc-${String(k + 1).padStart(2, '0')}` }));
  for (const d of docs) await saveDocument(data, d);
  await writeSearchIndex(data);
  const opened = await readingStore(data);
  if (!opened) throw new Error('no store');
  store = opened;
});

afterAll(async () => {
  store?.close();
  await rm(root, { recursive: true, force: true });
});

/** What was done, in order: a statement read (`read`, with the documents it was for) or a piece written (`write`). */
function recorder(page: number) {
  const events: Array<{ kind: 'read' | 'write'; text: string }> = [];
  const listings = new StoreListings(
    {
      all: <T extends unknown[]>(sql: string, ...params: unknown[]) => {
        events.push({ kind: 'read', text: sql });
        return store.all<T>(sql, ...params);
      },
    },
    data,
    page,
  );
  const write = (s: string) => {
    events.push({ kind: 'write', text: s });
  };
  return { events, listings, write };
}

/** Index of the first event matching, of the last. */
const first = (events: { kind: string; text: string }[], ok: (e: { kind: string; text: string }) => boolean) => events.findIndex(ok);
const last = (events: { kind: string; text: string }[], ok: (e: { kind: string; text: string }) => boolean) => events.findLastIndex(ok);

describe('a listing of the store is printed as it is read', () => {
  it('departments: the first document’s rows are written before the last page is read (text: in the second pass; JSON)', () => {
    const text = recorder(2);
    writeDepartmentList(text.listings.departments(), {}, text.write);
    const pages = (e: { kind: string; text: string }) => e.kind === 'read' && e.text.includes('mention_list');
    // 9 documents, 2 a page: 5 pages a pass, two passes
    expect(text.events.filter(pages)).toHaveLength(10);
    const row = first(text.events, (e) => e.kind === 'write' && e.text.startsWith('doc-01'));
    expect(row).toBeGreaterThan(first(text.events, pages));
    expect(row).toBeLessThan(last(text.events, pages));
    expect(
      text.events
        .filter((e) => e.kind === 'write')
        .map((e) => e.text)
        .join(''),
    ).toBe(formatDepartmentList(docs));

    const json = recorder(2);
    writeDepartmentListJson(json.listings.departments().each(), json.write);
    expect(json.events.filter(pages)).toHaveLength(5);
    expect(first(json.events, (e) => e.kind === 'write' && e.text.includes('"doc": "doc-01"'))).toBeLessThan(last(json.events, pages));
    expect(
      JSON.parse(
        json.events
          .filter((e) => e.kind === 'write')
          .map((e) => e.text)
          .join(''),
      ),
    ).toHaveLength(docs.reduce((n, d) => n + d.departments.length, 0));
  });

  it('tasks and indicators: rows written before the last document is read', () => {
    const tasks = recorder(2);
    const list = tasks.listings.tasks({});
    writeTaskList(list, {}, tasks.write);
    const taskUnits = (e: { kind: string; text: string }) => e.kind === 'read' && e.text.includes("kind = 'task'");
    expect(first(tasks.events, (e) => e.kind === 'write' && e.text.startsWith('doc-01'))).toBeLessThan(last(tasks.events, taskUnits));
    expect(
      tasks.events
        .filter((e) => e.kind === 'write')
        .map((e) => e.text)
        .join(''),
    ).toBe(formatTaskList(listTasks(docs)));
    const json = recorder(2);
    writeTaskListJson(json.listings.tasks({}), json.write);
    expect(first(json.events, (e) => e.kind === 'write' && e.text.includes('"doc": "doc-01"'))).toBeLessThan(last(json.events, taskUnits));

    const indicators = recorder(2);
    writeIndicatorList(indicators.listings.indicators(), {}, indicators.write);
    const pages = (e: { kind: string; text: string }) => e.kind === 'read' && e.text.includes('FROM indicators');
    // three passes: the columns, the widths, the lines
    expect(indicators.events.filter(pages)).toHaveLength(15);
    expect(first(indicators.events, (e) => e.kind === 'write' && e.text.startsWith('doc-01'))).toBeLessThan(last(indicators.events, pages));
    expect(
      indicators.events
        .filter((e) => e.kind === 'write')
        .map((e) => e.text)
        .join(''),
    ).toBe(formatIndicatorList(docs));
    const ijson = recorder(2);
    writeIndicatorListJson(ijson.listings.indicators().each(), ijson.write);
    expect(first(ijson.events, (e) => e.kind === 'write' && e.text.includes('"doc": "doc-01"'))).toBeLessThan(last(ijson.events, pages));
  });
});

describe('a JSON array written an item at a time', () => {
  it('is what JSON.stringify(items, null, 2) gives', () => {
    const cases: unknown[][] = [
      [],
      [{ doc: 'a', list: [] }],
      [{ doc: 'a', text: '两行\n文字', nested: { deep: [1, { x: null }], empty: {} }, skipped: undefined }, 'plain', 3, [[]]],
    ];
    for (const items of cases) expect(written((w) => writeJsonArray(items, w))).toBe(`${JSON.stringify(items, null, 2)}\n`);
  });
});
