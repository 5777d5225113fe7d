import { createRequire } from 'node:module';
import path from 'node:path';

import { ConversionError, type ConvertedText } from './converted.js';
import { layoutPages, type PageRuns, type Run } from './layout.js';

/**
 * PDF with a text layer → text, with pdfjs-dist (the legacy build, which runs in Node). The
 * text items of each page are laid out again by position (see layout.ts): lines by baseline,
 * paragraphs by the margins, table rows with their cells split by tabs, page numbers and
 * running heads left out, and the offset where each page starts kept in `pages`.
 */

export interface PdfOptions {
  /** Refuse a PDF with more pages than this (default 500). */
  maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 500;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;

/** pdfjs, loaded on first use (it is large, and most runs read no PDF). */
function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
}

/** The folders of pdfjs's CMaps (CJK fonts without embedded ones need them) and standard fonts. */
function resourceUrls(): { cMapUrl: string; standardFontDataUrl: string } {
  const root = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  // pdfjs in Node reads these with fs from a path ending in a slash
  return { cMapUrl: path.join(root, 'cmaps') + path.sep, standardFontDataUrl: path.join(root, 'standard_fonts') + path.sep };
}

export async function pdfToText(bytes: Uint8Array, options: PdfOptions = {}): Promise<ConvertedText> {
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  if (!isPdf(bytes)) throw new ConversionError('damaged', 'not a PDF file (no %PDF- header)');
  if (!hasEnd(bytes)) throw new ConversionError('damaged', 'damaged PDF: the file is cut off (no %%EOF at its end; was it truncated?)');
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    // pdfjs may detach the buffer it is given: a copy keeps the caller's bytes
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    cMapPacked: true,
    ...resourceUrls(),
  });
  let pdf;
  try {
    pdf = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    throw pdfError(error);
  }
  try {
    const count = pdf.numPages;
    if (count > maxPages) throw new ConversionError('too-large', `has ${count} pages, more than the limit of ${maxPages}`);
    const pages: PageRuns[] = [];
    const empty: number[] = [];
    for (let n = 1; n <= count; n++) {
      const page = await pdf.getPage(n);
      const view = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        // the viewport's transform puts the origin top left, y down, in points
        const [a, b, c, d, e, f] = multiply(view.transform, item.transform);
        const size = Math.hypot(c, d) || Math.hypot(a, b);
        const scale = Math.hypot(a, b) / (Math.hypot(item.transform[0], item.transform[1]) || 1);
        runs.push({ x: e, y: f, width: item.width * (Number.isFinite(scale) && scale > 0 ? scale : 1), size, text: item.str });
      }
      if (!runs.some((r) => r.text.trim() !== '')) empty.push(n);
      pages.push({ width: view.width, height: view.height, runs });
      page.cleanup();
    }
    if (empty.length === count) throw new ConversionError('no-text', 'has no text layer (a scan): it needs OCR first');
    const laid = layoutPages(pages);
    const warnings = empty.length
      ? [`page${empty.length > 1 ? 's' : ''} ${pageList(empty)} ha${empty.length > 1 ? 've' : 's'} no text layer (scanned?): not read`]
      : undefined;
    return { text: laid.text, pages: laid.pages, ...(warnings ? { warnings } : {}) };
  } catch (error) {
    if (error instanceof ConversionError) throw error;
    throw pdfError(error);
  } finally {
    await pdf.destroy().catch(() => {});
  }
}

function isPdf(bytes: Uint8Array): boolean {
  // the header may follow some junk, within the first KB
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

/** A complete PDF ends with %%EOF (readers allow some bytes after it). */
function hasEnd(bytes: Uint8Array): boolean {
  const from = Math.max(0, bytes.byteLength - 4096);
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, bytes.byteLength - from)
    .toString('latin1')
    .includes('%%EOF');
}

function pdfError(error: unknown): ConversionError {
  const name = (error as { name?: string })?.name;
  const message = (error as { message?: string })?.message ?? String(error);
  if (name === 'PasswordException') return new ConversionError('encrypted', 'is password-protected (encrypted PDF): save a copy without the password');
  return new ConversionError('damaged', `damaged PDF (${message})`);
}

function multiply(m: number[], n: number[]): number[] {
  return [
    m[0] * n[0] + m[2] * n[1],
    m[1] * n[0] + m[3] * n[1],
    m[0] * n[2] + m[2] * n[3],
    m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4],
    m[1] * n[4] + m[3] * n[5] + m[5],
  ];
}

/** 3, 5–7, 9 */
function pageList(pages: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    let j = i;
    while (j + 1 < pages.length && pages[j + 1] === pages[j] + 1) j++;
    parts.push(j > i ? `${pages[i]}–${pages[j]}` : String(pages[i]));
    i = j;
  }
  return parts.join(', ');
}
