/**
 * Reading order for paged formats (PDF, OFD): positioned runs of text → the text the 公文
 * parser reads (converted.ts: one paragraph a line, table rows one a line with cells split by
 * tabs) and the offset where each page starts.
 *
 * - Lines: runs on one baseline (within a fraction of the font size) form a line, sorted by x.
 *   Inside a line, a wide gap (two characters or more) is a table's column break: a tab; a
 *   gap before or after Latin text is a space; CJK runs that abut are joined with nothing.
 * - Page furniture — page numbers (— 3 —, 第3页, 3/12) and running heads or footers (the same
 *   line in the top or bottom band of most pages) — is left out: the page offsets say where
 *   pages start, and leaving it out lets a paragraph or a table run on across the break.
 * - Paragraphs: a line that reaches the right margin runs on into the next one unless that one
 *   is indented (a 公文 paragraph's first line: two characters in) or opens an outline item.
 *   The parser's own re-joining of hard-wrapped text cannot do this: under GB/T 9704's 28
 *   characters a line, a paragraph's indented first line holds 26 and reads as a short line.
 * - Tables: consecutive lines with column breaks are one table; their columns are found from
 *   the widest rows, each cell goes to its column (an empty cell stays an empty cell), a line
 *   of a cell wrapped in its column is added to the row above, and a table cut by a page break
 *   goes on as one (the header row the next page repeats is dropped).
 */

export interface Run {
  /** Left edge and baseline, in the page's units, y growing downwards. */
  x: number;
  y: number;
  /** Advance width of the run. */
  width: number;
  /** Font size (em) in the same units. */
  size: number;
  text: string;
}

export interface PageRuns {
  width: number;
  height: number;
  runs: Run[];
}

export interface LaidOut {
  text: string;
  /** Offset in `text` where each page starts. */
  pages: number[];
}

interface Segment {
  x: number;
  end: number;
  text: string;
}

interface Line {
  page: number;
  y: number;
  size: number;
  x: number;
  end: number;
  /** Column pieces (split at wide gaps); one for prose. */
  segments: Segment[];
  /** The runs, left to right, their text cleaned. */
  runs: Run[];
}

/** A gap this many font sizes wide, or wider, inside a line is a column break. */
const TAB_GAP = 1.5;
/** Top and bottom bands of a page where page numbers and running heads are looked for. */
const BAND = 0.12;

const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2014\u2026\u201c\u201d\u2018\u2019]/;
const PAGE_NUMBER = /^(?:[—–\-－~～]*\s*\d{1,4}\s*[—–\-－~～]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})$/;
const OUTLINE_START =
  /^(?:第[一二三四五六七八九十百零〇\d]+[部分篇章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、]\D|[①-⑳]|专栏)/;
const SENTENCE_END = /[。！？；]$/;
const LATIN = /[A-Za-z0-9]/;

export function layoutPages(pages: PageRuns[]): LaidOut {
  const lines: Line[] = [];
  pages.forEach((p, i) => lines.push(...pageLines(p, i)));
  const furniture = findFurniture(lines, pages);
  const body = lines.filter((l) => !furniture.has(l));
  const margins = pageMargins(body, pages.length);
  const indented = usesIndent(body, margins);

  const out: string[] = [];
  let length = 0;
  const starts: number[] = new Array(pages.length).fill(-1);
  const emit = (s: string, page: number) => {
    for (let p = 0; p <= page; p++) if (starts[p] === -1) starts[p] = length;
    out.push(s);
    length += s.length;
  };
  let prev: Line | null = null;
  let afterTable = false;
  let i = 0;
  while (i < body.length) {
    const line = body[i];
    if (isTableLine(line)) {
      const table = tableAt(body, i);
      if (table) {
        if (prev) emit('\n', prev.page);
        table.rows.forEach((row, r) => {
          if (r) emit('\n', table.rows[r - 1].page);
          emit(row.cells.join('\t'), row.page);
        });
        prev = body[table.last];
        afterTable = true;
        i = table.last + 1;
        continue;
      }
    }
    const text = lineText(line);
    if (prev) {
      const sep = !afterTable && runsOn(prev, line, margins, indented) ? joiner(lastText(prev), text) : '\n';
      // the break between pages belongs to the page after it when the text runs on
      if (sep === '\n') emit(sep, prev.page);
      else if (sep) emit(sep, line.page);
    }
    emit(text, line.page);
    prev = line;
    afterTable = false;
    i++;
  }
  for (let p = 0; p < starts.length; p++) if (starts[p] === -1) starts[p] = length;
  return { text: out.join(''), pages: starts };
}

