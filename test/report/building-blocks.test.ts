import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/model/errors.js';
import { creationDate } from '../../src/report/dates.js';
import { csvField } from '../../src/report/export.js';
import { cutBytes, FileNamer, insideDir, safeFileName } from '../../src/report/filenames.js';
import { resolveFonts } from '../../src/report/pdf/fonts.js';
import { findSpans } from '../../src/report/pdf/line-break.js';
import { withoutNumber } from '../../src/report/sheet.js';
import { indicatorCore, indicatorMatch } from '../../src/report/sheet-data.js';

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
