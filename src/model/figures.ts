import type { Growth, Target } from './types.js';

/** 2 → "2", 0.30000000000000004 → "0.3": a number as a document would write it. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(4)));
}

const RATIO = /(\d+(?:\.\d+)?)\s*[:：]\s*(\d+(?:\.\d+)?)/;

/**
 * The figure of a prose target as the text gives it, without comparator and unit: 5—8 for a
 * range, 2.5:1 for a ratio (the model keeps 2.5), 38 otherwise. For sheets and comparisons,
 * where the bare `value` would say less than the document did.
 */
export function targetFigure(t: Pick<Target, 'value' | 'upper' | 'raw'>): string {
  if (t.upper !== null && t.upper !== undefined) return `${formatNumber(t.value)}—${formatNumber(t.upper)}`;
  const ratio = RATIO.exec(t.raw);
  return ratio ? `${ratio[1]}:${ratio[2]}` : formatNumber(t.value);
}

const COMPARATOR = /[≦⩽≧⩾＜＞]/;

/** ≦ ≧ ⩽ ⩾ ＜ ＞ as ≤ ≥ < >: one form of each comparator in every output (the model keeps the text as written). */
export function displayForm(raw: string): string {
  if (!COMPARATOR.test(raw)) return raw;
  return raw.replace(/[≦⩽]/g, '≤').replace(/[≧⩾]/g, '≥').replace(/＜/g, '<').replace(/＞/g, '>');
}

/** [15], 〔28〕, ［4.5］ → the figure inside: the brackets only say "over the period", which 累计 now says. */
export function unbracket(raw: string): string {
  const m = /^\s*[[［〔【]\s*(.*?)\s*[\]］〕】]\s*$/.exec(raw);
  return m ? m[1] : raw;
}

/** A header that itself says the figures under it are totals (累计, 五年累计), not rates a year. */
export function totalsHeader(header: string | undefined): boolean {
  return !!header && header.includes('累计') && !/年均|每年/.test(header);
}

/**
 * A figure as shown: ≤/≥ in one form; a total over the plan period ([15], a 累计 column) as
 * `累计 15` — in a 年均增长 column a bracketed figure is no rate a year, and [15]（累计） beside
 * the header 年均增长 read as one. Under a header that says 累计 (the one shown, `header`)
 * the figure alone.
 */
export function figureText(q: Pick<Growth, 'raw' | 'value' | 'cumulative'> | null, header?: string): string {
  if (!q) return '';
  if (!q.cumulative || q.value === null) return displayForm(q.raw);
  const figure = displayForm(unbracket(q.raw));
  return totalsHeader(header) ? figure : `累计 ${figure}`;
}

/** The growth cell as shown under `header` (its own column's by default): 5.5左右, >6, 累计 15, 与经济增长同步. */
export function growthText(g: Growth | null, header?: string | null): string {
  return g ? figureText(g, header ?? g.column) : '';
}

/** The growth cell in the chart, with what it is: 年均增长 5.5左右, 累计 15 (no 年均 for a total). */
export function growthLabel(g: Growth): string {
  const text = growthText(g);
  return text.startsWith('累计') ? text : `${g.column} ${text}`;
}
