import { splitLevel } from '../model/departments.js';
import type { SearchDepartment } from './units.js';

/**
 * Department and unit names inside clause text (县文化旅游委 in "牵头单位：县文化旅游委").
 *
 * A topic word found only inside a unit's name is no match: 旅游 in 县文化旅游委 would make
 * every clause assigned to that committee a hit for 旅游, and a researcher asking what
 * 交通局 carries about 旅游 wants tourism clauses. Inside a name only the words that name
 * the unit count ("unit words": the name, its aliases, each without its level prefix, and
 * the parts of a bracketed name), so `search 文化旅游委` still finds it. The index terms,
 * the text checks and the snippet marks all apply this one rule.
 */
export class UnitNames {
  /** Names and aliases as written in the text, longest first; null when none. */
  private readonly pattern: RegExp | null;
  /** Words that name a unit: the only words that count inside a name. */
  readonly words: ReadonlySet<string>;
  /** The names and aliases (normalised), longest first. */
  private readonly names: string[];
  private readonly hidden = new Map<string, boolean>();

  /** @param normalize the normalisation applied to the texts the names are found in */
  constructor(departments: SearchDepartment[], normalize: (text: string) => string) {
    const names = new Set<string>();
    for (const d of departments) for (const n of [d.name, ...d.aliases]) if (n.trim().length >= 2) names.add(normalize(n.trim()));
    const sorted = [...names].sort((a, b) => b.length - a.length);
    // An alternation tries its branches in order: longest first gives the longest name at a place.
    this.pattern = sorted.length > 0 ? new RegExp(sorted.map(escapeRegExp).join('|'), 'g') : null;
    this.names = sorted;
    this.words = new Set(unitWords(departments).map(normalize));
  }

  /** [start, end) of the names in a normalised text, in order, not overlapping. */
  spans(text: string): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    if (!this.pattern) return out;
    this.pattern.lastIndex = 0;
    for (let m = this.pattern.exec(text); m; m = this.pattern.exec(text)) out.push([m.index, m.index + m[0].length]);
    return out;
  }

  /**
   * True when an occurrence of `word` can fail to count (`counts`): it is inside one of the names
   * and no unit word. When false, every occurrence counts and no text's spans are needed.
   */
  hides(word: string): boolean {
    let h = this.hidden.get(word);
    if (h === undefined) {
      h = !this.words.has(word) && this.names.some((n) => n.includes(word));
      this.hidden.set(word, h);
    }
    return h;
  }

  /**
   * True when `word` at [start, end) counts: it is not inside a name, or it is a unit word.
   * A word that reaches out of a name counts (it is more than the name).
   */
  counts(spans: ReadonlyArray<[number, number]>, start: number, end: number, word: string): boolean {
    if (spans.length === 0 || this.words.has(word)) return true;
    for (const [s, e] of spans) {
      if (s > start) break;
      if (end <= e) return false;
    }
    return true;
  }

  /** True when the normalised text has `word` somewhere it counts. */
  has(text: string, spans: ReadonlyArray<[number, number]>, word: string): boolean {
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
      if (this.counts(spans, i, i + word.length, word)) return true;
    }
    return false;
  }

  /**
   * The index terms of a normalised text: `allWords` of the text between names, and of each
   * name only its unit words.
   */
  terms(text: string, allWords: (text: string) => string[]): string[] {
    const spans = this.spans(text);
    if (spans.length === 0) return allWords(text);
    const out: string[] = [];
    let at = 0;
    for (const [s, e] of spans) {
      if (s > at) out.push(...allWords(text.slice(at, s)));
      for (const w of allWords(text.slice(s, e))) if (this.words.has(w)) out.push(w);
      at = e;
    }
    if (at < text.length) out.push(...allWords(text.slice(at)));
    return out;
  }
}

/**
 * Words that name a unit: each name and alias, without its level prefix too (县文化旅游委 →
 * 文化旅游委), and the parts of a bracketed name (各乡镇（街道） → 各乡镇, 街道). They join the
 * tokenizer's dictionary, so a query 文化旅游委 stays one word.
 */
export function unitWords(departments: SearchDepartment[]): string[] {
  const words = new Set<string>();
  const add = (w: string) => {
    const t = w.trim();
    if (t.length < 2) return;
    words.add(t);
    words.add(splitLevel(t).core);
  };
  for (const d of departments) {
    for (const n of [d.name, ...d.aliases]) {
      add(n);
      const parts = n.split(/[（）()［］[\]【】〔〕]/);
      if (parts.length > 1) parts.forEach(add);
    }
  }
  return [...words];
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
