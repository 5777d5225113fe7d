/**
 * `policy ingest` with spreadsheets end to end: a 分工表.xlsx and a GBK 任务清单.csv become
 * documents whose tasks carry their units and roles; search finds a row; `policy tasks --dept`
 * lists it. A damaged and an encrypted workbook each give one line and the run goes on.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/model/types.js';
import { policy, runInProcess } from '../helpers/cli.js';
import { divisionTable, xlsx } from '../helpers/xlsx.js';

let dir: string;
let data: string;
let run: ReturnType<typeof policy>;

const model = (id: string) => JSON.parse(readFileSync(path.join(data, id, 'document.json'), 'utf8')) as PolicyDocument;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'policy-cli-sheets-'));
  data = path.join(dir, 'data');
  const good = xlsx([divisionTable()]);
  writeFileSync(path.join(dir, 'division.xlsx'), good);
  writeFileSync(
    path.join(dir, 'livelihood.csv'),
    iconv.encode(
      '青溪县2025年民生实事项目任务清单\r\n序号,重点任务,牵头单位,责任单位,完成时限\r\n1,"新建城乡社区嵌入式养老服务设施3处，\n每处不少于20张床位",县民政局,"县住建局,各乡镇人民政府",2025年底\r\n',
      'gbk',
    ),
  );
  writeFileSync(path.join(dir, 'x-broken.xlsx'), good.subarray(0, 200));
  const locked = Buffer.alloc(1536);
  Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(locked);
  Buffer.from('EncryptedPackage', 'utf16le').copy(locked, 1024);
  writeFileSync(path.join(dir, 'x-locked.xlsx'), locked);
  run = policy(['ingest', path.join(dir, '*'), '--data', data]);
}, 120_000);

describe('policy ingest: .xlsx and .csv', () => {
  it('reads both, one line for each bad workbook, exit 1', () => {
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('2 of 4 documents ingested');
    expect(run.stdout).toMatch(/✓ division .*\n.*xlsx {2}5 tasks/);
    expect(run.stdout).toMatch(/✓ livelihood .*\n.*csv gb18030 {2}1 task/);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^policy: .*x-broken\.xlsx: a damaged \.xlsx \(the ZIP package cannot be read/),
      `policy: ${path.join(dir, 'x-locked.xlsx')}: a password-protected workbook (encrypted: open it, save it without a password, and read that copy)`,
    ]);
    expect(readdirSync(data).filter((f) => !f.includes('.'))).toEqual(['division', 'livelihood']);
  });

  it('document.json: tasks with their units and roles; source.txt holds every task where the model says', () => {
    const doc = model('division');
    expect(doc.source.format).toBe('xlsx');
    expect(doc.title).toBe('青溪县2025年优化营商环境重点任务分工表');
    expect(doc.tasks.map((t) => [t.number, t.assignments.map((a) => `${a.role}:${a.name}`).join(' ')])).toEqual([
      ['1', 'lead:县政务服务中心 responsible:县发展改革局 responsible:县司法局'],
      ['2', 'lead:县政务服务中心 responsible:县大数据中心'],
      ['3', 'lead:县政务服务中心 responsible:各乡镇人民政府'],
      ['4', 'lead:县发展改革局 responsible:县市场监管局 responsible:县商务局'],
      ['5', 'lead:县市场监管局 responsible:县税务局'],
    ]);
    const text = readFileSync(path.join(data, 'division', 'source.txt'), 'utf8');
    for (const t of doc.tasks) expect(text.slice(t.position.start.offset, t.position.end.offset)).toContain(t.title);
    const csv = model('livelihood');
    expect(csv.tasks.map((t) => [t.title, t.lead, t.responsible])).toEqual([
      ['新建城乡社区嵌入式养老服务设施3处，每处不少于20张床位', ['县民政局'], ['县住建局', '各乡镇人民政府']],
    ]);
  });

  it('search finds a row of the sheet; tasks --dept lists the rows of a unit, by role', async () => {
    const found = JSON.parse((await runInProcess('search', '一网通办', '--data', data, '--json')).out) as {
      hits: { doc: string; kind: string; number: string; snippet: string; lead: string[] }[];
    };
    expect(found.hits.map((h) => [h.doc, h.kind, h.number, h.lead])).toEqual([['division', 'task', '2', ['县政务服务中心']]]);
    expect(found.hits[0].snippet).toContain('推动高频政务服务事项全程网办');

    const listed = await runInProcess('tasks', '--dept', '县大数据中心', '--data', data, '--json');
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.out) as Array<{ doc: string; number: string; title: string }>;
    expect(rows.map((r) => [r.doc, r.number, r.title])).toEqual([['division', '2', '提升政务服务效能']]);
    const leads = JSON.parse((await runInProcess('tasks', '--dept', '县发展改革局', '--role', 'lead', '--data', data, '--json')).out) as Array<{
      number: string;
    }>;
    expect(leads.map((r) => r.number)).toEqual(['4']);
  });
});
