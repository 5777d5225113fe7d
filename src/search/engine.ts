import { displayForm } from '../model/figures.js';
import { normalizeForMatch } from '../model/normalize.js';
import type { Role } from '../model/types.js';
import { resolveAcross, type UnitDirectory, unitDirectory } from '../select/across.js';
import { matchDocumentId } from '../select/document-ids.js';
import { InvalidOption, InvalidRole } from '../select/errors.js';
import { isRole, roleOf } from '../select/roles.js';
import { type ParsedQuery, parseQuery } from './query.js';
import { makeSnippet, type Snippet, type SnippetOptions, wholeNumber } from './snippet.js';
import { Thesaurus } from './thesaurus.js';
import { normalizeText, type Tokenizer } from './tokenizer.js';
import { UnitNames } from './unit-names.js';
import { openingWords, type SearchDepartment, type SearchUnit, type UnitKind } from './units.js';

/**
 * The search itself, whatever holds the postings: query parsing, the tokenizer's rules for
 * index terms, unit names, whole numbers, phrases, filters, ranking rules and snippets live
 * here once. An engine (MiniSearch in memory: search-index.ts; SQLite FTS5: sqlite.ts;
 * PostgreSQL: postgres.ts) says where units and postings are and how candidates are found
 * and scored.
 */

export const UNIT_KINDS: readonly UnitKind[] = ['task', 'principle', 'goal', 'guidance', 'measure', 'indicator', 'box', 'header', 'paragraph', 'web'];

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
  /**
   * Expand query words by the thesaurus (公租房 also finds 公共租赁住房). Default true; false
   * searches the words as typed only.
   */
  synonyms?: boolean;
  /** The thesaurus for this search. Default: the engine's (`thesaurus`: the bundled one, with a data folder's). */
  thesaurus?: Thesaurus;
}

/** A query word the thesaurus expanded, and what it added. */
export interface Expansion {
  /** The word (or quoted phrase) as searched, normalised. */
  word: string;
  /** The other words of its groups, each also searched for. */
  synonyms: string[];
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
  /** The query words the thesaurus expanded (empty when none did, or with `synonyms: false`). */
  synonyms: Expansion[];
  hits: SearchHit[];
}

export interface IndexedDocument {
  id: string;
  title: string | null;
  departments: SearchDepartment[];
}

export interface StoredUnit extends SearchUnit {
  /** The text after traditional → simplified, kept only where that changed it. */
  simplified?: string;
}

/**
 * Index terms that must all be in a unit: a query word, or one of its synonyms (several terms
 * when jieba cuts a synonym in parts: its text is then checked too). `weight` scales its score
 * (a synonym ranks below the word as typed).
 */
export interface Alternative {
  terms: string[];
  weight: number;
}

/** A query word as the engines look it up: a unit has it when it has any alternative (OR). */
export type TermGroup = Alternative[];

/** The terms of groups that are each one term of weight 1 (a query without synonyms), or null. */
export function plainTerms(groups: TermGroup[]): string[] | null {
  const out: string[] = [];
  for (const g of groups) {
    if (g.length !== 1 || g[0].terms.length !== 1 || g[0].weight !== 1) return null;
    out.push(g[0].terms[0]);
  }
  return out;
}

/** Every term of the groups, once. */
export function allTerms(groups: TermGroup[]): string[] {
  return [...new Set(groups.flatMap((g) => g.flatMap((a) => a.terms)))];
}

/**
 * The groups as a boolean full-text expression (`term` quotes a term; `and`, `or` the
 * operators): a group of one term is the term, as before synonyms; else (a OR (b AND c)).
 */
export function groupsExpression(groups: TermGroup[], combine: 'AND' | 'OR', term: (t: string) => string, and: string, or: string): string {
  return groups
    .map((g) => {
      if (g.length === 1 && g[0].terms.length === 1) return term(g[0].terms[0]);
      return `(${g.map((a) => (a.terms.length === 1 ? term(a.terms[0]) : `(${a.terms.map(term).join(and)})`)).join(or)})`;
    })
    .join(combine === 'AND' ? and : or);
}

/** Groups of one term each. */
export function termGroups(terms: string[]): TermGroup[] {
  return terms.map((t) => [{ terms: [t], weight: 1 }]);
}

/**
 * A unit's score over the groups, the rule every engine follows (MiniSearch's with OR inside a
 * group): each group counts its best alternative (its weight × the sum of its terms' BM25), the
 * sum is multiplied by the number of groups the unit has. `weight(term)` is 0 when the unit
 * lacks the term. Without synonyms it is the plain sum × terms matched.
 */
export function groupScore(groups: TermGroup[], weight: (term: string) => number): number {
  let sum = 0;
  let matched = 0;
  for (const g of groups) {
    let best = 0;
    for (const a of g) {
      let s = 0;
      let all = true;
      for (const t of a.terms) {
        const w = weight(t);
        if (w <= 0) {
          all = false;
          break;
        }
        s += w;
      }
      if (all && s * a.weight > best) best = s * a.weight;
    }
    if (best > 0) {
      sum += best;
      matched++;
    }
  }
  return sum * matched;
}

/** What the filters look at of a unit. */
export type UnitFacts = Pick<StoredUnit, 'kind' | 'doc' | 'lead' | 'responsible'>;

/**
 * What a scan looks at of a unit, in one entry: a scan's cost is a few lookups a candidate
 * (31,572 units for 2035年 at 10,000 documents), one map instead of one a cache.
 */
