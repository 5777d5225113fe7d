/**
 * Traditional script, read as simplified: documents of Hong Kong, Macao and Taiwan style, and
 * mainland pages served through traditional-script mirrors (牽頭單位, 責任單位, 發改委, 號), are
 * read by folding each character to its simplified form first — one code unit for one, so
 * every offset and position stays where it was — and the model's strings are then given back
 * as written (see `restoreAsWritten`). Names as written stay findable by their simplified
 * form: `normalizeForMatch` folds with the same table.
 *
 * Mirror sites also annotate characters with their pinyin (發(fā)展, 創新(xīn)): those notes
 * are read as invisible characters (U+200B, which names and titles drop), again without
 * moving any offset.
 */
import { readFileSync } from 'node:fs';

let table: Map<number, number> | null = null;
let tradClass: RegExp | null = null;

function load(): Map<number, number> {
  if (table) return table;
  const map = JSON.parse(readFileSync(new URL('../../data/t2s.json', import.meta.url), 'utf8')) as Record<string, string>;
  table = new Map(Object.entries(map).map(([t, s]) => [t.charCodeAt(0), s.charCodeAt(0)]));
  const chars = Object.keys(map)
    .join('')
    .replace(/[\\\]\-^]/g, '\\$&');
  tradClass = new RegExp(`[${chars}]`);
  return table;
}

/** The fold as pairs (traditional code unit → simplified), for callers that build their own tables. */
export function traditionalPairs(): Map<number, number> {
  return load();
}

/** Whether the text holds any traditional character the table folds. */
export function hasTraditional(text: string): boolean {
  load();
  return tradClass!.test(text);
}

/** Each traditional character to its simplified form; nothing else changes, lengths stay. */
export function foldTraditional(text: string): string {
  const map = load();
  if (!tradClass!.test(text)) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const s = map.get(text.charCodeAt(i));
    if (s !== undefined) {
      out += text.slice(from, i) + String.fromCharCode(s);
      from = i + 1;
    }
  }
  return out + text.slice(from);
}

