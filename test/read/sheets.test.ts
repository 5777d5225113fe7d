/**
 * Spreadsheets (.xlsx, .xls/.et, .csv): the 分工表 / 任务清单 governments publish as attachments
 * read into the tasks, units and sections a careful reader sees. The workbooks are written in the
 * test from our own text (test/helpers/xlsx.ts; one by exceljs, another writer), in the shapes of
 * real ones: a merged title row, 重点任务 and 牵头单位 merged over rows, a two-level header, dates.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile, UserError } from '../../src/index.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { ConversionError } from '../../src/read/converted.js';
import { csvToText, parseCsv } from '../../src/read/csv.js';
import { readDocument } from '../../src/read/read.js';
import { binaryWorkbookToText } from '../../src/read/sheets.js';
import { formatOfCode, serialDate, xlsxToText } from '../../src/read/xlsx.js';
import { divisionTable, xlsx } from '../helpers/xlsx.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'policy-sheets-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, bytes: Uint8Array | string) => {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
};

const tasksOf = (doc: PolicyDocument) =>
  doc.tasks.map((t) => ({ number: t.number, title: t.title, lead: t.lead, responsible: t.responsible, deadline: t.deadline }));

/** What the 分工表 of divisionTable() says, row by row, as a reader of it lists it. */
const DIVISION_TASKS = [
  { number: '1', title: '提升政务服务效能', lead: ['县政务服务中心'], responsible: ['县发展改革局', '县司法局'], deadline: '2025年6月30日' },
  { number: '2', title: '提升政务服务效能', lead: ['县政务服务中心'], responsible: ['县大数据中心'], deadline: '2025年12月31日' },
  { number: '3', title: '提升政务服务效能', lead: ['县政务服务中心'], responsible: ['各乡镇人民政府'], deadline: '持续推进' },
  { number: '4', title: '优化市场准入环境', lead: ['县发展改革局'], responsible: ['县市场监管局', '县商务局'], deadline: '2025年9月30日' },
  { number: '5', title: '优化市场准入环境', lead: ['县市场监管局'], responsible: ['县税务局'], deadline: '2025年10月31日' },
];

