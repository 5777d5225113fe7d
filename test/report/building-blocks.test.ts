import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/model/errors.js';
import { csvField } from '../../src/report/export.js';
import { cutBytes, FileNamer, insideDir, safeFileName } from '../../src/report/filenames.js';
import {
  atomize,
  balancedBreak,
  balanceTitle,
  breakLines,
  CLOSING_PUNCTUATION,
  creationDate,
  findSpans,
  OPENING_PUNCTUATION,
  resolveFonts,
} from '../../src/report/pdf.js';
import { withoutNumber } from '../../src/report/sheet.js';
import { indicatorCore, indicatorMatch } from '../../src/report/sheet-data.js';
import { runs } from '../helpers/property.js';

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

describe('safe file names', () => {
  const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/;
  const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
  const hostile = [
    '../../etc/passwd',
    '..',
    '.',
    'CON',
    'con.txt',
    'Lpt1',
    'a/b\\c:d*e?f"g<h>i|j',
    '名称. ',
    '   ',
    '县交通局.',
    '“县”‘交通’（局）',
    '\u0000\u0007控制字符',
    '县'.repeat(300),
    'e\u0301lan', // NFD
  ];

  it('are valid on Windows, macOS and Linux whatever the name holds', () => {
    for (const name of hostile) {
      const file = safeFileName(name, '.pdf');
      expect(file, name).not.toMatch(FORBIDDEN);
      expect(file, name).not.toMatch(RESERVED);
      expect(file.endsWith('.pdf')).toBe(true);
      const stem = file.slice(0, -4);
      expect(stem, name).not.toMatch(/^[ .]|[ .]$/);
      expect(stem.length, name).toBeGreaterThan(0);
      expect(Buffer.byteLength(file), name).toBeLessThanOrEqual(180);
      expect(file).toBe(file.normalize('NFC'));
    }
    expect(safeFileName('有关乡镇（街道）', '.pdf')).toBe('有关乡镇（街道）.pdf');
    expect(safeFileName('CON', '.pdf')).toBe('_CON.pdf');
  });

  it('cut long names between characters', () => {
    const cut = cutBytes('县'.repeat(100), 10);
    expect(cut).toBe('县县县');
    expect(safeFileName('县'.repeat(300), '.pdf')).toMatch(/^县+\.pdf$/);
  });

  it('are unique ignoring case', () => {
    const namer = new FileNamer();
    const names = ['CON', 'con', 'A/B', 'A:B', 'a_b', '县交通局', '县交通局'].map((n) => namer.name(n, '.pdf'));
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names.slice(-2)).toEqual(['县交通局.pdf', '县交通局-2.pdf']);
  });

  it('never land outside their folder', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'policy-names-'));
    const dir = path.join(root, 'out');
    const namer = new FileNamer();
    const { mkdir } = await import('node:fs/promises');
    await mkdir(dir);
    for (const name of hostile) await writeFile(insideDir(dir, namer.name(name, '.pdf')), 'x');
    expect(await readdir(root)).toEqual(['out']);
    expect((await readdir(dir)).length).toBe(hostile.length);
    for (const bad of ['../x.pdf', '/etc/x.pdf', 'a/b.pdf', '..', '']) {
      expect(() => insideDir(dir, bad), bad).toThrow(UserError);
    }
  });
});

