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
  const re = globalOf(separator);
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

/** The global copy of a separator, made once: splitCells runs on every line a table is tried on. */
const globals = new Map<RegExp, RegExp>();
function globalOf(separator: RegExp): RegExp {
  let re = globals.get(separator);
  if (!re) globals.set(separator, (re = new RegExp(separator.source, 'g')));
  return re;
}

const SENTENCE = /[。；！？]/;

export function findTables(lines: Line[], furniture: Skip = new Set<number>()): TableRegion[] {
  const regions: TableRegion[] = [];
  let i = 0;
  while (i < lines.length) {
    const region = cellPerLine(lines, i) ?? pipeTable(lines, i) ?? taskCellPerLine(lines, i, furniture) ?? headedCellPerLine(lines, i, furniture) ?? rowsTable(lines, i);
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
  const region: TableRegion = { first: i, last, layout: 'cell-per-line', rows };
  // a 分工表 whose cells wrap: a row has more lines than the header has columns
  const kinds = taskColumns(rows[0].map((c) => lines[lineAt(lines, c.start, i)].text.trim()));
  if (kinds && rows.some((r) => r.length > kinds.length)) {
    const at = rows.map((r) => r.map((c) => lineAt(lines, c.start, i)));
    region.rows = [rows[0]];
    const unclear: UnclearRow[] = [];
    for (const r of at.slice(1)) {
      const read = taskRow(lines, r, kinds, rows[0].map((c) => lines[lineAt(lines, c.start, i)].text.trim()));
      region.rows.push(read.cells);
      if (read.unclear) unclear.push(read.unclear);
    }
    if (unclear.length) region.unclear = unclear;
  }
  return region;
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
  return { first: i, last: j - 1, layout: 'pipe', rows, rowSpans };
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
    const cellsOf = (k: number) => {
      let cells = split[k - i];
      if (cells === undefined) {
        const l = lines[k];
        // tabs are a strong sign: a tab-separated cell may hold sentences (a task's full text)
        cells = isBlank(l) || (layout === 'tab-rows' ? !l.text.includes('\t') : SENTENCE.test(l.text) || !WORDS_APART.test(l.text)) ? null : splitCells(l, sep);
        split[k - i] = cells;
      }
      return cells;
    };
    const count = (k: number) => cellsOf(k)?.length ?? 0;
    const n = count(i);
    const min = layout === 'tab-rows' ? 2 : 3;
    if (n < min) continue;
    let j = i;
    let rows = 1;
    for (let k = i + 1; k < lines.length; k++) {
      if (count(k) === n) {
        j = k;
        rows++;
      } else if (isCategoryRow(lines[k]) && k + 1 < lines.length && count(k + 1) === n) continue;
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

function isCategoryRow(l: Line): boolean {
  const t = l.text.trim();
  return t.length > 0 && t.length <= 20 && !SENTENCE.test(t) && !t.includes('\t') && !WIDE_APART.test(t);
}

const HEADER_CELL = /^(序号|编号|指标|指标名称|名称|项目|单位|计量单位|类别|领域|属性|指标属性|性质|(\d{4}年)?(基数|基期值?|现状值?|目标值?|预期值|规划值)?|\d{4}年[\u4e00-\u9fff]{0,4})$/;

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
const HEADING = /^(第[一二三四五六七八九十百零〇\d]+[章节篇部分条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.．、]\s*[\u4e00-\u9fff])/;
const NUMERIC = /^[〔\[（(]?\s*(?:[≤≥<>＜＞≦≧约]|不[低高少超多][于过])?\s*[-+]?[\d０-９]/;

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
const OTHER_COLUMN = /^(备注|说明)$/;

type TaskColumn = 'number' | 'task' | 'units' | 'time' | 'other';

/** Kinds of the columns of a 分工表 header (序号 first, a task and a unit column), or null. */
function taskColumns(header: string[]): TaskColumn[] | null {
  const kinds = header.map((raw): TaskColumn | null => {
    const h = raw.replace(/\s/g, '');
    if (/^(序号|编号)$/.test(h)) return 'number';
    if (TASK_COLUMN.test(h)) return 'task';
    if (LEAD_COLUMN.test(h) || UNIT_COLUMN.test(h)) return 'units';
    if (DEADLINE_COLUMN.test(h)) return 'time';
    if (OTHER_COLUMN.test(h)) return 'other';
    return null;
  });
  if (kinds[0] !== 'number' || kinds.some((k) => k === null) || !kinds.includes('task') || !kinds.includes('units')) return null;
  if (kinds.lastIndexOf('number') !== 0 || kinds.indexOf('task') !== kinds.lastIndexOf('task')) return null;
  return kinds as TaskColumn[];
}

/** A line a cell goes on from: a list cut after its separator, a sentence cut after its comma. */
const GOES_ON = /[、，,；;：:]$/;
const UNIT_END = /(?:[局委办厅部署会社院行处队所站室团联司组]|中心|公司|政府|集团|海关|机构|部门|单位|企业|学校|医院|协会|总社|街道|乡镇)$/;
const ROLE_AFTER = /[（(](?:共同牵头|牵头|共同负责|负责|配合|协助)[）)]$/;
const NO_UNIT = /^[—－\-–/／无]+$/;
const TIME_CELL = /^(?:\d{4}\s*年|20\d\d|每年|每季度|每月|长期|持续|常态|立行立改|年内|全年|本年|\d{1,2}月)|(?:年底|月底|年前|底前|以前|之前|前|完成)$/;

/** A line of a unit list (省财政厅、省商务厅、): names that end as units do, no sentence. */
function unitLine(t: string): boolean {
  if (NO_UNIT.test(t)) return true;
  if (t.length > 120 || SENTENCE.test(t)) return false;
  const pieces = t.replace(GOES_ON, '').split(/[、，,；;]/).map((p) => p.trim().replace(ROLE_AFTER, ''));
  if (pieces.some((p) => !p || p.length > 30)) return false;
  // 长沙市、怀化市、岳阳市人民政府: the place names share the last one's unit
  return GOES_ON.test(t) ? pieces.some((p) => UNIT_END.test(p)) : UNIT_END.test(pieces[pieces.length - 1]);
}

const timeLine = (t: string) => t.length <= 20 && !t.includes('、') && TIME_CELL.test(t) && !unitLine(t);

/**
 * The lines of a group fit a column: a task cell may hold any prose, but a line that reads as a
 * unit list does not go on a task unless the line before is cut (…、); a unit cell is unit
 * lines, each but the last cut after a separator; a time cell is one line.
 */
function fitsColumn(texts: string[], kind: TaskColumn): boolean {
  const lastGoesOn = GOES_ON.test(texts[texts.length - 1]);
  switch (kind) {
    case 'number':
      return texts.length === 1 && ROW_NUMBER.test(texts[0]);
    case 'task':
      return !lastGoesOn && texts.every((t, j) => j === 0 || GOES_ON.test(texts[j - 1]) || (!unitLine(t) && !timeLine(t)));
    case 'units':
      return !lastGoesOn && texts.every((t, j) => unitLine(t) && (j === texts.length - 1 || GOES_ON.test(t)));
    case 'time':
      return texts.length === 1 && timeLine(texts[0]);
    default:
      return texts.length === 1;
  }
}

/** Every way to cut `texts` into `kinds.length` groups in order, each fitting its column. */
function segmentations(texts: string[], kinds: TaskColumn[]): number[][] {
  const out: number[][] = [];
  const cut = (from: number, c: number, ends: number[]) => {
    if (out.length > 1) return; // two readings are one too many
    if (c === kinds.length) {
      if (from === texts.length) out.push(ends);
      return;
    }
    const left = kinds.length - c - 1;
    for (let to = from + 1; to <= texts.length - left; to++) if (fitsColumn(texts.slice(from, to), kinds[c])) cut(to, c + 1, [...ends, to]);
  };
  cut(0, 0, []);
  return out;
}

const spanOf = (lines: Line[], at: number[]): CellSpan => {
  const parts = at.map((j) => trimmedSpan(lines[j], lines[j].start, lines[j].end)!);
  return parts.length === 1 ? parts[0] : { start: parts[0].start, end: parts[parts.length - 1].end, parts };
};

/**
 * A row of a 分工表 from its lines (序号 first): each group of lines is the cell of its column.
 * When the lines fit the columns in no way or in more than one, the row is kept whole in its
 * task column, the other cells empty, and said unclear: no unit is guessed.
 */
function taskRow(lines: Line[], at: number[], kinds: TaskColumn[], header: string[]): { cells: CellSpan[]; unclear?: UnclearRow } {
  const texts = at.map((j) => lines[j].text.trim());
  const found = segmentations(texts, kinds);
  if (found.length === 1) {
    let from = 0;
    return { cells: found[0].map((to) => spanOf(lines, at.slice(from, (from = to)))) };
  }
  const task = kinds.indexOf('task');
  const rest = at.slice(1);
  const empty = (j: number) => ({ start: lines[j].end, end: lines[j].end });
  const cells = kinds.map((k, c) => (c === 0 ? spanOf(lines, [at[0]]) : c === task && rest.length ? spanOf(lines, rest) : empty(at[at.length - 1])));
  return { cells, unclear: { line: rest[0] ?? at[0], row: texts[0], columns: header } };
}

/**
 * A 分工表 one cell per line without indentation: a header of 分工表 column names (序号 /
 * 重点任务 / 牵头单位 / 参与单位 / 完成时限), then rows that start at their 序号 line (1, 2, 3 …
 * in turn); the lines between two 序号 lines are the row's cells, a cell wrapped over lines
 * when it is long (see taskRow). The last row ends at a blank line, a heading, or where its
 * lines stop fitting the columns.
 */
const NUMBER_HEAD = /^(序号|编号)$/;

function taskCellPerLine(lines: Line[], i: number, furniture: Skip): TableRegion | null {
  if (!NUMBER_HEAD.test(lines[i].text.trim())) return null;
  let k = i;
  const header: string[] = [];
  while (k < lines.length && !isBlank(lines[k]) && !furniture.has(k) && header.length < 8) {
    const t = lines[k].text.trim();
    if (header.length > 0 && ROW_NUMBER.test(t)) break;
    header.push(t);
    k++;
  }
  const kinds = taskColumns(header);
  if (!kinds || kinds.length < 3) return null;
  const rows: CellSpan[][] = [lines.slice(i, k).map((l) => trimmedSpan(l, l.start, l.end)!)];
  const skipped: number[] = [];
  const unclear: UnclearRow[] = [];
  let last = k - 1;
  let expect: number | null = null;
  const text = (j: number) => lines[j].text.trim();
  const isRowStart = (j: number) => ROW_NUMBER.test(text(j)) && (expect === null || Number(text(j)) === expect);
  for (;;) {
    let s = k;
    while (s < lines.length && (isBlank(lines[s]) || furniture.has(s))) s++;
    if (s >= lines.length || !isRowStart(s)) break;
    expect = Number(text(s)) + 1;
    // the row's lines up to the next row's 序号 (or a heading, or a blank line after the last row)
    const at = [s];
    const seen: number[] = [];
    let more = false;
    for (let j = s + 1; j < lines.length; j++) {
      if (furniture.has(j)) {
        seen.push(j);
        continue;
      }
      if (isBlank(lines[j])) {
        let n = j + 1;
        while (n < lines.length && (isBlank(lines[n]) || furniture.has(n))) n++;
        if (n < lines.length && isRowStart(n)) {
          more = true;
          break;
        }
        // a blank line inside a row (a page break) only where the row goes on after it
        if (n >= lines.length || HEADING.test(text(n)) || segmentations(at.map(text), kinds).length === 1) break;
        continue;
      }
      if (isRowStart(j) || HEADING.test(text(j))) {
        more = isRowStart(j);
        break;
      }
      at.push(j);
    }
    // the last row ends where its lines fit the columns: the prose after the table is none of it
    let use = at;
    if (!more && segmentations(at.map(text), kinds).length !== 1) {
      for (let n = at.length - 1; n > kinds.length - 1; n--) {
        if (segmentations(at.slice(0, n).map(text), kinds).length === 1) {
          use = at.slice(0, n);
          break;
        }
      }
    }
    if (use.length < 2) break;
    const read = taskRow(lines, use, kinds, header);
    rows.push(read.cells);
    if (read.unclear) unclear.push(read.unclear);
    skipped.push(...seen.filter((f) => f < use[use.length - 1]));
    last = use[use.length - 1];
    k = last + 1;
  }
  if (rows.length < 2) return null;
  return { first: i, last, layout: 'cell-per-line', rows, furniture: skipped.length ? skipped : undefined, unclear: unclear.length ? unclear : undefined };
}
