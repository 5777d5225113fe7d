/**
 * Benchmark of `policy compare`: `npm run bench:compare [-- --runs 7]`.
 *
 * Pairs of documents of about 40 KB each: the bundled county plan (corpus/, 38 KB) against
 * the first document of the seeded scale-corpus generator (a 44 KB county transport notice
 * with 38 tasks, written to a temp folder), and the bundled plan against itself (the worst case: every task matches).
 * For each pair, in the same run, the median of N runs of
 *   - baseline 1: jieba tokenisation alone of both texts (the shared tokenizer, warm),
 *   - baseline 2: ingest of both files (read → parse → extract),
 *   - compare: PlanComparer.compare on the two ingested models (units, TF-IDF, all pairs,
 *     coverage, indicators, citations, units),
 * and the ratios compare / tokenise and compare / ingest. Target: compare < 1 s.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PlanComparer } from '../src/compare/compare.js';
import { ingestFile } from '../src/ingest.js';
import { getTokenizer } from '../src/search/tokenizer.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Math.max(1, Number(values.runs));
const root = fileURLToPath(new URL('..', import.meta.url));
const WUXI = path.join(root, 'corpus/wuxi-urbanization-plan-2021-2035.txt');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn: () => unknown | Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-compare-'));
try {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/make-scale-corpus.ts'), '--count', '1', '--seed', '1', '--out', tmp], {
    cwd: root,
    stdio: 'ignore',
  });
  const generated = readdirSync(tmp).map((f) => path.join(tmp, f))[0];
  const pairs: [string, string, string][] = [
    ['bundled plan ↔ generated 44 KB notice', WUXI, generated],
    ['bundled plan ↔ itself', WUXI, WUXI],
  ];
  const tokenizer = getTokenizer();
  const comparer = new PlanComparer({ tokenizer });
  // Warm up: jieba's dictionary loads on first use (~0.15 s), not part of any measurement.
  tokenizer.tokens('推进新型城镇化建设');
  await ingestFile(WUXI);

  console.log(`policy compare benchmark — median of ${runs} runs, Node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu'}`);
  console.log('');
  const rows: string[][] = [['pair', 'KB A+B', 'tasks A×B', 'tokenise ms', 'ingest ms', 'compare ms', 'compare/tokenise', 'compare/ingest', '< 1 s']];
  for (const [name, fa, fb] of pairs) {
    const ta = readFileSync(fa, 'utf8');
    const tb = readFileSync(fb, 'utf8');
    const a = await ingestFile(fa);
    const b = await ingestFile(fb);
    const tokenise = await time(() => {
      tokenizer.tokens(ta);
      tokenizer.tokens(tb);
    });
    const ingest = await time(async () => {
      await ingestFile(fa);
      await ingestFile(fb);
    });
    const compare = await time(() => comparer.compare(a, b));
    rows.push([
      name,
      ((Buffer.byteLength(ta) + Buffer.byteLength(tb)) / 1024).toFixed(0),
      `${a.tasks.length}×${b.tasks.length}`,
      tokenise.toFixed(1),
      ingest.toFixed(1),
      compare.toFixed(1),
      `${(compare / tokenise).toFixed(2)}×`,
      `${(compare / ingest).toFixed(2)}×`,
      compare < 1000 ? 'yes' : 'NO',
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => [...r[i]].length)));
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
