import type { Paragraph, Parent, Root, RootContent, Table, TableCell, TableRow, Text } from 'mdast';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Processor } from 'unified';
import type { VFile } from 'vfile';
import { type LineIndex, lineIndexOf } from './location.js';
import type { Line } from './text-tables.js';

/**
 * GFM pipe tables for remark-parse, without the rest of GFM. Policy documents need tables;
 * autolink literals, footnotes and strikethrough cost a third of parse time (measured on the
 * scale corpus) and add nothing to a 公文.
 */
export function remarkTables(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

/**
 * What pandoc writes from a Word file and CommonMark does not read: grid tables (+---+ borders)
 * and simple tables (a row of dash runs under the header) come out as paragraphs of ASCII art,
 * and a footnote definition without a space ([^2]:text) as a link definition, which drops its
 * text. Tables become table nodes (cells keep their source offsets), definitions paragraphs.
 */
export function remarkPandocBlocks() {
  return (tree: Root, file: VFile) => {
    const index = lineIndexOf(file);
    const walk = (parent: Parent) => {
      const kids = parent.children as RootContent[];
      for (let i = 0; i < kids.length; i++) {
        const node = kids[i];
        if (node.type === 'definition' && node.identifier.startsWith('^') && node.position) {
          kids[i] = sliceParagraph(index, node.position.start.offset!, node.position.end.offset!);
        } else if (node.type === 'paragraph') {
          const table = gridTable(node, index, file);
          if (table) kids[i] = table;
        } else if (node.type === 'thematicBreak' && i > 0 && i + 1 < kids.length) {
          const table = simpleTable(kids[i - 1], node, kids[i + 1], index);
          if (table) {
            kids.splice(i - 1, 3, table);
            i--;
          }
        } else if ('children' in node && node.type !== 'table') walk(node as Parent);
      }
    };
    walk(tree);
  };
}

const unescape = (s: string) => s.replace(/\\([!-/:-@[-`{-~])/g, '$1');

/** A text node of a source span, its escapes (\*, \[) read (inlineText maps them back). */
function textOf(index: LineIndex, start: number, end: number): Text {
  return { type: 'text', value: unescape(index.text.slice(start, end)), position: index.position(start, end) };
}

function sliceParagraph(index: LineIndex, start: number, end: number): Paragraph {
  const text = textOf(index, start, end);
  return { type: 'paragraph', children: [text], position: index.position(start, end) };
}

/** Cell spans between the pipes of a line (start, end offsets, spaces trimmed); null if not `| … |`. */
function pipeCells(line: Line): [number, number][] | null {
  const t = line.text;
  const pipes: number[] = [];
  for (let k = 0; k < t.length; k++) if (t[k] === '|' && t[k - 1] !== '\\') pipes.push(k);
  if (pipes.length < 2 || t.slice(0, pipes[0]).trim() || t.slice(pipes[pipes.length - 1] + 1).trim()) return null;
  const out: [number, number][] = [];
  for (let p = 0; p + 1 < pipes.length; p++) out.push(trimmed(line, pipes[p] + 1, pipes[p + 1]));
  return out;
}

function trimmed(line: Line, from: number, to: number): [number, number] {
  while (from < to && /\s/.test(line.text[from])) from++;
  while (to > from && /\s/.test(line.text[to - 1])) to--;
  return [line.start + from, line.start + to];
}

const GRID_BORDER = /^\s*\+(?:[-=:]+\+)+\s*$/;

/**
 * A grid table: +---+ borders, | cells | between them, +===+ under the header. A cell on
 * several lines is its lines joined. One with merged cells (a row of fewer pipes) stays a
 * paragraph, with a warning.
 */
function gridTable(p: Paragraph, index: LineIndex, file: VFile): Table | null {
  const start = p.position?.start.offset;
  const end = p.position?.end.offset;
  if (start === undefined || end === undefined || index.text[start] !== '+') return null;
  const lines = linesOf(index, p);
  if (lines.length < 3 || !GRID_BORDER.test(lines[0].text) || !GRID_BORDER.test(lines[lines.length - 1].text)) return null;
  const width = lines[0].text.trim().split('+').length - 2;
  const rows: TableRow[] = [];
  let group: [number, number][][] = [];
  for (const line of lines) {
    if (GRID_BORDER.test(line.text)) {
      if (group.length) rows.push(gridRow(group, index));
      group = [];
      continue;
    }
    const cells = pipeCells(line);
    if (!cells || cells.length !== width) {
      file.message('grid table not read (merged cells or a broken row): it stays a paragraph', {
        place: index.position(line.start, line.end),
        ruleId: 'grid-table',
        source: 'policy',
      });
      return null;
    }
    group.push(cells);
  }
  if (rows.length === 0) return null;
  return { type: 'table', align: new Array(width).fill(null), children: rows, position: index.position(start, end) };
}

function gridRow(lines: [number, number][][], index: LineIndex): TableRow {
  const children: TableCell[] = lines[0].map((_, c) => {
    const parts = lines.map((cells) => cells[c]).filter(([s, e]) => e > s);
    const [s, e] = parts.length ? [parts[0][0], parts[parts.length - 1][1]] : lines[0][c];
    return { type: 'tableCell', children: parts.map(([ps, pe]) => textOf(index, ps, pe)), position: index.position(s, e) };
  });
  const first = lines[0][0][0];
  const last = lines[lines.length - 1][lines[0].length - 1][1];
  return { type: 'tableRow', children, position: index.position(first, last) };
}

function linesOf(index: LineIndex, node: RootContent): Line[] {
  const from = node.position!.start.line - 1;
  const to = node.position!.end.line - 1;
  const out: Line[] = [];
  for (let l = from; l <= to; l++) {
    const s = index.starts[l];
    let e = l + 1 < index.starts.length ? index.starts[l + 1] : index.text.length;
    while (e > s && (index.text[e - 1] === '\n' || index.text[e - 1] === '\r')) e--;
    out.push({ start: s, end: e, text: index.text.slice(s, e) });
  }
  return out;
}

const DASH_RUNS = /^\s*-{2,}(?:[ ]+-{2,})+\s*$/;

/** Display columns of East Asian wide characters: pandoc lines its columns up by them. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/**
 * A pandoc simple table: a header line, right under it a line of dash runs (one a column:
 * CommonMark reads a thematic break), then the rows up to a blank line. Columns are cut where
 * the dash runs start, counted in display columns.
 */
function simpleTable(before: RootContent, rule: RootContent, after: RootContent, index: LineIndex): Table | null {
  if (before.type !== 'paragraph' || after.type !== 'paragraph' || !before.position || !rule.position || !after.position) return null;
  if (before.position.start.line !== before.position.end.line) return null;
  if (rule.position.start.line !== before.position.end.line + 1 || after.position.start.line !== rule.position.end.line + 1) return null;
  const ruleLine = linesOf(index, rule)[0];
  if (!DASH_RUNS.test(ruleLine.text)) return null;
  const starts: number[] = [];
  for (let k = 0; k < ruleLine.text.length; k++) if (ruleLine.text[k] === '-' && ruleLine.text[k - 1] !== '-') starts.push(k);
  const cut = (line: Line): [number, number][] => {
    const cells: [number, number][] = starts.map(() => [-1, -1]);
    let col = 0;
    for (let k = 0; k < line.text.length; k++) {
      const ch = line.text[k];
      let c = starts.length - 1;
      while (c > 0 && col < starts[c]) c--;
      col += WIDE.test(ch) ? 2 : 1;
      if (/\s/.test(ch)) continue;
      if (cells[c][0] === -1) cells[c][0] = line.start + k;
      cells[c][1] = line.start + k + 1;
    }
    return cells.map(([s, e]) => (s === -1 ? [line.start, line.start] : [s, e]));
  };
  const lines = [linesOf(index, before)[0], ...linesOf(index, after)];
  const rows = lines.map(cut);
  // every line a row of at least two cells, the header a name over every column
  if (rows[0].some(([s, e]) => e === s) || rows.some((r) => r.filter(([s, e]) => e > s).length < 2)) return null;
  const children: TableRow[] = rows.map((cells, r) => {
    const line = lines[r];
    const [s, e] = trimmed(line, 0, line.text.length);
    return {
      type: 'tableRow',
      children: cells.map(
        ([cs, ce]) => ({ type: 'tableCell', children: ce > cs ? [textOf(index, cs, ce)] : [], position: index.position(cs, ce) }) as TableCell,
      ),
      position: index.position(s, e),
    };
  });
  return {
    type: 'table',
    align: new Array(starts.length).fill(null),
    children,
    position: index.position(children[0].position!.start.offset!, children[children.length - 1].position!.end.offset!),
  };
}
