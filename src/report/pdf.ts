/**
 * PDF building blocks for printable reports in the style of Chinese government documents
 * (GB/T 9704 公文格式: A4, margins 37/35/28/26 mm, bold serif title, red rule). Body and
 * tables default to Noto Sans SC: one face for both keeps the embedded glyph subset to one
 * copy (a serif body beside sans tables made a 6-page sheet 233 KB instead of 145 KB).
 * Library code: it never prints; bad input throws UserError.
 *
 * API
 *
 *   resolveFonts({ font? }) → FontSet
 *     The bundled Noto Sans SC / Noto Serif SC TTFs from node_modules (found with
 *     require.resolve, so they work on a machine without system fonts). `font` (a font file
 *     of the caller's) replaces every face with one file; a missing or invalid file, or one
 *     without Chinese glyphs, is a UserError naming the path. Each font file is read and
 *     parsed once per process and shared by all documents.
 *
 *   creationDate({ date?, env? }) → Date | null
 *     A fixed date for byte-for-byte reproducible output: `date` as YYYY-MM-DD, else env SOURCE_DATE_EPOCH (seconds), else null (use the clock).
 *
 *   new PolicyPdf(options: PdfOptions)
 *     A pdfkit document with the fonts registered, buffered pages and a cursor `y`.
 *     Options (defaults): size 'A4', layout 'portrait', margins GB_MARGINS (mm),
 *     fonts resolveFonts(), date null (now; a Date fixes CreationDate/ModDate and the file
 *     ID, so equal input gives equal bytes), title/subject/author (PDF info),
 *     header (running header text on pages 2+), footer { left?, right? } (small print
 *     either side of the page number "第 X 页 / 共 Y 页").
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
 *
 *   breakLines(text, width, measure) → string[]
 *     Greedy CJK line breaking with 禁则 (kinsoku): no line starts with closing
 *     punctuation (CLOSING_PUNCTUATION: ，。、；：）」》？！ …) and none ends with opening
 *     punctuation (（「《 …); Latin words and numbers (2021—2035, 90%, 3.5) and short
 *     bracketed groups (（街道）) stay whole.
 *   findSpans(text, words) → [start, end)[]    for paragraph highlights.
 *   fit(text, width, measure)                  shorten with … to a width.
 *   mm(n) → points; creationDate / isoDay for dates; RED, GB_MARGINS.
 */

import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { UserError } from '../model/errors.js';
import { InvalidOption } from '../select/errors.js';
import { segmentWords } from '../util/jieba.js';

const require = createRequire(import.meta.url);

export const mm = (n: number): number => (n * 72) / 25.4;

/** GB/T 9704 margins in mm: 天头 37, 下白边 35, 订口 28, 切口 26. */
export const GB_MARGINS = { top: 37, bottom: 35, left: 28, right: 26 } as const;

export type Face = 'sans' | 'sansBold' | 'serif' | 'serifBold';
export const FACES: readonly Face[] = ['sans', 'sansBold', 'serif', 'serifBold'];
/**
 * The font file of each face, and for each face the fonts tried, in order, for a character it
 * lacks (a file, or `file.ttc#PostScriptName` for one font of a collection).
 */
export type FontSet = Record<Face, string> & { fallbacks?: Record<Face, string[]> };

const BUNDLED: Record<Face, string> = {
  sans: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  sansBold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
  serif: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  serifBold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
};

/**
 * CJK fonts a system may have with characters Noto Sans/Serif SC lack (CJK Extension B and
 * later: 𠮷 U+20BB7 and other rare characters of place and person names), each face's own
 * style first. Used where present, never required. Debian/Ubuntu: fonts-noto-cjk;
 * Windows: SimSun-ExtB.
 */
const NOTO_CJK = '/usr/share/fonts/opentype/noto';
const SYSTEM: Record<Face, string[]> = {
  sans: [`${NOTO_CJK}/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular`, `${NOTO_CJK}/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular`],
  sansBold: [`${NOTO_CJK}/NotoSansCJK-Bold.ttc#NotoSansCJKsc-Bold`, `${NOTO_CJK}/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular`],
  serif: [`${NOTO_CJK}/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular`, `${NOTO_CJK}/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular`],
  serifBold: [`${NOTO_CJK}/NotoSerifCJK-Bold.ttc#NotoSerifCJKsc-Bold`, `${NOTO_CJK}/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular`],
};
const SYSTEM_ANY = ['C:\\Windows\\Fonts\\simsunb.ttf'];

