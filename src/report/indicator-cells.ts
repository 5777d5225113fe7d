import type { Growth, Indicator, PolicyDocument, Quantity } from '../model/types.js';

/**
 * How indicator cells read in every output (terminal table, PDF, spreadsheet): the growth
 * column with its cumulative mark, the other columns a table had. No PDF or XLSX code here,
 * so the `policy indicators` command loads it cheaply.
 */

/** `[15]（累计）`: the bracket convention said in words; a cell without a number as written. */
export function growthText(g: Growth | null): string {
  if (!g) return '';
  return g.cumulative && g.value !== null ? `${g.raw}（累计）` : g.raw;
}

/** The growth column's header: the tables' own (年均增长) when they agree, else a general one. */
export function growthHeader(indicators: Indicator[]): string | null {
  const names = [...new Set(indicators.flatMap((i) => (i.growth ? [i.growth.column] : [])))];
  if (names.length === 0) return null;
  return names.length === 1 ? names[0] : '年均增长/累计';
}

/** Names of the other columns (备注, 责任单位 …), in the order the tables give them. */
export function extraColumns(indicators: Indicator[]): string[] {
  return [...new Set(indicators.flatMap((i) => i.extra.map((c) => c.column)))];
}

export function extraCell(indicator: Indicator, column: string): string {
  return indicator.extra.filter((c) => c.column === column).map((c) => c.raw).join('；');
}

/**
 * The indicator table of one or more documents as header and rows (for the spreadsheet):
 * 文档 (several documents), 序号, 类别, 指标, 单位, 基数, one column a target year, the growth
 * column, 属性, the other columns, 表.
 */
export function indicatorRows(docs: PolicyDocument[]): { header: string[]; rows: string[][] } {
  const many = docs.length > 1;
  const all = docs.flatMap((d) => d.indicators);
  const years = [...new Set(all.flatMap((i) => i.targets.map((t) => t.year)))].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  const baseYears = new Set(all.map((i) => i.baseline?.year).filter((y) => y));
  const baseYear = baseYears.size === 1 ? [...baseYears][0] : undefined;
  const growth = growthHeader(all);
  const extras = extraColumns(all);
  const raw = (q: Quantity | null | undefined) => (q ? q.raw : '');
  const header = [
    ...(many ? ['文档'] : []),
    '序号',
    '类别',
    '指标',
    '单位',
    baseYear ? `${baseYear}年基数` : '基数',
    ...years.map((y) => (y ? `${y}年目标` : '目标')),
    ...(growth ? [growth] : []),
    '属性',
    ...extras,
    '表',
  ];
  const rows = docs.flatMap((d) =>
    d.indicators.map((i) => [
      ...(many ? [d.id] : []),
      i.number,
      i.category ?? '',
      i.name,
      i.unit ?? '',
      i.baseline?.year && !baseYear ? `${i.baseline.raw}（${i.baseline.year}年）` : raw(i.baseline),
      ...years.map((y) => raw(i.targets.find((t) => t.year === y))),
      ...(growth ? [growthText(i.growth)] : []),
      i.attribute ?? '',
      ...extras.map((c) => extraCell(i, c)),
      i.table ?? '',
    ]),
  );
  return { header, rows };
}
