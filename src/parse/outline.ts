import type { Data, Heading, List, Paragraph, Parent, Root, RootContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import { withoutInvisible } from '../model/normalize.js';
import { inlineText } from './inline.js';
import { headingRank, matchBox, matchLabel, type OutlineLabel } from './labels.js';
import { type LineIndex, lineIndexOf } from './location.js';

/**
 * The outline transform, shared by the 公文 text route and the Markdown route:
 * 1. lists dissolve into their items (an ordered item "1." is an outline item like a "1." line);
 * 2. paragraphs holding several outline items split (lines of a Markdown paragraph, or
 *    "…。（二）…" running on);
 * 3. blocks that start with a label (一、 （一） 1. 第一章 专栏1 …) are annotated;
 * 4. the flat sequence nests into `section` nodes by label rank.
 */

export interface OutlineMark extends OutlineLabel {
  /** Source offsets of the label (for Markdown list items, the list marker). */
  labelStart: number;
  labelEnd: number;
}

export interface SectionData extends Data {
  id: string;
  style: string;
  label: string;
  number: string;
  ordinal: number;
  rank: number;
  level: number;
  title: string;
  bare?: boolean;
}

export interface SectionNode extends Parent {
  type: 'section';
  data: SectionData;
  children: RootContent[];
}

declare module 'mdast' {
  interface RootContentMap {
    section: SectionNode;
  }
  interface BlockContentMap {
    section: SectionNode;
  }
  interface Data {
    outline?: OutlineMark;
    /** Header role of a block before the outline: issuer, noticeTitle, docNumber … */
    role?: string;
  }
}

export function outline() {
  return (tree: Root, file: VFile) => {
    const doc = String(file.value);
    const index = lineIndexOf(file);
    const flat: RootContent[] = [];
    for (const b of flatten(tree.children, doc)) {
      if (b.type === 'paragraph') flat.push(...split(b, doc, index));
      else flat.push(b);
    }
    markFrontMatter(flat, doc);
    annotate(flat, doc);
    tree.children = nest(flat, doc, index);
  };
}

function flatten(nodes: RootContent[], doc: string): RootContent[] {
  const out: RootContent[] = [];
  for (const node of nodes) {
    if (node.type === 'list') out.push(...flattenList(node, doc));
    else if (node.type === 'blockquote') out.push(...flatten(node.children, doc));
    else out.push(node);
  }
  return out;
}

function flattenList(list: List, doc: string): RootContent[] {
  const out: RootContent[] = [];
  for (const item of list.children) {
    const blocks = flatten(item.children, doc);
    const first = blocks[0];
    const start = item.position?.start.offset;
    if (list.ordered && first && (first.type === 'paragraph' || first.type === 'heading') && start !== undefined) {
      const m = /^\s*(\d{1,5})[.)．]/.exec(doc.slice(start, start + 10));
      if (m) {
        const labelStart = start + m[0].indexOf(m[1]);
        const labelEnd = first.position?.start.offset ?? start + m[0].length;
        first.data = {
          ...first.data,
          outline: { style: 'arabic', label: m[0].trim(), number: m[1], ordinal: Number(m[1]), rank: 6, length: 0, labelStart, labelEnd },
        };
      }
    }
    out.push(...blocks);
  }
  return out;
}

