import { type Command, Option } from 'commander';
import { UserError } from '../../model/errors.js';
import type { Role } from '../../model/types.js';
import { formatJson, formatText } from '../../search/format.js';
import { loadSearchIndex, useDb } from '../../search/store.js';
import { Thesaurus } from '../../search/thesaurus.js';
import type { UnitKind } from '../../search/units.js';
import { examples } from '../format.js';

interface SearchCommandOptions {
  db?: string;
  dept?: string;
  role?: string;
  kind?: string;
  doc?: string;
  limit: string | number;
  data: string;
  json?: boolean;
  synonyms: boolean;
  thesaurus?: string;
}

/** `policy search <query…>`: ranked clauses from the saved index of a data folder. */
export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('search the ingested documents for clauses (tasks, paragraphs, indicator rows); "quoted phrases" must occur verbatim')
    .argument('<query...>', 'words to search for; several arguments are joined with spaces')
    .option('--dept <name>', 'only clauses assigned to this department (交通局, 住建委 … as people write them)')
    .option('--role <role>', 'with --dept: lead (牵头) or responsible (责任/配合)')
    .option('--kind <kinds>', 'only these kinds, comma-separated: task, principle, goal, guidance, measure, indicator, box, header, paragraph, web (see below)')
    .option('--doc <ids>', 'only these document ids, comma-separated')
    // A number, so the help shows (default: 10) rather than (default: "10").
    .addOption(new Option('--limit <n>', 'number of hits to show').default(10))
    .option('-d, --data <dir>', 'data folder written by `policy ingest`', 'output')
    .option('--db <url>', 'the store on a PostgreSQL server (postgres://…; default POLICY_DB, else <data>/policy.db)')
    .option('--thesaurus <file>', 'more synonym groups (JSON, as data/thesaurus.json), besides the bundled ones and <data>/thesaurus.json')
    .option('--no-synonyms', 'search the words as typed only (no 户口 → 户籍)')
    .option('--json', 'print {"query", "total", "hits": […]} as JSON')
    .addHelpText(
      'after',
      examples(
        'policy search 宅基地',
        'policy search 农业转移人口落户 --dept 住建委',
        'policy search 农村公路 --dept 交通局 --role lead --limit 5',
        'policy search 户口 --no-synonyms',
        `policy search '"闲置宅基地"' --kind task --json`,
      ) +
        `

A hit is one of (its label in the results, then its --kind):
  [任务 12]    task       a numbered task: its whole text, the 牵头/责任 clause included
  [原则]       principle  a paragraph of the plan's 基本原则
  [目标]       goal       a paragraph of its 主要目标 / 工作目标
  [指导思想]   guidance   a paragraph of its 指导思想
  [保障措施]   measure    a paragraph of its 保障措施
  [指标 3]     indicator  a row of an indicator table
  [专栏]       box        a 专栏 box
  [段落]       paragraph  any other paragraph
  [文头]       header     the head and closing: 文号, 主送, the 印发 notice, 署名, 日期
  [网页]       web        a copied web page's clutter (breadcrumb, 来源/发布时间 line,
                          【打印】 toolbar, footer): left out unless --kind web asks for it
A word inside a department's name is not a topic word: 旅游 does not find a clause only
because it names 县文化旅游委 (search 文化旅游委 for that). A number matches whole numbers:
5% does not find 95% or 5.5%. Piped output marks matched words 【】 (〖〗 in text with 【】 of its own).
Synonyms and abbreviations (data/thesaurus.json, with <data>/thesaurus.json and --thesaurus):
户口 also finds 户籍, 公租房 公共租赁住房; clauses with the word as typed come first, and a line
under the header says what was added (同义词：户口 → 户籍).`,
    )
    .action(async (words: string[], opts: SearchCommandOptions) => {
      const given = String(opts.limit).trim();
      const limit = Number(given);
      if (!/^\d+$/.test(given) || limit < 1) throw new UserError(`--limit: must be a positive whole number, got "${given}"`);
      useDb(opts.db);
      // a bad thesaurus file is found before the store is opened
      const own = opts.thesaurus !== undefined ? Thesaurus.read(opts.thesaurus) : undefined;
      const index = await loadSearchIndex(opts.data);
      const thesaurus = own?.over(index.thesaurus);
      const kind = splitList(opts.kind) as UnitKind[] | undefined;
      const doc = splitList(opts.doc);
      const result = index.search(words.join(' '), {
        dept: opts.dept,
        role: opts.role as Role | undefined,
        kind,
        doc,
        limit,
        synonyms: opts.synonyms,
        thesaurus,
      });
      const filters = { role: opts.role as Role | undefined, kind, doc };
      const out = opts.json ? formatJson(result) : formatText(result, useColour(), filters);
      process.stdout.write(out);
    });
}

function splitList(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function useColour(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}
