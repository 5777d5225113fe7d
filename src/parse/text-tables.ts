/**
 * Tables in plain text, as they come out of word processors and web pages:
 * - one cell per line, each cell line indented by a tab, rows separated by blank lines
 *   (what copying a Word table to text gives); a 分工表's long cells wrap over lines (taskRow);
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
  /** A cell wrapped over lines: the span of each line (start/end run from the first to the last). */
  parts?: CellSpan[];
}

/** A row of a table whose lines could not be assigned to its columns with confidence. */
export interface UnclearRow {
  /** Index of the row's first line after its 序号. */
  line: number;
  row: string;
  columns: string[];
  /** Index of the row in the region's rows. */
  index?: number;
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
  /** Page-furniture lines (page numbers, running heads) inside the region, not cells. */
  furniture?: number[];
  /** Line right after the region that still looks like rows of it: the table was read only in part. */
  cutShort?: number;
  /** Rows kept whole in their task column: their lines fit the columns in no one way. */
  unclear?: UnclearRow[];
}

/** Lines that are page furniture (— 3 —, a running head), by index. */
export interface Skip {
  has(line: number): boolean;
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
const ROW_NUMBER = /^\d{1,3}$/;
/** A task table's 序号, maybe marked (1*: an item the body leads, not only supports). */
const TASK_ROW_NUMBER = /^\d{1,3}[*＊★※]?$/;
const rowNumber = (t: string) => Number.parseInt(t, 10);

/** Exact span of the trimmed text between two offsets of a line. */
function trimmedSpan(line: Line, from: number, to: number): CellSpan | null {
  let s = from;
  let e = to;
  while (s < e && SPACE.test(line.text[s - line.start])) s++;
  while (e > s && SPACE.test(line.text[e - 1 - line.start])) e--;
  return s < e ? { start: s, end: e } : null;
}

/**
 * Split a line on a separator pattern into cell spans (empty cells kept as zero-width spans).
 * `edges`: tabs at the line's ends are separators too, not indentation (a sheet's row whose
 * first or last cells are empty: a sub-row without its 序号, an empty 备注).
 */
function splitCells(line: Line, separator: RegExp, edges = false): CellSpan[] {
  const cells: CellSpan[] = [];
  const re = globalOf(separator);
  const body = line.text;
  const indent = (ch: string) => SPACE.test(ch) && !(edges && ch === '\t');
  // skip leading indentation
  let from = 0;
  while (from < body.length && indent(body[from])) from++;
  let to = body.length;
  while (to > from && indent(body[to - 1])) to--;
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

/** The global copy of a separator, made once: splitCells runs on every line a table is tried on. */
const globals = new Map<RegExp, RegExp>();
function globalOf(separator: RegExp): RegExp {
  let re = globals.get(separator);
  if (!re) globals.set(separator, (re = new RegExp(separator.source, 'g')));
  return re;
}

const SENTENCE = /[。；！？]/;

export function findTables(lines: Line[], furniture: Skip = new Set<number>(), stop: Skip = new Set<number>()): TableRegion[] {
  const regions: TableRegion[] = [];
  let i = 0;
  while (i < lines.length) {
    const region =
      cellPerLine(lines, i) ??
      pipeTable(lines, i) ??
      taskCard(lines, i) ??
      pipeLineTable(lines, i, stop) ??
      taskCellPerLine(lines, i, furniture, stop) ??
      taskRowsTable(lines, i, stop) ??
      itemPipeRowsTable(lines, i, stop) ??
      namedPipeRowsTable(lines, i, stop) ??
      headedCellPerLine(lines, i, furniture) ??
      rowsTable(lines, i);
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

/**
 * A 分工表 a web page gives a row to a line, its cells set apart by spaces (序号 重点工作任务 主要责任单位
 * 协同配合单位 ⏎ 1 地区生产总值增长6%左右。 区发改委 区政府各部门,…。), where a cell of two units goes on
 * on the lines under it (区财政局 ⏎ 区税务局 ⏎ 区政府有关部门,…): its cells' sentences keep the rows
 * from being read as rows of equal cells. Each space-separated piece is read as a cell on a line of
 * its own, as the one-cell-per-line copy of the same table is, from the header to the first blank
 * line; the cells keep their offsets, the region its lines.
 */
const CELL_GAP = /[ \u3000\t]+/;
function spacedTaskTable(lines: Line[], i: number, stop: Skip): TableRegion | null {
  const l = lines[i];
  if (!/^[ \u3000\t]*序号[ \u3000\t]+\S/.test(l.text)) return null;
  const cellText = (line: Line, c: CellSpan) => line.text.slice(c.start - line.start, c.end - line.start);
  const header = splitCells(l, CELL_GAP).map((c) => cellText(l, c));
  if (header.length < 3 || !taskColumns(header)) return null;
  const pieces: Line[] = [];
  const origin: number[] = [];
  for (let k = i; k < lines.length && !isBlank(lines[k]) && (k === i || !stop.has(k)); k++)
    for (const c of splitCells(lines[k], CELL_GAP)) {
      if (c.end === c.start) continue;
      pieces.push({ start: c.start, end: c.end, text: cellText(lines[k], c) });
      origin.push(k);
    }
  const region = taskCellPerLine(pieces, 0, new Set<number>(), new Set<number>());
  if (!region) return null;
  // a cell of two pieces of one line (县发展改革局 县交通运输局 under one 牵头单位): a space inside a
  // cell or between two cells, nothing tells; the space-row reading stands
  const lineOf = new Map(pieces.map((p, n) => [p.start, origin[n]]));
  const sameLine = (c: CellSpan) => !!c.parts && new Set(c.parts.map((p) => lineOf.get(p.start))).size < c.parts.length;
  // (a row kept whole in its task column, said unclear, is no reading of its cells)
  const kept = new Set(region.unclear?.map((u) => u.index));
  if (region.rows.some((row, r) => r > 0 && !kept.has(r) && row.some(sameLine))) return null;
  // the region ends with a line: a piece after its last one on that line is no cell of it
  const last = origin[region.last];
  return {
    ...region,
    first: i,
    last,
    furniture: undefined,
    cutShort: region.cutShort === undefined || origin[region.cutShort] === undefined ? undefined : Math.max(origin[region.cutShort], last + 1),
    unclear: region.unclear?.map((u) => ({ ...u, line: origin[u.line] ?? u.line })),
  };
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
  const region: TableRegion = { first: i, last, layout: 'cell-per-line', rows };
  // a 分工表 whose cells wrap: a row has more lines than the header has columns
  const kinds = taskColumns(rows[0].map((c) => lines[lineAt(lines, c.start, i)].text.trim()));
  if (kinds && kinds[0] === 'number' && rows.some((r) => r.length > kinds.length)) {
    const at = rows.map((r) => r.map((c) => lineAt(lines, c.start, i)));
    region.rows = [rows[0]];
    const unclear: UnclearRow[] = [];
    for (const r of at.slice(1)) {
      const read = taskRow(
        lines,
        r,
        kinds,
        rows[0].map((c) => lines[lineAt(lines, c.start, i)].text.trim()),
      );
      region.rows.push(...read.rows);
      if (read.unclear) unclear.push({ ...read.unclear, index: region.rows.length - 1 });
    }
    if (unclear.length) region.unclear = unclear;
  }
  return region;
}

/**
 * A task given as a card (a site's page for one task of a 分解表): each field's name alone on a
 * line and its value on the line under it (具体任务 ⏎ … ⏎ 责任单位 ⏎ A、B ⏎ 配合单位 ⏎ C ⏎ 完成时限 ⏎ …):
 * one row of a task table, the names its header. The task's field first, then a unit field at
 * least; a value is one line, and is no field's name itself.
 */
function taskCard(lines: Line[], i: number): TableRegion | null {
  const fieldName = (j: number) => {
    const t = lines[j]?.text.trim() ?? '';
    return t.length >= 2 && t.length <= 8 && !/[，。、；：:,;]/.test(t) ? taskColumnKind(t) : null;
  };
  const nextLine = (j: number) => {
    while (j < lines.length && isBlank(lines[j])) j++;
    return j;
  };
  if (fieldName(i) !== 'task') return null;
  const header: CellSpan[] = [];
  const row: CellSpan[] = [];
  const kinds: TaskColumnKind[] = [];
  let last = i;
  for (let j = i; j < lines.length; ) {
    const kind = fieldName(j);
    if (!kind || kind === 'number') break;
    const v = nextLine(j + 1);
    if (v >= lines.length || fieldName(v) !== null) break;
    const name = trimmedSpan(lines[j], lines[j].start, lines[j].end);
    const value = trimmedSpan(lines[v], lines[v].start, lines[v].end);
    if (!name || !value) break;
    header.push(name);
    row.push(value);
    kinds.push(kind);
    last = v;
    j = nextLine(v + 1);
  }
  if (header.length < 2 || !kinds.some((k) => k === 'lead' || k === 'units')) return null;
  return { first: i, last, layout: 'cell-per-line', rows: [header, row] };
}

/** Index of the line holding an offset, searching from line `from` on. */
function lineAt(lines: Line[], offset: number, from: number): number {
  let j = from;
  while (j < lines.length - 1 && lines[j].end < offset) j++;
  return j;
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
  slidMergedCells(lines, i, rows);
  return { first: i, last: j - 1, layout: 'pipe', rows, rowSpans };
}

/**
 * A | table whose merged unit cell a page wrote in its first row only: the rows under it lose that
 * cell, the cells after it slide left and an empty cell closes the row (… | 已完成。完成筛查3495人 | |).
 * Where the first unit column of such a row holds prose (a sentence, no unit) and its last cell is
 * empty, the cells are put back in their columns: the unit cell empty, the merged cell's.
 */
function slidMergedCells(lines: Line[], first: number, rows: CellSpan[][]): void {
  const textOf = (c: CellSpan) => {
    const k = lineAt(lines, c.start, first);
    return lines[k].text.slice(c.start - lines[k].start, c.end - lines[k].start);
  };
  const header = rows[0].map(textOf);
  const kinds = taskTableKinds(header, true);
  const unit = kinds ? kinds.findIndex((k) => k === 'lead' || k === 'units') : -1;
  if (unit <= 0 || unit === header.length - 1) return;
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r];
    if (cells.length !== header.length) continue;
    const end = cells[cells.length - 1];
    const slid = textOf(cells[unit]);
    if (end.start !== end.end || !slid || !SENTENCE.test(slid) || unitLine(slid)) continue;
    rows[r] = [...cells.slice(0, unit), { start: cells[unit].start, end: cells[unit].start }, ...cells.slice(unit, -1)];
  }
}

/**
 * One row per line. Needs at least three consecutive lines (header and two rows) with the same
 * number of cells (≥ 3), none of them prose (no sentence punctuation). Short one-cell lines
 * between rows are category rows (一、健身参与) and stay in the table.
 */
const ROW_LAYOUTS = [
  // one tab between cells (a sheet copied from Excel or WPS: an empty cell is two tabs in a row),
  // then runs of tabs (Word aligning its columns); the reading that takes in more rows wins
  ['tab-rows', /\t/],
  ['tab-rows', /\t+/],
  ['space-rows', /(?:[ \u3000]{2,}|\t)+/],
  ['space-rows', /[ \u3000\t]+/],
] as const;

function rowsTable(lines: Line[], i: number): TableRegion | null {
  // Every line of prose comes here: one that no layout below can split (no tab, and a
  // sentence or no space between words) starts no table, and is told so without splitting.
  const l = lines[i];
  if (isBlank(l) || (!l.text.includes('\t') && (SENTENCE.test(l.text) || !WORDS_APART.test(l.text)))) return null;
  let best: TableRegion | null = null;
  for (const [layout, sep] of ROW_LAYOUTS) {
    if (best && best.layout !== layout) break;
    // the cells of each line, split once: a line is counted again as the next one's neighbour
    // and when the rows are built
    const split: (CellSpan[] | null)[] = [];
    let n = -1;
    const cellsOf = (k: number) => {
      let cells = split[k - i];
      if (cells === undefined) {
        const l = lines[k];
        // tabs are a strong sign: a tab-separated cell may hold sentences (a task's full text)
        cells = isBlank(l) || (layout === 'tab-rows' ? !l.text.includes('\t') : SENTENCE.test(l.text) || !WORDS_APART.test(l.text)) ? null : splitCells(l, sep);
        // one tab a cell (a sheet): a row that fits the header only with the tabs at its ends as
        // cells has empty cells there (a sub-row without its 序号, an empty 备注), not indentation
        if (cells && k > i && cells.length !== n && sep.source === '\\t' && (l.text.startsWith('\t') || l.text.endsWith('\t'))) {
          const kept = splitCells(l, sep, true);
          if (kept.length === n) cells = kept;
        }
        split[k - i] = cells;
      }
      return cells;
    };
    const count = (k: number) => cellsOf(k)?.length ?? 0;
    n = count(i);
    const min = layout === 'tab-rows' ? 2 : 3;
    if (n < min) continue;
    let j = i;
    let rows = 1;
    for (let k = i + 1; k < lines.length; k++) {
      if (count(k) === n) {
        j = k;
        rows++;
      } else if (isCategoryRow(lines[k]) && k + 1 < lines.length && count(k + 1) === n) continue;
      else if (layout === 'tab-rows' && sectionRows(lines, k, (m) => count(m) === n)) continue;
      else break;
    }
    if (rows < min || (best && best.last >= j)) continue;
    // a tab-separated line right after the rows is a row that does not fit: say so, it stays prose
    const next = lines[j + 1];
    const cut = layout === 'tab-rows' && next && !isBlank(next) && next.text.trim().includes('\t') ? j + 1 : undefined;
    best = {
      first: i,
      last: j,
      layout,
      ...(cut === undefined ? {} : { cutShort: cut }),
      rows: lines.slice(i, j + 1).map((l, d) => (count(i + d) === n ? cellsOf(i + d)! : [trimmedSpan(l, l.start, l.end)!])),
    };
  }
  return best;
}

/**
 * A section row of a sheet (a cell spread over the whole width: 一、…, several in a row where an
 * excerpt leaves their rows out) from line k on, up to a row that fits (`fits`).
 */
function sectionRows(lines: Line[], k: number, fits: (m: number) => boolean): boolean {
  for (let m = k; m < lines.length && m < k + 8; m++) {
    const t = lines[m].text.trim();
    if (!t || t.includes('\t') || t.length > 80 || !SECTION_ROW.test(t)) return m > k && fits(m);
  }
  return false;
}

function isCategoryRow(l: Line): boolean {
  const t = l.text.trim();
  return t.length > 0 && t.length <= 20 && !SENTENCE.test(t) && !t.includes('\t') && !WIDE_APART.test(t);
}

const HEADER_CELL =
  /^(序号|编号|指标|指标名称|名称|项目|单位|计量单位|类别|领域|属性|指标属性|性质|(\d{4}年)?(基数|基期值?|现状值?|目标值?|预期值|规划值)?|\d{4}年[\u4e00-\u9fff]{0,4})$/;

type ColumnKind = 'number' | 'name' | 'unit' | 'attribute' | 'value' | 'other';

function columnKind(h: string): ColumnKind {
  if (/^(序号|编号)$/.test(h)) return 'number';
  if (/^(指标|指标名称|名称|项目)$/.test(h)) return 'name';
  if (/单位$/.test(h)) return 'unit';
  if (/属性|性质/.test(h)) return 'attribute';
  if (/\d{4}年|基数|基期|现状|目标|预期值|规划值/.test(h)) return 'value';
  return 'other';
}

const ATTRIBUTE = /^(预期性|约束性|[—－\-–/／]+)$/;
/** An outline heading (第三章, 一、, （一）, 1．) ends a table, whatever its length. */
const HEADING =
  /^(第[一二三四五六七八九十百零〇\d]+[章节篇部分条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、]\s*[\u4e00-\u9fff])/;
const NUMERIC = /^[〔[（(]?\s*(?:[≤≥<>＜＞≦≧约]|不[低高少超多][于过])?\s*[-+]?[\d０-９]/;

/**
 * One cell per line without indentation (text copied from a web page or a PDF): a header of
 * known column names starting with 序号 or 指标 (序号 / 指标 / 单位 / 2025年 / 属性 …) fixes the
 * width n; then every n short lines make a row, blank lines and page furniture (a page break
 * cutting the table) between them allowed, one-line category rows allowed. Each row must fit
 * the columns: 序号 a number, 属性 预期性/约束性, the name no bare number, no cell a heading.
 * When the lines after the table still look like its rows, `cutShort` says where it stopped.
 */
const TABLE_START = /^(序号|编号|指标|指标名称)$/;

function headedCellPerLine(lines: Line[], i: number, furniture: Skip): TableRegion | null {
  // every line is tried: the cheap test of its first cell first (a HEADER_CELL as well)
  if (!TABLE_START.test(lines[i].text.trim())) return null;
  const head = (l: Line | undefined) => !!l && !isBlank(l) && HEADER_CELL.test(l.text.trim());
  let k = i;
  const header: CellSpan[] = [];
  while (head(lines[k]) && !furniture.has(k)) header.push(trimmedSpan(lines[k], lines[k].start, lines[k].end)!), k++;
  const n = header.length;
  if (n < 3) return null;
  const kinds = lines.slice(i, k).map((l) => columnKind(l.text.trim()));
  const numbered = kinds[0] === 'number';
  // without 序号 nothing marks a row's start: a value column must say it is a table
  if (!numbered && !kinds.includes('value')) return null;
  const rows: CellSpan[][] = [header];
  const skipped: number[] = [];
  let last = k - 1;
  const text = (j: number) => lines[j].text.trim();
  const cell = (j: number) => j < lines.length && !isBlank(lines[j]) && text(j).length <= 40 && !SENTENCE.test(lines[j].text) && !HEADING.test(text(j));
  /** The next line that is neither blank nor furniture, and the furniture passed on the way. */
  const next = (j: number, seen: number[]) => {
    while (j < lines.length && (isBlank(lines[j]) || furniture.has(j))) {
      if (furniture.has(j)) seen.push(j);
      j++;
    }
    return j;
  };
  const fits = (j: number, c: number) => {
    const t = text(j);
    switch (kinds[c]) {
      case 'number':
        return ROW_NUMBER.test(t);
      case 'name':
        return /[\p{Script=Han}A-Za-z]/u.test(t) && !ATTRIBUTE.test(t);
      case 'attribute':
        return ATTRIBUTE.test(t);
      case 'value':
        // a name with its unit (人均GDP（万元）) in a value column: the row is shifted
        return !/^(预期性|约束性)$/.test(t) && !/[\p{Script=Han}][（(][^（）()]{1,8}[）)]$/u.test(t);
      default:
        return !/^(预期性|约束性)$/.test(t);
    }
  };
  /** Line indices of a row starting at j (furniture passed collected), or null. */
  const row = (j: number, seen: number[]): number[] | null => {
    const at: number[] = [];
    for (let c = 0; c < n; c++) {
      if (c > 0) j = next(j, seen);
      if (!cell(j) || !fits(j, c)) return null;
      at.push(j++);
    }
    return at;
  };
  const span = (j: number) => trimmedSpan(lines[j], lines[j].start, lines[j].end)!;
  for (;;) {
    const seen: number[] = [];
    const s = next(k, seen);
    if (s >= lines.length) break;
    const r = row(s, seen);
    if (r) {
      rows.push(r.map(span));
      skipped.push(...seen);
      k = r[n - 1] + 1;
      last = r[n - 1];
      continue;
    }
    // a category row (一、经济发展) is one short line before a row
    const after: number[] = [];
    const r2 = cell(s) && isCategoryRow(lines[s]) ? row(next(s + 1, after), after) : null;
    if (!r2) break;
    rows.push([span(s)]);
    skipped.push(...seen);
    k = s + 1;
    last = s;
  }
  if (rows.length < 2) return null;
  return { first: i, last, layout: 'cell-per-line', rows, furniture: skipped.length ? skipped : undefined, cutShort: looksLikeMore(last + 1) };

  /** The lines after the table read as cells of it: a row number, or values among short cells. */
  function looksLikeMore(from: number): number | undefined {
    const s = next(from, []);
    if (s >= lines.length || !cell(s)) return undefined;
    if (numbered) return ROW_NUMBER.test(text(s)) ? s : undefined;
    let j = s;
    let valued = false;
    for (let c = 0; c < n; c++, j = next(j + 1, [])) {
      if (!cell(j)) return undefined;
      if (ATTRIBUTE.test(text(j)) || NUMERIC.test(text(j))) valued = true;
    }
    return valued ? s : undefined;
  }
}

/**
 * Column names of a 任务分工表 (序号 / 重点任务 / 牵头单位 / 参与单位 / 完成时限). Exported for the
 * extractor, which reads a table with such a header as tasks (one a row).
 */
export const TASK_COLUMN = /^(重点任务|主要任务|工作任务|任务内容|重点工作|工作内容|具体任务|具体措施|主要措施|任务|工作措施|任务措施)$/;
export const LEAD_COLUMN = /^(牵头单位|牵头部门|主办单位|牵头责任单位)$/;
export const UNIT_COLUMN = /^(责任单位|责任部门|配合单位|配合部门|参与单位|参与部门|协同单位|协办单位)$/;
export const DEADLINE_COLUMN = /^(完成时限|完成时间|时间节点|时限要求|时限)$/;

/**
 * What a column of a task table holds, told from its header word as governments name them:
 * - `number` 序号; `task` the work (重点任务, 民生实事, 项目内容, 目标任务, 考核项目, 2022年预期目标 …);
 *   a second such column (细化措施, 工作措施 after 主要任务) is `detail`, read with the task;
 * - `lead` 牵头单位 / 牵头负责部门; `units` 责任单位, 主责单位, 配合/参与/协办单位, 责任部门 …;
 *   `scorer` 评分部门 / 考核部门 (units, but they score the work: no role in it);
 * - `person` 责任人, 牵头领导 (people, not units); `time` 完成时限, 时间节点; `score` 分值;
 * - `text` any other column of words (类别, 落实情况, 当前进度, 备注, 评分标准 …).
 */
export type TaskColumnKind = 'number' | 'task' | 'detail' | 'lead' | 'units' | 'scorer' | 'person' | 'time' | 'score' | 'text';

// two names joined by 和/及/与 (具体工作任务和要求, 目标任务及措施): the task column still, and
// so is a name with 工作/目标 before its last word (重点工作目标任务)
const TASKISH =
  /^(?:\d{4}年(?:度)?)?[\u4e00-\u9fff]{0,4}(?:工作|目标)?(?:任务|实事|事项|项目|工作|内容|举措|目标|措施)(?:内容|名称|清单|事项)?(?:[和及与](?:要求|标准|内容|措施|目标))?$|^(?:考核|工作|目标|任务)指标$|^具体要求$|^[\u4e00-\u9fff]{2,6}(?:行业|领域)名称$/;
/** A column of units: its name ends as a body's does (责任单位, 协同配合单位, 配合处室), or is a role word alone. */
const UNIT_NAME = /^[\u4e00-\u9fff]{1,8}(?:单位|部门|科室|处室|机构)$|^(?:牵头|主办|责任|配合|协办|协同|参与|部门|科室|处室)$|^责任主体$/;
/** A measure unit (%, 万亩), or the body that fills in the sheet: no role in the work. */
const MEASURE_HEAD = /^(?:单位|计量单位|数据单位|填报单位|统计单位|单位名称)$/;
/** Words of a unit column's name that make it the lead (牵头责任单位, 主要责任单位, 主责单位). */
const LEAD_WORD = /牵头|主要|主责|主办/;
const SCORER_HEAD = /^(?:评分|考核|考评|督办|督查|监督|评价|评估)(?:单位|部门|科室|处室|机构)$/;
const PERSON_HEAD = /领导|责任人|联系人|负责人/;
const TIME_HEAD = /^(?:(?:计划)?完成|办结|整改|推进)?(?:时限|时间|期限|时间节点)(?:要求)?$|^时间节点$|^(?:进度|时间)安排$/;
const SCORE_HEAD = /^(?:分值|分数|权重|标准分)$/;
const TEXT_HEAD = /(?:类别|领域|分类|类型|情况|进度|进展|备注|说明|标准|方式|要求|形式|成效|成果|依据|指标)$/;
/** A column of figures after the task (年度目标, 目标值, 2025年目标): kept, not the task's text. */
const FIGURE_HEAD = /^(?:\d{4}年(?:度)?)?(?:年度)?(?:目标值?|预期目标|指标值|基数|现状值?)$/;

/**
 * The kind of a task table's column from its header cell (spaces and a bracketed note left out), or null.
 * A name that ends as a body's does (单位/部门/科室/处室/机构) is a unit column whatever its first
 * words; they give its role: 牵头/主要/主责/主办 lead (牵头责任单位 too), any other responsible —
 * save the bodies that score the work (评分部门, 督办单位) and a measure unit (单位: %, 万亩).
 * A name that holds 领导/责任人/联系人/负责人 is a column of people.
 */
/** Spaces, and the zero-width characters a masked pinyin note leaves in a header cell (序號(hào)). */
const HEADER_SPACE = /[\s\u200b-\u200d\u2060\ufeff]/g;

export function taskColumnKind(raw: string): TaskColumnKind | null {
  const h = raw.replace(HEADER_SPACE, '').replace(/[（(][^（）()]*[）)]$/, '');
  if (!h || h.length > 12) return null;
  if (/^(序号|编号)$/.test(h)) return 'number';
  if (PERSON_HEAD.test(h)) return 'person';
  if (MEASURE_HEAD.test(h)) return 'text';
  if (SCORER_HEAD.test(h)) return 'scorer';
  if (UNIT_NAME.test(h)) return LEAD_WORD.test(h) ? 'lead' : 'units';
  if (TIME_HEAD.test(h)) return 'time';
  if (SCORE_HEAD.test(h)) return 'score';
  if (TASKISH.test(h)) return 'task';
  if (TEXT_HEAD.test(h)) return 'text';
  return null;
}

/**
 * Kinds of the columns of a task table's header (序号 first, or after one or two category
 * columns written before it: 考核项目 / 序号 / …; a task and a unit column), or null.
 * The first task column is `task`; the task columns after it, before the units, are `detail`
 * (figures such as 年度目标 are `text`). Beside a 牵头 column, a column that leads only by its
 * other words (主责单位, 主要责任单位) is responsible.
 */
export function taskTableKinds(header: string[], loose = false): TaskColumnKind[] | null {
  // loose: a column of a name not known (建设规模, 完成标志) is kept as words, where the table's
  // number, task and unit columns are known
  const raw = header.map((h) => taskColumnKind(h) ?? (loose && (columnName(h) || garbledName(h)) ? 'text' : null));
  const at = raw.indexOf('number');
  if (at === -1 || at > 2 || raw.some((k) => k === null) || raw.lastIndexOf('number') !== at) return null;
  const names = header.map((h) => h.replace(HEADER_SPACE, ''));
  const kinds = raw.map((k, c) => (c < at ? 'text' : k)) as TaskColumnKind[];
  // no column named as the task's (a name a mirror garbled: 項目?jī)?nèi)容): the one right after 序号,
  // where a unit column follows
  if (loose && !kinds.includes('task') && kinds[at + 1] === 'text' && garbledName(header[at + 1])) kinds[at + 1] = 'task';
  const task = kinds.indexOf('task');
  const firstUnit = kinds.findIndex((k) => k === 'lead' || k === 'units');
  if (task === -1 || firstUnit === -1) return null;
  const leads = kinds.map((k, c) => (k === 'lead' ? c : -1)).filter((c) => c !== -1);
  const named = leads.some((c) => /牵头/.test(names[c]));
  return ownerBesidePartners(names, kinds).map((k, c) =>
    k === 'task' && c !== task
      ? c < firstUnit && !FIGURE_HEAD.test(names[c])
        ? 'detail'
        : 'text'
      : k === 'lead' && named && leads.length > 1 && !/牵头/.test(names[c])
        ? 'units'
        : k,
  );
}

/**
 * A 责任单位 column set against a 配合单位 column, with no 牵头 column (责任单位 | 配合单位, 责任部门 |
 * 协同单位): the 责任 column names the units that own the row, the lead; the other, those that
 * help. Any other kinds as they are.
 */
export function ownerBesidePartners<K extends string | null>(names: string[], kinds: K[]): K[] {
  if (kinds.includes('lead' as K)) return kinds;
  const units = kinds.map((k, c) => (k === 'units' ? c : -1)).filter((c) => c !== -1);
  const owner = units.filter((c) => /^(?:主要)?责任(?:单位|部门)$/.test(names[c].replace(HEADER_SPACE, '')));
  const partners = units.some((c) => /配合|协同|协办|参与|协助|协作/.test(names[c]));
  if (owner.length !== 1 || !partners) return kinds;
  return kinds.map((k, c) => (c === owner[0] ? ('lead' as K) : k));
}

/**
 * A header cell a mirror garbled (項目?jī)?nèi)容: a pinyin note broken by ? marks): words and the
 * debris of a note, short, no sentence.
 */
function garbledName(raw: string): boolean {
  const h = raw.replace(HEADER_SPACE, '');
  return h.length <= 16 && /[?？]/.test(h) && /^[\u4e00-\u9fff?？()a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+$/.test(h) && (h.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 2;
}

/** A header cell of a name not known: a few words, no sentence, no figure, no body's name. */
export function columnName(raw: string): boolean {
  const h = raw.replace(HEADER_SPACE, '');
  return /^[\u4e00-\u9fff（）()、/]{2,12}$/.test(h) && !/[、（(]$/.test(h) && !UNIT_END.test(h);
}

/**
 * A column's kind for reading a row's lines: a place column (建设地点, 实施地点) is words kept as
 * the others, but its cell may be a body's name (纸坊街道, 城关镇) that no other words column takes.
 */
type TaskColumn = TaskColumnKind | 'place';

/** A column naming where the work is done (建设地点, 项目地址, 实施区域). */
const PLACE_HEAD = /(?:地点|地址|位置|所在地|区域|实施地|建设地)$/;

/** Kinds of the columns of a 分工表 header (序号 first, a task and a unit column), or null. */
function taskColumns(header: string[]): TaskColumn[] | null {
  const kinds = taskTableKinds(header, true);
  if (!kinds) return null;
  return kinds.map((k, c) => (k === 'text' && PLACE_HEAD.test(header[c].replace(HEADER_SPACE, '')) ? 'place' : k));
}

/** A line a cell goes on from: a list cut after its separator, a sentence cut after its comma. */
const GOES_ON = /[、，,；;：:]$/;
const LEVEL_START = /^(?:省|市|县|区|镇|乡|州|旗|盟|各|有关|相关)/;
const UNIT_END = /(?:[局委办厅部署会社院行处队所站室团联司组]|中心|公司|政府|集团|海关|机构|部门|单位|企业|学校|医院|协会|总社|街道|乡镇)$/;
const ROLE_AFTER = /[（(](?:共同牵头|牵头|共同负责|负责|配合|协助)[）)]$/;
const NO_UNIT = /^[—－\-–/／无]+$/;
/** A unit's other name in brackets after it (各镇政府（街道办事处）, 市商务局（市粮食和物资储备局）): a name too. */
// (各乡镇（街道）: the bracket may hold the body's word alone)
const OTHER_NAME = /[（(][^（）()]{0,20}(?:[局委办厅部署会社院行处队所站室团联司组]|中心|公司|政府|街道|乡镇)[）)]$/;
/** A town named alone in a unit cell (白沙镇, 青山乡): its government, a unit of the row (特色小镇, 城乡, 返乡 are no town). */
const TOWN = /^[\u4e00-\u9fff]{1,4}[镇乡]$/;
const NOT_TOWN = /(?:小镇|城乡|下乡|返乡|家乡|回乡)$/;
const unitEnd = (p: string) => UNIT_END.test(p) || (TOWN.test(p) && !NOT_TOWN.test(p));
const TIME_CELL = /^(?:\d{4}\s*年|20\d\d|每年|每季度|每月|长期|持续|常态|立行立改|年内|全年|本年|\d{1,2}月)|(?:年底|月底|年前|底前|以前|之前|前|完成)$/;

/** A line of a unit list (省财政厅、省商务厅、): names that end as units do, no sentence. */
function unitLine(t: string): boolean {
  if (NO_UNIT.test(t)) return true;
  // a list of units closed by a full stop (区工信局、区住建局,各乡镇人民政府。): a list of two or
  // more, each piece a unit's name (a prose cell 建成县残疾人综合服务中心。 is one piece: not a list)
  if (t.endsWith('。') && !SENTENCE.test(t.slice(0, -1))) {
    const pieces = t
      .slice(0, -1)
      .split(/[、，,]/)
      .map((p) => p.trim().replace(ROLE_AFTER, '').replace(OTHER_NAME, '').replace(UNIT_TAIL, ''));
    const names = pieces.every((p) => p.length > 0 && p.length <= 30 && unitEnd(p));
    // one name alone only when it opens with a level (区投资促进中心。), as a unit's name does
    return names && (pieces.length >= 2 || (pieces[0].length <= 20 && LEVEL_START.test(pieces[0])));
  }
  if (t.length > 120 || SENTENCE.test(t)) return false;
  const pieces = t
    .replace(GOES_ON, '')
    .split(/[、，,；;]/)
    .map((p) => p.trim().replace(ROLE_AFTER, '').replace(OTHER_NAME, '').replace(UNIT_TAIL, ''));
  if (pieces.some((p) => !p || p.length > 30)) return false;
  // 长沙市、怀化市、岳阳市人民政府: the place names share the last one's unit
  return GOES_ON.test(t) ? pieces.some((p) => unitEnd(p)) : unitEnd(pieces[pieces.length - 1]);
}

/** Two or more units' names on one line, each piece a name (县财政局、县商务局), not a task's words (新(改、扩)建…学校). */
function namesJoined(t: string): boolean {
  if (!/[、，,]/.test(t) || SENTENCE.test(t.replace(/。$/, ''))) return false;
  const pieces = t
    .replace(/。$/, '')
    .replace(GOES_ON, '')
    .split(/[、，,；;]/)
    .map((p) => p.trim().replace(ROLE_AFTER, '').replace(OTHER_NAME, '').replace(UNIT_TAIL, ''));
  return pieces.length >= 2 && pieces.every((p) => p.length >= 2 && p.length <= 30 && unitEnd(p));
}

const timeLine = (t: string) => t.length <= 20 && !t.includes('、') && TIME_CELL.test(t) && !unitLine(t);

/**
 * A line of people's names (成坤、柯相国): a 责任人 / 牵头领导 cell. A web page spreads a
 * two-character name over its cell (周 岚) and runs two such names together (韩 涛周 岚).
 */
const personLine = (t: string) =>
  (/^[\u4e00-\u9fff]{2,4}(?:[、，,\s]+[\u4e00-\u9fff]{2,4})*$/.test(t) ||
    (/^[\u4e00-\u9fff](?:[\s\u3000]*[\u4e00-\u9fff]){1,11}$/.test(t) &&
      /[\u4e00-\u9fff][\s\u3000]+[\u4e00-\u9fff]/.test(t) &&
      t.replace(/[\s\u3000]/g, '').length <= 12)) &&
  !unitLine(t);
const scoreLine = (t: string) => /^\d{1,3}(?:\.\d+)?\s*分?$/.test(t);

/** The lines of a text cell: prose, where a unit list does not go unless the line before is cut (…、). */
function proseLines(texts: string[], first: boolean): boolean {
  if (GOES_ON.test(texts[texts.length - 1])) return false;
  // a dash alone (-, —, /) says the cell is empty, in any column
  if (texts.length === 1 && NO_UNIT.test(texts[0])) return true;
  return texts.every((t, j) => (j === 0 ? first || !unitLine(t) : GOES_ON.test(texts[j - 1]) || !unitLine(t)));
}

/**
 * The lines of a group fit a column: a task cell may hold any prose, but a line that reads as a
 * unit list (or a time) does not go on a task unless the line before is cut (…、); a unit cell
 * is unit lines, each but the last cut after a separator; a time, a person or a score cell is
 * one line. `sub`: the first cell of a sub-row (no 序号), which must read as a task.
 */
function fitsColumn(texts: string[], kind: TaskColumn, sub = false): boolean {
  switch (kind) {
    case 'number':
      return texts.length === 1 && TASK_ROW_NUMBER.test(texts[0]);
    case 'task':
      if (sub && (unitLine(texts[0]) || timeLine(texts[0]))) return false;
      return !GOES_ON.test(texts[texts.length - 1]) && texts.every((t, j) => j === 0 || GOES_ON.test(texts[j - 1]) || (!unitLine(t) && !timeLine(t)));
    case 'detail':
    case 'text':
      return proseLines(texts, false);
    case 'place':
      // a place or two (纸坊街道, 相关镇（街道）), no sentence
      return texts.length <= 2 && !GOES_ON.test(texts[texts.length - 1]) && texts.every((t) => t.length <= 30 && !SENTENCE.test(t));
    case 'lead':
    case 'units':
    case 'scorer':
      // a web page's copy puts each unit of a cell on a line of its own (县水务局 ⏎ 县住建局)
      return !GOES_ON.test(texts[texts.length - 1]) && texts.every(unitLine);
    case 'time':
      return texts.length === 1 && timeLine(texts[0]);
    case 'person':
      // one line, or more where the cell's border closes them (王 某 ⏎ 李 某 |: two leaders of a row)
      return texts.length <= 3 && texts.every(personLine);
    case 'score':
      return texts.length === 1 && scoreLine(texts[0]);
  }
}

const UNIT_KINDS = new Set<TaskColumn>(['lead', 'units', 'scorer']);
/** Cost of a sub-row (a row without 序号 under the row above) against one empty cell. */
const SUB_ROW = 100;

/** A reading of a row's lines: for the row and each sub-row, the end of each column's lines. */
interface Reading {
  rows: number[][];
  cost: number;
}

/**
 * The readings of a row's lines (after its 序号) against the columns, the cheapest first: every
 * cell but the task's may be empty (a merged cell, written in the row above; a cut row), each
 * empty cell costs one, and lines left after the last column make a sub-row (a second line of
 * the row without its own 序号: 开工建设老年大学。/ 12月底前 under row 5), which costs more.
 * Among the cheapest, the first found gives the text columns the fewest lines.
 * Returns the readings of the least cost.
 */
function readings(texts: string[], kinds: TaskColumn[], closes?: boolean[]): Reading[] {
  const out: Reading[] = [];
  let best = Infinity;
  let budget = 5000;
  const walk = (from: number, c: number, sub: boolean, ends: number[], rows: number[][], cost: number) => {
    if (--budget < 0 || cost > best) return;
    if (c === kinds.length) {
      const done = [...rows, ends];
      if (from === texts.length) {
        if (cost < best) (best = cost), (out.length = 0);
        out.push({ rows: done, cost });
      } else if (done.length < 4) walk(from, 0, true, [], done, cost + SUB_ROW);
      return;
    }
    const kind = kinds[c];
    const one = kind === 'time' || (kind === 'person' && !closes) || kind === 'score';
    for (let to = from + 1; to <= (one ? Math.min(from + 1, texts.length) : texts.length); to++) {
      // a cell drawn with its border (… |) ends at the line that closes it
      if (closes && !closes[to - 1] && to < texts.length) continue;
      const group = texts.slice(from, to);
      if (UNIT_KINDS.has(kind) && !unitLine(group[group.length - 1])) break;
      if (fitsColumn(group, kind, sub && c === 0)) walk(to, c + 1, sub, [...ends, to], rows, cost);
    }
    if (kind !== 'task') walk(from, c + 1, sub, [...ends, from], rows, cost + 1);
  };
  walk(0, 0, false, [], [], 0);
  return budget < 0 ? [] : out;
}

/** The reading of a row, or null when its lines fit the columns in no one way (the units differ). */
function readRow(texts: string[], kinds: TaskColumn[], cut: boolean, closes?: boolean[], oneNameALine = false): Reading | null {
  let found = readings(texts, kinds, closes);
  if (found.length === 0) return null;
  // a leader's name goes in the column of people rather than in a text column beside it (张 某
  // after the task: the detail column and the 牵头领导 column cost the same left empty)
  if (kinds.includes('person')) {
    const people = (r: Reading) => {
      let from = 0;
      let n = 0;
      for (const ends of r.rows) ends.forEach((e, c) => ((n += kinds[c] === 'person' && e > from ? 1 : 0), (from = e)));
      return n;
    };
    const most = Math.max(...found.map(people));
    found = found.filter((r) => people(r) === most);
  }
  // the bodies that score the work are one cell line (县农业农村局 ⏎ 县林业局 ⏎ 市农业农村局: the
  // last one scores, the others are the row's units)
  if (kinds.includes('scorer')) {
    const scorerLines = (r: Reading) => {
      let from = 0;
      let n = 0;
      for (const ends of r.rows) ends.forEach((e, c) => ((n += kinds[c] === 'scorer' ? e - from : 0), (from = e)));
      return n;
    };
    const fewest = Math.min(...found.map(scorerLines));
    found = found.filter((r) => scorerLines(r) === fewest);
  }
  // the lines of each column in the row's first reading row (a sub-row's are not weighed)
  const linesIn = (r: Reading, c: number) => r.rows[0][c] - (c === 0 ? 0 : r.rows[0][c - 1]);
  // a category column before the task (事项分类, 类别) is the cell a merge leaves empty in the rows
  // under its first: where a row's prose fits either, the category is the one left empty, not the
  // 项目内容 after the task
  const task = kinds.indexOf('task');
  if (task > 0 && found.length > 1) {
    const emptyBefore = (r: Reading) => kinds.slice(0, task).filter((_k, c) => linesIn(r, c) === 0).length;
    const most = Math.max(...found.map(emptyBefore));
    found = found.filter((r) => emptyBefore(r) === most);
  }
  // 牵头单位 | 协同单位 in a table that writes every unit on a line of its own, never two names on
  // one line (区教体局 ⏎ 东孝街道 ⏎ 孝顺镇): nothing in the lines tells where the lead's cell ends;
  // such a table names one lead, the first line. (Where the table joins names on a line with 、,
  // a line break between names is a cell's border, and the row stays unclear.)
  const lead = kinds.indexOf('lead');
  if (oneNameALine && lead !== -1 && kinds[lead + 1] === 'units' && found.length > 1) {
    const one = found.filter((r) => r.rows.length === 1 && linesIn(r, lead) === 1 && linesIn(r, lead + 1) > 0);
    if (one.length > 0) found = one;
  }
  // the readings may differ in how prose is shared among text columns, never in the units (a
  // dash alone, -, is no unit wherever it goes)
  const unitsOf = (r: Reading) => {
    let from = 0;
    return r.rows
      .map((ends) =>
        ends
          .map((e, c) => {
            const cell =
              (UNIT_KINDS.has(kinds[c]) || kinds[c] === 'time') && e > from && !texts.slice(from, e).every((t) => NO_UNIT.test(t)) ? `${from}-${e}` : '';
            from = e;
            return cell;
          })
          .join(','),
      )
      .join('|');
  };
  const key = unitsOf(found[0]);
  // a row cut by the end of the text, its last cell missing: its cells fill from the left
  const ends = found[0].rows[found[0].rows.length - 1];
  const lastMissing = ends.length > 1 && ends[ends.length - 1] === ends[ends.length - 2];
  if (!(cut && lastMissing) && found.some((r) => unitsOf(r) !== key)) return null;
  return found[0];
}

const spanOf = (lines: Line[], at: number[]): CellSpan => {
  const parts = at.map((j) => trimmedSpan(lines[j], lines[j].start, lines[j].end)!);
  return parts.length === 1 ? parts[0] : { start: parts[0].start, end: parts[parts.length - 1].end, parts };
};

/**
 * A row of a 分工表 from its lines (序号 first): each group of lines is the cell of its column,
 * an empty cell where the reading leaves one (a merged cell); a sub-row without 序号 is a row of
 * its own whose 序号 cell is empty. When the lines fit the columns in no way, or in ways that
 * give the units to different columns, the row is kept whole in its task column, the other cells
 * empty, and said unclear: no unit is guessed.
 */
function taskRow(
  lines: Line[],
  at: number[],
  kinds: TaskColumn[],
  header: string[],
  cut = false,
  closed?: (j: number) => boolean,
  oneNameALine = false,
): { rows: CellSpan[][]; unclear?: UnclearRow } {
  const texts = at.slice(1).map((j) => lines[j].text.trim());
  const reading = texts.length ? readRow(texts, kinds.slice(1), cut, closed && at.slice(1).map(closed), oneNameALine) : null;
  const empty = (j: number): CellSpan => ({ start: lines[j].end, end: lines[j].end });
  if (reading) {
    const rest = at.slice(1);
    let from = 0;
    return {
      rows: reading.rows.map((ends, r) => {
        const startLine = rest[from] ?? at[0];
        const cells: CellSpan[] = [
          r === 0
            ? spanOf(lines, [at[0]])
            : {
                start: lines[startLine].start + (lines[startLine].text.length - lines[startLine].text.trimStart().length),
                end: lines[startLine].start + (lines[startLine].text.length - lines[startLine].text.trimStart().length),
              },
        ];
        let prev = r === 0 ? at[0] : startLine;
        for (const to of ends) {
          if (to > from) {
            cells.push(spanOf(lines, rest.slice(from, to)));
            prev = rest[to - 1];
          } else cells.push(empty(prev));
          from = to;
        }
        return cells;
      }),
    };
  }
  const task = kinds.indexOf('task');
  const rest = at.slice(1);
  const cells = kinds.map((_k, c) => (c === 0 ? spanOf(lines, [at[0]]) : c === task && rest.length ? spanOf(lines, rest) : empty(at[at.length - 1])));
  return { rows: [cells], unclear: { line: rest[0] ?? at[0], row: lines[at[0]].text.trim(), columns: header } };
}

/**
 * A 分工表 one cell per line without indentation: a header of 分工表 column names (序号 /
 * 重点任务 / 牵头单位 / 参与单位 / 完成时限), then rows that start at their 序号 line (1, 2, 3 …
 * in turn); the lines between two 序号 lines are the row's cells, a cell wrapped over lines
 * when it is long (see taskRow). A web page's copy puts a blank line between every two cells:
 * a header laid out so is read with its blank lines skipped. A section row (一、… ★, or
 * （牵头领导：…）) between rows is a row of one cell. The last row ends at a blank line (a
 * heading, 附件, a web page's clutter), or where its lines stop fitting the columns.
 */
const NUMBER_HEAD = /^(序号|编号)$/;
const ATTACHMENT_LINE = /^附\s*件\s*\d*\s*[：:]?\s*$|^附件\s*\d+\s*[：:]/;
/** A section row of a task table: 一、… (牵头领导：…), a line marked ★, short of a task's row. */
const SECTION_ROW = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|第[一二三四五六七八九十]+[部分章节])|[（(](?:牵头|分管|责任)领导[：:]/;

/**
 * A section row a web page copied without its number (强化科技创新支撑能力。, the title after a bare
 * （一） line): one short sentence, no list or clause in it. Only between a spaced table's rows,
 * where a section run must end at a row's number.
 */
const untitledSection = (t: string) => t.length <= 30 && /^[\u4e00-\u9fff“”]+。$/.test(t) && !unitLine(t.slice(0, -1));

/** 序号 as a header cell, spread over its cell or not (序  号). */
const isNumberHead = (t: string) => NUMBER_HEAD.test(t.replace(/[\s\u3000]/g, ''));

/** A cell line of a web page that drew the cell borders as pipes (序号 |, 县财政局 |). */
const PIPE_END = /\s*[|｜]\s*$/;
const withoutPipe = (l: Line): Line => {
  const m = PIPE_END.exec(l.text);
  return m ? { start: l.start, end: l.start + m.index, text: l.text.slice(0, m.index) } : l;
};

function taskCellPerLine(all: Line[], i: number, furniture: Skip, stop: Skip): TableRegion | null {
  const first = all[i].text.trim();
  // the header starts at 序号, or at a category column or two written before it (考核项目 ⏎ 序号)
  const piped = PIPE_END.test(first);
  const head = piped ? first.replace(PIPE_END, '') : first;
  if (!isNumberHead(head) && !(head.length <= 12 && numberHeadAfter(all, i, piped) && taskColumnKind(head) !== null)) return null;
  // a web page's cell borders drawn as pipes: each cell line ends in one, which is no part of the cell
  const lines = piped ? all.map(withoutPipe) : all;
  const text = (j: number) => lines[j].text.trim();
  const nextContent = (j: number) => {
    while (j < lines.length && isBlank(lines[j])) j++;
    return j;
  };
  // a web page's copy: a blank line between the header's cells
  const spaced = i + 2 < lines.length && isBlank(lines[i + 1]) && taskColumnKind(text(nextContent(i + 1))) !== null;
  let k = i;
  const header: string[] = [];
  const headerAt: number[] = [];
  // the last line of each header cell: a name wrapped over two lines (市政府 ⏎ 分管领导) is one cell
  const headerEnd: number[] = [];
  while (k < lines.length && !furniture.has(k) && header.length < 12) {
    if (isBlank(lines[k])) {
      if (!spaced) break;
      k = nextContent(k);
      continue;
    }
    const t = text(k);
    if (header.length > 0 && (TASK_ROW_NUMBER.test(t) || SECTION_ROW.test(t))) break;
    const u = spaced ? nextContent(k + 1) : k + 1;
    // only a piece that is no column name on its own (市政府: a body's name), not 完成标志 before 责任单位
    if (header.length > 0 && taskColumnKind(t) === null && !columnName(t) && t.length <= 6 && u < lines.length && !furniture.has(u)) {
      const joined = t + text(u);
      if (taskColumnKind(joined) !== null) {
        header.push(joined);
        headerAt.push(k);
        headerEnd.push(u);
        k = u + 1;
        continue;
      }
    }
    // a name not known is a header cell too, save the line before the first row of a table with a
    // category column (its first row's category: 农业高质高效 ⏎ 1)
    if (header.length > 0 && taskColumnKind(t) === null && !(columnName(t) && (isNumberHead(header[0]) || !TASK_ROW_NUMBER.test(text(nextContent(k + 1))))))
      break;
    header.push(t);
    headerAt.push(k);
    headerEnd.push(k);
    k++;
  }
  const kinds = taskColumns(header);
  if (!kinds || kinds.length < 3) return null;
  // the columns before 序号 (a category written once for its group of rows) and the row's own
  const lead = kinds.indexOf('number');
  const rowKinds = kinds.slice(lead);
  const rowHeader = header.slice(lead);
  const rows: CellSpan[][] = [
    headerAt.map((j, n) => {
      const span = trimmedSpan(lines[j], lines[j].start, lines[j].end)!;
      const e = headerEnd[n];
      return e === j ? span : { start: span.start, end: trimmedSpan(lines[e], lines[e].start, lines[e].end)!.end };
    }),
  ];
  const skipped: number[] = [];
  const unclear: UnclearRow[] = [];
  let last = headerEnd[headerEnd.length - 1];
  k = last + 1;
  let expect: number | null = null;
  let most = 0;
  // a number in a 分值 or figures column (年度目标, 单位) may be a cell, not the next row
  const numeric = kinds.some(
    (c, n) => c === 'score' || (c === 'text' && n > lead && (taskColumnKind(header[n]) === null || /目标|单位|值$|数$/.test(header[n].replace(/\s/g, '')))),
  );
  const isRowStart = (j: number) => TASK_ROW_NUMBER.test(text(j)) && (expect === null || rowNumber(text(j)) === expect);
  // an excerpt of a longer table skips numbers (3, 7, 12): a higher number may start a row too
  const mayStart = (j: number) => TASK_ROW_NUMBER.test(text(j)) && (expect === null || rowNumber(text(j)) >= expect);
  const ends = (j: number) => HEADING.test(text(j)) || ATTACHMENT_LINE.test(text(j)) || isNumberHead(text(j)) || stop.has(j);
  // with pipes, a cell ends only at a line that ends in one (县经信局 ⏎ 县住建局 |: one cell)
  const closed = piped ? (j: number) => PIPE_END.test(all[j].text) : undefined;
  // the table's unit cells put one name a line: no line under the header joins two names (A、B)
  const oneNameALine = !lines.slice(k, k + 400).some((l) => namesJoined(l.text.trim()));
  const cost = (at: number[]) =>
    at.length < 2 ? Infinity : (readings(at.slice(1).map(text), rowKinds.slice(1), closed && at.slice(1).map(closed))[0]?.cost ?? Infinity);
  const skip = (j: number) => {
    while (j < lines.length && (isBlank(lines[j]) || furniture.has(j))) j++;
    return j;
  };
  /** Section rows from j on (二、… ⏎ 三、… ⏎ 四、…: sections without rows of their own), when a row follows them. */
  const sectionRun = (j: number): number[] | null => {
    const run: number[] = [];
    for (let n = skip(j); n < lines.length && !stop.has(n); n = skip(n + 1)) {
      if (mayStart(n)) return run.length ? run : null;
      if (!(SECTION_ROW.test(text(n)) || (spaced && untitledSection(text(n)))) || run.length >= 8) return null;
      run.push(n);
    }
    return null;
  };
  /** Whether a row starts at j: its number, after a category cell written once for its group when the table has one. */
  const rowAfter = (j: number) =>
    mayStart(j) || (lead > 0 && !SECTION_ROW.test(text(j)) && !ends(j) && text(j).length <= 30 && !SENTENCE.test(text(j)) && mayStart(skip(j + 1)));
  let category: number | null = null;
  for (;;) {
    const s0 = skip(k);
    if (s0 >= lines.length) break;
    // section rows between rows (or before the first)
    if (!isRowStart(s0) && !stop.has(s0)) {
      const run = sectionRun(s0);
      if (run) {
        for (const n of run) rows.push([trimmedSpan(lines[n], lines[n].start, lines[n].end)!]);
        last = run[run.length - 1];
        k = last + 1;
        continue;
      }
    }
    let s = s0;
    // a category cell before the first row of its group
    if (lead > 0 && category === null && !mayStart(s) && rowAfter(s)) {
      category = s;
      s = skip(s + 1);
    }
    if (!mayStart(s)) break;
    expect = rowNumber(text(s)) + 1;
    // the row's lines up to the next row's 序号 (or a heading, or a blank line after the last row)
    const at = [s];
    const seen: number[] = [];
    let more = false;
    let j = s + 1;
    for (; j < lines.length; j++) {
      if (furniture.has(j)) {
        seen.push(j);
        continue;
      }
      if (isBlank(lines[j])) {
        if (spaced) continue;
        const n = skip(j + 1);
        if (n < lines.length && (rowAfter(n) || sectionRun(n))) {
          more = true;
          break;
        }
        // a blank line inside a row (a page break) only where the row goes on after it
        if (n >= lines.length || HEADING.test(text(n)) || cost(at) === 0) break;
        continue;
      }
      // a number in a 分值 or figures column is a cell, where the row reads better with it; not
      // after the next row's category cell (a line that is none of this row's)
      if (mayStart(j) && ((lead > 0 && at.length > 2 && cost(at.slice(0, -1)) < cost(at)) || !(numeric && cost([...at, j]) < cost(at)))) {
        more = true;
        break;
      }
      if (SECTION_ROW.test(text(j)) && sectionRun(j)) {
        more = true;
        break;
      }
      if (ends(j)) break;
      at.push(j);
    }
    // the next row's category cell, written before its number, is none of this row's
    let next: number | null = null;
    if (more && lead > 0 && at.length > 2 && mayStart(skip(j)) && cost(at.slice(0, -1)) < cost(at)) next = at.pop()!;
    // the last row ends where its lines fit the columns best: the prose after the table is none of it
    let use = at;
    if (!more && closed) {
      // with pipes, the table ends at the last line that closes a cell
      let n = at.length;
      while (n > 1 && !closed(at[n - 1])) n--;
      use = at.slice(0, n);
    } else if (!more) {
      if (most > 0 && use.length > most + 1) use = use.slice(0, most + 1);
      let bestCost = Infinity;
      for (let n = use.length; n >= 2; n--) {
        const c = cost(use.slice(0, n));
        if (c < bestCost) (bestCost = c), (use = use.slice(0, n));
      }
      if (bestCost === Infinity) use = at;
    }
    if (use.length < 2) break;
    // a row running to the end of the text is cut there
    const cut = !more && nextContent(use[use.length - 1] + 1) >= lines.length;
    const read = taskRow(lines, use, rowKinds, rowHeader, cut, closed, oneNameALine);
    const before = (r: CellSpan[], c: number | null): CellSpan[] =>
      lead === 0
        ? r
        : [
            ...(c === null ? [] : [trimmedSpan(lines[c], lines[c].start, lines[c].end)!]),
            ...Array.from({ length: lead - (c === null ? 0 : 1) }, () => ({ start: r[0].start, end: r[0].start })),
            ...r,
          ];
    rows.push(...read.rows.map((r, n) => before(r, n === 0 ? category : null)));
    if (read.unclear) unclear.push({ ...read.unclear, columns: header, index: rows.length - read.rows.length });
    most = Math.max(most, use.length);
    skipped.push(...seen.filter((f) => f < use[use.length - 1]));
    last = use[use.length - 1];
    k = last + 1;
    category = null;
    if (next !== null) {
      category = next;
      k = next + 1;
    }
    if (!more) break;
  }
  if (rows.length < 2) return null;
  return { first: i, last, layout: 'cell-per-line', rows, furniture: skipped.length ? skipped : undefined, unclear: unclear.length ? unclear : undefined };
}

/** A line of pipes alone: cell borders a web page's copy set on a line of their own. */
const PIPES_LINE = /^[ \t\u3000]*[|｜]+[ \t\u3000]*$/;
const pipeCount = (t: string) => t.replace(/[^|｜]/g, '').length;
/** A cell that runs longer than this without a pipe is prose after the table, not a cell. */
const PIPE_CELL_LINES = 8;

/**
 * A task table whose cells AND the borders between them stand on lines of their own (a web page's
 * copy: 序号 ⏎ | ⏎ 项目 ⏎ | ⏎ 重点工作目标任务 ⏎ | ⏎ …). Each pipe closes a cell (the lines since the
 * pipe before, or none: an empty cell); a row holds as many cells as the header, and a line of
 * several pipes (||, |||) pads the row it closes. A merged cell (a 序号 or 牵头领导 written once
 * for its group) is left out of the rows under it, so a row's cells do not stand under their
 * columns: they are placed by what they hold (readings), the cell borders kept, as in a
 * cell-per-line table. A row whose only cell is a section title (一、…) is a section row.
 */
function pipeLineTable(lines: Line[], i: number, stop: Skip): TableRegion | null {
  const closedBy = (j: number) => j < lines.length && PIPES_LINE.test(lines[j].text);
  if (!isNumberHead(lines[i].text.trim()) || !closedBy(i + 1) || pipeCount(lines[i + 1].text) !== 1) return null;
  const header: string[] = [];
  const headerAt: number[] = [];
  let k = i;
  while (k < lines.length && header.length < 12 && closedBy(k + 1)) {
    const t = lines[k].text.trim();
    if (!t || PIPES_LINE.test(t) || SECTION_ROW.test(t) || TASK_ROW_NUMBER.test(t)) break;
    if (header.length > 0 && taskColumnKind(t) === null && !columnName(t)) break;
    header.push(t);
    headerAt.push(k);
    k += 2;
    if (pipeCount(lines[k - 1].text) > 1) break;
  }
  const kinds = taskColumns(header);
  if (!kinds || kinds.length < 3 || kinds[0] !== 'number') return null;
  const width = kinds.length;
  // the rows: each a list of cells, each cell the indexes of its lines
  const rows: number[][][] = [];
  let row: number[][] = [];
  let cell: number[] = [];
  let last = k - 1;
  let cut = false;
  for (let j = k; ; j++) {
    if (j >= lines.length) {
      // a row the end of the text cuts: its cells so far, the open one too
      if (cell.length || row.length) {
        if (cell.length) row.push(cell);
        rows.push(row);
        last = cell.length ? cell[cell.length - 1] : last;
        cut = true;
      }
      break;
    }
    if (stop.has(j)) break;
    const t = lines[j].text;
    if (!PIPES_LINE.test(t)) {
      if (isBlank(lines[j])) continue;
      if (cell.length >= PIPE_CELL_LINES || ATTACHMENT_LINE.test(t.trim())) {
        if (row.length) rows.push(row);
        break;
      }
      cell.push(j);
      continue;
    }
    const pipes = pipeCount(t);
    for (let p = 0; p < pipes && (p === 0 || row.length > 0); p++) {
      row.push(cell);
      cell = [];
      if (row.length === width) {
        rows.push(row);
        row = [];
      }
    }
    // a line of several pipes pads the row it closes
    if (pipes > 1 && row.length > 0) {
      rows.push(row);
      row = [];
    }
    last = j;
  }
  const out: CellSpan[][] = [headerAt.map((j) => trimmedSpan(lines[j], lines[j].start, lines[j].end)!)];
  const unclear: UnclearRow[] = [];
  rows.forEach((r, n) => {
    const full = r.filter((c) => c.length > 0);
    if (full.length === 0) return;
    const at = full.flat();
    const texts = at.map((j) => lines[j].text.trim());
    if (full.length === 1 && SECTION_ROW.test(texts[0])) {
      out.push([spanOf(lines, full[0])]);
      return;
    }
    const closes = full.flatMap((c) => c.map((_j, m) => m === c.length - 1));
    const reading = readRow(texts, kinds, cut && n === rows.length - 1, closes);
    if (!reading) {
      const task = kinds.indexOf('task');
      out.push(kinds.map((_k, c) => (c === task ? spanOf(lines, at) : { start: lines[at[0]].start, end: lines[at[0]].start })));
      unclear.push({ line: at[0], row: texts[0], columns: header, index: out.length - 1 });
      return;
    }
    let from = 0;
    for (const ends of reading.rows) {
      // an empty cell sits where the cell before it ends (at the row's start when it opens the row)
      let edge = from > 0 ? lines[at[from - 1]].end : lines[at[from] ?? at[0]].start;
      out.push(
        ends.map((to) => {
          const span = to > from ? spanOf(lines, at.slice(from, to)) : { start: edge, end: edge };
          if (to > from) edge = lines[at[to - 1]].end;
          from = to;
          return span;
        }),
      );
    }
  });
  if (out.length < 2) return null;
  return { first: i, last, layout: 'cell-per-line', rows: out, unclear: unclear.length ? unclear : undefined };
}

/**
 * A task table's header glued to the end of a prose line: a doc-sharing copy flattens a page onto
 * a few long lines, and the header of the table under it ends the last of them (…附件:X分解表
 * 署名 日期 X分解表 序号 名称 工作任务 牵头责任单位), the rows on lines of their own below
 * (1 <task> <unit>). The header becomes a line of its own, so the table under it is read; the
 * text before it stays one line. Lines are returned as they are where nothing is glued.
 */
export function splitGluedHeaders(lines: Line[]): Line[] {
  let out: Line[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const at = gluedHeaderAt(lines, i);
    if (at < 0) {
      out?.push(l);
      continue;
    }
    out ??= lines.slice(0, i);
    out.push({ start: l.start, end: l.start + at, text: l.text.slice(0, at) }, { start: l.start + at, end: l.end, text: l.text.slice(at) });
  }
  return out ?? lines;
}

/** 序号 and a few short words to the end of a line, after prose: a header glued on. */
const GLUED_HEADER = /\s(?:序号|编号)(?:[ \u3000]+\S{1,12}){2,8}[ \u3000]*$/;

/** Offset in line i where a task table's header glued to its end starts, or -1. */
function gluedHeaderAt(lines: Line[], i: number): number {
  const t = lines[i].text;
  if (t.length < 40) return -1;
  const m = GLUED_HEADER.exec(t);
  if (!m || !t.slice(0, m.index).trim()) return -1;
  const at = m.index + 1;
  const header = { start: lines[i].start + at, end: lines[i].end, text: t.slice(at) };
  const cells = spaceHeader(header);
  const kinds = cells && taskColumns(cells.map((c) => header.text.slice(c.start - header.start, c.end - header.start)));
  if (kinds?.[0] !== 'number') return -1;
  // the rows follow (after blank lines and section rows): the first starts at its number
  let j = i + 1;
  for (let n = 0; j < lines.length && n < 12; j++, n++) {
    const next = lines[j].text.trim();
    if (!next || SECTION_ROW.test(next)) continue;
    break;
  }
  return j < lines.length && /^\d{1,3}[ \u3000]/.test(lines[j].text.trim()) ? at : -1;
}

/** Whether 序号 is among the next two header cells after line i (a category column or two written before it). */
function numberHeadAfter(lines: Line[], i: number, piped: boolean): boolean {
  let j = i + 1;
  for (let n = 0; n < 2; n++) {
    while (j < lines.length && isBlank(lines[j])) j++;
    if (j >= lines.length) return false;
    const t = lines[j].text.trim();
    if (isNumberHead(piped ? t.replace(PIPE_END, '') : t)) return true;
    if (t.length > 12) return false;
    j++;
  }
  return false;
}

/**
 * A task table one row a line (a web page's or a PDF's text): a header of task-table column names
 * starting with 序号, its words set apart by spaces (序号 类别 主要任务 牵头单位 …; a name spread
 * over its cell, 工 作 任 务, is one) or by pipes (序号 | 任务 | 牵头单位 |), then rows that start
 * at their number. A pipe row is split at its pipes. A space row's cells may hold spaces
 * themselves and be empty (two spaces): its unit, time and people columns are read from its end,
 * one space-separated piece a cell, and all between its number and them is the task's text.
 * A row whose pieces do not fit so (a unit cell holding a space, a text column after the units)
 * is kept whole in the task column and said unclear.
 */
function taskRowsTable(lines: Line[], i: number, stop: Skip): TableRegion | null {
  const l = lines[i];
  const t = l.text.replace(HEADER_SPACE, ' ').trim();
  if (!/^(序号|编号)[\s|｜]/.test(t) || l.text.includes('\t')) return null;
  const pipe = /[|｜]/.test(t);
  const headerCells = pipe ? pipeCells(l) : spaceHeader(l);
  if (!headerCells) return null;
  const header = headerCells.map((c) => l.text.slice(c.start - l.start, c.end - l.start));
  const kinds = taskColumns(header);
  if (!kinds || kinds.length < 3 || kinds[0] !== 'number') return null;
  const rows: CellSpan[][] = [headerCells];
  const unclear: UnclearRow[] = [];
  let last = i;
  let expect: number | null = null;
  for (let j = i + 1; j < lines.length; j++) {
    if (isBlank(lines[j]) || stop.has(j)) {
      if (stop.has(j)) break;
      continue;
    }
    const row = lines[j];
    const m = /^\s*(\d{1,3})(?=[\s|｜]|$)/.exec(row.text);
    if (!m || (expect !== null && Number(m[1]) !== expect)) {
      // a section row between rows
      // (the next row may come after blank lines)
      let n = j + 1 < lines.length ? j + 1 : j;
      while (n + 1 < lines.length && isBlank(lines[n])) n++;
      if (SECTION_ROW.test(row.text.trim()) && !(pipe && /[|｜]/.test(row.text)) && /^\s*\d{1,3}[\s|｜]/.test(lines[n]?.text ?? '')) {
        rows.push([trimmedSpan(row, row.start, row.end)!]);
        last = j;
        continue;
      }
      break;
    }
    expect = Number(m[1]) + 1;
    const cells = pipe ? pipeCells(row) : spaceRow(row, kinds);
    if (cells && cells.length === kinds.length) rows.push(cells);
    else {
      const num = trimmedSpan(row, row.start + m.index, row.start + m.index + m[0].length)!;
      const rest = trimmedSpan(row, num.end, row.end) ?? { start: row.end, end: row.end };
      rows.push(kinds.map((k, c) => (c === 0 ? num : k === 'task' ? rest : { start: row.end, end: row.end })));
      unclear.push({ line: j, row: m[1], columns: header, index: rows.length - 1 });
    }
    last = j;
  }
  if (rows.length < 2) return null;
  if (pipe) slidMergedCells(lines, i, rows);
  // rows whose pieces do not fit (a cell closed by its full stop, a cell of two units going on under
  // its row): read the pieces as cells one a line, where that reads as far or further and more rows clearly
  if (!pipe && unclear.length) {
    const pieces = spacedTaskTable(lines, i, stop);
    const clear = (r: TableRegion) => r.rows.length - (r.unclear?.length ?? 0);
    if (pieces && pieces.last >= last && clear(pieces) > rows.length - unclear.length) return pieces;
  }
  return { first: i, last, layout: pipe ? 'pipe' : 'space-rows', rows, unclear: unclear.length ? unclear : undefined };
}

/**
 * Kinds of the columns of a task table without a 序号 column, whose rows are numbered inside their
 * task cell (类别 | 民生事项名称 | … | 责任单位 |, rows 四、教育文化 | 14.改扩建… |): a category column
 * first, the task second, a unit column after; the kinds as a numbered table's (taskTableKinds).
 */
export function itemTableKinds(header: string[]): TaskColumnKind[] | null {
  const kinds = taskTableKinds(['序号', ...header], true)?.slice(1);
  return kinds && kinds[0] === 'text' && kinds[1] === 'task' ? kinds : null;
}

/**
 * Kinds of the columns of a task table without 序号 whose rows are named by their first cell, the
 * work (专项整治行业名称 | 时间安排 | 责任单位 |: a township's 安排表, one row a sector): the task column
 * first, a unit column after it. A schedule whose first column is its dates (时间 | 督查内容 | 责任单位)
 * is none.
 */
export function namedTableKinds(header: string[]): TaskColumnKind[] | null {
  const kinds = taskTableKinds(['序号', ...header], true)?.slice(1);
  return kinds && kinds.length >= 3 && kinds[0] === 'task' && kinds.some((k) => k === 'lead' || k === 'units') ? kinds : null;
}

/** A cell's text on its line. */
function textOf(line: Line, c: CellSpan): string {
  return line.text.slice(c.start - line.start, c.end - line.start);
}

/** A row's cells without the empty ones a page leaves at its end. */
function filled(line: Line, cells: CellSpan[]): CellSpan[] {
  let n = cells.length;
  while (n > 0 && !textOf(line, cells[n - 1])) n--;
  return cells.slice(0, n);
}

/**
 * A pipe table one row a line without 序号, its rows named by their first cell (see
 * namedTableKinds): the rows that follow the header with as many cells, no sentence in them, each
 * with its name; the first line that is not such a row ends the table.
 * A row may carry its number in a cell of its own that the header does not name (工作任务 |
 * 具体要求 | 责任单位 | 时限要求, rows 一、… | （一）… | 1 | 进一步… | 市… | 持续推进 |, then 2 | 开设… | …):
 * the cells after the number are the columns after the first (the last ones may be cut with the
 * text), the cells before it the first column (the group's names, written on its first row only),
 * and such a row may hold sentences.
 */
function namedPipeRowsTable(lines: Line[], i: number, stop: Skip): TableRegion | null {
  const l = lines[i];
  if (!/[|｜]/.test(l.text) || l.text.includes('\t') || SENTENCE.test(l.text)) return null;
  const headerCells = filled(l, pipeCells(l));
  const kinds = namedTableKinds(headerCells.map((c) => textOf(l, c)));
  if (!kinds) return null;
  const width = kinds.length;
  /** A row whose number stands in a cell of its own: its cells under the header's columns. */
  const numbered = (row: Line, cells: CellSpan[]): CellSpan[] | null => {
    const at = cells.findIndex((c) => /^\d{1,3}$/.test(textOf(row, c).trim()));
    const after = cells.length - at - 1;
    if (at === -1 || after < 2 || after > width - 1) return null;
    const first = at === 0 ? { start: cells[0].start, end: cells[0].start } : { start: cells[0].start, end: cells[at - 1].end };
    const out = [first, ...cells.slice(at + 1)];
    while (out.length < width) out.push({ start: row.start + row.text.length, end: row.start + row.text.length });
    return out;
  };
  const { rows, last } = pipeRowsUnder(lines, i, stop, headerCells, (row, cells) => {
    const own = numbered(row, cells);
    if (own) return own;
    return SENTENCE.test(row.text) || cells.length !== width || !textOf(row, cells[0]) ? null : cells;
  });
  if (rows.length < 3) return null;
  return { first: i, last, layout: 'pipe', rows };
}

/**
 * The rows of a pipe table one row a line under its header at line i: each line with a pipe (its
 * cells without the empty ones at its end) while `take` gives its cells under the header's
 * columns; blank lines are passed over, and a line without a pipe or one `take` refuses ends it.
 */
function pipeRowsUnder(
  lines: Line[],
  i: number,
  stop: Skip,
  headerCells: CellSpan[],
  take: (row: Line, cells: CellSpan[]) => CellSpan[] | null,
): { rows: CellSpan[][]; last: number } {
  const rows: CellSpan[][] = [headerCells];
  let last = i;
  for (let j = i + 1; j < lines.length && !stop.has(j); j++) {
    const row = lines[j];
    if (isBlank(row)) continue;
    if (!/[|｜]/.test(row.text)) break;
    const cells = take(row, filled(row, pipeCells(row)));
    if (!cells) break;
    rows.push(cells);
    last = j;
  }
  return { rows, last };
}

/** A task cell opening with the row's number (14.改扩建…). */
const ITEM_CELL = /^\d{1,3}[.．、](?![\d０-９])/;

/**
 * A pipe table one row a line without a 序号 column (see itemTableKinds): each row's number
 * opens its task cell; the category cell is written on its group's first row only, so a row that
 * opens with its item (15.推进… | … |) has its category cell left out: the row's cells move one
 * column right (an empty cell the page added at its end dropped).
 */
function itemPipeRowsTable(lines: Line[], i: number, stop: Skip): TableRegion | null {
  const l = lines[i];
  if (!/[|｜]/.test(l.text) || l.text.includes('\t') || SENTENCE.test(l.text)) return null;
  const headerCells = filled(l, pipeCells(l));
  const kinds = itemTableKinds(headerCells.map((c) => textOf(l, c)));
  if (!kinds || kinds.length < 3) return null;
  const width = kinds.length;
  const { rows, last } = pipeRowsUnder(lines, i, stop, headerCells, (row, found) => {
    const cells = found.length === width - 1 && ITEM_CELL.test(textOf(row, found[0])) ? [{ start: found[0].start, end: found[0].start }, ...found] : found;
    return cells.length !== width || !ITEM_CELL.test(textOf(row, cells[1])) ? null : cells;
  });
  if (rows.length < 2) return null;
  return { first: i, last, layout: 'pipe', rows };
}

/** The cells of a pipe row (a | b |, | a | b |), the pipes at its ends left out. */
function pipeCells(l: Line): CellSpan[] {
  let from = 0;
  let to = l.text.length;
  while (from < to && SPACE.test(l.text[from])) from++;
  while (to > from && SPACE.test(l.text[to - 1])) to--;
  if (/[|｜]/.test(l.text[from])) from++;
  if (to > from && /[|｜]/.test(l.text[to - 1])) to--;
  return splitCells({ start: l.start + from, end: l.start + to, text: l.text.slice(from, to) }, /[|｜]/);
}

/** The words of a header set apart by spaces, a name spread over its cell (工 作 任 务) joined. */
function spaceHeader(l: Line): CellSpan[] | null {
  const words: CellSpan[] = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(l.text))) words.push({ start: l.start + m.index, end: l.start + m.index + m[0].length });
  const out: CellSpan[] = [];
  for (let w = 0; w < words.length; w++) {
    if (words[w].end - words[w].start === 1) {
      let e = w;
      while (e + 1 < words.length && words[e + 1].end - words[e + 1].start === 1) e++;
      out.push({ start: words[w].start, end: words[e].end });
      w = e;
    } else out.push(words[w]);
  }
  return out.length >= 3 ? out : null;
}

/** Tails of a unit list that are no unit of their own (…农业局等, 等部门). */
const UNIT_TAIL = /(?:等(?:有关|相关)?(?:部门|单位)?)$/;

/** A cell of units in a space row, cut or not: unit names, one of them whole. */
function unitPiece(t: string): boolean {
  if (NO_UNIT.test(t)) return true;
  if (t.length > 200 || SENTENCE.test(t)) return false;
  const pieces = t.split(/[、，,；;]/).map((p) => p.trim().replace(UNIT_TAIL, '').replace(ROLE_AFTER, '').replace(OTHER_NAME, ''));
  return pieces.every((p) => p.length <= 30) && pieces.some((p) => UNIT_END.test(p));
}

/**
 * The cells of a space row of a task table: its number; the unit, time, people and score columns
 * after the task read from the end, one space-separated piece a cell (an empty piece, two spaces,
 * an empty cell); the task's text all between. Null when the pieces fit no such reading.
 */
function spaceRow(l: Line, kinds: TaskColumn[]): CellSpan[] | null {
  const words = (k: TaskColumn) => k === 'task' || k === 'detail' || k === 'text' || k === 'place';
  const tail = kinds.findIndex((k, c) => c > 0 && !words(k));
  if (tail === -1 || kinds.slice(tail).some(words)) return null;
  // pieces at single spaces, empty ones kept
  const pieces: CellSpan[] = [];
  const body = l.text.replace(/\s+$/, '');
  let from = body.length - body.trimStart().length;
  for (let c = from; c <= body.length; c++) {
    if (c === body.length || body[c] === ' ' || body[c] === '\u3000') {
      pieces.push({ start: l.start + from, end: l.start + c });
      from = c + 1;
    }
  }
  // a column the row leaves out altogether (序号 名称 工作任务 牵头责任单位, no 名称 piece): the
  // columns before the units need only the number and the task's text
  if (pieces.length < kinds.length - tail + 2) return null;
  const textOf = (p: CellSpan) => l.text.slice(p.start - l.start, p.end - l.start);
  const cells: CellSpan[] = new Array(kinds.length);
  let p = pieces.length - 1;
  for (let c = kinds.length - 1; c >= tail; c--, p--) {
    const piece = textOf(pieces[p]);
    const k = kinds[c];
    const ok = !piece || (UNIT_KINDS.has(k) ? unitPiece(piece) : k === 'time' ? timeLine(piece) : k === 'person' ? personLine(piece) : scoreLine(piece));
    if (!ok) return null;
    cells[c] = pieces[p];
  }
  cells[0] = pieces[0];
  if (!ROW_NUMBER.test(textOf(pieces[0]))) return null;
  const middle = pieces.slice(1, p + 1).filter((q) => q.end > q.start);
  // a unit cell holding a space would leave a unit piece last in the text
  if (middle.length === 0 || unitPiece(textOf(middle[middle.length - 1]))) return null;
  const task = kinds.indexOf('task');
  for (let c = 1; c < tail; c++)
    cells[c] = c === task ? { start: middle[0].start, end: middle[middle.length - 1].end } : { start: middle[0].start, end: middle[0].start };
  return cells;
}