/** Runs of one page → its lines, top to bottom. */
function pageLines(page: PageRuns, index: number): Line[] {
  const runs: Run[] = [];
  for (const r of page.runs) {
    if (!(r.size > 0)) continue;
    const text = cleanRunText(r.text);
    if (text) runs.push({ ...r, text });
  }
  runs.sort((a, b) => a.y - b.y || a.x - b.x);
  const groups: Run[][] = [];
  let group: Run[] = [];
  let y = -Infinity;
  for (const r of runs) {
    if (group.length && Math.abs(r.y - y) > 0.4 * Math.min(r.size, group[0].size)) {
      groups.push(group);
      group = [];
    }
    if (!group.length) y = r.y;
    group.push(r);
  }
  if (group.length) groups.push(group);
  return groups.map((g) => makeLine(g, index));
}

function makeLine(runs: Run[], page: number): Line {
  runs.sort((a, b) => a.x - b.x);
  // the space after a bare number is kept only where the number opens the line
  for (let i = 1; i < runs.length; i++) if (BARE_NUMBER_SPACE.test(runs[i].text)) runs[i] = { ...runs[i], text: runs[i].text.replace(CJK_SPACE, '') };
  const size = Math.max(...runs.map((r) => r.size));
  const segments: Segment[] = [];
  let seg: Run[] = [];
  let end = -Infinity;
  for (const r of runs) {
    if (seg.length && r.x - end >= TAB_GAP * size) {
      segments.push(segmentOf(seg, !segments.length));
      seg = [];
    }
    seg.push(r);
    end = Math.max(end, r.x + r.width);
  }
  if (seg.length) segments.push(segmentOf(seg, !segments.length));
  const kept = segments.filter((s) => s.text !== '');
  return { page, y: runs[0].y, size, x: kept[0]?.x ?? runs[0].x, end: kept[kept.length - 1]?.end ?? runs[0].x, segments: kept, runs };
}

function segmentOf(runs: Run[], opensLine: boolean): Segment {
  return { x: runs[0].x, end: Math.max(...runs.map((r) => r.x + r.width)), text: joinRuns(runs, opensLine) };
}

/**
 * The text of runs side by side: nothing between CJK runs that abut, a space between Latin
 * words, an ideographic space for a wide gap between CJK (中共某县委办公室　某县人民政府办公室).
 */
function joinRuns(runs: Run[], opensLine = false): string {
  let text = '';
  let end = -Infinity;
  for (const r of runs) {
    const t = r.text;
    if (text) {
      const gap = r.x - end;
      const before = text[text.length - 1];
      const after = t[0];
      if (gap > 0.15 * r.size && ((LATIN.test(before) && LATIN.test(after)) || (opensLine && BARE_NUMBER.test(text)))) text += ' ';
      else if (gap > 0.8 * r.size && CJK.test(before) && CJK.test(after)) text += '\u3000';
    }
    text += t;
    end = Math.max(end, r.x + r.width);
  }
  return text;
}

/**
 * A run's text without the spaces a PDF writer or reader puts between CJK and Latin text
 * (LibreOffice's and Word's autospacing, pdfjs's gap spaces: 2020 年): in Chinese a space
 * next to a CJK character is layout, not text. Runs of spaces elsewhere become one.
 */
export function cleanRunText(t: string): string {
  const s = t.replace(/[ \t\u00a0]+/g, ' ').trim();
  // except after a bare item number opening the line (16 提升…: the parser reads it as one)
  const bare = BARE_NUMBER_SPACE.exec(s);
  return bare ? bare[0] + s.slice(bare[0].length).replace(CJK_SPACE, '') : s.replace(CJK_SPACE, '');
}
const BARE_NUMBER = /^\d{1,3}$/;
const BARE_NUMBER_SPACE = /^\d{1,3} (?=[\u4e00-\u9fff])/;
const CJK_SPACE =
  /(?<=[\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019]) | (?=[\u2e80-\u2fff\u3001-\u303f\u3040-\u9fff\uf900-\ufaff\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019])/g;

