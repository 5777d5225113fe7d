/**
 * Search benchmark: `npm run bench:search`.
 *
 * On the bundled corpus and on the 1,000-document scale corpus (`npm run scale-corpus`,
 * generated if missing), side by side in one run:
 *   - domain index (jieba search-mode tokenizer + glossary): build time, index.json size,
 *     load time, warm query p50/p99, recall against a substring scan (occurrences inside a
 *     department name do not count, as in search: 旅游 in 县文化旅游委 is not about tourism);
 *   - MiniSearch with its default tokenizer (splits on spaces and punctuation);
 *   - a plain substring scan over the normalised unit texts.
 * Then the cold CLI: `node bin/policy.js search …` spawned several times against the
 * bundled corpus, next to `node -e 0` spawned the same number of times (needs `npm run build`).
 *
 * Targets: warm p50 ≤ 2 ms and p99 ≤ 10 ms at 1,000 documents; cold CLI ≤ 0.5 s on the
 * bundled corpus; the domain index finds every unit the substring scan finds (a plain scan,
 * names included, is printed beside it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { loadDocuments, saveDocument } from '../src/model/store.js';
import type { PolicyDocument } from '../src/model/types.js';
import { SearchIndex } from '../src/search/search-index.js';
import { indexPath, saveSearchIndex, writeSearchIndex } from '../src/search/store.js';
import { getTokenizer, normalizeText } from '../src/search/tokenizer.js';
import { UnitNames } from '../src/search/unit-names.js';
import { documentUnits, type SearchUnit, searchDepartments } from '../src/search/units.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SCALE_DIR = path.join(ROOT, '.bench', 'scale-corpus');
const WARM_ROUNDS = 20;
const COLD_RUNS = 7;

/**
 * Queries people type: policy terms of the bundled plan and of the scale corpus's topics,
 * plain short words (交通, 住房: the most frequent), a department, a two-word query.
 */
const QUERIES = [
  '宅基地',
  '随迁子女',
  '低效用地',
  '农业转移人口',
  '农业转移人口落户',
  '保障性租赁住房',
  '三权分置',
  '一区两群',
  '城乡融合发展',
  '户籍制度改革',
  '义务教育',
  '高标准农田',
  '耕地保护',
  '乡村旅游',
  '污水处理',
  '农村公路',
  '老旧小区改造',
  '医共体',
  '人居环境',
  '数字经济',
  '营商环境',
  '碳达峰',
  '城市更新',
  '冷链物流',
  '地质灾害',
  '乡村振兴',
  '应急管理',
  '农村电商',
  '公交',
  '住房',
  '交通',
  '城镇化率',
  '县住房城乡建委',
];

