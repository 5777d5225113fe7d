import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  atomize,
  balancedBreak,
  balanceTitle,
  bracketOpening,
  breakFirstIndented,
  breakLines,
  CLOSING_PUNCTUATION,
  fit,
  OPENING_PUNCTUATION,
  splitList,
} from '../../src/report/pdf/line-break.js';
import { segmentWords } from '../../src/util/jieba.js';
import { runs } from '../helpers/property.js';

/**
 * CJK line breaking (src/report/pdf/line-break.ts) on its own: pure functions over text and a
 * width function, no fonts and no PDF.
 */

// A CJK character is 1 unit wide, anything else half: close enough to the real fonts.
const measure = (s: string) => [...s].reduce((w, ch) => w + (/[\u0000-\u00ff]/.test(ch) ? 0.5 : 1), 0);

/** A line fits, or only closing marks hang past the edge (行末悬挂). */
function fitsOrHangs(line: string, width: number): boolean {
  const chars = [...line];
  while (chars.length > 1 && measure(chars.join('')) > width + 0.01 && CLOSING_PUNCTUATION.has(chars.at(-1)!)) chars.pop();
  return measure(chars.join('')) <= width + 0.01;
}

const TEXT =
  '升级县内重要客运站场，优化公交线路，到2025年城区公交站点500米覆盖率达到90%。加快建设多式联运货运枢纽，完善配套集疏运体系（含“最后一公里”）；创新发展城乡配送，推动交邮融合发展！是否可行？《重庆市新型城镇化规划（2021—2035年）》、IPv6。';

describe('breakLines (禁则)', () => {
  it('never starts a line with closing punctuation nor ends one with opening punctuation, at any width', () => {
    for (let width = 3; width <= 30; width++) {
      const lines = breakLines(TEXT, width, measure);
      expect(lines.join('')).toBe(TEXT);
      lines.forEach((line, i) => {
        if (i > 0) expect(CLOSING_PUNCTUATION.has([...line][0]), `width ${width}: "${line}"`).toBe(false);
        if (i < lines.length - 1) expect(OPENING_PUNCTUATION.has([...line].at(-1)!), `width ${width}: "${line}"`).toBe(false);
        expect(fitsOrHangs(line, width), `width ${width}: "${line}"`).toBe(true);
      });
    }
  });

  it('keeps numbers and Latin words whole and fills lines greedily', () => {
    const lines = breakLines(TEXT, 12, measure);
    expect(lines.some((l) => l.includes('2025年'))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/20\n25|50\n0|IPv\n6|2021—\n2035/);
    // Greedy: no line could take the first atom of the next one.
    for (let i = 0; i < lines.length - 1; i++) {
      expect(measure(lines[i]) + measure(atomize(lines[i + 1])[0])).toBeGreaterThan(12);
    }
  });

  it('holds for arbitrary mixes of characters and punctuation (property)', () => {
    const alphabet = fc.constantFrom(...'城镇化建设推进发展规划年月日', ...'，。、；：）」》？！”', ...'（「《“', ...'ab12 %');
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 1, maxLength: 80 }), fc.integer({ min: 4, max: 20 }), (chars, width) => {
        const text = chars.join('');
        const lines = breakLines(text, width, measure);
        // Only spaces at line ends may be dropped.
        expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
        for (let i = 0; i < lines.length; i++) {
          if (i > 0 && lines[i] !== '') expect(CLOSING_PUNCTUATION.has([...lines[i]][0]), lines[i]).toBe(false);
          expect(fitsOrHangs(lines[i], width), lines[i]).toBe(true);
        }
      }),
      { numRuns: runs(1000) },
    );
  });

  it('keeps a short bracketed group on one line', () => {
    // 12 units wide: 县文化旅游委、有关乡镇 takes 11; （街道） moves down whole, not 有关乡镇（ / 街道）.
    expect(breakLines('县文化旅游委、有关乡镇（街道）', 12, measure)).toEqual(['县文化旅游委、有关乡镇', '（街道）']);
    expect(breakLines('各区县（自治县）政府', 5, measure)).toEqual(['各区县', '（自治县）', '政府']);
    // A long bracket still breaks inside.
    const long = breakLines('（牵头单位：县交通局；责任单位：县文化旅游委）', 10, measure);
    expect(long.length).toBeGreaterThan(2);
  });

  it('keeps hard line breaks', () => {
    expect(breakLines('第一行。\n第二行。', 40, measure)).toEqual(['第一行。', '第二行。']);
  });
});

describe('balanceTitle', () => {
  it('breaks a two-line title before its bracketed years when both halves fit', () => {
    const title = '巫溪县新型城镇化实施方案（2021—2035年）';
    const lines = breakLines(title, 16, measure);
    expect(lines).toHaveLength(2);
    expect(balanceTitle(title, lines, (s) => measure(s) <= 16)).toEqual(['巫溪县新型城镇化实施方案', '（2021—2035年）']);
    // One line stays one line.
    expect(balanceTitle(title, [title], () => true)).toEqual([title]);
  });
});

