import { figureText, targetFigure } from '../model/figures.js';
import { normalizeForMatch } from '../model/normalize.js';
import type { Indicator, PolicyDocument, Target } from '../model/types.js';
import { indicatorKey, indicatorNameSimilarity, round } from './indicators.js';
import { bestPairs, type Candidate } from './matching.js';

/**
 * Quantitative targets of two plans side by side, where at least one side states it in the
 * prose: 随迁子女在公办学校就读比例 95 % (A's text) ↔ 95 % (B's text), 常住人口城镇化率 48 %
 * (A's indicator table) ↔ 67 % (B's text). Indicator ↔ indicator pairs are the indicator
 * table's business (indicators.ts); here the prose fills in what tables leave out.
 *
 * Metrics are compared as indicator names are (key + LCS similarity), with a higher bar:
 * prose metrics are phrases cut from sentences, and a date left in one (2025—2027年全县…,
 * …覆盖率2026年底前) says when, not what. Units must agree (a target of 3,000 人次 is not one
 * of 5 万人次). Years need not: the same target one year earlier (100 % by 2026 ↔ 100 by 2027)
 * is a difference to see, so such pairs are kept, years shown; among equally alike metrics a
 * pair of the same year is taken first. Pairs are taken best first, one to one.
 */

export interface TargetSide {
  /** Where the figure stands: the indicator table or the prose. */
  source: 'indicator' | 'prose';
  metric: string;
  value: number | null;
  /** As written: ≥93, 95, 2.4:1 (indicators); the value (prose). */
  raw: string;
  /** Prose only: the comparator's words, 以上, 不低于, 左右, 突破 (达到 and 达 say nothing and are left out). */
  comparatorText: string | null;
  unit: string | null;
  year: number | null;
  line: number;
}

export interface TargetPair {
  /** A's metric. */
  metric: string;
  score: number;
  a: TargetSide;
  b: TargetSide;
}

/** Least metric similarity of a pair; above the indicator tables' 0.6, for prose metrics are noisier. */
export const TARGET_THRESHOLD = 0.75;

export function matchTargets(a: PolicyDocument, b: PolicyDocument, threshold = TARGET_THRESHOLD): TargetPair[] {
  const sidesA = sides(a, threshold);
  const sidesB = sides(b, threshold);
  const candidates: Candidate[] = [];
  sidesA.forEach((x, i) =>
    sidesB.forEach((y, j) => {
      if (x.source === 'indicator' && y.source === 'indicator') return;
      if (!sameUnit(x.unit, y.unit)) return;
      const score = metricSimilarity(x.metric, y.metric);
      if (score >= threshold) candidates.push({ i, j, score });
    }),
  );
  // among equals, a pair of the same year first
  const sameYearFirst = (p: Candidate, q: Candidate) => sameYear(sidesA[q.i], sidesB[q.j]) - sameYear(sidesA[p.i], sidesB[p.j]);
  return bestPairs(candidates, sameYearFirst).map((c) => ({ metric: sidesA[c.i].metric, score: round(c.score), a: sidesA[c.i], b: sidesB[c.j] }));
}

/** A period or a date inside a metric (2025—2027年, 2026年底前, 到2030年): when, not what. */
const DATE_IN_METRIC = /(?:到|至)?(?:19|20)\d{2}\s*(?:年\s*)?(?:[—–\-~～至到]\s*(?:19|20)\d{2}\s*年?|年(?:底|末)?(?:以前|前)?)/g;

/** Metric similarity as for indicator names, dates left out. */
export function metricSimilarity(a: string, b: string): number {
  return indicatorNameSimilarity(a.replace(DATE_IN_METRIC, ''), b.replace(DATE_IN_METRIC, ''));
}

function sameYear(x: TargetSide, y: TargetSide): number {
  return x.year !== null && x.year === y.year ? 1 : 0;
}

/**
 * A document's figures: each target year of each indicator, and its prose targets stated once.
 * A prose target that restates the document's own table (城镇化率达到44% beside the indicator
 * 常住人口城镇化率 44) is the table's figure, not a second one.
 */
function sides(doc: PolicyDocument, threshold: number): TargetSide[] {
  const table = doc.indicators.flatMap(indicatorSides);
  const out: TargetSide[] = [...table];
  const seen = new Set<string>();
  for (const t of doc.targets) {
    const key = `${indicatorKey(t.metric)}|${t.value}|${t.unit ?? ''}|${t.year ?? ''}`;
    if (seen.has(key) || indicatorKey(t.metric).length < 2) continue;
    seen.add(key);
    const restates = table.some(
      (i) => i.value === t.value && (i.year === null || t.year === null || i.year === t.year) && metricSimilarity(i.metric, t.metric) >= threshold,
    );
    if (!restates) out.push(proseSide(t));
  }
  return out;
}

function indicatorSides(i: Indicator): TargetSide[] {
  const targets = i.targets.length > 0 ? i.targets : i.target ? [i.target] : [];
  // as every output shows a table's figure: ≤/≥ in one form, a bracketed total as 累计 28
  return targets.map((q) => ({
    source: 'indicator',
    metric: i.name,
    value: q.value,
    raw: figureText(q),
    comparatorText: null,
    unit: i.unit,
    year: q.year,
    line: i.position.start.line,
  }));
}

function proseSide(t: Target): TargetSide {
  const words = t.comparatorText && !/^(达到|达|为|是)$/.test(t.comparatorText) ? t.comparatorText : null;
  return {
    source: 'prose',
    metric: t.metric,
    value: t.value,
    raw: targetFigure(t),
    comparatorText: words,
    unit: t.unit,
    year: t.year,
    line: t.position.start.line,
  };
}

function sameUnit(a: string | null, b: string | null): boolean {
  const norm = (u: string | null) => (u === null ? '' : normalizeForMatch(u).replace('％', '%'));
  return norm(a) === norm(b);
}
