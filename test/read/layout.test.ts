/**
 * The layout shared by the PDF and OFD readers (src/read/layout.ts), on runs placed by hand:
 * a paragraph across a page break, a table cut by a page break with its header repeated, a
 * cell wrapped in its column, page numbers and running heads left out.
 */

import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { extract, parse } from '../../src/index.js';
import { layoutPages, type PageRuns, type Run } from '../../src/read/layout.js';

const SIZE = 16;
const LEFT = 80;

/** A line of CJK text as one run a character, from x. */
function line(text: string, x: number, y: number, size = SIZE): Run[] {
  return [...text].map((ch, i) => ({ x: x + i * size, y, width: size, size, text: ch }));
}

/** Page furniture: the running head and the page number. */
function furniture(n: number): Run[] {
  return [...line('巫溪县新型城镇化实施方案', 200, 60, 10), { x: 280, y: 800, width: 40, size: 14, text: `— ${n} —` }];
}

const row = (cells: [string, number][], y: number) => cells.flatMap(([t, x]) => line(t, x, y, 10.5));
const COLS: number[] = [LEFT, LEFT + 40, LEFT + 250, LEFT + 320, LEFT + 390];
const PROSE = [
  '到2025年全县常住人口城镇化率达到百分之四十四以上基本公共',
  '服务实现城镇常住人口全覆盖城市生态宜居水平大幅提高城市治理能',
  '力明显增强城乡融合发展取得重大突破县城综合承载能力显著提升城',
].map((t, i) => [...t].slice(0, i ? 28 : 26).join(''));

describe('layoutPages', () => {
  const p1: PageRuns = {
    width: 595,
    height: 842,
    runs: [
      ...furniture(1),
      ...line('一、主要目标', LEFT + 2 * SIZE, 120),
      // a paragraph: indented first line, full lines, running on to page 2
      ...line(PROSE[0], LEFT + 2 * SIZE, 150),
      ...line(PROSE[1], LEFT, 180),
      ...line(PROSE[2], LEFT, 210),
      ...row(
        [
          ['序号', COLS[0]],
          ['指标', COLS[1]],
          ['2020年', COLS[2]],
          ['2025年', COLS[3]],
          ['属性', COLS[4]],
        ],
        700,
      ),
      ...row(
        [
          ['1', COLS[0]],
          ['常住人口城镇化率（％）', COLS[1]],
          ['39.7', COLS[2]],
          ['44', COLS[3]],
          ['预期性', COLS[4]],
        ],
        720,
      ),
      ...row(
        [
          ['2', COLS[0]],
          ['城区常住人口占全县常住人口', COLS[1]],
          ['18', COLS[2]],
          ['28', COLS[3]],
          ['预期性', COLS[4]],
        ],
        740,
      ),
      // the indicator's name wrapped in its cell
      ...row([['比重（％）', COLS[1]]], 754),
    ],
  };
  const p2: PageRuns = {
    width: 595,
    height: 842,
    runs: [
      ...furniture(2),
      // the header row repeated, then the rest of the table
      ...row(
        [
          ['序号', COLS[0]],
          ['指标', COLS[1]],
          ['2020年', COLS[2]],
          ['2025年', COLS[3]],
          ['属性', COLS[4]],
        ],
        110,
      ),
      ...row(
        [
          ['3', COLS[0]],
          ['城镇调查失业率（%）', COLS[1]],
          ['5.7', COLS[2]],
          ['', COLS[3]],
          ['预期性', COLS[4]],
        ],
        130,
      ),
      ...line('二、重点任务', LEFT + 2 * SIZE, 170),
    ],
  };
  // the running head needs three pages or more: a third page
  const p3: PageRuns = { width: 595, height: 842, runs: [...furniture(3), ...line('（一）积极构建城镇化空间格局。', LEFT + 2 * SIZE, 120)] };

  const { text, pages } = layoutPages([p1, p2, p3]);
  const lines = text.split('\n');

  it('joins a paragraph over its lines, with nothing between CJK characters', () => {
    expect(lines[0]).toBe('一、主要目标');
    expect(lines[1]).toBe(PROSE.join(''));
  });

  it('keeps a table cut by a page break one table: header once, wrapped cell joined, empty cell kept', () => {
    expect(lines.slice(2, 6)).toEqual([
      '序号\t指标\t2020年\t2025年\t属性',
      '1\t常住人口城镇化率（％）\t39.7\t44\t预期性',
      '2\t城区常住人口占全县常住人口比重（％）\t18\t28\t预期性',
      '3\t城镇调查失业率（%）\t5.7\t\t预期性',
    ]);
    expect(lines[6]).toBe('二、重点任务');
  });

  it('leaves page numbers and running heads out, and says where each page starts', () => {
    expect(text).not.toContain('— 1 —');
    expect(text).not.toContain('巫溪县新型城镇化实施方案');
    expect(pages).toHaveLength(3);
    expect(pages[0]).toBe(0);
    // page 2 starts at its first row after the repeated header: row 3 of the table
    expect(text.slice(pages[1]).startsWith('3\t城镇调查失业率')).toBe(true);
    expect(text.slice(pages[2])).toBe('（一）积极构建城镇化空间格局。');
  });

  it('gives the pipeline an indicator table and each paragraph its page', () => {
    const file = new VFile({ path: 'x.pdf', value: text });
    file.data.pages = pages;
    const doc = extract(parse(file), file);
    expect(doc.indicators.map((i) => [i.number, i.name, i.target?.raw ?? null])).toEqual([
      ['1', '常住人口城镇化率', '44'],
      ['2', '城区常住人口占全县常住人口比重', '28'],
      ['3', '城镇调查失业率', ''],
    ]);
    expect(doc.paragraphs.map((p) => p.page)).toContain(3);
  });
});