interface ScanEntry extends UnitFacts {
  /** The normalised text (normalizedText). */
  text: string;
  /** The title as the scan matches it (matchTitle), made when the unit first matches. */
  title: string | null;
  /** Its document's unit names. */
  names: UnitNames;
}

/**
 * Values by unit id, as arrays by the id's high bits (a store's document number: see sqlite.ts)
 * and its low bits. A Map keyed by ids above 2^31 (a document past the 2,048th) hashes a boxed
 * number for each lookup and misses the processor's cache for it and its key; a scan looks up
 * its candidates in id order, so each document's array is found once and read in order
 * (a warm 2035年 at 10,000 documents: ~0.6 µs a lookup with a Map under load).
 */
class UnitTable<T> {
  private readonly parts = new Map<number, Array<T | undefined>>();
  private last = -1;
  private lastPart: Array<T | undefined> | undefined;
  size = 0;

  private part(high: number, make: boolean): Array<T | undefined> | undefined {
    if (high === this.last && this.lastPart) return this.lastPart;
    let part = this.parts.get(high);
    if (!part && make) this.parts.set(high, (part = []));
    if (part) {
      this.last = high;
      this.lastPart = part;
    }
    return part;
  }

  get(id: number): T | undefined {
    const high = Math.floor(id / UNIT_TABLE_PART);
    return this.part(high, false)?.[id - high * UNIT_TABLE_PART];
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  set(id: number, value: T): void {
    const high = Math.floor(id / UNIT_TABLE_PART);
    const part = this.part(high, true)!;
    const low = id - high * UNIT_TABLE_PART;
    if (part[low] === undefined) this.size++;
    part[low] = value;
  }

  delete(id: number): void {
    const high = Math.floor(id / UNIT_TABLE_PART);
    const part = this.part(high, false);
    const low = id - high * UNIT_TABLE_PART;
    if (part?.[low] !== undefined) {
      part[low] = undefined;
      this.size--;
    }
  }
}
const UNIT_TABLE_PART = 2 ** 20;

/** Units found, with scores, unsorted. An engine that ranked only part of them says how many there are. */
export interface Matches {
  ids: ArrayLike<number>;
  scores: ArrayLike<number>;
  /** All matches when `ids` holds only the best candidates (see the SQLite engine's cut-off). */
  total?: number;
  /** How many documents all matches come from, with `total`. */
  documents?: number;
}

/** The filters of a search, as an engine can apply them itself. */
export interface Scope {
  /** Document ids, or all. */
  docs?: string[];
  /** Unit kinds, or all but `web`. */
  kinds?: UnitKind[];
  /**
   * With `dept`: the names it resolved to (each in its document; several in one document for a unit
   * and its carriers or a township family: one office, see select/roles.ts), and the role.
   */
  departments?: Array<{ doc: string; name: string }>;
  role?: Role;
  /**
   * A test on unit ids with every filter (engines that cannot apply them all use it); `facts`:
   * the unit's, when the caller holds them already (else they are looked up).
   */
  test: (id: number, withWeb?: boolean, facts?: UnitFacts) => boolean;
  /** True when a filter narrows the results. */
  narrows: boolean;
  /** True when `kinds` asks for web units. */
  web: boolean;
  /** How many of the best matches the search will rank (an engine may return only these, with `total`). */
  want: number;
}

/** Multi-word queries re-rank this many of the best matches by the query as written. */
const RERANK = 200;
/** A word that starts or ends with a digit: its number must match whole (see wholeNumber). */
export const EDGE_DIGIT = /^\d|\d$/;
/** Score factor of a bare heading: below any clause with the query's words. */
export const HEADING_WEIGHT = 1e-3;
/** Score factor of web-page clutter, when asked for: below the document's own text, headings too. */
const WEB_WEIGHT = 1e-6;
/** At most this many "did you mean" suggestions. */
const SUGGESTIONS = 3;
/** Score factor of a synonym's match: a unit with the word as typed ranks above one with only a synonym, other things equal. */
export const SYNONYM_WEIGHT = 0.7;
/** A thesaurus word made of this many query tokens at most (a word jieba cuts in parts: 专业化、精细化、特色化、新颖化). */
const RUN = 12;

/** A query word with its synonyms, as the search matches it. */
interface Group {
  /** The word as typed (normalised), and its synonyms. */
  word: string;
  synonyms: string[];
  /** A quoted phrase that is a thesaurus word. */
  phrase: boolean;
  /** The query words it stands for (the word, or the parts jieba cut it into). */
  replaces: string[];
  /** What the engine looks up (null: a word with no index term, checked in the text only). */
  lookup: TermGroup | null;
  /** True when a match must be checked in the text (an alternative of several terms, or none). */
  verify: boolean;
}

/**
 * ≦ ≧ in a query's phrases and words as ≤ ≥, as unit texts are matched (one character for
 * one, so offsets hold): "≦5.5" finds the row that shows ≤5.5.
 */
function foldComparators(parsed: ParsedQuery): ParsedQuery {
  return { ...parsed, words: parsed.words.map(displayForm), phrases: parsed.phrases.map(displayForm), loose: parsed.loose.map(displayForm) };
}

/**
 * Clause search over ingested documents. Subclasses hold the units and postings; this class
 * holds every rule of the search.
 */
export abstract class SearchEngine {
  protected readonly tokenizer: Tokenizer;
  /** The thesaurus query words are expanded by (the bundled one, unless set: see store.ts for a data folder's). */
  thesaurus: Thesaurus = Thesaurus.bundled();
  /** Normalised unit texts, filled on demand. */
  private normalized = new Map<number, string>();
  /** Each document's unit names, made on demand. */
  private readonly unitNames = new Map<string, UnitNames>();
  /** The departments of all documents, for resolveDepartment (see departmentIndex). */
  private deptIndex: UnitDirectory | null = null;
  /** Unit titles as the scan matches them (normalizeForMatch), filled on demand. */
  private matchTitles = new Map<number, string>();
  /** Where unit names are in each normalised unit text, filled on demand. */
  private spans = new Map<number, Array<[number, number]>>();
  /** Normalised unit titles and where unit names are in them, filled on demand. */
  private titles = new Map<number, { text: string; spans: Array<[number, number]> }>();
  /** What the scan reads of the units it found (with the caches above: `forget` drops both). */
  private scanned = new UnitTable<ScanEntry>();

