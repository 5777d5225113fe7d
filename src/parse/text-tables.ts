/**
 * Tables in plain text, as they come out of word processors and web pages:
 * - one cell per line, each cell line indented by a tab, rows separated by blank lines
 *   (what copying a Word table to text gives);
 * - one row per line, cells separated by tabs, by runs of spaces, or by single spaces when
 *   every row has the same number of cells;
 * - Markdown pipe tables (| a | b |).
 * Each region found becomes one table node; cells keep exact source offsets.
 */

export interface Line {
  start: number;
  end: number;
  text: string;
}

export interface CellSpan {
  start: number;
  end: number;
}

export interface TableRegion {
  /** Index of the first and last line of the region. */
  first: number;
  last: number;
  layout: 'cell-per-line' | 'tab-rows' | 'space-rows' | 'pipe';
  rows: CellSpan[][];
  /** Extent of each row where it is wider than its cells (the pipes of | a | b |). */
  rowSpans?: CellSpan[];
  /** Extent of the whole region, rule lines (|---|) included. */
  span?: CellSpan;
}

const isBlank = (l: Line) => l.text.trim() === '';

// Patterns of the checks every line goes through, made once (a regex literal in a function
// is a new object each time it runs).
const SPACE = /\s|\u3000/;
const TAB_START = /^\t/;
const PIPE_ROW = /^\s*\|.*\|\s*$/;
const PIPE_RULE = /^\s*\|[\s:|-]+\|\s*$/;
const WORDS_APART = /\S\s+\S/;
const WIDE_APART = /\S\s{2,}\S/;
const NUMBER_HEADER = /^(序号|编号)$/;
const ROW_NUMBER = /^\d{1,3}$/;

/** Exact span of the trimmed text between two offsets of a line. */
function trimmedSpan(line: Line, from: number, to: number): CellSpan | null {
  let s = from;
  let e = to;
  while (s < e && SPACE.test(line.text[s - line.start])) s++;
  while (e > s && SPACE.test(line.text[e - 1 - line.start])) e--;
  return s < e ? { start: s, end: e } : null;
}

/** Split a line on a separator pattern into cell spans (empty cells kept as zero-width spans). */
function splitCells(line: Line, separator: RegExp): CellSpan[] {
  const cells: CellSpan[] = [];
  const re = new RegExp(separator.source, 'g');
  const body = line.text;
  // skip leading indentation
  let from = 0;
  while (from < body.length && SPACE.test(body[from])) from++;
  let to = body.length;
  while (to > from && SPACE.test(body[to - 1])) to--;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  let cellStart = from;
  while ((m = re.exec(body)) && m.index < to) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    cells.push(trimmedSpan(line, line.start + cellStart, line.start + m.index) ?? { start: line.start + cellStart, end: line.start + cellStart });
    cellStart = m.index + m[0].length;
  }
  cells.push(trimmedSpan(line, line.start + cellStart, line.start + to) ?? { start: line.start + cellStart, end: line.start + cellStart });
  return cells;
}

const SENTENCE = /[。；！？]/;

export function findTables(lines: Line[]): TableRegion[] {
  const regions: TableRegion[] = [];
  let i = 0;
  while (i < lines.length) {
    const region = cellPerLine(lines, i) ?? pipeTable(lines, i) ?? headedCellPerLine(lines, i) ?? rowsTable(lines, i);
    if (region) {
      const first = trimmedSpan(lines[region.first], lines[region.first].start, lines[region.first].end);
      const last = trimmedSpan(lines[region.last], lines[region.last].start, lines[region.last].end);
      if (first && last) region.span = { start: first.start, end: last.end };
      regions.push(region);
      i = region.last + 1;
    } else i++;
  }
  return regions;
}

/** Word's "one cell per line": lines that start with a tab; blank lines end rows. */
function cellPerLine(lines: Line[], i: number): TableRegion | null {
  if (!TAB_START.test(lines[i].text) || isBlank(lines[i])) return null;
  const rows: CellSpan[][] = [];
  let row: CellSpan[] = [];
  let j = i;
  let last = i;
  for (; j < lines.length; j++) {
    const l = lines[j];
    if (isBlank(l)) {
      if (row.length) rows.push(row);
      row = [];
      continue;
    }
    if (!TAB_START.test(l.text)) break;
    const span = trimmedSpan(l, l.start, l.end);
    if (span) row.push(span);
    last = j;
  }
  if (row.length) rows.push(row);
  if (rows.length < 2 || rows[0].length < 2) return null;
  return { first: i, last, layout: 'cell-per-line', rows };
}

const isPipe = (l: Line | undefined) => !!l && PIPE_ROW.test(l.text);