// a pinyin note right after a Chinese character: (fā) (jīng) (xīn) — a tone mark is required,
// so list markers such as (a) and abbreviations such as (PPP) are never taken for one
const PINYIN_NOTE = /(?<=[\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7}[)）]/g;
const TONE = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;
const HAS_NOTE = /[(（][a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;

/**
 * A note without its tone mark (廣(guang)西, 區(qu)(qu) doubled): read as one only on a page that writes
 * them all over (TONELESS_PAGE or more), where a lowercase syllable in brackets after a
 * character is no list marker.
 */
const TONELESS_NOTE = /(?<=[\u3400-\u9fff])(?:[(（][a-z]{1,6}[)）])+/g;
const TONELESS_PAGE = 8;

/** Pinyin notes as invisible characters of the same length. */
export function maskPinyinNotes(text: string): string {
  let bare = maskBareNotesInNumbers(text);
  if ((bare.match(TONELESS_NOTE)?.length ?? 0) >= TONELESS_PAGE) bare = bare.replace(TONELESS_NOTE, (m) => '\u200b'.repeat(m.length));
  if (!HAS_NOTE.test(bare)) return bare;
  return bare.replace(PINYIN_NOTE, (m) => (TONE.test(m) ? '\u200b'.repeat(m.length) : m));
}

/**
 * Notes without their tone marks, in a 文号 line only (发改地(di)区[2016]1771号(hao)): there a
 * lowercase syllable in brackets after a character is a note, not a list marker.
 */
const BARE_NOTE = /(?<=[\u3400-\u9fff])[(（][a-z]{1,6}[)）]/g;
const NUMBER_LINE = /^[\t \u3000]*[\u3400-\u9fff]{1,16}[〔［[【(（]\d{4}[〕］\]】)）]第?\d{1,4}[号號][\t \u3000]*$/;
function maskBareNotesInNumbers(text: string): string {
  if (!/[(（][a-z]{1,6}[)）]/.test(text)) return text;
  return text.replace(/^.{1,60}$/gm, (line) => {
    if (!BARE_NOTE.test(line)) return line;
    BARE_NOTE.lastIndex = 0;
    return NUMBER_LINE.test(line.replace(BARE_NOTE, '')) ? line.replace(BARE_NOTE, (m) => '\u200b'.repeat(m.length)) : line;
  });
}

/**
 * Indentation a page's encoding turned into question marks (??上海市…办公室, ??2023年4月23日, a line of
 * ?? alone: each full-width space became one ?): spaces, where three lines or more open so.
 */
const QUESTION_INDENT = /^([ \t\u3000]*)(\?{2,})(?=[\u3400-\u9fff\d（(“《〔【]|[ \t\u3000]*$)/gm;
export function maskQuestionIndent(text: string): string {
  if (text.indexOf('??') === -1) return text;
  const n = text.match(QUESTION_INDENT)?.length ?? 0;
  if (n < 3) return text;
  return text.replace(QUESTION_INDENT, (_m, lead: string, marks: string) => lead + ' '.repeat(marks.length));
}

/**
 * A page's HTML markup copied with its text (<p style="…">…</p><p><strong>…</strong></p>, all on
 * one line): a block tag ends a line — spaces, then the line end in its last place — and an inline
 * tag is spaces; same length. Only where paragraphs are marked up so (two </p> or more): a
 * Markdown table's <br> stays.
 */
const BLOCK_TAG = /<\/?(?:p|div|br|h[1-6]|li|ul|ol|tr|table|tbody|section|article|center|blockquote)\b[^<>\n]{0,300}?\/?>/gi;
const INLINE_TAG = /<\/?(?:strong|b|i|em|span|font|u|a|sup|sub|small|big)\b[^<>\n]{0,300}?>/gi;
export function maskMarkup(text: string): string {
  if (text.indexOf('</p>') === -1 || (text.match(/<\/p>/g)?.length ?? 0) < 2) return text;
  return text.replace(BLOCK_TAG, (m) => ' '.repeat(m.length - 1) + '\n').replace(INLINE_TAG, (m) => ' '.repeat(m.length));
}

/**
 * Item labels a mirror garbled by reading GBK bytes one byte off (?。ǘ┩七…, ?。ㄎ澹┘涌…: a
 * full-width space and （五） decoded from their second byte on): the label is given back, same
 * length (spaces, then （五）). The numeral is read back from the bytes the garbled characters
 * stand for (ㄎ澹 = A8CE E5A3: 五 is CEE5); where a byte was lost (?。ㄈ┲: 三 is C8FD, only C8
 * is left) the lead byte tells 一 to 十 apart, and where nothing is left (?。﹩) the label
 * continues the one before it. Only at a line's start, only where the garbled run closes on the
 * character that the label's ） became (GBK lead byte A9: ┩ ┲ ┘ ﹩), and only for numerals —
 * ?。ù思_發布) (（此件公开发布）) stays as it is.
 */
const GARBLED_LABEL = /^([ \t\u3000]*)[?\ufffd]。([^\n]{0,4}?)([\u2500-\u257f\ufe49-\ufe6b])/gm;
const DIGIT_LEADS = new Map([
  [0xd2, '一'],
  [0xb6, '二'],
  [0xc8, '三'],
  [0xcb, '四'],
  [0xce, '五'],
  [0xc1, '六'],
  [0xc6, '七'],
  [0xb0, '八'],
  [0xbe, '九'],
  [0xca, '十'],
]);
const NUMERALS = '一二三四五六七八九十';
let gbk: Map<string, number[]> | null = null;
function gbkBytes(ch: string): number[] | undefined {
  if (!gbk) {
    gbk = new Map();
    const decoder = new TextDecoder('gbk');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const c = decoder.decode(Uint8Array.of(a, b));
        if (c.length === 1 && c !== '\ufffd' && !gbk.has(c)) gbk.set(c, [a, b]);
      }
    }
  }
  return gbk.get(ch);
}
function numeralValue(n: string): number {
  if (n === '十') return 10;
  if (n.length === 1) return NUMERALS.indexOf(n) + 1;
  const m = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/.exec(n);
  if (!m) return 0;
  return (m[1] ? NUMERALS.indexOf(m[1]) + 1 : 1) * 10 + (m[2] ? NUMERALS.indexOf(m[2]) + 1 : 0);
}
function numeralOf(v: number): string {
  if (v <= 10) return NUMERALS[v - 1];
  if (v < 20) return '十' + NUMERALS[v - 11];
  return NUMERALS[Math.floor(v / 10) - 1] + '十' + (v % 10 ? NUMERALS[(v % 10) - 1] : '');
}
function garbledNumeral(middle: string): string | null {
  const bytes: number[] = [];
  for (const ch of middle) {
    const b = gbkBytes(ch);
    if (b) bytes.push(...b);
  }
  if (bytes[0] !== 0xa8) return bytes.length === 0 ? '' : null;
  const rest = bytes.slice(1);
  // the numeral's bytes run up to the ） lead byte A3, at an even place
  let end = rest.findIndex((b, i) => b === 0xa3 && i % 2 === 0 && i > 0);
  if (end === -1) end = rest.length;
  const own = rest.slice(0, end);
  if (own.length >= 2 && own.length % 2 === 0) {
    const n = new TextDecoder('gbk').decode(Uint8Array.from(own));
    if (/^[一二三四五六七八九十]{1,3}$/.test(n) && numeralValue(n) > 0) return n;
  }
  return own.length >= 1 && own.length <= 2 ? (DIGIT_LEADS.get(own[0]) ?? null) : null;
}
export function maskGarbledLabels(text: string): string {
  if (!/^[ \t\u3000]*[?\ufffd]。/m.test(text)) return text;
  let out = '';
  let from = 0;
  let last = 0;
  const clean = /^[ \t\u3000]*[（(]([一二三四五六七八九十]{1,3})[）)]/gm;
  const cleanAt: { at: number; v: number }[] = [];
  for (let m; (m = clean.exec(text)); ) cleanAt.push({ at: m.index, v: numeralValue(m[1]) });
  let k = 0;
  for (let m; (m = GARBLED_LABEL.exec(text)); ) {
    while (k < cleanAt.length && cleanAt[k].at < m.index) last = cleanAt[k++].v;
    const n = garbledNumeral(m[2]);
    if (n === null) continue;
    const value = n === '' ? last + 1 : numeralValue(n);
    if (n === '' && last === 0) continue;
    const label = '（' + numeralOf(value) + '）';
    const start = m.index + m[1].length;
    const length = m[0].length - m[1].length;
    if (label.length > length) continue;
    out += text.slice(from, start) + ' '.repeat(length - label.length) + label;
    from = start + length;
    last = value;
  }
  return from === 0 ? text : out + text.slice(from);
}

/**
 * A forum's anti-copy junk (a Discuz 干扰码, hidden on the page, copied with its text): runs of one-
 * and two-character ASCII tokens set apart by single spaces (c6 R) x2 {4 P# q8 L1 w), at a line's
 * end, at its start or glued to a name: spaces, same length. Only a run of six tokens or more,
 * three of them a letter or digit beside a sign or a letter beside a digit (x2, {4, P#), and only
 * where a page has three such runs or more: a table's | 1 | 2 | or a list of grid codes stays.
 */
const JAM_RUN = /(?:[\x21-\x7e]{1,2} ){5,}[\x21-\x7e]{1,2}/g;
const JAM_TOKEN = /^(?:[A-Za-z][0-9]|[0-9][A-Za-z]|[A-Za-z0-9][^A-Za-z0-9]|[^A-Za-z0-9][A-Za-z0-9])$/;
const jammed = (run: string) => run.split(' ').filter((t) => JAM_TOKEN.test(t)).length >= 3;
export function maskJammer(text: string): string {
  const runs = text.match(JAM_RUN);
  if (!runs || runs.filter(jammed).length < 3) return text;
  return text.replace(JAM_RUN, (m) => (jammed(m) ? ' '.repeat(m.length) : m));
}

/** The text the reader reads: traditional folded, pinyin notes masked; same length as the original. */
export function readingText(text: string): string {
  return maskMarkup(maskQuestionIndent(maskPinyinNotes(foldTraditional(maskGarbledLabels(maskJammer(text))))));
}

const CHINESE_OR_NOTE = /[\u3400-\u9fff\u200b]/;

/** Keys of the model whose strings are codes, not text. */
// a diagnostic's message is our sentence (its quotes of the text stay as read, folded)
const CODE_KEYS = new Set([
  'number',
  'id',
  'schemaVersion',
  'style',
  'kind',
  'severity',
  'rule',
  'role',
  'comparator',
  'message',
  'section',
  'parent',
  'outlineId',
  'task',
  'date',
]);

/**
 * Give the model's strings back as written: a string read from the folded text is found
 * there (near the position of the object that holds it) and replaced by the original's
 * characters at the same offsets. Strings the reader composed (a canonical name from the
 * alias table, a joined title) that the folded text does not hold stay as they are.
 */
export function restoreAsWritten<T>(model: T, original: string, reading: string): T {
  if (original === reading) return model;
  const cache = new Map<string, string>();
  // names and titles drop invisible characters, so a masked pinyin note inside a name (市發(fā)改委)
  // is found in the reading text without its mask; the original then gives its characters
  // outside the note
  let compact: { reading: string; original: string } | null = null;
  let masked: boolean | undefined;
  const compactTexts = () => {
    if (compact) return compact;
    let r = '';
    let o = '';
    for (let i = 0; i < reading.length; i++) {
      if (reading.charCodeAt(i) === 0x200b && original.charCodeAt(i) !== 0x200b) continue;
      r += reading[i];
      o += original[i];
    }
    compact = { reading: r, original: o };
    return compact;
  };
  const restore = (s: string, hint: number): string => {
    if (!CHINESE_OR_NOTE.test(s)) return s;
    const cached = cache.get(s);
    if (cached !== undefined) return cached;
    let at = reading.indexOf(s, Math.max(0, hint));
    if (at === -1) at = reading.indexOf(s);
    // the two texts differ only in script and masked notes, offset for offset
    let result = s;
    if (at !== -1) result = original.slice(at, at + s.length);
    else if ((masked ??= reading.includes('\u200b'))) {
      const c = compactTexts();
      const k = c.reading.indexOf(s);
      if (k !== -1) result = c.original.slice(k, k + s.length);
    }
    // names the reader joined by 、 (a joint document's issuers, from a line or lines of the
    // signature): each found where it is written
    if (result === s && s.includes('、'))
      result = s
        .split('、')
        .map((part) => restore(part, hint))
        .join('、');
    // a text the reader joined from pieces with a line end between them (a task's blocks, cut from
    // one run-together line of a preview): each piece found where it is written
    if (result === s && s.includes('\n'))
      result = s
        .split('\n')
        .map((part) => restore(part, hint))
        .join('\n');
    cache.set(s, result);
    return result;
  };
  const walk = (value: unknown, hint: number): unknown => {
    if (typeof value === 'string') return restore(value, hint);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = walk(value[i], hint);
      return value;
    }
    if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      const start = (o.position as { start?: { offset?: number } } | undefined)?.start?.offset;
      const here = typeof start === 'number' ? start : hint;
      for (const key of Object.keys(o)) {
        if (CODE_KEYS.has(key) || key === 'position' || key === 'source') continue;
        o[key] = walk(o[key], here);
      }
    }
    return value;
  };
  walk(model, 0);
  return model;
}
