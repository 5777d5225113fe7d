import { ConversionError, type ConvertedText } from './converted.js';
import { DecodeError, decodeBytes } from './decode.js';
import { joinParts, TextLines } from './lines.js';
import { DEFAULT_MAX_CELLS } from './xlsx.js';

/**
 * A CSV file (a 分工表 exported from a system, or saved from Excel/WPS) → the text the 公文
 * parser reads: one row a line, cells split by tabs, over the width of the widest row. Its
 * encoding is detected as a .txt file's is (UTF-8 with or without BOM, UTF-16, GB18030/GBK: the
 * CSV Excel saves on a Chinese Windows). Cells follow RFC 4180: quoted with ", "" a quote inside,
 * line breaks inside quotes are the cell's (joined as a Word cell's lines are). The separator is
 * the comma, or the tab or semicolon where the file's first lines hold more of those than commas
 * (text saved as .xls by some systems is tab-separated). A row of one cell (a title, 附件1, a note)
 * is a paragraph line; an empty row ends a table. No merged cells: a unit written once over
 * several rows stays in its first row (the table rules take it down to the rows under it).
 */
export function csvToText(bytes: Uint8Array, options: { maxCells?: number } = {}): ConvertedText {
  const maxCells = options.maxCells ?? DEFAULT_MAX_CELLS;
  let decoded;
  try {
    decoded = decodeBytes(bytes);
  } catch (error) {
    if (error instanceof DecodeError) throw new ConversionError('damaged', `not readable as CSV text: ${error.message}`);
    throw error;
  }
  const text = decoded.text.replace(/^\ufeff/, '');
  const separator = separatorOf(text);
  const rows = parseCsv(text, separator, maxCells);
  const width = Math.max(0, ...rows.map((r) => lastFilled(r) + 1));
  const out = new TextLines();
  for (const row of rows) {
    const cells = row.map((c) => joinParts(c.split(/\r\n|\r|\n/).map((l) => l.replace(/[\t\u00a0]+/g, ' ').trim())));
    const filled = cells.filter(Boolean);
    if (filled.length === 0) out.endBlock();
    else if (filled.length === 1 && cells[0]) {
      out.endBlock();
      out.inline(cells[0]);
      out.endBlock();
    } else out.row(Array.from({ length: width }, (_, i) => cells[i] ?? ''));
  }
  const body = out.finish();
  if (!body.trim()) throw new ConversionError('no-text', 'a CSV file without text');
  return { text: body, encoding: decoded.encoding };
}

/** The comma, unless the first lines hold more tabs (or semicolons) than commas: a title line above has none. */
function separatorOf(text: string): string {
  const head = text.slice(0, 4096);
  const count = (ch: string) => head.split(ch).length - 1;
  const [comma, tab, semicolon] = [count(','), count('\t'), count(';')];
  if (tab > comma && tab >= semicolon) return '\t';
  if (semicolon > comma && semicolon > tab) return ';';
  return ',';
}

function lastFilled(row: string[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (row[i].trim()) return i;
  return -1;
}

/** RFC 4180 rows: quoted cells may hold separators, line breaks and "" quotes. */
export function parseCsv(text: string, separator: string, maxCells = Number.POSITIVE_INFINITY): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let cells = 0;
  let i = 0;
  const n = text.length;
  const endCell = () => {
    row.push(cell);
    cell = '';
    if (++cells > maxCells) throw new ConversionError('too-large', `a CSV file of more than ${maxCells.toLocaleString('en-US')} cells, the limit`);
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && cell.trim() === '') {
      // a quoted cell: up to the lone closing quote
      cell = '';
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          cell += text.slice(i);
          i = n;
          break;
        }
        cell += text.slice(i, q);
        if (text[q + 1] === '"') {
          cell += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      // anything after the closing quote up to the separator belongs to the cell, as Excel reads it
      while (i < n && text[i] !== separator && text[i] !== '\n' && text[i] !== '\r') cell += text[i++];
      continue;
    }
    if (ch === separator) {
      endCell();
      i++;
    } else if (ch === '\n' || ch === '\r') {
      endCell();
      rows.push(row);
      row = [];
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}
