/**
 * CJK line breaking for the PDF reports: pure functions over text and a width function
 * (`measure`: a string's width in whatever unit `width` is given in); no fonts, no pdfkit.
 *
 *   breakLines(text, width, measure) → string[]
 *     Greedy CJK line breaking with 禁则 (kinsoku): no line starts with closing
 *     punctuation (CLOSING_PUNCTUATION: ，。、；：）」》？！ …) and none ends with opening
 *     punctuation (（「《 …); Latin words and numbers (2021—2035, 90%, 3.5) and short
 *     bracketed groups (（街道）) stay whole.
 *   breakFirstIndented(text, width, indent, measure)   the same with a first-line indent.
 *   balanceTitle / balancedBreak   a two-line title broken before its bracketed part, or
 *     into even halves between words (the words as jieba cuts them: util/jieba.ts).
 *   splitList / bracketOpening   items of a 、-separated list of names.
 *   fit(text, width, measure)    shorten with … to a width.
 *   findSpans(text, words) → [start, end)[]  for paragraph highlights; marksIn per line.
 */

// ---------------------------------------------------------------------------------------
// Line breaking

/** May not start a line (行首禁则). */
export const CLOSING_PUNCTUATION = new Set([...'，。、；：？！）」』》〉】〕］｝’”…·%％‰℃,.;:?!)]}', ...'ゝゞヽヾ々〻ー']);
/** May not end a line (行尾禁则). */
export const OPENING_PUNCTUATION = new Set([...'（「『《〈【〔［｛‘“([{']);

function isCjk(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x20000 && c <= 0x3134f);
}
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\u3000';

/**
 * Split text into unbreakable atoms: one CJK character, a run of Latin/digits, or a space;
 * closing punctuation sticks to what precedes, opening punctuation to what follows. A
 * dash pair ——, an ellipsis …… stay whole.
 */
export function atomize(text: string): string[] {
  const raw: string[] = [];
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (isSpace(ch)) {
      raw.push(ch);
    } else if (!isCjk(ch) && !CLOSING_PUNCTUATION.has(ch) && !OPENING_PUNCTUATION.has(ch)) {
      let run = ch;
      while (
        i + 1 < chars.length &&
        !isSpace(chars[i + 1]) &&
        !isCjk(chars[i + 1]) &&
        !CLOSING_PUNCTUATION.has(chars[i + 1]) &&
        !OPENING_PUNCTUATION.has(chars[i + 1])
      ) {
        run += chars[++i];
      }
      raw.push(run);
    } else {
      raw.push(ch);
    }
  }
  const atoms: string[] = [];
  let pendingOpen = '';
  for (const a of raw) {
    if (OPENING_PUNCTUATION.has(a)) {
      pendingOpen += a;
    } else if (pendingOpen === '' && atoms.length > 0 && CLOSING_PUNCTUATION.has([...a][0])) {
      // A closing mark after a blank still belongs to the word before the blank.
      if (isSpace(atoms[atoms.length - 1]) && atoms.length > 1) {
        const blank = atoms.pop();
        atoms[atoms.length - 1] += blank + a;
      } else {
        atoms[atoms.length - 1] += a;
      }
    } else {
      atoms.push(pendingOpen + a);
      pendingOpen = '';
    }
  }
  if (pendingOpen) {
    if (atoms.length > 0 && !isSpace(atoms[atoms.length - 1])) atoms[atoms.length - 1] += pendingOpen;
    else atoms.push(pendingOpen);
  }
  return keepShortGroups(atoms);
}

const PAIRS: Record<string, string> = { '（': '）', '(': ')', '〔': '〕', '【': '】', '「': '」' };
/** Most atoms in a bracketed group kept on one line: （街道） （自治县） （2021—2035年）. */
export const SHORT_GROUP = 4;

/** A short bracketed group is one atom: 有关乡镇 / （街道）, never 有关乡镇（街 / 道）. */
function keepShortGroups(atoms: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < atoms.length; i++) {
    const first = [...atoms[i]];
    const close = PAIRS[first[0]];
    if (close && !atoms[i].includes(close)) {
      let group = atoms[i];
      let j = i + 1;
      while (j < atoms.length && j - i < SHORT_GROUP && !isSpace(atoms[j]) && !atoms[j - 1].includes(close)) group += atoms[j++];
      if (group.includes(close)) {
        out.push(group);
        i = j - 1;
        continue;
      }
    }
    out.push(atoms[i]);
  }
  return out;
}

