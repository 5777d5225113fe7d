import MiniSearch from 'minisearch';
import type { AsPlainObject } from 'minisearch';
import { UserError } from '../model/errors.js';
import { resolveUnits } from '../select/departments.js';
import { matchDocumentId } from '../select/document-ids.js';
import { InvalidOption, InvalidRole } from '../select/errors.js';
import { isRole, roleOf } from '../select/roles.js';
import { normalizeForMatch } from '../model/normalize.js';
import { displayForm } from '../model/figures.js';
import type { PolicyDocument, Role } from '../model/types.js';
import { FrequentPostings, type FrequentPostingsJSON, type FrequentPostingsOptions } from './postings.js';
import { parseQuery, type ParsedQuery } from './query.js';
import { makeSnippet, wholeNumber, type Snippet, type SnippetOptions } from './snippet.js';
import { getTokenizer, normalizeText, type Tokenizer } from './tokenizer.js';
import { UnitNames, unitWords } from './unit-names.js';
import { documentUnits, openingWords, searchDepartments, type SearchDepartment, type SearchUnit, type UnitKind } from './units.js';

export const INDEX_FORMAT = 'policy-search-index';
// 2: units carry `heading`; 3: and `label`; 4: no topic words from inside unit names, unit words are user words;
// 9: units of a paged source carry `page`; 5: task units carry `deadline`; 7: web-page clutter is kind `web`, outside the term index;
// 8: indicator rows give figures as every output shows them (≤5.5, 累计 15)
export const INDEX_VERSION = 9;

export const UNIT_KINDS: readonly UnitKind[] = [
  'task',
  'principle',
  'goal',
  'guidance',
  'measure',
  'indicator',
  'box',
  'header',
  'paragraph',
  'web',
];

export interface SearchOptions {
  /** A department as people write it (交通局, 住建委, 县发展改革委); resolved in each document. */
  dept?: string;
  /** With `dept`: only units it leads (`lead`) or supports (`responsible`). Default: either. */
  role?: Role;
  /** Only units of these kinds. Default: all but `web` (a web page's clutter is found only when asked for). */
  kind?: UnitKind | UnitKind[];
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
  kind: UnitKind;
  number: string | null;
  /** A task's label as written: （二）, 12. (absent for other kinds). */
  label?: string;
  title: string;
  section: string;
  score: number;
  snippet: Snippet;
  lead: string[];
  responsible: string[];
  /** A task's deadline (完成时限) as written (absent when it has none). */
  deadline?: string;
  line: number;
  /** Page (1-based) of a paged source (PDF, OFD). */
  page?: number;
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
  /** With no hit: index terms one character from the query that have hits (宅几地 → 宅基地). */
  suggestions: string[];
  /** The department each document's `dept` resolved to. */
  departments: Array<{ doc: string; name: string }>;
  /** The `doc` option's ids as resolved (a prefix → the whole id); undefined without it. */
  docs?: string[];
  /** How many documents all matching units (before `limit`) come from. */
  documents: number;
  /**
   * With no hit that has every word, and no `kind` asked for: how many lines of web-page clutter
   * (kind `web`, left out by default) have them all; 0 otherwise.
   */
  web: number;
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
  documents: IndexedDocument[];
  units: StoredUnit[];
  /** The MiniSearch index. */
  index: AsPlainObject;
  /** Postings of the most frequent terms (see postings.ts). */
  frequent: FrequentPostingsJSON;
}

export interface BuildOptions {
  /** Field boosts. Default: title 2, text 1. */
  boost?: { title?: number; text?: number };
  /** Which terms get compact postings. Default: in more than 2 % of the units and more than 1,000. */
  frequent?: FrequentPostingsOptions;
}