/** The system fonts of SYSTEM that exist here, for each face. */
export function systemFallbacks(candidates: Record<Face, string[]> = SYSTEM): Record<Face, string[]> {
  const out = {} as Record<Face, string[]>;
  for (const face of FACES) out[face] = [...candidates[face], ...SYSTEM_ANY].filter((spec) => isFile(splitSpec(spec).file));
  return out;
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** `file.ttc#PostScriptName` → its parts. */
function splitSpec(spec: string): { file: string; name?: string } {
  const hash = spec.lastIndexOf('#');
  return hash > 0 && !/[\\/]/.test(spec.slice(hash)) ? { file: spec.slice(0, hash), name: spec.slice(hash + 1) } : { file: spec };
}

export interface FontOptions {
  /** A font file for every face instead of the bundled ones (the bundled ones become its fallback). */
  font?: string;
  /** Font files tried, in order, for a character the faces lack (`file.ttc#PostScriptName` for a collection's font). */
  fallbacks?: string[];
  /** Also the system's CJK fonts where present (default true). */
  systemFonts?: boolean;
}

/**
 * Font files: the bundled Noto faces, or one user font for every face; and for each face the
 * fonts to draw a character it lacks with: the `fallbacks`, the bundled face when `font`
 * replaced it, then the system's CJK fonts.
 */
export function resolveFonts(options: FontOptions = {}): FontSet {
  const bundled = {} as Record<Face, string>;
  for (const face of FACES) {
    try {
      bundled[face] = require.resolve(BUNDLED[face]);
    } catch {
      if (options.font === undefined) throw new UserError(`bundled font ${BUNDLED[face]} not found (install the package's dependencies, or give a font file)`);
    }
  }
  if (options.font !== undefined) checkFontFile(options.font, 'font');
  for (const file of options.fallbacks ?? []) checkFontFile(file, 'fallback-font');
  const system = options.systemFonts === false ? null : systemFallbacks();
  const out = {} as FontSet;
  const fallbacks = {} as Record<Face, string[]>;
  for (const face of FACES) {
    out[face] = options.font ?? bundled[face];
    const chain = [...(options.fallbacks ?? []), ...(options.font !== undefined && bundled[face] ? [bundled[face]] : []), ...(system?.[face] ?? [])];
    fallbacks[face] = [...new Set(chain)].filter((spec) => spec !== out[face]);
  }
  if (FACES.some((face) => fallbacks[face].length > 0)) out.fallbacks = fallbacks;
  return out;
}

/** Magic numbers of the font formats pdfkit embeds: TrueType, OpenType/CFF, Apple 'true', WOFF. */
const FONT_MAGICS = ['00010000', '4f54544f', '74727565', '774f4646'];

function checkFontFile(spec: string, option: string): void {
  const { file, name } = splitSpec(spec);
  let st;
  try {
    st = statSync(file);
  } catch {
    throw new InvalidOption(option, spec, 'file not found');
  }
  if (!st.isFile()) throw new InvalidOption(option, spec, 'not a file');
  const head = readFontBuffer(file).subarray(0, 4).toString('hex');
  if (head === '74746366') {
    // a collection (.ttc): one of its fonts, by name or the Simplified Chinese one
    try {
      loadFont(spec);
    } catch (error) {
      throw new InvalidOption(option, spec, (error as Error).message);
    }
    return;
  }
  if (name !== undefined) throw new InvalidOption(option, spec, 'a font name (#…) is for a font collection (.ttc) only');
  if (!FONT_MAGICS.includes(head)) throw new InvalidOption(option, spec, 'not a TrueType/OpenType font file');
}

interface FontkitFont {
  postscriptName?: string;
  layout: unknown;
  hasGlyphForCodePoint(cp: number): boolean;
}
interface FontkitCollection {
  fonts: FontkitFont[];
  getFont(name: string): FontkitFont | null;
}
let fontkit: { create(buffer: Uint8Array, name?: string): FontkitFont | FontkitCollection } | null = null;

/** fontkit as pdfkit has it (pdfkit's own dependency). */
function fontkitLib(): NonNullable<typeof fontkit> {
  fontkit ??= createRequire(require.resolve('pdfkit'))('fontkit') as NonNullable<typeof fontkit>;
  return fontkit;
}

/** Fallback fonts parsed, by spec (null: it cannot be read), once per process. */
const loadedFonts = new Map<string, FontkitFont | null>();

/**
 * A font file parsed by fontkit; from a collection (.ttc), the font named after `#`, else its
 * Simplified Chinese font (…SC / …sc-…), else its first. Throws with what is wrong.
 */
function loadFont(spec: string): FontkitFont {
  const cached = loadedFonts.get(spec);
  if (cached) return cached;
  const { file, name } = splitSpec(spec);
  const made = fontkitLib().create(readFontBuffer(file));
  let font: FontkitFont | null;
  if ('fonts' in made) {
    const names = made.fonts.map((f) => f.postscriptName ?? '');
    font = name !== undefined ? made.getFont(name) : (made.fonts.find((f) => /SC\b|sc-/.test(f.postscriptName ?? '')) ?? made.fonts[0] ?? null);
    if (!font) throw new Error(`no font ${name ?? ''} in the collection (it has ${names.join(', ')})`);
  } else {
    font = made;
  }
  if (typeof font.layout !== 'function') throw new Error('not a font fontkit can lay out');
  loadedFonts.set(spec, font);
  return font;
}

/** A fallback font, or null where it cannot be read (a system font is never an error). */
function fallbackFont(spec: string): FontkitFont | null {
  if (!loadedFonts.has(spec)) {
    try {
      loadFont(spec);
    } catch {
      loadedFonts.set(spec, null);
    }
  }
  return loadedFonts.get(spec) ?? null;
}

// Font files are 10–15 MB: read each once per process, not once per sheet.
const fontBuffers = new Map<string, Buffer>();
function readFontBuffer(file: string): Buffer {
  let buf = fontBuffers.get(file);
  if (!buf) {
    try {
      buf = readFileSync(file);
    } catch (error) {
      throw new UserError(`${file}: cannot read font (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    fontBuffers.set(file, buf);
  }
  return buf;
}

/**
 * Parsing a 10–15 MB CJK font takes tens of milliseconds; pdfkit (≥ 0.16) accepts an
 * already parsed fontkit font, so each file is parsed once per process and shared by
 * every document (each document still makes its own subset).
 */
const parsedFonts = new Map<string, unknown>();

function fontSource(file: string): unknown {
  const { file: path, name } = splitSpec(file);
  if (name !== undefined || readFontBuffer(path).subarray(0, 4).toString('hex') === '74746366') return loadFont(file);
  return parsedFonts.get(file) ?? readFontBuffer(file);
}

interface ParsedFont {
  layout?: unknown;
  hasGlyphForCodePoint?: (cp: number) => boolean;
}

function rememberParsed(file: string, doc: PDFKit.PDFDocument): void {
  if (parsedFonts.has(file)) return;
  const parsed = (doc as unknown as { _font?: { font?: ParsedFont } })._font?.font;
  if (!parsed || typeof parsed.layout !== 'function') return;
  // A Latin-only font would set every Chinese character as an empty box: refuse it.
  if (typeof parsed.hasGlyphForCodePoint === 'function' && !parsed.hasGlyphForCodePoint(0x4e2d)) {
    throw new UserError(`${file}: font has no Chinese glyphs (中); give a CJK font`);
  }
  parsedFonts.set(file, parsed);
}

/** Which font draws a character, per font set, shared by all documents of the process. */
const coverageCaches = new Map<string, Map<string, string | null>>();
function sharedCoverage(fonts: FontSet): Map<string, string | null> {
  const key = JSON.stringify(fonts);
  let cache = coverageCaches.get(key);
  if (!cache) coverageCaches.set(key, (cache = new Map()));
  return cache;
}

/** Advance widths, per font set, shared by all documents of the process. */
const widthCaches = new Map<string, Map<string, number>>();
function sharedWidths(fonts: FontSet): Map<string, number> {
  const key = JSON.stringify(fonts);
  let cache = widthCaches.get(key);
  if (!cache) widthCaches.set(key, (cache = new Map()));
  return cache;
}

export { creationDate, isoDay } from './dates.js';

/** A character the fonts of a PDF have no glyph for (drawn as an empty box), and where. */
export interface MissingGlyph {
  /** The character, e.g. 𠮷. */
  char: string;
  /** U+20BB7. */
  codePoint: string;
  /** The PDF it is in, by its title: 县交通局责任清单 — 某县…方案. */
  unit: string;
  /** How often it is drawn there. */
  count: number;
  /**
   * The fallback font it was drawn from (a file, `file.ttc#PostScriptName` for a collection's
   * font), when the faces lack it but a fallback has it; absent when no font has it (an empty box).
   */
  font?: string;
}
export type MissingGlyphListener = (missing: MissingGlyph) => void;
const glyphListeners = new Set<MissingGlyphListener>();

/**
 * Be told of characters a finished PDF drew without a glyph (the bundled Noto fonts lack
 * some rare characters, such as 𠮷 U+20BB7). Returns the function that stops listening.
 */
export function onMissingGlyph(listener: MissingGlyphListener): () => void {
  glyphListeners.add(listener);
  return () => glyphListeners.delete(listener);
}

// ---------------------------------------------------------------------------------------
// Line breaking

/** May not start a line (行首禁则). */
export const CLOSING_PUNCTUATION = new Set([...'，。、；：？！）」』》〉】〕］｝’”…·%％‰℃,.;:?!)]}', ...'ゝゞヽヾ々〻ー']);
/** May not end a line (行尾禁则). */
export const OPENING_PUNCTUATION = new Set([...'（「『《〈【〔［｛‘“([{']);

function isCjk(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x20000 && c <= 0x3134f);
}
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\u3000';

/**
 * Split text into unbreakable atoms: one CJK character, a run of Latin/digits, or a space;
 * closing punctuation sticks to what precedes, opening punctuation to what follows. A
 * dash pair ——, an ellipsis …… stay whole.
 */
export function atomize(text: string): string[] {
  const raw: string[] = [];
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (isSpace(ch)) {
      raw.push(ch);
    } else if (!isCjk(ch) && !CLOSING_PUNCTUATION.has(ch) && !OPENING_PUNCTUATION.has(ch)) {
      let run = ch;
      while (
        i + 1 < chars.length &&
        !isSpace(chars[i + 1]) &&
        !isCjk(chars[i + 1]) &&
        !CLOSING_PUNCTUATION.has(chars[i + 1]) &&
        !OPENING_PUNCTUATION.has(chars[i + 1])
      ) {
        run += chars[++i];
      }
      raw.push(run);
    } else {
      raw.push(ch);
    }
  }
  const atoms: string[] = [];
  let pendingOpen = '';
  for (const a of raw) {
    if (OPENING_PUNCTUATION.has(a)) {
      pendingOpen += a;
    } else if (pendingOpen === '' && atoms.length > 0 && CLOSING_PUNCTUATION.has([...a][0])) {
      // A closing mark after a blank still belongs to the word before the blank.
      if (isSpace(atoms[atoms.length - 1]) && atoms.length > 1) {
        const blank = atoms.pop();
        atoms[atoms.length - 1] += blank + a;
      } else {
        atoms[atoms.length - 1] += a;
      }
    } else {
      atoms.push(pendingOpen + a);
      pendingOpen = '';
    }
  }
  if (pendingOpen) {
    if (atoms.length > 0 && !isSpace(atoms[atoms.length - 1])) atoms[atoms.length - 1] += pendingOpen;
    else atoms.push(pendingOpen);
  }
  return keepShortGroups(atoms);
}

const PAIRS: Record<string, string> = { '（': '）', '(': ')', '〔': '〕', '【': '】', '「': '」' };
/** Most atoms in a bracketed group kept on one line: （街道） （自治县） （2021—2035年）. */
export const SHORT_GROUP = 4;

/** A short bracketed group is one atom: 有关乡镇 / （街道）, never 有关乡镇（街 / 道）. */
function keepShortGroups(atoms: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < atoms.length; i++) {
    const first = [...atoms[i]];
    const close = PAIRS[first[0]];
    if (close && !atoms[i].includes(close)) {
      let group = atoms[i];
      let j = i + 1;
      while (j < atoms.length && j - i < SHORT_GROUP && !isSpace(atoms[j]) && !atoms[j - 1].includes(close)) group += atoms[j++];
      if (group.includes(close)) {
        out.push(group);
        i = j - 1;
        continue;
      }
    }
    out.push(atoms[i]);
  }
  return out;
}

