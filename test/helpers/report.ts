/** Shared by the report tests: ingest through the real pipeline, read PDFs back with pdfjs. */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ingestFile } from '../../src/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { fixture, ROOT, WUXI_FILE } from './fixtures.js';

export { ROOT, WUXI_FILE };
export const QINGCHUAN_FILE = fixture('report-digital-government-2024.txt');

export async function ingestBoth(): Promise<{ wuxi: PolicyDocument; qingchuan: PolicyDocument }> {
  return { wuxi: await ingestFile(WUXI_FILE), qingchuan: await ingestFile(QINGCHUAN_FILE) };
}

export interface PdfText {
  numPages: number;
  /** Per page: visual line segments (text drawn in one run), top to bottom. */
  segments: string[][];
  /** All text, whitespace removed, in drawing order. */
  flat: string;
  /** Page sizes in points. */
  sizes: { width: number; height: number }[];
}

/** The text of a PDF as a reader's copy-paste would see it. */
export async function pdfText(bytes: Uint8Array): Promise<PdfText> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  const segments: string[][] = [];
  const sizes: { width: number; height: number }[] = [];
  let flat = '';
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const view = page.getViewport({ scale: 1 });
    sizes.push({ width: view.width, height: view.height });
    const content = await page.getTextContent();
    const items = content.items.filter((i): i is typeof i & { str: string; transform: number[]; width: number } => 'str' in i);
    flat += items
      .map((i) => i.str)
      .join('')
      .replace(/\s+/g, '');
    // Group runs on one baseline, split where there is a gap (table cells side by side).
    const rows = new Map<number, { x: number; end: number; str: string }[]>();
    for (const item of items) {
      if (item.str === '') continue;
      const y = Math.round(item.transform[5]);
      const row = rows.get(y) ?? [];
      row.push({ x: item.transform[4], end: item.transform[4] + item.width, str: item.str });
      rows.set(y, row);
    }
    const pageSegments: string[] = [];
    for (const y of [...rows.keys()].sort((a, b) => b - a)) {
      const row = rows.get(y)!.sort((a, b) => a.x - b.x);
      let current = '';
      let end = -Infinity;
      for (const run of row) {
        if (current !== '' && run.x - end > 3) {
          pageSegments.push(current);
          current = '';
        }
        current += run.str;
        end = run.end;
      }
      if (current) pageSegments.push(current);
    }
    segments.push(pageSegments);
  }
  await pdf.destroy();
  return { numPages: pdf.numPages, segments, flat, sizes };
}

/** Names of the fonts a PDF declares, and whether each has an embedded font program. */
export function pdfFonts(bytes: Uint8Array): { names: string[]; allEmbedded: boolean; type1: number } {
  const text = Buffer.from(bytes).toString('latin1');
  const names = [...text.matchAll(/\/Type \/Font\s*\/Subtype \/Type0\s*\/BaseFont \/([^\s/]+)/g)].map((m) => m[1]);
  const descriptors = (text.match(/\/Type \/FontDescriptor/g) ?? []).length;
  const programs = (text.match(/\/FontFile2 \d+ 0 R/g) ?? []).length;
  const type1 = (text.match(/\/Subtype \/Type1/g) ?? []).length;
  return { names, allEmbedded: descriptors > 0 && descriptors === programs, type1 };
}

/** Text with whitespace removed, for comparisons with pdfText().flat. */
export function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Text drawn in a given fill colour (r, g, b in 0–255), per run, from pdfjs operator lists. */
export async function coloredRuns(bytes: Uint8Array, rgb: [number, number, number]): Promise<string[]> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true }).promise;
  const runs: string[] = [];
  const hex = '#' + rgb.map((c) => c.toString(16).padStart(2, '0')).join('');
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const ops = await page.getOperatorList();
    let current = '';
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i];
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.setFillRGBColor) {
        const a = args as (number | string)[];
        current =
          typeof a[0] === 'string' ? String(a[0]).toLowerCase() : '#' + (a as number[]).map((c) => Math.round(c).toString(16).padStart(2, '0')).join('');
      } else if (fn === OPS.showText && current === hex) {
        const glyphs = args[0] as ({ unicode?: string } | number | null)[];
        runs.push(glyphs.map((g) => (g && typeof g === 'object' ? (g.unicode ?? '') : '')).join(''));
      }
    }
  }
  await pdf.destroy();
  return runs;
}
