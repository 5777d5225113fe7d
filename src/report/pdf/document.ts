/**
 * The PDF document of the printable reports, in the style of Chinese government documents
 * (GB/T 9704 公文格式: A4, margins 37/35/28/26 mm, bold serif title, red rule). Body and
 * tables default to Noto Sans SC: one face for both keeps the embedded glyph subset to one
 * copy (a serif body beside sans tables made a 6-page sheet 233 KB instead of 145 KB).
 * Library code: it never prints; bad input throws UserError. Fonts: fonts.ts; where lines
 * break: line-break.ts.
 *
 *   new PolicyPdf(options: PdfOptions)
 *     A pdfkit document with the fonts registered, buffered pages and a cursor `y`.
 *     Options (defaults): size 'A4', layout 'portrait', margins GB_MARGINS (mm),
 *     fonts resolveFonts(), date null (now; a Date fixes CreationDate/ModDate and the file
 *     ID, so equal input gives equal bytes; creationDate() in ../dates.ts makes one),
 *     title/subject/author (PDF info), header (running header text on pages 2+),
 *     footer { left?, right? } (small print either side of the page number "第 X 页 / 共 Y 页").
 *     Blocks, each moving `y` and breaking pages as needed:
 *       title(text, { size=22 })            centred bold title, wrapped
 *       subtitle(text)                      centred line (文号, dates)
 *       redRule()                           the red rule under a 公文 header
 *       heading(text, { level=1|2, font='sansBold', keepWith=2 lines (pt) }) kept with what follows
 *       paragraph(text, { size=12, font='sans', indent=2 (em), justify=true, color, highlight: words in red,
 *                 keepWith: points of what follows kept on the same page })
 *       table(columns, rows, { fontSize=10, headerFill, repeatHeader=true, zebra })
 *       space(pt), ensureSpace(pt), addPage()
 *     Lower level: textWidth(text, font, size), wrap(text, width, font, size),
 *     drawLine(text, x, y, { font, size, width?, justify?, align?, color?, marks? }).
 *     finish() → Promise<Buffer>: stamps header/footer on every page (page X of Y needs
 *     all pages, hence bufferPages) and returns the file's bytes; pageCount after it.
 *     Fields: doc (the pdfkit document, for vector drawing), left/width/top/bottom (type
 *     area), margins, date.
 *   mm(n) → points; RED, GB_MARGINS.
 */

import PDFDocument from 'pdfkit';
import { UserError } from '../../model/errors.js';
import { segmentWords } from '../../util/jieba.js';
import { FACES, type Face, type FontSet, fallbackFont, fontSource, rememberParsed, reportGlyph, resolveFonts, sharedCoverage, sharedWidths } from './fonts.js';
import { atomize, balancedBreak, balanceTitle, bracketOpening, breakFirstIndented, breakLines, findSpans, fit, marksIn, splitList } from './line-break.js';

export const mm = (n: number): number => (n * 72) / 25.4;

/** GB/T 9704 margins in mm: 天头 37, 下白边 35, 订口 28, 切口 26. */
export const GB_MARGINS = { top: 37, bottom: 35, left: 28, right: 26 } as const;

export interface PdfOptions {
  size?: 'A4' | 'A3';
  layout?: 'portrait' | 'landscape';
  /** Margins in mm; default GB_MARGINS. */
  margins?: { top: number; bottom: number; left: number; right: number };
  fonts?: FontSet;
  /** Fixed creation date (reproducible bytes); null = now. */
  date?: Date | null;
  title?: string;
  subject?: string;
  author?: string;
  /** Running header on pages 2 and after. */
  header?: string;
  footer?: { left?: string; right?: string };
}

export type Align = 'left' | 'center' | 'right';

export interface Column {
  header: string;
  /** Width in points, or a fraction (< 1) of the text width. */
  width: number;
  align?: Align;
  font?: Face;
  /** A list joined by 、 (unit names): break lines after a 、, keeping each item whole when it fits. */
  list?: boolean;
}

export interface TableOptions {
  fontSize?: number;
  headerFill?: string;
  /** Repeat the header row on each new page. */
  repeatHeader?: boolean;
  zebra?: string | null;
  /** Padding inside cells, points. */
  padding?: number;
}

export interface LineStyle {
  font?: Face;
  size?: number;
  width?: number;
  justify?: boolean;
  align?: Align;
  color?: string;
  /** Spans [start, end) of the line (UTF-16 offsets) drawn in `markColor` (default red). */
  marks?: [number, number][];
  markColor?: string;
}

