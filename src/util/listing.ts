import { fitColumns, layoutTable, StreamedTable, type TableColumn, widest } from './table.js';
import { displayWidth } from './width.js';

/**
 * Listings: aligned text tables of a header, a rule and rows, fitted to a width in display
 * columns (CJK characters take two). The terminal listings of tasks, departments and
 * indicators (report/task-list.ts, report/department-list.ts, report/indicator-cells.ts)
 * are made with them; the CLI gives the terminal's width (cli/format.ts), or Infinity off a
 * terminal, where nothing is cut.
 */

export interface ListColumn {
  header: string;
  /** A list (of units): wrapped within its cell rather than cut, when the table must narrow. */
  wrap?: boolean;
  /**
   * Width this column may be cut to (with …) when the table is wider than the terminal.
   * Columns without it are never cut. Off a terminal (a pipe, a file) nothing is cut.
   */
  max?: number;
  /** Narrowest a cut column may get, when more than MIN_CUT (see distinctWidth). */
  min?: number;
  align?: 'left' | 'right';
}

/** Narrowest a cut column gets: a name of a few characters stays readable. */
const MIN_CUT = 12;

/** How a listing's column is fitted: one with `max` is cut at the end (see util/table.ts). */
function tableColumn(c: ListColumn): TableColumn {
  if (c.wrap) return { header: c.header, align: c.align, fit: 'wrap', max: c.max, min: c.min };
  return { header: c.header, align: c.align, ...(c.max !== undefined ? { fit: 'end' as const, max: c.max, min: Math.max(MIN_CUT, c.min ?? 0) } : {}) };
}

/**
 * Column widths that fit `width` exactly: the natural widths when they fit; otherwise cuttable
 * columns shrink towards their `max`, then the widest of them, one column at a time (not below
 * MIN_CUT), and no further than the width requires.
 */
export function fitWidths(columns: ListColumn[], natural: number[], width: number): number[] {
  return fitColumns(columns.map(tableColumn), natural, width);
}

/**
 * Width a column of ids may be cut to with … and still tell them apart: each cut id is then
 * a prefix only it has (what --doc takes).
 */
export function distinctWidth(values: string[]): number {
  const unique = [...new Set(values)];
  // the longest prefix two of them have in common is that of two neighbours in code-point order
  // (each pair was compared before: 25 s for the 6,000 documents of a listing at 10,000)
  const points = unique.map((v) => [...v]).sort(byCodePoints);
  let shared = 0;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    let k = 0;
    while (k < a.length && k < b.length && a[k] === b[k]) k++;
    shared = Math.max(shared, k);
  }
  return widest(0, unique, (v) => displayWidth([...v].slice(0, shared + 1).join('')) + 1);
}

/**
 * An aligned text table (header, rule, rows), fitted to `width` display columns: cut cells
 * only where the cut stays unambiguous, else wrapped within the cell (util/table.ts).
 */
export function renderTable(columns: ListColumn[], rows: string[][], width: number): string {
  return layoutTable(columns.map(tableColumn), rows, { width }).join('\n') + '\n';
}

/**
 * A listing's table printed as its rows come (util/table.ts StreamedTable): `measure` every row,
 * then `head` and each row's `lines`, in the same order. `docColumn`: the index of a 文档 column
 * (documentColumn), whose narrowest cut is set from the ids measured (only on a terminal: off
 * one nothing is cut). What renderTable prints, without holding the rows.
 */
export class ListingTable {
  private readonly table: StreamedTable;
  private readonly ids: Set<string> | null;

  constructor(
    private readonly columns: ListColumn[],
    width: number,
    private readonly docColumn?: number,
  ) {
    this.table = new StreamedTable(columns.map(tableColumn), { width });
    this.ids = docColumn !== undefined && Number.isFinite(width) ? new Set() : null;
  }

  measure(r: readonly string[]): void {
    this.table.measure(r);
    if (this.ids && this.docColumn !== undefined) this.ids.add(r[this.docColumn]);
  }

  /** The header and rule, each line ended. */
  head(): string {
    if (this.ids && this.docColumn !== undefined)
      this.table.columns[this.docColumn] = tableColumn({ ...this.columns[this.docColumn], min: distinctWidth([...this.ids]) });
    return this.table.head().join('\n') + '\n';
  }

  /** A row's lines, each ended. */
  lines(r: readonly string[]): string {
    return this.table.lines(r).join('\n') + '\n';
  }
}

function byCodePoints(a: string[], b: string[]): number {
  for (let i = 0; i < a.length && i < b.length; i++) {
    if (a[i] !== b[i]) return (a[i].codePointAt(0) ?? 0) - (b[i].codePointAt(0) ?? 0);
  }
  return a.length - b.length;
}

/** The 文档 column: cut on a narrow terminal like the titles, but never so far that two ids look alike. */
export function documentColumn(ids: string[]): ListColumn {
  return { header: '文档', max: 24, min: distinctWidth(ids) };
}

/**
 * The documents of a listing, read one at a time and as often as asked: a text table reads them
 * twice (its widths, then its lines), so a listing of a whole corpus is never held (the store's
 * listings read them from the store a page at a time: search/listings.ts).
 */
export interface ListedDocuments<T> {
  /** How many documents (a listing of several shows their ids). */
  count: number;
  each(): Iterable<T>;
}

/** Documents held already (the models) as a listing's. */
export function listedDocuments<T>(docs: readonly T[]): ListedDocuments<T> {
  return { count: docs.length, each: () => docs };
}

/**
 * A JSON array written an item at a time, byte for byte what JSON.stringify(items, null, 2)
 * gives (a string's line breaks are escaped, so an item's lines are indented by replacing them).
 */
export function writeJsonArray(items: Iterable<unknown>, write: (s: string) => void): void {
  let first = true;
  for (const item of items) {
    write(`${first ? '[\n' : ',\n'}  ${JSON.stringify(item, null, 2).replaceAll('\n', '\n  ')}`);
    first = false;
  }
  write(first ? '[]\n' : '\n]\n');
}

/** What a writer gives, as a string (the listings' string forms: the same code as their streams). */
export function written(write: (out: (s: string) => void) => void): string {
  const parts: string[] = [];
  write((s) => parts.push(s));
  return parts.join('');
}

/** "1 page", "3 pages". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