describe('.xlsx: a 分工表 as published', () => {
  it('the text: 附件1 and the merged title as lines, one row a line, merged cells in every row they cover, dates as 2025年6月30日', async () => {
    const { text } = await xlsxToText(xlsx([divisionTable()]));
    const lines = text.split('\n');
    expect(lines.slice(0, 4)).toEqual(['附件1', '', '青溪县2025年优化营商环境重点任务分工表', '']);
    expect(lines[4]).toBe('序号\t重点任务\t具体措施\t牵头单位\t责任单位\t完成时限');
    // 重点任务 and 牵头单位 written once over three rows: in each of them; the empty formatted cells G:H are no columns
    expect(lines[6]).toBe('2\t提升政务服务效能\t深化“一网通办”，推动高频政务服务事项全程网办。\t县政务服务中心\t县大数据中心\t2025年12月31日');
    expect(lines[7]).toBe('3\t提升政务服务效能\t规范窗口收件标准，推行帮办代办服务。\t县政务服务中心\t各乡镇人民政府\t持续推进');
    // the empty row ends the table; the note is a paragraph; the empty rows after it are nothing
    expect(
      text.endsWith(
        '5\t优化市场准入环境\t推行经营主体登记“一照多址”改革。\t县市场监管局\t县税务局\t2025年10月31日\n\n注：各牵头单位于每季度末向县营商环境办报送工作进展。\n',
      ),
    ).toBe(true);
  });

  it('ingest: the title, every row a task with its lead and responsible units and deadline, the units by role', async () => {
    const doc = await ingestFile(write('分工表.xlsx', xlsx([divisionTable()])));
    expect(doc.source.format).toBe('xlsx');
    expect(doc.source.encoding).toBe('utf-8');
    expect(doc.title).toBe('青溪县2025年优化营商环境重点任务分工表');
    expect(tasksOf(doc)).toEqual(DIVISION_TASKS);
    const dept = (name: string) => doc.departments.find((d) => d.name === name);
    expect(dept('县政务服务中心')?.lead).toHaveLength(3);
    expect(dept('县发展改革局')?.lead).toHaveLength(1);
    expect(dept('县发展改革局')?.responsible).toHaveLength(1);
    // every task's place in source.txt holds its text
    const { text } = await xlsxToText(xlsx([divisionTable()]));
    for (const t of doc.tasks) expect(text.slice(t.position.start.offset, t.position.end.offset)).toContain(t.title);
  });

  it('a two-level header (责任单位 over 牵头单位 | 配合单位, the other header cells merged down) is one header row', async () => {
    const sheet = divisionTable();
    sheet.rows.splice(2, 1, ['序号', '重点任务', '具体措施', '责任单位', null, '完成时限'], [null, null, null, '牵头', '配合', null]);
    sheet.merges = ['A2:F2', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:E3', 'F3:F4', 'B5:B7', 'D5:D7', 'B8:B9'];
    const { text } = await xlsxToText(xlsx([sheet]));
    expect(text).toContain('\n\n序号\t重点任务\t具体措施\t牵头单位\t配合单位\t完成时限\n1\t');
    // the same header whose outer cells are not merged down: written in the upper row, empty under it
    const unmerged = { ...sheet, merges: ['A2:F2', 'D3:E3', 'B5:B7', 'D5:D7', 'B8:B9'] };
    expect((await xlsxToText(xlsx([unmerged]))).text).toBe(text);
    const doc = await ingestFile(write('two-level.xlsx', xlsx([sheet])));
    expect(tasksOf(doc)).toEqual(DIVISION_TASKS);
    expect(doc.tasks[0].assignments.map((a) => [a.role, a.name])).toEqual([
      ['lead', '县政务服务中心'],
      ['responsible', '县发展改革局'],
      ['responsible', '县司法局'],
    ]);
  });

  it('category rows merged over the table (一、… under the header) stay rows of it: every task keeps its header', async () => {
    const sheet = divisionTable();
    sheet.rows.splice(3, 0, ['一、优化政务服务']);
    sheet.rows.splice(7, 0, ['二、优化市场准入']);
    sheet.merges = ['A2:F2', 'A4:F4', 'B5:B7', 'D5:D7', 'A8:F8', 'B9:B10'];
    const { text } = await xlsxToText(xlsx([sheet]));
    expect(text).toContain('\t完成时限\n一、优化政务服务\n1\t提升政务服务效能\t');
    expect(text).toContain('\t持续推进\n二、优化市场准入\n4\t');
    expect(tasksOf(await ingestFile(write('categories.xlsx', xlsx([sheet]))))).toEqual(DIVISION_TASKS);
  });

  it("empty cells at a row's ends (an empty 备注, a 具体措施 row without its 序号) keep the row in the table", async () => {
    const sheet = {
      name: 'S',
      rows: [
        [null, '某县任务清单'],
        ['序号', '重点任务', '具体措施', '牵头单位', '责任单位', '备注'],
        [1, '建设社区食堂', '新建社区食堂5个。', '县民政局', '县财政局'],
        [null, null, '每个食堂配备适老化设施。'],
        [2, '改造老旧小区', '改造老旧小区12个。', '县住建局', '县财政局', '续建'],
        [3, '推进充电设施建设', '新建公共充电桩200个。', '县发展改革局', '县住建局'],
      ],
      merges: ['B1:F1'],
    };
    const { text } = await xlsxToText(xlsx([sheet]));
    expect(text.split('\n').slice(0, 4)).toEqual([
      '某县任务清单',
      '',
      '序号\t重点任务\t具体措施\t牵头单位\t责任单位\t备注',
      '1\t建设社区食堂\t新建社区食堂5个。\t县民政局\t县财政局\t',
    ]);
    const doc = await ingestFile(write('edges.xlsx', xlsx([sheet])));
    expect(doc.diagnostics.filter((d) => d.rule === 'partial-table')).toEqual([]);
    expect(doc.tasks.map((t) => [t.number, t.text, t.lead, t.responsible])).toEqual([
      ['1', '建设社区食堂 新建社区食堂5个。 每个食堂配备适老化设施。', ['县民政局'], ['县财政局']],
      ['2', '改造老旧小区 改造老旧小区12个。', ['县住建局'], ['县财政局']],
      ['3', '推进充电设施建设 新建公共充电桩200个。', ['县发展改革局'], ['县住建局']],
    ]);
  });

  it('several sheets: each visible one a section named by its sheet, the hidden one left out with a warning', async () => {
    const second = {
      name: '民生实事',
      rows: [
        ['序号', '重点任务', '牵头单位', '责任单位', '完成时限'],
        [1, '新建城乡社区嵌入式养老服务设施3处', '县民政局', '县住建局', '2025年底'],
      ],
    };
    const bytes = xlsx([divisionTable(), { name: '单位列表', state: 'hidden', rows: [['县民政局'], ['县住建局']] }, second, { name: '空表', rows: [] }]);
    const converted = await xlsxToText(bytes);
    expect(converted.warnings).toEqual(['hidden sheet "单位列表" not read']);
    expect(converted.text).not.toMatch(/单位列表|空表/);
    const doc = await ingestFile(write('two-sheets.xlsx', bytes));
    expect(doc.title).toBe('青溪县2025年优化营商环境重点任务分工表');
    expect(doc.sections.map((s) => [s.label, s.title])).toEqual([
      ['第一部分', '重点任务分工'],
      ['第二部分', '民生实事'],
    ]);
    expect(doc.tasks.map((t) => [t.title, doc.sections.find((s) => s.id === t.section)?.title])).toEqual([
      ...DIVISION_TASKS.map((t) => [t.title, '重点任务分工']),
      ['新建城乡社区嵌入式养老服务设施3处', '民生实事'],
    ]);
    expect(doc.diagnostics.filter((d) => d.rule === 'conversion').map((d) => d.message)).toEqual(['hidden sheet "单位列表" not read']);
  });

  it('exceljs writes the workbook its own way (shared strings, styles, merges): the same tasks', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    for (const row of divisionTable().rows)
      ws.addRow(row.map((c) => (c && typeof c === 'object' && 'n' in c ? new Date(Date.UTC(1899, 11, 30) + c.n * 86_400_000) : c === '' ? null : c)));
    for (const m of divisionTable().merges ?? []) ws.mergeCells(m);
    const doc = await ingestFile(write('exceljs.xlsx', new Uint8Array(await wb.xlsx.writeBuffer())));
    expect(doc.title).toBe('青溪县2025年优化营商环境重点任务分工表');
    expect(tasksOf(doc)).toEqual(DIVISION_TASKS);
  });
});