export const RED = '#c8102e';
const INK = '#111111';
const GREY = '#555555';

export class PolicyPdf {
  readonly doc: PDFKit.PDFDocument;
  readonly date: Date;
  /** Left edge and width of the type area. */
  readonly left: number;
  readonly width: number;
  readonly top: number;
  readonly bottom: number;
  y: number;
  /** Page margins in points. */
  readonly margins: { top: number; bottom: number; left: number; right: number };
  private readonly options: PdfOptions;
  private readonly widthCache: Map<string, number>;
  /** Characters drawn without a glyph in any font, with how often. */
  private readonly missing = new Map<string, number>();
  /** Characters drawn from a fallback font: which, and how often. */
  private readonly fallen = new Map<string, { font: string; count: number }>();
  /** For each face and character outside ASCII: '' (the face has it), a fallback's spec, or null (none has it). */
  private readonly coverage: Map<string, string | null>;
  /** The fallback fonts registered in this document, by spec → pdfkit name. */
  private readonly fallbackNames = new Map<string, string>();
  private readonly fonts: FontSet;

  constructor(options: PdfOptions = {}) {
    this.options = options;
    const margins = options.margins ?? GB_MARGINS;
    const fixed = options.date ?? null;
    this.date = fixed ?? new Date();
    const info: PDFKit.DocumentInfo = { Producer: 'policy-toolkit (PDFKit)', Creator: 'policy-toolkit' };
    if (options.title) info.Title = options.title;
    if (options.subject) info.Subject = options.subject;
    if (options.author) info.Author = options.author;
    if (fixed) {
      info.CreationDate = fixed;
      info.ModDate = fixed;
    }
    const fonts = options.fonts ?? resolveFonts();
    this.doc = new PDFDocument({
      size: options.size ?? 'A4',
      layout: options.layout ?? 'portrait',
      margins: { top: mm(margins.top), bottom: mm(margins.bottom), left: mm(margins.left), right: mm(margins.right) },
      bufferPages: true,
      autoFirstPage: true,
      info,
      lang: 'zh-CN',
      displayTitle: Boolean(options.title),
    });
    this.fonts = fonts;
    for (const face of FACES) {
      const file = fonts[face];
      try {
        this.doc.registerFont(face, fontSource(file) as unknown as Buffer);
        this.doc.font(face); // parse now so a bad file fails here, with its name
        rememberParsed(file, this.doc);
      } catch (error) {
        if (error instanceof UserError) throw error;
        throw new UserError(`${file}: cannot use font (${(error as Error).message.split('\n')[0]})`);
      }
    }
    this.widthCache = sharedWidths(fonts);
    this.coverage = sharedCoverage(fonts);
    const page = this.doc.page;
    this.margins = { ...page.margins };
    this.left = page.margins.left;
    this.width = page.width - page.margins.left - page.margins.right;
    this.top = page.margins.top;
    this.bottom = page.height - page.margins.bottom;
    this.y = this.top;
  }

  // -- measuring ------------------------------------------------------------------------

  textWidth(text: string, font: Face, size: number): number {
    let total = 0;
    for (const atom of atomize(text)) total += this.atomWidth(atom, font, size);
    return total;
  }

  private atomWidth(atom: string, font: Face, size: number): number {
    const key = `${font}\u0000${atom}`;
    let w = this.widthCache.get(key);
    if (w === undefined) {
      const runs = this.runsOf(atom, font, false);
      w = 0;
      for (const [piece, name] of runs ?? [[atom, font]]) {
        this.doc.font(name).fontSize(1000);
        w += this.doc.widthOfString(piece) / 1000;
      }
      this.widthCache.set(key, w);
    }
    return w * size;
  }

