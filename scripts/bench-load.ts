/**
 * `node --import tsx scripts/bench-load.ts --data <folder> [--count N] [--batch 100] [--every 500] [--db postgres://… [--schema S]]`:
 * the SQLite store's load alone, from the models of a data folder (document.json, e.g. what
 * `policy ingest` or bench:scale wrote), into a new store in a temporary folder — or, with
 * `--db`, into a PostgreSQL schema (`bench_load`, emptied first; then compacted, and the
 * server's CPU time and the schema's size printed). Prints per
 * `every` documents: wall time, CPU time (user + system: on a shared machine the wall time is
 * mostly other jobs'; both include reading the models, a few per cent), the bytes the process
 * wrote and read (/proc/self/io, Linux), and RSS — to
 * see whether the load a document grows with the store (it should not).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDocument } from '../src/model/store.js';
import type { PolicyDocument } from '../src/model/types.js';
import { PostgresStore } from '../src/search/postgres.js';
import { SqliteStore } from '../src/search/sqlite.js';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    count: { type: 'string' },
    batch: { type: 'string' },
    every: { type: 'string' },
    db: { type: 'string' },
    schema: { type: 'string' },
  },
});
if (!values.data) throw new Error('--data <folder of ingested documents> is required');
const data = values.data;
const batch = Number(values.batch ?? 100);
const every = Number(values.every ?? 500);
const ids = readdirSync(data, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(path.join(data, e.name, 'document.json')))
  .map((e) => e.name)
  .sort()
  .slice(0, values.count ? Number(values.count) : undefined);

function io(): { written: number; read: number } {
  if (!existsSync('/proc/self/io')) return { written: 0, read: 0 };
  const f = Object.fromEntries(
    readFileSync('/proc/self/io', 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(': ')),
  );
  return { written: Number(f.write_bytes), read: Number(f.rchar) };
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-load-'));
const pg = values.db ? PostgresStore.connect(values.db, values.schema ?? 'bench_load') : null;
pg?.reset();
// an empty store: its GIN indexes built once, by compact() after the load
pg?.bulkLoad();
const store = pg ?? SqliteStore.open(path.join(dir, 'policy.db'));
// the CPU time of the server process that writes (Linux: /proc/<pid>/schedstat, ns)
const serverFile = pg ? `/proc/${pg.get<[number]>('SELECT pg_backend_pid()')?.[0]}/schedstat` : '';
const server = () => (existsSync(serverFile) ? Number(readFileSync(serverFile, 'utf8').split(' ')[0]) / 1e9 : 0);
const serverStart = server();
const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
let last = { t: performance.now(), cpu: process.cpuUsage(), io: io() };
let readMs = 0;
const start = performance.now();
console.log(`${ids.length} documents from ${data}, batches of ${batch} (${os.loadavg()[0].toFixed(1)} load average)`);
for (let i = 0; i < ids.length; i += batch) {
  const r = performance.now();
  const docs: PolicyDocument[] = [];
  for (const id of ids.slice(i, i + batch)) docs.push(await loadDocument(data, id));
  readMs += performance.now() - r;
  store.put(docs);
  const n = Math.min(i + batch, ids.length);
  if (n % every === 0 || n === ids.length) {
    const now = { t: performance.now(), cpu: process.cpuUsage(), io: io() };
    const cpu = (now.cpu.user + now.cpu.system - last.cpu.user - last.cpu.system) / 1e6;
    console.log(
      `${String(n).padStart(6)}: wall ${((now.t - last.t) / 1000).toFixed(1)} s, cpu ${cpu.toFixed(1)} s, ` +
        `written ${mb(now.io.written - last.io.written)}, read ${mb(now.io.read - last.io.read)}, rss ${mb(process.memoryUsage().rss)}`,
    );
    last = now;
  }
}
console.log(`load ${((performance.now() - start - readMs) / 1000).toFixed(1)} s (reading the models ${(readMs / 1000).toFixed(1)} s, not counted)`);
if (pg) {
  const c = performance.now();
  pg.compact();
  const size = pg.get<[number]>(
    'SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = ?',
    'r',
  )?.[0];
  console.log(
    `compact ${((performance.now() - c) / 1000).toFixed(1)} s; server cpu ${(server() - serverStart).toFixed(1)} s in all; schema ${mb(Number(size))} (${os.loadavg()[0].toFixed(1)} load average)`,
  );
}
store.close();
rmSync(dir, { recursive: true, force: true });