/** A break followed by what could start a label (the rest is checked by matchLabel). */
// (a group head, 行动二：…, only at a line start: it is no label that runs on after a 。)
const BREAKS = /(?:[\n。）〕)]|[ \u3000]+)(?=[ \t\u3000]*[第（(0-9０-９〇零一二两三四五六七八九十百①-⑳专])|\n(?=[ \t\u3000]*[行任工【])/g;
// made once: a regex literal in a function is a new object each time it runs
const INLINE_SPACE = /[ \t\u3000]/;
const SPACE = /\s/;
const SPACE_OR_WIDE = /[\s\u3000]/;
const SENTENCE_STOP = /[。；]/;
const LEADING_SPACES = /^[\s\u3000]+/;
const HEADING_END = /[。：:\s]+$/;
const FULL_STOP = /[。！？]/;
const TITLE_END = /[：:；;\s]+$/;
const NEWLINES = /\n/g;
const LINE_OR_STOP = /[。！？\n]/;

/** Labels that may continue a paragraph after a full stop: "…。（二）…". */
const INLINE_STYLES = new Set(['paren-cn', 'paren-arabic', 'circled', 'arabic', 'cn']);

function split(p: Paragraph, doc: string, index: LineIndex): Paragraph[] {
  if (p.data?.outline) return [p];
  const inline = inlineText(p, doc);
  const text = inline.text;
  const cuts: number[] = [];
  // last ordinal seen of each numbering style in this paragraph (made at the first label:
  // most paragraphs have none)
  let last: Map<string, number> | undefined;
  const own = matchLabel(text.trimStart());
  if (own) (last = new Map()).set(own.style, own.ordinal);
  // a break followed by what could start a label (the rest is checked by matchLabel)
  const breaks = BREAKS;
  breaks.lastIndex = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    const before = m[0][0] === ' ' || m[0][0] === '\u3000' ? ' ' : m[0];
    let k = m.index + m[0].length;
    while (k < text.length && INLINE_SPACE.test(text[k])) k++;
    const label = matchLabel(text, k) ?? (before === '\n' ? matchBox(text, k) : null);
    if (!label || label.bare || label.long || (label.figure && last?.get(label.style) !== label.ordinal - 1)) continue;
    if (before !== '\n') {
      // Items run together (…。（二）…, …（牵头单位：…）（二）…, a whole plan pasted as one
      // line): only where a numbering continues, or a new one starts at 1 after a full stop
      const previous = last?.get(label.style);
      const continues = previous !== undefined && previous + 1 === label.ordinal;
      const starts = (before === '。' || before === ' ') && label.ordinal === 1 && previous === undefined;
      // …（责任单位：A、B）（四）培育…: an item right after an assignment clause starts there,
      // where the page began mid-way through the item before it
      const afterClause = previous === undefined && !label.figure && closesClause(text, m.index);
      if (!INLINE_STYLES.has(label.style) || !(continues || starts || afterClause)) continue;
      if (before !== '。' && before !== ' ' && !continues && !afterClause) continue;
    }
    cuts.push(k);
    (last ??= new Map()).set(label.style, label.ordinal);
  }
  if (cuts.length === 0) return [p];
  const bounds = [0, ...cuts, text.length];
  const pieces: Paragraph[] = [];
  for (let b = 0; b + 1 < bounds.length; b++) {
    let s = bounds[b];
    let e = bounds[b + 1];
    while (s < e && SPACE.test(text[s])) s++;
    while (e > s && SPACE.test(text[e - 1])) e--;
    if (s === e) continue;
    const position = index.position(inline.at(s), inline.at(e - 1) + 1);
    const node: Text = { type: 'text', value: text.slice(s, e), position };
    pieces.push({ type: 'paragraph', children: [node], position: { start: { ...position.start }, end: { ...position.end } } });
  }
  return pieces;
}

const CLAUSE_WORDS = /牵头|责任单位|责任部门|配合|参与|参加|协同|协办|协助|负责|主办/;
const OPENS = '（(〔';
const CLOSES = '）)〕';

/** The bracket closing at `at` closes an assignment clause (…（责任单位：A、B）): no sentence inside. */
function closesClause(text: string, at: number): boolean {
  if (!CLOSES.includes(text[at])) return false;
  let depth = 0;
  for (let i = at; i >= 0 && at - i < 300; i--) {
    if (CLOSES.includes(text[i])) depth++;
    else if (OPENS.includes(text[i]) && --depth === 0) {
      const content = text.slice(i + 1, at);
      return CLAUSE_WORDS.test(content) && !/[。！？]/.test(content);
    }
  }
  return false;
}

/**
 * YAML front matter of a Markdown file (--- title: … ---): remark-parse reads it as a rule
 * and a setext heading. It is metadata, not outline: its blocks get the role `frontMatter`.
 */
function markFrontMatter(blocks: RootContent[], doc: string): void {
  const first = blocks[0];
  if (first?.type !== 'thematicBreak' || first.position?.start.offset !== 0 || !doc.startsWith('---')) return;
  for (let i = 1; i < Math.min(blocks.length, 30); i++) {
    const b = blocks[i];
    const end = b.position?.end.offset ?? 0;
    const closes = b.type === 'thematicBreak' || (b.type === 'heading' && /(^|\n)\s*---+\s*$/.test(doc.slice(b.position?.start.offset ?? 0, end)));
    if (!closes) continue;
    for (const node of blocks.slice(0, i + 1)) node.data = { ...node.data, role: 'frontMatter' };
    return;
  }
}

const ATTACHMENTS = /^附件\s*[：:]/;
/** An attachment listed by its number, its title opening with a year: 2.2025年民生实事任务清单. */
const LISTED_YEAR = /^\d{1,2}[.．、]\s*(?:19|20)\d\d年/;