  protected constructor(tokenizer: Tokenizer) {
    this.tokenizer = tokenizer;
  }

  // --- what an engine provides -------------------------------------------------------------

  /** Every indexed document with its departments. */
  abstract get documents(): IndexedDocument[];
  /** Number of indexed units. */
  abstract get size(): number;
  /** Ids of the indexed documents (cheaper than `documents`). */
  protected abstract documentIds(): string[];
  /** A document's departments (names, aliases, kinds). */
  protected abstract departmentsOf(doc: string): SearchDepartment[];
  /** The unit with this id. */
  protected abstract unit(id: number): StoredUnit;
  /** The document id of a unit. */
  protected abstract docOf(id: number): string;
  /** True for a bare heading (see units.ts). */
  protected abstract isHeading(id: number): boolean;
  /** True for a user word (unit word) the index was built with. */
  protected abstract hasUserWord(word: string): boolean;
  /**
   * Units with all (AND) or any (OR) of the terms, with BM25 scores, unsorted; `accept` (when
   * given) must hold for each. `checks` are the words `accept` looks for in the unit's text (an
   * engine may narrow by them first: see text-pattern.ts); `verified`: `accept` tests more than
   * the checks and the scope (a synonym's text), so every match must go through it.
   * Each group is a query word: a unit has it when it has all terms of one of its alternatives.
   */
  protected abstract lookup(
    groups: TermGroup[],
    combine: 'AND' | 'OR',
    scope: Scope,
    accept: ((id: number) => boolean) | undefined,
    checks: string[],
    verified?: boolean,
  ): Matches;
  /** Ids of the units in scope that may have every word (a superset; kind `web` only when the scope asks for it). */
  protected abstract candidates(scope: Scope, words: string[]): Iterable<number>;
  /** Ids of the web units that may have every word. */
  protected abstract webUnits(words: string[]): Iterable<number>;
  /** Index terms one character from `q` (same length), with the number of units that have each. */
  protected abstract nearTerms(q: string): Map<string, number>;
  /** What the text checks and the ranking look at of a unit (an engine may read just these). */
  protected textOf(id: number): Pick<StoredUnit, 'title' | 'text' | 'simplified'> {
    return this.unit(id);
  }
  /** What the filters look at of a unit (an engine may read just these). */
  protected facts(id: number): UnitFacts {
    return this.unit(id);
  }
  /** Called before a query is parsed (an engine may load the user words it needs). */
  protected beginQuery(_query: string): void {}
  /** Units about to be read, so an engine can fetch them at once. */
  protected prefetch(_ids: ArrayLike<number>): void {}
  /** Units whose text (`textOf`) is about to be read. */
  protected prefetchText(ids: ArrayLike<number>): void {
    this.prefetch(ids);
  }

  /** Drop what the caches hold of a unit. */
  protected forget(id: number): void {
    this.normalized.delete(id);
    this.matchTitles.delete(id);
    this.spans.delete(id);
    this.titles.delete(id);
    this.scanned.delete(id);
  }

  /** True when a scan holds what it reads of the unit (an engine need not read it again). */
  protected isScanned(id: number): boolean {
    return this.scanned.has(id);
  }

  /** How many units' normalised texts are held. */
  protected cachedTexts(): number {
    return this.normalized.size;
  }

  /** Forget the per-unit caches (engines over a store call this between searches when they grow). */
  protected clearCaches(): void {
    this.normalized = new Map();
    this.matchTitles = new Map();
    this.spans = new Map();
    this.titles = new Map();
    this.scanned = new UnitTable();
  }

  // --- the search ------------------------------------------------------------------------------

  /**
   * The units `name` means in each document (of `docIds`, default all), as select/departments.ts
   * resolves it: with the units carrying its name under a second name, and a township family's
   * members. A document where it is unknown is skipped; typed errors (EmptyDepartment,
   * AmbiguousDepartment with each candidate's task count, UnknownDepartment) otherwise.
   */
  resolveDepartment(name: string, docIds?: string[]): Array<{ doc: string; name: string }> {
    // the documents do not change under an engine: a name resolves the same way each time (a
    // warm process asked 交通 --dept 县公安局 again resolved it in every document again: ~25 ms
    // at 10,000 documents)
    const key = JSON.stringify([name, docIds ?? null]);
    let found = this.resolved.get(key);
    if (!found) {
      found = this.resolveAnew(name, docIds);
      if (this.resolved.size >= 100) this.resolved.clear();
      this.resolved.set(key, found);
    }
    return found.map((d) => ({ ...d }));
  }

