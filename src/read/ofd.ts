import { XMLParser } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import { ConversionError, type ConvertedText } from './converted.js';
import { layoutPages, type PageRuns, type Run } from './layout.js';

/**
 * OFD (GB/T 33190, China's fixed-layout format) → text. An OFD is a ZIP package: OFD.xml names
 * each document's root (DocBody/DocRoot → Doc_0/Document.xml), the document lists its pages
 * (Pages/Page/@BaseLoc → Pages/Page_0/Content.xml), and a page's text is in TextObjects
 * (Boundary "x y w h" in mm, Size the font size) holding TextCodes (X, Y of the first glyph's
 * baseline relative to the boundary, DeltaX the advances of the next glyphs). The glyphs are
 * laid out again by position as for PDF (layout.ts): the order the objects are stored in does
 * not matter. Only the first document of a package is read; templates (running heads drawn
 * on every page) and annotations are page furniture and left out.
 */

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  isArray: (name) => ARRAYS.has(name),
});
const ARRAYS = new Set(['DocBody', 'Page', 'Layer', 'TextObject', 'TextCode', 'PageBlock']);

type Xml = Record<string, unknown>;

export async function ofdToText(bytes: Uint8Array): Promise<ConvertedText> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (error) {
    throw new ConversionError('damaged', `damaged OFD: not a readable ZIP package (${(error as Error).message})`);
  }
  const names = new Map(Object.keys(files).map((n) => [n.replace(/^\/+/, '').toLowerCase(), n]));
  const read = (name: string): Xml => {
    const key = names.get(name.replace(/^\/+/, '').toLowerCase());
    if (key === undefined) throw new ConversionError('damaged', `damaged OFD: ${name} is missing from the package`);
    try {
      return parser.parse(new TextDecoder('utf-8').decode(files[key])) as Xml;
    } catch (error) {
      throw new ConversionError('damaged', `damaged OFD: ${name} is not well-formed XML (${(error as Error).message})`);
    }
  };

  const ofd = child(read('OFD.xml'), 'OFD');
  const docRoot = text(child(list(ofd?.DocBody)[0], 'DocRoot'));
  if (!ofd || !docRoot) throw new ConversionError('damaged', 'damaged OFD: OFD.xml names no document (DocBody/DocRoot)');
  const docPath = resolve('', docRoot);
  const docDir = docPath.includes('/') ? docPath.slice(0, docPath.lastIndexOf('/')) : '';
  const document = child(read(docPath), 'Document');
  if (!document) throw new ConversionError('damaged', `damaged OFD: ${docPath} holds no Document`);
  const defaultBox = box(text(child(child(child(document, 'CommonData'), 'PageArea'), 'PhysicalBox'))) ?? [0, 0, 210, 297];
  const pageRefs = list(child(document, 'Pages')?.Page);
  if (!pageRefs.length) throw new ConversionError('no-document', 'holds no pages');

  const pages: PageRuns[] = [];
  for (const ref of pageRefs) {
    const loc = attr(ref, 'BaseLoc');
    if (!loc) throw new ConversionError('damaged', 'damaged OFD: a page without its BaseLoc');
    const page = child(read(resolve(docDir, loc)), 'Page');
    const area = box(text(child(child(page, 'Area'), 'PhysicalBox'))) ?? defaultBox;
    const runs: Run[] = [];
    for (const layer of list(child(page, 'Content')?.Layer)) collect(layer, 0, 0, runs);
    pages.push({ width: area[2], height: area[3], runs });
  }
  if (!pages.some((p) => p.runs.some((r) => r.text.trim() !== ''))) {
    throw new ConversionError('no-text', 'has no text (only images: a scan): it needs OCR first');
  }
  const laid = layoutPages(pages);
  return { text: laid.text, pages: laid.pages };
}

