import { charWidth, displayWidth, padEnd, padStart } from './width.js';

/**
 * Text tables fitted to a terminal's width, shared by the CLI's listings and compare's summary.
 *
 * When the rows fit, every column has its natural width. When they do not, the table is made
 * exactly as wide as the terminal: columns shrink one display column at a time — first those
 * above their `max`, then the widest cuttable ones, then the widest wrapping ones — so no column
 * is narrowed further than the width requires (and none grows back too little).
 *
 * A cell wider than its column is cut with … (at the end, or in the middle) only where the cut
 * text stays unambiguous: no other name of the table (or of `names`) could be shown the same.
 * Otherwise — and always in a 'wrap' column — the cell is wrapped onto more lines within the
 * column. Nothing is cut or wrapped when the width is Infinity (a pipe, a file).
 */

export interface TableColumn {
  header: string;
  align?: 'left' | 'right';
  /**
   * How a cell wider than the column is shown: 'end' cut at the end (a title: its verb comes
   * first), 'middle' cut in the middle (a metric: a Chinese noun phrase ends in what it
   * measures, …覆盖率), 'wrap' over more lines (figures, lists). Without it the column keeps
   * its natural width.
   */
  fit?: 'end' | 'middle' | 'wrap';
  /** Width a cut column goes down to before the others shrink (the CLI's preferences). */
  max?: number;
  /** Narrowest the column may get (default: MIN_CUT for cut columns, MIN_WRAP for wrapping ones). */
  min?: number;
}

export interface TableOptions {
  /** Display columns available. Default Infinity. */
  width?: number;
  /** Colour a displayed cell line (after layout, so escapes do not shift the columns). */
  paint?: (cell: string, col: number, row: number) => string;
  /** Other names the cut texts must not be confused with (the other tables of the same output). */
  names?: Iterable<string>;
  /** No header and rule lines. */
  headless?: boolean;
}

/** Narrowest a cut column gets: a name of a few characters stays readable. */
export const MIN_CUT = 12;
/** Narrowest a wrapping column gets. */
export const MIN_WRAP = 8;

const GAP = 2;

/** Column widths that fit `width` (see above); natural widths when they fit. */
export function fitColumns(columns: TableColumn[], natural: number[], width: number): number[] {
  const widths = [...natural];
  let total = widths.reduce((a, b) => a + b, 0) + GAP * Math.max(0, widths.length - 1);
  if (total <= width) return widths;
  const floor = columns.map((c, i) =>
    Math.min(natural[i], Math.max(c.min ?? (c.fit === 'wrap' ? MIN_WRAP : MIN_CUT), c.fit === 'wrap' ? 0 : displayWidth(c.header))),
  );
  const pick = (ok: (i: number) => boolean, key: (i: number) => number): number => {
    let best = -1;
    columns.forEach((c, i) => {
      if (c.fit && widths[i] > floor[i] && ok(i) && (best < 0 || key(i) > key(best))) best = i;
    });
    return best;
  };
  while (total > width) {
    let i = pick(
      (k) => columns[k].max !== undefined && widths[k] > columns[k].max!,
      (k) => widths[k] - columns[k].max!,
    );
    if (i < 0)
      i = pick(
        (k) => columns[k].fit !== 'wrap',
        (k) => widths[k],
      );
    if (i < 0)
      i = pick(
        () => true,
        (k) => widths[k],
      );
    if (i < 0) break; // cannot fit: the terminal wraps
    widths[i]--;
    total--;
  }
  return widths;
}

/** Display widths of the characters of `s`. */
function chars(s: string): { ch: string; w: number }[] {
  return [...s].map((ch) => ({ ch, w: charWidth(ch.codePointAt(0)!) }));
}

/** The first characters of `cs` within `room` display columns. */
function takeWidth(cs: { ch: string; w: number }[], room: number): string {
  let out = '';
  let w = 0;
  for (const c of cs) {
    if (w + c.w > room) break;
    out += c.ch;
    w += c.w;
  }
  return out;
}

/**
 * The ways to cut `s` to `width` with …: at the end, one way; in the middle, every split of
 * head and tail that fills the width, the balanced one first (the tail gets the odd column).
 */
export function cutCandidates(s: string, width: number, where: 'end' | 'middle'): { head: string; tail: string }[] {
  const cs = chars(s);
  if (where === 'end') return [{ head: takeWidth(cs, width - 1), tail: '' }];
  const room = width - 1;
  const half = Math.floor(room / 2);
  const out: { head: string; tail: string }[] = [];
  const seen = new Set<string>();
  for (let d = 0; d <= room; d++) {
    for (const h of d === 0 ? [half] : [half - d, half + d]) {
      if (h < 1 || h > room - 1) continue;
      const head = takeWidth(cs, h);
      const tail = [...takeWidth([...cs].reverse(), room - displayWidth(head))].reverse().join('');
      if (!tail || seen.has(head + '…' + tail)) continue;
      seen.add(head + '…' + tail);
      out.push({ head, tail });
    }
  }
  return out;
}