const DEFAULT_BOOST = { title: 2, text: 1 };
const FIELDS = ['title', 'text'] as const;
/** Joins the tokens of a field: segmentation runs before MiniSearch (see `build`). */
const SEP = '\u0001';
/** Multi-word queries re-rank this many of the best matches by the query as written. */
const RERANK = 200;
/** A word that starts or ends with a digit: its number must match whole (see wholeNumber). */
const EDGE_DIGIT = /^\d|\d$/;
/** Score factor of a bare heading: below any clause with the query's words. */
const HEADING_WEIGHT = 1e-3;
/** Score factor of web-page clutter, when asked for: below the document's own text, headings too. */
const WEB_WEIGHT = 1e-6;
/** At most this many "did you mean" suggestions. */
const SUGGESTIONS = 3;

interface IndexedFields {
  id: number;
  title: string;
  text: string;
}

type Boost = Required<NonNullable<BuildOptions['boost']>>;

function miniSearchOptions(boost: Boost) {
  return {
    fields: [...FIELDS],
    idField: 'id',
    // Fields arrive tokenised (see `build`); split them back.
    tokenize: (text: string) => (text === '' ? [] : text.split(SEP)),
    processTerm: (term: string) => term,
    searchOptions: {
      boost,
      // Queries reach MiniSearch already segmented: one term per space-separated item.
      tokenize: (query: string) => query.split(' '),
      processTerm: (term: string) => term,
    },
  };
}

interface Matches {
  ids: ArrayLike<number>;
  scores: ArrayLike<number>;
}

/**
 * ≦ ≧ in a query's phrases and words as ≤ ≥, as unit texts are matched (one character for
 * one, so offsets hold): "≦5.5" finds the row that shows ≤5.5.
 */
function foldComparators(parsed: ParsedQuery): ParsedQuery {
  return { ...parsed, words: parsed.words.map(displayForm), phrases: parsed.phrases.map(displayForm), loose: parsed.loose.map(displayForm) };
}

/**
 * Clause search over ingested documents: a MiniSearch index of tasks, paragraphs and
 * indicator rows, tokenised by the shared jieba tokenizer, with compact postings for the most
 * frequent terms. Build it from documents (`SearchIndex.build`), save it with `toJSON`, load
 * it with `fromJSON`; searching a loaded index never touches the documents.
 */
export class SearchIndex {
  readonly documents: IndexedDocument[];
  private readonly units: StoredUnit[];
  private readonly miniSearch: MiniSearch<IndexedFields>;
  private readonly frequent: FrequentPostings;
  private readonly userWords: string[];
  private readonly userWordSet: Set<string>;
  private readonly tokenizer: Tokenizer;
  private readonly boost: Boost;
  /** Normalised unit texts, filled on demand. */
  private readonly normalized: string[] = [];
  /** MiniSearch's plain form, from building. */
  private plain: AsPlainObject | null = null;
  /** Each document's unit names, made on demand. */
  private readonly unitNames = new Map<string, UnitNames>();
  /** Where unit names are in each normalised unit text, filled on demand. */
  private readonly spans: Array<Array<[number, number]>> = [];
  /** Ids of the units of kind `web`. */
  private readonly webIds: number[] = [];

  private constructor(parts: {
    documents: IndexedDocument[];
    units: StoredUnit[];
    userWords: string[];
    boost: Boost;
    miniSearch: MiniSearch<IndexedFields>;
    frequent: FrequentPostings;
    tokenizer: Tokenizer;
  }) {
    this.documents = parts.documents;
    this.units = parts.units;
    this.userWords = parts.userWords;
    this.userWordSet = new Set(parts.userWords.map(normalizeText));
    this.boost = parts.boost;
    this.miniSearch = parts.miniSearch;
    this.frequent = parts.frequent;
    this.tokenizer = parts.tokenizer;
    this.units.forEach((u, id) => u.kind === 'web' && this.webIds.push(id));
  }