const lineText = (l: Line) => l.segments.map((s) => s.text).join('\t');
const lastText = (l: Line) => l.segments[l.segments.length - 1]?.text ?? '';
const isTableLine = (l: Line) => l.segments.length >= 2;

/** What joins two lines of one paragraph: nothing between CJK, a space between Latin words. */
function joiner(a: string, b: string): string {
  return LATIN.test(a[a.length - 1] ?? '') && /^[A-Za-z]/.test(b) ? ' ' : '';
}

/**
 * Page numbers and running heads or footers: lines in the top or bottom band of a page that
 * read as a page number, or whose text (digits aside) stands in that band on at least half
 * the pages, three or more.
 */
function findFurniture(lines: Line[], pages: PageRuns[]): Set<Line> {
  const out = new Set<Line>();
  const banded = (l: Line) => {
    const h = pages[l.page].height;
    return l.y < h * BAND || l.y > h * (1 - BAND);
  };
  const repeats = new Map<string, Set<number>>();
  for (const l of lines) {
    if (!banded(l)) continue;
    const text = lineText(l).replace(/\s+/g, '');
    if (PAGE_NUMBER.test(text) && !isTableLine(l)) {
      out.add(l);
      continue;
    }
    const key = text.replace(/\d+/g, '#');
    const at = repeats.get(key) ?? new Set<number>();
    at.add(l.page);
    repeats.set(key, at);
  }
  const need = Math.max(3, Math.ceil(pages.length / 2));
  for (const l of lines) {
    if (!banded(l) || out.has(l)) continue;
    const key = lineText(l).replace(/\s+/g, '').replace(/\d+/g, '#');
    if ((repeats.get(key)?.size ?? 0) >= need) out.add(l);
  }
  return out;
}

interface Margins {
  left: number;
  right: number;
  em: number;
}

/** The text block of each page: left and right edges of its prose lines, and the body size. */
function pageMargins(lines: Line[], pageCount: number): Margins[] {
  const all = marginsOf(lines.filter((l) => !isTableLine(l)));
  const out: Margins[] = [];
  for (let p = 0; p < pageCount; p++) {
    const own = lines.filter((l) => l.page === p && !isTableLine(l));
    out.push(own.length >= 8 ? marginsOf(own) : all);
  }
  return out;
}

function marginsOf(lines: Line[]): Margins {
  if (!lines.length) return { left: 0, right: Infinity, em: 1 };
  const sizes = lines.map((l) => l.size).sort((a, b) => a - b);
  const em = sizes[sizes.length >> 1];
  const lefts = lines.map((l) => l.x).sort((a, b) => a - b);
  const rights = lines.map((l) => l.end).sort((a, b) => a - b);
  // the edges most lines keep: a stray line outside them (a wide heading) does not move them
  return { left: lefts[Math.floor(lefts.length * 0.05)], right: rights[Math.min(rights.length - 1, Math.floor(rights.length * 0.95))], em };
}

/** Whether paragraphs open indented (a 公文's two characters): many lines start about 2 em in. */
function usesIndent(lines: Line[], margins: Margins[]): boolean {
  let indented = 0;
  let prose = 0;
  for (const l of lines) {
    if (isTableLine(l)) continue;
    const m = margins[l.page];
    prose++;
    const d = (l.x - m.left) / m.em;
    if (d > 1.2 && d < 3) indented++;
  }
  return prose > 0 && indented >= prose * 0.1;
}

/** Whether `b` continues the paragraph of `a`. */
function runsOn(a: Line, b: Line, margins: Margins[], indented: boolean): boolean {
  if (isTableLine(a) || isTableLine(b)) return false;
  const ma = margins[a.page];
  const mb = margins[b.page];
  if (Math.abs(a.size - b.size) > 0.15 * a.size) return false;
  // a reaches the right edge of the text block, and starts no further in than a paragraph's indent
  if (a.end < ma.right - 1.5 * a.size) return false;
  if (a.x > ma.left + 3 * a.size) return false;
  // b starts at the left edge: not indented, not centred
  if (Math.abs(b.x - mb.left) > 0.5 * b.size) return false;
  const text = lineText(b);
  if (OUTLINE_START.test(text)) return false;
  if (!indented && SENTENCE_END.test(lastText(a))) return false;
  // a page's layout sits lower on the next page only by its margins: the same y makes no sense
  if (a.page === b.page && b.y <= a.y) return false;
  return true;
}

