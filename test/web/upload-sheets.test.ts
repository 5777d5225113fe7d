/**
 * The workbench's upload takes spreadsheets as `policy ingest` does: the form offers them, an
 * uploaded 分工表.xlsx and .csv become documents whose task rows the pages show, and a damaged
 * workbook is the same one line.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkbenchApp } from '../../src/web/app.js';
import { divisionTable, xlsx } from '../helpers/xlsx.js';

const boundary = '----policysheets';
const multipart = (files: Array<[string, Uint8Array | string]>) =>
  Buffer.concat([
    ...files.flatMap(([name, bytes]) => [
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      Buffer.from(bytes),
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);

describe('uploading spreadsheets to the workbench (--allow-ingest)', () => {
  it('the form offers .xlsx .xls .et .csv; uploads are read, shown and searchable; a damaged one is one line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-web-sheets-'));
    try {
      const app = new WorkbenchApp({ dataDir: dir, allowIngest: true });
      const form = String((await app.handle({ method: 'GET', url: '/ingest' })).body);
      expect(form).toMatch(/accept="[^"]*\.xlsx,\.xls,\.et,\.csv"/);
      const workbook = xlsx([divisionTable()]);
      const r = await app.handle({
        method: 'POST',
        url: '/ingest',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, host: '127.0.0.1:8080' },
        body: multipart([
          ['division.xlsx', workbook],
          ['list.csv', '序号,重点任务,牵头单位,责任单位\r\n1,建设社区食堂5个,县民政局,各乡镇人民政府\r\n'],
          ['cut.xlsx', workbook.subarray(0, 100)],
        ]),
      });
      const page = String(r.body);
      expect(r.status).toBe(200);
      expect(page).toContain('成功 2 个，失败 1 个');
      expect(page).toContain('青溪县2025年优化营商环境重点任务分工表');
      expect(page).toMatch(/<code>policy: cut\.xlsx: a damaged \.xlsx \(the ZIP package cannot be read[^<]*<\/code>/);
      const doc = String((await app.handle({ method: 'GET', url: '/doc/division' })).body);
      for (const n of [1, 2, 3, 4, 5]) expect(doc).toContain(`id="task-${n}"`);
      expect(doc).toContain('县政务服务中心');
      expect(doc).toContain('division · Excel (.xlsx) · 5 项任务');
      expect(String((await app.handle({ method: 'GET', url: `/?q=${encodeURIComponent('一照多址')}` })).body)).toContain('/doc/division#task-5');
      const list = String((await app.handle({ method: 'GET', url: '/doc/list' })).body);
      expect(list).toContain('建设社区食堂5个');
      expect(list).toContain('list · CSV · 1 项任务');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
