import { type Command, Option } from 'commander';
import { UserError } from '../../model/errors.js';
import type { Role } from '../../model/types.js';
import type { SearchHit, SearchResult } from '../../search/search-index.js';
import type { Snippet } from '../../search/snippet.js';
import { loadSearchIndex, useDb } from '../../search/store.js';
import { Thesaurus } from '../../search/thesaurus.js';
import { UNIT_KIND_LABELS, type UnitKind } from '../../search/units.js';
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

/** The filters of a search, for its header. */
export interface SearchFilters {
  role?: Role;
  kind?: string[];
  doc?: string[];
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

export function formatJson(result: SearchResult): string {
  const hits = result.hits.map((h) => ({
    id: h.id,
    doc: h.doc,
    kind: h.kind,
    number: h.number,
    label: h.label ?? null,
    title: h.title,
    section: h.section,
    score: h.score,
    snippet: h.snippet.text,
    highlights: h.snippet.highlights,
    lead: h.lead,
    responsible: h.responsible,
    deadline: h.deadline ?? null,
    line: h.line,
    ...(h.page ? { page: h.page } : {}),
  }));
  const suggestions = result.suggestions.length > 0 ? { suggestions: result.suggestions } : {};
  const web = result.web > 0 ? { web: result.web } : {};
  const synonyms = result.synonyms.length > 0 ? { synonyms: result.synonyms } : {};
  return JSON.stringify({ query: result.query, total: result.total, ...synonyms, hits, ...web, ...suggestions }, null, 2) + '\n';
}

const KIND_LABEL = UNIT_KIND_LABELS;

/**
 * Marks around matched words: bold red on a colour terminal, 【】 otherwise — or 〖〗 in a
 * snippet with 【】 of its own (【打印】, 【责任单位】), where 【【打印】】 would not read.
 */
function mark(snippet: Snippet, colour: boolean): string {
  const [open, close] = colour ? ['\x1b[1;31m', '\x1b[0m'] : /[【】]/.test(snippet.text) ? ['〖', '〗'] : ['【', '】'];
  let out = '';
  let at = 0;
  for (const [s, e] of snippet.highlights) {
    out += snippet.text.slice(at, s) + open + snippet.text.slice(s, e) + close;
    at = e;
  }
  return out + snippet.text.slice(at);
}

function dim(text: string, colour: boolean): string {
  return colour ? `\x1b[2m${text}\x1b[0m` : text;
}

function formatHit(hit: SearchHit, rank: number, colour: boolean): string {
  const label = hit.number === null ? KIND_LABEL[hit.kind] : `${KIND_LABEL[hit.kind]}${numberLabel(hit)}`;
  const head = `${String(rank).padStart(2)}. [${label}] ${hit.title || hit.snippet.text.slice(0, 30)}`;
  const lines = [colour ? `\x1b[1m${head}\x1b[0m` : head];
  lines.push(`    ${dim(`${hit.doc}:${hit.line}${hit.page ? ` 第${hit.page}页` : ''}${hit.section ? ` · ${hit.section}` : ''}`, colour)}`);
  lines.push(`    ${mark(hit.snippet, colour)}`);
  const units = [
    hit.lead.length > 0 ? `牵头：${hit.lead.join('、')}` : '',
    hit.responsible.length > 0 ? `责任：${hit.responsible.join('、')}` : '',
    hit.deadline ? `完成时限：${hit.deadline}` : '',
  ].filter(Boolean);
  if (units.length > 0) lines.push(`    ${dim(units.join('  '), colour)}`);
  return lines.join('\n');
}

export function formatText(result: SearchResult, colour: boolean, filters: SearchFilters = {}): string {
  const scope = describeFilters(result, filters);
  const query = quoted(result.query);
  if (result.total === 0) {
    const none = `No clause matches ${query}${scope.length > 0 ? ` (${scope.join(', ')})` : ''}.`;
    const hint = result.suggestions.length > 0 ? `\nDid you mean ${orList(result.suggestions)}?` : '';
    return `${[none, synonymLine(result), webNote(result)].filter(Boolean).join('\n')}${hint}\n`;
  }
  const cut = result.hits.length < result.total;
  const shown = cut ? ` (showing ${result.hits.length})` : '';
  // Over several documents, say how many: the hits shown may all come from one of them.
  const asked = result.docs ?? filters.doc;
  const spread = result.documents > 1 && asked?.length !== 1 ? ` in ${result.documents} documents` : '';
  const header = [`${result.total} clause${result.total === 1 ? '' : 's'} for ${query}${spread}${scope.map((s) => `, ${s}`).join('')}${shown}`];
  if (result.synonyms.length > 0) header.push(synonymLine(result));
  if (!result.matchedAll) header.push(`No clause has all of ${result.words.join(' ')}; showing clauses with some of them.`);
  if (result.web > 0) header.push(webNote(result));
  const footer = cut ? ['', `${result.total - result.hits.length} more not shown: --limit ${result.total} shows them all`] : [];
  return [...header, '', result.hits.map((h, i) => formatHit(h, i + 1, colour)).join('\n\n'), ...footer, ''].join('\n');
}

/** 同义词：户口 → 户籍；医保 → 医疗保险、医疗保障 — what the thesaurus added to the query ('' for nothing). */
export function synonymLine(result: Pick<SearchResult, 'synonyms'>): string {
  if (result.synonyms.length === 0) return '';
  return `同义词：${result.synonyms.map((e) => `${e.word} → ${e.synonyms.join('、')}`).join('；')}`;
}

/** Where the words are only in a web page's clutter, which searches leave out: say how to see it. */
function webNote(result: SearchResult): string {
  if (!(result.web > 0)) return '';
  const lines = result.web === 1 ? '1 line' : `${result.web} lines`;
  return `Web-page clutter (网页: a copied page's toolbar, page info or footer, left out of searches) has ${lines} with ${result.total > 0 ? 'all of them' : 'it'}: --kind web shows ${result.web === 1 ? 'it' : 'them'}.`;
}

/** department 县交通局, role lead, kind task, document … — what narrowed the search. */
function describeFilters(result: SearchResult, filters: SearchFilters): string[] {
  const out: string[] = [];
  if (result.departments.length > 0) out.push(`department ${[...new Set(result.departments.map((d) => d.name))].join(' / ')}`);
  if (filters.role) out.push(`role ${filters.role}`);
  if (filters.kind?.length) out.push(`kind ${filters.kind.join(', ')}`);
  // the ids as resolved: --doc hong is hongchuan-elderly-care-notice-2025
  const docs = result.docs ?? filters.doc;
  if (docs?.length) out.push(`${docs.length === 1 ? 'document' : 'documents'} ${docs.join(', ')}`);
  return out;
}

/** 宅基地 · 协同 or 交通 · 协同, 交通 or 共同 */
function orList(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** The query in quotes, unless it has its own ("老旧小区" is not shown as ""老旧小区""). */
function quoted(query: string): string {
  return /["“”「」『』＂]/.test(query) ? query : `"${query}"`;
}

/** " 12", " 4.2.1", or the label of a task numbered in Chinese: 任务（二）, 任务二. */
function numberLabel(hit: SearchHit): string {
  if (/^[\d.]+$/.test(hit.number ?? '') || !hit.label) return ` ${hit.number}`;
  return hit.label.replace(/[、.．]$/, '');
}
