import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { matchDocumentId } from '../select/document-ids.js';
import { NoData } from '../select/errors.js';
import { writeFileAtomic } from '../util/atomic.js';
import { DamagedDocumentError } from './errors.js';
import type { PolicyDocument } from './types.js';
import { SCHEMA_VERSION } from './types.js';

/**
 * The data folder: one sub-folder per document, `<data>/<id>/document.json`.
 * Everything downstream of ingest reads documents through here.
 */
export const DOCUMENT_FILE = 'document.json';

export function documentPath(dataDir: string, id: string): string {
  return path.join(dataDir, id, DOCUMENT_FILE);
}

/** The converted text of a document read from HTML, Word …: saved beside it as `source.txt`. */
export const SOURCE_TEXT_FILE = 'source.txt';

const sourceTexts = new WeakMap<PolicyDocument, string>();

/** Give a model the converted text its positions refer to; `saveDocument` writes it as `source.txt`. */
export function attachSourceText(doc: PolicyDocument, text: string): void {
  sourceTexts.set(doc, text);
}

/** The converted text attached to a model in this process (see `attachSourceText`), if any. */
export function sourceTextOf(doc: PolicyDocument): string | undefined {
  return sourceTexts.get(doc);
}

/**
 * Write `<data>/<id>/document.json` and, for a converted format, `source.txt` (the text every
 * position refers to); each is written to a temporary file in the same folder and renamed,
 * so a reader never sees half a file. A text or Markdown document leaves no `source.txt`
 * (its source is the file itself): one left by an earlier ingest of the same id goes.
 * `json` is `modelJson(doc)` when the caller has it already (made in ingest's reading thread).
 */
export async function saveDocument(dataDir: string, doc: PolicyDocument, json: string = modelJson(doc)): Promise<string> {
  const file = documentPath(dataDir, doc.id);
  const dir = path.dirname(file);
  const text = sourceTexts.get(doc);
  const sourceFile = path.join(dir, SOURCE_TEXT_FILE);
  if (text !== undefined) await writeFileAtomic(sourceFile, text);
  // (unlink: rm's checks cost a text document's save more than its writes, ~1 ms)
  else if (doc.source.format === 'text' || doc.source.format === 'markdown') await unlink(sourceFile).catch(absentIsFine);
  await writeFileAtomic(file, json);
  return file;
}

/** A removal of a file that is not there: done. */
function absentIsFine(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}

/**
 * Above this many characters a model is written without indentation: no one reads a model of
 * tens of MB in an editor, and the indentation of its nested positions doubled it (100,000
 * one-line items: 95 MB indented, 49 MB not). Every plan of the corpora is far below it.
 */
export const INDENT_UP_TO = 4_000_000;

