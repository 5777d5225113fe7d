import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../../model/errors.js';
import type { PolicyDocument } from '../../model/types.js';
import { FileNamer } from '../../report/filenames.js';
import type { RenderOptions } from '../../report/sheet.js';
import { selectDepartments, selectDocuments } from '../../select/documents.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { examples, plural } from '../format.js';
import { checkpoint, interruptSignal } from '../interrupt.js';

// The renderers load on use (dynamic import in each action): pdfkit and its fonts, exceljs
// take a while to load, and `policy export --format csv` needs neither.
const fontLib = () => import('../../report/pdf/fonts.js');
const datesLib = () => import('../../report/dates.js');
const sheetLib = () => import('../../report/sheet.js');
const sheetsLib = () => import('../../report/sheets.js');

/** Names of the sheets index files (as report/sheets.ts writes them), for the help text. */
const INDEX_JSON = 'index.json';
const INDEX_MD = 'index.md';

/**
 * Printable outputs: `policy sheet`, `sheets`, `matrix`, `export` (and the PDF of
 * `policy indicators --pdf`, through writeIndicatorsPdf). Every command reads the model
 * from the data folder and prints one line per file written.
 */

interface CommonOptions {
  data: string;
  doc?: string;
  out?: string;
  font?: string;
  fallbackFont?: string[];
  systemFonts?: boolean;
  date?: string;
}

const DATA_HELP = 'data folder written by `policy ingest`';
const FONT_HELP = 'TrueType/OpenType font file to use instead of the bundled Noto Sans/Serif SC (they still draw what it lacks)';
export const FALLBACK_HELP = 'font file (or file.ttc#PostScriptName) for characters the fonts lack, e.g. rare characters of names; may be repeated';
export const SYSTEM_FONTS_HELP = "do not draw characters the fonts lack from the system's CJK fonts (Noto CJK)";

/** --font, --fallback-font and --no-system-fonts, as every PDF-writing command has them. */
export function fontOptions(cmd: Command, prefix = ''): Command {
  return cmd
    .option('--font <path>', prefix + FONT_HELP)
    .option('--fallback-font <path>', prefix + FALLBACK_HELP, (v: string, all: string[] = []) => [...all, v])
    .option('--no-system-fonts', prefix + SYSTEM_FONTS_HELP);
}
const DATE_HELP = 'fixed generation date YYYY-MM-DD (reproducible bytes; default SOURCE_DATE_EPOCH, else today)';

function common(cmd: Command): Command {
  return fontOptions(cmd.option('-d, --data <dir>', DATA_HELP, 'output')).option('--date <YYYY-MM-DD>', DATE_HELP);
}

let glyphWarnings: (() => void) | null = null;

/**
 * A character the fonts lack is drawn as an empty box: say which, in which PDF, and what to
 * do about it — one line a character and PDF, on stderr (the file is still written).
 */
export function warnMissingGlyphs(listen: typeof import('../../report/pdf/fonts.js').onMissingGlyph, opts: FontFlags): void {
  glyphWarnings?.();
  glyphWarnings = listen(({ char, codePoint, unit, count, font }) => {
    const times = count === 1 ? 'once' : `${count} times`;
    if (font !== undefined) {
      // drawn, from another font: nothing is lost, but the reader may see its style differ
      process.stderr.write(`policy: note: ${char} (${codePoint}) is not in the fonts; drawn ${times} from ${font} in ${unit}\n`);
      return;
    }
    const given = [...(opts.font !== undefined ? [`--font ${opts.font}`] : []), ...(opts.fallbackFont ?? []).map((f) => `--fallback-font ${f}`)];
    const fix = given.length === 0 ? 'give --fallback-font FILE with a font that has it' : `not in ${given.join(', ')} either`;
    process.stderr.write(`policy: warning: ${char} (${codePoint}) has no glyph in the fonts; drawn as an empty box ${times} in ${unit} (${fix})\n`);
  });
}

export interface FontFlags {
  font?: string;
  fallbackFont?: string[];
  systemFonts?: boolean;
}

