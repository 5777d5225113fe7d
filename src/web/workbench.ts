import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { listDocumentIds, loadDocument, SOURCE_TEXT_FILE } from '../model/store.js';
import type { PolicyDocument } from '../model/types.js';
import { decodeBytes } from '../read/decode.js';
import type { SearchEngine } from '../search/engine.js';
import { DB_FILE, INDEX_FILE, loadSearchIndex } from '../search/store.js';

/** How long a look at the data folder holds (ms). */
const REFRESH_MS = 500;

/** What a document id in a URL may look like (ids come from file names: letters, digits, . _ -). */
const ID = /^[\p{L}\p{N}_-][\p{L}\p{N}._-]{0,199}$/u;

export function isValidId(id: string): boolean {
  return ID.test(id) && !id.includes('..');
}

/** The text every position of a document's model refers to, and where it came from. */
export interface SourceText {
  text: string;
  /** The file read: the original .txt/.md, or <data>/<id>/source.txt. */
  file: string;
}

/**
 * The data folder as the web pages see it: documents and the search index loaded once and
 * kept until the folder changes (an ingest here or in another shell).
 */
export class Workbench {
  private docs: Map<string, PolicyDocument> | null = null;
  private ids: string[] | null = null;
  private index: SearchEngine | null = null;
  private sources = new Map<string, SourceText | null>();
  private stamp = '';

  constructor(readonly dataDir: string) {}

  private lookedAt = -Infinity;

  /**
   * Drop every cache when the data folder or its index changed since the last look. It looks
   * (two stat calls, synchronous: as promises they cost more than the search page's own
   * rendering, a round trip through the thread pool each) at most once every REFRESH_MS, so an
   * ingest in another shell shows within half a second; an upload here invalidates at once.
   */
  async refresh(): Promise<void> {
    const now = performance.now();
    if (now - this.lookedAt < REFRESH_MS) return;
    this.lookedAt = now;
    // the folder, the in-memory index's file and the store's (an ingest in another shell writes one)
    const files = [this.dataDir, ...[INDEX_FILE, DB_FILE].map((f) => path.join(this.dataDir, f))];
    const stamp = files.map((f) => String(statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? '-')).join('|');
    if (stamp !== this.stamp) {
      this.stamp = stamp;
      this.invalidate();
      this.lookedAt = now;
    }
  }

  private memos = new Map<string, unknown>();

  /** A value computed from the folder's documents, kept until they change. */
  async memo<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.memos.has(key)) this.memos.set(key, await make());
    return this.memos.get(key) as T;
  }

  invalidate(): void {
    this.lookedAt = -Infinity;
    this.memos.clear();
    this.docs = null;
    this.single.clear();
    this.ids = null;
    this.index = null;
    this.sources.clear();
  }

  async documentIds(): Promise<string[]> {
    this.ids ??= await listDocumentIds(this.dataDir);
    return this.ids;
  }

  /** A document by its exact id; null for an id that is not a document of the folder (never a path). */
  async document(id: string): Promise<PolicyDocument | null> {
    if (!isValidId(id)) return null;
    const ids = await this.documentIds();
    if (!ids.includes(id)) return null;
    if (this.docs) return this.docs.get(id) ?? null;
    // one document's page reads that document only (a corpus of thousands is not loaded for it)
    if (!this.single.has(id)) this.single.set(id, await loadDocument(this.dataDir, id).catch(() => null));
    return this.single.get(id) ?? null;
  }

  /** Documents read one by one (document()), until the folder changes. */
  private single = new Map<string, PolicyDocument | null>();

  /** Every document (one that cannot be loaded is left out). */
  async documents(): Promise<PolicyDocument[]> {
    if (!this.docs) {
      const loaded = new Map<string, PolicyDocument>();
      for (const id of await this.documentIds()) {
        try {
          loaded.set(id, await loadDocument(this.dataDir, id));
        } catch {
          // damaged or of another schema version: `policy ingest` again; the pages go on without it
        }
      }
      this.docs = loaded;
    }
    return [...this.docs.values()];
  }

  async searchIndex(): Promise<SearchEngine> {
    this.index ??= await loadSearchIndex(this.dataDir);
    return this.index;
  }

  /**
   * The text the model's offsets refer to: `<data>/<id>/source.txt` for a converted format,
   * else the original file (as ingest was given it, from here or beside the data folder),
   * only when its sha256 is the model's; null when neither is found.
   */
  async sourceText(doc: PolicyDocument): Promise<SourceText | null> {
    if (this.sources.has(doc.id)) return this.sources.get(doc.id)!;
    const found = await this.findSource(doc);
    this.sources.set(doc.id, found);
    return found;
  }

  private async findSource(doc: PolicyDocument): Promise<SourceText | null> {
    const converted = path.join(this.dataDir, doc.id, SOURCE_TEXT_FILE);
    if (doc.source.format !== 'text' && doc.source.format !== 'markdown') {
      const text = await readFile(converted, 'utf8').catch(() => null);
      return text === null ? null : { text, file: converted };
    }
    const given = doc.source.path;
    const candidates = path.isAbsolute(given) ? [given] : [path.resolve(given), path.resolve(this.dataDir, '..', given), path.resolve(this.dataDir, given)];
    for (const file of [...new Set(candidates)]) {
      const bytes = await readFile(file).catch(() => null);
      if (!bytes) continue;
      try {
        const decoded = decodeBytes(bytes);
        if (decoded.sha256 === doc.source.sha256) return { text: decoded.text, file };
      } catch {
        // not the file ingested
      }
    }
    return null;
  }
}
