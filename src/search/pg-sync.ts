import { createRequire } from 'node:module';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/**
 * A PostgreSQL connection with synchronous calls, so the search (whose rules are synchronous:
 * engine.ts) runs on a server store as it runs on SQLite. The `pg` client lives in a worker
 * thread; a call posts the statement to it and waits on a shared word (Atomics.wait) until the
 * worker has put the answer on a message port, which is then read synchronously
 * (receiveMessageOnPort). One call costs the database's round trip plus ~0.05 ms.
 * A write batch can also be sent without waiting (`send`): the caller prepares the next one
 * while the server runs it, and the next call waits for it first (a bulk load keeps the
 * caller's core and the server's busy at once).
 *
 * The calling thread is blocked while the database answers: right for the CLI and for a
 * library caller that searches in a worker; a server that must stay responsive while a search
 * runs should call the search from a worker thread.
 */

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const pg = require(workerData.pg);
pg.types.setTypeParser(20, (v) => Number(v)); // int8: rowids and counts, all below 2^53
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric
const { port, signal } = workerData;
const client = new pg.Client({ connectionString: workerData.url, application_name: 'policy' });
client.on('error', () => {});
// the schema is made only when missing: a read replica (hot standby) refuses every write, CREATE SCHEMA IF NOT EXISTS too
let ready = client.connect().then(async () => {
  const schema = workerData.schema;
  if (!schema) return;
  const found = await client.query(
    "SELECT EXISTS(SELECT 1 FROM pg_namespace WHERE nspname = $1), pg_is_in_recovery() OR current_setting('transaction_read_only') = 'on'",
    [schema],
  );
  const [exists, readOnly] = Object.values(found.rows[0]);
  // on a read-only server a missing schema is left missing: the first read says the store is not there
  if (!exists && !readOnly) await client.query('CREATE SCHEMA IF NOT EXISTS ' + schema);
  await client.query('SET search_path TO ' + schema);
});
// each answer counted: the caller waits for the count to pass the answers it has read
const reply = (message) => {
  port.postMessage(message);
  Atomics.add(signal, 0, 1);
  Atomics.notify(signal, 0);
};
// one message at a time, in the order sent (a batch sent without waiting is done before the next)
let queue = Promise.resolve();
parentPort.on('message', (m) => {
  queue = queue.then(() => handle(m));
});
async function handle(m) {
  try {
    if (m.op === 'end') {
      // closing after a failed connection is no error
      await ready.catch(() => {});
      await client.end().catch(() => {});
      reply({ rows: [] });
      return;
    }
    await ready;
    if (m.op === 'query') {
      const r = await client.query({ text: m.sql, values: m.params, rowMode: 'array' });
      reply({ rows: Array.isArray(r) ? [] : r.rows });
    } else if (m.op === 'read') {
      // one statement in a read-only transaction, with the column names
      await client.query('BEGIN READ ONLY');
      try {
        const r = await client.query({ text: m.sql, values: m.params, rowMode: 'array' });
        reply({ rows: r.rows, fields: r.fields.map((f) => f.name) });
      } finally {
        await client.query('ROLLBACK').catch(() => {});
      }
    } else if (m.op === 'batch') {
      await client.query('BEGIN');
      try {
        for (const [sql, params] of m.batch) await client.query({ text: sql, values: params });
        await client.query('COMMIT');
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      }
      reply({ rows: [] });
    }
  } catch (e) {
    reply({ error: String(e && e.message ? e.message : e), code: e && e.code });
  }
}
`;

/** SQLSTATE of a write refused by a read-only transaction or a hot standby (read replica). */
export const READ_ONLY_TRANSACTION = '25006';

export class PgError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** `?` placeholders as PostgreSQL's `$1, $2, …` (the SQL here has no `?` inside literals). */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}

export class SyncPg {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private closed = false;
  /** Answers read so far (the worker counts the answers it has given in `signal`). */
  private read_ = 0;
  /** Batches sent without waiting whose answers are still to be read. */
  private pending = 0;

  /** @param schema a schema made if missing and put first on the search path (one store a schema). */
  constructor(url: string, schema?: string) {
    const { port1, port2 } = new MessageChannel();
    const pg = createRequire(import.meta.url).resolve('pg');
    this.worker = new Worker(WORKER, { eval: true, workerData: { url, schema, pg, port: port2, signal: this.signal }, transferList: [port2] });
    this.worker.unref();
    this.port = port1;
  }

  private call(message: Record<string, unknown>): unknown[][] {
    return this.answer(message).rows;
  }

  private answer(message: Record<string, unknown>): { rows: unknown[][]; fields?: string[] } {
    if (this.closed) throw new PgError('connection closed');
    this.drain();
    this.worker.postMessage(message);
    return this.next();
  }

  /** The worker's next answer (waiting for it), or its error thrown. */
  private next(): { rows: unknown[][]; fields?: string[] } {
    // ten minutes at most for one call (a bulk batch included)
    while (Atomics.load(this.signal, 0) === this.read_) {
      if (Atomics.wait(this.signal, 0, this.read_, 600_000) === 'timed-out') throw new PgError('no answer from the database in 10 minutes');
    }
    this.read_++;
    const got = receiveMessageOnPort(this.port);
    if (!got) throw new PgError('no answer from the database worker');
    const m = got.message as { rows: unknown[][]; fields?: string[]; error?: string; code?: string };
    if (m.error !== undefined) {
      // a hot standby (read replica) refuses every write with this code: say what the server is
      if (m.code === READ_ONLY_TRANSACTION) throw new PgError(`the server takes no writes (a read replica?): ${m.error}`, m.code);
      throw new PgError(m.error, m.code);
    }
    return m;
  }

  /** One statement in a read-only transaction: its column names and rows. */
  read(sql: string): { columns: string[]; rows: unknown[][] } {
    const m = this.answer({ op: 'read', sql, params: [] });
    return { columns: m.fields ?? [], rows: m.rows };
  }

  /** Rows as arrays; `sql` with `?` or `$n` placeholders (several statements when without parameters). */
  query<T extends unknown[]>(sql: string, params: unknown[] = []): T[] {
    return this.call({ op: 'query', sql: numbered(sql), params }) as T[];
  }

  /** Statements run in one transaction (rolled back whole on an error). */
  batch(statements: Array<[string, unknown[]]>): void {
    this.call({ op: 'batch', batch: statements.map(([sql, params]) => [numbered(sql), params]) });
  }

  /**
   * batch() without waiting for it: the batch sent before is waited for first (so one at most
   * is on its way, and a batch that failed stops the caller before the next is sent), and any
   * other call, or drain(), waits for this one and throws its error.
   */
  send(statements: Array<[string, unknown[]]>): void {
    if (this.closed) throw new PgError('connection closed');
    this.drain();
    this.worker.postMessage({ op: 'batch', batch: statements.map(([sql, params]) => [numbered(sql), params]) });
    this.pending++;
  }

  /** Wait for the batches sent without waiting; the first one's error is thrown. */
  drain(): void {
    while (this.pending > 0) {
      this.pending--;
      this.next();
    }
  }

  close(): void {
    if (this.closed) return;
    try {
      this.call({ op: 'end' });
    } finally {
      this.closed = true;
      void this.worker.terminate();
    }
  }
}
