/**
 * Fonts of the PDF reports: the bundled Noto Sans SC / Noto Serif SC, a caller's font file,
 * the fallbacks for characters a face lacks, and the checks that a file is a usable CJK font.
 * Library code: it never prints; bad input throws UserError (or InvalidOption, for a font file
 * given as an option).
 *
 *   resolveFonts({ font?, fallbacks?, systemFonts? }) → FontSet
 *     The bundled Noto Sans SC / Noto Serif SC TTFs from node_modules (found with
 *     require.resolve, so they work on a machine without system fonts). `font` (a font file
 *     of the caller's) replaces every face with one file; a missing or invalid file, or one
 *     without Chinese glyphs, is a UserError naming the path. Each font file is read and
 *     parsed once per process and shared by all documents.
 *   onMissingGlyph(listener)   be told of characters a finished PDF drew from a fallback font
 *     or without any glyph.
 *
 * For the document class (document.ts): fontSource, rememberParsed, fallbackFont,
 * sharedCoverage / sharedWidths (per-process caches) and reportGlyph.
 */

import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UserError } from '../../model/errors.js';
import { InvalidOption } from '../../select/errors.js';

const require = createRequire(import.meta.url);

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
export function fallbackFont(spec: string): FontkitFont | null {
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

export function fontSource(file: string): unknown {
  const { file: path, name } = splitSpec(file);
  if (name !== undefined || readFontBuffer(path).subarray(0, 4).toString('hex') === '74746366') return loadFont(file);
  return parsedFonts.get(file) ?? readFontBuffer(file);
}

interface ParsedFont {
  layout?: unknown;
  hasGlyphForCodePoint?: (cp: number) => boolean;
}

export function rememberParsed(file: string, doc: PDFKit.PDFDocument): void {
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
export function sharedCoverage(fonts: FontSet): Map<string, string | null> {
  const key = JSON.stringify(fonts);
  let cache = coverageCaches.get(key);
  if (!cache) coverageCaches.set(key, (cache = new Map()));
  return cache;
}

/** Advance widths, per font set, shared by all documents of the process. */
const widthCaches = new Map<string, Map<string, number>>();
export function sharedWidths(fonts: FontSet): Map<string, number> {
  const key = JSON.stringify(fonts);
  let cache = widthCaches.get(key);
  if (!cache) widthCaches.set(key, (cache = new Map()));
  return cache;
}

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

/** Tell the listeners of onMissingGlyph of one character of a finished PDF. */
export function reportGlyph(missing: MissingGlyph): void {
  for (const listener of glyphListeners) listener(missing);
}
