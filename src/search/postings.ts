import type { AsPlainObject } from 'minisearch';

/**
 * Compact postings of the most frequent terms (a "champion" side index).
 *
 * MiniSearch scores every posting of a query term and sorts all results; for a term in a
 * large share of the units (交通 in 17 % of 83,000 at 1,000 documents) that alone takes
 * 10–20 ms. For those terms this class keeps the unit ids (sorted, delta-encoded) and each
 * unit's BM25 weight for the term (quantised to 16 bits), so a query made only of frequent
 * terms is answered with typed-array walks and a top-k selection instead.
 */

/** BM25+ as MiniSearch computes it (its defaults k 1.2, b 0.7, d 0.5). */
export const BM25 = { k: 1.2, b: 0.7, d: 0.5 };

export interface FrequentPostingsOptions {
  /** A term is frequent when it occurs in more than this share of the units. Default 0.02. */
  share?: number;
  /** … and in more than this many units (small indexes are fast anyway). Default 1,000. */
  minUnits?: number;
}

export interface FrequentPostingsJSON {
  units: number;
  terms: Record<string, { df: number; max: number; ids: string; weights: string }>;
}

interface Decoded {
  ids: Int32Array;
  weights: Float32Array;
}

export class FrequentPostings {
  private readonly encoded: FrequentPostingsJSON['terms'];
  private readonly decoded = new Map<string, Decoded>();
  readonly units: number;

  private constructor(json: FrequentPostingsJSON) {
    this.units = json.units;
    this.encoded = json.terms;
  }

  /**
   * Postings of the frequent terms of a MiniSearch index, read from its documented plain
   * form (`toJSON()`), with MiniSearch's own BM25 inputs: per-field term frequencies and
   * document counts, field lengths and averages.
   * @param boosts field boosts by field name
   */
  static fromMiniSearch(plain: AsPlainObject, boosts: Record<string, number>, options: FrequentPostingsOptions = {}): FrequentPostings {
    const share = options.share ?? 0.02;
    const minUnits = options.minUnits ?? 1000;
    const n = plain.documentCount;
    const threshold = Math.max(share * n, minUnits);
    const fields = Object.entries(plain.fieldIds).map(([name, id]) => ({ id: String(id), index: id, boost: boosts[name] ?? 1 }));
    const terms: FrequentPostingsJSON['terms'] = {};
    for (const [term, data] of plain.index) {
      // A cheap upper bound first: most terms are rare.
      let bound = 0;
      for (const f of fields) if (data[f.id]) bound += Object.keys(data[f.id]).length;
      if (bound <= threshold) continue;
      const weights = new Map<number, number>();
      for (const f of fields) {
        const freqs = data[f.id];
        if (!freqs) continue;
        const entries = Object.entries(freqs);
        for (const [shortId, tf] of entries) {
          const id = Number(plain.documentIds[shortId]);
          const length = plain.fieldLength[shortId][f.index];
          const w = f.boost * bm25(tf as number, entries.length, n, length, plain.averageFieldLength[f.index]);
          weights.set(id, (weights.get(id) ?? 0) + w);
        }
      }
      if (weights.size <= threshold) continue;
      const ids = [...weights.keys()].sort((x, y) => x - y);
      const ws = ids.map((id) => weights.get(id)!);
      let max = 0; // not Math.max(...ws): a term in some 120,000 units overflows the call stack
      for (const w of ws) if (w > max) max = w;
      terms[term] = { df: ids.length, max, ids: encodeIds(ids), weights: encodeWeights(ws, max) };
    }
    return new FrequentPostings({ units: n, terms });
  }

  static fromJSON(json: FrequentPostingsJSON): FrequentPostings {
    return new FrequentPostings(json);
  }

  toJSON(): FrequentPostingsJSON {
    return { units: this.units, terms: this.encoded };
  }

  has(term: string): boolean {
    return Object.hasOwn(this.encoded, term);
  }

  /** Units with the term (0 when it is not a frequent term). */
  df(term: string): number {
    return this.has(term) ? this.encoded[term].df : 0;
  }