// --- helpers ------------------------------------------------------------------------------

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function timeQueries(run: (q: string) => unknown): { p50: number; p99: number; slowest: string } {
  for (const q of QUERIES) run(q); // warm up
  const times: number[] = [];
  const perQuery = new Map<string, number[]>();
  for (let r = 0; r < WARM_ROUNDS; r++) {
    for (const q of QUERIES) {
      const t = performance.now();
      run(q);
      const dt = performance.now() - t;
      times.push(dt);
      perQuery.set(q, [...(perQuery.get(q) ?? []), dt]);
    }
  }
  times.sort((a, b) => a - b);
  const medians = [...perQuery].map(
    ([q, ts]) =>
      [
        q,
        percentile(
          ts.sort((a, b) => a - b),
          50,
        ),
      ] as const,
  );
  const slowest = medians
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([q, t]) => `${q} ${ms(t)}`)
    .join(', ');
  return { p50: percentile(times, 50), p99: percentile(times, 99), slowest };
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(2)} MB`;

async function ingestAll(files: string[], dataDir: string): Promise<void> {
  const { ingestFile } = (await import('../src/index.js')) as {
    ingestFile: (file: string) => Promise<PolicyDocument>;
  };
  for (const f of files) await saveDocument(dataDir, await ingestFile(f));
}

function txtFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt') || f.endsWith('.md'))
    .sort()
    .map((f) => path.join(dir, f));
}

// --- one corpus -----------------------------------------------------------------------------

interface Row {
  engine: string;
  build: string;
  size: string;
  load: string;
  p50: string;
  p99: string;
  recall: string;
}

async function benchCorpus(name: string, files: string[]): Promise<{ rows: Row[]; dataDir: string; misses: string[] }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `bench-search-${name}-`));
  let t = performance.now();
  await ingestAll(files, dataDir);
  const ingestMs = performance.now() - t;
  const docs = await loadDocuments(dataDir);
  const units: SearchUnit[] = docs.flatMap(documentUnits);
  console.log(`\n## ${name}: ${docs.length} documents, ${units.length} units (ingest ${ms(ingestMs)})`);

  // Ground truth: units whose normalised text contains the normalised query outside the
  // document's department names (the search's rule, see src/search/unit-names.ts).
  const scanTexts = units.map((u) => normalizeText(u.text));
  const names = new Map(docs.map((d) => [d.id, new UnitNames(searchDepartments(d), normalizeText)]));
  const spans = units.map((u, i) => names.get(u.doc)!.spans(scanTexts[i]));
  const scan = (q: string) => {
    const nq = normalizeText(q);
    const found: string[] = [];
    for (let i = 0; i < scanTexts.length; i++)
      if (scanTexts[i].includes(nq) && names.get(units[i].doc)!.has(scanTexts[i], spans[i], nq)) found.push(units[i].id);
    return found;
  };
  const plainScan = (q: string) => {
    const nq = normalizeText(q);
    return scanTexts.filter((t) => t.includes(nq)).length;
  };

  // Domain index: build, save, load.
  getTokenizer(); // jieba load is measured separately
  t = performance.now();
  const built = SearchIndex.build(docs);
  const buildMs = performance.now() - t;
  await saveSearchIndex(dataDir, built);
  const size = (await stat(indexPath(dataDir))).size;
  t = performance.now();
  const loaded = SearchIndex.fromJSON(JSON.parse(await readFile(indexPath(dataDir), 'utf8')));
  const loadMs = performance.now() - t;
  const domainTimes = timeQueries((q) => loaded.search(q, { limit: 10 }));

  // MiniSearch with its defaults (the tokenizer splits on spaces and punctuation only).
  t = performance.now();
  const plain = new MiniSearch<{ id: string; title: string; text: string; section: string }>({ fields: ['title', 'text', 'section'] });
  plain.addAll(units.map((u) => ({ id: u.id, title: u.title, text: u.text, section: u.section })));
  const plainBuildMs = performance.now() - t;
  const plainJson = JSON.stringify(plain);
  t = performance.now();
  const plainLoaded = MiniSearch.loadJSON(plainJson, { fields: ['title', 'text', 'section'] });
  const plainLoadMs = performance.now() - t;
  const plainTimes = timeQueries((q) => plainLoaded.search(q).slice(0, 10));

  const scanTimes = timeQueries(scan);

  // Recall against the scan, per query.
  let want = 0;
  let wantPlain = 0;
  let domainFound = 0;
  let plainFound = 0;
  const misses: string[] = [];
  for (const q of QUERIES) {
    const truth = scan(q);
    const domain = new Set(loaded.search(q, { limit: 1_000_000 }).hits.map((h) => h.id));
    const plainIds = new Set(plainLoaded.search(q).map((r) => r.id as string));
    want += truth.length;
    wantPlain += plainScan(q);
    const missed = truth.filter((id) => !domain.has(id));
    domainFound += truth.length - missed.length;
    plainFound += truth.filter((id) => plainIds.has(id)).length;
    if (missed.length > 0) misses.push(`${name}: "${q}" misses ${missed.length}/${truth.length} (e.g. ${missed.slice(0, 3).join(', ')})`);
  }
  const pct = (n: number) => (want === 0 ? 'n/a' : `${((100 * n) / want).toFixed(1)}%`);

  const rows: Row[] = [
    {
      engine: 'domain (jieba)',
      build: ms(buildMs),
      size: mb(size),
      load: ms(loadMs),
      p50: ms(domainTimes.p50),
      p99: ms(domainTimes.p99),
      recall: pct(domainFound),
    },
    {
      engine: 'MiniSearch default',
      build: ms(plainBuildMs),
      size: mb(Buffer.byteLength(plainJson)),
      load: ms(plainLoadMs),
      p50: ms(plainTimes.p50),
      p99: ms(plainTimes.p99),
      recall: pct(plainFound),
    },
    { engine: 'substring scan', build: '—', size: '—', load: '—', p50: ms(scanTimes.p50), p99: ms(scanTimes.p99), recall: '100% (reference)' },
  ];
  printTable(rows);
  console.log(`  scan hits: ${want} outside department names, ${wantPlain} counting words inside names too (旅游 in 县文化旅游委)`);
  console.log(`  slowest domain queries (median): ${domainTimes.slowest}`);
  console.log(`  result counts: ${QUERIES.map((q) => `${q} ${loaded.search(q).total}`).join(', ')}`);
  console.log(
    `  domain p50 target ≤ 2 ms: ${domainTimes.p50 <= 2 ? 'met' : 'NOT met'}; p99 target ≤ 10 ms: ${domainTimes.p99 <= 10 ? 'met' : 'NOT met'}; ${misses.length === 0 ? 'every scan hit found' : `${misses.length} queries with misses`}`,
  );
  return { rows, dataDir, misses };
}

