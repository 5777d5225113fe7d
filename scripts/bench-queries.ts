/**
 * `node --import tsx scripts/bench-queries.ts [--size 1000] [--rounds 5] [--only <query>] [--db postgres://…] [--dump <file>]`:
 * warm query times of the store on the scale corpus, one line a query, for profiling
 * (`node --cpu-prof --import tsx scripts/bench-queries.ts`). `--dump` writes every query's
 * result (totals, hits with scores and snippets) as JSON, to check that a change to the
 * search keeps its results (diff two dumps).
 *
 * The data folder .bench/data-N (models + policy.db) is made from .bench/scale-N on first use
 * and kept. With `--db`, the same documents in that PostgreSQL database (schema bench_N).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ingestFile } from '../src/ingest.js';
import { loadDocuments, saveDocument } from '../src/model/store.js';
import type { PolicyDocument } from '../src/model/types.js';
import type { SearchEngine, SearchOptions } from '../src/search/engine.js';
import { PostgresStore } from '../src/search/postgres.js';
import { SqliteStore } from '../src/search/sqlite.js';
import { storePath } from '../src/search/store.js';
import { makeScaleCorpus } from './make-scale-corpus.js';
import { SCALE_QUERIES } from './scale-queries.js';

const ROOT = path.resolve(import.meta.dirname, '..');

/** The data folder of N scale documents with its store (made once, then reused). */
export async function scaleData(n: number, log = console.log): Promise<string> {
  const corpus = path.join(ROOT, '.bench', `scale-${n}`);
  if (!existsSync(corpus) || readdirSync(corpus).length < n) makeScaleCorpus({ count: n, out: corpus });
  const dataDir = path.join(ROOT, '.bench', `data-${n}`);
  const ids = existsSync(dataDir)
    ? readdirSync(dataDir)
        .filter((d) => existsSync(path.join(dataDir, d, 'document.json')))
        .sort()
    : [];
  if (ids.length >= n) {
    // the models are there: the store is used as it is, or loaded from them (another store version)
    try {
      SqliteStore.open(storePath(dataDir), { readonly: true }).close();
      return dataDir;
    } catch {
      rmSync(storePath(dataDir), { force: true });
    }
    const store = SqliteStore.open(storePath(dataDir));
    const t = performance.now();
    for (let i = 0; i < ids.length; i += 100) store.put(await loadDocuments(dataDir, ids.slice(i, i + 100)));
    log(`store loaded from ${ids.length} models in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    store.compact();
    store.close();
    return dataDir;
  }
  const files = readdirSync(corpus)
    .filter((f) => /\.(txt|md)$/.test(f))
    .sort()
    .map((f) => path.join(corpus, f));
  mkdirSync(dataDir, { recursive: true });
  const store = SqliteStore.open(storePath(dataDir));
  const t = performance.now();
  for (let i = 0; i < files.length; i += 100) {
    const docs: PolicyDocument[] = [];
    for (const f of files.slice(i, i + 100)) {
      const doc = await ingestFile(f);
      await saveDocument(dataDir, doc);
      docs.push(doc);
    }
    store.put(docs);
    log(`${Math.min(files.length, i + 100)} / ${files.length} (${((performance.now() - t) / 1000).toFixed(0)} s)`);
  }
  store.compact();
  store.close();
  return dataDir;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { size: { type: 'string' }, rounds: { type: 'string' }, only: { type: 'string' }, db: { type: 'string' }, dump: { type: 'string' } },
  });
  const n = Number(values.size ?? 1000);
  const rounds = Number(values.rounds ?? 5);
  const dataDir = await scaleData(n);
  let s: SearchEngine;
  // with --db: the CPU time of the server process that answers (Linux: /proc/<pid>/schedstat, ns),
  // which a busy machine inflates less than wall time
  let server = (): number => 0;
  if (values.db) {
    // the same documents in a PostgreSQL schema of their own (loaded from the models once)
    const pg = PostgresStore.connect(values.db, `bench_${n}`);
    const ids = readdirSync(dataDir)
      .filter((d) => existsSync(path.join(dataDir, d, 'document.json')))
      .sort();
    if (pg.documentIds().length !== ids.length) {
      pg.reset();
      pg.bulkLoad();
      const t = performance.now();
      for (let i = 0; i < ids.length; i += 100) pg.put(await loadDocuments(dataDir, ids.slice(i, i + 100)));
      pg.compact();
      console.log(`PostgreSQL store loaded from ${ids.length} models in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const pid = pg.get<[number]>('SELECT pg_backend_pid()')?.[0];
    const file = `/proc/${pid}/schedstat`;
    if (existsSync(file)) server = () => Number(readFileSync(file, 'utf8').split(' ')[0]) / 1e6;
    s = pg.searcher();
  } else s = SqliteStore.open(storePath(dataDir), { readonly: true }).searcher();
  const search = (q: string, o: SearchOptions): unknown => s.search(q, o);
  const queries = values.only ? SCALE_QUERIES.filter((q) => q.query === values.only) : SCALE_QUERIES;
  // the first time each query runs in this process (no unit of it read yet, unless another query read it)
  const first: number[] = [];
  const results: unknown[] = [];
  for (const q of queries) {
    const t = performance.now();
    results.push(await search(q.query, q.options ?? {}));
    first.push(performance.now() - t);
  }
  if (values.dump) writeFileSync(values.dump, JSON.stringify(results, null, 1));
  // wall time, and this thread's CPU time (what a busy machine inflates less)
  const all: number[] = [];
  const cpuAll: number[] = [];
  const serverAll: number[] = [];
  const lines: Array<[string, number, number, number, number]> = [];
  for (const q of queries) {
    const times: number[] = [];
    const cpus: number[] = [];
    const servers: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const c = process.cpuUsage();
      const sv = server();
      const t = performance.now();
      await search(q.query, q.options ?? {});
      times.push(performance.now() - t);
      const d = process.cpuUsage(c);
      cpus.push((d.user + d.system) / 1000);
      servers.push(server() - sv);
    }
    all.push(...times);
    cpuAll.push(...cpus);
    serverAll.push(...servers);
    times.sort((a, b) => a - b);
    cpus.sort((a, b) => a - b);
    servers.sort((a, b) => a - b);
    lines.push([
      `${q.query}${q.options ? ' ' + JSON.stringify(q.options) : ''}`,
      times[Math.floor(times.length / 2)],
      times[times.length - 1],
      cpus[Math.floor(cpus.length / 2)],
      servers[Math.floor(servers.length / 2)],
    ]);
  }
  for (const [q, med, max, cpu, sv] of lines.sort((a, b) => b[1] - a[1]))
    console.log(
      `${med.toFixed(2).padStart(8)} ms  max ${max.toFixed(2).padStart(8)}  cpu ${cpu.toFixed(2).padStart(8)}${values.db ? `  server cpu ${sv.toFixed(2).padStart(8)}` : ''}  ${q}`,
    );
  const pct = (list: number[], p: number) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor((p / 100) * list.length))];
  console.log(`first run of each query: p50 ${pct(first, 50).toFixed(2)} ms, p99 ${pct(first, 99).toFixed(2)} ms`);
  console.log(
    `${n} documents, ${all.length} searches: p50 ${pct(all, 50).toFixed(2)} ms, p99 ${pct(all, 99).toFixed(2)} ms (cpu p50 ${pct(cpuAll, 50).toFixed(2)} ms, p99 ${pct(cpuAll, 99).toFixed(2)} ms${
      values.db ? `; server cpu p50 ${pct(serverAll, 50).toFixed(2)} ms, p99 ${pct(serverAll, 99).toFixed(2)} ms` : ''
    }), RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
  );
  process.exit(0);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
