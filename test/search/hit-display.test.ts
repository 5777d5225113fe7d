/**
 * What a researcher sees: the clause first rather than its heading, phrases marked whole,
 * titles for long paragraphs, section paths as the document writes them, snippets cut at
 * clause boundaries. Documents from the real pipeline, of several shapes.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { formatText } from '../../src/search/format.js';
import type { SearchEngine } from '../../src/search/search-index.js';
import { buildSearchIndex } from '../../src/search/store.js';
import { documentUnits } from '../../src/search/units.js';
import { ROOT } from '../helpers/fixtures.js';

const FILES = [
  'test/fixtures/search/jiangcheng-rural-roads-2024.txt', // 一、 headings over 1. tasks
  'test/fixtures/shapes/municipal-plan-chapters.txt', // 第X章 / 第X节
  'test/fixtures/compare/qingxi-urbanization-plan-2021-2035.txt',
  'test/fixtures/qa/tianxin-old-community-renovation-2025.txt', // GB18030, long goal paragraph
  'corpus/wuxi-urbanization-plan-2021-2035.txt',
  'test/fixtures/qa/yichun-forest-fire-notice-2025.txt', // tasks （一）…（七）, full-width digits
  'test/fixtures/compare/yunchuan-urbanization-plan-2021-2035.txt', // 表1  … indicator table
];
const docs: PolicyDocument[] = [];
let index: SearchEngine;

beforeAll(async () => {
  for (const f of FILES) docs.push(await ingestFile(path.join(ROOT, f)));
  index = buildSearchIndex(docs);
});

const marked = (h: { snippet: { text: string; highlights: Array<[number, number]> } }) => h.snippet.highlights.map(([a, b]) => h.snippet.text.slice(a, b));

describe('ranking', () => {
  it('a bare heading does not outrank the clauses under it', () => {
    const headings = ['压实养护管理责任', '保障养护资金投入', '提升养护管理水平'];
    const r = index.search('养护', { doc: 'jiangcheng-rural-roads-2024', limit: 20 });
    const titles = r.hits.map((h) => h.title);
    const lastTask = Math.max(...r.hits.map((h, i) => (h.kind === 'task' ? i : -1)));
    for (const heading of headings) expect(titles.indexOf(heading)).toBeGreaterThan(lastTask);
    const r2 = index.search('农业转移人口', { doc: 'wuxi-urbanization-plan-2021-2035', limit: 6 });
    expect(r2.hits.map((h) => h.title)).not.toContain('促进农业转移人口全面融入城市');
  });

  it('a heading is still found when nothing else has its words', () => {
    const r = index.search('压实', { doc: 'jiangcheng-rural-roads-2024' });
    expect(r.hits.map((h) => h.title)).toEqual(['压实养护管理责任']);
    const paths = index.search('落实区县主体责任', { doc: 'jiangcheng-rural-roads-2024' }).hits[0].section;
    expect(paths).toBe('一、压实养护管理责任');
  });

  it('keeps a paragraph that merely starts like a heading', () => {
    const units = documentUnits(docs[3]);
    expect(units.some((u) => u.kind === 'goal' && u.text.includes('加装电梯120台以上'))).toBe(true);
  });
});

describe('what a hit shows', () => {
  it('marks a quoted phrase whole, never its parts alone', () => {
    const r = index.search('"老旧小区"', { limit: 20 });
    expect(r.hits.length).toBeGreaterThan(2);
    for (const h of r.hits) for (const m of marked(h)) expect(m).toBe('老旧小区');
    // Words outside the phrase are marked too.
    const r2 = index.search('"老旧小区" 电梯');
    expect(r2.hits.flatMap(marked)).toEqual(expect.arrayContaining(['老旧小区', '电梯']));
  });

  it('names a query of a lone quote mark without doubling it', () => {
    expect(() => index.search('"')).toThrow(/^query " has nothing/); // the CLI adds search:
  });

  it('shows a task numbered in Chinese by its label: 任务（二）', () => {
    const r = index.search('野外火源', { doc: 'yichun-forest-fire-notice-2025' });
    expect(r.hits[0].label).toBe('（二）');
    expect(formatText(r, false)).toContain('[任务（二）] 加强野外火源管控');
    expect(formatText(index.search('养护', { doc: 'jiangcheng-rural-roads-2024' }), false)).toContain('[任务 5] 推行专业化养护');
  });

  it('marks words that touch as one: 【２４小时】, 【农业转移人口落户】', () => {
    const r = index.search('24小时', { doc: 'yichun-forest-fire-notice-2025' });
    expect(marked(r.hits[0])).toContain('２４小时');
    const w = index.search('农业转移人口落户', { doc: 'wuxi-urbanization-plan-2021-2035' });
    expect(marked(w.hits[0])).toContain('农业转移人口落户');
  });

  it('prints the query once quoted', () => {
    const out = formatText(index.search('"老旧小区"'), false);
    expect(out.split('\n')[0]).toMatch(/ for "老旧小区"/);
    expect(out).not.toContain('""');
  });

  it('gives a long paragraph a title from its opening words, cut at a boundary', () => {
    const r = index.search('电梯', { doc: 'tianxin-old-community-renovation-2025', kind: 'goal' });
    expect(r.hits.length).toBeGreaterThan(0);
    const title = r.hits[0].title;
    expect(title.startsWith('2025—2027年，全区')).toBe(true);
    expect(title.endsWith('…')).toBe(true);
    expect(formatText(r, false)).toContain(`[目标] ${title}`);
  });

  it('shows an indicator table name with single spaces (表1  云川市… as written)', () => {
    const units = documentUnits(docs.find((d) => d.id === 'yunchuan-urbanization-plan-2021-2035')!).filter((u) => u.kind === 'indicator');
    expect(units.length).toBeGreaterThan(0);
    for (const u of units) expect(u.section).not.toMatch(/\s{2}/);
    expect(units[0].section).toBe('表1 云川市新型城镇化主要指标');
  });

  it('writes 第X章 and its title apart in the section path, 一、 and （一） tight', () => {
    const h = index.search('城中村', { doc: 'municipal-plan-chapters' }).hits[0];
    expect(h.section).toBe('第三章 推进城市有机更新 › 第一节 加快老旧片区改造');
    const w = index.search('随迁子女', { doc: 'wuxi-urbanization-plan-2021-2035' }).hits[0];
    expect(w.section).toBe('四、重点任务 › （四）促进农业转移人口全面融入城市');
  });

  it('starts and ends snippets at clause boundaries when one is near', () => {
    for (const q of ['旅游', '宅基地', '随迁子女', '电梯', '充电桩']) {
      for (const h of index.search(q).hits) {
        const t = h.snippet.text;
        expect(t, `${q}: ${t}`).not.toMatch(/^…[，、；：。,;:]/);
        expect(t, `${q}: ${t}`).not.toMatch(/[，、：,:]…$/);
      }
    }
    const h = index.search('随迁子女', { doc: 'wuxi-urbanization-plan-2021-2035' }).hits[0];
    expect(h.snippet.text).toMatch(/^…保障/); // not '…，保障'
  });
});

describe('header and footer over many documents', () => {
  it('say how many documents the clauses come from, and how to see the ones not shown', () => {
    const r = index.search('老旧小区', { limit: 3 });
    const docsWithHits = new Set(index.search('老旧小区', { limit: 1000 }).hits.map((h) => h.doc));
    expect(docsWithHits.size).toBeGreaterThan(1);
    expect(r.total).toBeGreaterThan(3);
    const lines = formatText(r, false).trimEnd().split('\n');
    expect(lines[0]).toBe(`${r.total} clauses for "老旧小区" in ${docsWithHits.size} documents (showing 3)`);
    expect(lines[lines.length - 1]).toBe(`${r.total - 3} more not shown: --limit ${r.total} shows them all`);
    // all shown: no footer
    const all = formatText(index.search('老旧小区', { limit: 1000 }), false)
      .trimEnd()
      .split('\n');
    expect(all[all.length - 1]).not.toMatch(/more not shown/);
  });

  it('name a document given by a prefix with its whole id', () => {
    const r = index.search('养护', { doc: 'jiangcheng', limit: 1 });
    const header = formatText(r, false, { doc: ['jiangcheng'] }).split('\n')[0];
    expect(header).toContain('document jiangcheng-rural-roads-2024');
    expect(header).not.toMatch(/ in \d+ documents/); // one document asked for: no count
  });
});