describe('creationDate', () => {
  it('takes --date, else SOURCE_DATE_EPOCH, else none', () => {
    expect(creationDate({ date: '2026-01-01', env: {} })?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(creationDate({ env: { SOURCE_DATE_EPOCH: '1767225600' } })?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(creationDate({ env: {} })).toBeNull();
    expect(() => creationDate({ date: '2026-02-30' })).toThrow(/^date 2026-02-30: expected a date/); // the CLI adds the --
    expect(() => creationDate({ env: { SOURCE_DATE_EPOCH: 'yesterday' } })).toThrow(/SOURCE_DATE_EPOCH/);
  });
});

describe('fonts', () => {
  it('resolve the bundled Noto faces from node_modules', () => {
    const fonts = resolveFonts();
    expect(fonts.sans).toMatch(/NotoSansSC_400Regular\.ttf$/);
    expect(fonts.serifBold).toMatch(/NotoSerifSC_700Bold\.ttf$/);
  });

  it('refuse a missing or invalid --font in one line naming the file', async () => {
    expect(() => resolveFonts({ font: '/no/such/font.ttf' })).toThrow(/^font \/no\/such\/font\.ttf: file not found$/); // an InvalidOption: the CLI says --font
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-font-'));
    const fake = path.join(dir, 'fake.ttf');
    await writeFile(fake, 'not a font at all');
    expect(() => resolveFonts({ font: fake })).toThrow(new RegExp(`^font ${fake.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: not a TrueType/OpenType font file$`));
    expect(() => resolveFonts({ font: dir })).toThrow(/not a file/);
  });
});

describe('indicators a task touches', () => {
  it('strips unit, quotes and the measure word to the measured subject', () => {
    expect(indicatorCore('常住人口城镇化率（％）')).toBe('常住人口城镇化');
    expect(indicatorCore('政务服务事项“全网通办率”')).toBe('政务服务事项全网通办');
    expect(indicatorCore('城区常住人口占全县常住人口比重')).toBe('城区常住人口占全县常住人口');
    expect(indicatorCore('城乡居民收入比')).toBe('城乡居民收入');
  });

  it('matches the subject (the tail of the name), not a qualifier', () => {
    expect(indicatorMatch('拓宽农民增收渠道，缩小城乡居民收入差距。', '城乡居民收入比')).toBe('城乡居民收入');
    expect(indicatorMatch('完善城乡居民基本养老保险制度。', '城乡居民收入比')).toBeNull();
    expect(indicatorMatch('扩大租赁住房供应渠道。', '新市民保障性租赁住房覆盖率（％）')).toBe('租赁住房');
    expect(indicatorMatch('推进城镇基本公共服务覆盖常住人口。', '常住人口城镇化率（％）')).toBeNull();
    expect(indicatorMatch('全县常住人口城镇化率达到44%。', '常住人口城镇化率（％）')).toBe('常住人口城镇化');
    // Short subjects must appear whole.
    expect(indicatorMatch('全面推行林长制，提高森林质量。', '森林覆盖率')).toBe('森林');
    expect(indicatorMatch('建设城市绿道。', '森林覆盖率')).toBeNull();
  });
});

describe('small helpers', () => {
  it('findSpans finds every occurrence, the longer name winning an overlap', () => {
    const text = '牵头单位：县交通局；责任单位：县交通运输局、交通局';
    const spans = findSpans(text, ['交通局', '县交通局', '县交通运输局']);
    expect(spans.map(([a, b]) => text.slice(a, b))).toEqual(['县交通局', '县交通运输局', '交通局']);
    expect(findSpans(text, [])).toEqual([]);
  });

  it('withoutNumber drops only a leading task number', () => {
    expect(withoutNumber('8. 畅通县内交通网络。', '8')).toBe('畅通县内交通网络。');
    expect(withoutNumber('16 提升城镇国土空间规划水平。', '16')).toBe('提升城镇国土空间规划水平。');
    expect(withoutNumber('（3）加强监管。', '3')).toBe('加强监管。');
    expect(withoutNumber('100亩以上的项目。', '1')).toBe('100亩以上的项目。');
    expect(withoutNumber('畅通县内交通网络。', '8')).toBe('畅通县内交通网络。');
  });

  it('csvField quotes per RFC 4180', () => {
    expect(csvField('县交通局')).toBe('县交通局');
    expect(csvField('IPv6, 5G')).toBe('"IPv6, 5G"');
    expect(csvField('推广"渝快办"')).toBe('"推广""渝快办"""');
    expect(csvField('一行\n两行')).toBe('"一行\n两行"');
  });
});
