import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../model/errors.js';
import { documentPath, listDocumentIds, loadDocuments } from '../model/store.js';
import type { PolicyDocument } from '../model/types.js';
import { SearchIndex } from './search-index.js';

/** The search index of a data folder: `<data>/index.json`, next to the document folders. */
export const INDEX_FILE = 'index.json';

export function indexPath(dataDir: string): string {
  return path.join(dataDir, INDEX_FILE);
}

/**
 * Build the index of every document in the data folder and save it. Ingest calls this
 * after saving documents, so the index always covers the whole folder (not only the
 * documents of the last ingest, which are passed for the caller's convenience).
 */
export async function writeSearchIndex(dataDir: string, _docs?: PolicyDocument[]): Promise<string | null> {
  const docs = await loadDocuments(dataDir);
  return saveSearchIndex(dataDir, SearchIndex.build(docs));
}

export async function saveSearchIndex(dataDir: string, index: SearchIndex): Promise<string> {
  const file = indexPath(dataDir);
  await writeFile(file, JSON.stringify(index.toJSON()));
  return file;
}

/**
 * Load the saved index. When it is missing, unreadable, of another version, or older than
 * the documents (edited or added since), rebuild it from the documents — the model, never
 * the source text — and save it.
 */
export async function loadSearchIndex(dataDir: string): Promise<SearchIndex> {
  const file = indexPath(dataDir);
  const ids = await listDocumentIds(dataDir);
  if (ids.length === 0) {
    throw new UserError(`${dataDir}: no ingested documents (run \`policy ingest <files…> --data ${dataDir}\` first)`);
  }
  let raw: string | null = null;
  try {
    const [indexStat, docStats] = await Promise.all([stat(file), Promise.all(ids.map((id) => stat(documentPath(dataDir, id))))]);
    if (docStats.every((s) => s.mtimeMs <= indexStat.mtimeMs)) raw = await readFile(file, 'utf8');
  } catch {
    raw = null; // no index yet
  }
  if (raw !== null) {
    const index = parseIndex(raw, file);
    const indexed = index?.documents.map((d) => d.id).sort();
    if (index && indexed && indexed.length === ids.length && indexed.every((id, i) => id === ids[i])) return index;
  }
  const index = SearchIndex.build(await loadDocuments(dataDir, ids));
  try {
    await saveSearchIndex(dataDir, index);
  } catch {
    // A read-only data folder: search with the rebuilt index all the same.
  }
  return index;
}

/** The index in `raw`, or null when it is not a readable index of this version. */
function parseIndex(raw: string, file: string): SearchIndex | null {
  try {
    return SearchIndex.fromJSON(JSON.parse(raw), file);
  } catch {
    return null;
  }
}
