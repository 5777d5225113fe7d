/**
 * QA8 user journey, what the commands print: compare's text summary (cut only on a terminal,
 * and only what does not fit), one form for task numbers, search's labels for web-page
 * clutter, marks in text that has 【】 of its own, numbers matched whole, and the help texts.
 * Documents from the real pipeline: the QA7 fixtures and small inline texts of other shapes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Comparison, comparePlans } from '../../src/compare/compare.js';
import { displayWidth, formatMarkdown, formatTerminal } from '../../src/compare/format.js';
import { ingestFile, ingestText } from '../../src/ingest.js';
import { saveDocument } from '../../src/model/store.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { formatText } from '../../src/search/format.js';
import type { SearchEngine } from '../../src/search/search-index.js';
import { buildSearchIndex, writeSearchIndex } from '../../src/search/store.js';
import { runInProcess } from '../helpers/cli.js';
import { fixture, ingestFixture, WUXI_FILE } from '../helpers/fixtures.js';

const COUNTY = fixture('qa7/qichuan-elderly-care-plan-2025.txt');
const CITY = fixture('qa7/yuanning-elderly-care-plan-2025.txt');
const WEB = fixture('qa7/chengyang-web-copy-notice-2025.txt');
const WUXI = WUXI_FILE;

let c: Comparison;
let web: PolicyDocument;
let index: SearchEngine;

let dataDir: string;

beforeAll(async () => {
  const [county, city, wuxi] = await Promise.all([ingestFile(COUNTY), ingestFile(CITY), ingestFile(WUXI)]);
  web = await ingestFile(WEB);
  c = comparePlans(county, city);
  index = buildSearchIndex([web, city, wuxi]);
  // a data folder with the web copy, for the CLI
  dataDir = await mkdtemp(path.join(tmpdir(), 'qa8-cli-'));
  await saveDocument(dataDir, web);
  await writeSearchIndex(dataDir);
});

afterAll(() => rm(dataDir, { recursive: true, force: true }));

const marked = (h: { snippet: { text: string; highlights: Array<[number, number]> } }) => h.snippet.highlights.map(([a, b]) => h.snippet.text.slice(a, b));

/** The lines of the tables (from each rule line to the next blank or indented line) and the coverage strips. */
function tableLines(text: string): string[] {
  const out: string[] = [];
  let inTable = false;
  for (const l of text.split('\n')) {
    if (/^─/.test(l) || /^ *─+  /.test(l)) inTable = true;
    else if (!l.trim() || /^  \S/.test(l)) inTable = false;
    if (inTable || /[█▓░]+  \d+%$/.test(l)) out.push(l);
  }
  return out;
}

