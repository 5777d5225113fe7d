import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/model/errors.js';
import { saveDocument } from '../../src/model/store.js';
import type { PolicyDocument } from '../../src/model/types.js';
import { resolveFonts } from '../../src/report/pdf/fonts.js';
import { CLOSING_PUNCTUATION } from '../../src/report/pdf/line-break.js';
import { renderSheet } from '../../src/report/sheet.js';
import { buildSheet } from '../../src/report/sheet-data.js';
import { type SheetIndex, writeSheets } from '../../src/report/sheets.js';
import { requireDepartment } from '../../src/select/departments.js';
import { selectDepartment, selectDocument } from '../../src/select/documents.js';
import { AmbiguousDepartment, SeveralDocuments, UnknownDepartment } from '../../src/select/errors.js';
import { runInProcess } from '../helpers/cli.js';
import { ingestFixture } from '../helpers/fixtures.js';
import { coloredRuns, ingestBoth, pdfFonts, pdfText, squash } from '../helpers/report.js';

const DATE = new Date(Date.UTC(2026, 0, 1));
let wuxi: PolicyDocument;
let qingchuan: PolicyDocument;
let dataDir: string;

beforeAll(async () => {
  ({ wuxi, qingchuan } = await ingestBoth());
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'policy-report-'));
  await saveDocument(dataDir, wuxi);
  await saveDocument(dataDir, qingchuan);
});

/** Task titles a department has no part in and whose text is nowhere in its sheet's sources. */
function foreignTitles(doc: PolicyDocument, deptName: string): string[] {
  const dept = doc.departments.find((d) => d.name === deptName)!;
  const own = doc.tasks.filter((t) => dept.lead.includes(t.number) || dept.responsible.includes(t.number));
  const sources = squash([...own.map((t) => t.text), ...dept.mentions.map((m) => m.context)].join(''));
  return doc.tasks.filter((t) => !own.includes(t) && !sources.includes(squash(t.title))).map((t) => t.title);
}

