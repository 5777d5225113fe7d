import { describe, expect, it, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
