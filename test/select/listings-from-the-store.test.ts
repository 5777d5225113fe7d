import { existsSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest.js';
import { documentPath, saveDocument } from '../../src/model/store.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { indicatorDetail, indicatorOf } from '../../src/search/schema.js';
import { folderEngine, readingStore, storePath, writeSearchIndex } from '../../src/search/store.js';
import { runInProcess } from '../helpers/cli.js';
import { corpus, fixture } from '../helpers/fixtures.js';

/**
 * `policy tasks`, `departments` and `indicators` answer from the store (SQLite, or PostgreSQL
 * under test:pg) when it is in step with the folder's models, and print what the models give:
 * the same department resolution (aliases, carriers, the township family), the same roles,
 * rows, order, errors. The models' path is the CLI with POLICY_SEARCH_ENGINE=minisearch (no
 * store: every document.json is read).
 */
const FILES = [
  corpus('wuxi-urbanization-plan-2021-2035.txt'),
  corpus('chongqing-urbanization-plan-2021-2035.txt'),
  ...['search', 'qa2', 'qa7'].flatMap((dir) =>
    readdirSync(fixture(dir))
      .filter((f) => /\.(txt|md)$/.test(f))
      .map((f) => fixture(dir, f)),
  ),
  fixture('compare', 'qingxi-urbanization-plan-2021-2035.txt'),
  fixture('compare', 'yunchuan-urbanization-plan-2021-2035.txt'),
  fixture('qa', 'national-water-saving-plan-2021-2030.md'),
  fixture('real-shapes', 'category-before-number.txt'),
  fixture('qa4', 'linlan-commerce-circulation-notice-2025.txt'),
  fixture('qa5', 'yanping-14th-five-year-plan-pdf.txt'),
];

let root: string;
let data: string;
let docs: PolicyDocument[];

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'policy-listings-'));
  data = path.join(root, 'data');
  docs = [];
  for (const file of FILES) {
    const doc = await ingestFile(file);
    await saveDocument(data, doc);
    docs.push(doc);
  }
  await writeSearchIndex(data);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** The CLI's answer, from the store (as the environment has it) or from the models. */
async function run(args: string[], from: 'store' | 'models', dir = data): Promise<{ code: number; out: string; err: string }> {
  const saved = process.env.POLICY_SEARCH_ENGINE;
  if (from === 'models') process.env.POLICY_SEARCH_ENGINE = 'minisearch';
  try {
    return await runInProcess(...args, '--data', dir);
  } finally {
    if (saved === undefined) delete process.env.POLICY_SEARCH_ENGINE;
    else process.env.POLICY_SEARCH_ENGINE = saved;
  }
}

const CASES: string[][] = [
  ['tasks'],
  ['tasks', '--json'],
  ['tasks', '--dept', '交通局'],
  ['tasks', '--dept', '发改委', '--role', 'lead', '--json'],
  ['tasks', '--dept', '发展改革委', '--role', 'responsible'],
  // a unit and the one carrying its name with a second name (县财政局（县国资中心）)
  ['tasks', '--dept', '财政局', '--json'],
  ['tasks', '--dept', '国资中心'],
  // the township family
  ['tasks', '--dept', '乡镇', '--json'],
  ['tasks', '--dept', '各乡镇（街道）'],
  ['tasks', '--dept', '住建委', '--doc', 'wuxi', '--role', 'lead'],
  ['tasks', '--dept', '人行', '--json'],
  ['tasks', '--doc', 'chongqing', '--json'],
  ['departments'],
  ['departments', '--json'],
  ['departments', '--doc', 'junyang'],
  ['indicators'],
  ['indicators', '--json'],
  ['indicators', '--doc', 'wuxi'],
  ['indicators', '--doc', 'longxi'],
  // errors: the same words either way
  ['tasks', '--dept', '宇宙管理局'],
  ['tasks', '--dept', '局'],
  ['tasks', '--dept', '  '],
  ['tasks', '--role', 'lead'],
  ['tasks', '--dept', '交通局', '--role', 'boss'],
  ['tasks', '--doc', 'nowhere'],
  ['departments', '--doc', 'q'],
];

