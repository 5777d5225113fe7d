/**
 * The text converters write (HTML, Word): one paragraph a line with a blank line between
 * blocks, a table's rows one a line with cells split by tabs and no blank line between them —
 * the shape the 公文 text parser reads from a .txt file.
 */

/** Chinese characters, CJK punctuation and full-width forms: no space goes between them. */
export function isCjk(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return (
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff00 && c <= 0xffef) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0x2000 && c <= 0x206f && c !== 0x2002 && c !== 0x2003)
  );
}

/** Pieces of one paragraph or cell on one line: nothing between Chinese text, a space between other text. */
export function joinParts(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (!p) continue;
    if (out && !isCjk(out[out.length - 1]) && !isCjk(p[0])) out += ' ';
    out += p;
  }
  return out;
}

/** No tab or line break inside a cell or a paragraph line. */
const cellClean = (t: string) => t.replace(/[\t\r\n\v\f]+/g, ' ').trim();

export class TextLines {
  private lines: string[] = [];
  private cur = '';
  private blankBefore = false;
  /** Applied to a line's inline text when it ends (HTML collapses its source white space). */
  constructor(private readonly tidy: (raw: string) => string = (raw) => raw.trim()) {}

  inline(text: string): void {
    this.cur += text;
  }

  private push(line: string): void {
    if (this.blankBefore && this.lines.length > 0) this.lines.push('');
    this.blankBefore = false;
    this.lines.push(line);
  }

  /** End the current line (a <br>, a Word line break): the next text starts a line of its own. */
  endLine(): void {
    // a paragraph keeps its tabs (a row typed with tabs); no line break inside a line
    // (trim() is /^[\s\u3000]+|[\s\u3000]+$/g: \s holds U+3000)
    const t = this.tidy(this.cur)
      .replace(/[\r\n\v\f]+/g, ' ')
      .trim();
    this.cur = '';
    if (t) this.push(t);
  }

  lineBreak(): void {
    this.endLine();
  }

  /** End a block (a paragraph, a heading, a table): a blank line before the next text. */
  endBlock(): void {
    this.endLine();
    this.blankBefore = true;
  }

  /** The last line, if it ended a block: it takes the next text (a title set in two paragraphs). */
  reopen(): boolean {
    if (this.cur.trim() || !this.blankBefore || this.lines.length === 0) return false;
    this.cur = this.lines.pop()!;
    // the blank line before it is written again with it
    this.blankBefore = this.lines[this.lines.length - 1] === '';
    if (this.blankBefore) this.lines.pop();
    return true;
  }

  /** The last line written, if any. */
  last(): string {
    return this.lines[this.lines.length - 1] ?? '';
  }

  /** A table row: its cells on one line, split by tabs. */
  row(cells: string[]): void {
    this.endLine();
    const clean = cells.map(cellClean);
    if (clean.every((c) => !c)) return;
    this.push(clean.join('\t'));
  }

  /** Text whose line breaks are the author's (<pre>). */
  preformatted(text: string): void {
    this.endLine();
    for (const line of text.split(/\r\n|\r|\n/)) {
      const t = cellClean(line.replace(/\t/g, '    '));
      if (t) this.push(t);
    }
  }

  finish(): string {
    this.endLine();
    return this.lines.join('\n') + (this.lines.length > 0 ? '\n' : '');
  }
}