  /**
   * Index the documents (department names and aliases join the tokenizer's dictionary).
   * Index terms are every dictionary word of a unit, overlaps included (jieba full mode:
   * 农业转移人口 also gives 农业, 转移, 人口 …), so a query word that is a dictionary word finds
   * every unit that contains it.
   */
  static build(docs: PolicyDocument[], options: BuildOptions = {}): SearchIndex {
    const boost = { ...DEFAULT_BOOST, ...options.boost };
    const userWords = departmentWords(docs);
    const tokenizer = getTokenizer({ userWords });
    const names = new Map(docs.map((d) => [d.id, new UnitNames(searchDepartments(d), tokenizer.normalize)]));
    const units: StoredUnit[] = docs.flatMap(documentUnits).map((u) => {
      const simplified = tokenizer.normalize(u.text);
      return simplified === normalizeForMatch(u.text) ? u : { ...u, simplified };
    });
    const allWords = (text: string) => tokenizer.allWords(text);
    const terms = (u: StoredUnit, normalized: string) => names.get(u.doc)!.terms(normalized, allWords).join(SEP);
    const miniSearch = new MiniSearch<IndexedFields>(miniSearchOptions(boost));
    // Web-page clutter is no part of the term index (nor of its statistics): scanned when asked for.
    miniSearch.addAll(
      units.flatMap((u, id) => (u.kind === 'web' ? [] : [{ id, title: terms(u, tokenizer.normalize(u.title)), text: terms(u, u.simplified ?? normalizeForMatch(u.text)) }])),
    );
    const plain = miniSearch.toJSON();
    const frequent = FrequentPostings.fromMiniSearch(plain, boost, options.frequent);
    const index = new SearchIndex({
      documents: docs.map((d) => ({ id: d.id, title: d.title, departments: searchDepartments(d) })),
      units,
      userWords,
      boost,
      miniSearch,
      frequent,
      tokenizer,
    });
    index.plain = plain; // saved as is by the first toJSON (the index never changes)
    return index;
  }

  /** Load a saved index; UserError when it is not one (or of another version). */
  static fromJSON(json: unknown, where = 'index.json'): SearchIndex {
    const j = json as Partial<SearchIndexJSON> | null;
    if (!j || j.format !== INDEX_FORMAT || !Array.isArray(j.units) || !Array.isArray(j.documents) || !j.index || !j.frequent) {
      throw new UserError(`${where}: not a search index (ingest again to rebuild it)`);
    }
    if (j.version !== INDEX_VERSION) {
      throw new UserError(`${where}: search index version ${String(j.version)}, expected ${INDEX_VERSION} (ingest again)`);
    }
    const boost = { ...DEFAULT_BOOST, ...j.boost };
    const userWords = j.userWords ?? [];
    return new SearchIndex({
      documents: j.documents,
      units: j.units,
      userWords,
      boost,
      miniSearch: MiniSearch.loadJS<IndexedFields>(j.index, miniSearchOptions(boost)),
      frequent: FrequentPostings.fromJSON(j.frequent),
      tokenizer: getTokenizer({ userWords }),
    });
  }

  toJSON(): SearchIndexJSON {
    return {
      format: INDEX_FORMAT,
      version: INDEX_VERSION,
      userWords: this.userWords,
      boost: this.boost,
      documents: this.documents,
      units: this.units,
      index: this.plain ?? this.miniSearch.toJSON(),
      frequent: this.frequent.toJSON(),
    };
  }

  /** Number of indexed units. */
  get size(): number {
    return this.units.length;
  }

  /**
   * The units `name` means in each document (of `docIds`, default all), as select/departments.ts
   * resolves it: with the units carrying its name under a second name, and a township family's
   * members. A document where it is unknown is skipped; typed errors (EmptyDepartment,
   * AmbiguousDepartment with each candidate's task count, UnknownDepartment) otherwise.
   */
  resolveDepartment(name: string, docIds?: string[]): Array<{ doc: string; name: string }> {
    const docs = docIds ? this.documents.filter((d) => docIds.includes(d.id)) : this.documents;
    const found = resolveUnits(name, docs, undefined, (doc, d) => this.taskCount(doc, d.name));
    return found.flatMap((f) => f.units.map((u) => ({ doc: f.doc, name: u.name })));
  }

