/**
 * Issue 11, item 8: verdicts an analyst would dispute. A county plan implementing a municipal
 * one (test/fixtures/compare/zhanghe-… ↔ yushan-…), written with the three shapes of the issue:
 * near-identical task titles over bodies of very different length (全面融入…生态优先绿色发展 ↔
 * 推动…生态优先绿色发展), a pair scoring just under the counterpart threshold (0.348), and a
 * 保障措施 part on both sides in different words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type Comparison, comparePlans, safeguardPart } from '../../src/compare/compare.js';
import { formatMarkdown, formatTerminal, scoreText, VERDICT_LABEL } from '../../src/compare/format.js';
import { ingestFile } from '../../src/ingest.js';
import { runInProcess } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';

const COUNTY = fixture('compare/zhanghe-city-cluster-implementation-2023-2030.txt');
const CITY = fixture('compare/yushan-city-cluster-plan-2023-2030.txt');

let c: Comparison;
beforeAll(async () => {
  c = comparePlans(await ingestFile(COUNTY), await ingestFile(CITY));
});

const task = (title: string) => c.tasks.find((t) => t.title === title)!;

/** Rows of a table of verdicts and scores: [verdict label, displayed score]. */
function verdictRows(text: string): [string, number][] {
  const out: [string, number][] = [];
  for (const m of text.matchAll(/(对应|弱相关|无对应)\s*\|?\s*(\d\.\d+)/g)) out.push([m[1], Number(m[2])]);
  return out;
}

function consistent(label: string, shown: number, counterpart: number, weak: number): boolean {
  if (label === VERDICT_LABEL.counterpart) return shown >= counterpart;
  if (label === VERDICT_LABEL.weak) return shown >= weak && shown < counterpart;
  return shown < weak;
}

describe('near-identical titles', () => {
  it("a task whose title is the municipal task's but for the verb is its counterpart, however long its body", () => {
    const t = task('全面融入沣江上游城镇群生态优先绿色发展');
    expect(t.matches[0]).toMatchObject({ kind: 'task', title: '推动沣江上游城镇群生态优先绿色发展' });
    expect(t.verdict).toBe('counterpart');
    expect(c.uncovered.map((g) => g.title)).not.toContain('推动沣江上游城镇群生态优先绿色发展');
  });

  it('titles that differ in their subject get nothing from their shared words (推行县城网格化管理 stays weak)', () => {
    expect(task('推行县城网格化管理').verdict).toBe('weak');
    expect(task('发展县域富硒农产品加工').verdict).toBe('none');
  });
});

describe('displayed scores never contradict the thresholds', () => {
  it('0.348 is shown as 0.34 under 对应 ≥ 0.35, in the terminal and in Markdown', () => {
    expect(task('推行县城网格化管理').score).toBe(0.348);
    const terminal = formatTerminal(c);
    expect(terminal).toContain('对应 ≥ 0.35');
    expect(terminal).toMatch(/推行县城网格化管理\s+弱相关\s+0\.34\s/);
    for (const [label, shown] of verdictRows(terminal)) expect(consistent(label, shown, 0.35, 0.2), `${label} ${shown}`).toBe(true);
    for (const [label, shown] of verdictRows(formatMarkdown(c))) expect(consistent(label, shown, 0.35, 0.2), `${label} ${shown}`).toBe(true);
  });

  it('whatever the thresholds (3 decimals from the CLI), every task row agrees with its header', () => {
    const scores = [...new Set(c.tasks.map((t) => t.score))].filter((s) => s > 0.01 && s < 0.99);
    for (const s of scores) {
      for (const counterpart of [s - 0.001, s, s + 0.001, s + 0.004].map((x) => Math.round(x * 1000) / 1000)) {
        const weak = Math.min(0.1, counterpart);
        const other = {
          ...c,
          tasks: c.tasks.map((t) => ({
            ...t,
            verdict: t.score >= counterpart ? ('counterpart' as const) : t.score >= weak ? ('weak' as const) : ('none' as const),
          })),
          thresholds: { ...c.thresholds, counterpart, weak },
        };
        const terminal = formatTerminal(other);
        expect(terminal).toContain(`对应 ≥ ${counterpart}`);
        for (const [label, shown] of verdictRows(terminal))
          expect(consistent(label, shown, counterpart, weak), `≥ ${counterpart}: ${label} ${shown}`).toBe(true);
      }
    }
  });

  it('one rule: two decimals rounded down, three where two would cross a threshold', () => {
    expect(scoreText(0.348, [0.35, 0.2])).toBe('0.34');
    expect(scoreText(0.35, [0.35, 0.2])).toBe('0.35');
    expect(scoreText(0.29, [0.35, 0.2])).toBe('0.29');
    expect(scoreText(0.356, [0.355])).toBe('0.356');
    expect(scoreText(0.354, [0.355])).toBe('0.35');
    expect(scoreText(1, [0.35])).toBe('1.00');
  });

  it('the CLI judges and shows by the same rule with thresholds given as options', async () => {
    const r = await runInProcess('compare', COUNTY, CITY, '--counterpart', '0.349', '--weak', '0.1');
    expect(r.code, r.err).toBe(0);
    for (const [label, shown] of verdictRows(r.out)) expect(consistent(label, shown, 0.349, 0.1), `${label} ${shown}`).toBe(true);
  });
});

describe('a 保障措施 part answered by a part of the same kind', () => {
  it("B's 保障措施 is covered by A's, though their words differ", () => {
    const part = c.coverage.find((s) => s.title === '保障措施')!;
    expect(part).toMatchObject({ status: 'covered', ratio: 1, coveredBy: { title: '保障措施' } });
    for (const s of c.coverage.filter((x) => x.id.startsWith(`${part.id}.`))) expect(s.status, s.title).toBe('covered');
    expect(c.uncovered.map((g) => g.title)).not.toContain('保障措施');
    expect(formatTerminal(c)).toMatch(/三、保障措施\s+█+\s+100%/);
  });

  it("only a part of the same kind answers it: without A's 保障措施 it stays a gap", async () => {
    const { ingestText } = await import('../../src/ingest.js');
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(COUNTY, 'utf8');
    const without = await ingestText(text.slice(0, text.indexOf('三、保障措施')), { fileName: 'zhanghe-without.txt' });
    const d = comparePlans(without, await ingestFile(CITY));
    expect(d.coverage.find((s) => s.title === '保障措施')).toMatchObject({ status: 'uncovered' });
    expect(d.uncovered.map((g) => g.title)).toContain('保障措施');
  });
});

describe('safeguardPart', () => {
  const part = (title: string) => safeguardPart({ sections: [{ id: 's1', label: '一、', title, parent: null }] } as never)?.title ?? null;
  it('knows the part by a heading of its words only', () => {
    for (const t of ['保障措施', '组织实施', '规划实施保障', '保障规划实施', '强化组织保障', '保障']) expect(part(t), t).toBe(t);
    for (const t of ['强化要素保障', '加强组织领导', '保障和改善民生', '重点任务']) expect(part(t), t).toBeNull();
  });
});
