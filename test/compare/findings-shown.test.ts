/** What an analyst reads: lead units compared only when both plans name one; headings as written. */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Comparison, comparePlans } from '../../src/compare/compare.js';
import { formatMarkdown, formatTerminal } from '../../src/compare/format.js';
import { leadLine, renderComparisonPdf } from '../../src/compare/pdf.js';
import { ingestFile } from '../../src/ingest.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { fixture, ingestFixture, WUXI_FILE } from '../helpers/fixtures.js';
import { pdfText } from '../helpers/report.js';

let county: Comparison; // 青溪 county plan ↔ 云川 municipal plan, whose 3.1.x tasks have no clause
let otherTopic: Comparison; // Wuxi ↔ an 产教融合 opinion: nothing in common
let qingxiDoc: PolicyDocument;
let yunchuanDoc: PolicyDocument;

beforeAll(async () => {
  const qingxi = await ingestFixture('compare/qingxi-urbanization-plan-2021-2035.txt');
  const yunchuan = await ingestFixture('compare/yunchuan-urbanization-plan-2021-2035.txt');
  const wuxi = await ingestFile(WUXI_FILE);
  const jiangxi = await ingestFixture('qa/jiangxi-industry-education-opinions.txt');
  county = comparePlans(qingxi, yunchuan);
  [qingxiDoc, yunchuanDoc] = [qingxi, yunchuan];
  otherTopic = comparePlans(wuxi, jiangxi);
});

describe('lead units', () => {
  it('are not called different when B names no lead unit', () => {
    const t = county.tasks.find((x) => x.matches[0]?.kind === 'task' && x.matches[0].lead?.length === 0 && x.lead.length > 0 && x.verdict !== 'none');
    expect(t).toBeDefined();
    const row = formatMarkdown(county)
      .split('\n')
      .find((l) => l.startsWith(`| ${t!.number} |`))!;
    expect(row).not.toContain('≠');
    expect(row).toContain('B 未列牵头单位');
    expect(leadLine(t!)).toContain('B 未列牵头单位');
    expect(leadLine(t!)).not.toContain('不一致');
  });

  it('say which plan names no lead unit when it is A, not "A 未列 · 县…牵头单位"', () => {
    const reverse = comparePlans(yunchuanDoc, qingxiDoc); // 云川's 3.1.x tasks have no clause
    const t = reverse.tasks.find((x) => x.lead.length === 0 && (x.matches[0]?.lead?.length ?? 0) > 0 && x.verdict !== 'none');
    expect(t).toBeDefined();
    const row = formatMarkdown(reverse)
      .split('\n')
      .find((l) => l.startsWith(`| ${t!.number} |`))!;
    expect(row).toContain(`A 未列牵头单位 · ${t!.matches[0].lead!.join('、')}`);
    expect(row).not.toContain('≠');
  });

  it('still flags leads that differ', () => {
    const row = formatMarkdown(county)
      .split('\n')
      .find((l) => l.includes('推进城乡供水一体化'))!;
    expect(row).toContain('县水利局 ≠ 市城市管理局');
  });
});

describe('verdicts across topics', () => {
  it('finds no counterpart in a plan on another subject', () => {
    expect(otherTopic.tasks.every((t) => t.verdict === 'none')).toBe(true);
  });

  it('writes section matches as the document does (一、总体要求, not 一、 总体要求)', () => {
    const out = formatTerminal(otherTopic);
    expect(out).toContain('一、总体要求');
    expect(formatMarkdown(otherTopic)).not.toMatch(/[、）] [^|↔]/);
    expect(out).not.toMatch(/(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）) \S/);
  });
});

describe('PDF', () => {
  it('keeps lead unit names whole in the table of A-only tasks', async () => {
    const a = await ingestFile(WUXI_FILE);
    const b = await ingestFixture('qa/jiangxi-industry-education-opinions.txt');
    const bytes = await renderComparisonPdf(otherTopic, a, b, { date: new Date(Date.UTC(2026, 0, 1)) });
    const lines = (await pdfText(bytes)).segments.flat().join('\n');
    const names = new Set(otherTopic.tasks.flatMap((t) => t.lead));
    expect(names.size).toBeGreaterThan(10);
    for (const name of names) expect(lines, name).toContain(name);
  });
});

describe('tasks numbered in Chinese', () => {
  it('are listed as （一）… in A-only tasks, not "一."', async () => {
    const jiangxi = await ingestFixture('qa/jiangxi-industry-education-opinions.txt');
    const wuxi = await ingestFile(WUXI_FILE);
    const c = comparePlans(jiangxi, wuxi);
    expect(c.tasks[0].label).toBe('（一）');
    const out = formatTerminal(c) + formatMarkdown(c);
    expect(out).not.toMatch(/[一二三四五六七八九十]\. /);
    expect(out).toMatch(/（一）建设市域产教联合体/);
    // the 序号 column of the task tables too, as the sheets write it: （一）, not 一
    expect(formatTerminal(c)).toMatch(/^\s*（一）\s+建设市域产教联合体/m);
    expect(formatMarkdown(c)).toContain('| （一） | 建设市域产教联合体 |');
  });
});