describe('responsibility sheet of a department', () => {
  for (const [docName, query] of [
    ['wuxi', '交通局'],
    ['wuxi', '住建委'],
    ['wuxi', '发改委'],
    ['qingchuan', '大数据发展局'],
    ['qingchuan', '网信办'],
  ] as const) {
    it(`${docName}: ${query} — its tasks, not the others, fonts embedded, 禁则 kept`, async () => {
      const doc = docName === 'wuxi' ? wuxi : qingchuan;
      const dept = requireDepartment(query, doc.departments, doc.id);
      const data = buildSheet(doc, dept);
      expect(data.tasks.length).toBe(new Set([...dept.lead, ...dept.responsible]).size);
      expect(data.leadCount).toBe(dept.lead.length);
      const { bytes, pages } = await renderSheet(data, { date: DATE });
      const text = await pdfText(bytes);

      expect(text.numPages).toBe(pages);
      for (const t of data.tasks) expect(text.flat, t.task.title).toContain(squash(t.task.title));
      // Every task's full text is there (the clause included).
      for (const t of data.tasks) expect(text.flat).toContain(squash(t.task.text.slice(-40)));
      const foreign = foreignTitles(doc, dept.name);
      expect(foreign.length).toBeGreaterThan(0);
      for (const title of foreign) expect(text.flat, title).not.toContain(squash(title));

      // Header facts and summary.
      expect(text.flat).toContain(squash(doc.title!));
      if (doc.docNumber) expect(text.flat).toContain(squash(doc.docNumber));
      expect(text.flat).toContain(`${dept.name}责任清单`);
      expect(text.flat).toContain(`牵头${dept.lead.length}项/责任${data.responsibleCount}项`);
      // Footer on every page: page X / Y, source with short hash, date.
      for (let p = 1; p <= pages; p++) {
        const page = text.segments[p - 1].join('');
        expect(squash(page)).toContain(`第${p}页/共${pages}页`);
        expect(page).toContain(doc.source.sha256.slice(0, 12));
        expect(page).toContain('2026-01-01');
      }
      // Glyphs come from the embedded Noto subsets, nothing else.
      const fonts = pdfFonts(bytes);
      expect(fonts.allEmbedded).toBe(true);
      expect(fonts.type1).toBe(0);
      expect(fonts.names.every((n) => /^[A-Z]{6}\+NotoS(ans|erif)SC-/.test(n))).toBe(true);
      // No visual line starts with closing punctuation.
      for (const page of text.segments) {
        for (const segment of page) expect(CLOSING_PUNCTUATION.has([...segment.trim()][0] ?? ''), segment).toBe(false);
      }
      // A4 portrait.
      expect(Math.round(text.sizes[0].width)).toBe(595);
      expect(Math.round(text.sizes[0].height)).toBe(842);
    });
  }

  it('lists the targets of its tasks and the indicators their text touches', async () => {
    const dept = requireDepartment('交通局', wuxi.departments, wuxi.id);
    const data = buildSheet(wuxi, dept);
    const withTargets = data.tasks.filter((t) => t.targets.length > 0);
    expect(withTargets.length).toBeGreaterThan(0);
    for (const t of data.tasks) expect(t.targets).toEqual(wuxi.targets.filter((x) => x.task === t.task.number));
    const text = await pdfText((await renderSheet(data, { date: DATE })).bytes);
    for (const t of withTargets) for (const target of t.targets) expect(text.flat).toContain(squash(target.metric));

    const it5 = buildSheet(qingchuan, requireDepartment('12345热线管理中心', qingchuan.departments, qingchuan.id));
    expect(it5.tasks.map((t) => t.task.number)).toEqual(['5']);
    expect(it5.tasks[0].indicators.map((l) => l.indicator.name)).toEqual(['12345热线按时办结率']);
    const it3 = buildSheet(qingchuan, requireDepartment('政务服务办', qingchuan.departments, qingchuan.id));
    const names3 = it3.tasks.find((t) => t.task.number === '3')!.indicators.map((l) => l.indicator.name);
    expect(names3).toContain('政务服务事项网上可办率');
    expect(names3.some((n) => n.includes('一网通办'))).toBe(true);
    expect(names3).not.toContain('电子证照共享应用率');
  });

  it('marks the department’s names in red in the task texts, and nothing else', async () => {
    for (const [doc, query] of [
      [wuxi, '交通局'],
      [qingchuan, '公安局'],
    ] as const) {
      const dept = requireDepartment(query, doc.departments, doc.id);
      const data = buildSheet(doc, dept);
      const { bytes } = await renderSheet(data, { date: DATE });
      const names = [dept.name, ...dept.aliases, ...doc.tasks.flatMap((t) => t.assignments.filter((a) => a.name === dept.name).map((a) => a.raw))];
      const red = (await coloredRuns(bytes, [0xc8, 0x10, 0x2e])).filter((r) => !/^[一二三四]、/.test(r));
      expect(red.length).toBeGreaterThan(0);
      for (const run of red)
        expect(
          names.some((n) => n.includes(run)),
          run,
        ).toBe(true);
      // Every task's clause names the department (a name may be split over two lines).
      const joined = red.join('');
      expect(joined.split(dept.name).length - 1).toBeGreaterThanOrEqual(data.tasks.length);
    }
  });

  it('shows the department’s other mentions', async () => {
    const dept = requireDepartment('大数据发展局', qingchuan.departments, qingchuan.id);
    expect(dept.mentions.length).toBeGreaterThan(0);
    const text = await pdfText((await renderSheet(buildSheet(qingchuan, dept), { date: DATE })).bytes);
    expect(text.flat).toContain('办公室设在市大数据发展局');
  });

  it('is byte-for-byte reproducible with a fixed date, and only then', async () => {
    const data = buildSheet(wuxi, requireDepartment('交通局', wuxi.departments, wuxi.id));
    const a = await renderSheet(data, { date: DATE });
    const b = await renderSheet(data, { date: DATE });
    expect(Buffer.compare(a.bytes, b.bytes)).toBe(0);
    const c = await renderSheet(data, { date: new Date(Date.UTC(2026, 0, 2)) });
    expect(Buffer.compare(a.bytes, c.bytes)).not.toBe(0);
  });

  it('uses another font with --font', async () => {
    const serif = resolveFonts().serif;
    const data = buildSheet(qingchuan, requireDepartment('公安局', qingchuan.departments, qingchuan.id));
    const { bytes } = await renderSheet(data, { date: DATE, fonts: resolveFonts({ font: serif }) });
    const fonts = pdfFonts(bytes);
    expect(fonts.names.length).toBeGreaterThan(0);
    expect(fonts.names.every((n) => n.endsWith('+NotoSerifSC-Regular'))).toBe(true);
    const text = await pdfText(bytes);
    expect(text.flat).toContain('筑牢数据安全防线');
  });
});

