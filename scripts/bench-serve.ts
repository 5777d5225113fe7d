/**
 * Web workbench benchmark: `npm run bench:serve`.
 *
 * On the bundled plan ingested into a temporary data folder, side by side in one run:
 *   - the search page (WorkbenchApp.handle, HTML out) against the library's SearchIndex.search
 *     with the same options, over the same queries, warm: p50 and p95 of each, and the ratio;
 *   - the bundled plan's document page (every item marked in the text) against loading its
 *     model with the library (loadDocument), warm, and the first page cold;
 *   - the first page after start: `node bin/policy.js serve --port 0` spawned, from spawn to
 *     the first search page answered, against `node bin/policy.js search` spawned (cold CLI).
 * `-- --scale N`: the same, with N documents of the scale-corpus generator (.bench/scale-N)
 * ingested beside the bundled plan, so the pages answer from a corpus (the issue's figures are
 * at 1,000).
 * Needs `npm run build` (done by the npm script).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ingestFile } from '../src/ingest.js';
import { loadDocument, saveDocument } from '../src/model/store.js';
import { loadSearchIndex, writeSearchIndex } from '../src/search/store.js';
import { WorkbenchApp } from '../src/web/app.js';
import { makeScaleCorpus } from './make-scale-corpus.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const PLAN = path.join(ROOT, 'corpus', 'wuxi-urbanization-plan-2021-2035.txt');
const QUERIES = ['宅基地', '随迁子女', '农业转移人口', '老旧小区改造', '交通', '城乡融合发展', '"闲置宅基地"', '义务教育', '污水处理', '住房'];
const FILTERS: Array<Record<string, string>> = [{}, { dept: '交通局' }, { dept: '住建委', role: 'lead' }, { kind: 'task' }];
const ROUNDS = 15;
const COLD_RUNS = 5;

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

const ms = (x: number) => `${x.toFixed(2)} ms`;

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-bench-serve-'));
  try {
    const { values } = parseArgs({ options: { scale: { type: 'string' } } });
    const scale = Number(values.scale ?? 0);
    if (scale > 0) {
      const corpus = path.join(ROOT, '.bench', `scale-${scale}`);
      if (!existsSync(corpus) || readdirSync(corpus).length < scale) makeScaleCorpus({ count: scale, out: corpus });
      const files = readdirSync(corpus)
        .filter((f) => /\.(txt|md)$/.test(f))
        .sort()
        .slice(0, scale);
      const t0 = performance.now();
      for (const f of files) await saveDocument(dir, await ingestFile(path.join(corpus, f)));
      console.log(`${files.length} scale documents read and saved in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const doc = await ingestFile(PLAN);
    await saveDocument(dir, doc);
    const t0 = performance.now();
    await writeSearchIndex(dir);
    console.log(`search store of ${scale + 1} documents built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const app = new WorkbenchApp({ dataDir: dir });
    const index = await loadSearchIndex(dir);

    // warm both sides once
    await app.handle({ method: 'GET', url: '/?q=warm' });
    index.search('warm');

    const page: number[] = [];
    const library: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of QUERIES) {
        for (const f of FILTERS) {
          const url = `/?${new URLSearchParams({ q, ...f })}`;
          // alternate which side goes first
          const sides = [
            async () => {
              const t = performance.now();
              const r = await app.handle({ method: 'GET', url });
              page.push(performance.now() - t);
              if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
            },
            async () => {
              const t = performance.now();
              index.search(q, { dept: f.dept, role: f.role as 'lead' | undefined, kind: f.kind as 'task' | undefined, limit: 20 });
              library.push(performance.now() - t);
            },
          ];
          if (round % 2) sides.reverse();
          for (const s of sides) await s();
        }
      }
    }

    const coldApp = new WorkbenchApp({ dataDir: dir });
    let t = performance.now();
    const first = await coldApp.handle({ method: 'GET', url: `/doc/${doc.id}` });
    const coldDoc = performance.now() - t;
    if (first.status !== 200) throw new Error(`document page: ${first.status}`);
    const docPage: number[] = [];
    const docLoad: number[] = [];
    for (let i = 0; i < ROUNDS * 2; i++) {
      t = performance.now();
      await app.handle({ method: 'GET', url: `/doc/${doc.id}` });
      docPage.push(performance.now() - t);
      t = performance.now();
      await loadDocument(dir, doc.id);
      docLoad.push(performance.now() - t);
    }

    const startup: number[] = [];
    const cli: number[] = [];
    for (let i = 0; i < COLD_RUNS; i++) {
      startup.push(await firstPageAfterStart(dir));
      t = performance.now();
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/policy.js'), 'search', '宅基地', '--data', dir], { encoding: 'utf8' });
      cli.push(performance.now() - t);
      if (r.status !== 0) throw new Error(`policy search: ${r.stderr}`);
    }

    const p = (xs: number[], q: number) => quantile(xs, q);
    console.log(
      `${scale > 0 ? `bundled plan + ${scale} scale documents` : 'bundled plan'}, ${QUERIES.length} queries × ${FILTERS.length} filter sets × ${ROUNDS} rounds (${page.length} requests a side), warm, in process`,
    );
    console.log(
      `search page  p50 ${ms(p(page, 0.5))}  p95 ${ms(p(page, 0.95))}   library search p50 ${ms(p(library, 0.5))}  p95 ${ms(p(library, 0.95))}   ratio p95 ${(p(page, 0.95) / p(library, 0.95)).toFixed(1)}×`,
    );
    console.log(
      `document page (${doc.tasks.length} tasks marked, ${Math.round(Buffer.byteLength(String(first.body)) / 1024)} KB HTML)  warm p50 ${ms(p(docPage, 0.5))}  p95 ${ms(p(docPage, 0.95))}  cold ${ms(coldDoc)}   library loadDocument p50 ${ms(p(docLoad, 0.5))}   ratio p50 ${(p(docPage, 0.5) / p(docLoad, 0.5)).toFixed(1)}×`,
    );
    console.log(
      `first search page after start (spawn → page)  median ${ms(p(startup, 0.5))}   cold \`policy search\` median ${ms(p(cli, 0.5))}   ratio ${(p(startup, 0.5) / p(cli, 0.5)).toFixed(2)}×`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Spawn `policy serve --port 0`, wait for its URL, fetch the first search page; ms from spawn to the page. */
function firstPageAfterStart(dir: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/policy.js'), 'serve', '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /(http:\/\/[^/\s]+)\//.exec(out);
      if (!m || out === '') return;
      out = '';
      http
        .get(`${m[1]}/?q=${encodeURIComponent('宅基地')}`, (res) => {
          res.resume();
          res.on('end', () => {
            const elapsed = performance.now() - t;
            child.kill('SIGTERM');
            resolve(elapsed);
          });
        })
        .on('error', reject);
    });
    child.on('error', reject);
  });
}

await main();