describe('the reading commands from the store', () => {
  it('are answered by the store when it is in step with the models', async () => {
    const store = await readingStore(data);
    expect(store).not.toBeNull();
    expect(store!.documentIds()).toEqual(docs.map((d) => d.id).sort());
    store!.close();
  });

  it.each(CASES.map((c) => [c.join(' '), c]))('policy %s prints what the models print', async (_name, args) => {
    const fromModels = await run(args as string[], 'models');
    const fromStore = await run(args as string[], 'store');
    expect(fromStore).toEqual(fromModels);
  });

  it('lists every task, department and indicator of the models, with something to compare', async () => {
    const tasks = JSON.parse((await run(['tasks', '--json'], 'store')).out) as unknown[];
    const departments = JSON.parse((await run(['departments', '--json'], 'store')).out) as Array<{ mentions: unknown[] }>;
    const indicators = JSON.parse((await run(['indicators', '--json'], 'store')).out) as Array<{ targets: unknown[]; growth: unknown; extra: unknown[] }>;
    expect(tasks).toHaveLength(docs.reduce((n, d) => n + d.tasks.length, 0));
    expect(departments).toHaveLength(docs.reduce((n, d) => n + d.departments.length, 0));
    expect(indicators).toHaveLength(docs.reduce((n, d) => n + d.indicators.length, 0));
    // the fixtures have what the store must give back besides its columns
    expect(departments.some((d) => d.mentions.length > 0)).toBe(true);
    expect(indicators.some((i) => i.targets.length > 1)).toBe(true);
    expect(indicators.some((i) => i.growth !== null)).toBe(true);
    expect(indicators.some((i) => i.extra.length > 0)).toBe(true);
  });

  it("an indicator row's columns and detail give back the model's indicator, keys in order", () => {
    for (const d of docs)
      for (const i of d.indicators) {
        const back = indicatorOf({ ...i, detail: indicatorDetail(i) });
        expect(JSON.stringify(back)).toBe(JSON.stringify(i));
      }
  });

  it('--db takes only a postgres:// URL', async () => {
    const r = await run(['departments', '--db', 'mysql://localhost/policy'], 'store');
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('expected a postgres://… URL');
  });
});

describe.runIf(folderEngine() === 'sqlite')('a policy.db out of step with the models', () => {
  it('is not used: a document.json edited after the store was written is read, and the store is left as it was', async () => {
    const dir = path.join(root, 'stale');
    await cp(data, dir, { recursive: true });
    const doc = docs.find((d) => d.id.startsWith('longxi'))!;
    const file = documentPath(dir, doc.id);
    const edited = JSON.parse(await readFile(file, 'utf8')) as PolicyDocument;
    edited.tasks[0].title = '改过的任务标题';
    await writeFile(file, JSON.stringify(edited));
    const future = new Date(Date.now() + 5000);
    await utimes(file, future, future);
    const before = statSync(storePath(dir)).mtimeMs;
    expect(await readingStore(dir)).toBeNull();
    const r = await run(['tasks', '--doc', 'longxi', '--json'], 'store', dir);
    expect((JSON.parse(r.out) as Array<{ title: string }>)[0].title).toBe('改过的任务标题');
    expect(statSync(storePath(dir)).mtimeMs).toBe(before);
  });

  it('is not used when it lacks a document of the folder, nor when there is none', async () => {
    const dir = path.join(root, 'without');
    await cp(data, dir, { recursive: true });
    await rm(storePath(dir));
    expect(await readingStore(dir)).toBeNull();
    expect(await run(['departments'], 'store', dir)).toEqual(await run(['departments'], 'models', dir));
    expect(existsSync(storePath(dir))).toBe(false);
  });
});

describe.runIf(folderEngine() === 'postgres')('the store on a PostgreSQL server', () => {
  it('answers without the models: a researcher with the URL and no document.json', async () => {
    const expected = await run(['tasks', '--dept', '交通局', '--json'], 'store');
    // the same folder (its schema), its models gone
    for (const d of docs) await rm(path.dirname(documentPath(data, d.id)), { recursive: true, force: true });
    const r = await run(['tasks', '--dept', '交通局', '--json'], 'store');
    expect(r).toEqual(expected);
    expect(JSON.parse(r.out)).not.toHaveLength(0);
  });
});