describe('.xlsx cell values', () => {
  const one = async (cells: Parameters<typeof xlsx>[0][number]['rows'][number], options: Parameters<typeof xlsx>[1] = {}, inline = false) =>
    (await xlsxToText(xlsx([{ name: 'S', rows: [['项目', '值', '说明', '备注'], cells], inline }], options))).text.split('\n')[1];

  it('numbers as shown: no float noise, fixed decimals, percentages, booleans', async () => {
    expect(await one([0.1 + 0.2, { n: 1234.5, fmt: '#,##0.00' }, { n: 0.856, fmt: '0.0%' }, true])).toBe('0.3\t1234.50\t85.6%\tTRUE');
    expect(await one([-3, { n: 7, fmt: '0"项"' }, { n: 12, fmt: '@' }, false])).toBe('-3\t7\t12\tFALSE');
  });

  it('dates and times by their format, in the 1900 and the 1904 date systems', async () => {
    expect(
      await one([
        { n: 45473, fmt: 'yyyy/m/d' },
        { n: 45473.5, fmt: 'yyyy-mm-dd hh:mm' },
        { n: 0.375, fmt: 'h:mm' },
        { n: 45473, fmt: '[$-804]yyyy"年"m"月"' },
      ]),
    ).toBe('2024年6月30日\t2024年6月30日 12:00\t09:00\t2024年6月30日');
    expect(await one([{ n: 44011, fmt: 'yyyy"年"m"月"d"日"' }, 'x', 'y', 'z'], { date1904: true })).toBe('2024年6月30日\tx\ty\tz');
    // the 1900 system counts a 29 February 1900 that never was: the days before it and after it
    expect(serialDate(59, 'date', false)).toBe('1900年2月28日');
    expect(serialDate(61, 'date', false)).toBe('1900年3月1日');
    expect(['0.00', 'mm:ss', 'yyyy"年"', '[h]:mm', 'General', '0%', 'm/d', '#,##0_);[Red](#,##0)'].map((c) => formatOfCode(c).kind)).toEqual([
      'number',
      'time',
      'date',
      'time',
      'number',
      'percent',
      'date',
      'number',
    ]);
  });

  it('inline and rich strings, phonetic guides left out, entities and _x000D_ escapes, lines in a cell joined', async () => {
    expect(await one(['县“一网通办”', { rich: ['牵头', '单位'], phonetic: 'ふりがな' }, 'A &lt; B &amp; C', '市发展改革委\n市司法局'], {}, true)).toBe(
      '县“一网通办”\t牵头单位\tA &lt; B &amp; C\t市发展改革委市司法局',
    );
    expect(await one(['a_x000D_', 'first\nsecond', '甲', '乙'])).toBe('a\tfirst second\t甲\t乙');
  });

  it('rows and cells without r attributes, and a sheet starting below row 1 and right of column A', async () => {
    const noRefs = await xlsxToText(
      xlsx([
        {
          name: 'S',
          rows: [
            ['序号', '任务'],
            [1, '甲'],
          ],
          noRefs: true,
        },
      ]),
    );
    expect(noRefs.text).toBe('序号\t任务\n1\t甲\n');
    const offset = await xlsxToText(
      xlsx([
        {
          name: 'S',
          startRow: 4,
          rows: [
            [null, null, '序号', '任务'],
            [null, null, 1, '甲'],
          ],
        },
      ]),
    );
    expect(offset.text).toBe('序号\t任务\n1\t甲\n');
  });
});

