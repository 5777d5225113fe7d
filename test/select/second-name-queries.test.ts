import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest.js';
import { buildSearchIndex } from '../../src/search/store.js';
import { policy } from '../helpers/cli.js';
import { fixture as fixturePath } from '../helpers/fixtures.js';

/**
 * QA7 part B, item 4: a query for 财政局 means 县财政局 and also 县财政局（县国资中心）, the unit
 * that carries that name with a second one — in `tasks --dept` and in `search --dept`.
 */
const fixture = fixturePath('qa7/junyang-2025-key-work-breakdown.txt');
let data: string;
beforeAll(() => {
  data = path.join(mkdtempSync(path.join(os.tmpdir(), 'policy-qa7-')), 'data');
  expect(policy(['ingest', fixture, '--data', data]).status).toBe(0);
});

describe('a department query and the units carrying its name with a second one', () => {
  it('tasks --dept 财政局 lists task 14, led by 县财政局（县国资中心）', () => {
    const r = policy(['tasks', '--dept', '财政局', '--json', '--data', data]);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { number: string; role: string; lead: string[] }[];
    const t14 = rows.find((row) => row.number === '14');
    expect(t14).toMatchObject({ role: '牵头', lead: ['县财政局（县国资中心）'] });
    // and the tasks of 县财政局 itself are still there
    expect(rows.some((row) => row.lead.includes('县财政局'))).toBe(true);
  });

  it('tasks --dept 国资中心 is the carrying unit alone', () => {
    const rows = JSON.parse(policy(['tasks', '--dept', '国资中心', '--json', '--data', data]).stdout) as { number: string }[];
    expect(rows.map((row) => row.number)).toEqual(['14']);
  });

  it('search --dept 财政局 filters to both units', async () => {
    const index = buildSearchIndex([await ingestFile(fixture)]);
    expect(index.resolveDepartment('财政局').map((d) => d.name)).toEqual(['县财政局', '县财政局（县国资中心）']);
    const result = index.search('国企改革', { dept: '财政局' });
    expect(result.hits.map((h) => [h.kind, h.number, h.title])).toContainEqual(['task', '14', '深化国资国企改革']);
  });
});
