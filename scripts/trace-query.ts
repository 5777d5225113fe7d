/**
 * `node --import tsx scripts/trace-query.ts --size 1000 <query> [--dept …] [--kind …] [--db postgres://… [--schema bench_1000]]`:
 * the SQL statements of one warm search of the scale store, with their time (for finding where a
 * query's time goes); with `--db`, of the PostgreSQL store bench-queries.ts loaded (schema bench_N).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { SearchOptions } from '../src/search/engine.js';
import { PostgresStore } from '../src/search/postgres.js';
import { SqliteStore } from '../src/search/sqlite.js';
import { storePath } from '../src/search/store.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: 'string' },
    dept: { type: 'string' },
    role: { type: 'string' },
    kind: { type: 'string' },
    limit: { type: 'string' },
    rounds: { type: 'string' },
    db: { type: 'string' },
    schema: { type: 'string' },
  },
});
const dataDir = path.resolve(import.meta.dirname, '..', '.bench', `data-${values.size ?? 1000}`);
const store = values.db
  ? PostgresStore.connect(values.db, values.schema ?? `bench_${values.size ?? 1000}`)
  : SqliteStore.open(storePath(dataDir), { readonly: true });
const log: Array<[number, string, number]> = [];
for (const name of ['all', 'get'] as const) {
  const orig = store[name].bind(store);
  // biome-ignore lint/suspicious/noExplicitAny: a probe
  (store as any)[name] = (sql: string, ...params: unknown[]) => {
    const t = performance.now();
    const out = orig(sql, ...params);
    log.push([
      performance.now() - t,
      `${sql.replace(/\s+/g, ' ').slice(0, 200)} ${JSON.stringify(params).slice(0, 200)}`,
      Array.isArray(out) ? out.length : out ? 1 : 0,
    ]);
    return out;
  };
}
const s = store.searcher();
const options: SearchOptions = {};
if (values.dept) options.dept = values.dept;
// biome-ignore lint/suspicious/noExplicitAny: a probe
if (values.role) options.role = values.role as any;
// biome-ignore lint/suspicious/noExplicitAny: a probe
if (values.kind) options.kind = values.kind as any;
if (values.limit) options.limit = Number(values.limit);
const rounds = Number(values.rounds ?? 3);
for (let r = 0; r < rounds; r++) {
  log.length = 0;
  const t = performance.now();
  const res = s.search(positionals[0], options);
  const wall = performance.now() - t;
  const sqlTime = log.reduce((a, b) => a + b[0], 0);
  console.log(`round ${r}: ${wall.toFixed(2)} ms (SQL ${sqlTime.toFixed(2)} ms in ${log.length} statements), total ${res.total}, documents ${res.documents}`);
  if (r === rounds - 1) for (const [ms, sql, rows] of log) console.log(`  ${ms.toFixed(2).padStart(8)} ms ${String(rows).padStart(6)} rows  ${sql}`);
}
