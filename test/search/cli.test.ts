import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/index.js';
import { saveDocument } from '../../src/model/store.js';
import { formatText } from '../../src/search/format.js';
import { loadSearchIndex, writeSearchIndex } from '../../src/search/store.js';
import { runInProcess } from '../helpers/cli.js';
import { corpus, fixture } from '../helpers/fixtures.js';

const WUXI = 'wuxi-urbanization-plan-2021-2035';
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-cli-'));
  for (const file of [corpus(`${WUXI}.txt`), fixture('search', 'longxi-rural-revitalization-2024.txt')]) {
    await saveDocument(dataDir, await ingestFile(file));
  }
  await writeSearchIndex(dataDir);
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Run `policy search …` in-process; stdout is not a terminal here, as in a pipe. */
async function policySearch(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return policy(['search', ...args, '--data', dataDir]);
}

const policy = (argv: string[]) => runInProcess(...argv);

describe('policy search', () => {
  it('prints rank, kind and number, title, location, section, marked snippet and units', async () => {
    const r = await policySearch('随迁子女');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^\d+ clauses? for "随迁子女"/);
    expect(lines[2]).toMatch(/^ 1\. \[任务 11\] 推进城镇基本公共服务覆盖常住人口$/);
    expect(lines[3]).toMatch(new RegExp(`^    ${WUXI}:\\d+ · 四、重点任务 › （四）`));
    expect(lines[4]).toContain('【随迁子女】');
    expect(lines[5]).toMatch(/^    牵头：县人力社保局、县教委、县住房城乡建委  责任：/);
    expect(r.out).not.toContain('\x1b[');
  });

  it("shows a task's deadline (完成时限) under the hit, and in --json", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-deadline-'));
    await saveDocument(dir, await ingestFile(fixture('qa2', 'tongliang-housing-security-plan-2025.txt')));
    const text = await policy(['search', '税费', '--data', dir]);
    expect(text.out).toMatch(/^ {4}责任：区财政局、区税务局、人民银行铜梁分行 {2}完成时限：长期坚持$/m);
    const json = JSON.parse((await policy(['search', '税费', '--data', dir, '--json'])).out) as { hits: { deadline?: string }[] };
    expect(json.hits[0].deadline).toBe('长期坚持');
    // a task without one shows none
    expect((await policySearch('宅基地')).out).not.toContain('完成时限');
    await rm(dir, { recursive: true, force: true });
  });

  it('--doc takes a unique prefix of an id, like the other commands', async () => {
    const r = await policySearch('宅基地', '--doc', 'wuxi', '--json');
    expect(r.code, r.err).toBe(0);
    const json = JSON.parse(r.out) as { hits: { doc: string }[] };
    expect(json.hits.length).toBeGreaterThan(0);
    expect(json.hits.every((h) => h.doc === WUXI)).toBe(true);
  });

  it('--json prints query, total and hits with their fields', async () => {
    const r = await policySearch('农业转移人口落户', '--dept', '住建委', '--doc', WUXI, '--json', '--limit', '2');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['query', 'total', 'hits']);
    expect(json.query).toBe('农业转移人口落户');
    expect(json.hits.length).toBeLessThanOrEqual(2);
    expect(Object.keys(json.hits[0])).toEqual(
      expect.arrayContaining(['id', 'doc', 'kind', 'number', 'title', 'section', 'score', 'snippet', 'lead', 'responsible', 'line']),
    );
    expect(json.hits[0]).toMatchObject({ doc: WUXI, kind: 'task', number: '10' });
    for (const h of json.hits) expect([...h.lead, ...h.responsible]).toContain('县住房城乡建委');
  });

  it('colour only where asked: ANSI marks when formatting for a terminal', async () => {
    const index = await loadSearchIndex(dataDir);
    const result = index.search('低效用地');
    expect(formatText(result, true)).toContain('\x1b[1;31m低效用地\x1b[0m');
    expect(formatText(result, false)).toContain('【低效用地】');
  });

  it('says so when nothing matches', async () => {
    const r = await policySearch('航空母舰');
    expect(r).toMatchObject({ code: 0, out: 'No clause matches "航空母舰".\n' });
  });

  it('bad input: one-line message on stderr, exit 1', async () => {
    for (const [args, message] of [
      [['，。'], /^policy: search: query "，。" has nothing to search for/],
      [['宅基地', '--dept', '委', '--doc', WUXI], /^policy: --dept: department "委" is ambiguous: .*县教委 \(\d+ tasks\)/],
      [['宅基地', '--dept', '海事局'], /^policy: --dept: no department "海事局" in 2 documents/],
      [['宅基地', '--limit', 'ten'], /^policy: --limit: must be a positive whole number/],
      [['宅基地', '--kind', 'chapter'], /^policy: --kind chapter: unknown kind \(one of task,/],
      [['宅基地', '--role', 'owner', '--dept', '交通局'], /^policy: --role: "owner" is not a role \(lead or responsible\)/],
    ] as const) {
      const r = await policySearch(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.out).toBe('');
    }
  });

  it('`policy ingest` writes the index that `policy search` reads', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-search-cli-ingest-'));
    try {
      const file = fixture('search', 'jiangcheng-rural-roads-2024.txt');
      const ingest = await policy(['ingest', file, '--data', dir]);
      expect(ingest.code, ingest.err).toBe(0);
      const stored = await policy(['sql', 'SELECT id FROM documents', '--data', dir, '--json']);
      expect(JSON.parse(stored.out)).toEqual([{ id: 'jiangcheng-rural-roads-2024' }]);
      // an unchanged file is skipped, and the store still answers
      const again = await policy(['ingest', file, '--data', dir]);
      expect(again.out).toMatch(/unchanged \(same sha256\), skipped/);
      const r = await policy(['search', '养护技术规范', '--data', dir, '--json']);
      expect(JSON.parse(r.out).hits[0]).toMatchObject({ doc: 'jiangcheng-rural-roads-2024', kind: 'task', number: '2' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a data folder without documents says to ingest first', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'policy-search-cli-empty-'));
    try {
      const r = await policy(['search', '宅基地', '--data', empty]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/no ingested documents \(run `policy ingest/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