/** A task or item label (（八）, (十二), 4.2.1, 12.): read as one sign, so never cut, even where it is wider than its cell. */
const LABEL = /^[（(〔【]?[一二三四五六七八九十百零〇\d.．]{1,5}[）)〕】.．、]?$/;

/** The pieces cutAtom makes of an over-long atom; a label stays whole (it hangs into the cell's padding). */
function cutOrKeep(atom: string, width: number, measure: (s: string) => number): string[] {
  return LABEL.test(atom) ? [atom] : cutAtom(atom, width, measure);
}

/**
 * Greedy line breaking at `width` points; `measure` gives a string's width. Hard line
 * breaks (\n) are kept. An atom wider than a line is cut by characters (closing
 * punctuation still never starts the next line), except a label such as （八）.
 */
export function breakLines(text: string, width: number, measure: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const hard of text.split(/\r?\n/)) {
    let line = '';
    let lineWidth = 0;
    for (const atom of atomize(hard)) {
      const w = measure(atom);
      if (lineWidth + w <= width + 0.01 || line === '') {
        if (line === '' && isSpace(atom)) continue; // no leading blanks
        if (w > width + 0.01 && line === '') {
          // Too long for any line: cut it.
          for (const part of cutOrKeep(atom, width, measure)) lines.push(part);
          const last = lines.pop() ?? '';
          line = last;
          lineWidth = measure(last);
          continue;
        }
        line += atom;
        lineWidth += w;
      } else {
        lines.push(line.trimEnd());
        if (isSpace(atom)) {
          line = '';
          lineWidth = 0;
        } else if (w > width + 0.01) {
          for (const part of cutOrKeep(atom, width, measure)) lines.push(part);
          line = lines.pop() ?? '';
          lineWidth = measure(line);
        } else {
          line = atom;
          lineWidth = w;
        }
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

/** Where the bracket that closes a name opens (县委宣传部|（县网信办）), or -1; nested brackets count. */
export function bracketOpening(name: string): number {
  const last = name[name.length - 1];
  if (last !== '）' && last !== ')') return -1;
  let depth = 0;
  for (let i = name.length - 1; i >= 0; i--) {
    if (name[i] === '）' || name[i] === ')') depth++;
    else if (name[i] === '（' || name[i] === '(') depth--;
    if (depth === 0) return i;
  }
  return -1;
}

/** Items of a 、-separated list, each with its 、; a 、 inside brackets does not separate. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let item = '';
  for (const ch of text) {
    item += ch;
    if ('（(〔［[【'.includes(ch)) depth++;
    else if ('）)〕］]】'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (ch === '、' && depth === 0) {
      items.push(item);
      item = '';
    }
  }
  if (item) items.push(item);
  return items;
}

/**
 * Cut an atom wider than a line by characters. A closing mark that does not fit takes the
 * characters before it along to the next line; when they are all closing marks it hangs
 * past the edge instead (行末悬挂) — a line never starts with one.
 */
function cutAtom(atom: string, width: number, measure: (s: string) => number): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  // widths added up character by character: measuring each longer prefix again made a
  // 16,000-character atom (brackets nested 5,000 deep) take minutes and a width cache entry a prefix
  let currentWidth = 0;
  const widthOf = (chars: string[]) => chars.reduce((w, c) => w + measure(c), 0);
  for (const ch of atom) {
    const w = measure(ch);
    if (current.length > 0 && currentWidth + w > width + 0.01) {
      if (!CLOSING_PUNCTUATION.has(ch)) {
        parts.push(current.join(''));
        current = [ch];
        currentWidth = w;
        continue;
      }
      let k = current.length - 1;
      while (k > 0 && CLOSING_PUNCTUATION.has(current[k])) k--;
      if (k > 0) {
        parts.push(current.slice(0, k).join(''));
        current = [...current.slice(k), ch];
        currentWidth = widthOf(current);
        continue;
      }
      // all closing marks: hang a few past the edge (行末悬挂), not a whole run of them
      if (currentWidth > width * 1.5) {
        parts.push(current.join(''));
        current = [ch];
        currentWidth = w;
        continue;
      }
    }
    current.push(ch);
    currentWidth += w;
  }
  if (current.length > 0) parts.push(current.join(''));
  return parts;
}

// ---------------------------------------------------------------------------------------
// The document

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
      for (const listener of glyphListeners) listener({ char, codePoint: codePoint(char), unit: this.options.title ?? 'PDF', count, font });
    }
    for (const [char, count] of this.missing) {
      for (const listener of glyphListeners) listener({ char, codePoint: codePoint(char), unit: this.options.title ?? 'PDF', count });
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

/**
 * A title that needs two lines breaks before its bracketed part when both halves fit:
 * 某某实施方案 / （2021—2035年）, as 公文 titles are set, not in the middle of the years.
 */
export function balanceTitle(text: string, lines: string[], fits: (s: string) => boolean): string[] {
  if (lines.length !== 2) return lines;
  const at = Math.max(text.lastIndexOf('（'), text.lastIndexOf('('));
  if (at <= 0) return lines;
  const head = text.slice(0, at);
  const tail = text.slice(at);
  return fits(head) && fits(tail) ? [head, tail] : lines;
}

/**
 * Two lines of even width for a title, broken only between words (`words` is the text cut
 * into words) and never against 禁则; the upper line is the longer when the choice is
 * close. Null when no break fits.
 */
export function balancedBreak(text: string, width: number, measure: (s: string) => number, words: string[]): [string, string] | null {
  if (words.join('') !== text) return null;
  let best: [string, string] | null = null;
  let bestCost = Infinity;
  let at = 0;
  for (const word of words.slice(0, -1)) {
    at += word.length;
    const head = text.slice(0, at);
    const tail = text.slice(at);
    const before = [...head].at(-1) ?? '';
    const after = [...tail][0];
    if (CLOSING_PUNCTUATION.has(after) || OPENING_PUNCTUATION.has(before)) continue;
    if (/[—\-～~]/.test(before + after)) continue; // 2023—2024 stays together
    const w1 = measure(head);
    const w2 = measure(tail);
    if (w1 > width + 0.01 || w2 > width + 0.01) continue;
    // A shorter upper line costs a little more than the same difference the other way.
    const cost = w1 >= w2 ? w1 - w2 : (w2 - w1) * 1.2;
    if (cost < bestCost) {
      bestCost = cost;
      best = [head, tail];
    }
  }
  return best;
}

/** Shorten text with … to fit a width. */
export function fit(text: string, width: number, measure: (s: string) => number): string {
  if (measure(text) <= width) return text;
  const chars = [...text];
  const fits = (k: number) => measure(chars.slice(0, k).join('') + '…') <= width;
  // the longest prefix that fits with its …: found by halving (dropping one character at a
  // time and measuring the rest again took minutes on a 16,000-character title), then
  // checked step by step, so the answer is the one-by-one scan's
  let lo = 1;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  while (lo < chars.length && fits(lo + 1)) lo++;
  while (lo > 1 && !fits(lo)) lo--;
  return chars.slice(0, lo).join('') + '…';
}

/**
 * breakLines with a first-line indent; each hard line (\n) starts a new indented
 * paragraph. `start` is each line's offset in `text`.
 */
function breakFirstIndented(text: string, width: number, indent: number, measure: (s: string) => number): { text: string; first: boolean; start: number }[] {
  const out: { text: string; first: boolean; start: number }[] = [];
  let cursor = 0;
  const place = (line: string, first: boolean) => {
    const start = line === '' ? cursor : text.indexOf(line, cursor);
    out.push({ text: line, first, start: start < 0 ? cursor : start });
    if (start >= 0) cursor = start + line.length;
  };
  for (const para of text.split(/\r?\n/)) {
    const trimmed = para.trim();
    if (!trimmed) {
      cursor += para.length + 1;
      continue;
    }
    // Break the first line at the indented width, the rest at full width.
    const firstLines = breakLines(trimmed, width - indent, measure);
    const first = firstLines[0] ?? '';
    place(first, true);
    const rest = trimmed.slice(first.length).trimStart();
    if (rest) for (const line of breakLines(rest, width, measure)) place(line, false);
  }
  return out;
}

/** Every occurrence of the words in text, longest word first where they overlap. */
export function findSpans(text: string, words: string[]): [number, number][] {
  const spans: [number, number][] = [];
  for (const word of [...new Set(words)].filter(Boolean).sort((a, b) => b.length - a.length)) {
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
      const end = at + word.length;
      if (!spans.some(([a, b]) => at < b && end > a)) spans.push([at, end]);
    }
  }
  return spans.sort((a, b) => a[0] - b[0]);
}

/** The spans that fall in a line starting at `start`, in line offsets. */
function marksIn(line: string, start: number, spans: [number, number][]): [number, number][] {
  const end = start + line.length;
  return spans.filter(([a, b]) => a < end && b > start).map(([a, b]) => [Math.max(0, a - start), Math.min(line.length, b - start)]);
}