describe('deadlines on a sheet', () => {
  it("shows each task's 完成时限 in the table and beside its heading, only where the document sets them", async () => {
    const doc = await ingestFixture('qa2/tongliang-housing-security-plan-2025.txt');
    const dept = requireDepartment('财政局', doc.departments, doc.id);
    const text = await pdfText((await renderSheet(buildSheet(doc, dept), { date: DATE })).bytes);
    const flat = squash(text.segments.flat().join(''));
    expect(flat).toContain('完成时限');
    expect(flat).toContain('完成时限：长期坚持'); // task 四, beside its heading
    // the bundled plan sets no deadlines: no column
    const wuxiText = await pdfText((await renderSheet(buildSheet(wuxi, requireDepartment('交通局', wuxi.departments, wuxi.id)), { date: DATE })).bytes);
    expect(squash(wuxiText.segments.flat().join(''))).not.toContain('完成时限');
  });
});

describe('the table of a sheet with deadlines', () => {
  // Deadlines like 2025年12月底前 and unit names like 市住房城乡建委 were cut over two lines
  // (2025年12月 / 底前, 市住房城乡 / 建委) by columns of fixed width.
  for (const [file, name] of [
    ['test/fixtures/qa5/hongchuan-elderly-care-notice-2025.txt', '民政局'],
    ['test/fixtures/qa4/qingxi-2025-work-report-task-breakdown.txt', '财政局'],
    ['test/fixtures/qa5/shiliang-2025-county-economy-task-list.txt', '发改委'],
  ] as const) {
    it(`${path.basename(file)}, ${name}: each deadline and each unit name on one line`, async () => {
      const { ingestFile } = await import('../../src/ingest.js');
      const doc = await ingestFile(file);
      const dept = requireDepartment(name, doc.departments, doc.id);
      const data = buildSheet(doc, dept);
      const text = await pdfText((await renderSheet(data, { date: DATE })).bytes);
      // the lines of the table (cells side by side may share a line)
      const all = text.segments.flat();
      const table = all.slice(all.indexOf('一、任务一览'), all.indexOf('二、任务内容'));
      expect(table.length).toBeGreaterThan(5);
      for (const t of data.tasks)
        if (t.task.deadline)
          expect(
            table.some((l) => l.includes(t.task.deadline!)),
            t.task.deadline!,
          ).toBe(true);
      // names of up to 8 characters without brackets fit a line of their column
      const names = new Set(
        data.tasks.flatMap((t) => [...t.task.lead, ...t.task.responsible]).filter((n) => n !== dept.name && [...n].length <= 8 && !/[（(]/.test(n)),
      );
      expect(names.size).toBeGreaterThan(3);
      const words = new Set(table.flatMap((l) => l.split(/[、\s]+/)));
      for (const n of names) expect(words.has(n), n).toBe(true);
    });
  }
});

describe('all sheets of a document', () => {
  let out: string;
  let index: SheetIndex;
  beforeAll(async () => {
    out = path.join(await mkdtemp(path.join(os.tmpdir(), 'policy-sheets-')), 'sheets');
    index = await writeSheets(wuxi, out, { date: DATE });
  });

  it('writes one sheet per department and an index saying which file is whose', async () => {
    expect(index.sheets.map((s) => s.department).sort()).toEqual(wuxi.departments.map((d) => d.name).sort());
    const files = (await readdir(out)).sort();
    expect(files).toEqual([...index.sheets.map((s) => s.file), 'index.json', 'index.md'].sort());
    const json = JSON.parse(await readFile(path.join(out, 'index.json'), 'utf8')) as SheetIndex;
    expect(json).toEqual(index);
    const md = await readFile(path.join(out, 'index.md'), 'utf8');
    for (const s of index.sheets) {
      expect(md).toContain(s.department);
      expect(md).toContain(s.file);
      expect((await stat(path.join(out, s.file))).size).toBe(s.bytes);
    }
    // Sorted by load.
    const loads = index.sheets.map((s) => s.lead.length + s.responsible.length);
    expect([...loads].sort((a, b) => b - a)).toEqual(loads);
  });

  it('page counts in the index are the real ones', async () => {
    for (const s of index.sheets.slice(0, 4)) {
      const text = await pdfText(await readFile(path.join(out, s.file)));
      expect(text.numPages).toBe(s.pages);
    }
  });

  it('survives hostile department names without writing outside the folder', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'policy-hostile-'));
    const hostile = ['../../逃逸局', 'CON', 'con', 'a/b\\c:d*e?f"g<h>i|j委', '名称. ', '   ', 'x'.repeat(300) + '局', '.hidden'];
    const doc = structuredClone(qingchuan);
    doc.departments = doc.departments.slice(0, hostile.length).map((d, i) => ({ ...d, name: hostile[i] }));
    const dir = path.join(root, 'out');
    const idx = await writeSheets(doc, dir, { date: DATE });
    expect(await readdir(root)).toEqual(['out']);
    const files = await readdir(dir);
    expect(files.length).toBe(hostile.length + 2);
    expect(new Set(files.map((f) => f.toLowerCase())).size).toBe(files.length);
    for (const f of files) {
      expect(f).not.toMatch(/[<>:"/\\|?*\u0000-\u001f]|^[ .]|[ .]$/);
      expect(f).not.toMatch(/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i);
      expect(Buffer.byteLength(f)).toBeLessThanOrEqual(255);
    }
    expect(idx.sheets.map((s) => s.department)).toEqual(expect.arrayContaining(hostile));
  });
});