function pipeTable(lines: Line[], i: number): TableRegion | null {
  if (!isPipe(lines[i]) || !isPipe(lines[i + 1])) return null;
  const rows: CellSpan[][] = [];
  const rowSpans: CellSpan[] = [];
  let j = i;
  for (; j < lines.length && isPipe(lines[j]); j++) {
    const l = lines[j];
    if (PIPE_RULE.test(l.text) && l.text.includes('-')) continue; // the |---| rule
    rowSpans.push(trimmedSpan(l, l.start, l.end)!);
    const open = l.text.indexOf('|');
    const close = l.text.lastIndexOf('|');
    const inner: Line = { start: l.start + open + 1, end: l.start + close, text: l.text.slice(open + 1, close) };
    rows.push(splitCells(inner, /\|/));
  }
  if (rows.length < 2) return null;
  return { first: i, last: j - 1, layout: 'pipe', rows, rowSpans };
}

/**
 * One row per line. Needs at least three consecutive lines (header and two rows) with the same
 * number of cells (≥ 3), none of them prose (no sentence punctuation). Short one-cell lines
 * between rows are category rows (一、健身参与) and stay in the table.
 */
const ROW_LAYOUTS = [
  ['tab-rows', /\t+/],
  ['space-rows', /(?:[ \u3000]{2,}|\t)+/],
  ['space-rows', /[ \u3000\t]+/],
] as const;

function rowsTable(lines: Line[], i: number): TableRegion | null {
  // Every line of prose comes here: one that no layout below can split (no tab, and a
  // sentence or no space between words) starts no table, and is told so without splitting.
  const l = lines[i];
  if (isBlank(l) || (!l.text.includes('\t') && (SENTENCE.test(l.text) || !WORDS_APART.test(l.text)))) return null;
  for (const [layout, sep] of ROW_LAYOUTS) {
    // tabs are a strong sign: a tab-separated cell may hold sentences (a task's full text)
    const count = (l: Line) =>
      isBlank(l) || (layout === 'tab-rows' ? !l.text.includes('\t') : SENTENCE.test(l.text) || !WORDS_APART.test(l.text)) ? 0 : splitCells(l, sep).length;
    const n = count(lines[i]);
    const min = layout === 'tab-rows' ? 2 : 3;
    if (n < min) continue;
    let j = i;
    let rows = 1;
    for (let k = i + 1; k < lines.length; k++) {
      if (count(lines[k]) === n) {
        j = k;
        rows++;
      } else if (isCategoryRow(lines[k]) && k + 1 < lines.length && count(lines[k + 1]) === n) continue;
      else break;
    }
    if (rows < min) continue;
    return {
      first: i,
      last: j,
      layout,
      rows: lines.slice(i, j + 1).map((l) => (count(l) === n ? splitCells(l, sep) : [trimmedSpan(l, l.start, l.end)!])),
    };
  }
  return null;
}

function isCategoryRow(l: Line): boolean {
  const t = l.text.trim();
  return t.length > 0 && t.length <= 20 && !SENTENCE.test(t) && !t.includes('\t') && !WIDE_APART.test(t);
}

const HEADER_CELL = /^(序号|编号|指标|指标名称|名称|项目|单位|计量单位|类别|领域|属性|指标属性|性质|(\d{4}年)?(基数|基期值?|现状值?|目标值?|预期值|规划值)?|\d{4}年[\u4e00-\u9fff]{0,4})$/;

/**
 * One cell per line without indentation (text copied from a web page): a header of known
 * column names (序号 / 指标 / 2025年 / 属性 …) fixes the width n; then every n short lines
 * make a row, blank lines between rows allowed, one-line category rows allowed.
 */
const head = (l: Line | undefined) => !!l && !isBlank(l) && HEADER_CELL.test(l.text.trim());

function headedCellPerLine(lines: Line[], i: number): TableRegion | null {
  if (!head(lines[i]) || !NUMBER_HEADER.test(lines[i].text.trim())) return null;
  let k = i;
  const header: CellSpan[] = [];
  while (head(lines[k])) header.push(trimmedSpan(lines[k], lines[k].start, lines[k].end)!), k++;
  const n = header.length;
  if (n < 3) return null;
  const rows: CellSpan[][] = [header];
  let last = k - 1;
  const cell = (l: Line | undefined) => !!l && !isBlank(l) && l.text.trim().length <= 40 && !SENTENCE.test(l.text);
  while (k < lines.length) {
    let s = k;
    while (s < lines.length && isBlank(lines[s])) s++;
    if (s >= lines.length) break;
    if (ROW_NUMBER.test(lines[s].text.trim())) {
      const chunk = lines.slice(s, s + n);
      if (chunk.length < n || !chunk.every(cell)) break;
      rows.push(chunk.map((l) => trimmedSpan(l, l.start, l.end)!));
      k = s + n;
      last = k - 1;
    } else if (cell(lines[s]) && isCategoryRow(lines[s]) && ROW_NUMBER.test(lines[s + 1]?.text.trim() ?? '')) {
      rows.push([trimmedSpan(lines[s], lines[s].start, lines[s].end)!]);
      k = s + 1;
      last = s;
    } else break;
  }
  if (rows.length < 2) return null;
  return { first: i, last, layout: 'cell-per-line', rows };
}
