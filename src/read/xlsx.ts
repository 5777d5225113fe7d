import path from 'node:path';
import { unzipSync } from 'fflate';
import { matchLabel } from '../parse/labels.js';
import { ConversionError, type ConvertedText } from './converted.js';
import { joinParts, TextLines } from './lines.js';

/**
 * An Excel .xlsx workbook (also WPS's .et saved as a package) → the text the 公文 parser reads.
 * Government 分工表 / 任务清单 / 责任清单 / 台账 come as spreadsheets: a title row merged over the
 * table, often a line such as 附件1 above it, a header (序号 | 重点任务 | 具体措施 | 牵头单位 |
 * 责任单位 | 完成时限), rows whose 重点任务 or unit is written once over several rows.
 *
 * Each visible worksheet is read in order; hidden and very hidden sheets are not (a workbook's
 * lists of units or its look-up tables are hidden). A sheet's rows come one a line: a row of one
 * text — one cell, or one cell merged over the row (a title, 附件1, a note 注：…) — is a paragraph
 * line; any other row is a table row, its cells split by tabs over the sheet's used width, and
 * merged cells spread so that every row has a cell for every column, as the Word and web-page
 * readers do (a merged 牵头单位 gives its text to every row it covers). A row of one text between
 * rows of a table stays in the table: one cell where it starts the row (a category row 一、…
 * under the header, as Word's tables give it), else the row as it stands (a 具体措施 alone, its
 * other cells empty). Empty rows end a table; empty columns and rows around
 * the used area are left out.
 * A two-level header (责任单位 merged over 牵头单位 | 配合单位, the other header cells merged down
 * over both rows) is written as one header row of the lower labels. Hidden rows and columns are
 * read: they are most often rows a filter (自动筛选) hid in a table filtered to one unit.
 *
 * Several visible sheets with text: each sheet is a part headed by its name (第一部分 name, the
 * name as written where it already starts with an outline label), after the first sheet's lines
 * above its table (附件1 and the title stay the document's head).
 *
 * Cell values are written as the sheet shows them, as far as the text matters: shared and inline
 * strings, numbers without float noise (0.1+0.2 → 0.3) with a format's fixed decimals and
 * percentages (0.85 in a 0% cell → 85%), booleans, error values as written (#N/A); serial numbers
 * in a date-formatted cell as Chinese dates (2024年6月30日, the form the text's dates and deadlines
 * are read in), with the time where the format shows one.
 */

/** At most this many non-empty cells in a workbook (a 分工表 has a few thousand). */
export const DEFAULT_MAX_CELLS = 200_000;
/** At most this many bytes of the parts read, uncompressed (a ZIP of repeated rows inflates a hundredfold). */
export const DEFAULT_MAX_XML_BYTES = 256 * 1024 * 1024;

/** At most this many cells in the rectangle a sheet's text spans, empty ones included. */
const MAX_AREA = 4_000_000;

export interface XlsxOptions {
  maxCells?: number;
  maxXmlBytes?: number;
}

