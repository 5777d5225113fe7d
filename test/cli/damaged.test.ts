import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/model/types.js';
import { policy, runInProcess } from '../helpers/cli.js';

/**
 * One damaged document.json in the data folder: every command leaves it out with one line
 * on stderr and answers from the others; the search index is built without it.
 */
const bundled = 'corpus/wuxi-urbanization-plan-2021-2035.txt';
const second = 'test/fixtures/qa/tianxin-old-community-renovation-2025.txt';
const third = 'test/fixtures/qa/chengkou-county-commerce-plan-2025.txt';
const damagedId = 'tianxin-old-community-renovation-2025';
let data: string;
let damagedFile: string;

beforeAll(() => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-damaged-'));
  data = path.join(dir, 'data');
  const r = policy(['ingest', bundled, second, '--data', data, '-q']);
  expect(r.status).toBe(0);
  damagedFile = path.join(data, damagedId, 'document.json');
  writeFileSync(damagedFile, '{"schemaVersion": 1, "id": "tianx'); // cut off mid-write
});

const leftOutLine = (stderr: string) => {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^policy: .*${damagedId}/document\\.json: not valid JSON \\(.*\\); left out`));
  expect(stderr).not.toMatch(/\n\s+at /);
};

describe('a damaged document in the data folder', () => {
  it('search leaves it out with one line and answers from the healthy documents', async () => {
    const r = await runInProcess('search', '宅基地', '--data', data, '--json');
    leftOutLine(r.err);
    expect(r.code).toBe(1);
    const hits = (JSON.parse(r.out) as { hits: { doc: string }[] }).hits;
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.doc))).toEqual(new Set(['wuxi-urbanization-plan-2021-2035']));
    // the search store holds it no more (its document.json changed since it was put), and the
    // next search still names it
    const again = await runInProcess('search', '宅基地', '--data', data);
    leftOutLine(again.err);
    expect(again.out).toContain('宅基地');
  });

  it.each([['tasks'], ['departments'], ['indicators'], ['matrix'], ['export', '--format', 'csv'], ['sheets']])(
    '%s leaves it out with one line and answers the rest',
    async (...args) => {
      const r = await runInProcess(...args, '--data', data);
      leftOutLine(r.err);
      expect(r.code).toBe(1);
      expect(r.out).toContain(args[0] === 'tasks' || args[0] === 'departments' || args[0] === 'indicators' ? '' : 'wuxi');
      expect(r.out.length).toBeGreaterThan(0);
    },
  );

  it('a successful ingest of another file into the folder exits 0, naming the damaged one, and the index has the new one', () => {
    const r = policy(['ingest', third, '--data', data, '-q']);
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`${damagedId}/document\\.json: not valid JSON .*; left out of the search index$`)),
    ]);
    const stored = policy(['sql', 'SELECT id FROM documents ORDER BY id', '--data', data, '--json']);
    expect((JSON.parse(stored.stdout) as Array<{ id: string }>).map((d) => d.id)).toEqual([
      'chengkou-county-commerce-plan-2025',
      'wuxi-urbanization-plan-2021-2035',
    ]);
  });

  it('a document asked for by id is an error, on one line', async () => {
    const r = await runInProcess('tasks', '--doc', damagedId, '--data', data);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toMatch(/document\.json: not valid JSON/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['empty', '', /: empty file; left out$/],
    ['null', 'null', /: not a document model \(null\); left out$/],
    ['an array', '[]', /: not a document model \(an array\); left out$/],
    [
      'without its lists',
      JSON.stringify({ schemaVersion: SCHEMA_VERSION, id: 'x', source: {} }),
      /: not a whole document model \(no sections, .*\); left out$/,
    ],
    ['a folder', null, /: cannot read \(EISDIR\); left out$/],
  ])('one that is %s is left out the same way', async (_name, content, message) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-damaged-kind-'));
    const folder = path.join(dir, 'data');
    mkdirSync(path.join(folder, 'bad'), { recursive: true });
    mkdirSync(path.join(folder, 'good'), { recursive: true });
    writeFileSync(path.join(folder, 'good', 'document.json'), readFileSync(path.join(data, 'wuxi-urbanization-plan-2021-2035', 'document.json')));
    if (content === null) mkdirSync(path.join(folder, 'bad', 'document.json'));
    else writeFileSync(path.join(folder, 'bad', 'document.json'), content);
    for (const args of [
      ['tasks', '--json'],
      ['search', '宅基地', '--json'],
    ]) {
      const r = await runInProcess(...args, '--data', folder);
      expect(r.err.trim(), args[0]).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(JSON.parse(r.out)).toBeTruthy();
    }
    rmSync(dir, { recursive: true, force: true });
  });
});
