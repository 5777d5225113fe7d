import { displayWidth, padEnd, padStart, truncate } from '../util/width.js';

export { charWidth, displayWidth, padEnd, padStart, truncate } from '../util/width.js';

/**
 * Terminal formatting: CJK characters take two columns, so alignment counts display width,
 * not string length. Colour only on a terminal and never with NO_COLOR.
 */

export interface Column {
  header: string;
  /** Maximum display width; longer cells are cut with …. */
  max?: number;
  align?: 'left' | 'right';
}

/** An aligned text table (header, rule, rows). */
export function renderTable(columns: Column[], rows: string[][]): string {
  const cells = rows.map((r) => r.map((c, i) => (columns[i].max ? truncate(c, columns[i].max!) : c)));
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