  /** How many tasks of a document a unit leads and is responsible for (for a reader choosing among candidates). */
  private taskCount(doc: string, name: string): { lead: number; responsible: number } {
    let lead = 0;
    let responsible = 0;
    for (const u of this.units) {
      if (u.doc !== doc || u.kind !== 'task') continue;
      const held = roleOf(u, [{ name }]);
      if (held?.role === 'lead') lead++;
      else if (held) responsible++;
    }
    return { lead, responsible };
  }

  /**
   * Units that contain every query word and phrase (after normalisation), best first.
   * Dictionary words are looked up: rare ones in MiniSearch (BM25, title boosted), frequent
   * ones in the compact postings. Other words (single characters, words jieba does not know,
   * Latin and digits) and phrases are checked in the candidates' text, or scanned for when
   * the query has no dictionary word. When no unit has every word, units with some of the
   * dictionary words are returned instead (`matchedAll: false`).
   */
  search(query: string, options: SearchOptions = {}): SearchResult {
    return this.run(query, options, true);
  }

  private run(query: string, options: SearchOptions, suggest: boolean): SearchResult {
    const parsed = foldComparators(parseQuery(query, this.tokenizer));
    const limit = options.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1) throw new InvalidOption('limit', String(limit), 'must be a positive whole number');
    const scope = this.scopeFilter(options);
    const terms = parsed.words.filter((w) => this.isIndexTerm(w));
    // a term that starts or ends with a digit is checked too: its number must be whole there
    const checked = [...parsed.words.filter((w) => !terms.includes(w) || EDGE_DIGIT.test(w)), ...parsed.phrases];
    // A filter, or none when nothing narrows the results (the common case).
    const acceptWith = (words: string[]) => {
      if (!scope.narrows && words.length === 0) return undefined;
      return (id: number) => scope.test(id) && (words.length === 0 || this.contains(id, words));
    };

