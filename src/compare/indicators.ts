import { normalizeForMatch } from '../model/normalize.js';
import type { Indicator, Quantity } from '../model/types.js';
import { bestPairs, type Candidate } from './matching.js';

/**
 * Indicators of two plans matched by name, tolerant of units and wording:
 * 常住人口城镇化率（％） ↔ 全县常住人口城镇化率, 城镇新增就业人数（万人） ↔ 城镇新增就业（人）.
 *
 * Names are reduced to a key (units in brackets, quotes, punctuation and a leading scope
 * word such as 全市/全县/县城/城市 dropped), then scored by 2·LCS / (|a| + |b|) on characters:
 * insertions (人均可支配) cost little, substitutions (常住 → 户籍) cost both characters. Pairs
 * are taken best first, one to one, above a threshold.
 */

/** Scope words that say where, not what: 全市常住人口城镇化率 = 全县常住人口城镇化率 as a metric. */
const SCOPE_PREFIX = /^(地级及以上城市|县级及以上城市|中心城区|全国|全省|全市|全县|全区|全域|市域|县域|县城|城区|城市|本市|本县)/;

export function indicatorKey(name: string): string {
  let key = normalizeForMatch(name)
    .replace(/[(（[［【〔][^)）\]］】〕]*[)）\]］】〕]/g, '')
    .replace(/[\s“”‘’"'《》〈〉「」『』·•,，、。:：;；]/g, '');
  key = key.replace(SCOPE_PREFIX, '');
  return key;
}

/** Longest common subsequence length of two strings (by code point). */
export function lcsLength(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0 || y.length === 0) return 0;
  let prev = new Uint16Array(y.length + 1);
  let cur = new Uint16Array(y.length + 1);
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      cur[j] = x[i - 1] === y[j - 1] ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[y.length];
}

/** Similarity of two indicator names in [0, 1]; 1 when their keys are equal. */
export function indicatorNameSimilarity(a: string, b: string): number {
  const ka = indicatorKey(a);
  const kb = indicatorKey(b);
  if (!ka || !kb) return 0;
  if (ka === kb) return 1;
  const la = [...ka].length;
  const lb = [...kb].length;
  return (2 * lcsLength(ka, kb)) / (la + lb);
}

export interface IndicatorSide {
  number: string;
  name: string;
  unit: string | null;
  baseline: Quantity | null;
  /** Every target column, in table order. */
  targets: Quantity[];
  attribute: string | null;
  line: number;
}

export interface IndicatorPair {
  /** A's name (the side the comparison starts from). */
  name: string;
  score: number;
  /** True when both have a unit and the units differ (％ vs 万人): values are not directly comparable. */
  unitsDiffer: boolean;
  a: IndicatorSide;
  b: IndicatorSide;
}

export interface IndicatorMatching {
  pairs: IndicatorPair[];
  onlyA: IndicatorSide[];
  onlyB: IndicatorSide[];
}

export function indicatorSide(i: Indicator): IndicatorSide {
  const targets = i.targets.length > 0 ? i.targets : i.target ? [i.target] : [];
  return {
    number: i.number,
    name: i.name,
    unit: i.unit,
    baseline: i.baseline,
    targets,
    attribute: i.attribute,
    line: i.position.start.line,
  };
}

function sameUnit(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return true;
  return normalizeForMatch(a).replace('％', '%') === normalizeForMatch(b).replace('％', '%');
}

/** Units of a share: a value relative to a whole, not a count or an amount. */
const SHARE_UNIT = /[%％‰]|百分点/;
/** Names of a share, for a row whose unit is not given: …率, …比例, …占比, …比重. */
const SHARE_NAME = /(率|比例|占比|比重)$/;

/** 'share' (％, ‰, a …率 without unit), 'amount' (any other unit: 个, 万人, 亿元), or null when unknown. */
export function quantityKind(unit: string | null, name: string): 'share' | 'amount' | null {
  const u = unit === null ? '' : normalizeForMatch(unit).trim();
  if (u) return SHARE_UNIT.test(u) ? 'share' : 'amount';
  return SHARE_NAME.test(indicatorKey(name)) ? 'share' : null;
}

/**
 * Whether two indicators may measure the same thing: a share and an amount never do, however
 * alike their names (老年助餐服务点 个 vs 老年助餐服务覆盖率 %: sites vs coverage).
 */
export function sameQuantityKind(x: { unit: string | null; name: string }, y: { unit: string | null; name: string }): boolean {
  const kx = quantityKind(x.unit, x.name);
  const ky = quantityKind(y.unit, y.name);
  return kx === null || ky === null || kx === ky;
}

/** Match indicators one to one, best pairs first; `threshold` (default 0.6) is the least name similarity. */
export function matchIndicators(a: Indicator[], b: Indicator[], threshold = 0.6): IndicatorMatching {
  const candidates: Candidate[] = [];
  a.forEach((x, i) =>
    b.forEach((y, j) => {
      if (!sameQuantityKind(x, y)) return;
      const score = indicatorNameSimilarity(x.name, y.name);
      if (score >= threshold) candidates.push({ i, j, score });
    }),
  );
  const chosen = bestPairs(candidates);
  const pairedA = new Set(chosen.map((c) => c.i));
  const pairedB = new Set(chosen.map((c) => c.j));
  return {
    // in A's table order
    pairs: chosen.map((c) => ({
      name: a[c.i].name,
      score: round(c.score),
      unitsDiffer: !sameUnit(a[c.i].unit, b[c.j].unit),
      a: indicatorSide(a[c.i]),
      b: indicatorSide(b[c.j]),
    })),
    onlyA: a.filter((_, i) => !pairedA.has(i)).map(indicatorSide),
    onlyB: b.filter((_, j) => !pairedB.has(j)).map(indicatorSide),
  };
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