  get(term: string): Decoded {
    let d = this.decoded.get(term);
    if (!d) {
      const e = this.encoded[term];
      d = { ids: decodeIds(e.ids, e.df), weights: decodeWeights(e.weights, e.df, e.max) };
      this.decoded.set(term, d);
    }
    return d;
  }

  /** The term's weight in a unit (0 when absent), by binary search. */
  weight(term: string, id: number): number {
    const { ids, weights } = this.get(term);
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = ids[mid];
      if (v === id) return weights[mid];
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }

  /**
   * Units with every term (AND) or any (OR), with summed weights, accepted by `accept`.
   * Returns all matches, unsorted.
   */
  match(terms: string[], combine: 'AND' | 'OR', accept?: (id: number) => boolean): { ids: Int32Array; scores: Float64Array } {
    const lists = terms.map((t) => this.get(t)).sort((a, b) => a.ids.length - b.ids.length);
    if (combine === 'AND') {
      const [first, ...rest] = lists;
      const ids = new Int32Array(first.ids.length);
      const scores = new Float64Array(first.ids.length);
      const cursors = new Int32Array(rest.length);
      let n = 0;
      outer: for (let i = 0; i < first.ids.length; i++) {
        const id = first.ids[i];
        let score = first.weights[i];
        for (let r = 0; r < rest.length; r++) {
          const l = rest[r].ids;
          let c = cursors[r];
          while (c < l.length && l[c] < id) c++;
          cursors[r] = c;
          if (c >= l.length || l[c] !== id) continue outer;
          score += rest[r].weights[c];
        }
        if (accept && !accept(id)) continue;
        ids[n] = id;
        scores[n++] = score;
      }
      // MiniSearch multiplies a unit's BM25 sum by the number of query terms it has.
      for (let i = 0; i < n; i++) scores[i] *= lists.length;
      return { ids: ids.subarray(0, n), scores: scores.subarray(0, n) };
    }
    const sum = new Map<number, [number, number]>();
    for (const l of lists) {
      for (let i = 0; i < l.ids.length; i++) {
        const e = sum.get(l.ids[i]);
        if (e) {
          e[0] += l.weights[i];
          e[1]++;
        } else sum.set(l.ids[i], [l.weights[i], 1]);
      }
    }
    const ids: number[] = [];
    const scores: number[] = [];
    for (const [id, [s, count]] of sum) {
      if (accept && !accept(id)) continue;
      ids.push(id);
      scores.push(s * count);
    }
    return { ids: Int32Array.from(ids), scores: Float64Array.from(scores) };
  }
}

export function bm25(tf: number, df: number, n: number, length: number, avgLength: number): number {
  const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
  return idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / avgLength)));
}

/** Sorted ids → gaps as unsigned LEB128 varints, base64. */
function encodeIds(ids: number[]): string {
  const bytes: number[] = [];
  let prev = 0;
  for (const id of ids) {
    let gap = id - prev;
    prev = id;
    while (gap >= 0x80) {
      bytes.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    bytes.push(gap);
  }
  return Buffer.from(bytes).toString('base64');
}

function decodeIds(b64: string, count: number): Int32Array {
  const bytes = Buffer.from(b64, 'base64');
  const ids = new Int32Array(count);
  let prev = 0;
  let at = 0;
  for (let i = 0; i < count; i++) {
    let gap = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++];
      gap |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    prev += gap;
    ids[i] = prev;
  }
  return ids;
}

/** Weights as 16-bit fractions of the term's largest weight, base64. */
function encodeWeights(weights: number[], max: number): string {
  const buf = Buffer.alloc(2 * weights.length);
  weights.forEach((w, i) => buf.writeUInt16LE(max > 0 ? Math.round((w / max) * 0xffff) : 0, 2 * i));
  return buf.toString('base64');
}

function decodeWeights(b64: string, count: number, max: number): Float32Array {
  const bytes = Buffer.from(b64, 'base64');
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = ((bytes[2 * i] | (bytes[2 * i + 1] << 8)) / 0xffff) * max;
  return out;
}
