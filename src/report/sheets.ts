import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { InterruptedError } from '../model/errors.js';
import { type PageSpan, pageText } from '../model/pages.js';
import type { Department, DepartmentKind, PolicyDocument } from '../model/types.js';
import { writeFileAtomic } from '../util/atomic.js';
import { escapeMarkdown } from '../util/escape.js';
import { isoDay } from './dates.js';
import { FileNamer, insideDir } from './filenames.js';
import { documentTitle, type RenderOptions, renderSheet } from './sheet.js';
import { buildSheet } from './sheet-data.js';

/**
 * All responsibility sheets of one document into one folder, with an index:
 * `index.json` (machine-readable, shape SheetIndex) and `index.md` (for people).
 */

export interface SheetIndexEntry {
  department: string;
  aliases: string[];
  kind: DepartmentKind;
  /** Task numbers led (牵头) and supported (责任/配合), as the sheet lists them (with its carriers'). */
  lead: string[];
  responsible: string[];
  /** Units carrying this one's name with a second name (县财政局（县国资中心）), whose tasks the sheet lists too. */
  carriers: string[];
  /**
   * For a document read from PDF or OFD: the source pages of each task of the sheet, by task
   * number, in the order of the document; absent for a document without pages.
   */
  taskPages?: Array<{ task: string } & PageSpan>;
  /** File name inside the folder. */
  file: string;
  pages: number;
  bytes: number;
  sha256: string;
}

export interface SheetIndex {
  document: { id: string; title: string; docNumber: string | null; date: string | null; source: string; sha256: string };
  generated: string;
  sheets: SheetIndexEntry[];
}

export const INDEX_JSON = 'index.json';
export const INDEX_MD = 'index.md';

/** Departments by load: most tasks overall, then most tasks led, then document order. */
export function byLoad(departments: Department[]): Department[] {
  return departments
    .map((d, i) => ({ d, i }))
    .sort((a, b) => b.d.lead.length + b.d.responsible.length - (a.d.lead.length + a.d.responsible.length) || b.d.lead.length - a.d.lead.length || a.i - b.i)
    .map((x) => x.d);
}

/** Departments that get a sheet: a unit with no task and no mention would get one with nothing on it (`policy sheet` still makes one). */
function withSheet(doc: PolicyDocument): Department[] {
  return byLoad(doc.departments).filter((d) => d.lead.length + d.responsible.length + d.mentions.length > 0);
}

/** Why a document gets no sheets (本文件的任务没有列出单位), or null when it gets some. */
export function noSheetsReason(doc: PolicyDocument): string | null {
  if (withSheet(doc).length > 0) return null;
  return doc.tasks.length > 0
    ? '本文件的任务没有列出单位 (the document assigns no units to its tasks)'
    : '本文件没有任务，也没有提及单位 (no tasks and no units named)';
}

/**
 * Write the sheets and the index. A document without any unit to write a sheet for gets no
 * files (an index of nothing says less than noSheetsReason); sheets of an earlier run there
 * are removed all the same.
 */
