import MiniSearch from 'minisearch';
import type { AsPlainObject } from 'minisearch';
import { resolveDepartment } from '../model/departments.js';
import { UserError } from '../model/errors.js';
import { normalizeForMatch } from '../model/normalize.js';
import type { ParagraphKind, PolicyDocument, Role } from '../model/types.js';
import { parseQuery, type ParsedQuery } from './query.js';
import { makeSnippet, type Snippet, type SnippetOptions } from './snippet.js';
import { getTokenizer, normalizeText, type Tokenizer } from './tokenizer.js';
import { asDepartment, documentUnits, searchDepartments, type SearchDepartment, type SearchUnit } from './units.js';

export const INDEX_FORMAT = 'policy-search-index';
export const INDEX_VERSION = 1;

export const UNIT_KINDS: readonly ParagraphKind[] = [
  'task',
  'principle',
  'goal',
  'guidance',
  'measure',
  'indicator',
  'box',
  'header',
  'paragraph',
];

export interface SearchOptions {
  /** A department as people write it (交通局, 住建委, 县发展改革委); resolved in each document. */
  dept?: string;
  /** With `dept`: only units it leads (`lead`) or supports (`responsible`). Default: either. */
  role?: Role;
  /** Only units of these kinds. Default: all. */
  kind?: ParagraphKind | ParagraphKind[];
  /** Only these document ids. Default: all. */
  doc?: string | string[];
  /** Number of hits returned (`total` still counts all). Default 10. */
  limit?: number;
  /** Snippet shape. */
  snippet?: SnippetOptions;
}

export interface SearchHit {
  id: string;
  doc: string;
  kind: ParagraphKind;
  number: string | null;
  title: string;
  section: string;
  score: number;
  snippet: Snippet;
  lead: string[];
  responsible: string[];
  line: number;
}

export interface SearchResult {
  query: string;
  /** Query words after segmentation and normalisation. */
  words: string[];
  phrases: string[];
  /** All matching units (before `limit`). */
  total: number;
  /** False when no unit has every word and the hits are units with some of them. */
  matchedAll: boolean;
  /** The department each document's `dept` resolved to. */
  departments: Array<{ doc: string; name: string }>;
  hits: SearchHit[];
}

export interface IndexedDocument {
  id: string;
  title: string | null;
  departments: SearchDepartment[];
}

interface StoredUnit extends SearchUnit {
  /** The text after traditional → simplified, kept only where that changed it. */
  simplified?: string;
}

/** The saved form (`<data>/index.json`). */
export interface SearchIndexJSON {
  format: typeof INDEX_FORMAT;
  version: typeof INDEX_VERSION;
  /** Words added to the tokenizer's dictionary at build time; the query side needs the same. */
  userWords: string[];
  /** Field boosts the index was built with. */
  boost: Boost;
  /** Terms in more than FREQUENT_SHARE of the units, with their unit counts. */
  frequentTerms: Record<string, number>;
  documents: IndexedDocument[];
  units: StoredUnit[];
  index: AsPlainObject;
}

export interface BuildOptions {
  /** Field boosts. Default: title 2, text 1. */
  boost?: { title?: number; text?: number };
}

const DEFAULT_BOOST = { title: 2, text: 1 };
/**
 * A query word in more than this share of the units (管理, 农村, 发展 at scale) is checked in
 * the candidates' text instead of being looked up, when the query has a rarer word: the rare
 * word bounds the work, and a common word adds little to BM25 anyway (low IDF).
 */
const FREQUENT_SHARE = 0.05;
const FIELDS = ['title', 'text'];

interface IndexedFields {
  id: number;
  title: string;
  text: string;
}

type Boost = Required<NonNullable<BuildOptions['boost']>>;

function miniSearchOptions(tokenizer: Tokenizer, boost: Boost, onTextTokens?: (tokens: string[]) => void) {
  return {
    fields: FIELDS,
    idField: 'id',
    // Every dictionary word in the text, overlaps included (农业转移人口 also gives 农业,
    // 转移, 人口, 转移人口 …), so any dictionary word of a query finds every unit that has
    // it. Normalisation runs first: jieba's dictionary is simplified Chinese.
    tokenize: (text: string, field?: string) => {
      const tokens = tokenizer.allWords(text);
      if (field === 'text') onTextTokens?.(tokens);
      return tokens;
    },
    processTerm: (term: string) => (tokenizer.isNoise(term) ? null : term),
    searchOptions: {
      boost,
      // Queries reach MiniSearch already segmented: one term per space-separated item.
      tokenize: (query: string) => query.split(' '),
      processTerm: (term: string) => term,
    },
  };
}