describe('bad spreadsheets: one line naming the file and the problem', () => {
  const problem = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConversionError);
    return error as ConversionError;
  };

  it('too many cells, or sheet XML past the limit: too-large', async () => {
    const big = xlsx([{ name: 'S', rows: Array.from({ length: 40 }, (_, r) => ['序号', `任务${r}`, '单位']) }]);
    expect((await problem(xlsxToText(big, { maxCells: 100 }))).problem).toBe('too-large');
    expect((await xlsxToText(big, { maxCells: 120 })).text.split('\n')).toHaveLength(41);
    const error = await problem(xlsxToText(big, { maxXmlBytes: 1000 }));
    expect(error.problem).toBe('too-large');
    expect(error.message).toMatch(/more than the limit/);
    // two cells far apart (A1 and Z300000): the rectangle between them is refused, not built; a
    // package of only a workbook and its sheet (no shared strings, no styles) is read
    const { zipSync, strToU8 } = await import('fflate');
    const cell = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
    const sparse = (far: string) =>
      zipSync({
        'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        'xl/_rels/workbook.xml.rels': strToU8('<Relationships><Relationship Id="rId1" Type="worksheet" Target="/xl/worksheets/s.xml"/></Relationships>'),
        'xl/worksheets/s.xml': strToU8(`<worksheet><sheetData><row r="1">${cell('A1', '甲')}</row><row>${cell(far, '乙')}</row></sheetData></worksheet>`),
      });
    expect((await xlsxToText(sparse('C3'))).text).toBe('甲\n\n乙\n');
    const vast = await problem(xlsxToText(sparse('Z300000')));
    expect(vast.problem).toBe('too-large');
    expect(vast.message).toBe('a sheet whose text spans 300,000 rows × 26 columns, more than the limit of 4,000,000 cells');
    expect((await problem(Promise.resolve().then(() => csvToText(new TextEncoder().encode('a,b\nc,d\ne,f\n'), { maxCells: 4 })))).problem).toBe('too-large');
  });

  it('damaged, a Word file, an empty workbook, an encrypted one, a PDF named .xls', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const good = xlsx([divisionTable()]);
    const ole = (stream: string) => {
      // a compound file's header and a directory entry's name (UTF-16LE), as an encrypted .xlsx is stored
      const b = Buffer.alloc(2048);
      Buffer.from('d0cf11e0a1b11ae1', 'hex').copy(b);
      Buffer.from(stream, 'utf16le').copy(b, 1024);
      return b;
    };
    const cases: [string, Uint8Array | string, string, RegExp][] = [
      ['cut.xlsx', good.subarray(0, good.length / 2), 'damaged', /cut\.xlsx: a damaged \.xlsx \(the ZIP package cannot be read/],
      ['letter.xlsx', zipSync({ 'word/document.xml': strToU8('<w:document/>') }), 'damaged', /letter\.xlsx: a Word document \(\.docx\), not a spreadsheet/],
      ['empty.xlsx', xlsx([{ name: 'S', rows: [[], ['']] }]), 'no-text', /empty\.xlsx: a spreadsheet without text/],
      ['locked.xlsx', ole('EncryptedPackage'), 'encrypted', /locked\.xlsx: a password-protected workbook/],
      ['scan.xls', Buffer.from('%PDF-1.7\n'), '', /scan\.xls: a PDF file, not a spreadsheet/],
      ['notzip.xlsx', '序号,任务\n1,甲\n', '', /notzip\.xlsx: not an \.xlsx package/],
    ];
    for (const [name, bytes, kind, message] of cases) {
      const error = await readDocument(write(name, bytes)).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(UserError);
      expect((error as Error).message, name).toMatch(message);
      expect((error as Error).message.split('\n'), name).toHaveLength(1);
      if (kind)
        expect((await problem(kind === 'encrypted' ? binaryWorkbookToText(bytes as Uint8Array, '.xlsx') : xlsxToText(bytes as Uint8Array))).problem, name).toBe(
          kind,
        );
    }
  });

  it('.xls/.et without LibreOffice: one line naming the file and what to install', async () => {
    const file = write('old.xls', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024)]));
    const saved = process.env.POLICY_SOFFICE;
    process.env.POLICY_SOFFICE = path.join(dir, 'no-such-soffice');
    try {
      const error = await readDocument(file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserError);
      expect((error as Error).message).toBe(
        `${file}: a binary Excel workbook (.xls) is read through LibreOffice, which is not installed: install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-calc-nogui; elsewhere libreoffice.org), or save the file as .xlsx`,
      );
    } finally {
      if (saved === undefined) delete process.env.POLICY_SOFFICE;
      else process.env.POLICY_SOFFICE = saved;
    }
  });
});

