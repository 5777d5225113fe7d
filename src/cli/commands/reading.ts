import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { PolicyDocument } from '../../model/types.js';
import { writeDepartmentList, writeDepartmentListJson } from '../../report/department-list.js';
import { writeIndicatorList, writeIndicatorListJson } from '../../report/indicator-list.js';
import { listTasks, writeTaskList, writeTaskListJson } from '../../report/task-list.js';
import type { StoreListings } from '../../search/listings.js';
import { selectDocuments } from '../../select/index.js';
import { listedDocuments } from '../../util/listing.js';
import { examples, outputWidth } from '../format.js';

interface ReadOptions {
  data: string;
  doc?: string;
  json?: boolean;
  db?: string;
}

/** Load the documents a reading command works on: one with --doc, else all. */
export async function documentsFor(options: { data: string; doc?: string }): Promise<PolicyDocument[]> {
  return selectDocuments(options.data, options.doc || undefined);
}

/**
 * The listings of the store when it can answer (PostgreSQL, or a policy.db in step with the
 * folder's documents: readingStore), passed to `read` (which prints them: the store is open
 * while they are read); false: read the models.
 */
async function fromStore(options: ReadOptions, read: (listings: StoreListings) => void): Promise<boolean> {
  const { folderEngine, readingStore, useDb } = await import('../../search/store.js');
  useDb(options.db);
  const store = await readingStore(options.data);
  if (!store) return false;
  const { StoreListings } = await import('../../search/listings.js');
  try {
    read(new StoreListings(store, folderEngine() === 'postgres' && !existsSync(options.data) ? store.file : options.data));
    return true;
  } finally {
    store.close();
  }
}

const DB_OPTION = [
  '--db <url>',
  'the store on a PostgreSQL server (postgres://…; default POLICY_DB); else <data>/policy.db when it is up to date, else the models',
] as const;

const print = (s: string) => process.stdout.write(s);

/**
 * A listing printed as it is made: its pieces gathered into writes of 64 KB (stdout is
 * synchronous on a file and a pipe on Linux, so nothing piles up in memory).
 */
function printing(write: (out: (s: string) => void) => void): void {
  let buffer: string[] = [];
  let size = 0;
  write((s) => {
    buffer.push(s);
    size += s.length;
    if (size >= 1 << 16) {
      print(buffer.join(''));
      buffer = [];
      size = 0;
    }
  });
  if (buffer.length > 0) print(buffer.join(''));
}

export function registerReading(program: Command): void {
  program
    .command('tasks')
    .description('list the tasks (重点任务) with their lead (牵头) and responsible (责任/配合) units and deadline (完成时限)')
    .option('-d, --data <dir>', 'data folder written by `policy ingest`', 'output')
    .option('--doc <id>', 'only this document (its id, or a prefix only it has: wuxi)')
    .option('--dept <name>', 'only tasks this department leads or is responsible for (交通局, 住建委 … are understood)')
    .option('--role <role>', 'with --dept: lead (牵头) or responsible (责任/配合)')
    .option(...DB_OPTION)
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      examples('policy tasks', 'policy tasks --dept 交通局', 'policy tasks --dept 交通局 --role lead', 'policy tasks --dept 发改委 --doc wuxi --json'),
    )
    .action(async (options: ReadOptions & { dept?: string; role?: string }) => {
      const wanted = { dept: options.dept, role: options.role };
      const show = (list: Parameters<typeof writeTaskList>[0]) =>
        printing((write) => (options.json ? writeTaskListJson(list, write) : writeTaskList(list, { width: outputWidth() }, write)));
      if (!(await fromStore(options, (s) => show(s.tasks({ ...wanted, doc: options.doc || undefined }))))) show(listTasks(await documentsFor(options), wanted));
    });

  program
    .command('departments')
    .description('list the units named in assignment clauses, with the tasks they lead (牵头) or are responsible for (责任)')
    .option('-d, --data <dir>', 'data folder written by `policy ingest`', 'output')
    .option('--doc <id>', 'only this document (its id, or a prefix only it has: wuxi)')
    .option(...DB_OPTION)
    .option('--json', 'print JSON')
    .addHelpText('after', examples('policy departments', 'policy departments --doc wuxi --json'))
    .action(async (options: ReadOptions) => {
      const show = (docs: Parameters<typeof writeDepartmentList>[0]) =>
        printing((write) => (options.json ? writeDepartmentListJson(docs.each(), write) : writeDepartmentList(docs, { width: outputWidth() }, write)));
      if (!(await fromStore(options, (s) => show(s.departments(options.doc || undefined))))) show(listedDocuments(await documentsFor(options)));
    });

  program
    .command('indicators')
    .description(
      'list the indicators (主要指标): 序号, 类别, name, unit, baseline (基数), each target, the growth column (年均增长/累计), attribute (预期性/约束性) and any other column of the table (备注, 责任单位 …)',
    )
    .option('-d, --data <dir>', 'data folder written by `policy ingest`', 'output')
    .option('--doc <id>', 'only this document (its id, or a prefix only it has: wuxi)')
    .option(...DB_OPTION)
    .option('--json', 'print JSON')
    .option('--pdf', 'write the indicator sheet as PDF (baseline/target table and chart, 约束性 marked)')
    .option('--out <file>', 'with --pdf: PDF to write (default <data>/reports/<doc id>/indicators.pdf)')
    .option('--font <path>', 'with --pdf: font file instead of the bundled Noto Sans/Serif SC (they still draw what it lacks)')
    .option(
      '--fallback-font <path>',
      'with --pdf: font file (or file.ttc#PostScriptName) for characters the fonts lack; may be repeated',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option('--no-system-fonts', "with --pdf: do not draw characters the fonts lack from the system's CJK fonts")
    .option('--date <YYYY-MM-DD>', 'with --pdf: fixed generation date (reproducible bytes)')
    .addHelpText(
      'after',
      [
        '',
        'How figures are shown (the model, --json, keeps each cell as written):',
        '  ≦ ≧ as ≤ ≥; a bracketed figure in a 年均增长 column ([15]) is a total over the plan period: 累计 15.',
        '  One column a target year; on a terminal too narrow for that, one column a target with the year',
        '  in the cell (73（2030年）), so the names are not cut for columns that are mostly empty.',
        '  --pdf: the table and a chart of baseline against target. A target with < ≤ > ≥ is a bound',
        "  (上限/下限, a hollow bar), not a planned change; a change is given in the row's unit (个百分点",
        '  for %). A document without an indicator table gets no PDF, but a line saying so.',
        '  The XLSX of `policy export` has the same table as its 主要指标 sheet.',
      ].join('\n') + examples('policy indicators', 'policy indicators --pdf --doc wuxi --out 指标.pdf', 'policy indicators --json'),
    )
    .action(async (options: ReadOptions & { pdf?: boolean; out?: string; font?: string; fallbackFont?: string[]; systemFonts?: boolean; date?: string }) => {
      // pdfkit loads only for --pdf
      if (options.pdf) return (await import('./report.js')).writeIndicatorsPdf(options);
      const show = (docs: Parameters<typeof writeIndicatorList>[0]) =>
        printing((write) => (options.json ? writeIndicatorListJson(docs.each(), write) : writeIndicatorList(docs, { width: outputWidth() }, write)));
      if (!(await fromStore(options, (s) => show(s.indicators(options.doc || undefined))))) show(listedDocuments(await documentsFor(options)));
    });
}
