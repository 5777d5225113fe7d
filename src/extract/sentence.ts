const ENDS = ['。', '；', '！', '？', '\n'];

/**
 * The sentence around text[start, end): from after the previous 。；！？ or line break to its
 * next one, inclusive. Long sentences are cut to `max` characters around the match, with ….
 */
export function sentenceAround(text: string, start: number, end: number, max = 160): string {
  let s = 0;
  for (const c of ENDS) s = Math.max(s, text.lastIndexOf(c, start - 1) + 1);
  let e = text.length;
  for (const c of ENDS) {
    const at = text.indexOf(c, end);
    if (at !== -1 && at + 1 < e) e = at + 1;
  }
  const sentence = text.slice(s, e).trim();
  if (sentence.length <= max) return sentence;
  const from = Math.max(s, start - (max >> 2) - 20);
  const to = Math.min(e, end + (max >> 2) + 20);
  return `${from > s ? '…' : ''}${text.slice(from, to)}${to < e ? '…' : ''}`;
}
