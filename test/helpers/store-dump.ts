import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Every table of a SQLite store as text, to compare two stores byte for byte: each table's rows
 * (each value with its SQLite type) in key order; FTS5's shadow tables left out, its vocabulary
 * (units_vocab: term, column, documents, occurrences) in.
 */
export function dumpStore(file: string): string {
  const Database = require('libsql') as new (file: string, options?: { readonly?: boolean }) => import('libsql').Database;
  const db = new Database(file, { readonly: true });
  try {
    const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'units_fts%' ORDER BY name").raw(true).all() as string[][];
    const out: string[] = [];
    for (const table of [...names.map((r) => r[0]), 'units_vocab']) {
      const cols = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).raw(true).all() as string[][]).map((r) => r[0]);
      const rows = db
        .prepare(`SELECT ${cols.map((c) => `typeof("${c}"), "${c}"`).join(', ')} FROM "${table}" ORDER BY ${cols.map((_, i) => i * 2 + 2).join(', ')}`)
        .raw(true)
        .all() as unknown[][];
      out.push(`== ${table} (${cols.join(', ')}): ${rows.length} rows`);
      for (const r of rows) out.push(JSON.stringify(r));
    }
    return `${out.join('\n')}\n`;
  } finally {
    db.close();
  }
}
