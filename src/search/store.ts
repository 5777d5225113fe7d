import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { DamagedDocumentError } from '../model/errors.js';
import { documentPath, listDocumentIds, loadAllDocuments, reportLoadProblems } from '../model/store.js';
import type { PolicyDocument } from '../model/types.js';
import { writeFileAtomic } from '../util/atomic.js';
import { SearchIndex } from './search-index.js';
import { NoData } from '../select/errors.js';

/** The search index of a data folder: `<data>/index.json`, next to the document folders. */
export const INDEX_FILE = 'index.json';

export function indexPath(dataDir: string): string {
  return path.join(dataDir, INDEX_FILE);
}

/** A document the saved index was built without (damaged), as index.json records it. */
interface LeftOut {
  id: string;
  file: string;
  message: string;
}

/**
 * Build the index of every document in the data folder and save it. Ingest calls this
 * after saving documents, so the index always covers the whole folder (not only the
 * documents of the last ingest, which are passed for the caller's convenience). Damaged
 * documents are left out and reported to the `onLoadProblem` listeners.
 */
export async function writeSearchIndex(dataDir: string, _docs?: PolicyDocument[]): Promise<string | null> {
  const { file, leftOut } = await rebuildSearchIndex(dataDir);
  reportLoadProblems(leftOut);
  return file;
}

/**
 * Build and save the index of every document of the folder that loads; the documents it
 * was built from and those left out (damaged, outdated) are returned, not reported. `saved`
 * are documents just saved there, used as they are rather than read back.
 */
export async function rebuildSearchIndex(
  dataDir: string,
  saved: PolicyDocument[] = [],
): Promise<{ file: string; docs: PolicyDocument[]; leftOut: DamagedDocumentError[] }> {
  const { docs, leftOut } = await loadAllDocuments(dataDir, saved);
  const file = await saveSearchIndex(dataDir, SearchIndex.build(docs), leftOut);
  return { file, docs, leftOut };
}

/**
 * Save an index; `leftOut` are the documents of the folder it was built without, recorded so
 * that a search knows the index covers the folder (and names them) without reading them again.
 */
export async function saveSearchIndex(dataDir: string, index: SearchIndex, leftOut: DamagedDocumentError[] = []): Promise<string> {
  const file = indexPath(dataDir);
  const recorded: LeftOut[] = leftOut.map((e) => ({ id: e.id, file: e.file, message: e.message }));
  await writeFileAtomic(file, JSON.stringify({ ...index.toJSON(), leftOut: recorded }));
  return file;
}

/**
 * Load the saved index. When it is missing, unreadable, of another version, or older than
 * the documents (edited or added since), rebuild it from the documents — the model, never
 * the source text — and save it. A damaged document is left out of the index and reported
 * to the `onLoadProblem` listeners (every time the index is loaded, until it is ingested again).
 */
export async function loadSearchIndex(dataDir: string): Promise<SearchIndex> {
  const file = indexPath(dataDir);
  const ids = await listDocumentIds(dataDir);
  if (ids.length === 0) {
    throw new NoData(dataDir, 'empty');
  }
  let raw: string | null = null;
  try {
    const [indexStat, docStats] = await Promise.all([stat(file), Promise.all(ids.map((id) => stat(documentPath(dataDir, id))))]);
    if (docStats.every((s) => s.mtimeMs <= indexStat.mtimeMs)) raw = await readFile(file, 'utf8');
  } catch {
    raw = null; // no index yet
  }
  if (raw !== null) {
    const saved = parseIndex(raw, file);
    if (saved) {
      const covered = [...saved.index.documents.map((d) => d.id), ...saved.leftOut.map((d) => d.id)].sort();
      if (covered.length === ids.length && covered.every((id, i) => id === ids[i])) {
        reportLoadProblems(saved.leftOut.map((d) => new DamagedDocumentError(d.id, d.file, d.message)));
        return saved.index;
      }
    }
  }
  const { docs, leftOut } = await loadAllDocuments(dataDir);
  reportLoadProblems(leftOut);
  const index = SearchIndex.build(docs);
  try {
    await saveSearchIndex(dataDir, index, leftOut);
  } catch {
    // A read-only data folder: search with the rebuilt index all the same.
  }
  return index;
}

/** The index in `raw` and the documents it left out, or null when it is not a readable index of this version. */
function parseIndex(raw: string, file: string): { index: SearchIndex; leftOut: LeftOut[] } | null {
  try {
    const json = JSON.parse(raw) as { leftOut?: unknown };
    const leftOut = Array.isArray(json.leftOut)
      ? json.leftOut.filter((d): d is LeftOut => !!d && typeof d.id === 'string' && typeof d.file === 'string' && typeof d.message === 'string')
      : [];
    return { index: SearchIndex.fromJSON(json, file), leftOut };
  } catch {
    return null;
  }
}