    let matchedAll = true;
    let found: Matches;
    if (terms.length === 0) {
      found = this.scan(checked, scope.test);
    } else {
      found = this.lookup(terms, 'AND', acceptWith(checked));
      if (found.ids.length === 0 && parsed.words.length > 1) {
        found = this.lookup(terms, 'OR', acceptWith(parsed.phrases));
        matchedAll = false;
      }
    }
    const every = [...parsed.words, ...parsed.phrases];
    if (scope.web) found = this.withWeb(found, every, scope.test);
    // Say so when the words are all together only in a web page's clutter, left out by default.
    const web = (found.ids.length === 0 || !matchedAll) && options.kind === undefined ? this.scanWeb(every, (id) => scope.test(id, true)).ids.length : 0;
    const top = this.best(found, limit, parsed);
    const hits = top.map((r) => this.hit(r, parsed, options.snippet));
    // a word the page's clutter has is no typo
    const suggestions = suggest && found.ids.length === 0 && web === 0 ? this.suggest(parsed, options) : [];
    const docsFound = new Set<string>();
    for (let i = 0; i < found.ids.length; i++) docsFound.add(this.units[found.ids[i]].doc);
    const documents = docsFound.size;
    return { query: parsed.raw, words: parsed.words, phrases: parsed.phrases, total: found.ids.length, matchedAll, departments: scope.departments, docs: scope.docs, documents, web, hits, suggestions };
  }

  /** The web units in scope with every word, scored as `scan` scores, scaled below any other unit. */
  private scanWeb(words: string[], test: (id: number) => boolean): Matches {
    const ids: number[] = [];
    const scores: number[] = [];
    for (const id of this.webIds) {
      if (!test(id) || !this.contains(id, words)) continue;
      const text = this.normalizedText(id);
      let score = 0;
      for (const w of words) score += Math.min(5, countOf(text, w));
      ids.push(id);
      scores.push((score / (1 + text.length / 500)) * WEB_WEIGHT);
    }
    return { ids, scores };
  }

  /** `found` with the web units in scope that have every word (a scan may have found some already). */
  private withWeb(found: Matches, words: string[], test: (id: number) => boolean): Matches {
    const web = this.scanWeb(words, test);
    if (web.ids.length === 0) return found;
    const ids: number[] = [];
    const scores: number[] = [];
    for (let i = 0; i < found.ids.length; i++) {
      if (this.units[found.ids[i]].kind === 'web') continue;
      ids.push(found.ids[i]);
      scores.push(found.scores[i]);
    }
    return { ids: ids.concat(Array.from(web.ids)), scores: scores.concat(Array.from(web.scores)) };
  }

  /**
   * Index terms as long as a one-word query that differ from it in one character and have
   * hits with the same filters, in the most units first (MiniSearch's fuzzy lookup walks its
   * term tree; only a query without hits pays for it).
   */
  private suggest(parsed: ParsedQuery, options: SearchOptions): string[] {
    const q = normalizeText(parsed.raw);
    if (parsed.phrases.length > 0 || /\s/.test(q) || q.length < 2) return [];
    // A word that has hits, only not under these filters, is no typo.
    const filtered = options.dept !== undefined || options.kind !== undefined || options.doc !== undefined;
    if (filtered && this.run(parsed.raw, { limit: 1 }, false).total > 0) return [];
    const units = new Map<string, number>();
    for (const r of this.miniSearch.search(q, { fuzzy: 1, prefix: false })) {
      for (const t of r.terms) if (oneCharApart(t, q)) units.set(t, (units.get(t) ?? 0) + 1);
    }
    const ranked = [...units].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
    const out: string[] = [];
    for (const t of ranked) {
      if (out.length >= SUGGESTIONS) break;
      if (this.run(t, { ...options, limit: 1 }, false).total > 0) out.push(t);
    }
    return out;
  }

  /** Units with all (AND) or any (OR) of the terms, with BM25 scores, unsorted. */
  private lookup(terms: string[], combine: 'AND' | 'OR', accept?: (id: number) => boolean): Matches {
    const common = terms.filter((t) => this.frequent.has(t));
    const rare = terms.filter((t) => !this.frequent.has(t));
    if (rare.length === 0) return this.frequent.match(common, combine, accept);

    // Rare terms through MiniSearch; a frequent term is a membership test and a weight.
    const inCommon = (id: number) => common.every((t) => this.frequent.weight(t, id) > 0);
    const filter = combine === 'AND' && common.length > 0 ? (id: number) => inCommon(id) && (!accept || accept(id)) : accept;
    const results = this.miniSearch.search({ combineWith: combine, queries: rare }, filter ? { filter: (r) => filter(r.id as number) } : {});
    // MiniSearch multiplies a unit's BM25 sum by the number of query terms it has; so here.
    const scores = new Map<number, number>();
    for (const r of results) {
      const matched = Math.max(1, r.queryTerms.length);
      let sum = r.score / matched;
      let count = r.queryTerms.length;
      for (const t of common) {
        const w = this.frequent.weight(t, r.id as number);
        if (w > 0) {
          sum += w;
          count++;
        }
      }
      scores.set(r.id as number, sum * count);
    }
    if (combine === 'OR' && common.length > 0) {
      const more = this.frequent.match(common, 'OR', accept);
      for (let i = 0; i < more.ids.length; i++) if (!scores.has(more.ids[i])) scores.set(more.ids[i], more.scores[i]);
    }
    return { ids: [...scores.keys()], scores: [...scores.values()] };
  }

  /**
   * The best `limit` matches, in order. A multi-word query re-ranks the best RERANK by the
   * query as written: 应急管理 ahead of a clause with 应急 … 管理 apart.
   */
  private best(found: Matches, limit: number, parsed: ParsedQuery): Array<{ id: number; score: number }> {
    const rerank = parsed.words.length > 1;
    const k = rerank ? Math.max(limit, RERANK) : limit;
    let top = topK(found, k);
    // Only when a bare heading made the top: scale headings down and choose again (a pass
    // over every match costs ~0.1 ms for the 14,000 of 交通 at 1,000 documents).
    if (top.some((r) => this.units[r.id].heading)) top = topK(this.headingsLast(found), k);
    if (!rerank) return top;
    const asWritten = displayForm(normalizeText(parsed.raw)).replace(/[\s"“”「」『』]/g, '');
    for (const r of top) if (this.has(r.id, asWritten)) r.score *= 1.5;
    return top.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, limit);
  }

  /**
   * Bare headings (一、压实养护管理责任) after every clause: their BM25 is high only because
   * they are short. Scaled rather than dropped, so a word found in a heading alone is found.
   */
  private headingsLast(found: Matches): Matches {
    let scores: number[] | null = null;
    for (let i = 0; i < found.ids.length; i++) {
      if (!this.units[found.ids[i]].heading) continue;
      scores ??= Array.from(found.scores);
      scores[i] *= HEADING_WEIGHT;
    }
    return scores ? { ids: found.ids, scores } : found;
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
      // ≦ as ≤ on both sides: indicator rows show ≤, a query or a paragraph may have ≦
      text = this.normalized[id] = displayForm(u.simplified ?? normalizeForMatch(u.text));
    }
    return text;
  }

  private namesOf(doc: string): UnitNames {
    let names = this.unitNames.get(doc);
    if (!names) {
      const d = this.documents.find((x) => x.id === doc);
      names = new UnitNames(d?.departments ?? [], this.tokenizer.normalize);
      this.unitNames.set(doc, names);
    }
    return names;
  }

  private spansOf(id: number): Array<[number, number]> {
    let spans = this.spans[id];
    if (spans === undefined) spans = this.spans[id] = this.namesOf(this.units[id].doc).spans(this.normalizedText(id));
    return spans;
  }

  /**
   * True when the unit has `word` somewhere other than inside a unit name (see unit-names.ts),
   * and a number in it whole (5% not in 95%).
   */
  private has(id: number, word: string): boolean {
    const text = this.normalizedText(id);
    if (!text.includes(word)) return false;
    const names = this.namesOf(this.units[id].doc);
    if (!EDGE_DIGIT.test(word)) return names.has(text, this.spansOf(id), word);
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      if (wholeNumber(text, i, i + word.length) && names.counts(this.spansOf(id), i, i + word.length, word)) return true;
    }
    return false;
  }

  private contains(id: number, words: string[]): boolean {
    return words.every((w) => this.has(id, w));
  }

  /**
   * Units in scope whose text has every word, for queries without a dictionary word:
   * scored by occurrences (at most 5 a word, ×3 in the title), shorter units first on ties.
   */
  private scan(words: string[], test: (id: number) => boolean): Matches {
    const ids: number[] = [];
    const scores: number[] = [];
    for (let id = 0; id < this.units.length; id++) {
      if (!test(id)) continue;
      if (!this.contains(id, words)) continue;
      const text = this.normalizedText(id);
      const title = normalizeForMatch(this.units[id].title);
      let score = 0;
      for (const w of words) score += Math.min(5, countOf(text, w)) * (title.includes(w) ? 3 : 1);
      ids.push(id);
      scores.push(score / (1 + text.length / 500));
    }
    return { ids, scores };
  }

  /**
   * The filters of a search as a test on unit ids. Web-page clutter passes only when `kind` asks
   * for it (or `withWeb` is set: to count what the default left out).
   */
  private scopeFilter(options: SearchOptions): {
    test: (id: number, withWeb?: boolean) => boolean;
    narrows: boolean;
    web: boolean;
    departments: Array<{ doc: string; name: string }>;
    docs?: string[];
  } {
    // an id, or the unique prefix of one, as the other commands take it (select/document-ids.ts)
    const known = this.documents.map((d) => d.id);
    const docIds = toList(options.doc)?.map((id) => matchDocumentId(known, id, 'search index'));
    const kinds = toList(options.kind);
    for (const k of kinds ?? []) {
      if (!UNIT_KINDS.includes(k)) throw new InvalidOption('kind', String(k), `unknown kind (one of ${UNIT_KINDS.join(', ')})`);
    }
    if (options.role !== undefined && !isRole(options.role)) throw new InvalidRole(String(options.role), 'unknown');
    if (options.role && options.dept === undefined) throw new InvalidRole(options.role, 'no-department');
    const departments = options.dept !== undefined ? this.resolveDepartment(options.dept, docIds) : [];
    // every unit the name means in a document (a unit, its carriers, a family's members)
    const unitsOf = new Map<string, Array<{ name: string }>>();
    for (const d of departments) unitsOf.set(d.doc, [...(unitsOf.get(d.doc) ?? []), { name: d.name }]);
    const docSet = docIds ? new Set(docIds) : null;
    const kindSet = kinds ? new Set(kinds) : null;
    const role = options.role;
    const web = kindSet?.has('web') ?? false;
    const test = (id: number, withWeb = false) => {
      const u = this.units[id];
      if (docSet && !docSet.has(u.doc)) return false;
      if (kindSet ? !kindSet.has(u.kind) : u.kind === 'web' && !withWeb) return false;
      if (options.dept) {
        const units = unitsOf.get(u.doc);
        if (units === undefined) return false;
        const held = roleOf(u, units);
        if (held === null || (role !== undefined && held.role !== role)) return false;
      }
      return true;
    };
    return { test, narrows: Boolean(docSet || kindSet || options.dept), web, departments, docs: docIds };
  }

  private hit(r: { id: number; score: number }, parsed: ParsedQuery, snippetOptions?: SnippetOptions): SearchHit {
    const id = r.id;
    const u = this.units[id];
    const normalized = this.normalizedText(id);
    // A phrase is marked whole, its parts alone are not (小区 in "老旧小区" is no match).
    const marks = [...parsed.phrases, ...parsed.loose];
    // Offsets must line up with the original: fall back when simplification changed lengths.
    const aligned = normalized.length === u.text.length ? normalized : displayForm(normalizeForMatch(u.text));
    const names = this.namesOf(u.doc);
    const spans = aligned === normalized ? this.spansOf(id) : names.spans(aligned);
    // Single characters of a longer query (级 of ５Ａ級) only where they touch its other words.
    const joinOnly = new Set(marks.some((w) => w.length > 1) ? marks.filter((w) => w.length === 1) : []);
    const rules = { counts: (s: number, e: number, w: string) => wholeNumber(aligned, s, e) && names.counts(spans, s, e, w), joinOnly };
    return {
      id: u.id,
      doc: u.doc,
      kind: u.kind,
      number: u.number,
      ...(u.label ? { label: u.label } : {}),
      title: u.title || openingWords(u.text),
      section: u.section,
      score: Math.round(r.score * 1000) / 1000,
      snippet: makeSnippet(u.text, aligned, marks, snippetOptions, rules),
      lead: u.lead,
      responsible: u.responsible,
      ...(u.deadline ? { deadline: u.deadline } : {}),
      line: u.line,
      ...(u.page ? { page: u.page } : {}),
    };
  }
}

/** The k best matches, best first (ties by unit order), without sorting them all. */
function topK(found: Matches, k: number): Array<{ id: number; score: number }> {
  const n = found.ids.length;
  const all = (): Array<{ id: number; score: number }> => {
    const out: Array<{ id: number; score: number }> = [];
    for (let i = 0; i < n; i++) out.push({ id: found.ids[i], score: found.scores[i] });
    return out;
  };
  if (n <= k * 4) return all().sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
  // The k-th best score, from a sorted copy of the scores (a native numeric sort).
  const sorted = Float64Array.from(found.scores).sort();
  const cut = sorted[n - k];
  const out: Array<{ id: number; score: number }> = [];
  for (let i = 0; i < n; i++) if (found.scores[i] >= cut) out.push({ id: found.ids[i], score: found.scores[i] });
  return out.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
}

/** Same length, one character different. */
function oneCharApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length && diff < 2; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
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

/** Unit words of all documents (names, aliases, without level prefix …), for the tokenizer's dictionary. */
function departmentWords(docs: PolicyDocument[]): string[] {
  const words = new Set<string>();
  for (const doc of docs) for (const w of unitWords(searchDepartments(doc))) words.add(w);
  return [...words].sort();
}
