import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/cli.js';

describe('a character the bundled fonts lack', () => {
  it('is named in a warning with the PDF it is in', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-glyphs-'));
    const file = path.join(dir, 'rare.txt');
    writeFileSync(file, '某县实施方案\n\n一、重点任务\n1. 𠮷野工作。（牵头单位：县财政局；责任单位：县交通局）\n');
    const data = path.join(dir, 'data');
    expect((await runInProcess('ingest', file, '--data', data, '-q')).code).toBe(0);
    const r = await runInProcess('sheet', '财政局', '--data', data, '--no-system-fonts');
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /^policy: warning: 𠮷 \(U\+20BB7\) has no glyph in the fonts; drawn as an empty box (once|\d+ times) in 县财政局责任清单 — .*\(give --fallback-font FILE with a font that has it\)$/m,
    );
    expect(r.err).not.toMatch(/\n {4}at /);
    const ok = await runInProcess('sheet', '财政局', '--data', data, '--out', path.join(dir, 'x.pdf'), '--no-system-fonts');
    expect(ok.err.split('\n').filter((l) => l.includes('𠮷')).length).toBeGreaterThan(0);
    // the characters the fonts have are not named
    expect(r.err).not.toMatch(/warning: [^𠮷]/u);
  });
});