/** A model as document.json holds it: indented by two spaces, compact when large. */
export function modelJson(doc: PolicyDocument): string {
  // the indented text is never shorter than the compact one: only a long one needs the compact
  // length (one JSON.stringify a document instead of two). A model too large to indent in one
  // string (V8: 2^29 characters) is past the limit anyway
  let indented: string | null = null;
  try {
    indented = JSON.stringify(doc, null, 2);
    if (indented.length <= INDENT_UP_TO) return indented + '\n';
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  const compact = JSON.stringify(doc);
  return (compact.length > INDENT_UP_TO || indented === null ? compact : indented) + '\n';
}

/**
 * Load one document by id, or by a prefix of exactly one id (`wuxi` for
 * `wuxi-urbanization-plan-2021-2035`). An unknown id is an error that lists the ids there are.
 */
export async function loadDocument(dataDir: string, id: string): Promise<PolicyDocument> {
  let file = documentPath(dataDir, id);
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw unreadable(id, file, error);
    id = await resolveDocumentId(dataDir, id);
    file = documentPath(dataDir, id);
    try {
      raw = await readFile(file, 'utf8');
    } catch (again) {
      throw unreadable(id, file, again);
    }
  }
  let doc: PolicyDocument;
  try {
    doc = JSON.parse(raw) as PolicyDocument;
  } catch (error) {
    const why = raw.trim() === '' ? 'empty file' : `not valid JSON (${(error as Error).message})`;
    throw new DamagedDocumentError(id, file, `${file}: ${why}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new DamagedDocumentError(id, file, `${file}: not a document model (${doc === null ? 'null' : Array.isArray(doc) ? 'an array' : typeof doc})`);
  }
  if (doc.schemaVersion !== SCHEMA_VERSION) {
    throw new DamagedDocumentError(id, file, `${file}: schema version ${String(doc.schemaVersion)}, expected ${SCHEMA_VERSION} (ingest again)`);
  }
  const missing = MODEL_ARRAYS.filter((key) => !Array.isArray(doc[key]));
  if (typeof doc.id !== 'string' || !doc.source || typeof doc.source !== 'object' || missing.length > 0) {
    const what = typeof doc.id !== 'string' ? 'id' : !doc.source || typeof doc.source !== 'object' ? 'source' : missing.join(', ');
    throw new DamagedDocumentError(id, file, `${file}: not a whole document model (no ${what}; ingest again)`);
  }
  return doc;
}

/** The lists every consumer walks: a model without one of them is damaged, not empty. */
const MODEL_ARRAYS = ['sections', 'paragraphs', 'tasks', 'departments', 'indicators', 'targets', 'references', 'diagnostics'] as const;

function unreadable(id: string, file: string, error: unknown): DamagedDocumentError {
  const e = error as NodeJS.ErrnoException;
  return new DamagedDocumentError(id, file, `${file}: cannot read (${e.code ?? e.message})`);
}

/** Ids of all documents in the data folder, sorted. */
export async function listDocumentIds(dataDir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dataDir, { withFileTypes: true });
  } catch {
    throw new NoData(dataDir, 'missing');
  }
  const ids: string[] = [];
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    try {
      await stat(documentPath(dataDir, entry.name));
      ids.push(entry.name);
    } catch {
      // a folder without document.json is not a document (e.g. output/sheets)
    }
  }
  return ids.sort();
}

/** The id a user meant: the id itself, or the one id it begins (see select/document-ids.ts). */
export async function resolveDocumentId(dataDir: string, id: string): Promise<string> {
  const ids = await listDocumentIds(dataDir);
  if (ids.length === 0) throw new NoData(dataDir, 'empty');
  return matchDocumentId(ids, id, dataDir);
}

export type LoadProblemListener = (problem: DamagedDocumentError) => void;
const problemListeners = new Set<LoadProblemListener>();

/**
 * Be told about documents of a data folder that cannot be loaded (damaged, or saved by an
 * older version). With a listener, loading all documents leaves such a document out and
 * reports it; without one, it is an error. Returns a function that removes the listener.
 */
export function onLoadProblem(listener: LoadProblemListener): () => void {
  problemListeners.add(listener);
  return () => problemListeners.delete(listener);
}

/**
 * Tell the listeners about documents left out. Without a listener a damaged document is an
 * error (a library caller that did not ask to go on without it gets the error).
 */
export function reportLoadProblems(problems: DamagedDocumentError[]): void {
  if (problems.length === 0) return;
  if (problemListeners.size === 0) throw problems[0];
  for (const problem of problems) for (const listener of problemListeners) listener(problem);
}

/**
 * Every document of the data folder that loads, and those that do not (damaged, outdated),
 * without reporting them: the caller decides (`loadDocuments` reports them to the listeners).
 * An empty data folder is an error; so is one where no document loads.
 */
export async function loadAllDocuments(dataDir: string, inMemory: PolicyDocument[] = []): Promise<{ docs: PolicyDocument[]; leftOut: DamagedDocumentError[] }> {
  // documents the caller holds (just ingested and saved) are not read back: a second copy of
  // a large model would double the memory of an ingest
  const all = await listDocumentIds(dataDir);
  if (all.length === 0) {
    throw new NoData(dataDir, 'empty');
  }
  const docs: PolicyDocument[] = [];
  const leftOut: DamagedDocumentError[] = [];
  const held = new Map(inMemory.map((d) => [d.id, d]));
  for (const id of all) {
    try {
      docs.push(held.get(id) ?? (await loadDocument(dataDir, id)));
    } catch (error) {
      if (!(error instanceof DamagedDocumentError)) throw error;
      leftOut.push(error);
    }
  }
  if (docs.length === 0) throw leftOut[0];
  return { docs, leftOut };
}

/**
 * Load the given documents, or all of them; an empty data folder is an error. Over all of
 * them, a damaged document is left out and reported to the `onLoadProblem` listeners (an
 * error when there is none); a document asked for by id must load.
 */
export async function loadDocuments(dataDir: string, ids?: string[]): Promise<PolicyDocument[]> {
  if (ids && ids.length > 0) return Promise.all(ids.map((id) => loadDocument(dataDir, id)));
  const { docs, leftOut } = await loadAllDocuments(dataDir);
  reportLoadProblems(leftOut);
  return docs;
}
