import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Comparison, comparePlans } from '../../src/compare/compare.js';
import { displayWidth, formatMarkdown, formatTerminal } from '../../src/compare/format.js';
import { indicatorKey, indicatorNameSimilarity, lcsLength } from '../../src/compare/indicators.js';
import { renderComparisonPdf } from '../../src/compare/pdf.js';
import { citesTitle, titleKey } from '../../src/compare/references.js';
import { TfIdfSpace } from '../../src/compare/similarity.js';
import { ingestFile } from '../../src/ingest.js';
import { runInProcess } from '../helpers/cli.js';
import { fixture as fixturePath, WUXI_FILE } from '../helpers/fixtures.js';

const fixture = (name: string) => fixturePath('compare', name);
const COUNTY = fixture('qingxi-urbanization-plan-2021-2035.txt');
const CITY = fixture('yunchuan-urbanization-plan-2021-2035.txt');
const WUXI = WUXI_FILE;

let dir: string;

/** Run the CLI in-process; returns exit code and what it wrote. */
const run = runInProcess;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'policy-compare-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('policy compare --json', () => {
  it('prints the documented shape for two files ingested on the fly', async () => {
    const r = await run('compare', COUNTY, CITY, '--json', '--data', path.join(dir, 'none'));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining(['a', 'b', 'tasks', 'uncovered', 'indicators', 'references', 'departments', 'coverage', 'thresholds']),
    );
    expect(j.a.id).toBe('qingxi-urbanization-plan-2021-2035');
    expect(j.b.title).toBe('云川市新型城镇化规划（2021—2035年）');
    expect(j.tasks).toHaveLength(16);
    for (const t of j.tasks) {
      expect(Object.keys(t)).toEqual(expect.arrayContaining(['number', 'title', 'verdict', 'matches']));
      expect(['counterpart', 'weak', 'none']).toContain(t.verdict);
      for (const m of t.matches) {
        expect(Object.keys(m)).toEqual(expect.arrayContaining(['kind', 'number', 'title', 'section', 'score']));
        expect(['task', 'section', 'paragraph']).toContain(m.kind);
        expect(m.score).toBeGreaterThan(0);
        expect(m.score).toBeLessThanOrEqual(1);
      }
      // Matches best first.
      const scores = t.matches.map((m: { score: number }) => m.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
    }
    const transport = j.tasks.find((t: { title: string }) => t.title === '完善县乡村交通网络');
    expect(transport.matches[0]).toMatchObject({ kind: 'task', title: '完善县乡村交通网络' });
    expect(transport.matches[0].section).toContain('构建便捷综合交通体系');
    expect(j.uncovered.map((g: { title: string }) => g.title)).toContain('提高城市治理水平');
    expect(j.indicators[0]).toMatchObject({ name: '全县常住人口城镇化率', a: { name: '全县常住人口城镇化率' }, b: { name: '常住人口城镇化率' } });
    expect(j.references).toEqual([expect.objectContaining({ title: '云川市新型城镇化规划(2021-2035年)' })]);
  });

  it('resolves ingested document ids from --data', async () => {
    const data = path.join(dir, 'data');
    const ingest = await run('ingest', COUNTY, CITY, '--data', data);
    expect(ingest.code, ingest.err).toBe(0);
    const byId = await run('compare', 'qingxi-urbanization-plan-2021-2035', 'yunchuan-urbanization-plan-2021-2035', '--json', '--data', data);
    expect(byId.code, byId.err).toBe(0);
    const byFile = await run('compare', COUNTY, CITY, '--json');
    expect(JSON.parse(byId.out).tasks).toEqual(JSON.parse(byFile.out).tasks);
  });
});