describe('section matches', () => {
  it('name a 第二节 with its chapter when every chapter has one', async () => {
    const wuxi = await ingestFile(WUXI_FILE);
    const yunchuan = await ingestFixture('compare/yunchuan-urbanization-plan-2021-2035.txt');
    const c = comparePlans(wuxi, yunchuan);
    const labels = c.tasks
      .flatMap((t) => t.matches)
      .filter((m) => m.kind === 'section')
      .map((m) => m.number ?? '');
    expect(labels.length).toBeGreaterThan(0);
    for (const l of labels.filter((x) => /节$/.test(x))) expect(l).toMatch(/^第.+章第.+节$/);
    expect(formatTerminal(c)).toContain('第十章第二节 强化要素保障');
  });
});

describe('findings on a short-task city plan: citation', () => {
  // The bundled county plan (A, 27 long tasks) against a newcomer's 5-task city plan (B).
  let wuxi: PolicyDocument;
  let short: PolicyDocument;
  beforeAll(async () => {
    wuxi = await ingestFile(WUXI_FILE);
    short = await ingestFixture('compare/shancheng-short-tasks-city-plan.txt');
  });
  describe('citation', () => {
    it('a plan compared with itself does not cite itself (its covering 通知 names its own title)', () => {
      // the covering 通知 names the plan's own title: no reference (the extractor leaves it out)
      expect(wuxi.references.some((r) => r.title.includes('巫溪县新型城镇化实施方案'))).toBe(false);
      const self = comparePlans(wuxi, wuxi);
      expect(self.citesB).toBe(false);
      expect(self.references).toEqual([]);
      expect(self.citedByB).toEqual([]);
      expect(formatTerminal(self)).toContain('A 引用 B：否');
    });

    it('a covering 通知 that names its own plan does not count; a different plan citing B still does', () => {
      // 山城's 通知 names 《山城市新型城镇化规划（2021—2035年）》, its own title.
      expect(short.references.some((r) => r.title.includes('山城市新型城镇化规划'))).toBe(false);
      expect(comparePlans(short, short).citesB).toBe(false);
      expect(county.citesB).toBe(true);
    });
  });
});

describe('findings on a short-task city plan: Markdown', () => {
  // The bundled county plan (A, 27 long tasks) against a newcomer's 5-task city plan (B).
  let wuxi: PolicyDocument;
  let short: PolicyDocument;
  let c: Comparison;
  beforeAll(async () => {
    wuxi = await ingestFile(WUXI_FILE);
    short = await ingestFixture('compare/shancheng-short-tasks-city-plan.txt');
    c = comparePlans(wuxi, short);
  });
  describe('Markdown output', () => {
    it('A-only tasks numbered 1. 2. are not rendered as nested ordered lists', () => {
      const md = formatMarkdown(c);
      const section = md.split('## A 独有的任务')[1].split('\n## ')[0];
      const items = section.split('\n').filter((l) => l.startsWith('- '));
      expect(items.length).toBeGreaterThan(3);
      for (const l of items) expect(l, l).not.toMatch(/^- \d+\. /);
      expect(section).toContain('- 1\\. 全面融入推动成渝地区双城经济圈建设');
    });

    it('explains the ✓ and ≠ marks of the lead-unit column', () => {
      const md = formatMarkdown(county);
      expect(md).toMatch(/\| [^|]* ≠ [^|]* \|/);
      expect(md).toMatch(/^.*✓.*同一单位.*≠.*$/m);
    });
  });
});

describe('findings on a short-task city plan: section paths', () => {
  let c: Comparison;
  beforeAll(async () => {
    c = comparePlans(await ingestFile(WUXI_FILE), await ingestFixture('compare/shancheng-short-tasks-city-plan.txt'));
  });
  describe('section paths', () => {
    it('are written with their labels and › as in search: 四、重点任务 › （一）…', () => {
      const t = c.tasks.find((x) => x.number === '1')!;
      expect(t.section).toMatch(/^[一二三四五六七八九十]+、重点任务 › （一）积极构建城镇化空间格局$/);
      expect(t.matches[0].section).toBe('三、重点任务');
    });

    it('a gap row keeps the 三、 of its section', () => {
      const gap = c.uncovered.find((g) => g.kind === 'task');
      expect(gap).toBeDefined();
      expect(gap!.section).toBe('三、重点任务');
      expect(formatTerminal(c)).not.toMatch(/ 重点任务\s*$/m);
    });
  });
});

describe('units of a short plan', () => {
  it('a section whose prose is one paragraph under its heading line is one unit, not two', async () => {
    const c = comparePlans(await ingestFile(WUXI_FILE), await ingestFixture('compare/shancheng-short-tasks-city-plan.txt'));
    // 一、总体要求 is a heading line and one sentence: one cell, not the section and its paragraph.
    const general = c.coverage.find((s) => s.title === '总体要求')!;
    expect(general.counted).toBe('prose');
    expect(general.cells).toHaveLength(1);
  });
});

describe('terminal summary piped to a file', () => {
  it('is not cut: section names and titles are whole, as in every other command', async () => {
    const { runInProcess } = await import('../helpers/cli.js');
    const a = fixture('compare/yunchuan-urbanization-plan-2021-2035.txt');
    const b = fixture('compare/qingxi-urbanization-plan-2021-2035.txt');
    const { code, out } = await runInProcess('compare', a, b);
    expect(code).toBe(0);
    expect(out).not.toContain('…');
    expect(out).toContain('二、重点任务 › （二）推进农业转移人口市民化');
  });
});
