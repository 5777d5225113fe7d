import { displayWidth, padEnd, padStart, truncate } from '../util/width.js';

export { charWidth, displayWidth, padEnd, padStart, truncate } from '../util/width.js';

/**
 * Terminal formatting: CJK characters take two columns, so alignment counts display width,
 * not string length. Colour only on a terminal and never with NO_COLOR.
 */

export interface Column {
  header: string;
  /**
   * Width this column may be cut to (with …) when the table is wider than the terminal.
   * Columns without it are never cut. Off a terminal (a pipe, a file) nothing is cut.
   */
  max?: number;
  /** Narrowest a cut column may get, when more than MIN_CUT (see distinctWidth). */
  min?: number;
  align?: 'left' | 'right';
}

/** Display columns available: the terminal's width, or no limit when the output is not a terminal. */
export function outputWidth(stream: NodeJS.WriteStream = process.stdout): number {
  return stream.isTTY && stream.columns ? stream.columns : Infinity;
}

/** Narrowest a cut column gets: a name of a few characters stays readable. */
const MIN_CUT = 12;

/**
 * Column widths that fit `width`: the natural widths when they fit; otherwise cuttable columns
 * go down to their `max`, then the widest of them shrink further, in turn (not below MIN_CUT).
 */
export function fitWidths(columns: Column[], natural: number[], width: number): number[] {
  const total = (w: number[]) => w.reduce((a, b) => a + b, 0) + 2 * (w.length - 1);
  const widths = [...natural];
  if (total(widths) <= width) return widths;
  columns.forEach((c, i) => {
    if (c.max !== undefined) widths[i] = Math.max(Math.min(widths[i], c.max), Math.min(natural[i], displayWidth(c.header)));
  });
  while (total(widths) > width) {
    let widest = -1;
    columns.forEach((c, i) => {
      if (c.max !== undefined && widths[i] > Math.max(MIN_CUT, c.min ?? 0) && (widest < 0 || widths[i] > widths[widest])) widest = i;
    });
    if (widest < 0) break; // cannot fit: the terminal wraps
    widths[widest]--; // one column at a time, so the cut columns end up about as wide as each other
  }
  return widths;
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

/** An aligned text table (header, rule, rows), fitted to `width` display columns. */
export function renderTable(columns: Column[], rows: string[][], width = outputWidth()): string {
  const natural = columns.map((col, i) => Math.max(displayWidth(col.header), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const fitted = fitWidths(columns, natural, width);
  const cells = rows.map((r) => r.map((c, i) => (fitted[i] < natural[i] ? truncate(c, fitted[i]) : c)));
  const widths = columns.map((col, i) => Math.max(displayWidth(col.header), ...cells.map((r) => displayWidth(r[i] ?? ''))));
  const line = (r: string[]) =>
    r
      .map((c, i) => (columns[i].align === 'right' ? padStart(c, widths[i]) : padEnd(c, widths[i])))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n';
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
