/**
 * `node --import tsx scripts/compare-engines.ts [--size 1000] --db postgres://… [--schema bench_N]`:
 * the 40 scale queries (scripts/scale-queries.ts) on the SQLite store of .bench/data-N and on the
 * PostgreSQL schema bench-queries.ts loaded (bench_N): how many have the same total and
 * documents, the same first hit, the same hits in the same order, one line for each that differs.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PostgresStore } from '../src/search/postgres.js';
import { SqliteStore } from '../src/search/sqlite.js';
import { storePath } from '../src/search/store.js';
import { SCALE_QUERIES } from './scale-queries.js';

const { values } = parseArgs({ options: { size: { type: 'string' }, db: { type: 'string' }, schema: { type: 'string' } } });
const n = Number(values.size ?? 1000);
const url = values.db ?? process.env.POLICY_DB;
if (!url) throw new Error('compare-engines: --db postgres://… (or POLICY_DB)');
const schema = values.schema ?? `bench_${n}`;
const sqlite = SqliteStore.open(storePath(path.resolve(import.meta.dirname, '..', '.bench', `data-${n}`)), { readonly: true }).searcher();
const pg = PostgresStore.connect(url, schema).searcher();
let same = 0;
let first = 0;
let totals = 0;
let shared = 0;
for (const q of SCALE_QUERIES) {
  const a = sqlite.search(q.query, q.options ?? {});
  const b = pg.search(q.query, q.options ?? {});
  const ia = a.hits.map((h) => h.id);
  const ib = b.hits.map((h) => h.id);
  const common = ia.filter((id) => ib.includes(id)).length;
  shared += common / Math.max(1, ia.length);
  if (ia[0] === ib[0]) first++;
  if (a.total === b.total && a.documents === b.documents) totals++;
  if (JSON.stringify(ia) === JSON.stringify(ib)) same++;
  else console.log(`${q.query}${q.options ? ` ${JSON.stringify(q.options)}` : ''}: total ${a.total} / ${b.total}, ${common} of ${ia.length} hits shared`);
}
const all = SCALE_QUERIES.length;
console.log(
  `${schema} against SQLite: same total and documents ${totals}/${all}, same first hit ${first}/${all}, same hits in the same order ${same}/${all}, SQLite's hits shared ${((shared / all) * 100).toFixed(1)}%`,
);
process.exit(0);
