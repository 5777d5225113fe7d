/**
 * Normalisation for matching only: the model keeps the original text and offsets.
 * Full-width ASCII forms (ＡＢＣ１２３：；（）) fold to half-width, the ideographic space to a
 * space, Latin to lower case. The mapping is one code unit to one code unit, so offsets in
 * a normalised string are offsets in the original.
 */
const NEEDS = /[\uff01-\uff5e\u3000A-Z]/;

export function normalizeForMatch(text: string): string {
  if (!NEEDS.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += ' ';
    else out += text[i];
  }
  return out.toLowerCase();
}
