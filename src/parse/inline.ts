import type { Heading, Nodes, Paragraph, Text } from 'mdast';

/**
 * The plain text of a paragraph or heading, with the source offset of every character, so that
 * matches found in the text (a clause, a target, a name) map back to exact positions even when
 * the Markdown source has markup or escapes between them.
 *
 * Offsets are kept as runs (text index → source offset, length), not one number a character:
 * plain-text 公文 paragraphs are a single run, and ingest allocates far less.
 */
export class InlineText {
  constructor(
    readonly text: string,
    /** Runs as triples: [textStart, sourceStart, length, …], textStart ascending. */
    private readonly runs: number[],
    /** Source offset just after the last character. */
    readonly end: number,
  ) {}

  static exact(text: string, start: number): InlineText {
    return new InlineText(text, text.length ? [0, start, text.length] : [], start + text.length);
  }

  static empty(at: number): InlineText {
    return new InlineText('', [], at);
  }

  /** Source offset of text[i]; i === text.length gives the end. */
  at(i: number): number {
    if (i >= this.text.length) return this.end;
    const r = this.runs;
    let lo = 0;
    let hi = r.length / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (r[mid * 3] <= i) lo = mid;
      else hi = mid - 1;
    }
    return r[lo * 3 + 1] + (i - r[lo * 3]);
  }

  /** The part from `from` to `to` (text indices). */
  slice(from: number, to = this.text.length): InlineText {
    if (from <= 0 && to >= this.text.length) return this;
    const runs: number[] = [];
    const r = this.runs;
    for (let k = 0; k < r.length; k += 3) {
      const s = Math.max(r[k], from);
      const e = Math.min(r[k] + r[k + 2], to);
      if (s < e) runs.push(s - from, r[k + 1] + (s - r[k]), e - s);
    }
    return new InlineText(this.text.slice(from, to), runs, to >= this.text.length ? this.end : this.at(to));
  }

  /** Join with a separator; a separator character maps to the end of the text before it. */
  static join(parts: InlineText[], separator = '\n'): InlineText {
    if (parts.length === 1) return parts[0];
    let text = '';
    const runs: number[] = [];
    parts.forEach((p, i) => {
      if (i > 0 && separator) {
        runs.push(text.length, parts[i - 1].end, separator.length);
        text += separator;
      }
      const base = text.length;
      const r = p.runs;
      for (let k = 0; k < r.length; k += 3) runs.push(base + r[k], r[k + 1], r[k + 2]);
      text += p.text;
    });
    return new InlineText(text, runs, parts.length ? parts[parts.length - 1].end : 0);
  }

  /** From one source offset per character (Markdown alignment): compress into runs. */
  static fromOffsets(text: string, offsets: number[], end: number): InlineText {
    const runs: number[] = [];
    for (let i = 0; i < text.length; i++) {
      const n = runs.length;
      if (n && runs[n - 3] + runs[n - 1] === i && runs[n - 2] + runs[n - 1] === offsets[i]) runs[n - 1]++;
      else runs.push(i, offsets[i], 1);
    }
    return new InlineText(text, runs, end);
  }
}

/** Page furniture of text copied from PDF (— 3 —, a running head): kept in the tree, never read. */
export function isFurniture(role: unknown): boolean {
  return role === 'pageNumber' || role === 'runningHead';
}

/**
 * The 公文 parser marks the text nodes it cuts from the source (a line) with the source they
 * are a slice of, so that their text needs no check: outline, header and extractors ask for a
 * paragraph's text several times, and the check reads the whole paragraph twice.
 */
const SLICE_OF = Symbol('slice of');
/** The node's InlineText, made on first use (immutable, so one serves every reader). */
const INLINE = Symbol('inline text');
type MarkedText = Text & { [SLICE_OF]?: string; [INLINE]?: InlineText };

/** Mark a text node whose value is `doc.slice(start, end)` of its position (not "**": see collect). */
export function markSlice(t: Text, doc: string): Text {
  if (!t.value.includes('**')) {
    (t as MarkedText)[SLICE_OF] = doc;
    (t as MarkedText)[INLINE] = undefined;
  }
  return t;
}

