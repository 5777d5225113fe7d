import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTemporaryName, writeFileAtomic } from '../../src/util/atomic.js';

describe('writeFileAtomic', () => {
  it('a reader sees the old file or the new one, never part of one', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-atomic-'));
    const file = path.join(dir, 'document.json');
    const before = 'a'.repeat(1 << 20);
    const after = 'b'.repeat(32 << 20);
    writeFileSync(file, before);
    let finished = false;
    const writing = writeFileAtomic(file, after).then(() => (finished = true));
    const seen = new Set<string>();
    while (!finished) {
      const text = await readFile(file, 'utf8');
      seen.add(text === before ? 'old' : text === after ? 'new' : `partial ${text.length}`);
    }
    await writing;
    expect([...seen].filter((s) => s.startsWith('partial'))).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(after);
    expect(readdirSync(dir)).toEqual(['document.json']); // no temporary file left
  });

  it('leaves no temporary file when the write fails, and the old file stands', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-atomic-'));
    const file = path.join(dir, 'index.json');
    writeFileSync(file, 'old');
    // a folder where the file should go: the rename fails
    const target = path.join(dir, 'sub');
    writeFileSync(path.join(dir, 'placeholder'), '');
    await expect(writeFileAtomic(path.join(target, 'x', 'y.json'), 'z', { mkdir: false })).rejects.toThrow();
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter(isTemporaryName)).toEqual([]);
  });
});