/**
 * Clause search over ingested documents: a MiniSearch index of tasks, paragraphs and
 * indicator rows, tokenised by the shared jieba tokenizer. Build it from documents
 * (`SearchIndex.build`), save it with `toJSON`, load it with `fromJSON`; searching a
 * loaded index never touches the documents.
 */
export class SearchIndex {
  readonly documents: IndexedDocument[];
  private readonly units: StoredUnit[];
  private readonly miniSearch: MiniSearch<IndexedFields>;
  private readonly userWords: string[];
  private readonly userWordSet: Set<string>;
  private readonly tokenizer: Tokenizer;
  private readonly boost: Boost;
  private readonly frequentTerms: Map<string, number>;
  /** Normalised unit texts, filled on demand. */
  private readonly normalized: string[] = [];

  private constructor(parts: {
    documents: IndexedDocument[];
    units: StoredUnit[];
    userWords: string[];
    miniSearch: (options: ReturnType<typeof miniSearchOptions>) => MiniSearch<IndexedFields>;
    boost: Boost;
    frequentTerms?: Record<string, number>;
  }) {
    this.documents = parts.documents;
    this.units = parts.units;
    this.userWords = parts.userWords;
    this.userWordSet = new Set(parts.userWords.map(normalizeText));
    this.boost = parts.boost;
    this.tokenizer = getTokenizer({ userWords: parts.userWords });
    if (parts.frequentTerms) {
      this.frequentTerms = new Map(Object.entries(parts.frequentTerms));
      this.miniSearch = parts.miniSearch(miniSearchOptions(this.tokenizer, parts.boost));
    } else {
      // Building: count the units each term occurs in, through the tokenize hook.
      const unitCount = new Map<string, number>();
      const count = (tokens: string[]) => {
        for (const t of new Set(tokens)) unitCount.set(t, (unitCount.get(t) ?? 0) + 1);
      };
      this.miniSearch = parts.miniSearch(miniSearchOptions(this.tokenizer, parts.boost, count));
      const threshold = FREQUENT_SHARE * parts.units.length;
      this.frequentTerms = new Map([...unitCount].filter(([, n]) => n > threshold));
    }
  }

  /** Index the documents (department names and aliases join the tokenizer's dictionary). */
  static build(docs: PolicyDocument[], options: BuildOptions = {}): SearchIndex {
    const boost = { ...DEFAULT_BOOST, ...options.boost };
    const userWords = departmentWords(docs);
    const tokenizer = getTokenizer({ userWords });
    const units: StoredUnit[] = docs.flatMap(documentUnits).map((u) => {
      const simplified = tokenizer.normalize(u.text);
      return simplified === normalizeForMatch(u.text) ? u : { ...u, simplified };
    });
    return new SearchIndex({
      documents: docs.map((d) => ({ id: d.id, title: d.title, departments: searchDepartments(d) })),
      units,
      userWords,
      boost,
      miniSearch: (msOptions) => {
        const ms = new MiniSearch<IndexedFields>(msOptions);
        ms.addAll(units.map((u, id) => ({ id, title: u.title, text: u.text })));
        return ms;
      },
    });
  }

  /** Load a saved index; UserError when it is not one (or of another version). */
  static fromJSON(json: unknown, where = 'index.json'): SearchIndex {
    const j = json as Partial<SearchIndexJSON> | null;
    if (!j || j.format !== INDEX_FORMAT || !Array.isArray(j.units) || !Array.isArray(j.documents) || !j.index) {
      throw new UserError(`${where}: not a search index (ingest again to rebuild it)`);
    }
    if (j.version !== INDEX_VERSION) {
      throw new UserError(`${where}: search index version ${String(j.version)}, expected ${INDEX_VERSION} (ingest again)`);
    }
    const index = j.index;
    return new SearchIndex({
      documents: j.documents,
      units: j.units,
      userWords: j.userWords ?? [],
      boost: { ...DEFAULT_BOOST, ...j.boost },
      frequentTerms: j.frequentTerms ?? {},
      miniSearch: (msOptions) => MiniSearch.loadJS<IndexedFields>(index, msOptions),
    });
  }

  toJSON(): SearchIndexJSON {
    return {
      format: INDEX_FORMAT,
      version: INDEX_VERSION,
      userWords: this.userWords,
      boost: this.boost,
      frequentTerms: Object.fromEntries(this.frequentTerms),
      documents: this.documents,
      units: this.units,
      index: this.miniSearch.toJSON(),
    };
  }

  /** Number of indexed units. */
  get size(): number {
    return this.units.length;
  }

