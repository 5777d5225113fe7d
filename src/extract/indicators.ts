import type { Table } from 'mdast';
import { foldDigits, normalizeForMatch } from '../model/normalize.js';
import type { Comparator, Growth, Indicator, IndicatorCell, Quantity } from '../model/types.js';
import { inlineText } from '../parse/inline.js';
import { matchLabel } from '../parse/labels.js';
import { type Context, nodePosition } from './context.js';

/**
 * Indicator tables (主要指标): a header row naming 指标, the baseline (2020年基数, 现状值) and
 * one or more targets (2025年目标值, 2035年), the attribute (预期性 / 约束性), maybe 序号,
 * 单位 and 类别, a growth column (年均增长, 年均增速, 累计). A row with a single filled cell is a
 * category heading (经济发展). Cells of any other column (备注, 责任单位 …) are kept in `extra`.
 */
export function extractIndicators(ctx: Context): void {
  const out: Indicator[] = [];
  ctx.blocks.forEach((b, i) => {
    if (b.node.type !== 'table') return;
    const table = b.node;
    const cellsOf = (r: (typeof table.children)[number]) => r.children.map((c) => inlineText(c, ctx.doc).text.trim());
    // the header first: most tables (分工表) are no indicator table, and their rows need not be read
    const columns = columnRoles(table.children.length > 0 ? cellsOf(table.children[0]) : []);
    if (columns.name === -1 || (columns.baseline === -1 && columns.targets.length === 0)) return;
    const rows = table.children.map(cellsOf);
    const caption = captionOf(ctx, i);
    let category: string | null = null;
    rows.slice(1).forEach((cells, r) => {
      const filled = cells.filter((c) => c !== '');
      if (filled.length === 1 && (rows[0]?.length ?? 0) > 2) {
        // a category row may carry an outline label: 一、健身参与
        const label = matchLabel(filled[0]);
        category = label ? filled[0].slice(label.length).trim() : filled[0];
        return;
      }
      const name = cells[columns.name] ?? '';
      if (!name) return;
      if (columns.category !== -1 && cells[columns.category]) category = cells[columns.category];
      const { name: bare, unit } = splitUnit(name);
      const row = table.children[r + 1];
      out.push({
        number: columns.number !== -1 && cells[columns.number] ? foldDigits(cells[columns.number]) : String(out.length + 1),
        name: bare,
        unit: columns.unit !== -1 && cells[columns.unit] ? normalizeUnit(cells[columns.unit]) : unit,
        category,
        baseline: columns.baseline !== -1 ? quantity(cells[columns.baseline] ?? '', columns.baselineYear, columns.baselineCumulative) : null,
        target: columns.targets.length ? quantity(cells[columns.targets[0].index] ?? '', columns.targets[0].year, columns.targets[0].cumulative) : null,
        targets: columns.targets.map((t) => quantity(cells[t.index] ?? '', t.year, t.cumulative)),
        growth: columns.growth ? growthCell(cells[columns.growth.index] ?? '', columns.growth) : null,
        attribute: columns.attribute !== -1 ? cells[columns.attribute] || null : null,
        extra: extraCells(cells, rows[0] ?? [], columns.read),
        table: caption,
        position: nodePosition(ctx, row),
      });
    });
  });
  // Numbers must identify rows; tables with several categories may restart them.
  const seen = new Set<string>();
  for (const ind of out) {
    if (seen.has(ind.number)) ind.number = String(out.indexOf(ind) + 1);
    seen.add(ind.number);
  }
  ctx.model.indicators = out;
}

/** The paragraph right before a table is its caption when it is short and not a sentence. */
function captionOf(ctx: Context, tableIndex: number): string | null {
  const prev = ctx.blocks[tableIndex - 1];
  if (!prev || prev.node.type === 'table') return null;
  const t = prev.content.text.trim();
  // a caption names the table; "到2027年，…主要指标如下：" introduces it
  return t.length <= 40 && !/[。；：:，]/.test(t) ? t : null;
}

interface Columns {
  number: number;
  name: number;
  unit: number;
  category: number;
  attribute: number;
  baseline: number;
  baselineYear: number | null;
  baselineCumulative: boolean;
  targets: { index: number; year: number | null; cumulative: boolean }[];
  /** 年均增长 / 年均增速 / 累计: the first such column (a second one is kept in `extra`). */
  growth: { index: number; column: string; cumulative: boolean } | null;
  /** Columns given a role above; the others go to `extra`. */
  read: Set<number>;
}

