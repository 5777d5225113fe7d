import { fitColumns, layoutTable, type TableColumn } from '../util/table.js';
import { displayWidth, truncate } from '../util/width.js';

export { charWidth, displayWidth, padEnd, padStart, truncate } from '../util/width.js';

/**
 * Terminal formatting: CJK characters take two columns, so alignment counts display width,
 * not string length. Colour only on a terminal and never with NO_COLOR.
 */

export interface Column {
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

/**
 * Display columns available: on a terminal its width (COLUMNS when the stream does not say),
 * no limit when the output is not a terminal (a pipe, a file: nothing is cut). The one place
 * the commands read the width.
 */
export function outputWidth(stream: NodeJS.WriteStream = process.stdout): number {
  if (!stream.isTTY) return Infinity;
  const env = Number(process.env.COLUMNS);
  return stream.columns || (Number.isInteger(env) && env > 0 ? env : 80);
}

/** Narrowest a cut column gets: a name of a few characters stays readable. */
const MIN_CUT = 12;

/** How a listing's column is fitted: one with `max` is cut at the end (see util/table.ts). */
function tableColumn(c: Column): TableColumn {
  if (c.wrap) return { header: c.header, align: c.align, fit: 'wrap', max: c.max, min: c.min };
  return { header: c.header, align: c.align, ...(c.max !== undefined ? { fit: 'end' as const, max: c.max, min: Math.max(MIN_CUT, c.min ?? 0) } : {}) };
}

/**
 * Column widths that fit `width` exactly: the natural widths when they fit; otherwise cuttable
 * columns shrink towards their `max`, then the widest of them, one column at a time (not below
 * MIN_CUT), and no further than the width requires.
 */
export function fitWidths(columns: Column[], natural: number[], width: number): number[] {
  return fitColumns(columns.map(tableColumn), natural, width);
}

/**
 * Width a column of ids may be cut to with … and still tell them apart: each cut id is then
 * a prefix only it has (what --doc takes).
 */
export function distinctWidth(values: string[]): number {
  const unique = [...new Set(values)];
  let shared = 0; // longest prefix two of them have in common
  for (let i = 0; i < unique.length; i++) {
    for (let j = i + 1; j < unique.length; j++) {
      const a = [...unique[i]];
      const b = [...unique[j]];
      let k = 0;
      while (k < a.length && k < b.length && a[k] === b[k]) k++;
      shared = Math.max(shared, k);
    }
  }
  return Math.max(0, ...unique.map((v) => displayWidth([...v].slice(0, shared + 1).join('')) + 1));
}

/**
 * An aligned text table (header, rule, rows), fitted to `width` display columns: cut cells
 * only where the cut stays unambiguous, else wrapped within the cell (util/table.ts).
 */
export function renderTable(columns: Column[], rows: string[][], width = outputWidth()): string {
  return layoutTable(columns.map(tableColumn), rows, { width }).join('\n') + '\n';
}

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return !!stream.isTTY && !process.env.NO_COLOR && process.env.TERM !== 'dumb';
}

export const style = {
  bold: (s: string, on = useColor()) => (on ? `\x1b[1m${s}\x1b[22m` : s),
  dim: (s: string, on = useColor()) => (on ? `\x1b[2m${s}\x1b[22m` : s),
  yellow: (s: string, on = useColor()) => (on ? `\x1b[33m${s}\x1b[39m` : s),
  red: (s: string, on = useColor()) => (on ? `\x1b[31m${s}\x1b[39m` : s),
  green: (s: string, on = useColor()) => (on ? `\x1b[32m${s}\x1b[39m` : s),
};

/** A one-line progress bar on stderr, drawn only on a terminal. */
export class Progress {
  private readonly on: boolean;
  constructor(
    private readonly total: number,
    stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.on = !!stream.isTTY && total > 1;
    this.stream = stream;
  }
  private readonly stream: NodeJS.WriteStream;
  tick(done: number, label: string): void {
    if (!this.on) return;
    const width = 24;
    const filled = Math.round((done / this.total) * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    this.stream.write(`\r\x1b[2K${bar} ${done}/${this.total} ${truncate(label, 40)}`);
  }
  done(): void {
    if (this.on) this.stream.write('\r\x1b[2K');
  }
}

/** "1 page", "3 pages". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The "Examples:" block of a command's --help. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
}