  /**
   * The department `name` means in each document (of `docIds`, default all). A document
   * where it is ambiguous is an error listing the candidates; one where it is unknown is
   * skipped; unknown everywhere is an error.
   */
  resolveDepartment(name: string, docIds?: string[]): Array<{ doc: string; name: string }> {
    const docs = docIds ? this.documents.filter((d) => docIds.includes(d.id)) : this.documents;
    const found: Array<{ doc: string; name: string }> = [];
    const ambiguous: string[] = [];
    for (const doc of docs) {
      const r = resolveDepartment(name, doc.departments.map(asDepartment));
      if (r.status === 'found') found.push({ doc: doc.id, name: r.department.name });
      else if (r.status === 'ambiguous') {
        const names = r.candidates.map((c) => c.name).join('、');
        ambiguous.push(docs.length > 1 ? `${names} (in ${doc.id})` : names);
      }
    }
    if (ambiguous.length > 0) {
      throw new UserError(`--dept: "${name}" is ambiguous: ${ambiguous.join('; ')} (give the full name)`);
    }
    if (found.length === 0) {
      const where = docs.length === 1 ? `document ${docs[0].id}` : `${docs.length} documents`;
      throw new UserError(`--dept: no department "${name}" in ${where} (see \`policy departments\`)`);
    }
    return found;
  }

  /**
   * Units that contain every query word and phrase (after normalisation), best first.
   * Dictionary words go through the index (BM25, title boosted); other words (single
   * characters, words jieba does not know, Latin and digits) and phrases are checked in
   * the candidates' text, or scanned for when the query has no dictionary word. When no
   * unit has every word, units with some of the dictionary words are returned instead.
   */
  search(query: string, options: SearchOptions = {}): SearchResult {
    const parsed = parseQuery(query, this.tokenizer);
    const limit = options.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1) throw new UserError(`--limit: must be a positive whole number, got ${String(limit)}`);
    const scope = this.scopeFilter(options);
    const terms = parsed.words.filter((w) => this.isIndexTerm(w));
    const rare = terms.filter((w) => !this.frequentTerms.has(w));
    // All common: look up the least common one only.
    const leastCommon = [...terms].sort((a, b) => (this.frequentTerms.get(a) ?? 0) - (this.frequentTerms.get(b) ?? 0)).slice(0, 1);
    const indexed = rare.length > 0 ? rare : leastCommon;
    const checked = [...parsed.words.filter((w) => !indexed.includes(w)), ...parsed.phrases];
    // A filter for MiniSearch, or none when nothing narrows the results (the common case).
    const acceptWith = (words: string[]) => {
      if (!scope.narrows && words.length === 0) return undefined;
      return (id: number) => scope.test(id) && (words.length === 0 || this.contains(id, words));
    };