/** A task or item label (（八）, (十二), 4.2.1, 12.): read as one sign, so never cut, even where it is wider than its cell. */
const LABEL = /^[（(〔【]?[一二三四五六七八九十百零〇\d.．]{1,5}[）)〕】.．、]?$/;

/** The pieces cutAtom makes of an over-long atom; a label stays whole (it hangs into the cell's padding). */
function cutOrKeep(atom: string, width: number, measure: (s: string) => number): string[] {
  return LABEL.test(atom) ? [atom] : cutAtom(atom, width, measure);
}

/**
 * Greedy line breaking at `width` points; `measure` gives a string's width. Hard line
 * breaks (\n) are kept. An atom wider than a line is cut by characters (closing
 * punctuation still never starts the next line), except a label such as （八）.
 */
export function breakLines(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const hard of text.split(/\r?\n/)) {
    let line = '';
    let lineWidth = 0;
    for (const atom of atomize(hard)) {
      const w = measure(atom);
      if (lineWidth + w <= width + 0.01 || line === '') {
        if (line === '' && isSpace(atom)) continue; // no leading blanks
        if (w > width + 0.01 && line === '') {
          // Too long for any line: cut it.
          for (const part of cutOrKeep(atom, width, measure)) lines.push(part);
          const last = lines.pop() ?? '';
          line = last;
          lineWidth = measure(last);
          continue;
        }
        line += atom;
        lineWidth += w;
      } else {
        lines.push(line.trimEnd());
        if (isSpace(atom)) {
          line = '';
          lineWidth = 0;
        } else if (w > width + 0.01) {
          for (const part of cutOrKeep(atom, width, measure)) lines.push(part);
          line = lines.pop() ?? '';
          lineWidth = measure(line);
        } else {
          line = atom;
          lineWidth = w;
        }
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Where the bracket that closes a name opens (县委宣传部|（县网信办）), or -1; nested brackets count. */
export function bracketOpening(name: string): number {
  const last = name[name.length - 1];
  if (last !== '）' && last !== ')') return -1;
  let depth = 0;
  for (let i = name.length - 1; i >= 0; i--) {
    if (name[i] === '）' || name[i] === ')') depth++;
    else if (name[i] === '（' || name[i] === '(') depth--;
    if (depth === 0) return i;
  }
  return -1;
}

/** Items of a 、-separated list, each with its 、; a 、 inside brackets does not separate. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let item = '';
  for (const ch of text) {
    item += ch;
    if ('（(〔［[【'.includes(ch)) depth++;
    else if ('）)〕］]】'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (ch === '、' && depth === 0) {
      items.push(item);
      item = '';
    }
  }
  if (item) items.push(item);
  return items;
}

/**
 * Cut an atom wider than a line by characters. A closing mark that does not fit takes the
 * characters before it along to the next line; when they are all closing marks it hangs
 * past the edge instead (行末悬挂) — a line never starts with one.
 */
function cutAtom(atom: string, width: number, measure: (s: string) => number): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  // widths added up character by character: measuring each longer prefix again made a
  // 16,000-character atom (brackets nested 5,000 deep) take minutes and a width cache entry a prefix
  let currentWidth = 0;
  const widthOf = (chars: string[]) => chars.reduce((w, c) => w + measure(c), 0);
  for (const ch of atom) {
    const w = measure(ch);
    if (current.length > 0 && currentWidth + w > width + 0.01) {
      if (!CLOSING_PUNCTUATION.has(ch)) {
        parts.push(current.join(''));
        current = [ch];
        currentWidth = w;
        continue;
      }
      let k = current.length - 1;
      while (k > 0 && CLOSING_PUNCTUATION.has(current[k])) k--;
      if (k > 0) {
        parts.push(current.slice(0, k).join(''));
        current = [...current.slice(k), ch];
        currentWidth = widthOf(current);
        continue;
      }
      // all closing marks: hang a few past the edge (行末悬挂), not a whole run of them
      if (currentWidth > width * 1.5) {
        parts.push(current.join(''));
        current = [ch];
        currentWidth = w;
        continue;
      }
    }
    current.push(ch);
    currentWidth += w;
  }
  if (current.length > 0) parts.push(current.join(''));
  return parts;
}

// ---------------------------------------------------------------------------------------
// Titles, lists, highlights

/**
 * A title that needs two lines breaks before its bracketed part when both halves fit:
 * 某某实施方案 / （2021—2035年）, as 公文 titles are set, not in the middle of the years.
 */
export function balanceTitle(text: string, lines: string[], fits: (s: string) => boolean): string[] {
  if (lines.length !== 2) return lines;
  const at = Math.max(text.lastIndexOf('（'), text.lastIndexOf('('));
  if (at <= 0) return lines;
  const head = text.slice(0, at);
  const tail = text.slice(at);
  return fits(head) && fits(tail) ? [head, tail] : lines;
}

/**
 * Two lines of even width for a title, broken only between words (`words` is the text cut
 * into words) and never against 禁则; the upper line is the longer when the choice is
 * close. Null when no break fits.
 */
export function balancedBreak(text: string, width: number, measure: (s: string) => number, words: string[]): [string, string] | null {
  if (words.join('') !== text) return null;
  let best: [string, string] | null = null;
  let bestCost = Infinity;
  let at = 0;
  for (const word of words.slice(0, -1)) {
    at += word.length;
    const head = text.slice(0, at);
    const tail = text.slice(at);
    const before = [...head].at(-1) ?? '';
    const after = [...tail][0];
    if (CLOSING_PUNCTUATION.has(after) || OPENING_PUNCTUATION.has(before)) continue;
    if (/[—\-～~]/.test(before + after)) continue; // 2023—2024 stays together
    const w1 = measure(head);
    const w2 = measure(tail);
    if (w1 > width + 0.01 || w2 > width + 0.01) continue;
    // A shorter upper line costs a little more than the same difference the other way.
    const cost = w1 >= w2 ? w1 - w2 : (w2 - w1) * 1.2;
    if (cost < bestCost) {
      bestCost = cost;
      best = [head, tail];
    }
  }
  return best;
}

/** Shorten text with … to fit a width. */
export function fit(text: string, width: number, measure: (s: string) => number): string {
  if (measure(text) <= width) return text;
  const chars = [...text];
  const fits = (k: number) => measure(chars.slice(0, k).join('') + '…') <= width;
  // the longest prefix that fits with its …: found by halving (dropping one character at a
  // time and measuring the rest again took minutes on a 16,000-character title), then
  // checked step by step, so the answer is the one-by-one scan's
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  while (lo < chars.length && fits(lo + 1)) lo++;
  while (lo > 1 && !fits(lo)) lo--;
  return chars.slice(0, lo).join('') + '…';
}

/**
 * breakLines with a first-line indent; each hard line (\n) starts a new indented
 * paragraph. `start` is each line's offset in `text`.
 */
export function breakFirstIndented(
  text: string,
  width: number,
  indent: number,
  measure: (s: string) => number,
): { text: string; first: boolean; start: number }[] {
  const out: { text: string; first: boolean; start: number }[] = [];
  let cursor = 0;
  const place = (line: string, first: boolean) => {
    const start = line === '' ? cursor : text.indexOf(line, cursor);
    out.push({ text: line, first, start: start < 0 ? cursor : start });
    if (start >= 0) cursor = start + line.length;
  };
  for (const para of text.split(/\r?\n/)) {
    const trimmed = para.trim();
    if (!trimmed) {
      cursor += para.length + 1;
      continue;
    }
    // Break the first line at the indented width, the rest at full width.
    const firstLines = breakLines(trimmed, width - indent, measure);
    const first = firstLines[0] ?? '';
    place(first, true);
    const rest = trimmed.slice(first.length).trimStart();
    if (rest) for (const line of breakLines(rest, width, measure)) place(line, false);
  }
  return out;
}

/** Every occurrence of the words in text, longest word first where they overlap. */
export function findSpans(text: string, words: string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const word of [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length)) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
      const end = at + word.length;
      if (!spans.some(([a, b]) => at < b && end > a)) spans.push([at, end]);
    }
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

/** The spans that fall in a line starting at `start`, in line offsets. */
export function marksIn(line: string, start: number, spans: [number, number][]): [number, number][] {
  const end = start + line.length;
  return spans.filter(([a, b]) => a < end && b > start).map(([a, b]) => [Math.max(0, a - start), Math.min(line.length, b - start)]);
}
