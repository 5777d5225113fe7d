/** Chinese numerals as they appear in outline numbers and dates. */

const DIGITS: Record<string, number> = Object.fromEntries(
  [...'〇零○ＯO一二两三四五六七八九'].map((c, i) => [c, [0, 0, 0, 0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9][i]]),
);
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const CN_NUMERAL = '[〇零○一二两三四五六七八九十百千]';

/** 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; digit strings (二〇二三) read digit by digit. */
export function parseChineseNumber(s: string): number | null {
  if (!s) return null;
  if (/^\d+$/.test(s)) return Number(s);
  let hasUnit = false;
  for (const c of s) {
    if (c in UNITS) hasUnit = true;
    else if (!(c in DIGITS)) return null;
  }
  if (!hasUnit) {
    // 二〇二三: positional digits
    let n = 0;
    for (const c of s) n = n * 10 + DIGITS[c];
    return n;
  }
  let total = 0;
  let digit = 0;
  for (const c of s) {
    if (c in DIGITS) digit = DIGITS[c];
    else {
      total += (digit || 1) * UNITS[c];
      digit = 0;
    }
  }
  return total + digit;
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
export const CIRCLED_CLASS = `[${CIRCLED}]`;
export function parseCircled(c: string): number | null {
  const i = CIRCLED.indexOf(c);
  return i === -1 ? null : i + 1;
}

/** Any numeral an outline label may carry. */
export function parseOrdinal(s: string): number | null {
  return parseCircled(s) ?? parseChineseNumber(s);
}
