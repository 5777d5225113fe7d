import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest.js';
import { InterruptedError } from '../../src/model/errors.js';
import { writeSheets } from '../../src/report/sheets.js';

describe('writeSheets stopped (Ctrl-C)', () => {
  it('stops between sheets with what was written, and leaves the index of the last whole run', async () => {
    const doc = await ingestFile('corpus/wuxi-urbanization-plan-2021-2035.txt');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-sheets-stop-'));
    const controller = new AbortController();
    controller.abort();
    const error = await writeSheets(doc, dir, { signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InterruptedError);
    expect((error as Error).message).toMatch(/^interrupted: 0 of \d+ sheets of wuxi-urbanization-plan-2021-2035 written to .*; its index\.json not updated$/);
    expect(existsSync(path.join(dir, 'index.json'))).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
