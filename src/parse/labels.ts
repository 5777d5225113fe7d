import { foldDigits } from '../model/normalize.js';
import { CIRCLED_CLASS, CN_NUMERAL, parseOrdinal } from './numerals.js';

/**
 * Outline labels of 公文: 第一章 / 第一节 / 第一条 / 一、 / （一） / 1. / （1） / ① and 专栏 boxes.
 * The rank orders styles from the outermost; a document may skip styles, and the outline
 * transform nests items by rank.
 */
export interface OutlineLabel {
  style: string;
  /** The label as written, trailing spaces excluded: `（一）`, `1.`, `第三章`. */
  label: string;
  number: string;
  ordinal: number;
  rank: number;
  /** Characters from the start of the text to the start of the title (label and spaces). */
  length: number;
  /** An Arabic number followed by a space instead of 。/．(e.g. "16 提升…"). */
  bare?: boolean;
  /**
   * "11.121人才梯队项目": a number whose title starts with a figure, read like a decimal (11.121);
   * an item only where it continues the numbering.
   */
  figure?: boolean;
  /** An Arabic number of four or five digits (1000. …): an item only where it continues the numbering (not a year). */
  long?: boolean;
}

const SP = '[ \\t\\u3000\\u00a0]';
interface Pattern {
  style: string;
  rank: number;
  re: RegExp;
  bare?: boolean;
  figure?: boolean;
  long?: boolean;
}

/** Patterns run sticky at an index, so a label can be tested mid-text without slicing. */
function sticky(source: string): RegExp {
  return new RegExp(source, 'y');
}

const PATTERNS: Pattern[] = [
  { style: 'part', rank: 0, re: sticky(`第(${CN_NUMERAL}+|[0-9０-９]+)(?:部分|篇)(?:${SP}+|(?=[\\u4e00-\\u9fff]))`) },
  { style: 'chapter', rank: 1, re: sticky(`第(${CN_NUMERAL}+|[0-9０-９]+)章(?:${SP}+|(?=[\\u4e00-\\u9fff]))`) },
  { style: 'section-cn', rank: 2, re: sticky(`第(${CN_NUMERAL}+|[0-9０-９]+)节(?:${SP}+|(?=[\\u4e00-\\u9fff]))`) },
  { style: 'article', rank: 3, re: sticky(`第(${CN_NUMERAL}+|[0-9０-９]+)条(?:${SP}+|(?=[\\u4e00-\\u9fff]))`) },
  { style: 'cn', rank: 4, re: sticky(`(${CN_NUMERAL}{1,5})[、．.﹒]${SP}*`) },
  // group heads over numbered items (行动一：… / （行动一） / 专项行动1： / 任务一、 / 工程一：):
  // a level between 一、 and （一）, so the items restarting at 1. under each nest in it; the
  // style is the head word's (groupStyle): 工程一 in a 专栏 under 行动一 is no next 行动
  {
    style: 'group',
    rank: 4.5,
    re: sticky(
      `(?:专项)?(?:行动|任务|工程)(${CN_NUMERAL}{1,3}|[0-9０-９]{1,2})(?:[：:]|[、．.](?![0-9０-９〇零一二两三四五六七八九十])|${SP}+(?=[\\u4e00-\\u9fff]))${SP}*`,
    ),
  },
  { style: 'group', rank: 4.5, re: sticky(`[（(【](?:专项)?(?:行动|任务|工程)(${CN_NUMERAL}{1,3}|[0-9０-９]{1,2})[）)】]${SP}*`) },
  { style: 'paren-cn', rank: 5, re: sticky(`[（(](${CN_NUMERAL}{1,5})[）)]${SP}*`) },
  { style: 'arabic', rank: 6, re: sticky(`([0-9０-９]{1,3})(?:[.．、﹒](?!\\d)|${SP}*[)）])${SP}*`) },
  { style: 'arabic', rank: 6, re: sticky(`([0-9０-９]{1,3})${SP}+(?=[\\u4e00-\\u9fff])`), bare: true },
  { style: 'arabic', rank: 6, re: sticky(`([0-9０-９]{1,3})[.．](?=[0-9０-９]{1,4}[^\\s\\d.．%％‰:：,，、;；。万亿千百个元吨年月日项])`), figure: true },
  { style: 'arabic', rank: 6, re: sticky(`([0-9０-９]{4,5})[.．、﹒](?!\\d)${SP}*`), long: true },
  { style: 'paren-arabic', rank: 7, re: sticky(`[（(]([0-9０-９]{1,3})[）)]${SP}*`) },
  { style: 'circled', rank: 8, re: sticky(`(${CIRCLED_CLASS})${SP}*`) },
];