  private readonly resolved = new Map<string, Array<{ doc: string; name: string }>>();

  private resolveAnew(name: string, docIds?: string[]): Array<{ doc: string; name: string }> {
    const all = this.documentIds();
    const docs = docIds ? all.filter((id) => docIds.includes(id)) : all;
    // the distinct departments of all documents are tested once, not each document's (across.ts)
    return resolveAcross(name, this.departmentIndex(), docs, (doc, d) => this.taskCount(doc, d.name));
  }

  /** How many tasks of a document a unit leads and is responsible for (for a reader choosing among candidates). */
  private taskCount(doc: string, name: string): { lead: number; responsible: number } {
    let lead = 0;
    let responsible = 0;
    const scope: Scope = { docs: [doc], kinds: ['task'], test: () => true, narrows: true, web: false, want: 0 };
    for (const id of this.candidates(scope, [])) {
      const held = roleOf(this.facts(id), [{ name }]);
      if (held?.role === 'lead') lead++;
      else if (held) responsible++;
    }
    return { lead, responsible };
  }

  /**
   * True when a word can be inside a unit name somewhere: some department's name or alias
   * (normalised, as UnitNames finds them) contains it. A word that cannot be, and has no digit at
   * an edge, is in a unit exactly when its normalised text has it: an engine may count it in the
   * database (see text-pattern.ts).
   */
  protected inSomeName(word: string): boolean {
    if (!this.allNames) {
      const names = new Set<string>();
      for (const d of this.departmentIndex().departments)
        for (const n of [d.name, ...d.aliases]) if (n.trim().length >= 2) names.add(this.tokenizer.normalize(n.trim()));
      this.allNames = [...names];
    }
    return this.allNames.some((n) => n.includes(word));
  }

  private allNames: string[] | null = null;

  /** The distinct departments of all documents (made once: documents do not change under an engine). */
  protected departmentIndex(): UnitDirectory {
    this.deptIndex ??= unitDirectory(this.documentIds(), (doc) => this.departmentsOf(doc));
    return this.deptIndex;
  }

  /**
   * Units that contain every query word and phrase (after normalisation), best first.
   * Dictionary words are looked up in the index (BM25, title boosted). Other words (single
   * characters, words jieba does not know, Latin and digits) and phrases are checked in the
   * candidates' text, or scanned for when the query has no dictionary word. When no unit has
   * every word, units with some of the dictionary words are returned instead
   * (`matchedAll: false`).
   */
  search(query: string, options: SearchOptions = {}): SearchResult {
    this.beginQuery(query);
    return this.run(query, options, true);
  }

  private run(query: string, options: SearchOptions, suggest: boolean): SearchResult {
    const parsed = foldComparators(parseQuery(query, this.tokenizer));
    const limit = options.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1) throw new InvalidOption('limit', String(limit), 'must be a positive whole number');
    const scope = this.scopeFilter(options, parsed.words.length > 1 ? Math.max(limit, RERANK) : limit);
    // query words the thesaurus expands: each looked up with its synonyms (OR), the rest as typed
    const groups = options.synonyms === false ? [] : this.expand(parsed, options.thesaurus ?? this.thesaurus);
    const replaced = new Set(groups.flatMap((g) => g.replaces));
    const groupPhrases = new Set(groups.filter((g) => g.phrase).map((g) => g.word));
    const words = groups.length === 0 ? parsed.words : parsed.words.filter((w) => !replaced.has(w));
    const phrases = groups.length === 0 ? parsed.phrases : parsed.phrases.filter((p) => !groupPhrases.has(p));
    const terms = words.filter((w) => this.isIndexTerm(w));
    // a term that starts or ends with a digit is checked too: its number must be whole there
    const checked = [...words.filter((w) => !terms.includes(w) || EDGE_DIGIT.test(w)), ...phrases];
    // groups whose match the text decides (a synonym jieba cuts in parts, or with no index term)
    const verify = groups.filter((g) => g.verify);
    const lookups = [...termGroups(terms), ...groups.flatMap((g) => (g.lookup ? [g.lookup] : []))];
    // A filter, or none when nothing narrows the results (the common case).
    const acceptWith = (words: string[], withGroups: boolean) => {
      const inText = withGroups && verify.length > 0;
      if (!scope.narrows && words.length === 0 && !inText) return undefined;
      return (id: number) => scope.test(id) && (words.length === 0 || this.contains(id, words)) && (!inText || this.hasGroups(id, verify));
    };

