/**
 * Issue 11, item 9: terminal output fits the width exactly. `compare` at 80 columns wrapped at
 * 83–88 and cut metric names to ambiguity (城市…覆盖率 could be two indicators); `tasks` at 200
 * cut titles while a third of the width was unused. Run as on a terminal (stdout a TTY of the
 * given width, as the CLI reads it: process.stdout.columns).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CutNames, cutCandidates, layoutTable, unambiguousCut, wrapText } from '../../src/util/table.js';
import { displayWidth } from '../../src/util/width.js';
import { onTerminal, runInProcess } from '../helpers/cli.js';
import { fixture, ROOT, WUXI_FILE } from '../helpers/fixtures.js';

const PAIRS: [string, string][] = [
  ['test/fixtures/qa7/qichuan-elderly-care-plan-2025.txt', 'test/fixtures/qa7/yuanning-elderly-care-plan-2025.txt'],
  ['test/fixtures/compare/qingxi-urbanization-plan-2021-2035.txt', 'test/fixtures/compare/yunchuan-urbanization-plan-2021-2035.txt'],
  ['test/fixtures/compare/zhanghe-city-cluster-implementation-2023-2030.txt', 'test/fixtures/compare/yushan-city-cluster-plan-2023-2030.txt'],
  ['corpus/wuxi-urbanization-plan-2021-2035.txt', 'test/fixtures/compare/shancheng-short-tasks-city-plan.txt'],
].map(([a, b]) => [path.join(ROOT, a), path.join(ROOT, b)]);

/** The cells of an output's lines (runs of text two or more spaces apart). */
function cells(out: string): string[] {
  return out
    .split('\n')
    .flatMap((l) => l.trim().split(/\s{2,}/))
    .filter(Boolean);
}

/** The whole cells a cut cell (head…tail) could stand for. */
function meanings(cut: string, whole: string[]): string[] {
  const [head, tail] = cut.split('…');
  return [...new Set(whole.filter((w) => !w.includes('…') && w.length > head.length + tail.length && w.startsWith(head) && w.endsWith(tail)))];
}

describe('compare on a terminal', () => {
  for (const [a, b] of PAIRS) {
    const name = path.basename(a).split('-')[0];
    it(`${name}: every line fits 80 and 200 columns, and no cut text could stand for two names`, async () => {
      const whole = cells((await runInProcess('compare', a, b)).out); // piped: nothing cut
      for (const width of [80, 200]) {
        const out = await onTerminal(width, 'compare', a, b);
        for (const line of out.split('\n')) expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
        for (const cut of cells(out).filter((x) => x.includes('…'))) {
          const meant = meanings(cut, whole);
          expect(meant.length, `${width}: ${cut} → ${meant.join(' / ')}`).toBe(1);
        }
      }
    });
  }

  it('the wide terminal cuts nothing when every row fits it', async () => {
    const [a, b] = PAIRS[0];
    const out = await onTerminal(200, 'compare', a, b);
    expect(out).not.toContain('…');
    const piped = (await runInProcess('compare', a, b)).out;
    expect(out).toBe(piped);
  });
});

