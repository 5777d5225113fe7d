import { stat } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { DEFAULT_THRESHOLDS, PlanComparer } from '../../compare/compare.js';
import { formatJson, formatMarkdown, formatTerminal } from '../../compare/format.js';
import { ingestFile } from '../../ingest.js';
import { AliasTable } from '../../model/departments.js';
import { UserError } from '../../model/errors.js';
import { loadDocument } from '../../model/store.js';
import type { PolicyDocument } from '../../model/types.js';
import { writeFileAtomic } from '../../util/atomic.js';
import { examples, outputWidth } from '../format.js';

interface CompareCommandOptions {
  data: string;
  json?: boolean;
  md?: boolean;
  pdf?: string;
  counterpart: string;
  weak: string;
  matches: string;
  font?: string;
  fallbackFont?: string[];
  systemFonts?: boolean;
  date?: string;
  aliases?: string[];
}

/** `policy compare <A> <B>`: which tasks of A correspond to B, what each leaves out, shared indicators. */
export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('compare two plans: task counterparts of A in B, what of B that A leaves out, shared indicators, citation, corresponding units')
    .argument('<A>', 'ingested document id, or a file path (ingested on the fly, not saved); typically the lower-level plan')
    .argument('<B>', 'ingested document id or file path; typically the plan A implements')
    .option('-d, --data <dir>', 'data folder written by `policy ingest` (for ids)', 'output')
    .option('--json', 'print the comparison as JSON')
    .option('--md', 'print the comparison as Markdown')
    .option('--pdf <file>', 'write a PDF report to this file')
    // defaults shown as numbers, not as quoted strings
    .addOption(
      new Option('--counterpart <score>', 'least similarity for a counterpart').default(
        String(DEFAULT_THRESHOLDS.counterpart),
        String(DEFAULT_THRESHOLDS.counterpart),
      ),
    )
    .addOption(new Option('--weak <score>', 'least similarity for a weak match').default(String(DEFAULT_THRESHOLDS.weak), String(DEFAULT_THRESHOLDS.weak)))
    .addOption(new Option('--matches <n>', 'matches listed per task of A').default('3', '3'))
    .option('--aliases <file...>', 'extra department alias groups (JSON: {"groups": [["全称", "简称"]]}), for files ingested on the fly and for matching units')
    .option('--font <file>', 'with --pdf: a TTF/OTF font to use instead of the bundled Noto fonts (they still draw what it lacks)')
    .option(
      '--fallback-font <file>',
      'with --pdf: font file (or file.ttc#PostScriptName) for characters the fonts lack; may be repeated',
      (v: string, all: string[] = []) => [...all, v],
    )
    .option('--no-system-fonts', "with --pdf: do not draw characters the fonts lack from the system's CJK fonts")
    .option('--date <YYYY-MM-DD>', 'with --pdf: fixed creation date (reproducible bytes; default SOURCE_DATE_EPOCH or now)')
    .addHelpText(
      'after',
      `
The summary (terminal; --md and --pdf hold the same parts):
  A 的任务在 B 中的对应  each task of A, its closest unit of B, similarity and verdict
                         (对应 ≥ --counterpart, 弱相关 ≥ --weak, else 无对应)
  B 的承接情况           how much of each section of B the tasks of A take up (█ ▓ ░),
                         then B 中 A 未承接的内容: B's tasks and sections A leaves out
  A 独有的任务           A's tasks with no counterpart in B
  共有指标               rows of both indicator tables, paired by name: baseline → targets
  正文中的量化目标       targets written in the text (达到95%以上, 不少于3个, 年均增长5%—8%),
                         at least one side in prose, beside the other plan's figure for the
                         same metric (from its text or its table): a range as both bounds
                         (5—8%), comparator words as written (不低于, 以内), and the year of
                         each side — a pair may be of different years (100% by 2026 ↔ by
                         2027: the same target one year earlier); 表/文 N 行 says where
                         the figure stands (indicator table or text) and on which line
  上下级对应单位         the same unit at the two levels (县民政局 ↔ 市民政局) and what each leads
On a terminal, the summary fits its width exactly: long titles and metric names are cut
with … where the cut text names one thing only, else wrapped within their cell; piped or
redirected output is never cut.
` +
        examples(
          'policy compare wuxi-urbanization-plan-2021-2035 chongqing-urbanization-plan-2021-2035  # two ingested documents',
          'policy compare county-plan.txt provincial-plan.md --md > 对照.md  # files, read on the fly',
          'policy compare wuxi chongqing --pdf 对照报告.pdf                  # ids by their start',
        ),
    )
    .action(async (argA: string, argB: string, opts: CompareCommandOptions) => {
      const formats = [opts.json && '--json', opts.md && '--md', opts.pdf !== undefined && '--pdf'].filter(Boolean);
      if (formats.length > 1) throw new UserError(`${formats.join(', ')}: choose one output format`);
      const counterpart = score('--counterpart', opts.counterpart);
      const weak = score('--weak', opts.weak);
      if (weak > counterpart) throw new UserError(`--weak (${opts.weak}) must not exceed --counterpart (${opts.counterpart})`);
      const aliases = AliasTable.load(opts.aliases ?? []);
      const comparer = new PlanComparer({ counterpart, weak, maxMatches: count('--matches', opts.matches), aliases });
      const [a, b] = await Promise.all([resolveDocument(argA, 'A', opts.data, aliases), resolveDocument(argB, 'B', opts.data, aliases)]);
      const comparison = comparer.compare(a, b);
      if (opts.json) {
        process.stdout.write(formatJson(comparison));
      } else if (opts.md) {
        process.stdout.write(formatMarkdown(comparison));
      } else if (opts.pdf !== undefined) {
        // pdfkit loads only for --pdf
        const { renderComparisonPdf } = await import('../../compare/pdf.js');
        const { resolveFonts, onMissingGlyph } = await import('../../report/pdf/fonts.js');
        const { creationDate } = await import('../../report/dates.js');
        const { warnMissingGlyphs, fontsOf } = await import('./report.js');
        warnMissingGlyphs(onMissingGlyph, opts);
        const bytes = await renderComparisonPdf(comparison, a, b, {
          fonts: fontsOf(resolveFonts, opts),
          date: creationDate({ date: opts.date }),
        });
        try {
          await writeFileAtomic(opts.pdf, bytes, { mkdir: false });
        } catch (error) {
          throw new UserError(`${opts.pdf}: cannot write PDF (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        }
        process.stdout.write(`${opts.pdf}: PDF report, ${bytes.length} bytes\n`);
      } else {
        // Cut long titles only on a terminal: piped or redirected output stays whole, as elsewhere.
        process.stdout.write(formatTerminal(comparison, { color: useColour(), width: outputWidth() }));
      }
    });
}

/** A file on disk is ingested on the fly; anything else is an id in the data folder. */
async function resolveDocument(arg: string, which: string, dataDir: string, aliases: AliasTable): Promise<PolicyDocument> {
  const isFile = await stat(arg).then(
    (s) => s.isFile(),
    () => false,
  );
  if (isFile) return ingestFile(arg, { aliases });
  if (/[\\/]|\.(txt|md|markdown)$/i.test(arg)) throw new UserError(`${arg}: no such file (${which})`);
  // an id, or the unique prefix of one (loadDocument lists the ids when it knows none)
  return loadDocument(dataDir, arg).catch((error: unknown) => {
    if (error instanceof UserError) throw new UserError(`${which} "${arg}": not a file, and ${error.message}`);
    throw error;
  });
}

function score(name: string, value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < 0 || x > 1) throw new UserError(`${name}: must be a number from 0 to 1, got "${value}"`);
  return x;
}

function count(name: string, value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UserError(`${name}: must be a positive whole number, got "${value}"`);
  return Number(value);
}

function useColour(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}