export async function xlsxToText(bytes: Uint8Array, options: XlsxOptions = {}): Promise<ConvertedText> {
  const maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
  const maxXml = options.maxXmlBytes ?? DEFAULT_MAX_XML_BYTES;
  let files: Record<string, Uint8Array>;
  const names: string[] = [];
  let inflated = 0;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        const keep = /^xl\/(?:workbook\d*\.xml|_rels\/workbook\d*\.xml\.rels|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml)$/.test(f.name);
        if (keep) inflated += f.originalSize;
        return keep && inflated <= maxXml;
      },
    });
  } catch (error) {
    throw new ConversionError('damaged', `a damaged .xlsx (the ZIP package cannot be read: ${(error as Error).message})`);
  }
  if (inflated > maxXml) {
    throw new ConversionError('too-large', `a workbook of ${mb(inflated)} of sheet XML, more than the limit of ${mb(maxXml)}`);
  }
  const workbookName = Object.keys(files).find((n) => /^xl\/workbook\d*\.xml$/.test(n));
  if (!workbookName) {
    if (names.includes('word/document.xml')) throw new ConversionError('damaged', 'a Word document (.docx), not a spreadsheet (rename it to .docx)');
    if (names.includes('OFD.xml')) throw new ConversionError('damaged', 'an OFD package, not a spreadsheet (rename it to .ofd)');
    throw new ConversionError('damaged', 'a ZIP archive that is not an Excel workbook (no xl/workbook.xml)');
  }
  const text = (name: string) => (files[name] ? new TextDecoder('utf-8').decode(files[name]) : '');
  const workbookXml = text(workbookName);
  const rels = relationships(text(workbookName.replace(/^xl\/(.*)$/, 'xl/_rels/$1.rels')));
  const date1904 = /<(?:\w+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);
  const strings = sharedStrings(text('xl/sharedStrings.xml'));
  const formats = cellFormats(text('xl/styles.xml'));

  const warnings: string[] = [];
  const sheets: { name: string; grid: Grid }[] = [];
  const budget = { cells: maxCells };
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const attrs = attributesOf(m[1]);
    const name = attrs.name ?? '';
    const rid = Object.entries(attrs).find(([k]) => /(?:^|:)id$/.test(k) && k !== 'sheetId')?.[1];
    if (attrs.state === 'hidden' || attrs.state === 'veryHidden') {
      warnings.push(`hidden sheet "${name}" not read`);
      continue;
    }
    const target = rid ? rels.get(rid) : undefined;
    if (!target) continue;
    const part = target.startsWith('/') ? target.slice(1) : path.posix.normalize(`xl/${target}`);
    const xml = text(part);
    if (!xml) continue; // a chart sheet, or a part the package lacks
    const grid = readSheet(xml, strings, formats, date1904, budget);
    if (budget.cells < 0) {
      throw new ConversionError('too-large', `a workbook of more than ${maxCells.toLocaleString('en-US')} cells with text, the limit`);
    }
    if (grid.rows.size > 0) sheets.push({ name, grid });
  }
  const out = new TextLines();
  sheets.forEach((sheet, i) => {
    const lines = sheetLines(sheet.grid);
    // several sheets: each a part headed by its name, after the first sheet's head (附件1, the title)
    let k = 0;
    if (sheets.length > 1) {
      if (i === 0) while (k < lines.length && lines[k].kind === 'paragraph') writeLine(out, lines[k++]);
      out.endBlock();
      out.inline(matchLabel(sheet.name.trim()) ? sheet.name.trim() : `第${chineseNumber(i + 1)}部分 ${sheet.name.trim()}`);
      out.endBlock();
    }
    for (; k < lines.length; k++) writeLine(out, lines[k]);
    out.endBlock();
  });
  const body = out.finish();
  if (!body.trim()) throw new ConversionError('no-text', 'a spreadsheet without text (every visible sheet is empty)');
  return { text: body, encoding: 'utf-8', ...(warnings.length ? { warnings } : {}) };
}

function mb(n: number): string {
  return `${Math.round(n / 1024 / 1024)} MB`;
}

// ---------------------------------------------------------------- the package's parts

const XML_ENTITY: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** XML text → string: the five entities, character references, and OOXML's _x000D_ escapes. */
function unescapeXml(s: string): string {
  let t = s;
  if (t.includes('&'))
    t = t.replace(/&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g, (all, name: string, dec: string, hex: string) => {
      if (name) return XML_ENTITY[name];
      const code = dec ? Number(dec) : Number.parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : all;
    });
  if (t.includes('_x')) t = t.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return t;
}

function attributesOf(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of raw.matchAll(/([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs[m[1]] = unescapeXml(m[2] ?? m[3]);
  return attrs;
}

function relationships(xml: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const a = attributesOf(m[1]);
    if (a.Id && a.Target && !/chartsheet|externalLink/i.test(a.Type ?? '')) map.set(a.Id, a.Target);
  }
  return map;
}

/** The text of a string item (<si>, <is>): its <t> runs, phonetic guides (<rPh>) left out. */
function stringItem(xml: string): string {
  let s = '';
  const body = xml.includes('rPh') ? xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '') : xml;
  for (const m of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) s += m[1];
  return unescapeXml(s);
}

function sharedStrings(xml: string): string[] {
  const list: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)) list.push(m[1] ? stringItem(m[1]) : '');
  return list;
}

