import { displayForm, figureText, formatNumber, growthLabel, growthText, totalsHeader, unbracket } from '../model/figures.js';
import type { Growth, Indicator, PolicyDocument, Quantity } from '../model/types.js';

export { displayForm, figureText, growthLabel, growthText };

/**
 * How indicator cells read in every output (terminal table, PDF, spreadsheet): the growth
 * column with its cumulative mark, the other columns a table had. No PDF or XLSX code here,
 * so the `policy indicators` command loads it cheaply.
 */

const BOUNDS: Record<string, { word: string; kind: '上限' | '下限' }> = {
  '<': { word: '低于', kind: '上限' },
  '<=': { word: '不高于', kind: '上限' },
  '>': { word: '高于', kind: '下限' },
  '>=': { word: '不低于', kind: '下限' },
};

/**
 * A figure with a comparator (<5.5, ≥92.6) is a bound the plan sets — a ceiling or a floor —
 * not a level it plans: 不高于 5.5 (上限). Null for a planned value (73, 5.5左右).
 */
export function boundOf(q: Pick<Quantity, 'value' | 'comparator'> | null): { word: string; kind: '上限' | '下限'; value: number } | null {
  if (!q || q.value === null || !q.comparator) return null;
  const b = BOUNDS[q.comparator];
  return b ? { ...b, value: q.value } : null;
}

/** Decimals as written: 6.0 → 1, 40.49 → 2, 73 → 0. */
export function decimalsOf(raw: string): number {
  const m = /\d\.(\d+)/.exec(raw);
  return m ? m[1].length : 0;
}

/** The unit a change is counted in: a % level changes by 个百分点, a ‰ level by 个千分点. */
function changeUnit(unit: string | null): string {
  if (!unit) return '';
  if (unit === '%' || unit === '％') return ' 个百分点';
  if (unit === '‰') return ' 个千分点';
  return ` ${unit}`;
}

/**
 * Target minus baseline with its unit (+6.2 件, +4.5 个百分点), or null when there is no
 * planned change to state: a figure missing, a bound on either side (5.3 → <5.5 is no plan to
 * rise by 0.2), or a total over the period.
 */
export function changeText(base: Quantity | null, goal: Quantity | null, unit: string | null): string | null {
  if (!base || !goal || base.value === null || goal.value === null) return null;
  if (boundOf(base) || boundOf(goal) || base.cumulative || goal.cumulative) return null;
  const decimals = Math.max(decimalsOf(base.raw), decimalsOf(goal.raw));
  const delta = Number((goal.value - base.value).toFixed(Math.min(4, Math.max(2, decimals))));
  return `${delta >= 0 ? '+' : ''}${formatNumber(delta)}${changeUnit(unit)}`;
}

/** The growth column's header: the tables' own (年均增长) when they agree, else a general one. */
export function growthHeader(indicators: Indicator[]): string | null {
  return growthHeaderOf(new Set(indicators.flatMap((i) => (i.growth ? [i.growth.column] : []))));
}

/** growthHeader of the growth columns' names (distinct, in order). */
function growthHeaderOf(columns: Set<string>): string | null {
  const names = [...columns];
  if (names.length === 0) return null;
  return names.length === 1 ? names[0] : '年均增长/累计';
}

/** Names of the other columns (备注, 责任单位 …), in the order the tables give them. */
export function extraColumns(indicators: Indicator[]): string[] {
  return [...new Set(indicators.flatMap((i) => i.extra.map((c) => c.column)))];
}

export function extraCell(indicator: Indicator, column: string): string {
  return indicator.extra
    .filter((c) => c.column === column)
    .map((c) => c.raw)
    .join('；');
}

/** A spreadsheet cell: text, a number, or a number with the decimals it was written with (6.0). */
export type SheetCell = string | number | { number: number; format: string };

const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;

/**
 * A figure for the spreadsheet: a plain number (6.0, 73) as a number — Excel sums, sorts and
 * filters it — keeping its decimals as written; a bound (<5.5, ≤5.7), words (5.5左右,
 * 与经济增长同步), a ratio (2.56:1), a total (累计 15) or — as text, as shown elsewhere.
 */
export function sheetFigure(q: Pick<Growth, 'raw' | 'value' | 'comparator' | 'cumulative'> | null, header?: string | null): SheetCell {
  if (!q) return '';
  const raw = unbracket(q.raw.trim());
  if (q.value === null || (q.cumulative && !totalsHeader(header ?? undefined)) || !PLAIN_NUMBER.test(raw)) return figureText(q, header ?? undefined);
  const decimals = decimalsOf(raw);
  return decimals > 0 ? { number: q.value, format: `0.${'0'.repeat(decimals)}` } : q.value;
}

/**
 * The indicator table of one or more documents as header and rows (for the spreadsheet):
 * 文档 (several documents), 序号, 类别, 指标, 单位, 基数 (with its year in the header when
 * every row has the same, else in a 基数年份 column beside it), one column a target year, the
 * growth column, 属性, the other columns, 表.
 */