describe('balancedBreak', () => {
  it('breaks a two-line title between words into lines of even width, never inside 2023—2024', () => {
    const title = '关于做好2023—2024年度冬春农田水利基本建设工作的通知';
    const words = ['关于', '做好', '2023', '—', '2024', '年度', '冬春', '农田水利', '基本建设', '工作', '的', '通知'];
    const [a, b] = balancedBreak(title, 20, measure, words)!;
    expect(a + b).toBe(title);
    expect(Math.abs(measure(a) - measure(b))).toBeLessThanOrEqual(4);
    expect(a).not.toMatch(/—$/);
    expect(b).not.toMatch(/^—/);
    // Every break point lies between two words.
    const bounds = words.map((_, i) => words.slice(0, i + 1).join('').length);
    expect(bounds).toContain(a.length);
    // Nothing fits: no break.
    expect(balancedBreak(title, 5, measure, words)).toBeNull();
  });
});

describe('breakLines: 禁则 mark by mark', () => {
  // Each case: a line just wide enough for the text before the mark, so a plain greedy
  // breaker would put the mark at the head of the next line (or leave an opening mark at the end).
  it.each([...'。，、）》；：？！”」』】〕…%'])('never starts a line with %s', (mark) => {
    const text = `城镇化建设${mark}推进发展`;
    const lines = breakLines(text, 5, measure);
    expect(lines.join('')).toBe(text);
    for (const line of lines.slice(1)) expect(CLOSING_PUNCTUATION.has([...line][0]), line).toBe(false);
    // the mark goes down with the character before it: 城镇化建 / 设。推进…, not 城镇化建设 / 。推进…
    expect(lines[0]).toBe('城镇化建');
    expect(lines[1].startsWith(`设${mark}`)).toBe(true);
  });

  it.each([...'（《「『【〔“'])('never ends a line with %s', (mark) => {
    const text = `推进发展${mark}城镇化建设`;
    const lines = breakLines(text, 5, measure);
    expect(lines.join('')).toBe(text);
    for (const line of lines.slice(0, -1)) expect(OPENING_PUNCTUATION.has([...line].at(-1)!), line).toBe(false);
    // the mark goes down with the character after it
    expect(lines.some((l) => l.startsWith(`${mark}城`))).toBe(true);
  });

  it('carries a run of closing marks with the character before them', () => {
    expect(breakLines('一二三四五。）》', 5, measure)).toEqual(['一二三四', '五。）》']);
  });

  it('breaks a run longer than a line by characters, closing marks never first', () => {
    const run = 'abcdefghijklmnopqrstuvwxyz0123456789'; // one atom, 18 units
    const lines = breakLines(run, 5, measure);
    expect(lines.join('')).toBe(run);
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(measure(line)).toBeLessThanOrEqual(5);
    const dotted = breakLines('abcdefghij.,)', 5, measure);
    expect(dotted.join('')).toBe('abcdefghij.,)');
    for (const line of dotted.slice(1)) expect(CLOSING_PUNCTUATION.has([...line][0]), line).toBe(false);
  });

  it('leaves a label such as （八） whole even where it is wider than the line', () => {
    expect(breakLines('（十二）', 2, measure)).toEqual(['（十二）']);
  });

  it('drops blanks at the start and end of a line, not inside it', () => {
    expect(breakLines('推进 发展', 40, measure)).toEqual(['推进 发展']);
    expect(breakLines('一二三四五 六七', 5, measure)).toEqual(['一二三四五', '六七']);
  });
});

describe('atomize', () => {
  it('makes one atom of a number, a Latin word, a mark and what it sticks to', () => {
    expect(atomize('到2025年达到90%。')).toEqual(['到', '2025', '年', '达', '到', '90%。']);
    expect(atomize('《规划》')).toEqual(['《规', '划》']);
    expect(atomize('有关乡镇（街道）')).toEqual(['有', '关', '乡', '镇', '（街道）']);
  });
});

describe('balancedBreak with jieba words', () => {
  it('keeps words whole where jieba cuts the title so', () => {
    const title = '巫溪县推进以县城为重要载体的城镇化建设实施方案';
    const words = segmentWords(title);
    expect(words.join('')).toBe(title);
    const halves = balancedBreak(title, 16, measure, words)!;
    expect(halves.join('')).toBe(title);
    const bounds = words.map((_, i) => words.slice(0, i + 1).join('').length);
    expect(bounds).toContain(halves[0].length);
    for (const word of words.filter((w) => w.length > 1))
      expect(
        halves.some((h) => h.includes(word)),
        word,
      ).toBe(true);
  });

  it('gives no break when the words are not the text', () => {
    expect(balancedBreak('城镇化建设', 3, measure, ['城镇', '化'])).toBeNull();
  });
});

describe('fit, splitList, bracketOpening, breakFirstIndented', () => {
  it('fit cuts with … to the width, and leaves what fits', () => {
    expect(fit('城镇化建设', 5, measure)).toBe('城镇化建设');
    expect(fit('城镇化建设实施方案', 5, measure)).toBe('城镇化建…');
  });

  it('splitList keeps a 、 inside brackets', () => {
    expect(splitList('县交通局、各县（市、区）政府、县民政局')).toEqual(['县交通局、', '各县（市、区）政府、', '县民政局']);
  });

  it('bracketOpening finds the bracket that closes a name', () => {
    expect(bracketOpening('县委宣传部（县网信办）')).toBe(5);
    expect(bracketOpening('县委宣传部')).toBe(-1);
  });

  it('breakFirstIndented indents the first line of each paragraph', () => {
    const lines = breakFirstIndented('一二三四五六七八\n九十', 5, 2, measure);
    expect(lines).toEqual([
      { text: '一二三', first: true, start: 0 },
      { text: '四五六七八', first: false, start: 3 },
      { text: '九十', first: true, start: 9 },
    ]);
  });
});
