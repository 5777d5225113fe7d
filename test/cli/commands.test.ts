import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { displayWidth, renderTable } from '../../src/cli/format.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { policy } from '../helpers/cli.js';

const bundled = 'corpus/wuxi-urbanization-plan-2021-2035.txt';
let dir: string;
let data: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'policy-cli-'));
  data = path.join(dir, 'data');
});

const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at |Error:/);

describe('policy ingest', () => {
  it('ingests good files, reports each bad one on one line, and exits 1', () => {
    const bad = path.join(dir, 'bad');
    mkdirSync(bad);
    writeFileSync(path.join(bad, 'empty.txt'), '');
    writeFileSync(path.join(bad, 'binary.txt'), Buffer.from([0x43, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08]));
    // a .docx renamed to .txt
    writeFileSync(path.join(bad, 'word.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]));
    writeFileSync(path.join(bad, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0xe0, 0x20, 0x6c, 0x61]));
    const gbk = path.join(dir, 'gbk-plan.txt');
    writeFileSync(
      gbk,
      iconv.encode(
        '某县人民政府\r\n某县乡村振兴实施方案\r\n\r\n一、重点任务\r\n1. 发展特色产业。（牵头单位：县农业农村委；责任单位：县财政局）\r\n',
        'gb18030',
      ),
    );
    const r = policy([
      'ingest',
      path.join(bad, 'missing.txt'),
      bad,
      path.join(bad, 'empty.txt'),
      path.join(bad, 'binary.txt'),
      path.join(bad, 'word.txt'),
      path.join(bad, 'latin1.txt'),
      path.join(bad, 'no-match-*.txt'),
      bundled,
      gbk,
      '--data',
      data,
    ]);
    expect(r.status).toBe(1);
    const errors = r.stderr.trim().split('\n');
    expect(errors).toEqual([
      `policy: ${path.join(bad, 'missing.txt')}: no such file`,
      `policy: ${bad}: is a folder, not a document (to read every document in it: "${path.join(bad, '*')}")`,
      `policy: ${path.join(bad, 'empty.txt')}: empty file`,
      `policy: ${path.join(bad, 'binary.txt')}: binary data (NUL byte at offset 4)`,
      `policy: ${path.join(bad, 'word.txt')}: a ZIP archive (a .docx, .xlsx or .wps/.ofd package?), not text (give it its own extension (.docx, .doc, .wps, .html) to read it, or save the document as .txt)`,
      expect.stringMatching(
        new RegExp(`^policy: ${path.join(bad, 'latin1.txt').replace(/[.\\/]/g, '\\$&')}: undecodable bytes: not UTF-8 \\(invalid UTF-8 at byte 3, line 1\\)`),
      ),
      `policy: ${path.join(bad, 'no-match-*.txt')}: no file matches`,
    ]);
    noStack(r.stderr);
    expect(r.stdout).toContain('✓ wuxi-urbanization-plan-2021-2035');
    expect(r.stdout).toContain('27 tasks');
    expect(r.stdout).toContain('2 of 9 documents ingested');
    const gbDoc = JSON.parse(readFileSync(path.join(data, 'gbk-plan', 'document.json'), 'utf8')) as PolicyDocument;
    expect(gbDoc.source).toMatchObject({ encoding: 'gb18030', lineEnding: 'crlf' });
    expect(gbDoc.tasks[0]).toMatchObject({ title: '发展特色产业', lead: ['县农业农村委'], responsible: ['县财政局'] });
  });

  it('prints the model with --json and expands wildcards itself', () => {
    const r = policy(['ingest', 'corpus/*.txt', '--data', path.join(dir, 'json'), '--json']);
    expect(r.status).toBe(0);
    const docs = JSON.parse(r.stdout) as PolicyDocument[]; // an array, also for one file
    // corpus/ holds the county plan and the municipal plan it implements
    const doc = docs.find((d) => d.id === 'wuxi-urbanization-plan-2021-2035')!;
    expect(doc.docNumber).toBe('巫溪府发〔2023〕25号');
    expect(existsSync(path.join(dir, 'json', 'wuxi-urbanization-plan-2021-2035', 'document.json'))).toBe(true);
  });

  it('refuses two files that would get the same id in one run', () => {
    const copy = path.join(dir, 'copy');
    mkdirSync(copy);
    copyFileSync(bundled, path.join(copy, 'wuxi-urbanization-plan-2021-2035.txt'));
    const r = policy(['ingest', bundled, path.join(copy, 'wuxi-urbanization-plan-2021-2035.txt'), '--data', path.join(dir, 'dup')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/id "wuxi-urbanization-plan-2021-2035" is already taken/);
  });

  it('warns when a document has the same content as one already ingested, and keeps both', () => {
    const renamed = path.join(dir, 'copy-of-plan.txt');
    copyFileSync(bundled, renamed);
    const first = policy(['ingest', bundled, '--data', path.join(dir, 'same'), '-q']);
    expect(first.stderr).toBe('');
    const r = policy(['ingest', renamed, '--data', path.join(dir, 'same'), '-q']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      `policy: ${renamed}: warning: same content as "wuxi-urbanization-plan-2021-2035" in ${path.join(dir, 'same')}/ ` +
        `(both are kept and searched; to drop one: rm -r ${path.join(dir, 'same', 'wuxi-urbanization-plan-2021-2035')})\n`,
    );
    expect(existsSync(path.join(dir, 'same', 'copy-of-plan', 'document.json'))).toBe(true);
  });
});

describe('reading commands', () => {
  beforeAll(() => {
    policy(['ingest', bundled, '--data', data, '-q']);
  });

  it('lists what a department carries, by the name people use', () => {
    const doc = JSON.parse(readFileSync(path.join(data, 'wuxi-urbanization-plan-2021-2035', 'document.json'), 'utf8')) as PolicyDocument;
    const expected = doc.tasks.filter((t) => t.lead.includes('县交通局') || t.responsible.includes('县交通局')).map((t) => t.number);
    const r = policy(['tasks', '--dept', '交通局', '--data', data, '--json']);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { number: string; role: string }[];
    expect(rows.map((x) => x.number)).toEqual(expected);
    expect(rows.find((x) => x.number === '7')?.role).toBe('牵头');
    expect(rows.find((x) => x.number === '2')?.role).toBe('责任');
    // --role as in search
    const leads = JSON.parse(policy(['tasks', '--dept', '交通局', '--role', 'lead', '--data', data, '--json']).stdout) as { number: string; role: string }[];
    expect(leads.map((x) => x.number)).toEqual(rows.filter((x) => x.role === '牵头').map((x) => x.number));
    expect(policy(['tasks', '--role', 'lead', '--data', data]).stderr).toBe('policy: --role goes with --dept (whose role?)\n');
    // the section trail with its numbering, as search and compare write it
    expect((rows.find((x) => x.number === '7') as unknown as { section: string }).section).toBe('四、重点任务 › （三）打造渝陕鄂川边区综合交通枢纽');
  });

  it('writes into a folder given as --out, under the default file names', () => {
    const folder = path.join(dir, 'out-folder');
    mkdirSync(folder);
    const sheet = policy(['sheet', '交通局', '--doc', 'wuxi', '--data', data, '--out', folder, '--date', '2026-01-01']);
    expect(sheet.stderr).toBe('');
    expect(existsSync(path.join(folder, '县交通局责任清单.pdf'))).toBe(true);
    // several documents into a folder: one sub-folder each
    const matrix = policy(['matrix', '--data', data, '--out', path.join(dir, 'matrices') + path.sep, '--date', '2026-01-01']);
    expect(matrix.status).toBe(0);
    for (const id of ['gbk-plan', 'wuxi-urbanization-plan-2021-2035']) expect(existsSync(path.join(dir, 'matrices', id, 'matrix.pdf'))).toBe(true);
  });

  it('takes a document id by a unique prefix, and lists the ids when it knows none', () => {
    const byPrefix = policy(['tasks', '--doc', 'wuxi', '--data', data, '--json']);
    expect(byPrefix.status).toBe(0);
    expect((JSON.parse(byPrefix.stdout) as { doc: string }[]).every((t) => t.doc === 'wuxi-urbanization-plan-2021-2035')).toBe(true);
    const unknown = policy(['indicators', '--doc', 'nope', '--data', data]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe('policy: --doc: no ingested document "nope" (have: gbk-plan, wuxi-urbanization-plan-2021-2035)');
  });

  it('says so when a department is unknown or ambiguous, on one line, exit 1', () => {
    const unknown = policy(['tasks', '--dept', '外交部', '--data', data]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe('policy: --dept: no department "外交部" in 2 documents (see `policy departments`)');
    const ambiguous = policy(['tasks', '--dept', '委', '--data', data]);
    expect(ambiguous.status).toBe(1);
    // every candidate with its task count, document by document
    expect(ambiguous.stderr).toMatch(/^policy: --dept: department "委" is ambiguous: .*县发展改革委 \(\d+ tasks\)/);
    noStack(ambiguous.stderr);
  });

  it('aligns tables by display width (a Chinese character is two columns)', () => {
    const r = policy(['departments', '--data', data]);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').slice(0, -1);
    // the 类别 column starts at the same display column on every line
    const startOfSecond = lines.map((l) => {
      const m = /^(\S+)\s+/.exec(l)!;
      return displayWidth(m[0]);
    });
    expect(new Set(startOfSecond).size).toBe(1);
    // kinds in Chinese in a Chinese table; --json keeps the model's English values
    expect(lines.find((l) => l.includes('人民银行巫溪支行'))).toContain('金融机构');
    expect(r.stdout).not.toMatch(/\b(department|township|bank)\b/);
    const json = JSON.parse(policy(['departments', '--data', data, '--json']).stdout) as { name: string; kind: string }[];
    expect(json.find((d) => d.name === '人民银行巫溪支行')?.kind).toBe('bank');
  });

  it('prints unit lists whole when piped, and fits a terminal by cutting only the long columns', () => {
    const piped = policy(['tasks', '--dept', '交通局', '--data', data]);
    const row9 = piped.stdout.split('\n').find((l) => l.includes('健全运输服务体系'))!;
    // task 9 has six responsible units; a pipe gets all of them, uncut
    expect(row9).toContain('县道路运输事务中心、县城市管理局、县林业局、县文化旅游委、县经济信息委、有关乡镇（街道）');
    expect(piped.stdout).not.toContain('…');

    const rows = [['9', '健全运输服务体系', '县交通局', '县道路运输事务中心、县城市管理局、县林业局、县文化旅游委']];
    const columns = [{ header: '序号' }, { header: '重点工作', max: 36 }, { header: '牵头单位', max: 40 }, { header: '责任单位', max: 48 }];
    for (const width of [80, 60, 50]) {
      const lines = renderTable(columns, rows, width).trimEnd().split('\n');
      for (const line of lines) expect(displayWidth(line), `${width}: ${line}`).toBeLessThanOrEqual(width);
      expect(lines[2].trimStart().startsWith('9 ')).toBe(true); // the uncuttable column stays whole
    }
    expect(renderTable(columns, rows, 80)).toContain('…');
    expect(renderTable(columns, rows, 200)).not.toContain('…');
  });

  it('prints the indicators with their years', () => {
    const r = policy(['indicators', '--data', data]);
    expect(r.stdout).toMatch(/2020年基数\s+2025年目标\s+属性/);
    expect(r.stdout).toMatch(/城乡居民收入比\s+2\.56:1\s+2\.4:1\s+预期性/);
    expect(r.stdout.trim().endsWith('8 indicators')).toBe(true);
  });

  it('tells a newcomer what to do when nothing was ingested', () => {
    const r = policy(['tasks', '--data', path.join(dir, 'nothing-here')]);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/data folder not found \(run `policy ingest/);
  });

  it("reports usage errors on one line, like its own, pointing at the command's help", () => {
    const r = policy(['tasks', '--format', 'csv', '--data', data]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("policy: unknown option '--format' (see `policy tasks --help`)\n");
    expect(policy(['frob']).stderr).toBe("policy: unknown command 'frob' (see `policy --help`)\n");
  });

  it('documents its commands in --help', () => {
    const r = policy(['--help']);
    for (const command of ['ingest', 'tasks', 'departments', 'indicators']) expect(r.stdout).toContain(command);
    // what the table shows, and that --doc takes a prefix
    const tasks = policy(['tasks', '--help']).stdout;
    expect(tasks).toContain('完成时限');
    expect(tasks).toMatch(/--doc <id>\s+only this document \(its id, or a prefix/);
  });

  it("shows examples of the command itself in each command's --help", async () => {
    const { buildProgram } = await import('../../src/cli/main.js');
    const program = await buildProgram();
    for (const command of program.commands) {
      const help = policy([command.name(), '--help']).stdout;
      const examples = help.slice(help.indexOf('Examples:'));
      expect(help, command.name()).toContain('Examples:');
      // the command itself, or after another in a chain (policy ingest … && policy remove …)
      expect(examples, command.name()).toMatch(new RegExp(`\\$ (\\S+=\\S+ )?(.* && )?policy ${command.name()}\\b`));
    }
  });
});

describe('a data folder with an outdated model', () => {
  it('leaves the outdated document out with one line, goes on with the others, exits 1', () => {
    const folder = path.join(dir, 'mixed');
    policy(['ingest', bundled, '--data', folder, '-q']);
    mkdirSync(path.join(folder, 'old-plan'));
    writeFileSync(path.join(folder, 'old-plan', 'document.json'), JSON.stringify({ schemaVersion: 0, id: 'old-plan' }));
    const r = policy(['tasks', '--data', folder, '--json']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/old-plan\/document\.json: schema version 0, expected \d+ \(ingest again\); left out$/);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(27);
  });
});

describe('reading commands over several documents', () => {
  let many: string;
  const files = [
    'test/fixtures/qa5/hongchuan-elderly-care-notice-2025.txt', // targets 2025, 2030; base 2020
    'test/fixtures/qa4/jiangcheng-sports-city-plan-2035.md', // targets 2025, 2035
    'test/fixtures/qa5/lanjiang-manufacturing-digital-action-2027.md', // base 2023; targets 2025, 2027
    'test/fixtures/qa4/qingxi-2025-work-report-task-breakdown.txt',
    'test/fixtures/compare/qingxi-urbanization-plan-2021-2035.txt', // shares "qingxi-" with the one above
  ];
  beforeAll(() => {
    many = path.join(dir, 'many');
    const r = policy(['ingest', ...files, '--data', many, '-q']);
    expect(r.status).toBe(0);
  });

  it('indicators: target years in order, and the baseline year on each row when documents differ', async () => {
    const { runInProcess } = await import('../helpers/cli.js');
    const { out } = await runInProcess('indicators', '--data', many);
    const header = out.split('\n')[0];
    const years = [...header.matchAll(/(\d{4})年目标/g)].map((m) => Number(m[1]));
    expect(years).toEqual([2025, 2027, 2030, 2035]);
    // 2020 for two documents, 2023 for 澜江: no single "2020年基数" over them all
    expect(header).not.toMatch(/\d{4}年基数/);
    expect(out.split('\n').find((l) => l.includes('关键工序数控化率'))).toMatch(/56\.3（2023年）/);
    expect(out.split('\n').find((l) => l.includes('人均体育场地面积'))).toMatch(/2\.15（2020年）/);
    // one document: its base year in the header, as before
    const one = (await runInProcess('indicators', '--data', many, '--doc', 'lanjiang')).out;
    expect(one.split('\n')[0]).toMatch(/2023年基数\s+2025年目标\s+2027年目标/);
  });

  it('tasks on a narrow terminal: the 文档 column is cut like the others, to prefixes --doc takes', async () => {
    const { onTerminal } = await import('../helpers/cli.js');
    const out = await onTerminal(110, 'tasks', '--dept', '财政局', '--data', many);
    const lines = out.trimEnd().split('\n');
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(110);
    const ids = files.map((f) => path.basename(f).replace(/\.(txt|md)$/, ''));
    // a row's first line (unit lists wrap within their cells onto lines of their own)
    const shown = lines
      .slice(2, -1)
      .filter((l) => !/^\s/.test(l))
      .map((l) => l.split(/\s{2,}/)[0]);
    for (const cell of shown) {
      const prefix = cell.replace(/…$/, '');
      expect(
        ids.filter((id) => id.startsWith(prefix)),
        cell,
      ).toHaveLength(1);
    }
    expect(shown.some((c) => c.endsWith('…'))).toBe(true);
    // titles get at least as much room as the document ids (the rule under the header gives the widths)
    const widths = lines[1].split('  ').map((r) => r.length);
    expect(widths[2]).toBeGreaterThanOrEqual(widths[0]);
  });

  it('tasks: 序号 as the document numbers its tasks, （二） rather than 二', async () => {
    const { runInProcess } = await import('../helpers/cli.js');
    const { out } = await runInProcess('tasks', '--doc', 'hongchuan', '--data', many);
    expect(out).toMatch(/^\s*（二）\s+发展家庭养老床位/m);
    const json = JSON.parse((await runInProcess('tasks', '--doc', 'hongchuan', '--data', many, '--json')).out) as { number: string }[];
    expect(json[1].number).toBe('二'); // the model's number, unchanged in JSON
  });

  it('tasks --dept says what the name stood for, in how many documents, and the count by role', async () => {
    const { runInProcess } = await import('../helpers/cli.js');
    const { out } = await runInProcess('tasks', '--dept', '发改委', '--data', many, '--json');
    const rows = JSON.parse(out) as { doc: string; role: string }[];
    const text = (await runInProcess('tasks', '--dept', '发改委', '--data', many)).out.trimEnd().split('\n');
    const docsWith = new Set(rows.map((r) => r.doc)).size;
    const lead = rows.filter((r) => r.role === '牵头').length;
    expect(lead).toBeGreaterThan(0);
    expect(docsWith).toBeGreaterThan(2);
    const last = text[text.length - 1];
    expect(last).toMatch(/^\d+ tasks of [市县省]发展改革委( \/ [市县省]发展改革委)+ in \d+ documents: /);
    expect(last.endsWith(` in ${docsWith} documents: ${lead} lead (牵头), ${rows.length - lead} responsible (责任)`)).toBe(true);
    expect(last.startsWith(`${rows.length} tasks of `)).toBe(true);
  });
});
