import { type ListColumn as Column, renderTable as renderListing } from '../util/listing.js';
import { truncate } from '../util/width.js';

export { distinctWidth, fitWidths, type ListColumn as Column, plural } from '../util/listing.js';

export { charWidth, displayWidth, padEnd, padStart, truncate } from '../util/width.js';

/**
 * Terminal formatting: CJK characters take two columns, so alignment counts display width,
 * not string length. Colour only on a terminal and never with NO_COLOR.
 */

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

/**
 * An aligned text table (header, rule, rows), fitted to `width` display columns: by default the
 * terminal's (outputWidth); see util/listing.ts.
 */
export function renderTable(columns: Column[], rows: string[][], width = outputWidth()): string {
  return renderListing(columns, rows, width);
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

/** The "Examples:" block of a command's --help. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
}
