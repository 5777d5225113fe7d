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

/** Pinyin notes as invisible characters of the same length. */
export function maskPinyinNotes(text: string): string {
  const bare = maskBareNotesInNumbers(text);
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

/** The text the reader reads: traditional folded, pinyin notes masked; same length as the original. */
export function readingText(text: string): string {
  return maskMarkup(maskQuestionIndent(maskPinyinNotes(foldTraditional(text))));
}

const CHINESE_OR_NOTE = /[\u3400-\u9fff\u200b]/;

/** Keys of the model whose strings are codes, not text. */
// a diagnostic's message is our sentence (its quotes of the text stay as read, folded)
const CODE_KEYS = new Set([
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