export function indicatorRows(docs: PolicyDocument[]): { header: string[]; rows: SheetCell[][] } {
  const many = docs.length > 1;
  const all = docs.flatMap((d) => d.indicators);
  const years = [...new Set(all.flatMap((i) => i.targets.map((t) => t.year)))].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  const baseYears = new Set(all.map((i) => i.baseline?.year).filter((y) => y));
  const baseYear = baseYears.size === 1 ? [...baseYears][0] : undefined;
  const yearColumn = baseYears.size > 1;
  const growth = growthHeader(all);
  const extras = extraColumns(all);
  const header = [
    ...(many ? ['文档'] : []),
    '序号',
    '类别',
    '指标',
    '单位',
    baseYear ? `${baseYear}年基数` : '基数',
    ...(yearColumn ? ['基数年份'] : []),
    ...years.map((y) => (y ? `${y}年目标` : '目标')),
    ...(growth ? [growth] : []),
    '属性',
    ...extras,
    '表',
  ];
  const rows = docs.flatMap((d) =>
    d.indicators.map((i): SheetCell[] => [
      ...(many ? [d.id] : []),
      /^[1-9]\d{0,5}$/.test(i.number) ? Number(i.number) : i.number,
      i.category ?? '',
      i.name,
      i.unit ?? '',
      sheetFigure(i.baseline),
      ...(yearColumn ? [i.baseline?.year ?? ''] : []),
      ...years.map((y) => sheetFigure(i.targets.find((t) => t.year === y) ?? null)),
      ...(growth ? [sheetFigure(i.growth, growth)] : []),
      i.attribute ?? '',
      ...extras.map((c) => extraCell(i, c)),
      i.table ?? '',
    ]),
  );
  return { header, rows };
}

/** A column of the terminal listing (the CLI's Column without importing the CLI). */
export interface ListingColumn {
  header: string;
  max?: number;
  align?: 'left' | 'right';
}

/** A figure with its year after it, when the header cannot give the year: 6.0（2025年）. */
function withYear(text: string, q: Quantity | null | undefined, show: boolean): string {
  return show && q?.year && q.value !== null ? `${text}（${q.year}年）` : text;
}

/** An indicator's targets: its target columns, or its one target. */
function targetsOf(i: Indicator): Quantity[] {
  return i.targets.length > 0 ? i.targets : i.target ? [i.target] : [];
}

/**
 * What the columns of `policy indicators` depend on, gathered from the indicators one at a time
 * (a listing of a whole corpus is read a document at a time: indicator-list.ts): the baseline
 * years, whether any has a category, the growth columns' and other columns' names, the target
 * years and, a target's position, the years found there.
 */
export class IndicatorShape {
  private readonly baseYears = new Set<number>();
  private hasCategory = false;
  private readonly growthColumns = new Set<string>();
  private readonly extras = new Set<string>();
  private readonly years = new Set<number | null>();
  private readonly yearsAt: Set<number | null>[] = [];

  add(i: Indicator): void {
    if (i.baseline?.year) this.baseYears.add(i.baseline.year);
    if (i.category) this.hasCategory = true;
    if (i.growth) this.growthColumns.add(i.growth.column);
    for (const c of i.extra) this.extras.add(c.column);
    targetsOf(i).forEach((t, k) => {
      this.years.add(t.year);
      (this.yearsAt[k] ??= new Set()).add(t.year);
    });
  }

  /**
   * The columns and how an indicator's cells read: targets one column a year (`byYear`), or one
   * column per target with the year in the cell when the column's targets are of several years.
   */
  layout(byYear: boolean): { columns: ListingColumn[]; cells: (i: Indicator) => string[]; targets: number } {
    const baseYear = this.baseYears.size === 1 ? [...this.baseYears][0] : undefined;
    const growth = growthHeaderOf(this.growthColumns);
    const extras = [...this.extras];
    let targetColumns: { header: string; cell: (targets: Quantity[]) => string }[];
    if (byYear) {
      const years = [...this.years].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
      targetColumns = years.map((y) => ({ header: y ? `${y}年目标` : '目标', cell: (ts) => figureText(ts.find((t) => t.year === y) ?? null) }));
    } else {
      const count = this.yearsAt.length;
      targetColumns = this.yearsAt.map((years, k) => {
        const year = years.size === 1 ? [...years][0] : null;
        const name = count > 1 ? `目标${k + 1}` : '目标';
        return { header: year ? `${year}年目标` : name, cell: (ts: Quantity[]) => withYear(figureText(ts[k] ?? null), ts[k], year === null) };
      });
    }
    const hasCategory = this.hasCategory;
    const severalBaseYears = this.baseYears.size > 1;
    const columns: ListingColumn[] = [
      { header: '序号', align: 'right' },
      ...(hasCategory ? [{ header: '类别', max: 12 }] : []),
      { header: '指标', max: 40 },
      { header: '单位' },
      { header: baseYear ? `${baseYear}年基数` : '基数', align: 'right' },
      ...targetColumns.map((c) => ({ header: c.header, align: 'right' as const })),
      ...(growth ? [{ header: growth, align: 'right' as const }] : []),
      { header: '属性' },
      ...extras.map((c) => ({ header: c, max: 24 })),
    ];
    const cells = (i: Indicator) => {
      const targets = targetsOf(i);
      return [
        i.number,
        ...(hasCategory ? [i.category ?? ''] : []),
        i.name,
        i.unit ?? '',
        withYear(figureText(i.baseline), i.baseline, severalBaseYears),
        ...targetColumns.map((c) => c.cell(targets)),
        ...(growth ? [growthText(i.growth, growth)] : []),
        i.attribute ?? '',
        ...extras.map((c) => extraCell(i, c)),
      ];
    };
    return { columns, cells, targets: targetColumns.length };
  }
}