/** How a cell format shows a number. */
interface Format {
  kind: 'number' | 'date' | 'time' | 'datetime' | 'percent' | 'text';
  /** Fixed decimals of the format (0.00 → 2), null for General. */
  decimals: number | null;
}

const GENERAL: Format = { kind: 'number', decimals: null };

/** Excel's built-in number formats by id (zh-CN adds dates at 27–36 and 50–58). */
function builtIn(id: number): Format | string {
  if (id === 0) return GENERAL;
  if (id === 1 || id === 3 || id === 37 || id === 38) return { kind: 'number', decimals: 0 };
  if (id === 2 || id === 4 || id === 39 || id === 40) return { kind: 'number', decimals: 2 };
  if (id === 9) return { kind: 'percent', decimals: 0 };
  if (id === 10) return { kind: 'percent', decimals: 2 };
  if ((id >= 14 && id <= 17) || (id >= 27 && id <= 31) || (id >= 34 && id <= 36) || (id >= 50 && id <= 58 && id !== 55 && id !== 56)) {
    return { kind: 'date', decimals: null };
  }
  if ((id >= 18 && id <= 21) || id === 32 || id === 33 || id === 45 || id === 46 || id === 47 || id === 55 || id === 56)
    return { kind: 'time', decimals: null };
  if (id === 22) return { kind: 'datetime', decimals: null };
  if (id === 49) return { kind: 'text', decimals: null };
  return GENERAL;
}