  /**
   * Lines of a 、-separated list (县交通局、县规划自然资源局): breaks after a 、 outside
   * brackets (各县（市、区）人民政府 is one item), so no name is cut unless it is wider
   * than the line by itself.
   */
  wrapList(text: string, width: number, font: Face, size: number): string[] {
    const items = splitList(text);
    const lines: string[] = [];
    let line = '';
    for (const item of items) {
      const joined = line + item;
      if (line === '' || this.textWidth(joined.replace(/、$/, ''), font, size) <= width + 0.01) {
        line = joined;
        continue;
      }
      lines.push(line);
      line = item;
    }
    if (line) lines.push(line);
    // An item wider than the line by itself: before the bracket that closes it, a second name
    // (县委宣传部 / （县网信办）, not 县委宣传部（县网信 / 办）), or after a bracket inside it
    // (各县（市、区）/ 人民政府, not 各县（市、区）人民政 / 府), when both parts fit; else wrapped as text.
    const fits = (t: string) => this.textWidth(t.replace(/、$/, ''), font, size) <= width + 0.01;
    return lines.flatMap((l) => {
      if (fits(l)) return [l];
      const name = l.replace(/、$/, '');
      const open = bracketOpening(name);
      if (open > 0 && fits(l.slice(0, open)) && fits(l.slice(open))) return [l.slice(0, open), l.slice(open)];
      const cut = Math.max(l.lastIndexOf('）'), l.lastIndexOf(')')) + 1;
      if (cut > 0 && cut < name.length && fits(l.slice(0, cut)) && fits(l.slice(cut))) return [l.slice(0, cut), l.slice(cut)];
      return this.wrap(l, width, font, size);
    });
  }

  wrap(text: string, width: number, font: Face, size: number): string[] {
    // breakLines measures atoms (and, rarely, pieces of one): memoise each string whole.
    return breakLines(text, width, (s) => this.atomWidth(s, font, size));
  }

  // -- drawing primitives ----------------------------------------------------------------

  /** One line of text whose top is at y; no wrapping, no page breaks. */
  drawLine(text: string, x: number, y: number, style: LineStyle = {}): void {
    const font = style.font ?? 'sans';
    const size = style.size ?? 12;
    let dx = 0;
    let spacing = 0;
    if (style.width !== undefined && (style.align === 'center' || style.align === 'right' || style.justify)) {
      const natural = this.textWidth(text, font, size);
      if (style.align === 'center') dx = (style.width - natural) / 2;
      else if (style.align === 'right') dx = style.width - natural;
      else if (style.justify) {
        const n = [...text].length;
        const gap = style.width - natural;
        // Only stretch lines that are nearly full: a short last line stays ragged.
        if (n > 1 && gap > 0 && gap < size * 2.5) spacing = gap / (n - 1);
      }
    }
    const runs = this.runsOf(text, font, true);
    const marks = (style.marks ?? []).filter(([a, b]) => b > a).sort((p, q) => p[0] - q[0]);
    if (marks.length === 0 && runs === null) {
      this.doc
        .font(font)
        .fontSize(size)
        .fillColor(style.color ?? INK)
        .text(text, x + Math.max(0, dx), y, { lineBreak: false, characterSpacing: spacing });
      return;
    }
    // Marked spans in the mark colour, same face and size, so widths do not change; within
    // each, runs of characters the face lacks in the fallback font that has them.
    let cx = x + Math.max(0, dx);
    let at = 0;
    const pieces: [string, boolean][] = [];
    for (const [a, b] of marks) {
      if (a > at) pieces.push([text.slice(at, a), false]);
      if (b > Math.max(a, at)) pieces.push([text.slice(Math.max(a, at), b), true]);
      at = Math.max(at, b);
    }
    if (at < text.length) pieces.push([text.slice(at), false]);
    for (const [piece, marked] of pieces) {
      const color = marked ? (style.markColor ?? RED) : (style.color ?? INK);
      for (const [run, name] of (runs && this.runsOf(piece, font, false)) ?? [[piece, font]]) {
        this.doc.font(name).fontSize(size).fillColor(color).text(run, cx, y, { lineBreak: false, characterSpacing: spacing });
        cx += this.textWidth(run, font, size) + spacing * [...run].length;
      }
    }
  }

  /**
   * The text cut into runs of one font each ([text, pdfkit font name]), or null when the face
   * has every character (the common case: one look-up a character, no new strings). A
   * character the face lacks goes to the first fallback that has it; blanks stay in the run
   * they are in. `count`: record what is drawn from a fallback or without a glyph.
   */
  private runsOf(text: string, face: Face, count: boolean): [string, string][] | null {
    let runs: [string, string][] | null = null;
    let runStart = 0;
    let current: string = face;
    for (let i = 0; i < text.length; ) {
      const cp = text.codePointAt(i)!;
      const width = cp > 0xffff ? 2 : 1;
      let name: string = face;
      if (cp === 0x20 || cp === 0x3000 || cp === 9) name = current;
      else if (cp >= 0x80) {
        const ch = text.slice(i, i + width);
        const spec = this.fontFor(face, ch, cp);
        if (spec === null) {
          if (count) this.missing.set(ch, (this.missing.get(ch) ?? 0) + 1);
        } else if (spec !== '') {
          name = this.fallbackName(spec);
          if (count) {
            const seen = this.fallen.get(ch);
            if (seen) seen.count++;
            else this.fallen.set(ch, { font: spec, count: 1 });
          }
        }
      }
      if (name !== current) {
        runs ??= [];
        if (i > runStart) runs.push([text.slice(runStart, i), current]);
        runStart = i;
        current = name;
      }
      i += width;
    }
    if (runs === null) return null;
    if (text.length > runStart) runs.push([text.slice(runStart), current]);
    return runs;
  }

