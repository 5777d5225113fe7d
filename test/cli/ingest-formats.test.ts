/**
 * `policy ingest` with the formats users have: Word, web pages, old .doc files, wildcards
 * included; bad files each give one line naming the file and its problem, the rest of the run
 * goes on, the exit status is 1 and nothing is half-written.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/model/types.js';
import { DB_FILE, folderEngine, INDEX_FILE } from '../../src/search/store.js';
import { policy } from '../helpers/cli.js';
import { fixture } from '../helpers/fixtures.js';

const FIX = fixture('formats');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'policy-cli-formats-'));
  copyFileSync(path.join(FIX, 'wuxi-plan.docx'), path.join(dir, 'plan.docx'));
  copyFileSync(path.join(FIX, 'cms-page-gbk.html'), path.join(dir, 'page.html'));
  copyFileSync(path.join(FIX, 'wuxi-plan.doc'), path.join(dir, 'old.doc'));
  copyFileSync(path.join(FIX, 'bad-damaged.docx'), path.join(dir, 'x-damaged.docx'));
  copyFileSync(path.join(FIX, 'bad-image-only.docx'), path.join(dir, 'x-image.docx'));
  copyFileSync(path.join(FIX, 'bad-no-text.html'), path.join(dir, 'x-links.html'));
});

describe('policy ingest: .docx, .html, .doc', () => {
  it('reads each format, wildcards included, and saves the converted text as source.txt', () => {
    const data = path.join(dir, 'data');
    const r = policy(['ingest', path.join(dir, 'plan.docx'), path.join(dir, 'page.html'), path.join(dir, '*.doc'), '--data', data]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('3 of 3 documents ingested');
    expect(r.stdout).toMatch(/✓ plan .*\n.*docx {2}27 tasks/);
    expect(r.stdout).toMatch(/✓ page .*\n.*清溪府办发〔2025〕9号 {2}2025-03-18 {2}html gb18030 {2}6 tasks/);
    expect(r.stdout).toMatch(/✓ old .*\n.*doc {2}27 tasks/);
    for (const id of ['plan', 'page', 'old']) {
      const doc = JSON.parse(readFileSync(path.join(data, id, 'document.json'), 'utf8')) as PolicyDocument;
      const text = readFileSync(path.join(data, id, 'source.txt'), 'utf8');
      for (const t of doc.tasks) expect(text.slice(t.position.start.offset, t.position.end.offset)).toContain(t.title);
    }
    // only the finished files: no temporary file left
    expect(readdirSync(path.join(data, 'plan')).sort()).toEqual(['document.json', 'source.txt']);
  });

  it('reports damaged, image-only and text-less files on one line each, goes on, exits 1, writes nothing for them', () => {
    const data = path.join(dir, 'data-bad');
    const r = policy(['ingest', path.join(dir, 'x-*'), path.join(dir, 'plan.docx'), '--data', data]);
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      new RegExp(`^policy: ${path.join(dir, 'x-damaged.docx').replace(/[.\\/]/g, '\\$&')}: a damaged \\.docx \\(the ZIP package cannot be read`),
    );
    expect(lines[1]).toBe(`policy: ${path.join(dir, 'x-image.docx')}: a Word document with images only, no text (a scan needs OCR first)`);
    expect(lines[2]).toBe(`policy: ${path.join(dir, 'x-links.html')}: a web page without document text (only links, scripts or images?)`);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
    expect(r.stdout).toContain('1 of 4 documents ingested');
    // the folder's search: the store (policy.db), or index.json with POLICY_SEARCH_ENGINE=minisearch
    expect(readdirSync(data).sort()).toEqual([folderEngine() === 'sqlite' ? DB_FILE : INDEX_FILE, 'plan'].sort());
    expect(existsSync(path.join(data, 'x-damaged'))).toBe(false);
  });

  it('lists the formats in ingest --help', () => {
    const r = policy(['ingest', '--help']);
    expect(r.status).toBe(0);
    for (const f of ['.html .htm', '.docx', '.doc .wps', 'source.txt']) expect(r.stdout).toContain(f);
  });
});