function annotate(blocks: RootContent[], doc: string): void {
  const lastOrdinal = new Map<string, number>();
  let inAttachments = false;
  for (const block of blocks) {
    if (block.type !== 'paragraph' && block.type !== 'heading') continue;
    if (block.data?.outline) {
      lastOrdinal.set(block.data.outline.style, block.data.outline.ordinal);
      continue;
    }
    if (block.data?.role) continue;
    const inline = inlineText(block, doc);
    const text = inline.text;
    let k = 0;
    while (k < text.length && SPACE_OR_WIDE.test(text[k])) k++;
    const rest = text.slice(k);
    // 附件：1. … / 2. …: a notice's list of attachments is not part of the outline
    // (2.2025年…清单: an item's number before a year, no decimal 2.2025 in a list of attachments)
    const listed = inAttachments && rest.length <= 60 && !SENTENCE_STOP.test(rest) && (matchLabel(text, k)?.style === 'arabic' || LISTED_YEAR.test(rest));
    if (ATTACHMENTS.test(rest) || listed) {
      inAttachments = true;
      block.data = { ...block.data, role: 'attachment' };
      continue;
    }
    inAttachments = false;
    let label = matchBox(text, k) ?? matchLabel(text, k);
    if ((label?.bare || label?.figure || label?.long) && lastOrdinal.get('arabic') !== label.ordinal - 1) label = null;
    if (!label && block.type === 'heading' && block.depth > 1 && rest) {
      label = { style: 'heading', label: '', number: '', ordinal: 0, rank: headingRank(block.depth), length: 0 };
    }
    if (!label) continue;
    if (block.type === 'heading') label = { ...label, rank: headingRank(block.depth) };
    lastOrdinal.set(label.style, label.ordinal);
    const labelStart = inline.at(k);
    const labelEnd = inline.at(k + label.length);
    const outline: OutlineMark = {
      style: label.style,
      label: label.label,
      number: label.number,
      ordinal: label.ordinal,
      rank: label.rank,
      length: label.length,
      labelStart,
      labelEnd,
    };
    if (label.bare) outline.bare = true;
    block.data = { ...block.data, outline };
  }
}

/**
 * "问题2：…" opening a 整改方案 item: the field label only repeats the item's number; the
 * problem is the item's name.
 */
const PROBLEM_LABEL = /^(?:存在|反馈|主要)?问题\s*[0-9０-９一二三四五六七八九十]*\s*[：:][\s\u3000]*(?=\S)/;

/**
 * Title of an outline item: its first sentence, without the label, a 问题N： field label and
 * the closing 。, and without zero-width characters of a web page's copy.
 */
export function titleOf(block: Paragraph | Heading, doc: string): string {
  const inline = inlineText(block, doc);
  const text = inline.text;
  const mark = block.data?.outline;
  let k = 0;
  if (mark) while (k < text.length && inline.at(k) < mark.labelEnd) k++;
  if (block.type === 'heading' || mark?.style === 'box') {
    const rest = withoutInvisible(text.slice(k)).replace(LEADING_SPACES, '').replace(PROBLEM_LABEL, '');
    if (block.type === 'heading') return rest.replace(HEADING_END, '');
    // a box's name is its first line: its project lines follow on lines of their own
    const stop = rest.includes('\n') ? rest.search(LINE_OR_STOP) : rest.search(FULL_STOP);
    return (stop === -1 ? rest : rest.slice(0, stop)).replace(TITLE_END, '').replace(NEWLINES, '');
  }
  // Only the first sentence is cleaned, not the whole paragraph: zero-width characters and the
  // spaces and 问题N： label before it hold no full stop, so the sentence ends at the same 。
  while (k < text.length && SPACE_OR_INVISIBLE.test(text[k])) k++;
  const stop = searchFrom(text, k);
  const head = withoutInvisible(stop === -1 ? text.slice(k) : text.slice(k, stop + 1)).replace(PROBLEM_LABEL, '');
  const first = stop === -1 ? head : head.slice(0, -1);
  return first.replace(TITLE_END, '').replace(NEWLINES, '');
}

const SPACE_OR_INVISIBLE = /[\s\u3000\u200b-\u200d\u2060\ufeff]/;
const FULL_STOP_FROM = /[。！？]/g;

/** Offset of the first 。！？ at or after `from`, or -1. */
function searchFrom(text: string, from: number): number {
  FULL_STOP_FROM.lastIndex = from;
  // test, not exec: no match array; a stop is one character, just before lastIndex
  return FULL_STOP_FROM.test(text) ? FULL_STOP_FROM.lastIndex - 1 : -1;
}