  /** '' when the face has the character, the spec of the first fallback that has it, or null. */
  private fontFor(face: Face, ch: string, cp: number): string | null {
    const key = face + ch;
    let spec = this.coverage.get(key);
    if (spec === undefined) {
      spec = null;
      const primary = (this.doc.font(face) as unknown as { _font?: { font?: { hasGlyphForCodePoint?: (c: number) => boolean } } })._font?.font;
      if (!primary?.hasGlyphForCodePoint || primary.hasGlyphForCodePoint(cp) || /\s/.test(ch)) spec = '';
      else {
        for (const fallback of this.fonts.fallbacks?.[face] ?? []) {
          if (fallbackFont(fallback)?.hasGlyphForCodePoint(cp)) {
            spec = fallback;
            break;
          }
        }
      }
      this.coverage.set(key, spec);
    }
    return spec;
  }

  /** The pdfkit name of a fallback font, registered in this document on first use. */
  private fallbackName(spec: string): string {
    let name = this.fallbackNames.get(spec);
    if (name === undefined) {
      name = `fallback${this.fallbackNames.size + 1}`;
      this.doc.registerFont(name, fallbackFont(spec) as unknown as Buffer);
      this.fallbackNames.set(spec, name);
    }
    return name;
  }

  /** Line pitch for a size. */
  static leading(size: number, factor = 1.55): number {
    return size * factor;
  }

  // -- flow -----------------------------------------------------------------------------

  addPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  private finishedPages: number | null = null;

  /** Pages so far (after finish(): of the finished file). */
  get pageCount(): number {
    return this.finishedPages ?? this.doc.bufferedPageRange().count;
  }

