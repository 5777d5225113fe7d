import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distinctWidth, renderTable } from '../../src/util/listing.js';
import { displayWidth } from '../../src/util/width.js';
import { runs } from '../helpers/property.js';

/** Every pair compared: what distinctWidth computed before it compared neighbours only. */
function byEveryPair(values: string[]): number {
  const unique = [...new Set(values)];
  let shared = 0;
  for (let i = 0; i < unique.length; i++)
    for (let j = i + 1; j < unique.length; j++) {
      const a = [...unique[i]];
      const b = [...unique[j]];
      let k = 0;
      while (k < a.length && k < b.length && a[k] === b[k]) k++;
      shared = Math.max(shared, k);
    }
  return Math.max(0, ...unique.map((v) => displayWidth([...v].slice(0, shared + 1).join('')) + 1));
}

describe('distinctWidth (the 文档 column of a listing)', () => {
  it('is the width of the longest prefix two ids share, and one character more', () => {
    const ids = ['wuxi-urbanization-plan-2021-2035', 'wuxi-urbanization-plan-2021-2030', 'longxi-rural-revitalization-2024'];
    // "wuxi-urbanization-plan-2021-203" is shared: one more character tells them apart
    expect(distinctWidth(ids)).toBe('wuxi-urbanization-plan-2021-2035'.length + 1);
    expect(distinctWidth(['0001-transport', '0002-tourism', '0010-tourism'])).toBe('0001'.length + 1);
    expect(distinctWidth(['只有一个'])).toBe(displayWidth('只') + 1);
  });

  it('is what comparing every pair gives, for ids of Latin, CJK and astral characters', () => {
    const char = fc.constantFrom('a', 'b', '-', '1', '2', '无', '锡', '𠀀', '𠀁', '𡀀');
    fc.assert(
      fc.property(fc.array(fc.string({ unit: char, maxLength: 8 }), { maxLength: 30 }), (ids) => {
        expect(distinctWidth(ids)).toBe(byEveryPair(ids));
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('a listing of a corpus', () => {
  it('lays out 300,000 rows (a departments listing of 10,000 documents has that many)', () => {
    const rows = Array.from({ length: 300_000 }, (_, i) => [`${String(i % 10_000).padStart(5, '0')}-plan`, `第${i}县交通运输局`, String(i % 7)]);
    const columns = [{ header: '文档', max: 12 }, { header: '单位', wrap: true }, { header: '牵头' }];
    const text = renderTable(columns, rows, 100);
    const lines = text.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(rows.length);
    expect(lines.at(-1)).toContain('第299999县交通运输局');
  });
});