interface TableRows {
  rows: { cells: string[]; page: number }[];
  last: number;
}

/** A column of a table: from the leftmost start to the rightmost end of its cells in the widest rows. */
interface Column {
  start: number;
  end: number;
}

/**
 * The table starting at body line i: the following lines that have column breaks, or that
 * fall in a column other than the first (a cell wrapped onto another line). Columns are the
 * extents of the cells of the widest rows; each run of text goes to the column its middle
 * falls in (or the nearest), so cells set close together, or centred, still part.
 */
function tableAt(lines: Line[], i: number): TableRows | null {
  let last = i;
  let width = 0;
  const widest: Line[] = [];
  for (let k = i; k < lines.length; k++) {
    const l = lines[k];
    if (isTableLine(l)) {
      last = k;
      if (l.segments.length > width) (width = l.segments.length), (widest.length = 0);
      if (l.segments.length === width) widest.push(l);
      continue;
    }
    // a lone segment inside the table's columns, right of its first: a wrapped cell
    if (k > i && width && cellContinuation(l, lines[k - 1], widest)) {
      last = k;
      continue;
    }
    break;
  }
  const columns: Column[] = [];
  for (let c = 0; c < width; c++) {
    columns.push({ start: Math.min(...widest.map((l) => l.segments[c].x)), end: Math.max(...widest.map((l) => l.segments[c].end)) });
  }
  const rows: { cells: string[]; page: number }[] = [];
  let header: string | null = null;
  let prevPage = lines[i].page;
  for (let k = i; k <= last; k++) {
    const l = lines[k];
    const parts: Run[][] = columns.map(() => []);
    for (const r of l.runs) parts[columnOf(columns, r)].push(r);
    const cells = parts.map((p) => joinRuns(p));
    const key = cells.join('\t');
    if (k === i) header = key;
    else if (l.page !== prevPage && key === header) {
      // the header row repeated at the top of the next page
      prevPage = l.page;
      continue;
    }
    prevPage = l.page;
    const filled = cells.filter((c) => c !== '').length;
    const startsRow = isTableLine(l) && (cells[0] !== '' || filled >= width - 1);
    if (!startsRow && rows.length) {
      const row = rows[rows.length - 1];
      cells.forEach((c, n) => {
        if (c) row.cells[n] = row.cells[n] ? row.cells[n] + joiner(row.cells[n], c) + c : c;
      });
    } else rows.push({ cells, page: l.page });
  }
  // a "table" of one row is a line with a wide gap (a signature, 联系人 and phone): one tab
  if (rows.length < 2) return { rows: [{ cells: lines[i].segments.map((s) => s.text), page: lines[i].page }], last: i };
  return { rows, last };
}

function cellContinuation(l: Line, above: Line, widest: Line[]): boolean {
  if (l.segments.length !== 1 || !widest.length) return false;
  const ref = widest[widest.length - 1];
  // in the table's type, right below the line above
  if (Math.abs(l.size - ref.size) > 0.15 * ref.size || l.page !== above.page || l.y - above.y > 2.5 * ref.size) return false;
  const { x, end } = l.segments[0];
  // within a column other than the first (centred or not), not reaching back to the first
  return (
    x >= ref.segments[0].end &&
    ref.segments.slice(1).some((_s, n) => {
      const next = ref.segments[n + 2];
      return x >= ref.segments[n].end && end <= (next ? next.x : Infinity);
    })
  );
}

function columnOf(columns: Column[], r: Run): number {
  const mid = r.x + r.width / 2;
  let best = 0;
  let distance = Infinity;
  columns.forEach((c, n) => {
    const d = mid < c.start ? c.start - mid : mid > c.end ? mid - c.end : 0;
    if (d < distance) (distance = d), (best = n);
  });
  return best;
}
