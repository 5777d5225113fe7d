import type { Heading, Paragraph, Root, RootContent, Table } from 'mdast';
import type { VFile } from 'vfile';
import type { AliasTable } from '../model/departments.js';
import type { PolicyDocument, Position } from '../model/types.js';
import { InlineText, inlineText, isFurniture } from '../parse/inline.js';
import type { LineIndex } from '../parse/location.js';
import type { SectionNode } from '../parse/outline.js';

/**
 * What the extractors share: the source, the tree, and the model being filled in. Each
 * extractor is a small function `(ctx) => void` that reads the tree (and what earlier
 * extractors found) and adds its part; problems go to `ctx.file.message` with a position,
 * never thrown.
 */
export interface Context {
  doc: string;
  file: VFile;
  tree: Root;
  index: LineIndex;
  aliases: AliasTable;
  /** Every paragraph/heading/table in reading order, with its enclosing sections. */
  blocks: Block[];
  model: PolicyDocument;
  /** Set by the structure extractor: the section of each task (by task number). */
  taskSections: Map<string, SectionNode>;
  /** Clause ranges (source offsets), so prose scans can skip them. */
  clauseRanges: [number, number][];
  /**
   * For each section: its enclosing sections (itself last), all blocks inside it, and its own
   * paragraphs and headings (not its subsections', no tables).
   */
  sectionInfo: Map<SectionNode, { ancestors: SectionNode[]; blocks: Block[]; own: Block[] }>;
}

export interface Block {
  node: Paragraph | Heading | Table;
  /** Innermost section, or null before the outline. */
  section: SectionNode | null;
  /** Enclosing sections, outermost first. */
  ancestors: SectionNode[];
  /** Text without the outline label (for the block that opens a section), with offsets. */
  content: InlineText;
  role: string | null;
}

export function collectBlocks(tree: Root, doc: string): Block[] {
  const out: Block[] = [];
  const visit = (nodes: RootContent[], ancestors: SectionNode[]) => {
    for (const node of nodes) {
      if (node.type === 'section') visit(node.children, [...ancestors, node]);
      else if (isFurniture(node.data?.role)) continue;
      else if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'table') {
        const section = ancestors[ancestors.length - 1] ?? null;
        const content = node.type === 'table' ? InlineText.empty(node.position?.start.offset ?? 0) : stripLabel(node, doc);
        out.push({ node, section, ancestors, content, role: node.data?.role ?? null });
      }
    }
  };
  visit(tree.children, []);
  return out;
}

const SPACE = /[\s\u3000]/;

function stripLabel(node: Paragraph | Heading, doc: string): InlineText {
  const full = inlineText(node, doc);
  const mark = node.data?.outline;
  let k = 0;
  if (mark) while (k < full.text.length && full.at(k) < mark.labelEnd) k++;
  while (k < full.text.length && SPACE.test(full.text[k])) k++;
  return full.slice(k);
}

/** Join texts with newlines, keeping offsets (a newline maps to the end of the text before it). */
export function joinTexts(parts: InlineText[]): InlineText {
  return parts.length === 0 ? InlineText.empty(0) : InlineText.join(parts, '\n');
}

/** Source position of text[start, end) of an InlineText. */
export function spanPosition(ctx: Context, t: InlineText, start: number, end: number): Position {
  const s = t.at(start);
  const e = end > start ? t.at(end - 1) + 1 : s;
  return ctx.index.position(s, e);
}

export function nodePosition(ctx: Context, node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Position {
  return ctx.index.position(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
}

/** Index the sections once: ancestors and blocks of each, in reading order. */
export function indexSections(blocks: Block[]): Context['sectionInfo'] {
  const info: Context['sectionInfo'] = new Map();
  for (const b of blocks) {
    for (let i = 0; i < b.ancestors.length; i++) {
      const s = b.ancestors[i];
      let entry = info.get(s);
      if (!entry) info.set(s, (entry = { ancestors: b.ancestors.slice(0, i + 1), blocks: [], own: [] }));
      entry.blocks.push(b);
      if (s === b.section && b.node.type !== 'table') entry.own.push(b);
    }
  }
  return info;
}

/** The number of the innermost enclosing task (sections outermost first), without copying them. */
export function innermostTask(ancestors: SectionNode[], taskOf: Map<unknown, string>): string | null {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const number = taskOf.get(ancestors[i]);
    if (number !== undefined) return number;
  }
  return null;
}

/** All blocks inside a section (its own and its subsections'). */
export function blocksOf(ctx: Context, section: SectionNode): Block[] {
  return ctx.sectionInfo.get(section)?.blocks ?? [];
}

/** A section's own paragraphs and headings: not its subsections', no tables. */
export function ownBlocksOf(ctx: Context, section: SectionNode): Block[] {
  return ctx.sectionInfo.get(section)?.own ?? [];
}

/** Enclosing sections of a section, outermost first, itself last. */
export function ancestorsOf(ctx: Context, section: SectionNode): SectionNode[] {
  return ctx.sectionInfo.get(section)?.ancestors ?? [section];
}

/**
 * Whether a source offset lies in a clause: the ranges merged and sorted once per document, so
 * each of the many look-ups (every unit and name found in the prose) is a binary search, not a
 * scan over all clauses. Made once per document (ranges are only added to, before the prose scans).
 */
const clauseTests = new WeakMap<Context, { count: number; test: (offset: number) => boolean }>();
export function clauseTest(ctx: Context): (offset: number) => boolean {
  const ranges = ctx.clauseRanges;
  const cached = clauseTests.get(ctx);
  if (cached && cached.count === ranges.length) return cached.test;
  const sorted = ranges.filter(([s, e]) => s < e).sort((x, y) => x[0] - y[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [s, e] of sorted) {
    const n = ends.length;
    if (n > 0 && s <= ends[n - 1]) ends[n - 1] = Math.max(ends[n - 1], e);
    else starts.push(s), ends.push(e);
  }
  const test = (offset: number) => {
    // the last merged range starting at or before the offset
    let lo = 0;
    let hi = starts.length - 1;
    if (hi < 0 || offset < starts[0]) return false;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return offset < ends[lo];
  };
  clauseTests.set(ctx, { count: ranges.length, test });
  return test;
}