describe('compare: the text summary', () => {
  it("piped to a file, cuts nothing: the two plans' measures of 面积 are whole", async () => {
    const r = await runInProcess('compare', COUNTY, CITY);
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toContain('…');
    // A: 生活照料的面积 ≥50 %; B: 生活照料、康复护理的面积 40 % — not the same measure
    expect(r.out).toMatch(/用于老年人生活照料的面积\S*\s+不低于 50%/);
    expect(r.out).toMatch(/用于老年人生活照料、康复护理的面积\S*\s+40%以上/);
  });

  it('as a string with no width given (a library user writing a file), cuts nothing', () => {
    expect(formatTerminal(c)).not.toContain('…');
  });

  it('on a wide terminal cuts nothing; on a narrow one its table lines fit the width', () => {
    const whole = formatTerminal(c, { width: Infinity });
    const widest = Math.max(...whole.split('\n').map(displayWidth));
    expect(formatTerminal(c, { width: widest })).toBe(whole);
    for (const width of [120, 100]) {
      const text = formatTerminal(c, { width });
      expect(text).toContain('…');
      // table rows and the coverage strips fit; free sentences (headers, lists) may wrap
      for (const l of tableLines(text)) expect(displayWidth(l), l).toBeLessThanOrEqual(width);
    }
  });

  it('on a terminal cuts only what does not fit, and a metric keeps its end (what it measures)', () => {
    const width = 120;
    const text = formatTerminal(c, { width });
    const lines = text.split('\n');
    // the task table fits 120 columns whole
    for (const row of formatTerminal(c, { width: Infinity })
      .split('\n')
      .filter((l) => /^（[一二三四五六七八九]）  /.test(l)))
      expect(lines).toContain(row);
    // the targets table is cut just enough to fit, not to a fixed width
    const at = lines.findIndex((l) => l.startsWith('A 的目标'));
    const rows = lines.slice(at + 2, at + 2 + c.targets.length);
    expect(Math.max(...rows.map(displayWidth))).toBeGreaterThanOrEqual(width - 2); // a wide character may not fit the last column
    for (const r of rows) expect(displayWidth(r)).toBeLessThanOrEqual(width);
    // cut in the middle: 乡镇（街道…务中心覆盖率, not 乡镇（街道）综合养老服…
    const cut = rows.map((r) => r.split(/\s{2,}/)[0]).filter((m) => m.includes('…'));
    expect(cut.length).toBeGreaterThan(0);
    for (const m of cut) {
      const whole = c.targets.map((p) => p.a.metric).find((x) => x.startsWith(m.split('…')[0]) && x.endsWith(m.split('…')[1]));
      expect(whole, m).toBeDefined();
    }
  });

  it('names an uncovered task of B in the gap list as it does elsewhere: （二）, not 二', () => {
    const text = formatTerminal(c);
    expect(text).toMatch(/^任务\s+（二）\s+发展家庭养老床位/m);
    expect(text).not.toMatch(/^任务\s+二\s/m);
    expect(formatMarkdown(c)).toMatch(/^\| 任务 \| （二） \| 发展家庭养老床位 \|/m);
    expect(c.uncovered.find((g) => g.title === '发展家庭养老床位')).toMatchObject({ number: '二', label: '（二）' });
    // a task numbered 2. keeps its number
    const plan = (units: string, tasks: string[]) =>
      ingestText(['某县实施方案', '', '一、重点任务', '', ...tasks.map((t) => `${t}（牵头单位：${units}）`)].join('\n\n'), { fileName: 'x.txt' });
    const a = plan('县交通局', ['1.完善农村公路网络。新建农村公路50公里，提升通行能力。']);
    const b = plan('市交通局', ['1.完善农村公路网络。新建农村公路300公里，提升通行能力。', '2.发展智慧养老服务。推广智能监测设备，建设养老服务信息平台。']);
    expect(formatTerminal(comparePlans(a, b))).toMatch(/^任务\s+2\s+发展智慧养老服务/m);
  });
});

describe('search: web-page clutter', () => {
  it('is left out of a search by default: the toolbar, footer and page info answer nothing', async () => {
    for (const q of ['打印', '版权所有', '上一篇', '发布时间']) {
      const r = index.search(q);
      // 发布时间 is two words: clauses with 发布 alone may show, as clauses with some of them
      expect(r.total === 0 || !r.matchedAll, q).toBe(true);
      expect(
        r.hits.map((h) => h.line),
        q,
      ).not.toContain(3); // the 来源/发布时间 line
      expect(r.web, q).toBeGreaterThan(0);
    }
    const text = formatText(index.search('打印'), false);
    expect(text).toMatch(/^No clause matches "打印"\./);
    expect(text).toMatch(/网页/);
    expect(text).toContain('--kind web');
    expect(text).not.toMatch(/Did you mean/); // a word the clutter has is no typo
    const json = await runInProcess('search', '打印', '--json', '--data', dataDir);
    expect(JSON.parse(json.out)).toMatchObject({ total: 0, hits: [], web: 2 });
  });

  it('--kind web finds it, labelled [网页], never [文头]', () => {
    const r = index.search('版权所有', { kind: 'web' });
    expect(r.total).toBe(1);
    expect(r.hits[0].kind).toBe('web');
    expect(formatText(r, false)).toMatch(/^ 1\. \[网页\] 版权所有/m);
    // the page's own title line above its 来源/发布时间 line is clutter too (the notice title follows)
    const title = index.search('县域商业体系建设实施方案', { kind: 'web' });
    expect(title.hits.map((h) => h.line)).toEqual([2]);
    expect(index.search('县域商业体系建设实施方案', { kind: 'header' }).hits.map((h) => h.line)).not.toContain(2);
    // the document's own head and tasks are still found
    expect(index.search('澄府办发', { doc: 'chengyang' }).hits.map((h) => h.kind)).toContain('header');
    expect(index.search('快递进村').total).toBeGreaterThan(0);
  });

  it("ranks below the document's own text when both kinds are asked for", () => {
    const r = index.search('澄阳县人民政府办公室', { kind: ['web', 'header'], limit: 50 });
    const kinds = r.hits.map((h) => h.kind);
    expect(kinds).toContain('web');
    expect(kinds).toContain('header');
    expect(kinds.lastIndexOf('header')).toBeLessThan(kinds.indexOf('web'));
  });
});