export async function writeSheets(doc: PolicyDocument, outDir: string, options: RenderOptions & { signal?: AbortSignal } = {}): Promise<SheetIndex> {
  const { signal, ...render } = options;
  const date = options.date ?? new Date();
  const departments = withSheet(doc);
  if (departments.length > 0) await mkdir(outDir, { recursive: true });
  const previous = await readPreviousIndex(outDir);
  const namer = new FileNamer();
  namer.name(INDEX_JSON);
  namer.name(INDEX_MD);
  const sheets: SheetIndexEntry[] = [];
  for (const department of departments) {
    // stopped (Ctrl-C): the sheets written are whole; the index of the last complete run stays
    if (signal?.aborted)
      throw new InterruptedError(`${sheets.length} of ${departments.length} sheets of ${doc.id} written to ${outDir}; its ${INDEX_JSON} not updated`);
    const file = namer.name(`${department.name}责任清单`, '.pdf');
    const data = buildSheet(doc, department);
    const { bytes, pages } = await renderSheet(data, { ...render, date });
    await writeFileAtomic(insideDir(outDir, file), bytes);
    sheets.push({
      department: department.name,
      aliases: department.aliases,
      kind: department.kind,
      lead: data.tasks.filter((t) => t.role === 'lead').map((t) => t.task.number),
      responsible: data.tasks.filter((t) => t.role === 'responsible').map((t) => t.task.number),
      carriers: data.carriers,
      ...(data.tasks.some((t) => t.pages) ? { taskPages: data.tasks.flatMap((t) => (t.pages ? [{ task: t.task.number, ...t.pages }] : [])) } : {}),
      file,
      pages,
      bytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  }
  const index: SheetIndex = {
    document: {
      id: doc.id,
      title: documentTitle(doc),
      docNumber: doc.docNumber,
      date: doc.date,
      source: doc.source.fileName,
      sha256: doc.source.sha256,
    },
    generated: isoDay(date),
    sheets,
  };
  // Sheets of departments that are gone since the last run would mislead: remove them.
  const current = new Set(sheets.map((s) => s.file));
  for (const old of previous) {
    if (!current.has(old)) {
      try {
        await rm(insideDir(outDir, old), { force: true });
      } catch {
        // a hostile name in an old index is simply not touched
      }
    }
  }
  if (sheets.length === 0) {
    if (previous.length > 0 || existsSync(insideDir(outDir, INDEX_JSON))) {
      for (const f of [INDEX_JSON, INDEX_MD]) await rm(insideDir(outDir, f), { force: true });
    }
    return index;
  }
  await writeFileAtomic(insideDir(outDir, INDEX_JSON), JSON.stringify(index, null, 2) + '\n');
  await writeFileAtomic(insideDir(outDir, INDEX_MD), indexMarkdown(index));
  return index;
}

async function readPreviousIndex(outDir: string): Promise<string[]> {
  try {
    const old = JSON.parse(await readFile(insideDir(outDir, INDEX_JSON), 'utf8')) as Partial<SheetIndex>;
    return Array.isArray(old.sheets) ? old.sheets.map((s) => s.file).filter((f) => typeof f === 'string' && f.endsWith('.pdf')) : [];
  } catch {
    return [];
  }
}

/** Document text in Markdown: no markup of it passes through (see util/escape.ts). */
const cell = escapeMarkdown;

/** 任务1 第3页、任务4 第5—6页: the tasks of a sheet where the source has them. */
function sourcePages(entry: SheetIndexEntry): string {
  return (entry.taskPages ?? []).map((p) => `任务${cell(p.task)} ${pageText(p)}`).join('、');
}

export function indexMarkdown(index: SheetIndex): string {
  const d = index.document;
  const paged = index.sheets.some((s) => s.taskPages);
  const lines = [
    `# ${cell(d.title)} 责任清单索引`,
    '',
    cell([d.docNumber, d.date].filter(Boolean).join('　')),
    '',
    `来源：${cell(d.source)}（sha256 ${d.sha256.slice(0, 12)}）；生成日期：${index.generated}；共 ${index.sheets.length} 份。`,
    '',
    // a document read from PDF/OFD: where in the source each task of the sheet is (任务3 第5页)
    paged ? '| 单位 | 牵头 | 责任 | 页数 | 任务在原文 | 文件 |' : '| 单位 | 牵头 | 责任 | 页数 | 文件 |',
    paged ? '| --- | ---: | ---: | ---: | --- | --- |' : '| --- | ---: | ---: | ---: | --- |',
    ...index.sheets.map(
      (s) =>
        `| ${cell(s.department)} | ${s.lead.length} | ${s.responsible.length} | ${s.pages} | ${paged ? `${sourcePages(s)} | ` : ''}[${cell(s.file)}](<${s.file.replace(/[<>]/g, '')}>) |`,
    ),
    '',
  ];
  return lines.filter((l, i) => !(l === '' && lines[i - 1] === '')).join('\n');
}