// 年均/累计 always name a rate or total over the period; 增速/增长 only without a single year
// (2025年增速 is that year's level of growth, a target column as before).
const GROWTH_ALWAYS = /年均|累计/;
const GROWTH_UNLESS_YEAR = /增速|增幅|增长/;
// a 累计 column without 年均 (年均/累计 columns mark their cumulative cells with brackets)
const CUMULATIVE_COLUMN = (h: string) => /累计/.test(h) && !/年均/.test(h);

export function columnRoles(header: string[]): Columns {
  const cols: Columns = {
    number: -1,
    name: -1,
    unit: -1,
    category: -1,
    attribute: -1,
    baseline: -1,
    baselineYear: null,
    baselineCumulative: false,
    targets: [],
    growth: null,
    read: new Set(),
  };
  const years: { index: number; year: number | null; baseline: boolean; cumulative: boolean }[] = [];
  header.forEach((raw, i) => {
    const h = foldDigits(raw).replace(/\s/g, '');
    const yearsIn = h.match(/(?:19|20)\d\d/g) ?? [];
    const year = /(\d{4})/.exec(h)?.[1];
    const value = (baseline: boolean) => years.push({ index: i, year: year ? Number(year) : null, baseline, cumulative: CUMULATIVE_COLUMN(h) });
    if (/^(序号|编号|No\.?)$/i.test(h)) cols.number = i;
    else if (/属性|性质/.test(h)) cols.attribute = i;
    else if (/^(计量)?单位$/.test(h)) cols.unit = i;
    else if (/类别|领域|类型|分类/.test(h) && cols.category === -1) cols.category = i;
    else if (/基数|基期|现状|基准|基础值/.test(h)) value(true);
    else if (/目标|规划值|预期值/.test(h)) value(false);
    else if (GROWTH_ALWAYS.test(h) || (GROWTH_UNLESS_YEAR.test(h) && yearsIn.length !== 1)) {
      // 年均增长（2026—2030年）: a period, no target year
      cols.growth ??= { index: i, column: raw.trim(), cumulative: CUMULATIVE_COLUMN(h) };
    } else if (year) value(false);
    else if (/指标|名称|项目/.test(h) && cols.name === -1) cols.name = i;
  });
  const explicit = years.find((y) => y.baseline);
  const baseline = explicit ?? (years.length > 1 ? years[0] : undefined);
  if (baseline) {
    cols.baseline = baseline.index;
    cols.baselineYear = baseline.year;
    cols.baselineCumulative = baseline.cumulative;
  }
  cols.targets = years.filter((y) => y !== baseline).map(({ index, year, cumulative }) => ({ index, year, cumulative }));
  for (const i of [cols.number, cols.name, cols.unit, cols.category, cols.attribute, cols.baseline, cols.growth?.index ?? -1]) {
    if (i !== -1) cols.read.add(i);
  }
  for (const t of cols.targets) cols.read.add(t.index);
  return cols;
}

function growthCell(raw: string, column: { column: string; cumulative: boolean }): Growth {
  const q = quantity(raw, null, column.cumulative);
  return { column: column.column, raw: q.raw, value: q.value, comparator: q.comparator, cumulative: q.cumulative };
}

/** The row's non-empty cells outside the columns read, by header; cells past the header too. */
function extraCells(cells: string[], header: string[], read: Set<number>): IndicatorCell[] {
  const out: IndicatorCell[] = [];
  cells.forEach((raw, i) => {
    if (read.has(i) || raw === '') return;
    out.push({ column: header[i]?.trim() || `第${i + 1}列`, raw });
  });
  return out;
}

const UNIT_IN_NAME = /[（(]([^（）()]{1,12})[）)]$/;
const UNIT_WORDS =
  /^(%|‰|万人|人|万元|亿元|元|公里|千米|平方公里|平方米|万平方米|公顷|亩|个|所|家|岁|年|天|小时|分钟|吨|万吨|千瓦|兆瓦|米|张|床|户|辆|套|项|条|座|倍|度|千克|立方米|万立方米|万千瓦时|人\/万人|张\/千人|人\/千人|%以上)$/;