/** A format code (yyyy"年"m"月"d"日", 0.0%, @) → how it shows a number; its first section decides. */
export function formatOfCode(code: string): Format {
  const section = code.split(';')[0];
  // quoted text, escaped characters and [colours]/[$-804]/[DBNum1] say nothing of the kind
  const bare = section.replace(/"[^"]*"|\\.|_.|\*./g, '').replace(/\[(?!h+\]|m+\]|s+\])[^\]]*\]/gi, '');
  const lower = bare.toLowerCase();
  if (lower.trim() === '@') return { kind: 'text', decimals: null };
  if (lower.trim() === 'general') return GENERAL;
  const clock = lower.replace(/am\/pm|a\/p|上午\/下午/g, '');
  // an m next to an h or an s is minutes; any other m is a month
  const time = /[hs]/.test(clock);
  const date = /[yd]/.test(clock) || /m/.test(clock.replace(/h+[^a-z0-9#]*m+|m+[^a-z0-9#]*s+/g, ''));
  if (date && time) return { kind: 'datetime', decimals: null };
  if (date) return { kind: 'date', decimals: null };
  if (time) return { kind: 'time', decimals: null };
  const decimals = /\.([0#?]+)/.exec(bare)?.[1].replace(/[#?]/g, '').length ?? (/[0#?]/.test(bare) ? 0 : null);
  if (bare.includes('%')) return { kind: 'percent', decimals: decimals ?? 0 };
  if (bare.trim().toLowerCase() === 'general' || decimals === null) return GENERAL;
  return { kind: 'number', decimals };
}

/** The format of each cell style (the s of a cell indexes cellXfs). */
function cellFormats(xml: string): Format[] {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:\w+:)?numFmt\b([^>]*)>/g)) {
    const a = attributesOf(m[1]);
    if (a.numFmtId !== undefined && a.formatCode !== undefined) custom.set(Number(a.numFmtId), a.formatCode);
  }
  const xfs = /<(?:\w+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:\w+:)?cellXfs>/.exec(xml)?.[1] ?? '';
  const out: Format[] = [];
  for (const m of xfs.matchAll(/<(?:\w+:)?xf\b([^>]*)>/g)) {
    const id = Number(attributesOf(m[1]).numFmtId ?? 0);
    const code = custom.get(id);
    const known = builtIn(id);
    out.push(code !== undefined ? formatOfCode(code) : typeof known === 'string' ? formatOfCode(known) : known);
  }
  return out;
}

// ---------------------------------------------------------------- values

/** A number as Excel's General shows it: 15 significant digits, no float noise. */
function general(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(Number(n.toPrecision(15)));
  return s.includes('e') ? String(Number(n.toPrecision(15))).replace(/e\+?/, 'E') : s;
}

function fixed(n: number, decimals: number | null): string {
  return decimals === null ? general(n) : Number(n.toPrecision(15)).toFixed(decimals);
}

const DAY_MS = 86_400_000;

/** A serial date (days since 1899-12-30, or 1904-01-01) → 2024年6月30日, with HH:MM where the format shows time. */
export function serialDate(serial: number, kind: Format['kind'], date1904: boolean): string {
  // the 1900 system counts a 29 February 1900 that never was: serials from 61 on are a day ahead
  const base = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, serial < 61 ? 31 : 30);
  const ms = Math.round((serial * DAY_MS) / 1000) * 1000;
  const d = new Date(base + ms);
  const day = `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  if (kind === 'time') return `${hh}:${mm}`;
  if (kind === 'datetime' && ms % DAY_MS !== 0) return `${day} ${hh}:${mm}`;
  return day;
}

function numberText(raw: string, format: Format, date1904: boolean): string {
  const n = Number(raw);
  if (raw.trim() === '' || Number.isNaN(n)) return raw.trim();
  switch (format.kind) {
    case 'date':
    case 'datetime':
    case 'time':
      return n >= 0 && n < 2_958_466 ? serialDate(n, format.kind, date1904) : general(n);
    case 'percent':
      return `${fixed(n * 100, format.decimals)}%`;
    default:
      return fixed(n, format.decimals);
  }
}

// ---------------------------------------------------------------- a sheet

interface Range {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

interface Grid {
  /** Row number (0-based) → cell texts by column (0-based), sparse. */
  rows: Map<number, string[]>;
  merges: Range[];
}

/** A1 → [row, col], 0-based; null where it is no cell reference. */
function cellRef(ref: string): [number, number] | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, col - 1];
}

const CELL_OR_ROW = /<(?:\w+:)?(c|row)\b([^>]*?)(\/?)>/g;

function readSheet(xml: string, strings: string[], formats: Format[], date1904: boolean, budget: { cells: number }): Grid {
  const rows = new Map<number, string[]>();
  const dataStart = xml.search(/<(?:\w+:)?sheetData\b/);
  const dataEnd = xml.search(/<\/(?:\w+:)?sheetData>/);
  let row = -1;
  let col = -1;
  if (dataStart >= 0) {
    const re = new RegExp(CELL_OR_ROW.source, 'g');
    re.lastIndex = dataStart;
    const end = dataEnd >= 0 ? dataEnd : xml.length;
    for (let m = re.exec(xml); m && m.index < end; m = re.exec(xml)) {
      const a = attributesOf(m[2]);
      if (m[1] === 'row') {
        row = a.r ? Number(a.r) - 1 : row + 1;
        col = -1;
        continue;
      }
      let content = '';
      if (!m[3]) {
        const close = /<\/(?:\w+:)?c>/g;
        close.lastIndex = re.lastIndex;
        const c = close.exec(xml);
        if (!c) break;
        content = xml.slice(re.lastIndex, c.index);
        re.lastIndex = close.lastIndex;
      }
      const at = a.r ? cellRef(a.r) : null;
      if (at) [row, col] = at;
      else col++;
      if (row < 0) row = 0;
      const value = cellValue(a, content, strings, formats, date1904);
      if (!value) continue;
      if (--budget.cells < 0) return { rows, merges: [] };
      let cells = rows.get(row);
      if (!cells) rows.set(row, (cells = []));
      cells[col] = value;
    }
  }
  const merges: Range[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*\bref\s*=\s*["']([^"']+)["']/g)) {
    const [from, to = from] = m[1].split(':');
    const a = cellRef(from);
    const b = cellRef(to);
    if (a && b) merges.push({ r1: Math.min(a[0], b[0]), c1: Math.min(a[1], b[1]), r2: Math.max(a[0], b[0]), c2: Math.max(a[1], b[1]) });
  }
  return { rows, merges };
}

function cellValue(a: Record<string, string>, content: string, strings: string[], formats: Format[], date1904: boolean): string {
  const type = a.t ?? 'n';
  const v = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(content)?.[1];
  let text: string;
  if (type === 'inlineStr') {
    const is = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(content)?.[1];
    text = is !== undefined ? stringItem(is) : v !== undefined ? unescapeXml(v) : '';
  } else if (v === undefined) return '';
  else if (type === 's') text = strings[Number(v)] ?? '';
  else if (type === 'str' || type === 'e') text = unescapeXml(v);
  else if (type === 'b') text = v.trim() === '1' ? 'TRUE' : 'FALSE';
  else if (type === 'd') {
    // an ISO date (Strict OOXML, some writers): as a date
    const d = /^(\d{4})-(\d{2})-(\d{2})/.exec(v.trim());
    text = d ? `${Number(d[1])}年${Number(d[2])}月${Number(d[3])}日` : unescapeXml(v);
  } else text = numberText(v, formats[Number(a.s ?? 0)] ?? GENERAL, date1904);
  return cellText(text);
}

/** A cell's lines (Alt+Enter) on one line: nothing between Chinese text, a space between other text. */
function cellText(text: string): string {
  if (!/[\r\n\t]/.test(text)) return text.replace(/\u00a0/g, ' ').trim();
  return joinParts(text.split(/\r\n|\r|\n/).map((l) => l.replace(/[\t\u00a0]+/g, ' ').trim()));
}

interface Line {
  kind: 'paragraph' | 'row' | 'blank';
  cells: string[];
  /** A paragraph's row, every cell. */
  row?: string[];
}

/**
 * A sheet's rows as lines: merged cells spread, the used width only, a row of one text a
 * paragraph, a two-level header as one row, empty rows blank (they end a table).
 */
function sheetLines(grid: Grid): Line[] {
  const rowNumbers = [...grid.rows.keys()].sort((a, b) => a - b);
  const firstRow = rowNumbers[0];
  const lastRow = rowNumbers[rowNumbers.length - 1];
  let firstCol = Number.POSITIVE_INFINITY;
  let lastCol = -1;
  for (const cells of grid.rows.values())
    cells.forEach((c, i) => {
      if (c) {
        firstCol = Math.min(firstCol, i);
        lastCol = Math.max(lastCol, i);
      }
    });
  // merges clipped to the used area: a merge of whole rows or columns spreads no further
  const merges = grid.merges
    .map((m) => ({ r1: m.r1, c1: m.c1, r2: Math.min(m.r2, lastRow), c2: Math.min(m.c2, lastCol) }))
    .filter((m) => m.r1 <= lastRow && m.c1 <= lastCol && grid.rows.get(m.r1)?.[m.c1]);
  const width = lastCol - firstCol + 1;
  const height = lastRow - firstRow + 1;
  // a stray cell far away (XFD1048576) would make the grid vast: the used area is bounded too
  if (height * width > MAX_AREA) {
    throw new ConversionError(
      'too-large',
      `a sheet whose text spans ${height.toLocaleString('en-US')} rows × ${width.toLocaleString('en-US')} columns, more than the limit of ${MAX_AREA.toLocaleString('en-US')} cells`,
    );
  }
  const texts: string[][] = Array.from({ length: height }, (_, r) => {
    const cells = grid.rows.get(firstRow + r) ?? [];
    return Array.from({ length: width }, (_, c) => cells[firstCol + c] ?? '');
  });
  // the range a cell is merged into, and the cells a merge covers take its first cell's text
  const mergeOf: (Range | undefined)[][] = Array.from({ length: height }, () => new Array(width));
  for (const m of merges) {
    const text = grid.rows.get(m.r1)?.[m.c1] ?? '';
    const local = { r1: m.r1 - firstRow, c1: m.c1 - firstCol, r2: m.r2 - firstRow, c2: m.c2 - firstCol };
    for (let r = Math.max(0, local.r1); r <= local.r2; r++)
      for (let c = Math.max(0, local.c1); c <= local.c2; c++) {
        texts[r][c] = text;
        mergeOf[r][c] = local;
      }
  }
  twoLevelHeader(texts, mergeOf);
  const lines: Line[] = [];
  texts.forEach((cells, r) => {
    if (cells.length === 0) return; // a header row folded into the row under it
    const filled = cells.filter(Boolean);
    if (filled.length === 0) lines.push({ kind: 'blank', cells: [] });
    else if (oneText(cells, mergeOf[r])) lines.push({ kind: 'paragraph', cells: [filled[0]], row: cells });
    else lines.push({ kind: 'row', cells });
  });
  // a row of one text between rows of a table (a category row 一、… under the header) stays in the
  // table, a row of one cell, as Word's and the web's tables write it: a paragraph there would cut
  // the rows under it from their header
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].kind !== 'paragraph' || lines[i - 1]?.kind !== 'row') continue;
    let k = i;
    while (lines[k]?.kind === 'paragraph') k++;
    if (lines[k]?.kind !== 'row') continue;
    for (let j = i; j < k; j++) {
      const line = lines[j];
      // one cell where the text starts the row (一、…), else the row as it stands (a 具体措施 alone)
      lines[j] = { kind: 'row', cells: line.row?.[0] ? line.cells : (line.row ?? line.cells) };
    }
  }
  return lines;
}

/** A row of one text: one cell with text, or one merged cell and nothing else. */
function oneText(cells: string[], merges: (Range | undefined)[]): boolean {
  let seen: Range | undefined;
  let count = 0;
  for (let c = 0; c < cells.length; c++) {
    if (!cells[c]) continue;
    if (++count > 1 && (!seen || merges[c] !== seen)) return false;
    seen ??= merges[c];
  }
  return true;
}

/** Role words a lower header cell may give alone (责任单位 over 牵头 | 配合): they take the upper cell's 单位/部门. */
const BARE_ROLE = /^(?:牵头|配合|参与|协同|协办|主办|主责|责任)$/;

/**
 * The first header of a sheet in two rows — a cell merged across columns over cells of their
 * own, every other cell of the row merged down over both rows (or written in the upper row only,
 * the cell under it empty) — becomes one row of the lower labels (the upper row is emptied to []).
 */
function twoLevelHeader(texts: string[][], mergeOf: (Range | undefined)[][]): void {
  const top = texts.findIndex((cells) => new Set(cells.filter(Boolean)).size >= 2);
  if (top < 0 || top + 1 >= texts.length) return;
  const upper = texts[top];
  const lower = texts[top + 1];
  let across = 0;
  for (let c = 0; c < upper.length; c++) {
    const m = mergeOf[top][c];
    if (!upper[c]) continue;
    if (m && m.r1 === top && m.r2 >= top + 1) continue; // merged down over both rows
    if (!lower[c] && !(m && m.c2 > m.c1)) continue; // written in the upper row only, not merged down
    if (m && m.r1 === top && m.r2 === top && m.c2 > m.c1 && lower[c] && mergeOf[top + 1][c]?.r1 !== top) {
      across++;
      continue;
    }
    return;
  }
  if (across === 0) return;
  for (let c = 0; c < upper.length; c++) {
    const m = mergeOf[top][c];
    if (!lower[c]) lower[c] = upper[c];
    else if (m && m.r2 === top && BARE_ROLE.test(lower[c])) {
      const ending = /(单位|部门)$/.exec(upper[c])?.[1];
      if (ending) lower[c] += ending;
    }
  }
  texts[top] = [];
}

function writeLine(out: TextLines, line: Line): void {
  if (line.kind === 'blank') out.endBlock();
  else if (line.kind === 'row') out.row(line.cells);
  else {
    out.endBlock();
    out.inline(line.cells[0]);
    out.endBlock();
  }
}

const CN = '〇一二三四五六七八九';

function chineseNumber(n: number): string {
  if (n < 10) return CN[n];
  if (n < 20) return `十${n % 10 ? CN[n % 10] : ''}`;
  if (n < 100) return `${CN[Math.floor(n / 10)]}十${n % 10 ? CN[n % 10] : ''}`;
  return String(n);
}
