import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { policy, runInProcess } from '../helpers/cli.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'policy-robust-'));
});

const noStack = (s: string) => expect(s).not.toMatch(/\n {4}at /);

describe('ingest --max-size', () => {
  it('refuses a file over the limit up front, with one line, and ingests the others', async () => {
    const big = path.join(dir, 'big.txt');
    writeFileSync(big, '某县实施方案\n\n一、重点任务\n' + '1. 推进工作。\n'.repeat(30_000));
    const r = await runInProcess('ingest', big, 'corpus/wuxi-urbanization-plan-2021-2035.txt', '--max-size', '100KB', '--data', path.join(dir, 'max'), '-q');
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toEqual([`policy: ${big}: 571 KB, larger than --max-size 100KB (not read; give --max-size 2MB to read it)`]);
    noStack(r.err);
  });

  it('has a default of 50 MB and rejects a size it cannot read', async () => {
    const help = await runInProcess('ingest', '--help');
    expect(help.out).toMatch(/--max-size <size>\s+refuse files larger than this .*\(default: "50MB"\)/s);
    const r = await runInProcess('ingest', 'corpus/wuxi-urbanization-plan-2021-2035.txt', '--max-size', 'lots', '--data', path.join(dir, 'max2'));
    expect(r.code).toBe(1);
    expect(r.err).toBe('policy: --max-size: "lots" is not a size (e.g. 50MB, 500KB)\n');
  });
});

describe('a document in which nothing is recognised', () => {
  it('gets a warning the ingest summary shows', () => {
    const file = path.join(dir, 'prose.txt');
    writeFileSync(file, '这是一段没有任何编号的文字。\n\n又一段文字。\n');
    const r = policy(['ingest', file, '--data', path.join(dir, 'prose')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/prose\.txt:1:1 {2}warning {2}no outline or tasks were recognised: .* {2}nothing-recognised/);
  });
});

describe('hostile files', () => {
  it('never make policy print a JavaScript stack trace', async () => {
    const hostile = path.join(dir, 'hostile');
    mkdirSync(hostile);
    const files: Record<string, string | Buffer> = {
      'binary.txt': Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
      'huge-line.txt': '某县实施方案'.repeat(2) + '推进工作，'.repeat(60_000),
      'brackets.txt': '某县实施方案\n\n一、重点任务\n1. ' + '（'.repeat(5000) + '牵头单位：县财政局' + '）'.repeat(5000) + '\n' + '[('.repeat(3000) + '\n',
      'punctuation.txt': '。，、；：？！“”《》（）【】…—·\n'.repeat(500),
      'rare-han.txt': '𠮷𠮷县实施方案\n\n一、重点任务\n1. 𠮷野家工作。（牵头单位：县𠮷局；责任单位：县财政局）\n',
      'markup.md':
        '# <script>alert(1)</script>\n\n1. <img src=x onerror=alert(1)>工作（牵头单位：县<b>财政局</b>）\n\n<div>\n\n| a | b |\n|---|---|\n| <i> | ` |\n',
      'nesting.md': '> '.repeat(400) + '深层引用\n\n' + '- '.repeat(300) + '深层列表\n',
    };
    const paths = Object.entries(files).map(([name, content]) => {
      const file = path.join(hostile, name);
      writeFileSync(file, content);
      return file;
    });
    const data = path.join(dir, 'hostile-data');
    // ingest in a process of its own (its exit status as a user gets it); the rest in this one (faster)
    const ingest = policy(['ingest', ...paths, '--data', data]);
    const runs = [{ code: ingest.status, out: ingest.stdout, err: ingest.stderr }];
    for (const args of [
      ['tasks'],
      ['departments', '--json'],
      ['search', '<script>'],
      ['sheets'],
      ['matrix'],
      ['export', '--format', 'xlsx'],
      ['compare', 'rare-han', 'markup', '--md'],
    ]) {
      runs.push(await runInProcess(...args, '--data', data));
    }
    for (const r of runs) {
      noStack(r.err);
      noStack(r.out);
      expect(r.err).not.toContain('internal error');
      expect([0, 1]).toContain(r.code);
    }
  });
});

describe('small inconsistencies', () => {
  let data: string;
  let prose: string;
  beforeAll(async () => {
    data = path.join(dir, 'small');
    prose = path.join(dir, 'no-tasks.txt');
    writeFileSync(prose, '某县关于做好某项工作的说明\n\n这是一段说明文字，没有条目。\n');
    const r = await runInProcess('ingest', 'corpus/wuxi-urbanization-plan-2021-2035.txt', '--data', data, '-q');
    expect(r.code).toBe(0);
  });

  it('ingest --json prints an array, for one file as for several', async () => {
    const one = await runInProcess('ingest', prose, '--data', data, '--json');
    const models = JSON.parse(one.out) as { id: string }[];
    expect(Array.isArray(models)).toBe(true);
    expect(models.map((m) => m.id)).toEqual(['no-tasks']);
  });

  it('tasks --json has a role only with --dept', async () => {
    const all = JSON.parse((await runInProcess('tasks', '--doc', 'wuxi', '--json', '--data', data)).out) as Record<string, unknown>[];
    expect(all.length).toBe(27);
    expect(all.every((t) => !('role' in t))).toBe(true);
    const mine = JSON.parse((await runInProcess('tasks', '--doc', 'wuxi', '--dept', '交通局', '--json', '--data', data)).out) as Record<string, unknown>[];
    expect(mine.every((t) => t.role === '牵头' || t.role === '责任')).toBe(true);
  });

  it('departments --json lists the departments in the order of the table', async () => {
    const text = (await runInProcess('departments', '--doc', 'wuxi', '--data', data)).out
      .split('\n')
      .slice(2, -2)
      .map((l) => l.split(/\s{2,}/)[0]);
    const json = (JSON.parse((await runInProcess('departments', '--doc', 'wuxi', '--json', '--data', data)).out) as { name: string }[]).map((d) => d.name);
    expect(json).toEqual(text);
  });

  it('indicators on a document without an indicator table says so in one line', async () => {
    const r = await runInProcess('indicators', '--doc', 'no-tasks', '--data', data);
    expect(r.out).toBe('no-tasks: no indicators — 本文件没有指标表 (the document has no indicator table)\n');
  });

  it('matrix declines a document without tasks, as sheets does', async () => {
    const r = await runInProcess('matrix', '--doc', 'no-tasks', '--data', data);
    expect(r.code).toBe(0);
    expect(r.out).toBe('no-tasks: no matrix PDF — 本文件没有任务 (no tasks were recognised)\n');
  });
});
