/**
 * `npm run bench:scale [-- --sizes 1000,10000]`: the search store at corpus scale.
 *
 * For each size N: generate N documents with the scale-corpus generator (.bench/scale-N),
 * read them (parse + extract, not timed as store work) into a data folder, then bulk-load the
 * SQLite store (<data>/policy.db) and print: bulk load time, cold `policy search` (a fresh
 * process of the compiled CLI, median of 5), warm p50/p99 over the query set, adding one
 * document (in process, and `policy ingest` of one file as a user runs it), peak RSS, store
 * size against the text size. At the first size the old in-memory index (MiniSearch,
 * <data>/index.json) is measured in the same run, and ratios are printed against it.
 * PostgreSQL is not measured here (not implemented yet: see docs/store.md).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingestFile } from '../src/ingest.js';
import { saveDocument } from '../src/model/store.js';
import type { PolicyDocument } from '../src/model/types.js';
import { SearchIndex } from '../src/search/search-index.js';
import { SqliteStore } from '../src/search/sqlite.js';
import { storePath } from '../src/search/store.js';
import { documentUnits } from '../src/search/units.js';
import { makeScaleCorpus } from './make-scale-corpus.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const QUERIES = ['宅基地', '随迁子女', '农业转移人口落户', '保障性租赁住房', '高标准农田', '耕地保护', '乡村旅游', '污水处理', '农村公路', '老旧小区改造', '人居环境', '数字经济', '营商环境', '城市更新', '冷链物流', '地质灾害', '乡村振兴', '应急管理', '公交', '住房', '交通', '城镇化率', '县住房城乡建委', '交通 旅游', '"农村公路"'];
const ROUNDS = 5;

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const mb = (x: number) => `${(x / 1e6).toFixed(1)} MB`;

function coldSearch(dataDir: string, query: string, times = 5): { median: number; rssKb: number } {
  const walls: number[] = [];
  let rssKb = 0;
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(ROOT, 'bin/policy.js'), 'search', query, '--data', dataDir, '--limit', '5'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    walls.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`cold search failed: ${r.stderr}`);
    rssKb = Math.max(rssKb, Number(r.stderr.trim().split('\n').pop()));
  }
  walls.sort((a, b) => a - b);
  return { median: walls[Math.floor(times / 2)], rssKb };
}

function warm(search: (q: string) => void): { p50: number; p99: number; worst: string } {
  for (const q of QUERIES) search(q); // warm-up
  const times: number[] = [];
  let worst = '';
  let worstT = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const q of QUERIES) {
      const t = performance.now();
      search(q);
      const d = performance.now() - t;
      times.push(d);
      if (d > worstT) [worstT, worst] = [d, q];
    }
  }
  times.sort((a, b) => a - b);
  return { p50: pct(times, 50), p99: pct(times, 99), worst: `${worst} ${ms(worstT)}` };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { sizes: { type: 'string' } } });
  const sizes = (values.sizes ?? '1000,10000').split(',').map(Number);
  if (!existsSync(path.join(ROOT, 'dist/cli/main.js'))) spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  let baseline: { cold: number; p50: number; p99: number; bytes: number; build: number } | null = null;
  const firstCold: number[] = [];
  for (const n of sizes) {
    const corpus = path.join(ROOT, '.bench', `scale-${n}`);
    if (!existsSync(corpus) || readdirSync(corpus).length < n) makeScaleCorpus({ count: n, out: corpus });
    const files = readdirSync(corpus).filter((f) => /\.(txt|md)$/.test(f)).sort().map((f) => path.join(corpus, f));
    const extra = files.pop()!; // added afterwards, as one document
    const dataDir = await mkdtemp(path.join(os.tmpdir(), `policy-scale-${n}-`));
    console.log(`\n== ${n} documents (${files.length} bulk + 1 added) → ${dataDir}`);
    // read and bulk-load in batches, as `policy ingest` does document by document
    const store = SqliteStore.open(storePath(dataDir));
    let textBytes = 0;
    let loadMs = 0;
    let readMs = 0;
    const keep: PolicyDocument[] = [];
    const BATCH = 100;
    for (let i = 0; i < files.length; i += BATCH) {
      const t0 = performance.now();
      const docs: PolicyDocument[] = [];
      for (const f of files.slice(i, i + BATCH)) {
        const doc = await ingestFile(f);
        await saveDocument(dataDir, doc);
        docs.push(doc);
        for (const u of documentUnits(doc)) textBytes += Buffer.byteLength(u.text);
      }
      const t1 = performance.now();
      store.put(docs);
      loadMs += performance.now() - t1;
      readMs += t1 - t0;
      if (baseline === null) keep.push(...docs);
    }
    const rssLoad = process.resourceUsage().maxRSS * 1024;
    console.log(`read (parse+extract+save) ${(readMs / 1000).toFixed(1)} s; bulk load of the store ${(loadMs / 1000).toFixed(1)} s (${(files.length / (loadMs / 1000)).toFixed(0)} docs/s)`);
    // add one document
    const extraDoc = await ingestFile(extra);
    await saveDocument(dataDir, extraDoc);
    let t = performance.now();
    store.put([extraDoc]);
    const addMs = performance.now() - t;
    store.remove(extraDoc.id);
    store.close();
    await rm(path.join(dataDir, extraDoc.id), { recursive: true, force: true });
    t = performance.now();
    const cli = spawnSync(process.execPath, [path.join(ROOT, 'bin/policy.js'), 'ingest', extra, '--data', dataDir, '-q'], { encoding: 'utf8' });
    const addCliMs = performance.now() - t;
    if (cli.status !== 0) throw new Error(cli.stderr);
    const dbBytes = statSync(storePath(dataDir)).size;
    const searcher = SqliteStore.open(storePath(dataDir), { readonly: true }).searcher();
    const w = warm((q) => searcher.search(q));
    const cold = coldSearch(dataDir, '宅基地');
    const coldFrequent = coldSearch(dataDir, '交通', 3);
    firstCold.push(cold.median);
    console.log(`store ${mb(dbBytes)} for ${mb(textBytes)} of unit text: ${(dbBytes / textBytes).toFixed(2)}× (target ≤ 3×)`);
    console.log(`cold \`policy search 宅基地\` ${ms(cold.median)} (交通 ${ms(coldFrequent.median)}), rss ${mb(cold.rssKb * 1024)}; within ${(cold.median / firstCold[0]).toFixed(2)}× of the first size (targets ≤ 500 ms, ≤ 1.5×)`);
    console.log(`warm p50 ${ms(w.p50)}, p99 ${ms(w.p99)} (worst ${w.worst}) (targets ≤ 5 ms, ≤ 30 ms)`);
    console.log(`add one document: store.put ${ms(addMs)}; \`policy ingest <one file>\` ${ms(addCliMs)} in a fresh process (target ≤ 1 s)`);
    console.log(`peak rss of this benchmark process ${mb(rssLoad)} (holds a batch of 100 models${baseline === null ? ' and, at the first size, all models for the old index' : ''}); cold search ${mb(cold.rssKb * 1024)} (target ≤ 500 MB)`);
    if (baseline === null) {
      // the old in-memory index at this size, same run
      t = performance.now();
      const index = SearchIndex.build(keep);
      const build = performance.now() - t;
      const json = JSON.stringify(index.toJSON());
      const wm = warm((q) => index.search(q));
      const jsonDir = await mkdtemp(path.join(os.tmpdir(), `policy-scale-ms-`));
      for (const d of keep) await saveDocument(jsonDir, d);
      const { writeFile } = await import('node:fs/promises');
      await writeFile(path.join(jsonDir, 'index.json'), json);
      const prev = process.env.POLICY_SEARCH_ENGINE;
      process.env.POLICY_SEARCH_ENGINE = 'minisearch';
      const coldMs = coldSearch(jsonDir, '宅基地', 3);
      process.env.POLICY_SEARCH_ENGINE = prev;
      await rm(jsonDir, { recursive: true, force: true });
      baseline = { cold: coldMs.median, p50: wm.p50, p99: wm.p99, bytes: Buffer.byteLength(json), build };
      console.log(
        `old in-memory index (MiniSearch, index.json) at ${n}: build ${(build / 1000).toFixed(1)} s, ${mb(baseline.bytes)}, cold ${ms(coldMs.median)} (rss ${mb(coldMs.rssKb * 1024)}), warm p50 ${ms(wm.p50)} p99 ${ms(wm.p99)}`,
      );
      console.log(
        `ratios store / old at ${n}: bulk load ${(loadMs / build).toFixed(2)}×, size ${(dbBytes / baseline.bytes).toFixed(2)}×, cold ${(cold.median / baseline.cold).toFixed(2)}×, warm p50 ${(w.p50 / wm.p50).toFixed(2)}×, p99 ${(w.p99 / wm.p99).toFixed(2)}×`,
      );
      keep.length = 0;
    }
    if (!process.env.KEEP) await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
