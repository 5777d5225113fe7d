import { parentPort, workerData } from 'node:worker_threads';
import { ingestFile } from '../ingest.js';
import { AliasTable } from '../model/departments.js';
import { UserError } from '../model/errors.js';
import { modelJson, sourceTextOf } from '../model/store.js';
import type { ReadReply, ReadRequest } from './document-reader.js';

/**
 * The reading thread of `policy ingest` (see document-reader.ts): read → parse → extract and
 * the model's JSON, one file at a time in the order asked, while the main thread writes the
 * documents before to the folder and the store.
 */
const aliases = AliasTable.load((workerData as { aliases: string[] }).aliases);
const port = parentPort!;

async function read({ seq, file }: ReadRequest): Promise<ReadReply> {
  try {
    const doc = await ingestFile(file, { aliases });
    // the JSON text only: the model is parsed from it in the writing thread, which costs that
    // thread less than receiving the model's objects (structured clone)
    return { seq, ok: true, json: modelJson(doc), sourceText: sourceTextOf(doc) };
  } catch (error) {
    return { seq, ok: false, user: error instanceof UserError, message: error instanceof Error ? error.message : String(error) };
  }
}

// one file at a time, in the order asked
let queue = Promise.resolve();
port.on('message', (request: ReadRequest) => {
  queue = queue.then(async () => port.postMessage(await read(request)));
});