/** Short bracket contents ending in a measure word: 万人次, 个工作日, 万亩, 亿千瓦时. */
const UNIT_LIKE =
  /^[万亿千百十]?[\u4e00-\u9fff]{0,3}(人|次|元|亩|户|个|日|天|年|岁|米|里|吨|瓦|时|所|家|张|床|辆|套|项|条|座|倍|度|克|升|处|件|只|头|台|册|份|间|公顷)$/;

export function splitUnit(name: string): { name: string; unit: string | null } {
  const m = UNIT_IN_NAME.exec(name);
  if (m) {
    const unit = normalizeUnit(m[1]);
    if (UNIT_WORDS.test(unit) || /\/|每/.test(unit) || UNIT_LIKE.test(unit)) return { name: name.slice(0, m.index).trim(), unit };
  }
  return { name, unit: null };
}

function normalizeUnit(u: string): string {
  return normalizeForMatch(u).replace(/\s/g, '');
}

const COMPARATORS: [RegExp, Comparator][] = [
  [/^(≦|≤|<=|＜=|不高于|不超过|小于等于)/, '<='],
  [/^(≧|≥|>=|＞=|不低于|不少于|大于等于)/, '>='],
  [/^(<|＜|小于|低于)/, '<'],
  [/^(>|＞|大于|高于|超过)/, '>'],
  [/^(约|左右)/, '~'],
];

// made once: quantity() runs on every cell of an indicator table
const SPACES = /\s/g;
const CUMULATIVE = /^〔(.*)〕$/;
const YEAR_NOTE = /[（(]((?:19|20)\d\d)年?[）)]$/;
const SQUARE = /^\[(.*)\]$/;
const AT_LEAST = /以上$/;
const AT_MOST_TEST = /以下|以内$/;
const AT_MOST = /(以下|以内)$/;
const ABOUT = /左右$/;
const RATIO = /^(\d+(?:\.\d+)?)[:：](\d+(?:\.\d+)?)$/;
const LEADING_NUMBER = /^(-?\d+(?:\.\d+)?)/;
const COMMAS = /,/g;

/** 39.7, ≦5.7, ≧92.6, —, 2.56:1, 50左右, 95以上; [4.5] / 〔28〕 (or any cell of a 累计 column) cumulative */
export function quantity(raw: string, year: number | null, cumulativeColumn = false): Quantity {
  let s = normalizeForMatch(raw).replace(SPACES, '');
  // ≥95（2030年）: a cell's own year, where the column says none or another
  const note = YEAR_NOTE.exec(s);
  if (note && s.length > note[0].length) (year = Number(note[1])), (s = s.slice(0, note.index));
  // 〔28〕: a cumulative figure (累计), bracketed by convention in 规划 tables
  const bracketed = CUMULATIVE.test(s) || SQUARE.test(s);
  s = s.replace(CUMULATIVE, '$1').replace(SQUARE, '$1');
  let comparator: Comparator | null = null;
  for (const [re, c] of COMPARATORS) {
    if (re.test(s)) {
      comparator = c;
      s = s.replace(re, '');
      break;
    }
  }
  if (AT_LEAST.test(s)) (comparator ??= '>='), (s = s.replace(AT_LEAST, ''));
  else if (AT_MOST_TEST.test(s)) (comparator ??= '<='), (s = s.replace(AT_MOST, ''));
  else if (ABOUT.test(s)) (comparator ??= '~'), (s = s.replace(ABOUT, ''));
  const ratio = RATIO.exec(s);
  let value: number | null = null;
  if (ratio) value = Number(ratio[2]) === 0 ? null : round(Number(ratio[1]) / Number(ratio[2]));
  else {
    const num = LEADING_NUMBER.exec(s.replace(COMMAS, ''));
    if (num) value = Number(num[1]);
  }
  if (value !== null) comparator ??= '=';
  return { year, raw, value, comparator: value === null ? null : comparator, cumulative: bracketed || cumulativeColumn };
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function isIndicatorTable(table: Table, doc: string): boolean {
  const header = table.children[0]?.children.map((c) => inlineText(c, doc).text.trim()) ?? [];
  const cols = columnRoles(header);
  return cols.name !== -1 && (cols.baseline !== -1 || cols.targets.length > 0);
}
