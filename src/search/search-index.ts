import MiniSearch from 'minisearch';
import type { AsPlainObject, Query, SearchResult as MiniResult } from 'minisearch';
import { resolveDepartment } from '../model/departments.js';
import { UserError } from '../model/errors.js';
import { normalizeForMatch } from '../model/normalize.js';
import type { ParagraphKind, PolicyDocument, Role } from '../model/types.js';
import { parseQuery, type ParsedQuery } from './query.js';
import { makeSnippet, type Snippet, type SnippetOptions } from './snippet.js';
import { getTokenizer, type Tokenizer } from './tokenizer.js';
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
  documents: IndexedDocument[];
  units: StoredUnit[];
  index: AsPlainObject;
}

export interface BuildOptions {
  /** Field boosts. Default: title 2, text 1, section 0.5. */
  boost?: { title?: number; text?: number; section?: number };
}

const DEFAULT_BOOST = { title: 2, text: 1, section: 0.5 };
/** Weight of a word's parts (农业, 转移, 人口 for 农业转移人口) relative to the word itself. */
const PART_WEIGHT = 0.3;
const FIELDS = ['title', 'text', 'section'];

interface IndexedFields {
  id: number;
  title: string;
  text: string;
  section: string;
}

function miniSearchOptions(tokenizer: Tokenizer, boost: Required<NonNullable<BuildOptions['boost']>>) {
  return {
    fields: FIELDS,
    idField: 'id',
    // Normalisation runs before segmentation: jieba's dictionary is simplified Chinese.
    tokenize: (text: string) => tokenizer.tokens(text),
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
  private readonly tokenizer: Tokenizer;
  private readonly boost: Required<NonNullable<BuildOptions['boost']>>;
  private matchTexts: string[] | null = null;

  private constructor(parts: {
    documents: IndexedDocument[];
    units: StoredUnit[];
    userWords: string[];
    miniSearch: (options: ReturnType<typeof miniSearchOptions>) => MiniSearch<IndexedFields>;
    boost: Required<NonNullable<BuildOptions['boost']>>;
  }) {
    this.documents = parts.documents;
    this.units = parts.units;
    this.userWords = parts.userWords;
    this.boost = parts.boost;
    this.tokenizer = getTokenizer({ userWords: parts.userWords });
    this.miniSearch = parts.miniSearch(miniSearchOptions(this.tokenizer, parts.boost));
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
        ms.addAll(units.map((u, id) => ({ id, title: u.title, text: u.text, section: u.section })));
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
      boost: { ...DEFAULT_BOOST },
      miniSearch: (msOptions) => MiniSearch.loadJS<IndexedFields>(index, msOptions),
    });
  }

  toJSON(): SearchIndexJSON {
    return {
      format: INDEX_FORMAT,
      version: INDEX_VERSION,
      userWords: this.userWords,
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

  search(query: string, options: SearchOptions = {}): SearchResult {
    const parsed = parseQuery(query, this.tokenizer);
    const limit = options.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1) throw new UserError(`--limit: must be a positive whole number, got ${String(limit)}`);
    const inScope = this.scopeFilter(options);
    const departments = inScope.departments;

    const withPhrases = parsed.phrases.length > 0 ? this.phraseMatches(parsed.phrases, inScope.test) : null;
    const accept = withPhrases ? (id: number) => withPhrases.has(id) : inScope.test;
    let matchedAll = true;
    let results = this.run(parsed, 'AND', accept);
    if (results.length === 0 && parsed.words.length > 1) {
      results = this.run(parsed, 'OR', accept);
      matchedAll = false;
    }
    // Units that have the phrase verbatim though segmentation split it otherwise.
    if (withPhrases) {
      const seen = new Set(results.map((r) => r.id as number));
      for (const id of withPhrases) {
        if (!seen.has(id)) results.push({ id, score: 0, terms: [], queryTerms: [], match: {} });
      }
    }

    const hits = results.slice(0, limit).map((r) => this.hit(r, parsed, options.snippet));
    return { query: parsed.raw, words: parsed.words, phrases: parsed.phrases, total: results.length, matchedAll, departments, hits };
  }

  /** The ids of the units in scope that contain every phrase verbatim (after normalisation). */
  private phraseMatches(phrases: string[], test: (id: number) => boolean): Set<number> {
    const texts = this.getMatchTexts();
    const ids = new Set<number>();
    for (let id = 0; id < texts.length; id++) {
      if (test(id) && phrases.every((p) => texts[id].includes(p))) ids.add(id);
    }
    return ids;
  }

  private getMatchTexts(): string[] {
    this.matchTexts ??= this.units.map((u) => u.simplified ?? normalizeForMatch(u.text));
    return this.matchTexts;
  }

  private run(parsed: ParsedQuery, combineWith: 'AND' | 'OR', accept: (id: number) => boolean): MiniResult[] {
    const whole = new Set(parsed.words);
    // One sub-query per word: the word itself, or all of its dictionary parts (农业 转移
    // 人口 for 农业转移人口: the text may segment it otherwise, or split it up).
    // A single character next to longer words is not required: inside a longer word of the
    // text (城镇化率 in 常住人口城镇化率) search mode does not emit it on its own.
    const longer = parsed.words.filter((w) => w.length > 1);
    const required = longer.length > 0 ? longer : parsed.words;
    const queries: Query[] = required.map((w) => {
      const parts = this.partsOf(w);
      if (parts.length === 0) return { combineWith: 'OR', queries: [w] };
      return { combineWith: 'OR', queries: [w, { combineWith: 'AND', queries: [parts.join(' ')] }] };
    });
    return this.miniSearch.search(
      { combineWith, queries },
      {
        boostTerm: (term) => (whole.has(term) ? 1 : PART_WEIGHT),
        filter: (r) => accept(r.id as number),
      },
    );
  }

  /**
   * The dictionary words inside a word, when together they cover every character of it
   * (宅基 + 基地 for 宅基地); none otherwise (城镇 alone must not stand for 城镇化).
   */
  private partsOf(word: string): string[] {
    const parts = [...new Set(this.tokenizer.tokens(word))].filter((t) => t !== word && word.includes(t));
    const covered = new Uint8Array(word.length);
    for (const p of parts) for (let i = word.indexOf(p); i >= 0; i = word.indexOf(p, i + 1)) covered.fill(1, i, i + p.length);
    return covered.every((c) => c === 1) ? parts : [];
  }

  private scopeFilter(options: SearchOptions): { test: (id: number) => boolean; departments: Array<{ doc: string; name: string }> } {
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
    return { test, departments };
  }

  private hit(r: MiniResult, parsed: ParsedQuery, snippetOptions?: SnippetOptions): SearchHit {
    const id = r.id as number;
    const u = this.units[id];
    const normalized = this.getMatchTexts()[id];
    // Mark whole words and phrases; a word's parts only where the word itself is absent.
    const marks = [...parsed.phrases];
    for (const w of parsed.words) {
      if (normalized.includes(w)) marks.push(w);
      else marks.push(...this.partsOf(w).filter((t) => r.terms.includes(t)));
    }
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