  /** Start a new page unless `height` points fit below the cursor. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom + 0.01 && this.y > this.top + 0.01) this.addPage();
  }

  space(pt: number): void {
    this.y += pt;
  }

  title(text: string, options: { size?: number; color?: string } = {}): void {
    const size = options.size ?? 22;
    const measure = (s: string) => this.textWidth(s, 'serifBold', size);
    const greedy = this.wrap(text, this.width, 'serifBold', size);
    let lines = balanceTitle(text, greedy, (s) => measure(s) <= this.width);
    // 标题回行：词意完整，排列对称 — two lines of even length, broken between words.
    if (lines === greedy && lines.length === 2) lines = balancedBreak(text, this.width, measure, segmentWords(text)) ?? lines;
    const pitch = PolicyPdf.leading(size, 1.4);
    this.ensureSpace(pitch * lines.length);
    for (const line of lines) {
      this.drawLine(line, this.left, this.y, { font: 'serifBold', size, width: this.width, align: 'center', color: options.color });
      this.y += pitch;
    }
  }

  subtitle(text: string, options: { size?: number; font?: Face; color?: string } = {}): void {
    const size = options.size ?? 12;
    const font = options.font ?? 'sans';
    for (const line of this.wrap(text, this.width, font, size)) {
      this.ensureSpace(PolicyPdf.leading(size));
      this.drawLine(line, this.left, this.y, { font, size, width: this.width, align: 'center', color: options.color ?? GREY });
      this.y += PolicyPdf.leading(size);
    }
  }

  redRule(): void {
    this.y += 4;
    this.doc
      .save()
      .moveTo(this.left, this.y)
      .lineTo(this.left + this.width, this.y)
      .lineWidth(1.2)
      .strokeColor(RED)
      .stroke()
      .restore();
    this.y += 10;
  }

  heading(text: string, options: { level?: 1 | 2; font?: Face; keepWith?: number } = {}): void {
    const level = options.level ?? 1;
    const size = level === 1 ? 15 : 12.5;
    const font: Face = options.font ?? 'sansBold';
    const lines = this.wrap(text, this.width, font, size);
    const pitch = PolicyPdf.leading(size, 1.45);
    // Keep a heading with at least two lines of what follows.
    this.ensureSpace(pitch * lines.length + 6 + (options.keepWith ?? PolicyPdf.leading(12) * 2));
    this.y += level === 1 ? 6 : 3;
    const top = this.y;
    // Level 2 carries a red bar so it reads as a heading even in the regular face.
    const inset = level === 2 ? 8 : 0;
    for (const line of lines) {
      this.drawLine(line, this.left + inset, this.y, { font, size, width: this.width - inset, color: level === 1 ? RED : INK });
      this.y += pitch;
    }
    if (level === 2)
      this.doc
        .save()
        .rect(this.left, top + size * 0.25, 3, this.y - top - size * 0.45)
        .fill(RED)
        .restore();
    this.y += 2;
  }

  paragraph(
    text: string,
    options: {
      size?: number;
      font?: Face;
      indent?: number;
      justify?: boolean;
      color?: string;
      leading?: number;
      /** Words to mark in red wherever they occur (e.g. the department's names). */
      highlight?: string[];
      /** Points of what follows to keep on the same page (a label such as 量化目标 with its first item). */
      keepWith?: number;
    } = {},
  ): void {
    const size = options.size ?? 12;
    const font = options.font ?? 'sans';
    const indent = (options.indent ?? 2) * size;
    const pitch = PolicyPdf.leading(size, options.leading ?? 1.6);
    // First line indented by two characters (首行缩进两字), as in 公文 body text.
    const lines = breakFirstIndented(text, this.width, indent, (s) => this.atomWidth(s, font, size));
    if (options.keepWith) {
      const needed = pitch * lines.length + options.keepWith;
      if (needed <= this.bottom - this.top) this.ensureSpace(needed);
    }
    const spans = findSpans(text, options.highlight ?? []);
    // Where each paragraph breaks at the foot of the page: never one line alone at the
    // foot (orphan) nor one alone at the head of the next page (widow).
    let breakAt = -1;
    lines.forEach((line, i) => {
      if (line.first) {
        let n = 1;
        while (i + n < lines.length && !lines[i + n].first) n++;
        const room = Math.floor((this.bottom - this.y + 0.01) / pitch);
        let k = room;
        if (room < n) {
          if (n - k < 2) k -= 1;
          if (k < 2) k = 0;
          breakAt = i + k;
        } else {
          breakAt = -1;
        }
      }
      if (i === breakAt && this.y > this.top + 0.01) this.addPage();
      this.ensureSpace(pitch);
      const x = this.left + (line.first ? indent : 0);
      const w = this.width - (line.first ? indent : 0);
      const last = i === lines.length - 1 || lines[i + 1].first;
      this.drawLine(line.text, x, this.y, {
        font,
        size,
        width: w,
        justify: options.justify !== false && !last,
        color: options.color,
        marks: marksIn(line.text, line.start, spans),
      });
      this.y += pitch;
    });
  }

  /** A ruled table; rows taller than the space left continue on the next page. */
  table(columns: Column[], rows: string[][], options: TableOptions = {}): void {
    const size = options.fontSize ?? 10;
    const pad = options.padding ?? 4;
    const pitch = PolicyPdf.leading(size, 1.45);
    const widths = columns.map((c) => (c.width < 1 ? c.width * this.width : c.width));
    const total = widths.reduce((a, b) => a + b, 0);
    const x0 = this.left + Math.max(0, (this.width - total) / 2);
    const layout = (cells: string[], bold: boolean) =>
      columns.map((c, i) =>
        (c.list && !bold ? this.wrapList : this.wrap).call(this, cells[i] ?? '', widths[i] - 2 * pad, bold ? 'sansBold' : (c.font ?? 'sans'), size),
      );

    const headerLines = layout(
      columns.map((c) => c.header),
      true,
    );
    const headerHeight = Math.max(...headerLines.map((l) => l.length)) * pitch + 2 * pad;
    const drawRow = (lines: string[][], from: number, count: number, bold: boolean, fill: string | null) => {
      const h = count * pitch + 2 * pad;
      if (fill) this.doc.save().rect(x0, this.y, total, h).fill(fill).restore();
      let x = x0;
      columns.forEach((c, i) => {
        const cell = lines[i].slice(from, from + count);
        cell.forEach((line, k) => {
          this.drawLine(line, x + pad, this.y + pad + k * pitch + (pitch - size * 1.45) / 2, {
            font: bold ? 'sansBold' : (c.font ?? 'sans'),
            size,
            width: widths[i] - 2 * pad,
            align: bold ? 'center' : (c.align ?? 'left'),
          });
        });
        x += widths[i];
      });
      this.doc.save().lineWidth(0.5).strokeColor('#888888');
      this.doc.rect(x0, this.y, total, h).stroke();
      x = x0;
      for (let i = 0; i < columns.length - 1; i++) {
        x += widths[i];
        this.doc
          .moveTo(x, this.y)
          .lineTo(x, this.y + h)
          .stroke();
      }
      this.doc.restore();
      this.y += h;
    };
    const header = () => drawRow(headerLines, 0, Math.max(...headerLines.map((l) => l.length)), true, options.headerFill ?? '#e8e8e8');

    this.ensureSpace(headerHeight + pitch + 2 * pad);
    header();
    rows.forEach((row, r) => {
      const lines = layout(row, false);
      const n = Math.max(1, ...lines.map((l) => l.length));
      const fill = options.zebra && r % 2 === 1 ? options.zebra : null;
      let from = 0;
      while (from < n) {
        const room = Math.floor((this.bottom - this.y - 2 * pad) / pitch);
        const fresh = Math.floor((this.bottom - this.top - headerHeight - 2 * pad) / pitch);
        // Move the whole row to a new page when it fits there; split only giant rows.
        if (room < n - from && (n - from <= fresh || room < 2)) {
          this.addPage();
          if (options.repeatHeader !== false) header();
          continue;
        }
        const count = Math.min(room, n - from);
        drawRow(lines, from, count, false, fill);
        from += count;
      }
    });
  }

  // -- output ---------------------------------------------------------------------------

  /** Stamp running header and footer on every page, close the document, return its bytes. */
  finish(): Promise<Buffer> {
    const doc = this.doc;
    const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    for (const [char, { font, count }] of this.fallen) {
      reportGlyph({ char, codePoint: codePoint(char), unit: this.options.title ?? 'PDF', count, font });
    }
    for (const [char, count] of this.missing) {
      reportGlyph({ char, codePoint: codePoint(char), unit: this.options.title ?? 'PDF', count });
    }
    const range = doc.bufferedPageRange();
    this.finishedPages = range.count;
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (c: Buffer) => chunks.push(c));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      this.stamp(i - range.start + 1, range.count);
    }
    doc.end();
    return done;
  }

  private stamp(page: number, pages: number): void {
    const doc = this.doc;
    const p = doc.page;
    const saved = p.margins.bottom;
    p.margins.bottom = 0; // writing in the margin must not trigger a page break
    const size = 8;
    const footY = p.height - this.margins.bottom / 2 - size;
    const fullWidth = p.width - p.margins.left - p.margins.right;
    doc
      .save()
      .moveTo(this.left, footY - 6)
      .lineTo(this.left + fullWidth, footY - 6)
      .lineWidth(0.4)
      .strokeColor('#999999')
      .stroke()
      .restore();
    const number = `第 ${page} 页 / 共 ${pages} 页`;
    this.drawLine(number, this.left, footY, { font: 'sans', size: 9, width: fullWidth, align: 'center', color: INK });
    const left = this.options.footer?.left;
    const right = this.options.footer?.right;
    // The small print sits on its own line under the number: the right part whole, the left the rest.
    const rightText = right ? fit(right, fullWidth / 2, (s) => this.textWidth(s, 'sans', size)) : '';
    const side = fullWidth - (rightText ? this.textWidth(rightText, 'sans', size) + 16 : 0);
    if (left)
      this.drawLine(
        fit(left, side, (s) => this.textWidth(s, 'sans', size)),
        this.left,
        footY + 14,
        { font: 'sans', size, color: GREY },
      );
    if (rightText) this.drawLine(rightText, this.left, footY + 14, { font: 'sans', size, width: fullWidth, align: 'right', color: GREY });
    if (page > 1 && this.options.header) {
      const headY = this.margins.top / 2 - size;
      this.drawLine(
        fit(this.options.header, fullWidth, (s) => this.textWidth(s, 'sans', size)),
        this.left,
        headY,
        { font: 'sans', size, width: fullWidth, align: 'center', color: GREY },
      );
      doc
        .save()
        .moveTo(this.left, headY + 14)
        .lineTo(this.left + fullWidth, headY + 14)
        .lineWidth(0.6)
        .strokeColor(RED)
        .stroke()
        .restore();
    }
    p.margins.bottom = saved;
  }
}
