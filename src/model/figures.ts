import type { Target } from './types.js';

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
