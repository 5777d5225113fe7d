/**
 * Normalisation for matching only: the model keeps the original text and offsets.
 * Full-width ASCII forms (ＡＢＣ１２３：；（）) fold to half-width, the ideographic space to a
 * space, Latin to lower case, traditional characters to simplified (發改委 matches 发改委). The mapping is one code unit to one code unit, so offsets in
 * a normalised string are offsets in the original.
 */
import { traditionalPairs } from './script.js';

/** Code unit → its fold (full-width to half-width, then traditional to simplified); 0: unchanged. */
let FOLD: Uint16Array | null = null;

function foldTable(): Uint16Array {
  if (FOLD) return FOLD;
  const t = new Uint16Array(0x10000);
  const trad = traditionalPairs();
  for (const [from, to] of trad) t[from] = to;
  for (let c = 0xff01; c <= 0xff5e; c++) {
    const narrow = c - 0xfee0;
    t[c] = trad.get(narrow) ?? narrow;
  }
  t[0x3000] = 0x20;
  FOLD = t;
  return t;
}

export function normalizeForMatch(text: string): string {
  // one pass over the code units (this runs on every unit text a search reads): the same result as
  // folding full-width forms, then traditional characters, then lower-casing when A–Z remain
  const table = foldTable();
  let out: string[] | null = null;
  let from = 0;
  let upper = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const f = table[c];
    if (f === 0) {
      if (c >= 65 && c <= 90) upper = true;
      continue;
    }
    if (f >= 65 && f <= 90) upper = true;
    out ??= [];
    if (i > from) out.push(text.slice(from, i));
    out.push(String.fromCharCode(f));
    from = i + 1;
  }
  const narrow = out === null ? text : (from < text.length && out.push(text.slice(from)), out.join(''));
  return upper ? narrow.toLowerCase() : narrow;
}

const WIDE_DIGIT = /[\uff10-\uff19]/g;

/** Full-width digits (２０２５) to ASCII, nothing else: for patterns over dates, numbers and 文号. */
export function foldDigits(text: string): string {
  return text.replace(WIDE_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Zero-width characters a web page's copy leaves inside words (U+200B/C/D, U+2060, U+FEFF):
 * invisible, they make 县交通运输委 and \u200b县交通运输委 two names. Dropped from names and
 * titles only; the text the positions point into keeps them.
 */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g;
const HAS_INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/;

export function withoutInvisible(text: string): string {
  return HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text;
}