describe('choosing document and department', () => {
  it('finds the one document where the name resolves', async () => {
    expect((await selectDepartment(dataDir, '交通局')).document.id).toBe(wuxi.id);
    const r = await selectDepartment(dataDir, '大数据发展局');
    expect(r.document.id).toBe(qingchuan.id);
    expect(r.department.name).toBe('市大数据发展局');
  });

  it('asks for --doc when the name is in several documents, and honours it', async () => {
    const several = await selectDepartment(dataDir, '公安局').catch((e: unknown) => e);
    expect(several).toBeInstanceOf(AmbiguousDepartment);
    expect(several).toMatchObject({ among: 'documents' });
    expect((several as AmbiguousDepartment).candidates.map((c) => c.doc).sort()).toEqual([qingchuan.id, wuxi.id].sort());
    expect((await selectDepartment(dataDir, '公安局', qingchuan.id)).department.name).toBe('市公安局');
    expect((await selectDepartment(dataDir, '公安局', wuxi.id)).department.name).toBe('县公安局');
  });

  it('rejects unknown and ambiguous names clearly', async () => {
    await expect(selectDepartment(dataDir, '气象局')).rejects.toThrow(UnknownDepartment);
    await expect(selectDepartment(dataDir, '气象局')).rejects.toThrow(/no department "气象局" in 2 documents/);
    await expect(selectDepartment(dataDir, '局', wuxi.id)).rejects.toThrow(AmbiguousDepartment);
    await expect(selectDocument(dataDir)).rejects.toThrow(SeveralDocuments);
  });
});