/** Text runs of a layer or a page block (blocks nest), offset by the blocks' positions. */
function collect(node: Xml, dx: number, dy: number, out: Run[]): void {
  for (const block of list(node.PageBlock)) collect(block, dx, dy, out);
  for (const t of list(node.TextObject)) {
    const b = box(attr(t, 'Boundary'));
    const size = Number(attr(t, 'Size'));
    if (!b || !(size > 0)) continue;
    // a CTM scales the object's own coordinates (a condensed or enlarged text); translation is in Boundary
    const ctm = (attr(t, 'CTM') ?? '').trim().split(/\s+/).map(Number);
    const sx = ctm.length === 6 && ctm.every(Number.isFinite) ? Math.hypot(ctm[0], ctm[1]) || 1 : 1;
    const sy = ctm.length === 6 && ctm.every(Number.isFinite) ? Math.hypot(ctm[2], ctm[3]) || 1 : 1;
    let x = 0;
    let y = 0;
    for (const code of list(t.TextCode)) {
      const value = typeof code === 'string' ? code : text(code);
      if (typeof code === 'object') {
        // X and Y default to where the previous TextCode left off
        const cx = attr(code, 'X');
        const cy = attr(code, 'Y');
        if (cx !== undefined) x = Number(cx);
        if (cy !== undefined) y = Number(cy);
      }
      const chars = [...(value ?? '')];
      const deltas = typeof code === 'object' ? expandDelta(attr(code, 'DeltaX'), chars.length - 1) : [];
      // one run a glyph: the layout sees every gap, whatever the TextCode groups
      let gx = x;
      chars.forEach((ch, n) => {
        const advance = deltas[n] ?? size * (ch.charCodeAt(0) < 0x2e80 ? 0.5 : 1);
        out.push({
          x: dx + b[0] + gx * sx,
          y: dy + b[1] + y * sy,
          width: Math.min(advance, size * (ch.charCodeAt(0) < 0x2e80 ? 0.6 : 1)) * sx,
          size: size * sy,
          text: ch,
        });
        gx += advance;
      });
      x = gx;
    }
  }
}

/** DeltaX "5.64 5.64 g 3 2.1": advances, `g N d` standing for N times d. */
function expandDelta(spec: string | undefined, count: number): number[] {
  if (!spec) return [];
  const parts = spec.trim().split(/\s+/);
  const out: number[] = [];
  for (let i = 0; i < parts.length && out.length < count; i++) {
    if (parts[i] === 'g') {
      const n = Number(parts[i + 1]);
      const d = Number(parts[i + 2]);
      for (let k = 0; k < n; k++) out.push(d);
      i += 2;
    } else out.push(Number(parts[i]));
  }
  return out.map((d) => (Number.isFinite(d) ? d : 0));
}

/** A package path: absolute from the root (/Doc_0/…) or relative to the folder of the file that names it. */
function resolve(dir: string, loc: string): string {
  const raw = loc.startsWith('/') ? loc.slice(1) : dir ? `${dir}/${loc}` : loc;
  const parts: string[] = [];
  for (const p of raw.split('/')) {
    if (p === '..') parts.pop();
    else if (p && p !== '.') parts.push(p);
  }
  return parts.join('/');
}

function box(spec: string | undefined): number[] | null {
  const v = (spec ?? '').trim().split(/\s+/).map(Number);
  return v.length === 4 && v.every(Number.isFinite) ? v : null;
}

function child(node: unknown, name: string): Xml | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const c = (node as Xml)[name];
  return (Array.isArray(c) ? c[0] : c) as Xml | undefined;
}

function list(node: unknown): Xml[] {
  if (node === undefined || node === null) return [];
  return (Array.isArray(node) ? node : [node]) as Xml[];
}

function attr(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const v = (node as Xml)[`@${name}`];
  return v === undefined ? undefined : String(v);
}

function text(node: unknown): string | undefined {
  if (node === undefined || node === null) return undefined;
  if (typeof node !== 'object') return String(node);
  const t = (node as Xml)['#text'];
  return t === undefined ? '' : String(t);
}