describe('search: marks in text that has 【】 of its own', () => {
  it('are not doubled into 【【打印】】 in piped output', () => {
    const text = formatText(index.search('打印', { kind: 'web' }), false);
    expect(text).not.toMatch(/【【|】】/);
    expect(text).toContain('【字体：大 中 小】【〖打印〗】【关闭】');
  });

  it('a 【责任单位】 clause line keeps its brackets readable', async () => {
    const lanxi = await ingestFixture('qa8/lanxi-action-plan-2026.txt');
    const text = formatText(buildSearchIndex([lanxi]).search('责任单位', { limit: 3 }), false);
    expect(text).toContain('【〖责任单位〗】');
    expect(text).not.toMatch(/【【|】】/);
    // without brackets of its own a snippet keeps the documented 【】 marks
    expect(formatText(buildSearchIndex([web]).search('快递'), false)).toContain('【快递】');
  });
});

describe('search: numbers in a query match whole numbers', () => {
  it('5%—8% does not match 95% or 98% or 85%', () => {
    const r = index.search('5%—8%', { limit: 20 });
    expect(r.total).toBeGreaterThan(0);
    for (const h of r.hits) {
      for (const [s] of h.snippet.highlights) expect(h.snippet.text[s - 1] ?? '', h.snippet.text).not.toMatch(/[0-9.０-９]/);
      expect(marked(h).every((m) => /^(5%|8%)/.test(m))).toBe(true);
    }
    expect(r.hits.map((h) => h.doc)).not.toContain('wuxi-urbanization-plan-2021-2035');
  });

  it('a number is not found inside a longer one, before or after its point', () => {
    const text = (target: string) =>
      ingestText(['某县实施方案', '', '一、重点任务', '', `1.提升服务水平。到2027年，服务覆盖率达到${target}。（牵头单位：县民政局）`].join('\n\n'), {
        fileName: `plan-${target.replace(/\W/g, '')}.txt`,
      });
    const docs = ['95%', '5.5%', '15%', '5%以上', '50%'].map(text);
    const idx = buildSearchIndex(docs);
    const found = (q: string) => idx.search(q).hits.map((h) => h.snippet.text.match(/达到([^。]*)。/)?.[1]);
    expect(found('5%')).toEqual(['5%以上']);
    expect(found('5')).toEqual(['5%以上']);
    expect(found('0.5')).toEqual([]);
    expect(found('"覆盖率达到5"')).toEqual(['5%以上']);
    // the year is a number too: 202 is not in 2027
    expect(idx.search('202').total).toBe(0);
    expect(idx.search('2027').total).toBe(5);
  });
});

describe('help texts', () => {
  it('compare --help describes the prose targets table (正文中的量化目标)', async () => {
    const r = await runInProcess('compare', '--help');
    expect(r.out).toContain('正文中的量化目标');
    expect(r.out).toMatch(/range|范围/);
    expect(r.out).toMatch(/year/);
  });

  it('search --help names what a hit can be, web-page clutter included', async () => {
    const r = await runInProcess('search', '--help');
    for (const k of ['任务', '指标', '段落', '网页', 'web']) expect(r.out).toContain(k);
  });
});