    let matchedAll = true;
    let results: Array<{ id: number | string; score: number }>;
    if (indexed.length === 0) {
      results = this.scan(checked, scope.test);
    } else {
      results = this.run(indexed, 'AND', acceptWith(checked));
      if (results.length === 0 && parsed.words.length > 1) {
        results = this.run(terms, 'OR', acceptWith(parsed.phrases));
        matchedAll = false;
      } else if (parsed.words.length > 1) {
        results = this.rescore(results, parsed, terms.filter((w) => !indexed.includes(w)));
      }
    }
    const hits = results.slice(0, limit).map((r) => this.hit(r, parsed, options.snippet));
    return { query: parsed.raw, words: parsed.words, phrases: parsed.phrases, total: results.length, matchedAll, departments: scope.departments, hits };
  }

  /**
   * A word the index has as a term wherever it occurs: a dictionary word at build time
   * (user words added to the process dictionary since, e.g. by another index, are not).
   */
  private isIndexTerm(word: string): boolean {
    return this.tokenizer.inDictionary(word) && (!this.tokenizer.isUserWord(word) || this.userWordSet.has(word));
  }

  private normalizedText(id: number): string {
    let text = this.normalized[id];
    if (text === undefined) {
      const u = this.units[id];
      text = this.normalized[id] = u.simplified ?? normalizeForMatch(u.text);
    }
    return text;
  }

  /**
   * Multi-word queries: add the BM25 share of the common words that were checked rather than
   * looked up (tf saturation, no length normalisation), and favour units that have the query
   * as written (应急管理 over 应急 … 管理).
   */
  private rescore(
    results: Array<{ id: number | string; score: number }>,
    parsed: ParsedQuery,
    common: string[],
  ): Array<{ id: number | string; score: number }> {
    const n = this.units.length;
    const idf = common.map((w) => {
      const df = this.frequentTerms.get(w) ?? 1;
      return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    });
    const asWritten = normalizeText(parsed.raw).replace(/[\s"“”「」『』]/g, '');
    const rescored = results.map((r) => {
      const text = this.normalizedText(r.id as number);
      let score = r.score;
      common.forEach((w, i) => {
        const tf = countOf(text, w);
        score += (idf[i] * tf * 2.2) / (tf + 1.2);
      });
      if (text.includes(asWritten)) score *= 1.5;
      return { id: r.id, score };
    });
    return rescored.sort((a, b) => b.score - a.score);
  }

  private contains(id: number, words: string[]): boolean {
    const text = this.normalizedText(id);
    return words.every((w) => text.includes(w));
  }

  private run(words: string[], combineWith: 'AND' | 'OR', accept?: (id: number) => boolean): Array<{ id: number | string; score: number }> {
    return this.miniSearch.search({ combineWith, queries: words }, accept ? { filter: (r) => accept(r.id as number) } : {});
  }

  /**
   * Units in scope whose text has every word, for queries without a dictionary word:
   * scored by occurrences (at most 5 a word, ×3 in the title), shorter units first on ties.
   */
  private scan(words: string[], test: (id: number) => boolean): Array<{ id: number; score: number }> {
    const out: Array<{ id: number; score: number }> = [];
    for (let id = 0; id < this.units.length; id++) {
      if (!test(id)) continue;
      const text = this.normalizedText(id);
      if (!words.every((w) => text.includes(w))) continue;
      const title = normalizeForMatch(this.units[id].title);
      let score = 0;
      for (const w of words) score += Math.min(5, countOf(text, w)) * (title.includes(w) ? 3 : 1);
      out.push({ id, score: score / (1 + text.length / 500) });
    }
    return out.sort((a, b) => b.score - a.score);
  }

  private scopeFilter(options: SearchOptions): { test: (id: number) => boolean; narrows: boolean; departments: Array<{ doc: string; name: string }> } {
    const docIds = toList(options.doc);
    for (const id of docIds ?? []) {
      if (!this.documents.some((d) => d.id === id)) {
        const known = this.documents.map((d) => d.id);
        throw new UserError(`--doc: no document "${id}" in the index (have: ${known.slice(0, 5).join(', ')}${known.length > 5 ? ', …' : ''})`);
      }
    }
    const kinds = toList(options.kind);
    for (const k of kinds ?? []) {
      if (!UNIT_KINDS.includes(k)) throw new UserError(`--kind: unknown kind "${k}" (one of ${UNIT_KINDS.join(', ')})`);
    }
    if (options.role && options.role !== 'lead' && options.role !== 'responsible') {
      throw new UserError(`--role: must be lead or responsible, got "${String(options.role)}"`);
    }
    if (options.role && !options.dept) throw new UserError('--role: give --dept too (whose role?)');
    const departments = options.dept ? this.resolveDepartment(options.dept, docIds) : [];
    const deptOf = new Map(departments.map((d) => [d.doc, d.name]));
    const docSet = docIds ? new Set(docIds) : null;
    const kindSet = kinds ? new Set(kinds) : null;
    const role = options.role;
    const test = (id: number) => {
      const u = this.units[id];
      if (docSet && !docSet.has(u.doc)) return false;
      if (kindSet && !kindSet.has(u.kind)) return false;
      if (options.dept) {
        const name = deptOf.get(u.doc);
        if (name === undefined) return false;
        const lead = u.lead.includes(name);
        const resp = u.responsible.includes(name);
        if (role === 'lead' ? !lead : role === 'responsible' ? !resp : !lead && !resp) return false;
      }
      return true;
    };
    return { test, narrows: Boolean(docSet || kindSet || options.dept), departments };
  }

  private hit(r: { id: number | string; score: number }, parsed: ParsedQuery, snippetOptions?: SnippetOptions): SearchHit {
    const id = r.id as number;
    const u = this.units[id];
    const normalized = this.normalizedText(id);
    const marks = [...parsed.phrases, ...parsed.words];
    // Offsets must line up with the original: fall back when simplification changed lengths.
    const aligned = normalized.length === u.text.length ? normalized : normalizeForMatch(u.text);
    return {
      id: u.id,
      doc: u.doc,
      kind: u.kind,
      number: u.number,
      title: u.title,
      section: u.section,
      score: Math.round(r.score * 1000) / 1000,
      snippet: makeSnippet(u.text, aligned, marks, snippetOptions),
      lead: u.lead,
      responsible: u.responsible,
      line: u.line,
    };
  }
}

function countOf(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

function toList<T>(v: T | T[] | undefined): T[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v : [v];
}

/** Department names and aliases of all documents, for the tokenizer's dictionary. */
function departmentWords(docs: PolicyDocument[]): string[] {
  const words = new Set<string>();
  for (const doc of docs) for (const d of doc.departments) for (const n of [d.name, ...d.aliases]) words.add(n);
  return [...words].sort();
}
