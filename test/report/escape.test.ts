import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { comparePlans } from '../../src/compare/compare.js';
import { formatMarkdown } from '../../src/compare/format.js';
import { ingestText } from '../../src/ingest.js';
import { writeSheets } from '../../src/report/sheets.js';
import { escapeHtml, escapeMarkdown } from '../../src/util/escape.js';

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '[链接](javascript:alert(1))',
  '**粗体** _斜体_ `代码`',
  'a | b',
  '&lt;已转义&gt;',
];

describe('escapeHtml', () => {
  it('leaves no markup', () => {
    expect(escapeHtml(`<img src="x" onerror='a'>&`)).toBe('&lt;img src=&quot;x&quot; onerror=&#39;a&#39;&gt;&amp;');
    expect(escapeHtml('推进农业转移人口市民化')).toBe('推进农业转移人口市民化');
  });
});

describe('escapeMarkdown', () => {
  it('leaves no tag, emphasis, link, code or table mark, and keeps Chinese text as is', () => {
    expect(escapeMarkdown('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(escapeMarkdown('[a](b) **c** _d_ `e` f|g \\')).toBe('\\[a\\](b) \\*\\*c\\*\\* \\_d\\_ \\`e\\` f\\|g \\\\');
    expect(escapeMarkdown('&lt;')).toBe('&amp;lt;');
    expect(escapeMarkdown('一行\n两行')).toBe('一行 两行');
    expect(escapeMarkdown('12. 条目')).toBe('12\\. 条目');
    expect(escapeMarkdown('# 标题')).toBe('\\# 标题');
    expect(escapeMarkdown('推进农业转移人口市民化（牵头单位：县公安局）')).toBe('推进农业转移人口市民化（牵头单位：县公安局）');
  });
});

/** A plan whose task titles and units carry markup. */
function hostilePlan(id: string): string {
  const tasks = HOSTILE.map((t, i) => `${i + 1}. ${t}工作。（牵头单位：县财政局${i === 1 ? '<b>' : ''}；责任单位：县交通局）`);
  return ['某县人民政府', `某县<em>重点</em>工作实施方案`, '', '一、重点任务', ...tasks, ''].join('\n') + `\n（${id}）\n`;
}

const noRawMarkup = (text: string) => {
  expect(text).not.toMatch(/<script|<img|<em>|<b>|(?<!\\)\]\(javascript/);
  expect(text).not.toMatch(/(?<!\\)\*\*粗体/);
};

describe('Markdown outputs carry document text escaped', () => {
  it('sheets index.md', async () => {
    const doc = ingestText(hostilePlan('a'), { fileName: 'hostile.txt' });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-escape-'));
    await writeSheets(doc, dir, { date: new Date('2025-01-01') });
    const md = readFileSync(path.join(dir, 'index.md'), 'utf8');
    expect(md).toContain('&lt;em&gt;');
    noRawMarkup(md);
  });

  it('compare --md', () => {
    const a = ingestText(hostilePlan('a'), { fileName: 'hostile-a.txt' });
    const b = ingestText(hostilePlan('b'), { fileName: 'hostile-b.txt' });
    const md = formatMarkdown(comparePlans(a, b));
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('&lt;img src=x onerror=alert(1)&gt;');
    noRawMarkup(md);
  });
});