/** The FontSet the font flags ask for. */
export function fontsOf(resolve: typeof import('../../report/pdf/fonts.js').resolveFonts, opts: FontFlags): import('../../report/pdf/fonts.js').FontSet {
  return resolve({ font: opts.font, fallbacks: opts.fallbackFont, systemFonts: opts.systemFonts });
}

/** Fonts and date once per command: a bad --font fails before any work. */
export async function renderOptions(opts: FontFlags & { date?: string }): Promise<RenderOptions> {
  const [{ resolveFonts, onMissingGlyph }, { creationDate }] = await Promise.all([fontLib(), datesLib()]);
  warnMissingGlyphs(onMissingGlyph, opts);
  return { fonts: fontsOf(resolveFonts, opts), date: creationDate({ date: opts.date }) ?? new Date() };
}

async function writeOut(file: string, bytes: Buffer | string): Promise<void> {
  try {
    await writeFileAtomic(file, bytes);
  } catch (error) {
    throw new UserError(`${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** Why a document gets no department × task matrix, or null when it gets one. */
function noMatrixReason(doc: PolicyDocument): string | null {
  if (doc.tasks.length === 0) return '本文件没有任务 (no tasks were recognised)';
  if (!doc.tasks.some((t) => t.lead.length + t.responsible.length > 0)) return '本文件的任务没有列出单位 (the document assigns no units to its tasks)';
  return null;
}

function kb(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

function say(line: string): void {
  process.stdout.write(line + '\n');
}

/** Default place of a document's reports: <data>/reports/<id>/<name>. */
function reportPath(data: string, doc: PolicyDocument, name: string): string {
  return path.join(data, 'reports', doc.id, name);
}

/** Whether --out names a folder: one that exists, or a path ending in a slash. */
function isFolder(out: string): boolean {
  if (/[\\/]$/.test(out)) return true;
  try {
    return statSync(out).isDirectory();
  } catch {
    return false;
  }
}

/** The file to write: --out itself, the default name inside an --out folder, or the default path. */
function outFile(out: string | undefined, name: string, fallback: string): string {
  if (out === undefined) return fallback;
  return isFolder(out) ? path.join(out, name) : out;
}

/** --out is one file: it cannot serve several documents (a folder can). */
function singleOut(docs: PolicyDocument[], out: string | undefined): void {
  if (out !== undefined && docs.length > 1 && !isFolder(out)) {
    throw new UserError(`--out ${out}: ${docs.length} documents (${docs.map((d) => d.id).join(', ')}); pick one with --doc ID`);
  }
}

/** One PDF per document (or one, to --out), with a line saying what each holds. */
async function writePerDocument(
  opts: CommonOptions,
  fileName: string,
  render: (doc: PolicyDocument, options: RenderOptions) => Promise<{ bytes: Buffer; pages: number }>,
  holds: (doc: PolicyDocument) => string,
  declined: (doc: PolicyDocument) => string | null = () => null,
): Promise<void> {
  const options = await renderOptions(opts);
  const all = await selectDocuments(opts.data, opts.doc);
  const docs = all.filter((doc) => declined(doc) === null);
  singleOut(docs, opts.out);
  const written: string[] = [];
  for (const doc of docs) {
    checkpoint(() => `${written.length} of ${plural(docs.length, fileName)} written${written.length ? ` (${written.join(', ')})` : ''}`);
    const name = docs.length > 1 ? path.join(doc.id, fileName) : fileName;
    const file = outFile(opts.out, name, reportPath(opts.data, doc, fileName));
    const { bytes, pages } = await render(doc, options);
    await writeOut(file, bytes);
    written.push(file);
    say(`${file}  ${holds(doc)}, ${plural(pages, 'page')}, ${kb(bytes.length)}`);
  }
  // the documents without one: a line saying why, after the files written
  for (const doc of all) {
    const why = declined(doc);
    if (why !== null) say(`${doc.id}: no ${fileName === 'indicators.pdf' ? 'indicator' : fileName.replace(/\.pdf$/, '')} PDF — ${why}`);
  }
}

/**
 * The indicator sheets. A document without an indicator table gets none (it would say only
 * 本文件没有指标表) but a line saying so, as `sheets` does for a document without units.
 */
export async function writeIndicatorsPdf(opts: CommonOptions): Promise<void> {
  const { renderIndicators } = await import('../../report/indicators.js');
  await writePerDocument(
    opts,
    'indicators.pdf',
    renderIndicators,
    (doc) => `${doc.indicators.length} indicators`,
    (doc) => (doc.indicators.length === 0 ? '本文件没有指标表 (the document has no indicator table)' : null),
  );
}

export function registerReport(program: Command): void {
  common(
    program
      .command('sheet')
      .description("write one department's A4 responsibility sheet (责任清单) as PDF: the tasks it leads and those it is responsible for, in full")
      .argument('<department>', 'department as people write it: 交通局, 住建委, 发改委 …')
      .option('--doc <id>', 'only this document (default: a sheet in each document where the name resolves)')
      .option(
        '--out <file>',
        'PDF to write, or a folder to write it in (default <data>/sheets/<doc id>/<department>责任清单.pdf; a folder gets <doc id>/ sub-folders when the name is in several documents)',
      )
      .addHelpText(
        'after',
        examples('policy sheet 交通局', 'policy sheet 发改委 --doc wuxi --out 发改委.pdf', 'SOURCE_DATE_EPOCH=0 policy sheet 住建委   # byte-identical output'),
      ),
  ).action(async (query: string, opts: CommonOptions) => {
    const render = await renderOptions(opts);
    // one sheet in each document where the name resolves (县财政局 here, 市财政局 there), as `tasks --dept` reads it
    const found = await selectDepartments(opts.data, query, opts.doc);
    if (found.length > 1 && opts.out !== undefined && !isFolder(opts.out)) {
      const where = found.map((f) => `${f.document.id} (${f.department.name})`).join(', ');
      throw new UserError(`--out ${opts.out}: "${query}" is in ${found.length} documents: ${where}; pick one with --doc ID, or give a folder`);
    }
    for (const [i, { document, department }] of found.entries()) {
      checkpoint(() => `${i} of ${plural(found.length, 'sheet')} written`);
      const name = new FileNamer().name(`${department.name}责任清单`, '.pdf');
      const inFolder = found.length > 1 ? path.join(new FileNamer().name(document.id), name) : name;
      const file = outFile(opts.out, inFolder, path.join(opts.data, 'sheets', document.id, name));
      const { buildSheet } = await import('../../report/sheet-data.js');
      const { renderSheet } = await sheetLib();
      const data = buildSheet(document, department);
      const { bytes, pages } = await renderSheet(data, render);
      await writeOut(file, bytes);
      const of = found.length > 1 ? ` (${document.id})` : '';
      say(`${file}  ${department.name}${of}: 牵头 ${data.leadCount} 项 / 责任 ${data.responsibleCount} 项, ${plural(pages, 'page')}, ${kb(bytes.length)}`);
    }
  });

  common(
    program
      .command('sheets')
      .description(`write the responsibility sheets of every department, with ${INDEX_JSON} and ${INDEX_MD}`)
      .option('--doc <id>', 'only this document (default: every document)')
      .option('--out <dir>', 'folder to write (default <data>/sheets/<doc id>/; with several documents <dir>/<doc id>/)')
      .addHelpText('after', examples('policy sheets', 'policy sheets --doc wuxi --out 责任清单/')),
  ).action(async (opts: CommonOptions) => {
    const render = await renderOptions(opts);
    const docs = await selectDocuments(opts.data, opts.doc);
    const { noSheetsReason, writeSheets } = await sheetsLib();
    for (const [i, doc] of docs.entries()) {
      checkpoint(() => `the sheets of ${i} of ${plural(docs.length, 'document')} written`);
      const dir =
        opts.out === undefined ? path.join(opts.data, 'sheets', doc.id) : docs.length > 1 ? path.join(opts.out, new FileNamer().name(doc.id)) : opts.out;
      const index = await writeSheets(doc, dir, { ...render, signal: interruptSignal() }).catch((error: unknown) => {
        if (error instanceof UserError) throw error;
        const e = error as NodeJS.ErrnoException;
        throw new UserError(`${e.path ?? dir}: cannot write (${e.code ?? e.message})`);
      });
      const none = noSheetsReason(doc);
      if (none !== null) {
        say(`${doc.id}: no sheets — ${none}`);
        continue;
      }
      const total = index.sheets.reduce((s, e) => s + e.bytes, 0);
      const largest = Math.max(0, ...index.sheets.map((e) => e.bytes));
      say(`${path.join(dir, INDEX_JSON)}  ${index.sheets.length} sheets, ${kb(total)} in all, largest ${kb(largest)}`);
    }
  });

  common(
    program
      .command('matrix')
      .description('write the departments × tasks matrix (● 牵头 ○ 责任/配合) as a landscape PDF')
      .option('--doc <id>', 'only this document (default: every document)')
      .option('--out <file>', 'PDF to write (default <data>/reports/<doc id>/matrix.pdf)')
      .addHelpText('after', examples('policy matrix', 'policy matrix --doc wuxi --out 分工矩阵.pdf')),
  ).action(async (opts: CommonOptions) => {
    const { renderMatrix } = await import('../../report/matrix.js');
    // a document whose tasks name no unit gets no matrix but a line saying why, as `sheets` does
    await writePerDocument(opts, 'matrix.pdf', renderMatrix, (doc) => `${doc.tasks.length} tasks`, noMatrixReason);
  });

  program
    .command('export')
    .description('export the task breakdown table (任务分工表): one row per task, as XLSX or CSV (UTF-8 with BOM)')
    .requiredOption('--format <format>', 'xlsx or csv')
    .option('--doc <id>', 'only this document (default: every document)')
    .option('--out <file>', 'file to write (default <data>/reports/<doc id>/tasks.<format>); with several documents, one table of them all')
    .option('-d, --data <dir>', DATA_HELP, 'output')
    .option('--date <YYYY-MM-DD>', 'fixed creation date written into the XLSX properties')
    .addHelpText(
      'after',
      '\nThe XLSX has a second sheet, 主要指标, when the documents have indicator tables: every column of them\n' +
        '(类别, 基数, a column a target year, 年均增长/累计, 属性, 备注 …); a plain figure is a number cell (6.0 keeps\n' +
        'its decimal), a bound (<5.5, ≤5.7), words (5.5左右) or a total (累计 15) is text; base years that differ\n' +
        'go in a 基数年份 column.' +
        examples('policy export --format xlsx', 'policy export --format csv --doc wuxi --out tasks.csv'),
    )
    .action(async (opts: CommonOptions & { format: string }) => {
      const format = opts.format.toLowerCase();
      if (format !== 'xlsx' && format !== 'csv') throw new UserError(`--format ${opts.format}: expected xlsx or csv`);
      const { creationDate } = await import('../../report/dates.js');
      const date = creationDate({ date: opts.date });
      const { toCsv, toXlsx } = await import('../../report/export.js');
      const docs = await selectDocuments(opts.data, opts.doc);
      // one file per document; with --out, one table of them all (a 文档 column first)
      const groups = opts.out !== undefined ? [docs] : docs.map((doc) => [doc]);
      for (const [i, group] of groups.entries()) {
        checkpoint(() => `${i} of ${plural(groups.length, `${format.toUpperCase()} file`)} written`);
        const file = outFile(opts.out, `tasks.${format}`, reportPath(opts.data, group[0], `tasks.${format}`));
        const bytes = format === 'csv' ? toCsv(group) : await toXlsx(group, { date });
        await writeOut(file, bytes);
        const tasks = plural(
          group.reduce((n, d) => n + d.tasks.length, 0),
          'task',
        );
        say(`${file}  ${tasks}${group.length > 1 ? ` of ${group.length} documents` : ''}`);
      }
    });
}