export function inlineText(node: Paragraph | Heading | Nodes, doc: string): InlineText {
  // the plain-text route: one text node a line, each an exact slice of the source
  if ('children' in node && node.children.length === 1 && node.children[0].type === 'text') {
    const t = node.children[0] as Text;
    const s = t.position?.start.offset;
    const e = t.position?.end.offset;
    if (s !== undefined && e !== undefined && e - s === t.value.length) {
      const marked = t as MarkedText;
      if (marked[SLICE_OF] === doc) {
        const known = marked[INLINE];
        if (known && known.text === t.value && known.end === e) return known;
        return (marked[INLINE] = InlineText.exact(t.value, s));
      }
      if (!t.value.includes('**') && !t.value.includes('[^') && doc.startsWith(t.value, s)) return InlineText.exact(t.value, s);
    }
  }
  const parts: InlineText[] = [];
  collect(node, doc, parts);
  if (parts.length === 0) return InlineText.empty(node.position?.end.offset ?? 0);
  return InlineText.join(parts, '');
}

function collect(node: Nodes, doc: string, out: InlineText[]): void {
  if (node.type === 'text' && isFurniture(node.data?.role)) return;
  if (node.type === 'text' || node.type === 'inlineCode') {
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? 0;
    let value = (node as Text).value;
    // "**标题。**正文": CommonMark does not close emphasis after 。 before a letter, so the markers
    // stay in the text of Chinese Markdown; they are markup, never content
    if (node.type === 'text' && value.includes('**')) value = value.replace(/\*\*/g, '');
    const inline = align(value, doc, start, end);
    if (node.type === 'text' && value.includes('[^')) out.push(...withoutFootnoteMarks(inline));
    else out.push(inline);
    return;
  }
  if (node.type === 'html') {
    // <br> (pandoc's line break inside a table cell) is a line end; other tags are markup
    // around text that is read from its own nodes
    if (BR.test(node.value)) {
      const at = node.position?.start.offset ?? 0;
      out.push(new InlineText('\n', [0, at, 1], at + 1));
    }
    return;
  }
  // [^2] with a matching definition: CommonMark reads a link reference "^2"; a footnote mark
  if (node.type === 'linkReference' && node.identifier.startsWith('^')) return;
  if (node.type === 'break') {
    // a hard line break (two spaces or \ before the newline) is a line end, as a soft one is
    const at = node.position?.start.offset ?? 0;
    out.push(new InlineText('\n', [0, at, 1], at + 1));
    return;
  }
  if ('children' in node) for (const child of node.children) collect(child as Nodes, doc, out);
}

const BR = /^<br\s*\/?>$/i;
/** A footnote reference as pandoc writes it ([^1]), not its definition's own label ([^1]: …). */
const FOOTNOTE_MARK = /\[\^[^\]\s]{1,20}\](?![:：])/g;

/** The text without its footnote marks: "要求[^1]，" is "要求，" (the note is a paragraph of its own). */
function withoutFootnoteMarks(inline: InlineText): InlineText[] {
  const parts: InlineText[] = [];
  let from = 0;
  FOOTNOTE_MARK.lastIndex = 0;
  for (let m = FOOTNOTE_MARK.exec(inline.text); m; m = FOOTNOTE_MARK.exec(inline.text)) {
    if (m.index > from) parts.push(inline.slice(from, m.index));
    from = m.index + m[0].length;
  }
  if (from < inline.text.length) parts.push(inline.slice(from));
  return parts;
}

/**
 * Map a node's value onto its source slice. Plain-text nodes are exact slices; Markdown text
 * may drop escapes and line-leading spaces, which the walk skips over.
 */
export function align(value: string, doc: string, start: number, end: number): InlineText {
  if (end - start === value.length && doc.startsWith(value, start)) return InlineText.exact(value, start);
  const offsets: number[] = new Array(value.length);
  let s = start;
  for (let i = 0; i < value.length; i++) {
    while (s < end && doc[s] !== value[i] && (/\s/.test(doc[s]) || doc[s] === '\\' || doc[s] === '>' || doc[s] === '*')) s++;
    offsets[i] = Math.min(s, end);
    if (s < end) s++;
  }
  return InlineText.fromOffsets(value, offsets, end);
}
