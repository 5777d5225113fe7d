/**
 * Marks: index tokens beside the terms that let a query with no dictionary word (a number,
 * single characters, a word jieba does not know: `2035年`, `79.8%`, `宅几地`) find its
 * candidates in the index instead of scanning every unit's text. They are cut from the unit's
 * normalised text and its text terms at ingest, and looked for the same way at query time:
 *
 * - every run of digits of the text, `n2035` (79.8% has `n79` and `n8`). A word checked in the
 *   text matches only where its numbers are whole (see wholeNumber), so each run of digits of
 *   the word is a whole run of digits of the text there;
 * - every Han character of the text that no text term of the unit contains (`c和`, `c的`: a
 *   character of a term is found through the term). A unit whose text has a character has
 *   either its mark or a text term that contains it, which the `terms` table lists.
 *
 * Marks only narrow: the search checks the candidates' text by its own rules as before
 * (unit names, whole numbers), so the results are those of a scan. They are filter tokens, not
 * terms: no score, no field length, no document frequency counts them (SQLite: the `meta`
 * column, weight 0; PostgreSQL: a tsvector of their own).
 */

const HAN = /\p{Script=Han}/u;

/** Per BMP code unit: 0 not yet known, 1 a Han character, 2 not (HAN tested once a character). */
const hanKind = new Uint8Array(0x10000);
/** Per BMP code unit: the call of unitMarks that saw it in a term (a stamp, so nothing is cleared between calls). */
const coveredIn = new Uint32Array(0x10000);
let call = 0;

/** A surrogate pair at i (one character outside the BMP), as `for … of` reads it. */
function isPair(text: string, i: number, code: number): boolean {
  if (code < 0xd800 || code > 0xdbff) return false;
  const next = text.charCodeAt(i + 1);
  return next >= 0xdc00 && next <= 0xdfff;
}

function isHan(code: number, char: string): boolean {
  let kind = hanKind[code];
  if (kind === 0) kind = hanKind[code] = HAN.test(char) ? 1 : 2;
  return kind === 1;
}

/** The marks of a unit: its text (normalised as the search reads it) and its text terms. */
export function unitMarks(normalizedText: string, textTerms: string[]): string[] {
  const out = new Set<string>();
  for (const run of normalizedText.match(/\d+/g) ?? []) out.add(`n${run}`);
  // (a stamp array instead of a Set of the terms' characters: the largest cost of a document's put)
  call = (call + 1) >>> 0 || 1;
  let astral: Set<string> | null = null; // characters outside the BMP, the rare case
  for (const t of textTerms) {
    for (let i = 0; i < t.length; i++) {
      const code = t.charCodeAt(i);
      if (isPair(t, i, code)) {
        (astral ??= new Set()).add(t.slice(i, i + 2));
        i++;
      } else coveredIn[code] = call;
    }
  }
  for (let i = 0; i < normalizedText.length; i++) {
    const code = normalizedText.charCodeAt(i);
    if (isPair(normalizedText, i, code)) {
      const c = normalizedText.slice(i, i + 2);
      i++;
      if (!astral?.has(c) && HAN.test(c)) out.add(`c${c}`);
    } else if (coveredIn[code] !== call && isHan(code, normalizedText[i])) out.add(`c${normalizedText[i]}`);
  }
  return [...out];
}

/** One condition on a unit: it has one of the marks, or one of the text terms. */
export interface MarkCondition {
  marks: string[];
  terms: string[];
}

/** Terms that contain a character, with the number of units that have each. */
export type TermsWith = (char: string) => Array<[string, number]>;

/** Characters with more terms than this are not looked for by their terms (the OR would cost more than it saves). */
const MAX_TERMS = 300;
/** At most this many characters' conditions in a query. */
const MAX_CHARS = 2;

/**
 * Conditions (all must hold) that every unit whose text has all `words` meets, or null when the
 * words give none (a word of Latin letters only): then the units are scanned. Every number of
 * the words is a condition; without a number, the (at most two) characters with the fewest units.
 */
export function markConditions(words: string[], termsWith: TermsWith): MarkCondition[] | null {
  const runs = new Set<string>();
  for (const w of words) for (const run of w.match(/\d+/g) ?? []) runs.add(run);
  if (runs.size > 0) return [...runs].map((r) => ({ marks: [`n${r}`], terms: [] }));
  const chars = new Set<string>();
  for (const w of words) for (const c of w) if (HAN.test(c)) chars.add(c);
  const options: Array<{ cond: MarkCondition; units: number }> = [];
  for (const c of chars) {
    const terms = termsWith(c);
    if (terms.length > MAX_TERMS) continue;
    options.push({ cond: { marks: [`c${c}`], terms: terms.map((t) => t[0]) }, units: terms.reduce((s, t) => s + t[1], 0) });
  }
  if (options.length === 0) return null;
  options.sort((a, b) => a.units - b.units || (a.cond.marks[0] < b.cond.marks[0] ? -1 : 1));
  return options.slice(0, MAX_CHARS).map((o) => o.cond);
}