describe('policy compare: bad input', () => {
  it('an unknown id names the argument and the data folder', async () => {
    const r = await run('compare', 'no-such-plan', CITY, '--data', path.join(dir, 'empty'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^policy: A "no-such-plan": not a file, and .*empty: data folder not found/);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('a missing file path says so', async () => {
    const r = await run('compare', COUNTY, path.join(dir, 'missing.txt'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/missing\.txt: no such file \(B\)/);
  });

  it('an unreadable --aliases file is named', async () => {
    const r = await run('compare', COUNTY, CITY, '--aliases', path.join(dir, 'no-aliases.json'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no-aliases\.json: cannot read alias file/);
  });

  it('two output formats at once are refused', async () => {
    const r = await run('compare', COUNTY, CITY, '--json', '--md');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--json, --md: choose one output format/);
  });

  it('thresholds must be numbers from 0 to 1, weak not above counterpart', async () => {
    expect((await run('compare', COUNTY, CITY, '--counterpart', '1.5')).err).toMatch(/--counterpart: must be a number from 0 to 1, got "1.5"/);
    expect((await run('compare', COUNTY, CITY, '--weak', 'abc')).err).toMatch(/--weak: must be a number/);
    expect((await run('compare', COUNTY, CITY, '--counterpart', '0.2', '--weak', '0.3')).err).toMatch(/--weak \(0.3\) must not exceed --counterpart \(0.2\)/);
  });
});

describe('policy compare: terminal and Markdown', () => {
  let c: Comparison;
  beforeAll(async () => {
    c = comparePlans(await ingestFile(COUNTY), await ingestFile(CITY));
  });

  it('terminal: the task table columns line up in display width (CJK = 2 columns)', () => {
    const text = formatTerminal(c);
    const lines = text.split('\n');
    const head = lines.findIndex((l) => l.startsWith('序号'));
    expect(head).toBeGreaterThan(0);
    const verdictCol = displayWidth(lines[head].slice(0, lines[head].indexOf('判断')));
    const rows = lines.slice(head + 2, head + 2 + c.tasks.length);
    for (const row of rows) {
      const at = ['对应', '弱相关', '无对应'].map((v) => row.indexOf(`  ${v}  `)).find((i) => i >= 0)!;
      expect(displayWidth(row.slice(0, at + 2)), row).toBe(verdictCol);
    }
    expect(text).not.toMatch(/\x1b\[/);
    expect(formatTerminal(c, { color: true })).toMatch(/\x1b\[32m对应\x1b\[0m/);
  });

  it('terminal: names the citation, the gaps, the indicators and the corresponding units', () => {
    const text = formatTerminal(c);
    expect(text).toContain('A 引用 B：是');
    expect(text).toContain('《云川市新型城镇化规划(2021-2035年)》');
    expect(text).toMatch(/章节\s+第七章\s+提高城市治理水平/);
    expect(text).toMatch(/全县常住人口城镇化率\s+41\.5（2020） → 48（2025）\s+常住人口城镇化率\s+62\.3（2020） → 67（2025），75（2035）/);
    expect(text).toMatch(/县交通运输局\s+市交通局/);
    // targets the text states, with where each figure stands
    expect(text).toMatch(/随迁子女在公办学校就读比例\s+95%以上（2025年，文 \d+ 行）\s+随迁子女在公办学校就读比例\s+95%以上（2025年，文 \d+ 行）/);
    expect(text).toMatch(/常住人口城镇化率\s+58%左右（2035年，文 \d+ 行）\s+常住人口城镇化率\s+75%（2035年，表 \d+ 行）/);
  });

  it('names a B task numbered in Chinese as B writes it: 任务（五）, not 任务五', async () => {
    const wuxi = await ingestFile(WUXI_FILE);
    const notice = await ingestFile(fixturePath('qa/yichun-forest-fire-notice-2025.txt'));
    const both = comparePlans(wuxi, notice);
    const text = formatTerminal(both);
    expect(text).toMatch(/任务（[一二三四五六七]）[^ ]/);
    expect(text).not.toMatch(/任务[一二三四五六七] /);
    expect(both.tasks[0].matches[0]).toMatchObject({ kind: 'task', label: expect.stringMatching(/^（[一二三四五六七]）$/) });
  });

  it('Markdown: tables of pairs, gaps and indicators', async () => {
    const r = await run('compare', COUNTY, CITY, '--md');
    expect(r.code).toBe(0);
    expect(r.out).toBe(formatMarkdown(c));
    const md = r.out;
    expect(md).toMatch(/^# 规划对照：青溪县新型城镇化实施方案（2021—2035年） ↔ 云川市新型城镇化规划（2021—2035年）$/m);
    expect(md).toContain('| 序号 | A 的任务 | 判断 | 相似度 | B 中的对应（相似度） | 牵头单位（A ↔ B） |');
    expect(md).toMatch(/^\| 8 \| 完善县乡村交通网络 \| 对应 \| 0\.\d\d \| 任务5\.2\.3 完善县乡村交通网络（0\.\d\d）.* \| 县交通运输局 ✓ 市交通局 \|$/m);
    expect(md).toMatch(/^\| 9 \| 推进城乡供水一体化 \| 弱相关 \|.* \| 县水利局 ≠ 市城市管理局 \|$/m);
    expect(md).toMatch(/^\| 章节 \| 第七章 \| 提高城市治理水平 \| — \| 未承接 \|/m);
    expect(md).toMatch(/^\| 城镇新增就业 \| 人 \| 3200（2020） → 3500（2025） \| 城镇新增就业人数 \| 万人 \|/m);
    // Escaped, or Markdown reads "15." as a nested ordered list.
    expect(md).toContain('- 15\\. 发展富硒茶叶产业');
    expect(md).toMatch(/^## 正文中的量化目标$/m);
    expect(md).toMatch(/^\| 乡镇通三级及以上公路比例 \| 100%（2025年，文 \d+ 行） \| 乡镇通三级及以上公路比例 \| 100%（2025年，文 \d+ 行） \| 1\.00 \|$/m);
    // A pipe inside a cell would break the table: every table row has as many cells as its header.
    const tables = md.split('\n\n').filter((b) => b.startsWith('|'));
    for (const t of tables) {
      const rows = t.split('\n').filter(Boolean);
      const n = rows[0].split(/(?<!\\)\|/).length;
      for (const row of rows) expect(row.split(/(?<!\\)\|/).length, row).toBe(n);
    }
  });
});

describe('policy compare --pdf', () => {
  async function pdfText(file: string): Promise<{ pages: number; text: string }> {
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(await readFile(file)), verbosity: 0 }).promise;
    let text = '';
    for (let i = 1; i <= doc.numPages; i++) {
      const content = await (await doc.getPage(i)).getTextContent();
      text += content.items.map((item) => ('str' in item ? item.str : '')).join('') + '\n';
    }
    return { pages: doc.numPages, text: text.replace(/\s+/g, '') };
  }

  it('writes a report whose text holds the pair titles, the gaps and the indicators', async () => {
    const file = path.join(dir, 'report.pdf');
    const r = await run('compare', COUNTY, CITY, '--pdf', file, '--date', '2024-01-02');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`${file}: PDF report`);
    const { pages, text } = await pdfText(file);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(text).toContain('规划对照报告');
    expect(text).toContain('B各章节承接情况');
    // Both titles of pairs, side by side.
    expect(text).toContain('A：实施县城老旧小区改造');
    expect(text).toContain('B：推进城镇老旧小区改造');
    expect(text).toContain('A：加强青溪河流域生态保护修复');
    expect(text).toContain('B：推进河湖生态保护修复');
    expect(text).toContain('发展富硒茶叶产业');
    expect(text).toContain('牵头单位：A县交通运输局；B市交通局（上下级对应）');
    expect(text).toContain('提高城市治理水平');
    expect(text).toContain('城镇新增就业人数');
    expect(text).toContain('正文中的量化目标');
    expect(text).toContain('随迁子女在公办学校就读比例');
    // A fixed --date gives the same bytes again.
    const again = path.join(dir, 'again.pdf');
    await run('compare', COUNTY, CITY, '--pdf', again, '--date', '2024-01-02');
    expect((await readFile(again)).equals(await readFile(file))).toBe(true);
  });

  it('renders a self-comparison of the bundled plan', async () => {
    const doc = await ingestFile(WUXI);
    const bytes = await renderComparisonPdf(comparePlans(doc, doc), doc, doc, { date: new Date('2024-01-02T00:00:00Z') });
    const file = path.join(dir, 'self.pdf');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, bytes));
    const { text } = await pdfText(file);
    expect(text).toContain('A：全面融入推动成渝地区双城经济圈建设');
    expect(text).toContain('B：全面融入推动成渝地区双城经济圈建设');
  });
});

describe('compare building blocks', () => {
  it('indicator names: units, quotes and scope words do not matter; substitutions do', () => {
    expect(indicatorKey('常住人口城镇化率（％）')).toBe('常住人口城镇化率');
    expect(indicatorKey('全县常住人口城镇化率(%)')).toBe('常住人口城镇化率');
    expect(indicatorNameSimilarity('常住人口城镇化率（％）', '常住人口城镇化率')).toBe(1);
    expect(indicatorNameSimilarity('城乡居民收入比', '城乡居民人均可支配收入比')).toBeCloseTo(14 / 19, 6);
    expect(indicatorNameSimilarity('常住人口城镇化率', '户籍人口城镇化率')).toBeCloseTo(12 / 16, 6);
    expect(indicatorNameSimilarity('城市公共交通机动化出行分担率（%）', '城区公交站点500米覆盖率（％）')).toBeLessThan(0.4);
    expect(lcsLength('abcde', 'ace')).toBe(3);
  });

  it('citation titles: brackets, dashes and widths fold; the period may be left out', () => {
    expect(titleKey('云川市新型城镇化规划(2021-2035年)')).toBe(titleKey('云川市新型城镇化规划（2021—2035年）'));
    expect(citesTitle('云川市新型城镇化规划（２０２１～２０３５年）', '云川市新型城镇化规划（2021—2035年）')).toBe(true);
    expect(citesTitle('云川市新型城镇化规划', '云川市新型城镇化规划（2021—2035年）')).toBe(true);
    expect(citesTitle('云川市国土空间总体规划（2021—2035年）', '云川市新型城镇化规划（2021—2035年）')).toBe(false);
    expect(citesTitle('规划', '规划（2021—2035年）')).toBe(false);
  });

  it('TF-IDF cosine: identical texts 1, disjoint 0, shared rare words weigh more than shared common ones', () => {
    const space = new TfIdfSpace([
      ['推进', '老旧小区', '改造'],
      ['推进', '老旧小区', '改造'],
      ['推进', '海绵城市'],
      ['推进', '老旧小区', '电梯'],
      ['推进', '综合管廊', '改造'],
      ['农村', '宅基地'],
    ]);
    expect(space.cosine(0, 1)).toBeCloseTo(1, 9);
    expect(space.cosine(0, 5)).toBe(0);
    // 老旧小区 (3 units) is rarer than 推进 (5 units): sharing it counts for more.
    expect(space.cosine(0, 3)).toBeGreaterThan(space.cosine(0, 2));
  });
});

describe('compare text helpers (properties)', async () => {
  const fc = await import('fast-check');
  const { truncate, padEnd } = await import('../../src/compare/format.js');
  const cjkText = fc.string({ unit: fc.constantFrom(...'推进城镇化ab12（）％—、。'.split('')), maxLength: 40 });

  it('truncate never exceeds the width and keeps short text whole', () => {
    fc.assert(
      fc.property(cjkText, fc.integer({ min: 2, max: 50 }), (s, w) => {
        const t = truncate(s, w);
        expect(displayWidth(t)).toBeLessThanOrEqual(Math.max(w, 1));
        if (displayWidth(s) <= w) expect(t).toBe(s);
      }),
    );
  });

  it('padEnd reaches the width exactly when the text is narrower', () => {
    fc.assert(
      fc.property(cjkText, fc.integer({ min: 0, max: 90 }), (s, w) => {
        const p = padEnd(s, w);
        expect(displayWidth(p)).toBe(Math.max(w, displayWidth(s)));
      }),
    );
  });

  it('a title always cites itself, whatever brackets and dashes it is typed with', () => {
    const typed = fc.record({
      name: fc.constantFrom('云川市新型城镇化规划', '青溪县国土空间总体规划', '某省综合交通运输发展规划'),
      open: fc.constantFrom('（', '(', '〔'),
      close: fc.constantFrom('）', ')', '〕'),
      dash: fc.constantFrom('—', '-', '－', '～', '–', '至'),
    });
    fc.assert(
      fc.property(typed, typed, (x, y) => {
        const a = `${x.name}${x.open}2021${x.dash}2035年${x.close}`;
        const b = `${x.name}${y.open}2021${y.dash}2035年${y.close}`;
        expect(citesTitle(a, b)).toBe(true);
        if (x.name !== y.name) expect(citesTitle(a, `${y.name}（2021—2035年）`)).toBe(false);
      }),
    );
  });
});
