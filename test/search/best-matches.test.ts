import { describe, expect, it } from 'vitest';
import { type Matches, topK } from '../../src/search/engine.js';
import { parseIds } from '../../src/search/sqlite.js';

/**
 * topK picks the best matches of a search without sorting them all: the same list as a sort by
 * score (best first) and then by unit, whatever order the matches come in and however many share
 * a score (a scan's scores take few values: 2035年 gives thousands of units the same one).
 */
function sorted(found: Matches, k: number): Array<{ id: number; score: number }> {
  return Array.from(found.ids, (id, i) => ({ id, score: found.scores[i] }))
    .sort((a, b) => b.score - a.score || a.id - b.id)
    .slice(0, k);
}

/** Store ids (document × 2^20 + unit × 2 + heading), past 2^31 from the 2,048th document on. */
function matches(n: number, seed: number, order: 'unit' | 'ascending' | 'descending'): Matches {
  let x = seed;
  const next = () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 31;
  };
  const rows: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    const doc = 2000 + Math.floor(i / 9);
    const id = doc * 2 ** 20 + (i % 9) * 2 + (next() < 0.1 ? 1 : 0);
    // a scan's score: occurrences (1–5, ×3 in the title) over the text's length
    const occurrences = 1 + Math.floor(next() * 5) * (next() < 0.2 ? 3 : 1);
    const length = [120, 168, 240, 500][Math.floor(next() * 4)];
    rows.push([id, occurrences / (1 + length / 500)]);
  }
  if (order === 'ascending') rows.sort((a, b) => a[1] - b[1]);
  if (order === 'descending') rows.sort((a, b) => b[1] - a[1]);
  return { ids: rows.map((r) => r[0]), scores: rows.map((r) => r[1]) };
}

describe('the best matches of many', () => {
  for (const order of ['unit', 'ascending', 'descending'] as const)
    it(`are those of a full sort, ties by unit (matches in ${order} order)`, () => {
      for (const [n, k] of [
        [5000, 1],
        [5000, 10],
        [31572, 10],
        [31572, 200],
        [45, 10],
      ]) {
        const found = matches(n, n + k, order);
        expect(topK(found, k)).toEqual(sorted(found, k));
      }
    });

  it('with a score that is no number, as the sort places it', () => {
    const found = matches(2000, 7, 'unit');
    (found.scores as number[])[500] = Number.NaN;
    const top = topK(found, 10);
    expect(top).toHaveLength(10);
    expect(top.every((r) => !Number.isNaN(r.score))).toBe(true);
  });
});

describe('ids read from the store', () => {
  it('are the numbers of a group_concat, past 2^31 too', () => {
    const ids = [1048576, 2 ** 31 + 6, 10_485_760_167, 8_490_320_064];
    expect(parseIds(ids.join(','))).toEqual(ids);
    expect(parseIds('42')).toEqual([42]);
  });
});