    let matchedAll = true;
    let found: Matches;
    if (lookups.length === 0) {
      found = this.scan(checked, scope, verify);
    } else {
      found = this.lookup(lookups, 'AND', scope, acceptWith(checked, true), checked, verify.length > 0);
      if (found.ids.length === 0 && words.length + groups.length > 1) {
        found = this.lookup(lookups, 'OR', scope, acceptWith(phrases, false), phrases);
        matchedAll = false;
      }
    }
    const every = [...words, ...phrases];
    if (scope.web) found = this.withWeb(found, every, scope.test, groups);
    // Say so when the words are all together only in a web page's clutter, left out by default.
    const web =
      (found.ids.length === 0 || !matchedAll) && options.kind === undefined ? this.scanWeb(every, (id) => scope.test(id, true), groups).ids.length : 0;
    const top = this.best(found, limit, parsed, groups);
    this.prefetch(top.map((r) => r.id));
    const hits = top.map((r) => this.hit(r, parsed, options.snippet, groups, replaced));
    // a word the page's clutter has is no typo
    const suggestions = suggest && found.ids.length === 0 && web === 0 ? this.suggest(parsed, options) : [];
    let documents = found.documents;
    if (documents === undefined) {
      const docsFound = new Set<string>();
      // (matches come mostly in unit order: a document's units one after the other)
      let last: string | null = null;
      for (let i = 0; i < found.ids.length; i++) {
        const doc = this.docOf(found.ids[i]);
        if (doc !== last) docsFound.add(doc);
        last = doc;
      }
      documents = docsFound.size;
    }
    const total = found.total ?? found.ids.length;
    const synonyms = groups.map((g) => ({ word: g.word, synonyms: g.synonyms }));
    return {
      query: parsed.raw,
      words: parsed.words,
      phrases: parsed.phrases,
      total,
      matchedAll,
      departments: scope.departments ?? [],
      docs: scope.docs,
      documents,
      web,
      synonyms,
      hits,
      suggestions,
    };
  }

  /**
   * The query words (and quoted phrases) that are thesaurus words, with their synonyms. A
   * thesaurus word jieba cuts in parts (a user's word that is no dictionary word) is found as the
   * run of query words that make it up.
   */
  private expand(parsed: ParsedQuery, thesaurus: Thesaurus): Group[] {
    if (thesaurus.size === 0) return [];
    const out: Group[] = [];
    const add = (word: string, phrase: boolean, replaces: string[]) => {
      const synonyms = thesaurus.synonymsOf(word);
      if (synonyms.length === 0 || out.some((g) => g.word === word)) return;
      const alternatives = [word, ...synonyms].map((m, i) => this.alternative(m, i === 0 ? 1 : SYNONYM_WEIGHT));
      const lookup = alternatives.some((a) => a.terms.length === 0) ? null : alternatives.map(({ terms, weight }) => ({ terms, weight }));
      out.push({ word, synonyms: [...synonyms], phrase, replaces, lookup, verify: lookup === null || alternatives.some((a) => a.verbatim) });
    };
    for (const p of parsed.phrases) if (thesaurus.has(p)) add(p, true, this.tokenizer.words(p).map(displayForm));
    // a run of the query's tokens as jieba cuts it (punctuation and stop words kept: 碳达峰、碳中和)
    const tokens = this.tokenizer.cut(parsed.outside).map(displayForm);
    const loose = new Set(parsed.loose);
    for (let i = 0; i < tokens.length; i++) {
      if (!/\S/.test(tokens[i])) continue;
      for (let n = Math.min(RUN, tokens.length - i); n >= 1; n--) {
        const run = n === 1 ? tokens[i] : tokens.slice(i, i + n).join('');
        if (!thesaurus.has(run)) continue;
        add(
          run,
          false,
          tokens.slice(i, i + n).filter((t) => loose.has(t)),
        );
        i += n - 1;
        break;
      }
    }
    return out;
  }

  /**
   * How the index finds a thesaurus word: as one term when it is an index term (the bundled
   * words are dictionary words: tokenizer.ts), else by its parts as jieba cuts them, its text
   * checked (`verbatim`; no parts: the text alone).
   */
  private alternative(word: string, weight: number): { terms: string[]; weight: number; verbatim: boolean } {
    if (this.isIndexTerm(word) && !EDGE_DIGIT.test(word)) return { terms: [word], weight, verbatim: false };
    const terms = this.tokenizer
      .words(word)
      .map(displayForm)
      .filter((w) => this.isIndexTerm(w) && !EDGE_DIGIT.test(w));
    return { terms, weight, verbatim: true };
  }

  /** True when the unit has, for every group, its word or a synonym (outside unit names, numbers whole). */
  private hasGroups(id: number, groups: Group[]): boolean {
    return groups.every((g) => this.has(id, g.word) || g.synonyms.some((w) => this.has(id, w)));
  }

  /** A scan's score of the groups in a text: each counts its best word, a synonym's occurrences weighed less. */
  private groupOccurrences(text: string, title: string | null, groups: Group[]): number {
    let score = 0;
    for (const g of groups) {
      let best = 0;
      for (const w of [g.word, ...g.synonyms]) {
        const n = countOf(text, w, 5) * (title?.includes(w) ? 3 : 1) * (w === g.word ? 1 : SYNONYM_WEIGHT);
        if (n > best) best = n;
      }
      score += best;
    }
    return score;
  }

  /** The web units in scope with every word (and group), scored as `scan` scores, scaled below any other unit. */
  private scanWeb(words: string[], test: (id: number) => boolean, groups: Group[] = []): Matches {
    const ids: number[] = [];
    const scores: number[] = [];
    for (const id of this.webUnits(words)) {
      if (!test(id) || !this.contains(id, words) || !this.hasGroups(id, groups)) continue;
      const text = this.normalizedText(id);
      let score = groups.length > 0 ? this.groupOccurrences(text, null, groups) : 0;
      for (const w of words) score += countOf(text, w, 5);
      ids.push(id);
      scores.push((score / (1 + text.length / 500)) * WEB_WEIGHT);
    }
    return { ids, scores };
  }