describe('tasks on a terminal', () => {
  let data: string;
  beforeAll(async () => {
    data = await mkdtemp(path.join(os.tmpdir(), 'terminal-width-'));
    const r = await runInProcess('ingest', fixture('qa4/qingxi-2025-work-report-task-breakdown.txt'), WUXI_FILE, '--data', data, '-q');
    expect(r.code, r.err).toBe(0);
  });
  afterAll(() => rm(data, { recursive: true, force: true }));

  it('at 200 columns no title is cut when its whole row fits, and the table uses the width', async () => {
    const tasks = JSON.parse((await runInProcess('tasks', '--data', data, '--json')).out) as {
      doc: string;
      number: string;
      title: string;
      lead: string[];
      responsible: string[];
      deadline: string | null;
    }[];
    const out = await onTerminal(200, 'tasks', '--data', data);
    const lines = out.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(200);
    const fits = tasks.filter(
      (t) => displayWidth([t.doc, t.number, t.title, t.lead.join('、'), t.responsible.join('、'), t.deadline ?? '—'].join('  ')) <= 200,
    );
    expect(fits.length).toBeGreaterThan(0);
    for (const t of fits) expect(out, t.title).toContain(t.title);
    // cut or wrapped only because the width is used up: the rule under the header is as wide as the terminal
    expect(displayWidth(lines[1])).toBe(200);
  });

  it('at 80 columns every line fits, and no two titles show the same cut text', async () => {
    const out = await onTerminal(80, 'tasks', '--data', data);
    for (const line of out.split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(80);
    const tasks = JSON.parse((await runInProcess('tasks', '--data', data, '--json')).out) as { title: string }[];
    for (const cut of cells(out).filter((x) => x.includes('…'))) {
      const head = cut.replace(/…$/, '');
      const titles = new Set(tasks.map((t) => t.title).filter((t) => t.startsWith(head) && t !== head));
      expect(titles.size, cut).toBeLessThanOrEqual(1);
    }
  });
});

describe('the table layout', () => {
  it('finds the names a cut could stand for as checking every name does (a whole corpus has tens of thousands)', () => {
    // department names as a corpus has them: shared heads (县、市、区 …) and tails (局、委员会、中心 …)
    const heads = ['县', '市', '区', '青溪县', '云川市', '省'];
    const bodies = ['交通运输', '发展和改革', '农业农村', '自然资源和规划', '住房和城乡建设', '文化广电旅游', '卫生健康', '应急管理'];
    const tails = ['局', '委员会', '中心', '服务中心', '办公室', '局(县林业局)'];
    const names = heads.flatMap((h) => bodies.flatMap((b) => tails.map((t) => h + b + t)));
    const index = new CutNames(names);
    const brute = (s: string, head: string, tail: string) =>
      names.some((n) => n !== s && [...n].length > [...head].length + [...tail].length && n.startsWith(head) && n.endsWith(tail));
    let confusable = 0;
    let checked = 0;
    for (const s of names) {
      for (const width of [5, 11]) {
        for (const where of ['end', 'middle'] as const) {
          if (displayWidth(s) <= width) continue;
          for (const { head, tail } of cutCandidates(s, width, where)) {
            const expected = brute(s, head, tail);
            expect(index.confusable(s, head, tail), `${s} ${head}…${tail}`).toBe(expected);
            if (expected) confusable++;
            checked++;
          }
          expect(unambiguousCut(s, width, where, index)).toBe(unambiguousCut(s, width, where, names));
        }
      }
    }
    // both answers occur, often
    expect(confusable).toBeGreaterThan(checked / 10);
    expect(checked - confusable).toBeGreaterThan(checked / 10);
  });

  it('cuts a metric in the middle only where the cut names one metric', () => {
    const names = ['城市社区老年助餐服务覆盖率', '城市社区养老服务设施覆盖率'];
    const cut = unambiguousCut(names[0], 12, 'middle', names)!;
    expect(cut).not.toBeNull();
    expect(cut).not.toBe(unambiguousCut(names[1], 12, 'middle', names));
    expect(names.filter((n) => n.startsWith(cut.split('…')[0]) && n.endsWith(cut.split('…')[1]))).toEqual([names[0]]);
    // no cut tells 城市…覆盖率 from 城市…覆盖率 at 6 columns: wrapped instead
    expect(unambiguousCut(names[0], 6, 'middle', names)).toBeNull();
    const lines = layoutTable(
      [{ header: '指标', fit: 'middle', min: 6 }, { header: '目标' }],
      names.map((n) => [n, '100%']),
      { width: 12 },
    );
    for (const l of lines) expect(displayWidth(l), l).toBeLessThanOrEqual(12);
    expect(lines.join('\n')).not.toContain('…');
  });

  it('wraps within a cell without splitting numbers or putting a closing mark first', () => {
    const text = '不低于 20 平方米/百户（文 33 行）';
    const lines = wrapText(text, 10);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(10);
    expect(lines.join(' ').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
    for (const l of lines) expect(l).not.toMatch(/^[）。，、]/);
    for (let k = 1; k < lines.length; k++) expect(/\d$/.test(lines[k - 1]) && /^\d/.test(lines[k]), lines.join(' | ')).toBe(false);
  });
});