function printTable(rows: Row[]): void {
  const cols: Array<keyof Row> = ['engine', 'build', 'size', 'load', 'p50', 'p99', 'recall'];
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => '  ' + cells.map((s, i) => s.padEnd(widths[i])).join('  ');
  console.log(line(cols));
  for (const r of rows) console.log(line(cols.map((c) => r[c])));
}

// --- cold CLI -------------------------------------------------------------------------------

function spawnTimes(args: string[]): number[] {
  const times: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const t = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${r.stderr}`);
  }
  return times.sort((a, b) => a - b);
}

function coldCli(dataDir: string): void {
  const bin = path.join(ROOT, 'bin', 'policy.js');
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    console.log('\n## cold CLI: skipped (run `npm run build` first)');
    return;
  }
  const baseline = spawnTimes(['-e', '0']);
  const search = spawnTimes([bin, 'search', '宅基地', '--data', dataDir]);
  const filtered = spawnTimes([bin, 'search', '农业转移人口落户', '--dept', '住建委', '--data', dataDir]);
  const med = (xs: number[]) => percentile(xs, 50);
  console.log(`\n## cold CLI on the bundled corpus (median of ${COLD_RUNS} spawns)`);
  console.log(`  node -e 0                                  ${ms(med(baseline))}`);
  console.log(`  policy search 宅基地                        ${ms(med(search))}  (${(med(search) / med(baseline)).toFixed(1)}× node -e 0)`);
  console.log(`  policy search 农业转移人口落户 --dept 住建委   ${ms(med(filtered))}  (${(med(filtered) / med(baseline)).toFixed(1)}× node -e 0)`);
  console.log(`  target ≤ 500 ms: ${med(search) <= 500 && med(filtered) <= 500 ? 'met' : 'NOT met'}`);
}

// --- tokenizer ------------------------------------------------------------------------------

async function tokenizerFigures(files: string[]): Promise<void> {
  const script = `
    const t0 = performance.now();
    const { Jieba } = require('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict');
    const j = Jieba.withDict(dict);
    const t1 = performance.now();
    const text = require('fs').readFileSync(${JSON.stringify(files[0])}, 'utf8');
    const bytes = Buffer.byteLength(text) * 20;
    const t2 = performance.now();
    for (let i = 0; i < 20; i++) j.cutForSearch(text, true);
    const t3 = performance.now();
    console.log(JSON.stringify({ load: t1 - t0, rss: process.memoryUsage().rss, mbps: bytes / 1e6 / ((t3 - t2) / 1000) }));`;
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as { load: number; rss: number; mbps: number };
  const text = await readFile(files[0], 'utf8');
  const tk = getTokenizer();
  const t = performance.now();
  for (let i = 0; i < 20; i++) tk.tokens(text);
  const fullMbps = (Buffer.byteLength(text) * 20) / 1e6 / ((performance.now() - t) / 1000);
  console.log('## tokenizer');
  console.log(`  @node-rs/jieba load (fresh process): ${ms(out.load)}, RSS ${mb(out.rss)}; cutForSearch ${out.mbps.toFixed(1)} MB/s`);
  console.log(`  full tokens() (normalise + traditional→simplified + segment + filter): ${fullMbps.toFixed(1)} MB/s`);
}

// --- main -----------------------------------------------------------------------------------

async function main(): Promise<void> {
  const bundled = txtFiles(path.join(ROOT, 'corpus'));
  await tokenizerFigures(bundled);
  const small = await benchCorpus('bundled corpus', bundled);
  coldCli(small.dataDir);

  if (!existsSync(SCALE_DIR) || txtFiles(SCALE_DIR).length === 0) {
    console.log('\n(scale corpus missing: running `npm run scale-corpus`)');
    execFileSync('npm', ['run', 'scale-corpus'], { cwd: ROOT, stdio: 'inherit' });
  }
  const large = await benchCorpus('scale corpus', txtFiles(SCALE_DIR));

  const misses = [...small.misses, ...large.misses];
  if (misses.length > 0) console.log(`\nRecall misses against the substring scan:\n  ${misses.join('\n  ')}`);
  // writeSearchIndex is what ingest calls: make sure it runs on the scale folder too.
  const t = performance.now();
  await writeSearchIndex(large.dataDir);
  console.log(`\nwriteSearchIndex on the scale folder (load documents + build + save): ${ms(performance.now() - t)}`);
  await rm(small.dataDir, { recursive: true, force: true });
  await rm(large.dataDir, { recursive: true, force: true });
}

await main();
