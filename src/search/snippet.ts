/**
 * A short excerpt of a unit's text around its best match, with the matched words marked.
 * Pure text in, offsets out: printing (colour or 【】) is the CLI's business.
 */
export interface Snippet {
  text: string;
  /** [start, end) offsets into `text` of the matched words, in order, not overlapping. */
  highlights: Array<[number, number]>;
}

export interface SnippetOptions {
  /** Width of the excerpt in characters. Default 72. */
  width?: number;
  /** Characters of context kept before the first match. Default 16. */
  before?: number;
}

/** Which occurrences of the terms are marked. */
export interface MatchRules {
  /** False for an occurrence that is no match (a topic word inside a unit name). */
  counts?: (start: number, end: number, term: string) => boolean;
  /**
   * Terms marked only where they touch a match of another term: the single characters of a
   * query (级 of 5A级) mark 【5A级】, not every 级 of the text.
   */
  joinOnly?: ReadonlySet<string>;
}

const ELLIPSIS = '…';

/**
 * @param text the original text
 * @param normalized the same text normalised for matching, one character per character of
 *   `text` (offsets must agree)
 * @param terms normalised words to mark (query words, their matched parts, phrases)
 */
export function makeSnippet(text: string, normalized: string, terms: string[], options: SnippetOptions = {}, rules: MatchRules = {}): Snippet {
  const width = options.width ?? 72;
  const before = options.before ?? 16;
  const matches = findMatches(normalized, terms, rules);

  // The window that covers the most distinct terms (longer terms weigh more), earliest first.
  let bestStart = 0;
  let bestScore = -1;
  for (const [s] of matches) {
    const start = Math.max(0, Math.min(s - before, text.length - width));
    const seen = new Set<string>();
    let score = 0;
    for (const [ms, me] of matches) {
      if (ms < start || me > start + width) continue;
      const word = normalized.slice(ms, me);
      score += seen.has(word) ? 0.1 : word.length;
      seen.add(word);
    }
    if (score > bestScore) {
      bestScore = score;
      bestStart = start;
    }
  }
  if (matches.length > 0) bestStart = snapStart(text, bestStart, matches);
  // Never cut a marked word in two at either end.
  for (const [s, e] of matches) if (s < bestStart && e > bestStart) bestStart = s;
  let end = Math.min(text.length, bestStart + width);
  for (const [s, e] of matches) if (s < end && e > end) end = e;
  if (matches.length > 0) end = snapEnd(text, bestStart, end, matches);
  const prefix = bestStart > 0 ? ELLIPSIS : '';
  const suffix = end < text.length ? ELLIPSIS : '';
  const body = text.slice(bestStart, end).replace(/\s/g, ' ');
  const highlights: Array<[number, number]> = [];
  for (const [s, e] of matches) {
    if (e <= bestStart || s >= end) continue;
    const [from, to] = [s - bestStart + prefix.length, e - bestStart + prefix.length];
    // Words that touch are one mark: 【农业转移人口落户】, not 【农业转移人口】【落户】.
    const last = highlights[highlights.length - 1];
    if (last && last[1] === from) last[1] = to;
    else highlights.push([from, to]);
  }
  return { text: prefix + body + suffix, highlights };
}

/** Punctuation a snippet may start after or end at: a clause boundary. */
const CLAUSE_END = /[。；;！!？?，,、：:]/;
const SENTENCE_END = /[。；;！!？?]/;
/** How far (in characters) a snippet's ends move to reach a clause boundary. */
const SNAP = 10;

/**
 * Move the start forward to just after a clause boundary when one is near and before the
 * first match: "…争创省级全域旅游" rather than "…次，争创省级全域旅游".
 */
function snapStart(text: string, start: number, matches: Array<[number, number]>): number {
  if (start === 0 || CLAUSE_END.test(text[start - 1])) return start;
  const first = matches.find(([s]) => s >= start)?.[0] ?? start;
  for (let k = start; k < Math.min(first, start + SNAP); k++) if (CLAUSE_END.test(text[k])) return k + 1;
  return start;
}

/**
 * Move the end back to a clause boundary when one is near and after the last match: a
 * sentence end is kept (。), a comma is dropped ("…有效途径…", not "…有效途径，严禁借…").
 */
function snapEnd(text: string, start: number, end: number, matches: Array<[number, number]>): number {
  if (end >= text.length) return end;
  const last = Math.max(start, ...matches.filter(([s]) => s < end).map(([, e]) => e));
  for (let k = end - 1; k >= Math.max(last, end - SNAP); k--) {
    if (SENTENCE_END.test(text[k])) return k + 1;
    if (CLAUSE_END.test(text[k])) return k;
  }
  return end;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * False for an occurrence of a number inside a longer one: a query's 5% is no match in 95% or
 * 5.5%, its 20 none in 2025 (`text` normalised: full-width digits and ． folded).
 */
export function wholeNumber(text: string, start: number, end: number): boolean {
  if (isDigit(text[start]) && (isDigit(text[start - 1]) || (text[start - 1] === '.' && isDigit(text[start - 2])))) return false;
  if (isDigit(text[end - 1]) && (isDigit(text[end]) || (text[end] === '.' && isDigit(text[end + 1])))) return false;
  return true;
}

/** Occurrences of the terms, longest first where they overlap, sorted by position. */
export function findMatches(normalized: string, terms: string[], rules: MatchRules = {}): Array<[number, number]> {
  const taken = new Uint8Array(normalized.length);
  const found: Array<[number, number, boolean]> = [];
  const unique = [...new Set(terms.filter(Boolean))].sort((a, b) => b.length - a.length);
  for (const term of unique) {
    const joinOnly = rules.joinOnly?.has(term) ?? false;
    for (let i = normalized.indexOf(term); i >= 0; i = normalized.indexOf(term, i + 1)) {
      let free = true;
      for (let k = i; k < i + term.length; k++) if (taken[k]) free = false;
      if (!free || (rules.counts && !rules.counts(i, i + term.length, term))) continue;
      taken.fill(1, i, i + term.length);
      found.push([i, i + term.length, joinOnly]);
    }
  }
  found.sort((a, b) => a[0] - b[0]);
  if (!rules.joinOnly?.size) return found.map(([s, e]) => [s, e]);
  // Keep a join-only match when its run of touching matches has another term's match.
  const out: Array<[number, number]> = [];
  for (let i = 0; i < found.length; ) {
    let j = i + 1;
    while (j < found.length && found[j][0] === found[j - 1][1]) j++;
    const run = found.slice(i, j);
    const anchored = run.some((m) => !m[2]);
    for (const [s, e, joinOnly] of run) if (anchored || !joinOnly) out.push([s, e]);
    i = j;
  }
  return out;
}