/** The punctuation of a label, digits folded: "3、" → "、", "１．" → ".", "（1）" → "（）". */
function shape(label: string): string {
  let s = shapes.get(label);
  if (s === undefined) {
    s = label.replace(/[0-9０-９〇零○一二两三四五六七八九十百千]/g, '').replace(/[．﹒]/g, '.');
    // a document has a handful of distinct labels, read for every item
    if (shapes.size < 10_000) shapes.set(label, s);
  }
  return s;
}
const shapes = new Map<string, string>();

/** An item whose opening paragraph goes on past its title (a task, not a heading). */
export function holdsProse(section: SectionNode, doc: string): boolean {
  if (section.data.rank >= 6) return true;
  const first = section.children[0];
  if (!first || (first.type !== 'paragraph' && first.type !== 'heading')) return false;
  const text = inlineText(first, doc).text;
  return /。\s*\S/.test(text);
}

export function nest(blocks: RootContent[], doc: string, index: LineIndex): RootContent[] {
  const top: RootContent[] = [];
  const stack: SectionNode[] = [];
  const variantRanks = new Map<string, number>();
  const container = () => (stack.length ? stack[stack.length - 1].children : top);
  for (const block of blocks) {
    const mark = block.type === 'paragraph' || block.type === 'heading' ? block.data?.outline : undefined;
    if (mark && stack.length && stack[stack.length - 1].data.style === 'box' && mark.style !== 'box') {
      // Items listed inside a 专栏 box belong to the box unless the outline resumes.
      let resumes = mark.rank <= 4;
      for (let i = 0; i < stack.length - 1 && !resumes; i++) resumes = stack[i].data.style === mark.style;
      if (!resumes) {
        delete block.data!.outline;
        container().push(block);
        continue;
      }
    }
    if (!mark) {
      container().push(block);
      continue;
    }
    let rank = mark.rank;
    if (mark.style === 'box') {
      // A 专栏 box illustrates the part it stands in, not the numbered item before it.
      while (stack.length && (stack[stack.length - 1].data.style === 'box' || holdsProse(stack[stack.length - 1], doc))) stack.pop();
    } else {
      const top = stack[stack.length - 1];
      const variant = `${mark.style}|${shape(mark.label)}`;
      // "3、…" then "１．…": numbering that starts again at 1 in another hand is a level below,
      // and so are the items that follow in that hand
      if (top && top.data.style === mark.style && mark.ordinal === 1 && shape(top.data.label) !== shape(mark.label)) {
        rank = top.data.rank + 0.5;
        variantRanks.set(variant, rank);
      } else rank = variantRanks.get(variant) ?? sequenceRank(stack, mark) ?? mark.rank;
      while (stack.length && stack[stack.length - 1].data.rank >= rank) stack.pop();
    }
    const section: SectionNode = {
      type: 'section',
      data: {
        id: '',
        style: mark.style,
        label: mark.label,
        number: mark.number,
        ordinal: mark.ordinal,
        rank,
        level: stack.length + 1,
        title: titleOf(block as Paragraph | Heading, doc),
      },
      children: [block],
      // from the label on: a Markdown list marker lies before its paragraph
      position: block.position ? { start: index.point(Math.min(mark.labelStart, block.position.start.offset!)), end: { ...block.position.end } } : undefined,
    };
    if (mark.bare) section.data.bare = true; // set, not spread into the literal (V8's slow path)
    container().push(section);
    stack.push(section);
  }
  assignIds(top, 's');
  extend(top);
  return top;
}

/**
 * The rank of the item a label continues: "## 一、" (a heading's rank) then "**二、**" (a bold
 * paragraph, the style's own rank) are one sequence, so siblings (Word's heading typed bold).
 */
function sequenceRank(stack: SectionNode[], mark: OutlineMark): number | undefined {
  for (let i = stack.length - 1; i >= 0; i--) {
    const d = stack[i].data;
    if (d.style === mark.style && shape(d.label) === shape(mark.label)) return d.ordinal < mark.ordinal ? d.rank : undefined;
  }
  return undefined;
}

function assignIds(nodes: RootContent[], prefix: string): void {
  let n = 0;
  for (const node of nodes) {
    if (node.type !== 'section') continue;
    n++;
    node.data.id = prefix === 's' ? `s${n}` : `${prefix}.${n}`;
    assignIds(node.children, node.data.id);
  }
}

/** A section's position runs from its label to the end of its last descendant. */
export function extend(nodes: RootContent[]): void {
  for (const node of nodes) {
    if (node.type !== 'section') continue;
    extend(node.children);
    const last = node.children[node.children.length - 1];
    if (node.position && last?.position) node.position.end = { ...last.position.end };
  }
}