describe('.xls/.et that LibreOffice cannot load', () => {
  it("one line naming the file, LibreOffice's error and what may be wrong (a LibreOffice without Calc says the same as for a damaged file)", async () => {
    // a soffice that fails as LibreOffice does: the error on stderr, exit status 0, no file written
    const fake = write('fake-soffice', '#!/bin/sh\necho "Error: source file could not be loaded" >&2\nexit 0\n');
    execFileSync('chmod', ['+x', fake]);
    const file = write('wps.et', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(1024)]));
    const saved = process.env.POLICY_SOFFICE;
    process.env.POLICY_SOFFICE = fake;
    try {
      const error = await readDocument(file).catch((e: unknown) => e);
      expect((error as Error).message).toBe(
        `${file}: LibreOffice could not convert a binary WPS workbook (.et): Error: source file could not be loaded (damaged or protected by a password? or LibreOffice without Calc: apt-get install libreoffice-calc-nogui)`,
      );
    } finally {
      if (saved === undefined) delete process.env.POLICY_SOFFICE;
      else process.env.POLICY_SOFFICE = saved;
    }
  });
});

/** LibreOffice with Calc, to make an .xls of our workbook: the binary route is tested where it is installed. */
const calc = (() => {
  try {
    const program = path.dirname(realpathSync(execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim()));
    return existsSync(path.join(program, 'libsclo.so')); // Calc's library
  } catch {
    return false;
  }
})();

