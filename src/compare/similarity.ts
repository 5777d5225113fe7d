import { lcsLength } from './indicators.js';

/**
 * TF-IDF similarity between short texts (tasks, sections, paragraphs of two plans).
 *
 * Why TF-IDF cosine and not BM25: the scores must be comparable across pairs so that one
 * threshold can say "counterpart" or "weak". Cosine of length-normalised vectors lies in
 * [0, 1] whatever the lengths; BM25 scores grow with the query length and have no fixed
 * scale. Term weights: sublinear tf (1 + ln tf), smoothed idf ln(1 + N / df) over the units
 * of BOTH documents, so words every unit shares (推进, 建设) weigh little.
 *
 * Cosine caps a short text inside a long one at about the ratio of their norms (a 60-character
 * task wholly inside a 240-character one scores ~0.3), so `score` lifts pairs whose norm ratio
 * ρ is below LENGTH_RATIO_FLOOR: cosine × floor / ρ. Above the floor it is the plain cosine,
 * the scale the thresholds were set on (docs/compare.md).
 */

/** Norm ratio (shorter / longer) down to which the plain cosine is trusted. */
export const LENGTH_RATIO_FLOOR = 0.5;

/**
 * Title similarity (2·LCS / (|a| + |b|) on letters and digits) from which two titles are
 * near-identical: 全面融入…生态优先绿色发展 ↔ 推动…生态优先绿色发展 is 0.83, while titles that
 * share their frame but not their subject stay below (推进城乡供水一体化 ↔ 推进城乡教育一体化发展
 * 0.70, 全面推进农业转移人口落户城市 ↔ 推进农业转移人口市民化 0.72).
 */
export const TITLE_NEAR = 0.8;

/** 2·LCS / (|a| + |b|) of two titles, punctuation and spaces left out; in [0, 1]. */
export function titleSimilarity(a: string, b: string): number {
  const x = a.replace(/[^\p{L}\p{N}]/gu, '');
  const y = b.replace(/[^\p{L}\p{N}]/gu, '');
  if (!x || !y) return 0;
  return (2 * lcsLength(x, y)) / ([...x].length + [...y].length);
}

/**
 * A pair's score with its titles weighed in: when the titles are near-identical (≥ `near`),
 * the title counts as much as the body (the mean of the two, never below the body's score),
 * so a long body that adds the county's details does not bury a title that says the same.
 * Other pairs keep the body's score: a shared frame of words is no evidence (see TITLE_NEAR).
 */
export function withTitle(body: number, title: number, near: number = TITLE_NEAR): number {
  return near > 0 && title >= near ? Math.max(body, (body + title) / 2) : body;
}

/** Anything that turns text into tokens: the shared jieba tokenizer, or a test double. */
export interface TokenSource {
  tokens(text: string): string[];
}

/** A sparse vector: term ids ascending, weights aligned, L2 norm 1 (or empty). */
export interface SparseVector {
  ids: Uint32Array;
  weights: Float64Array;
}

export class TfIdfSpace {
  private readonly vocabulary = new Map<string, number>();
  private readonly vectors: SparseVector[];
  /** L2 norm of each unit's tf-idf vector before normalising: its "length" in weighted words. */
  private readonly norms: Float64Array;

  /**
   * `documents`: the token lists of every unit, in the order they will be addressed.
   * `lengthFloor`: see LENGTH_RATIO_FLOOR; 0 makes `score` the plain cosine.
   */
  constructor(
    documents: string[][],
    private readonly lengthFloor: number = LENGTH_RATIO_FLOOR,
  ) {
    const counts = documents.map((tokens) => {
      const tf = new Map<number, number>();
      for (const token of tokens) {
        let id = this.vocabulary.get(token);
        if (id === undefined) {
          id = this.vocabulary.size;
          this.vocabulary.set(token, id);
        }
        tf.set(id, (tf.get(id) ?? 0) + 1);
      }
      return tf;
    });
    const df = new Uint32Array(this.vocabulary.size);
    for (const tf of counts) for (const id of tf.keys()) df[id]++;
    const n = documents.length;
    this.norms = new Float64Array(n);
    this.vectors = counts.map((tf, k) => {
      const ids = [...tf.keys()].sort((x, y) => x - y);
      const weights = new Float64Array(ids.length);
      let norm = 0;
      ids.forEach((id, i) => {
        const w = (1 + Math.log(tf.get(id)!)) * Math.log(1 + n / df[id]);
        weights[i] = w;
        norm += w * w;
      });
      norm = Math.sqrt(norm);
      this.norms[k] = norm;
      if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] /= norm;
      return { ids: Uint32Array.from(ids), weights };
    });
  }

  get size(): number {
    return this.vectors.length;
  }

  /** Cosine similarity of documents i and j, in [0, 1]. */
  cosine(i: number, j: number): number {
    return dot(this.vectors[i], this.vectors[j]);
  }

  /** Cosine, lifted when one unit is much shorter than the other (see above); in [0, 1]. */
  score(i: number, j: number): number {
    const cos = this.cosine(i, j);
    const [x, y] = [this.norms[i], this.norms[j]];
    if (cos === 0 || x === 0 || y === 0) return cos;
    const ratio = Math.min(x, y) / Math.max(x, y);
    return Math.min(1, cos * Math.max(1, this.lengthFloor / ratio));
  }
}

function dot(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let sum = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i];
    const y = b.ids[j];
    if (x === y) {
      sum += a.weights[i++] * b.weights[j++];
    } else if (x < y) i++;
    else j++;
  }
  // Rounding can push identical vectors a hair above 1.
  return Math.min(1, sum);
}
