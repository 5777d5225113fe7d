import type { Role } from '../model/types.js';
import type { SearchHit, SearchResult } from './search-index.js';
import type { Snippet } from './snippet.js';
import { UNIT_KIND_LABELS } from './units.js';

/**
 * Search results as text and JSON: pure functions of a SearchResult (and, for text, whether to
 * colour it and the filters the search had), shared by the `policy search` command and tests.
 * Text: a header (how many clauses, for what, in how many documents, narrowed how), then each
 * hit: rank, [label] title; where it is (document:line, page, section); its snippet with the
 * matched words marked; its units and deadline.
 */

/** The filters of a search, for its header. */
export interface SearchFilters {
  role?: Role;
  kind?: string[];
  doc?: string[];
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