describe.skipIf(!calc)('.xls and .et through LibreOffice (skipped without LibreOffice Calc)', () => {
  it('an .xls LibreOffice wrote from our workbook, and the same file as .et and as a misnamed .xlsx: the same tasks', async () => {
    const source = write('made.xlsx', xlsx([divisionTable()]));
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'xls', '--outdir', path.join(dir, 'xls'), source], {
      stdio: 'pipe',
      timeout: 120_000,
    });
    const xls = readFileSync(path.join(dir, 'xls', 'made.xls'));
    for (const [name, format] of [
      ['old.xls', 'xls'],
      ['wps.et', 'et'],
      ['misnamed.xlsx', 'xls'],
    ]) {
      const doc = await ingestFile(write(name, xls));
      expect(doc.source.format, name).toBe(format);
      expect(doc.source.encoding, name).toBe('binary');
      expect(doc.title, name).toBe('青溪县2025年优化营商环境重点任务分工表');
      expect(tasksOf(doc), name).toEqual(DIVISION_TASKS);
    }
  }, 180_000);
});

describe('.csv', () => {
  const rows = [
    '青溪县2025年民生实事项目任务清单',
    '序号,重点任务,牵头单位,责任单位,完成时限',
    '1,"新建城乡社区嵌入式养老服务设施3处，',
    '每处不少于20张床位",县民政局,"县住建局,各乡镇人民政府",2025年底',
    '2,"改造老旧小区12个（含""一小区一方案""）",县住建局,县财政局,2025年11月',
    '',
  ];
  const expected = [
    {
      number: '1',
      title: '新建城乡社区嵌入式养老服务设施3处，每处不少于20张床位',
      lead: ['县民政局'],
      responsible: ['县住建局', '各乡镇人民政府'],
      deadline: '2025年底',
    },
    { number: '2', title: '改造老旧小区12个（含"一小区一方案"）', lead: ['县住建局'], responsible: ['县财政局'], deadline: '2025年11月' },
  ];

  it.each([
    ['utf-8 with BOM', 'bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.join('\r\n'))]), 'utf-8-bom'],
    ['utf-8', 'plain.csv', Buffer.from(rows.join('\n')), 'utf-8'],
    ['GBK (Excel on a Chinese Windows)', 'gbk.csv', iconv.encode(rows.join('\r\n'), 'gbk'), 'gb18030'],
    [
      'tab-separated text saved as .xls by a system',
      'export.xls',
      Buffer.from(
        [
          rows[0],
          '序号\t重点任务\t牵头单位\t责任单位\t完成时限',
          '1\t"新建城乡社区嵌入式养老服务设施3处，',
          '每处不少于20张床位"\t县民政局\t县住建局,各乡镇人民政府\t2025年底',
          '2\t"改造老旧小区12个（含""一小区一方案""）"\t县住建局\t县财政局\t2025年11月',
        ].join('\n'),
      ),
      'utf-8',
    ],
  ])('%s: quoted cells with line breaks, commas and quotes; the tasks', async (_kind, name, bytes, encoding) => {
    const doc = await ingestFile(write(name, bytes));
    expect(doc.source.format).toBe('csv');
    expect(doc.source.encoding).toBe(encoding);
    expect(doc.title).toBe('青溪县2025年民生实事项目任务清单');
    expect(tasksOf(doc)).toEqual(expected);
  });

  it('RFC 4180 cells', () => {
    expect(parseCsv('a,"b,c","d\n""e""",\r\n,x', ',')).toEqual([
      ['a', 'b,c', 'd\n"e"', ''],
      ['', 'x'],
    ]);
    // a row of one cell is a line of its own (a title, a note), as in a workbook
    expect(csvToText(new TextEncoder().encode('标题\n\n甲,乙\n丙,丁\n注：说明,\n')).text).toBe('标题\n\n甲\t乙\n丙\t丁\n\n注：说明\n');
  });
});