/** Whether `name` could be what head…tail stands for. */
function fitsCut(name: string, head: string, tail: string): boolean {
  return [...name].length > [...head].length + [...tail].length && name.startsWith(head) && name.endsWith(tail);
}

/** `s` with its characters (code points) in reverse order. */
function reversed(s: string): string {
  return [...s].reverse().join('');
}

/** [from, to) of the names in `sorted` that start with `prefix` (a block in sorted order). */
function prefixRange(sorted: readonly string[], prefix: string): [number, number] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  const from = lo;
  hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid].startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return [from, lo];
}

/**
 * The names a cut text must not be confused with, sorted by their heads and by their tails: the
 * names a cut head…tail could stand for are found in the smaller of the two blocks (a listing of
 * a whole corpus cuts tens of thousands of cells against tens of thousands of names: checking
 * every name for every cut took minutes).
 */
export class CutNames {
  private readonly byHead: string[];
  private readonly byTail: string[];

  constructor(names: Iterable<string>) {
    const distinct = [...new Set(names)];
    this.byHead = distinct.sort();
    this.byTail = distinct.map(reversed).sort();
  }

  /** Whether a name other than `s` could be what head…tail stands for. */
  confusable(s: string, head: string, tail: string): boolean {
    const [a, b] = prefixRange(this.byHead, head);
    const [c, d] = prefixRange(this.byTail, reversed(tail));
    if (b - a <= d - c) {
      for (let i = a; i < b; i++) if (this.byHead[i] !== s && fitsCut(this.byHead[i], head, tail)) return true;
    } else {
      for (let i = c; i < d; i++) {
        const n = reversed(this.byTail[i]);
        if (n !== s && fitsCut(n, head, tail)) return true;
      }
    }
    return false;
  }
}

/**
 * `s` cut to `width` so that no other of `names` could be shown the same; null when every cut
 * is ambiguous (the caller wraps instead).
 */
export function unambiguousCut(s: string, width: number, where: 'end' | 'middle', names: Iterable<string> | CutNames): string | null {
  if (displayWidth(s) <= width) return s;
  if (width < 2) return null;
  const others = names instanceof CutNames ? names : new CutNames(names);
  for (const { head, tail } of cutCandidates(s, width, where)) {
    if (!others.confusable(s, head, tail)) return `${head}…${tail}`;
  }
  return null;
}

const OPENING = /[（(《“‘【〔[]/;
const CLOSING = /[）)》”’】〕\]，,。.、；;：:！!？?%％]/;

/**
 * Lines of at most `width` display columns. Breaks anywhere between CJK characters, between
 * words of Latin letters and digits (never inside one unless it alone is too wide), not before
 * a closing mark nor after an opening one, preferring a space or a mark ending a clause.
 */