const NOT_SPACE = /\S/;

/** The characters each pattern can start with. */
const DIGIT_CHARS = '0123456789０１２３４５６７８９';
const LEADS: Record<string, string> = {
  part: '第',
  chapter: '第',
  'section-cn': '第',
  article: '第',
  cn: CN_NUMERAL.slice(1, -1),
  group: '专行任工（(【',
  'paren-cn': '（(',
  arabic: DIGIT_CHARS,
  'paren-arabic': '（(',
  circled: CIRCLED_CLASS.slice(1, -1),
};
/** First code unit → the patterns that may match there, in order: a label is tried only where it can start. */
const BY_FIRST = new Map<number, Pattern[]>();
for (const p of PATTERNS) {
  for (const c of LEADS[p.style]) {
    const list = BY_FIRST.get(c.charCodeAt(0));
    if (list) list.push(p);
    else BY_FIRST.set(c.charCodeAt(0), [p]);
  }
}

export const BOX_RE = sticky(`专栏${SP}*(\\d+|${CN_NUMERAL}+)?${SP}*[：:、.．]?${SP}*`);

/**
 * The ordinal of a label's number as written (１, 12, 十二, ③). Labels tried on every
 * paragraph and break carry a handful of distinct numbers: each is read once.
 */
const ordinals = new Map<string, number | null>();
function ordinalOf(number: string): number | null {
  let ordinal = ordinals.get(number);
  if (ordinal === undefined) {
    ordinal = parseOrdinal(foldDigits(number));
    if (ordinals.size < 10_000) ordinals.set(number, ordinal);
  }
  return ordinal;
}

/** The outline label at `from` in `text` (default: its start), if any. */
export function matchLabel(text: string, from = 0): OutlineLabel | null {
  const patterns = BY_FIRST.get(text.charCodeAt(from));
  if (!patterns) return null;
  for (const p of patterns) {
    p.re.lastIndex = from;
    const m = p.re.exec(text);
    if (!m) continue;
    const ordinal = ordinalOf(m[1]);
    if (ordinal === null) continue;
    // A label with nothing after it is not an outline item (e.g. a lone "1." cell).
    if (!NOT_SPACE.test(text.slice(from + m[0].length, from + m[0].length + 4)) && p.style !== 'chapter' && p.style !== 'section-cn') continue;
    const label: OutlineLabel = {
      style: p.style === 'group' ? groupStyle(m[0]) : p.style,
      label: m[0].trimEnd(),
      number: m[1],
      ordinal,
      rank: p.rank,
      length: m[0].length,
    };
    // set, not spread: a spread in a literal takes V8's slow path, on every label tried
    if (p.bare) label.bare = true;
    if (p.figure) label.figure = true;
    if (p.long) label.long = true;
    return label;
  }
  return null;
}

/** The style of a group head by its word: 行动 / 工程 / 任务 number apart. */
function groupStyle(label: string): string {
  return label.includes('工程') ? 'group-project' : label.includes('任务') ? 'group-task' : 'group-action';
}

export function matchBox(text: string, from = 0): OutlineLabel | null {
  if (text.charCodeAt(from) !== 0x4e13) return null; // 专
  BOX_RE.lastIndex = from;
  const m = BOX_RE.exec(text);
  if (!m) return null;
  const ordinal = m[1] ? (parseOrdinal(m[1]) ?? 0) : 0;
  return { style: 'box', label: m[0].trimEnd(), number: m[1] ?? '', ordinal, rank: 100, length: m[0].length };
}

/**
 * Rank of a Markdown heading: outside every numbered paragraph style and ordered by depth,
 * whether or not the heading carries a label (## 一、… holds ### 主要指标 holds 1. …).
 */
export function headingRank(depth: number): number {
  return depth * 10 - 100;
}
