/**
 * Terminal formatting: CJK characters take two columns, so alignment counts display width,
 * not string length. Colour only on a terminal and never with NO_COLOR.
 */

export function charWidth(code: number): number {
  if (code === 0 || code < 32 || (code >= 0x7f && code < 0xa0)) return 0;
  if (code >= 0x300 && code <= 0x36f) return 0; // combining marks
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0x303e) ||
    (code >= 0x3041 && code <= 0x33ff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0xa000 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    (code >= 0x2460 && code <= 0x24ff) ||
    (code >= 0x25a0 && code <= 0x25ff) ||
    (code >= 0x20000 && code <= 0x3fffd)
  ) {
    return 2;
  }
  return 1;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

export function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

export function padStart(s: string, width: number): string {
  return ' '.repeat(Math.max(0, width - displayWidth(s))) + s;
}

/** Cut to a display width, marking the cut with …. */
export function truncate(s: string, width: number): string {
  if (displayWidth(s) <= width) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return out + '…';
}

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
