import type { AsPlainObject } from 'minisearch';
import MiniSearch from 'minisearch';
import { UserError } from '../model/errors.js';
import { normalizeForMatch } from '../model/normalize.js';
import type { PolicyDocument } from '../model/types.js';
import {
  groupScore,
  type IndexedDocument,
  type Matches,
  oneCharApart,
  plainTerms,
  type Scope,
  SearchEngine,
  type StoredUnit,
  type TermGroup,
} from './engine.js';
import { FrequentPostings, type FrequentPostingsJSON, type FrequentPostingsOptions } from './postings.js';
import { getTokenizer, normalizeText, type Tokenizer } from './tokenizer.js';
import { UnitNames, unitWords } from './unit-names.js';
import { documentUnits, type SearchDepartment, searchDepartments } from './units.js';

export { type IndexedDocument, SearchEngine, type SearchHit, type SearchOptions, type SearchResult, type StoredUnit, UNIT_KINDS } from './engine.js';

export const INDEX_FORMAT = 'policy-search-index';
// 2: units carry `heading`; 3: and `label`; 4: no topic words from inside unit names, unit words are user words;
// 5: task units carry `deadline`; 9: units of a paged source carry `page`; 7: web-page clutter is kind `web`, outside the term index;
// 8: indicator rows give figures as every output shows them (≤5.5, 累计 15); 10: the bundled thesaurus's words are dictionary words
export const INDEX_VERSION = 10;

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

/**
 * Clause search over ingested documents: a MiniSearch index of tasks, paragraphs and
 * indicator rows, tokenised by the shared jieba tokenizer, with compact postings for the most
 * frequent terms. Build it from documents (`SearchIndex.build`), save it with `toJSON`, load
 * it with `fromJSON`; searching a loaded index never touches the documents.
 */
export class SearchIndex extends SearchEngine {
  private readonly docs: IndexedDocument[];
  private readonly units: StoredUnit[];
  private readonly miniSearch: MiniSearch<IndexedFields>;
  private readonly frequent: FrequentPostings;
  private readonly userWords: string[];
  private readonly userWordSet: Set<string>;
  private readonly boost: Boost;
  /** MiniSearch's plain form, from building. */
  private plain: AsPlainObject | null = null;
  /** Ids of the units of kind `web`. */
  private readonly webIds: number[] = [];
  private readonly departments: Map<string, SearchDepartment[]>;

  private constructor(parts: {
    documents: IndexedDocument[];
    units: StoredUnit[];
    userWords: string[];
    boost: Boost;
    miniSearch: MiniSearch<IndexedFields>;
    frequent: FrequentPostings;
    tokenizer: Tokenizer;
  }) {
    super(parts.tokenizer);
    this.docs = parts.documents;
    this.departments = new Map(parts.documents.map((d) => [d.id, d.departments]));
    this.units = parts.units;
    this.userWords = parts.userWords;
    this.userWordSet = new Set(parts.userWords.map(normalizeText));
    this.boost = parts.boost;
    this.miniSearch = parts.miniSearch;
    this.frequent = parts.frequent;
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
      units.flatMap((u, id) =>
        u.kind === 'web' ? [] : [{ id, title: terms(u, tokenizer.normalize(u.title)), text: terms(u, u.simplified ?? normalizeForMatch(u.text)) }],
      ),
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

  get documents(): IndexedDocument[] {
    return this.docs;
  }

  /** Number of indexed units. */
  get size(): number {
    return this.units.length;
  }

  protected documentIds(): string[] {
    return this.docs.map((d) => d.id);
  }

  protected departmentsOf(doc: string): SearchDepartment[] {
    return this.departments.get(doc) ?? [];
  }

  protected unit(id: number): StoredUnit {
    return this.units[id];
  }

  protected docOf(id: number): string {
    return this.units[id].doc;
  }

  protected isHeading(id: number): boolean {
    return this.units[id].heading === true;
  }

  protected hasUserWord(word: string): boolean {
    return this.userWordSet.has(word);
  }

  protected *candidates(_scope: Scope): Iterable<number> {
    for (let id = 0; id < this.units.length; id++) yield id;
  }

  protected webUnits(): Iterable<number> {
    return this.webIds;
  }

  /** MiniSearch's fuzzy lookup walks its term tree. */
  protected nearTerms(q: string): Map<string, number> {
    const units = new Map<string, number>();
    for (const r of this.miniSearch.search(q, { fuzzy: 1, prefix: false })) {
      for (const t of r.terms) if (oneCharApart(t, q)) units.set(t, (units.get(t) ?? 0) + 1);
    }
    return units;
  }

  /** Units with all (AND) or any (OR) of the query words, with BM25 scores, unsorted. */
  protected lookup(groups: TermGroup[], combine: 'AND' | 'OR', _scope: Scope, accept?: (id: number) => boolean): Matches {
    const terms = plainTerms(groups);
    return terms ? this.lookupTerms(terms, combine, accept) : this.lookupGroups(groups, combine, accept);
  }

  /**
   * A query with synonyms: each term's units and weights (MiniSearch's BM25 of the term alone,
   * or its compact postings), combined by the groups' rule (engine.ts groupScore).
   */
  private lookupGroups(groups: TermGroup[], combine: 'AND' | 'OR', accept?: (id: number) => boolean): Matches {
    const postings = new Map<string, Map<number, number>>();
    for (const g of groups) {
      for (const a of g) {
        for (const t of a.terms) {
          if (postings.has(t)) continue;
          const m = new Map<number, number>();
          if (this.frequent.has(t)) {
            const found = this.frequent.match([t], 'OR');
            for (let i = 0; i < found.ids.length; i++) m.set(found.ids[i], found.scores[i]);
          } else for (const r of this.miniSearch.search(t)) m.set(r.id as number, r.score);
          postings.set(t, m);
        }
      }
    }
    // the units of a group: those of all terms of one of its alternatives
    const unitsOf = (g: TermGroup): Set<number> => {
      const out = new Set<number>();
      for (const a of g) {
        const [first, ...rest] = a.terms.map((t) => postings.get(t)!).sort((x, y) => x.size - y.size);
        for (const id of first.keys()) if (rest.every((m) => m.has(id))) out.add(id);
      }
      return out;
    };
    const sets = groups.map(unitsOf);
    let ids: number[];
    if (combine === 'AND') {
      const [smallest, ...others] = [...sets].sort((x, y) => x.size - y.size);
      ids = [...smallest].filter((id) => others.every((s) => s.has(id)));
    } else {
      const all = new Set<number>();
      for (const s of sets) for (const id of s) all.add(id);
      ids = [...all];
    }
    if (accept) ids = ids.filter(accept);
    return { ids, scores: ids.map((id) => groupScore(groups, (t) => postings.get(t)!.get(id) ?? 0)) };
  }

  /** Units with all (AND) or any (OR) of the terms, with BM25 scores, unsorted. */
  private lookupTerms(terms: string[], combine: 'AND' | 'OR', accept?: (id: number) => boolean): Matches {
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
}

/** Unit words of all documents (names, aliases, without level prefix …), for the tokenizer's dictionary. */
function departmentWords(docs: PolicyDocument[]): string[] {
  const words = new Set<string>();
  for (const doc of docs) for (const w of unitWords(searchDepartments(doc))) words.add(w);
  return [...words].sort();
}
