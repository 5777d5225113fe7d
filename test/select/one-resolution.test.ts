/**
 * Issue 14: "which documents, which unit, which role" has one answer. One table of names —
 * short, full, alias, traditional, suffix, carrier, the township family, ambiguous, unknown —
 * goes through every consumer (the library's resolution, the search index, the sheets'
 * selection, `policy tasks`, `policy search`, `policy sheet`, the web pages) and each must
 * resolve it the same way, or fail with the same typed error.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest.js';
import { saveDocument } from '../../src/model/store.js';
import type { PolicyDocument } from '../../src/model/types.js';
import type { SearchEngine } from '../../src/search/engine.js';
import { loadSearchIndex, writeSearchIndex } from '../../src/search/store.js';
import { AmbiguousDepartment, resolveUnits, roleOf, selectDepartments, UnknownDepartment } from '../../src/select/index.js';
import { WorkbenchApp } from '../../src/web/app.js';
import { runInProcess } from '../helpers/cli.js';
import { fixture, WUXI_FILE } from '../helpers/fixtures.js';

const WUXI = 'wuxi-urbanization-plan-2021-2035';
const JUNYANG = 'junyang-2025-key-work-breakdown';

/** name → the units it means, document by document (departments; carriers marked +), or the error. */
const TABLE: Array<[string, string, Record<string, string[]> | 'unknown' | 'ambiguous']> = [
  ['short', '交通局', { [JUNYANG]: ['县交通运输局'], [WUXI]: ['县交通局'] }],
  ['full', '县交通运输局', { [JUNYANG]: ['县交通运输局'], [WUXI]: ['县交通局'] }],
  ['alias', '住建委', { [WUXI]: ['县住房城乡建委'] }],
  ['traditional', '交通運輸局', { [JUNYANG]: ['县交通运输局'], [WUXI]: ['县交通局'] }],
  ['traditional suffix of a second name', '國資中心', { [JUNYANG]: ['县财政局（县国资中心）'] }],
  ['with a carrier', '财政局', { [JUNYANG]: ['县财政局', '+县财政局（县国资中心）'], [WUXI]: ['县财政局'] }],
  ['the township family', '乡镇', { [JUNYANG]: ['各乡镇（街道）', '沿线各乡镇'], [WUXI]: ['有关乡镇（街道）', '有关乡镇', '各乡镇（街道）'] }],
  ['a family member by name', '各乡镇（街道）', { [JUNYANG]: ['各乡镇（街道）'], [WUXI]: ['各乡镇（街道）'] }],
  ['ambiguous', '委', 'ambiguous'],
  ['unknown', '外交部', 'unknown'],
];

let dir: string;
let docs: PolicyDocument[];
let index: SearchEngine;
let app: WorkbenchApp;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'policy-select-'));
  docs = await Promise.all([fixture('qa7/junyang-2025-key-work-breakdown.txt'), WUXI_FILE].map((f) => ingestFile(f)));
  for (const d of docs) await saveDocument(dir, d);
  await writeSearchIndex(dir);
  index = await loadSearchIndex(dir);
  app = new WorkbenchApp({ dataDir: dir });
  await mkdir(path.join(dir, 'sheets'));
}, 120_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

const sorted = (xs: string[]) => [...xs].sort();
/** Expected units as `doc|name` (carriers included), and the departments alone. */
function expected(want: Record<string, string[]>) {
  const units = Object.entries(want).flatMap(([doc, names]) => names.map((n) => `${doc}|${n.replace(/^\+/, '')}`));
  const departments = Object.entries(want).flatMap(([doc, names]) => names.filter((n) => !n.startsWith('+')).map((n) => `${doc}|${n}`));
  return { units: sorted(units), departments: sorted(departments) };
}

describe('one resolution of a department name, everywhere', () => {
  for (const [what, name, want] of TABLE) {
    it(`${what}: ${name}`, async () => {
      const tasks = await runInProcess('tasks', '--dept', name, '--data', dir, '--json');
      const search = await runInProcess('search', '推进', '--dept', name, '--data', dir, '--json');
      const sheet = await runInProcess('sheet', name, '--data', dir, '--out', path.join(dir, 'sheets'));
      const page = (await app.handle({ method: 'GET', url: `/dept?name=${encodeURIComponent(name)}` })).body.toString();
      const searchPage = (await app.handle({ method: 'GET', url: `/?q=${encodeURIComponent('推进')}&dept=${encodeURIComponent(name)}` })).body.toString();

      if (want === 'unknown' || want === 'ambiguous') {
        const type = want === 'unknown' ? UnknownDepartment : AmbiguousDepartment;
        expect(() => resolveUnits(name, docs)).toThrow(type);
        expect(() => index.resolveDepartment(name)).toThrow(type);
        await expect(selectDepartments(dir, name)).rejects.toThrow(type);
        // the terminal's one wording: tasks and search alike, sheet without the flag
        expect(tasks.code).toBe(1);
        expect(search.code).toBe(1);
        expect(tasks.err).toBe(search.err);
        expect(sheet.err).toBe(tasks.err.replace('--dept: ', ''));
        expect(tasks.err).toMatch(want === 'unknown' ? /^policy: --dept: no department "外交部" in 2 documents/ : /is ambiguous: .*\(\d+ tasks?\)/);
        const browser = want === 'unknown' ? `没有部门“${name}”` : `“${name}”`;
        expect(page).toContain(browser);
        expect(searchPage).toContain(want === 'unknown' ? browser : `部门“${name}”不止一个`);
        return;
      }
      const { units, departments } = expected(want);
      // the library, the search index, the sheets' selection
      expect(sorted(resolveUnits(name, docs).flatMap((f) => f.units.map((u) => `${f.doc}|${u.name}`)))).toEqual(units);
      expect(sorted(index.resolveDepartment(name).map((u) => `${u.doc}|${u.name}`))).toEqual(units);
      expect(sorted((await selectDepartments(dir, name)).map((s) => `${s.document.id}|${s.department.name}`))).toEqual(departments);
      // the tasks listed are those roleOf gives the units, in every document
      const byDoc = new Map(resolveUnits(name, docs).map((f) => [f.doc, f.units]));
      const wantTasks = docs.flatMap((d) => d.tasks.filter((t) => byDoc.has(d.id) && roleOf(t, byDoc.get(d.id)!)).map((t) => `${d.id}|${t.number}`));
      expect(tasks.code).toBe(0);
      expect(sorted((JSON.parse(tasks.out) as Array<{ doc: string; number: string }>).map((r) => `${r.doc}|${r.number}`))).toEqual(sorted(wantTasks));
      expect(search.code).toBe(0);
      // every hit is assigned to one of the units meant in its document
      for (const h of (JSON.parse(search.out) as { hits: Array<{ doc: string; lead: string[]; responsible: string[] }> }).hits) {
        expect(roleOf(h, byDoc.get(h.doc) ?? [])).not.toBeNull();
      }
      // a sheet for each department (a family: each member), and a web section for each
      expect(sheet.code).toBe(0);
      expect(sheet.out.trim().split('\n')).toHaveLength(departments.length);
      for (const d of departments) expect(page).toContain(`<h1>${d.split('|')[1]}</h1>`);
    }, 60_000);
  }
});