  /** `found` with the web units in scope that have every word (a scan may have found some already). */
  private withWeb(found: Matches, words: string[], test: (id: number) => boolean, groups: Group[] = []): Matches {
    const web = this.scanWeb(words, test, groups);
    if (web.ids.length === 0) return found;
    const ids: number[] = [];
    const scores: number[] = [];
    for (let i = 0; i < found.ids.length; i++) {
      if (this.unit(found.ids[i]).kind === 'web') continue;
      ids.push(found.ids[i]);
      scores.push(found.scores[i]);
    }
    const extra = found.total !== undefined ? { total: found.total + web.ids.length } : {};
    return { ids: ids.concat(Array.from(web.ids)), scores: scores.concat(Array.from(web.scores)), ...extra };
  }

  /**
   * Index terms as long as a one-word query that differ from it in one character and have
   * hits with the same filters, in the most units first (only a query without hits pays for it).
   */
  private suggest(parsed: ParsedQuery, options: SearchOptions): string[] {
    const q = normalizeText(parsed.raw);
    if (parsed.phrases.length > 0 || /\s/.test(q) || q.length < 2) return [];
    // A word that has hits, only not under these filters, is no typo.
    const filtered = options.dept !== undefined || options.kind !== undefined || options.doc !== undefined;
    if (filtered && this.run(parsed.raw, { limit: 1 }, false).total > 0) return [];
    const units = this.nearTerms(q);
    const ranked = [...units].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([t]) => t);
    const out: string[] = [];
    for (const t of ranked) {
      if (out.length >= SUGGESTIONS) break;
      if (this.run(t, { ...options, limit: 1 }, false).total > 0) out.push(t);
    }
    return out;
  }

  /**
   * The best `limit` matches, in order. A multi-word query re-ranks the best RERANK by the
   * query as written: 应急管理 ahead of a clause with 应急 … 管理 apart. With synonyms, the
   * best RERANK are ordered by how many of the query's words they have as typed, then by score
   * (see asTyped).
   */
  private best(found: Matches, limit: number, parsed: ParsedQuery, groups: Group[] = []): Array<{ id: number; score: number }> {
    const rerank = parsed.words.length > 1;
    const k = rerank || groups.length > 0 ? Math.max(limit, RERANK) : limit;
    let top = topK(found, k);
    // Only when a bare heading made the top: scale headings down and choose again (a pass
    // over every match costs ~0.1 ms for the 14,000 of 交通 at 1,000 documents).
    if (top.some((r) => this.isHeading(r.id))) top = topK(this.headingsLast(found), k);
    if (!rerank && groups.length === 0) return top;
    this.prefetchText(top.map((r) => r.id));
    if (rerank) {
      const asWritten = displayForm(normalizeText(parsed.raw)).replace(/[\s"“”「」『』]/g, '');
      for (const r of top) if (this.has(r.id, asWritten)) r.score *= 1.5;
    }
    top.sort((a, b) => b.score - a.score || a.id - b.id);
    return (groups.length > 0 ? this.asTyped(top, groups) : top).slice(0, limit);
  }

  /**
   * Matches (best first) with those that have more of the query's words as typed first: a clause
   * with 户口 never ranks below one that has only its synonym 户籍 (bare headings stay last).
   * Scores of a later tier are scaled below the earlier one's, so they still read best first.
   */
  private asTyped(top: Array<{ id: number; score: number }>, groups: Group[]): Array<{ id: number; score: number }> {
    const tier = new Map<number, number>();
    for (const r of top) tier.set(r.id, this.isHeading(r.id) ? -1 : groups.reduce((n, g) => n + (this.has(r.id, g.word) ? 1 : 0), 0));
    const sorted = top.sort((a, b) => tier.get(b.id)! - tier.get(a.id)! || b.score - a.score || a.id - b.id);
    let floor = Infinity;
    for (let i = 0; i < sorted.length; ) {
      let j = i;
      while (j < sorted.length && tier.get(sorted[j].id) === tier.get(sorted[i].id)) j++;
      const max = sorted[i].score;
      if (max > floor && max > 0) {
        const f = (floor * 0.999) / max;
        for (let m = i; m < j; m++) sorted[m].score *= f;
      }
      floor = Math.min(floor, sorted[j - 1].score);
      i = j;
    }
    return sorted;
  }

  /**
   * Bare headings (一、压实养护管理责任) after every clause: their BM25 is high only because
   * they are short. Scaled rather than dropped, so a word found in a heading alone is found.
   */
  private headingsLast(found: Matches): Matches {
    let scores: number[] | null = null;
    for (let i = 0; i < found.ids.length; i++) {
      if (!this.isHeading(found.ids[i])) continue;
      scores ??= Array.from(found.scores);
      scores[i] *= HEADING_WEIGHT;
    }
    return scores ? { ...found, ids: found.ids, scores } : found;
  }

  /**
   * A word the index has as a term wherever it occurs: a dictionary word at build time
   * (user words added to the process dictionary since, e.g. by another index, are not).
   */
  protected isIndexTerm(word: string): boolean {
    return this.tokenizer.inDictionary(word) && (!this.tokenizer.isUserWord(word) || this.hasUserWord(word));
  }

  /** The unit's title as the scan matches it (normalizeForMatch, as its text). */
  private matchTitle(id: number): string {
    let title = this.matchTitles.get(id);
    if (title === undefined) {
      title = normalizeForMatch(this.textOf(id).title);
      this.matchTitles.set(id, title);
    }
    return title;
  }

  protected normalizedText(id: number): string {
    let text = this.normalized.get(id);
    if (text === undefined) {
      const u = this.textOf(id);
      // ≦ as ≤ on both sides: indicator rows show ≤, a query or a paragraph may have ≦
      text = displayForm(u.simplified ?? normalizeForMatch(u.text));
      this.normalized.set(id, text);
    }
    return text;
  }

  protected namesOf(doc: string): UnitNames {
    let names = this.unitNames.get(doc);
    if (!names) {
      names = new UnitNames(this.departmentsOf(doc), this.tokenizer.normalize);
      this.unitNames.set(doc, names);
    }
    return names;
  }

  protected spansOf(id: number): Array<[number, number]> {
    let spans = this.spans.get(id);
    if (spans === undefined) {
      spans = this.namesOf(this.docOf(id)).spans(this.normalizedText(id));
      this.spans.set(id, spans);
    }
    return spans;
  }

  /** Occurrences of `term` in the unit's normalised text (`title`: its title) that count: not inside a unit name, unless a unit word. */
  protected countIn(id: number, term: string, field: 'title' | 'text'): number {
    let text: string;
    let spans: Array<[number, number]>;
    const names = this.namesOf(this.docOf(id));
    if (field === 'text') {
      text = this.normalizedText(id);
      if (!text.includes(term)) return 0;
      // a term no name of the document hides counts wherever it is: the text's names are not looked for
      spans = names.hides(term) ? this.spansOf(id) : [];
    } else {
      let t = this.titles.get(id);
      if (!t) {
        const title = this.tokenizer.normalize(this.textOf(id).title);
        t = { text: title, spans: title ? this.namesOf(this.docOf(id)).spans(title) : [] };
        this.titles.set(id, t);
      }
      if (!t.text.includes(term)) return 0;
      ({ text, spans } = t);
    }
    let n = 0;
    for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) if (names.counts(spans, i, i + term.length, term)) n++;
    return n;
  }

  /**
   * True when the unit has `word` somewhere other than inside a unit name (see unit-names.ts),
   * and a number in it whole (5% not in 95%).
   */
  private has(id: number, word: string): boolean {
    return this.hasIn(id, this.normalizedText(id), this.namesOf(this.docOf(id)), word);
  }

  /** `has` with the unit's normalised text and its document's names looked up already. */
  private hasIn(id: number, text: string, names: UnitNames, word: string, hides = names.hides(word), edge = EDGE_DIGIT.test(word)): boolean {
    if (!text.includes(word)) return false;
    // a word no name of the document hides: the text's names are not looked for
    const spans = hides ? this.spansOf(id) : NO_SPANS;
    if (!edge) return names.has(text, spans, word);
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      if (wholeNumber(text, i, i + word.length) && names.counts(spans, i, i + word.length, word)) return true;
    }
    return false;
  }

  protected contains(id: number, words: string[]): boolean {
    return words.every((w) => this.has(id, w));
  }

  /**
   * Units in scope whose text has every word, for queries without a dictionary word:
   * scored by occurrences (at most 5 a word, ×3 in the title), shorter units first on ties.
   */
  private scan(words: string[], scope: Scope, groups: Group[] = []): Matches {
    const ids: number[] = [];
    const scores: number[] = [];
    // per word: a number at an edge (fixed), hidden by a name (per document: found again when it changes)
    const edge = words.map((w) => EDGE_DIGIT.test(w));
    const hides = words.map(() => false);
    let namesOfHides: UnitNames | null = null;
    for (const id of this.candidates(scope, words)) {
      // a scan reads every unit: those that do not match leave no trace in the caches, which
      // stay for the units later searches of a warm process read again
      let entry = this.scanned.get(id);
      if (!(entry ? scope.test(id, false, entry) : scope.test(id))) {
        this.forget(id);
        continue;
      }
      // the unit's text, its document's names and its facts in one entry, looked up once for
      // all its words (a warm 2035年 at 10,000 documents: ~2.3 µs a unit with a lookup a cache)
      if (!entry) {
        const { kind, doc, lead, responsible } = this.facts(id);
        entry = { text: this.normalizedText(id), title: null, names: this.namesOf(this.docOf(id)), kind, doc, lead, responsible };
        this.scanned.set(id, entry);
      }
      const { text, names } = entry;
      if (names !== namesOfHides) {
        for (let i = 0; i < words.length; i++) hides[i] = names.hides(words[i]);
        namesOfHides = names;
      }
      let all = true;
      for (let i = 0; i < words.length && all; i++) all = this.hasIn(id, text, names, words[i], hides[i], edge[i]);
      if (!all || (groups.length > 0 && !this.hasGroups(id, groups))) {
        this.forget(id);
        continue;
      }
      entry.title ??= this.matchTitle(id);
      const title = entry.title;
      let score = groups.length > 0 ? this.groupOccurrences(text, title, groups) : 0;
      for (const w of words) score += countOf(text, w, 5) * (title.includes(w) ? 3 : 1);
      ids.push(id);
      scores.push(score / (1 + text.length / 500));
    }
    return { ids, scores };
  }

  /**
   * The filters of a search as a test on unit ids. Web-page clutter passes only when `kind` asks
   * for it (or `withWeb` is set: to count what the default left out).
   */
  private scopeFilter(options: SearchOptions, want = 10): Scope {
    // an id, or the unique prefix of one, as the other commands take it (select/document-ids.ts)
    const known = options.doc === undefined ? [] : this.documentIds();
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
    const test = (id: number, withWeb = false, facts?: UnitFacts) => {
      if (docSet && !docSet.has(this.docOf(id))) return false;
      if (!kindSet && !withWeb && !options.dept) {
        if ((facts ?? this.facts(id)).kind === 'web') return false;
        return true;
      }
      const u = facts ?? this.facts(id);
      if (kindSet ? !kindSet.has(u.kind) : u.kind === 'web' && !withWeb) return false;
      if (options.dept) {
        const units = unitsOf.get(u.doc);
        if (units === undefined) return false;
        const held = roleOf(u, units);
        if (held === null || (role !== undefined && held.role !== role)) return false;
      }
      return true;
    };
    return {
      test,
      narrows: Boolean(docSet || kindSet || options.dept),
      web,
      want,
      departments: options.dept !== undefined ? departments : undefined,
      docs: docIds,
      kinds,
      role,
    };
  }

  private hit(
    r: { id: number; score: number },
    parsed: ParsedQuery,
    snippetOptions?: SnippetOptions,
    groups: Group[] = [],
    replaced = new Set<string>(),
  ): SearchHit {
    const id = r.id;
    const u = this.unit(id);
    const normalized = this.normalizedText(id);
    // A phrase is marked whole, its parts alone are not (小区 in "老旧小区" is no match); a word
    // with synonyms is marked wherever it or a synonym is.
    const marks =
      groups.length === 0
        ? [...parsed.phrases, ...parsed.loose]
        : [...parsed.phrases, ...parsed.loose.filter((w) => !replaced.has(w)), ...groups.flatMap((g) => [g.word, ...g.synonyms])];
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
export function topK(found: Matches, k: number): Array<{ id: number; score: number }> {
  const n = found.ids.length;
  const all = (): Array<{ id: number; score: number }> => {
    const out: Array<{ id: number; score: number }> = [];
    for (let i = 0; i < n; i++) out.push({ id: found.ids[i], score: found.scores[i] });
    return out;
  };
  if (n <= k * 4)
    return all()
      .sort((a, b) => b.score - a.score || a.id - b.id)
      .slice(0, k);
  // One pass that keeps the k best so far in a heap whose root is the worst of them: a match
  // goes in only when it beats that one (rarely, past the first few hundred), where sorting a
  // copy of every score took ~3 ms for the 31,572 matches of 2035年 at 10,000 documents (twice
  // when a heading made the top). The order is the sort's: score, then unit order.
  const best = bestOf(found, k);
  if (best) return best;
  // The k-th best score, from a sorted copy of the scores (a native numeric sort).
  const sorted = Float64Array.from(found.scores).sort();
  const cut = sorted[n - k];
  const out: Array<{ id: number; score: number }> = [];
  for (let i = 0; i < n; i++) if (found.scores[i] >= cut) out.push({ id: found.ids[i], score: found.scores[i] });
  return out.sort((a, b) => b.score - a.score || a.id - b.id).slice(0, k);
}

/** A text without unit names (shared: never written). */
const NO_SPANS: ReadonlyArray<[number, number]> = [];

/**
 * The k best matches (k < n), best first, by a heap of k; null when a score is NaN (which the
 * numeric sort of topK places on its own terms).
 */
function bestOf(found: Matches, k: number): Array<{ id: number; score: number }> | null {
  const scores = new Float64Array(k);
  const ids = new Float64Array(k);
  let size = 0;
  // a worse than b: a lower score, or the same score and a later unit
  const worse = (sa: number, ia: number, sb: number, ib: number) => sa < sb || (sa === sb && ia > ib);
  for (let i = 0; i < found.ids.length; i++) {
    const score = found.scores[i];
    const id = found.ids[i];
    if (Number.isNaN(score)) return null;
    let at: number;
    if (size < k) {
      // add at the end, then up while it is worse than its parent
      at = size++;
      while (at > 0) {
        const up = (at - 1) >> 1;
        if (!worse(score, id, scores[up], ids[up])) break;
        scores[at] = scores[up];
        ids[at] = ids[up];
        at = up;
      }
    } else {
      if (!worse(scores[0], ids[0], score, id)) continue;
      // in place of the root, then down while a child is worse than it
      at = 0;
      for (;;) {
        const l = 2 * at + 1;
        if (l >= k) break;
        const r = l + 1;
        const c = r < k && worse(scores[r], ids[r], scores[l], ids[l]) ? r : l;
        if (!worse(scores[c], ids[c], score, id)) break;
        scores[at] = scores[c];
        ids[at] = ids[c];
        at = c;
      }
    }
    scores[at] = score;
    ids[at] = id;
  }
  const out: Array<{ id: number; score: number }> = [];
  for (let i = 0; i < size; i++) out.push({ id: ids[i], score: scores[i] });
  return out.sort((a, b) => b.score - a.score || a.id - b.id);
}

/** Same length, one character different. */
export function oneCharApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length && diff < 2; i++) if (a[i] !== b[i]) diff++;
  return diff === 1;
}

/** Occurrences of `word` in `text`, not overlapping, counted up to `max`. */
function countOf(text: string, word: string, max = Infinity): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0 && n < max; i = text.indexOf(word, i + word.length)) n++;
  return n;
}

function toList<T>(v: T | T[] | undefined): T[] | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v : [v];
}