export function wrapText(s: string, width: number): string[] {
  if (displayWidth(s) <= width) return [s];
  // atoms: a run of Latin letters/digits (with . / : - inside), a space, or one character
  const atoms = s.match(/[A-Za-z0-9][A-Za-z0-9.,:/\-~]*|\s+|[\s\S]/gu) ?? [];
  // glue closing marks to what precedes and opening marks to what follows
  const glued: string[] = [];
  for (const a of atoms) {
    const prev = glued[glued.length - 1];
    if (prev !== undefined && ((CLOSING.test(a[0]) && a.length === 1) || (OPENING.test(prev[prev.length - 1]) && !/\s/.test(a)))) {
      glued[glued.length - 1] = prev + a;
    } else glued.push(a);
  }
  const lines: string[] = [];
  let line = '';
  for (const atom of glued) {
    if (displayWidth(line + atom) <= width) {
      line += atom;
      continue;
    }
    // break after a list's 、 (or a clause's ，；, a space) in the second half of the line, not inside a name
    const at = Math.max(...[...'、，；,; '].map((m) => line.lastIndexOf(m)));
    if (at > 0 && at < line.length - 1 && displayWidth(line.slice(0, at + 1)) * 2 >= width) {
      lines.push(line.slice(0, at + 1).trimEnd());
      line = line.slice(at + 1).trimStart();
      if (displayWidth(line + atom) <= width) {
        line += atom;
        continue;
      }
    }
    if (line.trim()) lines.push(line.trimEnd());
    line = /^\s+$/.test(atom) ? '' : atom;
    while (displayWidth(line) > width) {
      const head = takeWidth(chars(line), width) || [...line][0];
      lines.push(head);
      line = line.slice(head.length);
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines.length > 0 ? lines : [''];
}

/**
 * Wrap a line of text to `width` with `indent` before every line but the first (which carries
 * its own): the free lines of a terminal summary. Infinity leaves it whole.
 */
export function wrapLine(s: string, width: number, indent = ''): string[] {
  if (!Number.isFinite(width) || displayWidth(s) <= width) return [s];
  const first = wrapText(s, width);
  if (first.length <= 1) return first;
  const rest = wrapText(s.slice(first[0].length).trimStart(), Math.max(1, width - displayWidth(indent)));
  return [first[0], ...rest.map((l) => indent + l)];
}

/** The largest of `start` and `width` over `items`, in a loop: a listing's column can have 300,000 cells, too many to spread into Math.max's arguments. */
export function widest<T>(start: number, items: readonly T[], width: (item: T) => number): number {
  let w = start;
  for (const item of items) w = Math.max(w, width(item));
  return w;
}

/** An aligned text table: header, rule, rows; each row one line or more (wrapped cells). */
export function layoutTable(columns: TableColumn[], rows: string[][], options: TableOptions = {}): string[] {
  const table = new StreamedTable(columns, options);
  for (const r of rows) table.measure(r);
  const out = table.head();
  for (const r of rows) out.push(...table.lines(r));
  return out;
}

/**
 * An aligned text table printed as its rows come, in two passes over them: `measure` each row
 * (its cells' widths; with a finite width also the names a cut must not be confused with),
 * then `head` (header and rule, at the widths fitted to the width) and the `lines` of each row
 * in the same order. Only widths are held, not rows: a listing of a whole corpus (300,000 rows)
 * is printed a document at a time (report/department-list.ts, task-list.ts).
 */
export class StreamedTable {
  private readonly natural: number[];
  private readonly names = new Set<string>();
  /** The names sorted for the cuts, once every row was measured. */
  private cutNames: CutNames | undefined;
  private widths: number[] | null = null;
  private row = 0;

  constructor(
    /** The columns; one's `min` may still be set before `head` (the 文档 column's, from the ids seen). */
    readonly columns: TableColumn[],
    private readonly options: TableOptions = {},
  ) {
    this.natural = columns.map((c) => (options.headless ? 0 : displayWidth(c.header)));
    for (const n of options.names ?? []) this.names.add(n);
  }

  /** First pass: a row's cells (the same rows, in the same order, as given to `lines` after). */
  measure(r: readonly string[]): void {
    const cut = Number.isFinite(this.options.width ?? Infinity);
    for (let i = 0; i < this.columns.length; i++) {
      const cell = r[i] ?? '';
      const w = displayWidth(cell);
      if (w > this.natural[i]) this.natural[i] = w;
      // the names a cut text must not be confused with: only when something may be cut
      const fit = this.columns[i].fit;
      if (cut && fit && fit !== 'wrap') this.names.add(cell);
    }
  }

  /** The table's width uncut (after measuring): its widest cell a column, two spaces between. */
  naturalWidth(): number {
    return this.natural.reduce((a, b) => a + b, 0) + GAP * (this.natural.length - 1);
  }

  /** The header and rule lines (none when headless), once every row was measured. */
  head(): string[] {
    const widths = this.fitted();
    if (this.options.headless) return [];
    return [
      this.line(
        this.columns.map((c) => c.header),
        -1,
      ),
      this.line(
        widths.map((w) => '─'.repeat(w)),
        -1,
      ),
    ];
  }

  /** Second pass: the lines of the next row (more than one when a cell is wrapped). */
  lines(r: readonly string[]): string[] {
    const fitted = this.fitted();
    const cells = this.columns.map((c, i) => {
      const cell = r[i] ?? '';
      if (displayWidth(cell) <= fitted[i]) return [cell];
      if (c.fit === 'end' || c.fit === 'middle') {
        this.cutNames ??= new CutNames(this.names);
        const cut = unambiguousCut(cell, fitted[i], c.fit, this.cutNames);
        if (cut !== null) return [cut];
      }
      return wrapText(cell, fitted[i]);
    });
    const k = this.row++;
    const height = Math.max(...cells.map((lines) => lines.length));
    const out: string[] = [];
    for (let l = 0; l < height; l++)
      out.push(
        this.line(
          cells.map((lines) => lines[l] ?? ''),
          k,
        ),
      );
    return out;
  }

  /**
   * The columns' widths: fitColumns of the natural ones. A narrowed column keeps its fitted width
   * (a cut CJK text may end a column short: the table fills the width exactly); any other's cells
   * all fit, so its width is its natural one.
   */
  private fitted(): number[] {
    this.widths ??= fitColumns(this.columns, this.natural, this.options.width ?? Infinity);
    return this.widths;
  }

  private line(r: string[], row: number): string {
    const paint = this.options.paint ?? ((c) => c);
    const widths = this.fitted();
    return r
      .map((c, i) => {
        const padded = this.columns[i].align === 'right' ? padStart(c, widths[i]) : padEnd(c, widths[i]);
        return row < 0 || !c ? padded : paintPadded(padded, c, (x) => paint(x, i, row));
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  }
}

// Colour only the text, not the padding, so the escape codes do not shift the columns.
function paintPadded(padded: string, cell: string, paint: (s: string) => string): string {
  const at = padded.indexOf(cell);
  return at < 0 ? padded : padded.slice(0, at) + paint(cell) + padded.slice(at + cell.length);
}
