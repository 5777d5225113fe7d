import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ingestFile } from '../ingest.js';
import type { AliasTable } from '../model/departments.js';
import { UserError } from '../model/errors.js';
import { attachSourceText, modelJson } from '../model/store.js';
import type { PolicyDocument } from '../model/types.js';

/** A document read (read → parse → extract) with its document.json text. */
export interface ReadDocument {
  doc: PolicyDocument;
  json: string;
}

export interface ReadRequest {
  seq: number;
  file: string;
}

export type ReadReply = { seq: number; ok: true; json: string; sourceText: string | undefined } | { seq: number; ok: false; user: boolean; message: string };

/**
 * Reads documents for `policy ingest`: in a second thread when there are several files, so that
 * parsing and extracting the next documents (about a third of a document's CPU time) runs on the
 * second core while this thread writes document.json and the store; in this thread for one file
 * (a thread costs ~0.1 s to start). `read` may be called ahead for several files; each file's
 * promise gives its model and JSON text, or rejects with what reading it in this thread would
 * have thrown (a UserError stays one), so the caller sees the same results in the same order.
 */
export class DocumentReader {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly waiting = new Map<number, { file: string; resolve: (r: ReadDocument) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly aliases: AliasTable,
    aliasFiles: string[],
    files: number,
  ) {
    if (files >= READ_IN_THREAD_FROM) {
      const { entry, evaluated } = workerEntry();
      this.worker = new Worker(entry, { eval: evaluated, workerData: { aliases: aliasFiles } });
      this.worker.on('message', (reply: ReadReply) => this.settle(reply));
      this.worker.on('error', (error) => this.fail(error));
      this.worker.on('exit', (code) => this.fail(new Error(`the reading thread stopped (exit code ${code})`)));
    }
  }

  /** Whether files are read in the second thread (false for one or two files, or once it failed). */
  get threaded(): boolean {
    return this.worker !== null;
  }

  /** The model of `file` and its document.json text. */
  read(file: string): Promise<ReadDocument> {
    if (!this.worker) {
      return ingestFile(file, { aliases: this.aliases }).then((doc) => ({ doc, json: modelJson(doc) }));
    }
    const seq = this.seq++;
    const promise = new Promise<ReadDocument>((resolve, reject) => this.waiting.set(seq, { file, resolve, reject }));
    this.worker.postMessage({ seq, file } satisfies ReadRequest);
    return promise;
  }

  close(): Promise<number> | undefined {
    const worker = this.worker;
    this.worker = null;
    worker?.removeAllListeners('exit');
    return worker?.terminate();
  }

  private settle(reply: ReadReply): void {
    const waiting = this.waiting.get(reply.seq);
    if (!waiting) return;
    this.waiting.delete(reply.seq);
    if (!reply.ok) {
      waiting.reject(reply.user ? new UserError(reply.message) : new Error(reply.message));
      return;
    }
    // the model as document.json has it (what every later reader of the folder gets)
    const doc = JSON.parse(reply.json) as PolicyDocument;
    if (reply.sourceText !== undefined) attachSourceText(doc, reply.sourceText);
    waiting.resolve({ doc, json: reply.json });
  }

  /**
   * The thread failed (it could not start, or stopped): the files it had and the next ones are
   * read in this thread, as without it.
   */
  private fail(_error: Error): void {
    this.worker = null;
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const { file, resolve, reject } of waiting) this.read(file).then(resolve, reject);
  }
}

/**
 * The reading thread's entry: the compiled read-worker.js beside this file; run from src/
 * through tsx (the tests), read-worker.ts with tsx's loader registered in the thread first (a
 * thread does not inherit the loader that `--import tsx` gave this one).
 */
function workerEntry(): { entry: string; evaluated: boolean } {
  const self = fileURLToPath(import.meta.url);
  if (path.extname(self) === '.js') return { entry: path.join(path.dirname(self), 'read-worker.js'), evaluated: false };
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const source = JSON.stringify(new URL('./read-worker.ts', import.meta.url).href);
  return { entry: `import(${tsx}).then((tsx) => { tsx.register(); return import(${source}); })`, evaluated: true };
}

/** From this many files on, documents are read in a second thread. */
const READ_IN_THREAD_FROM = 3;