describe('CLI', () => {
  const run = runInProcess;

  it('writes a sheet for a name as people write it', async () => {
    const file = path.join(dataDir, 'out', 'jt.pdf');
    const r = await run('sheet', '交通局', '--data', dataDir, '--out', file, '--date', '2026-01-01');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('县交通局');
    expect((await pdfText(await readFile(file))).flat).toContain('畅通县内交通网络');
  });

  it('sheets, matrix, indicators --pdf and export write where they say, per document', async () => {
    const out = path.join(dataDir, 'all');
    const r = await run('sheets', '--data', dataDir, '--out', out, '--date', '2026-01-01');
    expect(r.code).toBe(0);
    for (const doc of [wuxi, qingchuan]) {
      const index = JSON.parse(await readFile(path.join(out, doc.id, 'index.json'), 'utf8')) as SheetIndex;
      expect(index.sheets.length).toBe(doc.departments.length);
      expect(r.out).toContain(path.join(out, doc.id, 'index.json'));
    }
    const m = await run('matrix', '--data', dataDir, '--doc', qingchuan.id, '--out', path.join(dataDir, 'm.pdf'));
    expect(m.code).toBe(0);
    expect((await pdfText(await readFile(path.join(dataDir, 'm.pdf')))).flat).toContain('市大数据发展局');
    const i = await run('indicators', '--pdf', '--data', dataDir, '--doc', qingchuan.id);
    expect(i.code).toBe(0);
    const indicators = path.join(dataDir, 'reports', qingchuan.id, 'indicators.pdf');
    expect((await pdfText(await readFile(indicators))).flat).toContain('12345热线按时办结率');
    const x = await run('export', '--format', 'csv', '--data', dataDir);
    expect(x.code).toBe(0);
    for (const doc of [wuxi, qingchuan]) {
      const csv = await readFile(path.join(dataDir, 'reports', doc.id, 'tasks.csv'), 'utf8');
      expect(csv.startsWith('\ufeff章节,序号')).toBe(true);
    }
  });

  it('fails in one line for bad input', async () => {
    const bad = path.join(dataDir, 'bad.ttf');
    await writeFile(bad, 'nope');
    for (const args of [
      ['sheet', '气象局', '--data', dataDir],
      // in both documents: one --out file cannot take two sheets
      ['sheet', '公安局', '--data', dataDir, '--out', path.join(dataDir, 'gaj.pdf')],
      ['sheet', '交通局', '--data', dataDir, '--font', bad],
      ['sheet', '交通局', '--data', dataDir, '--font', path.join(dataDir, 'missing.ttf')],
      ['sheet', '交通局', '--data', dataDir, '--date', '01/02/2026'],
      ['matrix', '--data', dataDir, '--out', path.join(dataDir, 'm.pdf')],
      ['export', '--format', 'pdf', '--data', dataDir],
    ]) {
      const r = await run(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err, args.join(' ')).toMatch(/^policy: [^\n]+\n$/);
      expect(r.out).toBe('');
    }
  });

  it('rejects a font file pdfkit cannot use, naming it', () => {
    expect(() => resolveFonts({ font: '/definitely/missing.otf' })).toThrow(UserError);
  });

  // DejaVu is a common system font without Chinese glyphs; only where it is installed.
  const latin = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
  it.skipIf(!existsSync(latin))('rejects a font without Chinese glyphs', async () => {
    const r = await run('sheet', '交通局', '--data', dataDir, '--doc', wuxi.id, '--font', latin, '--out', path.join(dataDir, 'x.pdf'));
    expect(r.code).toBe(1);
    expect(r.err).toBe(`policy: ${latin}: font has no Chinese glyphs (中); give a CJK font\n`);
  });

  it('is reproducible from the command line with SOURCE_DATE_EPOCH', async () => {
    const saved = process.env.SOURCE_DATE_EPOCH;
    process.env.SOURCE_DATE_EPOCH = '1767225600';
    try {
      const a = path.join(dataDir, 'repro-a');
      const b = path.join(dataDir, 'repro-b');
      expect((await run('sheets', '--data', dataDir, '--doc', qingchuan.id, '--out', a)).code).toBe(0);
      expect((await run('sheets', '--data', dataDir, '--doc', qingchuan.id, '--out', b)).code).toBe(0);
      const files = (await readdir(a)).sort();
      expect(files).toEqual((await readdir(b)).sort());
      for (const f of files) expect(Buffer.compare(await readFile(path.join(a, f)), await readFile(path.join(b, f))), f).toBe(0);
      expect(JSON.parse(await readFile(path.join(a, 'index.json'), 'utf8')).generated).toBe('2026-01-01');
    } finally {
      if (saved === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = saved;
    }
  });
});

afterAll(() => {
  vi.restoreAllMocks();
});
