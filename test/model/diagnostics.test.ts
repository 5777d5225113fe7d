import { describe, expect, it } from 'vitest';
import { ingestText } from '../../src/ingest.js';
import { DIAGNOSTICS_PER_RULE, summarizeDiagnostics } from '../../src/model/diagnostics.js';
import type { Diagnostic } from '../../src/model/types.js';

const warning = (rule: string, line: number): Diagnostic => ({ severity: 'warning', rule, message: `${rule} at ${line}`, line, column: 1 });

describe('warnings of one kind beyond 20', () => {
  it('are summarised in one diagnostic with the count, the first 20 kept in order', () => {
    const many = [warning('other', 1), ...Array.from({ length: 100 }, (_, i) => warning('count-mismatch', i + 2)), warning('other', 200)];
    const out = summarizeDiagnostics(many);
    expect(out).toHaveLength(1 + DIAGNOSTICS_PER_RULE + 1 + 1);
    expect(out.filter((d) => d.rule === 'count-mismatch')).toHaveLength(DIAGNOSTICS_PER_RULE + 1);
    expect(out[DIAGNOSTICS_PER_RULE + 1]).toEqual({
      severity: 'warning',
      rule: 'count-mismatch',
      message: '… and 80 more count-mismatch warnings like these from here on (100 in all; the first 20 are listed)',
      line: 22,
      column: 1,
    });
    expect(out.at(-1)).toEqual(warning('other', 200));
    // 20 of a kind are listed as they are
    const twenty = many.slice(0, 21);
    expect(summarizeDiagnostics(twenty)).toBe(twenty);
  });

  it('in a 1,200-item document: items numbered 1000 and up are items, and the model carries at most 21 warnings of a kind', () => {
    const lines = ['某县人民政府', '某县重点工作实施方案', '', '一、重点任务'];
    for (let i = 1; i <= 1200; i++) lines.push(`${i}. 第${i}项工作。（牵头单位：县财政局）`);
    lines.push('', '二、保障措施', '', '2024年要加强组织领导。');
    const doc = ingestText(lines.join('\n') + '\n', { fileName: 'many-items.txt' });
    expect(doc.tasks).toHaveLength(1200);
    expect(doc.tasks.slice(998, 1001).map((t) => [t.number, t.title])).toEqual([
      ['999', '第999项工作'],
      ['1000', '第1000项工作'],
      ['1001', '第1001项工作'],
    ]);
    expect(doc.tasks[999].text).not.toContain('1001.');
    const perRule = new Map<string, number>();
    for (const d of doc.diagnostics) perRule.set(d.rule, (perRule.get(d.rule) ?? 0) + 1);
    for (const [rule, n] of perRule) expect(n, rule).toBeLessThanOrEqual(DIAGNOSTICS_PER_RULE + 1);
  });

  it('a year at a line start is not an item: 2024. after item 3 stays text', () => {
    const doc = ingestText('某县实施方案\n\n一、重点任务\n1. 甲项工作。\n2. 乙项工作。\n3. 丙项工作。\n2024. 年度安排另行通知。\n', { fileName: 'year.txt' });
    expect(doc.sections.map((s) => s.label)).toEqual(['一、', '1.', '2.', '3.']);
    expect(doc.sections.some((s) => s.number === '2024')).toBe(false);
  });
});

describe('a document in which nothing is recognised', () => {
  it('gets a warning saying no outline or tasks were recognised', () => {
    const doc = ingestText('这是一段没有任何编号的文字。\n\n又一段文字，没有条目，也没有责任单位。\n', { fileName: 'plain.txt' });
    expect(doc.sections).toEqual([]);
    expect(doc.tasks).toEqual([]);
    expect(doc.diagnostics[0]).toMatchObject({ severity: 'warning', rule: 'nothing-recognised', line: 1, column: 1 });
    expect(doc.diagnostics[0].message).toMatch(/^no outline or tasks were recognised: .*the text is kept as 2 paragraphs$/);
  });

  it('a document with an outline gets no such warning', () => {
    const doc = ingestText('某县实施方案\n\n一、重点任务\n1. 甲项工作。\n', { fileName: 'some.txt' });
    expect(doc.diagnostics.map((d) => d.rule)).not.toContain('nothing-recognised');
  });
});
