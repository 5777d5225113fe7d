/**
 * Normalisation for matching only: the model keeps the original text and offsets.
 * Full-width ASCII forms (ＡＢＣ１２３：；（）) fold to half-width, the ideographic space to a
 * space, Latin to lower case, traditional characters to simplified (發改委 matches 发改委). The mapping is one code unit to one code unit, so offsets in
 * a normalised string are offsets in the original.
 */
import { foldTraditional } from './script.js';

const WIDE = /[\uff01-\uff5e\u3000]/g;
const UPPER = /[A-Z]/;

export function normalizeForMatch(text: string): string {
  const narrow = foldTraditional(text.replace(WIDE, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0))));
  return UPPER.test(narrow) ? narrow.toLowerCase() : narrow;
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
