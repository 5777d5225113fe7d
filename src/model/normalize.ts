/**
 * Normalisation for matching only: the model keeps the original text and offsets.
 * Full-width ASCII forms (ＡＢＣ１２３：；（）) fold to half-width, the ideographic space to a
 * space, Latin to lower case. The mapping is one code unit to one code unit, so offsets in
 * a normalised string are offsets in the original.
 */
const WIDE = /[\uff01-\uff5e\u3000]/g;
const UPPER = /[A-Z]/;

export function normalizeForMatch(text: string): string {
  const narrow = text.replace(WIDE, (c) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  return UPPER.test(narrow) ? narrow.toLowerCase() : narrow;
}

const WIDE_DIGIT = /[\uff10-\uff19]/g;

/** Full-width digits (２０２５) to ASCII, nothing else: for patterns over dates, numbers and 文号. */
export function foldDigits(text: string): string {
  return text.replace(WIDE_DIGIT, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
