import { UserError } from '../model/errors.js';
import type { PostgresStore } from './postgres.js';
import { SqliteStore } from './sqlite.js';

/** A read-only query's result: column names and rows. */
export interface SqlResult {
  columns: string[];
  rows: unknown[][];
}

/**
 * Check that `sql` is one SELECT (or WITH … SELECT) statement: no other statement, no second
 * statement after a semicolon. The store is opened read-only as well, so this is a first line.
 */
export function checkReadOnly(sql: string): string {
  const text = sql.trim().replace(/;\s*$/, '');
  // strip comments and string literals before looking for keywords and semicolons
  const bare = text
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, '""');
  if (!/^\s*(select|with)\b/i.test(bare)) throw new UserError('sql: only a SELECT (or WITH … SELECT) query is allowed');
  if (bare.includes(';')) throw new UserError('sql: one statement only');
  if (/\b(insert|update|delete|replace|drop|create|alter|attach|detach|pragma|vacuum|reindex)\b/i.test(bare)) {
    throw new UserError('sql: only reading is allowed (the query names a statement that writes)');
  }
  return text;
}

/** Run a read-only query on a PostgreSQL store (in a READ ONLY transaction). */
export function queryPostgres(store: PostgresStore, sql: string): SqlResult {
  const text = checkReadOnly(sql);
  try {
    const r = store.read(text);
    if (r.columns.length === 0) throw new UserError('sql: the statement returns no rows');
    return r;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`sql: ${(error as Error).message}`);
  } finally {
    store.close();
  }
}

/** Run a read-only query on a SQLite store file (opened read-only). */
export function querySqlite(file: string, sql: string): SqlResult {
  const text = checkReadOnly(sql);
  const store = SqliteStore.open(file, { readonly: true });
  try {
    const stmt = store.db.prepare(text);
    if (!stmt.reader) throw new UserError('sql: the statement returns no rows');
    const columns = stmt.columns().map((c) => c.name);
    stmt.raw(true);
    return { columns, rows: stmt.all() as unknown[][] };
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError(`sql: ${(error as Error).message}`);
  } finally {
    store.close();
  }
}
