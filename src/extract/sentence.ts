/** 。；！？ and the line break. */
function isEnd(code: number): boolean {
  return code === 0x3002 || code === 0xff1b || code === 0xff01 || code === 0xff1f || code === 10;
}

/**
 * The sentence around text[start, end): from after the previous 。；！？ or line break to its
 * next one, inclusive. Long sentences are cut to `max` characters around the match, with ….
 */
export function sentenceAround(text: string, start: number, end: number, max = 160): string {
  // walk out to the nearest end each way: one lastIndexOf/indexOf per end character ran the
  // whole paragraph for each one it lacks. (From 0 it still looks at text[0], as lastIndexOf(c, -1) does.)
  let s = 0;
  for (let i = Math.max(0, Math.min(start - 1, text.length - 1)); i >= 0; i--) {
    if (isEnd(text.charCodeAt(i))) {
      s = i + 1;
      break;
    }
  }
  let e = text.length;
  for (let i = Math.max(0, end); i < text.length; i++) {
    if (isEnd(text.charCodeAt(i))) {
      e = i + 1;
      break;
    }
  }
  const sentence = text.slice(s, e).trim();
  if (sentence.length <= max) return sentence;
  const from = Math.max(s, start - (max >> 2) - 20);
  const to = Math.min(e, end + (max >> 2) + 20);
  return `${from > s ? '…' : ''}${text.slice(from, to)}${to < e ? '…' : ''}`;
}
