import type { SearchHit, SearchResult } from '../../search/search-index.js';
import { UNIT_KIND_LABELS, type UnitKind } from '../../search/units.js';
import { type Html, html, type Part, url } from '../html.js';
import { page, problem } from './layout.js';

export const KIND_LABEL = UNIT_KIND_LABELS;

export const ROLE_LABEL = { lead: '牵头', responsible: '责任/配合' } as const;

export interface SearchParams {
  q: string;
  doc: string;
  dept: string;
  role: '' | 'lead' | 'responsible';
  kind: '' | UnitKind;
  page: number;
  /** The words as typed only, without the thesaurus's synonyms (`syn=0` in the URL). */
  exact?: boolean;
}

export interface SearchView {
  params: SearchParams;
  documents: Array<{ id: string; title: string | null }>;
  result: SearchResult | null;
  /** Hits of the page shown. */
  hits: SearchHit[];
  pageSize: number;
  /** A problem with the query or a filter (one line, as the CLI says it). */
  error: Part;
  ingest: boolean;
}

/** The search URL with these parameters (page 1 unless given). */
export function searchUrl(p: Partial<SearchParams>): string {
  return url('/', {
    q: p.q,
    doc: p.doc,
    dept: p.dept,
    role: p.dept ? p.role : '',
    kind: p.kind,
    syn: p.exact ? '0' : null,
    page: p.page && p.page > 1 ? p.page : null,
  });
}

/** Where a hit is in its document: the task's span, an indicator row, else its line. */
export function hitAnchor(hit: SearchHit): string {
  const fragment = hit.kind === 'task' && hit.number ? `task-${hit.number}` : hit.kind === 'indicator' && hit.number ? `ind-${hit.number}` : `L${hit.line}`;
  return `/doc/${encodeURIComponent(hit.doc)}#${fragment}`;
}

/** The snippet with its matched words in <mark>. */
export function marked(snippet: SearchHit['snippet']): Html {
  const parts: Part[] = [];
  let at = 0;
  for (const [s, e] of snippet.highlights) {
    parts.push(snippet.text.slice(at, s), html`<mark>${snippet.text.slice(s, e)}</mark>`);
    at = e;
  }
  parts.push(snippet.text.slice(at));
  return html`${parts}`;
}

function option(value: string, label: string, selected: string): Html {
  return html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
}

export function searchForm(v: SearchView): Html {
  const p = v.params;
  const kinds = Object.entries(KIND_LABEL) as Array<[UnitKind, string]>;
  return html`<form class="search" method="get" action="/" role="search">
<div class="query"><label for="q" class="sr">检索词</label><input id="q" name="q" type="search" value="${p.q}" placeholder="检索条文：宅基地、随迁子女、&quot;闲置宅基地&quot;…" maxlength="200" autocomplete="off"><button type="submit">检索</button></div>
<div class="filters">
<label>文件 <select name="doc">${option('', '全部文件', p.doc)}${v.documents.map((d) => option(d.id, d.title ? `${d.title}（${d.id}）` : d.id, p.doc))}</select></label>
<span class="field"><label for="dept">部门</label> ${unitBox('dept', 'dept', p.dept)}</span>
<label>角色 <select name="role">${option('', '牵头或责任', p.role)}${option('lead', '牵头', p.role)}${option('responsible', '责任/配合', p.role)}</select></label>
<label>类型 <select name="kind">${option('', '全部（网页杂项除外）', p.kind)}${kinds.map(([k, label]) => option(k, `${label}（${k}）`, p.kind))}</select></label>
${p.exact ? html`<input type="hidden" name="syn" value="0">` : ''}</div>
</form>`;
}

/**
 * A department box: a text input that the script turns into a combobox, suggesting units from
 * /units as the user types (aliases and traditional script resolve there). Without the script
 * it is a plain box, and the server resolves what was typed.
 */
export function unitBox(id: string, name: string, value: string): Html {
  return html`<span class="combo"><input id="${id}" name="${name}" value="${value}" placeholder="交通局、住建委、發改委…" autocomplete="off" data-suggest="${`${id}-list`}" aria-autocomplete="list" aria-controls="${`${id}-list`}" aria-expanded="false"><ul id="${`${id}-list`}" class="suggest-list" role="listbox" aria-label="部门建议" hidden></ul></span>`;
}

/** The link that filters by a unit, each unit's built once a page (a page names the same few units again and again). */
type UnitHref = (name: string) => string;

function unitHrefs(p: SearchParams): UnitHref {
  const made = new Map<string, string>();
  return (name) => {
    let href = made.get(name);
    if (href === undefined) made.set(name, (href = searchUrl({ ...p, dept: name, role: '', page: 1 })));
    return href;
  };
}

function unitLinks(names: string[], role: 'lead' | 'responsible', href: UnitHref): Html {
  return html`${names.map((n, i) => html`${i > 0 ? '、' : ''}<a class="unit unit-${role}" href="${href(n)}" title="只看${n}的条文">${n}</a>`)}`;
}

function hitItem(hit: SearchHit, titles: Map<string, string | null>, href: UnitHref): Html {
  const label =
    hit.kind === 'task' ? `任务 ${hit.label ?? hit.number ?? ''}`.trim() : hit.number ? `${KIND_LABEL[hit.kind]} ${hit.number}` : KIND_LABEL[hit.kind];
  const docTitle = titles.get(hit.doc);
  return html`<li class="hit">
<div class="hit-head"><span class="kind kind-${hit.kind}">${label}</span> <a class="hit-title" href="${hitAnchor(hit)}">${hit.title || hit.snippet.text.slice(0, 30)}</a></div>
<div class="where"><a href="${`/doc/${encodeURIComponent(hit.doc)}`}">${docTitle ?? hit.doc}</a> · <a href="${`/doc/${encodeURIComponent(hit.doc)}#L${hit.line}`}">第 ${hit.line} 行</a>${hit.section ? html` · <span class="trail">${hit.section}</span>` : ''}</div>
<p class="snippet">${marked(hit.snippet)}</p>
${
  hit.lead.length || hit.responsible.length || hit.deadline
    ? html`<div class="units">${hit.lead.length ? html`<span class="role">牵头：</span>${unitLinks(hit.lead, 'lead', href)} ` : ''}${hit.responsible.length ? html`<span class="role">责任：</span>${unitLinks(hit.responsible, 'responsible', href)} ` : ''}${hit.deadline ? html`<span class="deadline">完成时限：${hit.deadline}</span>` : ''}</div>`
    : ''
}
</li>`;
}

/** department 县交通局, role 牵头 …: what narrowed the search, in words. */
function scope(result: SearchResult, p: SearchParams): string[] {
  const out: string[] = [];
  if (result.departments.length) out.push(`部门 ${[...new Set(result.departments.map((d) => d.name))].join(' / ')}`);
  if (p.dept && p.role) out.push(`角色 ${ROLE_LABEL[p.role]}`);
  if (p.kind) out.push(`类型 ${KIND_LABEL[p.kind]}`);
  if (result.docs?.length) out.push(`文件 ${result.docs.join('、')}`);
  return out;
}

/** 角色 picked without a department narrows nothing (a role is a unit's): say so rather than ignore it silently. */
function roleNote(p: SearchParams): Part {
  return p.role && !p.dept ? html`<p class="note">“角色”须与部门一起用：请在“部门”中写上单位，再按角色筛选。</p>` : null;
}

/** The synonyms searched too (公租房 → 公共租赁住房), with a link to the words as typed; or that they were left out. */
function synonymNote(result: SearchResult, p: SearchParams): Part {
  if (p.exact) return html`<p class="note">只检索所写的词，未用同义词。<a href="${searchUrl({ ...p, exact: false, page: 1 })}">加上同义词检索</a></p>`;
  if (!result.synonyms?.length) return null;
  const pairs = result.synonyms.map((e) => `${e.word} → ${e.synonyms.join('、')}`).join('；');
  return html`<p class="note">同义词：${pairs}（一并检索）。<a href="${searchUrl({ ...p, exact: true, page: 1 })}">只检索所写的词</a></p>`;
}

function webNote(result: SearchResult, p: SearchParams): Part {
  if (!(result.web > 0)) return null;
  return html`<p class="note">网页杂项（复制网页带来的工具栏、页面信息、页脚，检索时默认不含）中有 ${result.web} 行含有${result.total > 0 ? '全部检索词' : '检索词'}：<a href="${searchUrl({ ...p, kind: 'web', page: 1 })}">显示网页杂项</a>。</p>`;
}

function summary(v: SearchView, result: SearchResult): Html {
  const p = v.params;
  const q = /["“”「」『』＂]/.test(result.query) ? result.query : `“${result.query}”`;
  const s = scope(result, p);
  if (result.total === 0) {
    const filtered = Boolean(p.doc || p.dept || p.kind);
    return html`<div class="summary none"><p>没有与 ${q} 匹配的条文${s.length ? `（${s.join('，')}）` : ''}。</p>${synonymNote(result, p)}${webNote(result, p)}${
      result.suggestions.length
        ? html`<p class="suggest">您是不是要找：${result.suggestions.map((w, i) => html`${i > 0 ? '、' : ''}<a href="${searchUrl({ ...p, q: w, page: 1 })}">${w}</a>`)}？</p>`
        : ''
    }${filtered ? html`<p><a href="${searchUrl({ q: p.q })}">去掉筛选条件，在全部文件中检索“${p.q}”</a></p>` : ''}</div>`;
  }
  if (v.hits.length === 0) {
    const last = Math.ceil(result.total / v.pageSize);
    return html`<div class="summary"><p><strong>${result.total}</strong> 条与 ${q} 匹配的条文，共 ${last} 页，没有第 ${p.page} 页：<a href="${searchUrl({ ...p, page: last })}">看第 ${last} 页</a>。</p></div>`;
  }
  const first = (p.page - 1) * v.pageSize + 1;
  const last = first + v.hits.length - 1;
  const spread = result.documents > 1 ? `，来自 ${result.documents} 份文件` : '';
  return html`<div class="summary"><p><strong>${result.total}</strong> 条与 ${q} 匹配的条文${spread}${s.length ? `（${s.join('，')}）` : ''}${result.total > v.hits.length ? `，显示第 ${first}–${last} 条` : ''}。</p>${
    result.matchedAll ? '' : html`<p class="note">没有条文包含全部检索词（${result.words.join(' ')}），以下是包含部分检索词的条文。</p>`
  }${synonymNote(result, p)}${roleNote(p)}${webNote(result, p)}</div>`;
}

function pager(v: SearchView, result: SearchResult): Part {
  const pages = Math.ceil(result.total / v.pageSize);
  // a page past the last has its own link to the last (summary), not a pager around nothing
  if (pages <= 1 || v.params.page > pages) return null;
  const p = v.params;
  const near = [...new Set([1, p.page - 2, p.page - 1, p.page, p.page + 1, p.page + 2, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const items: Part[] = [];
  near.forEach((n, i) => {
    if (i > 0 && n - near[i - 1] > 1) items.push(html`<span class="gap">…</span>`);
    items.push(n === p.page ? html`<span class="current" aria-current="page">${n}</span>` : html`<a href="${searchUrl({ ...p, page: n })}">${n}</a>`);
  });
  return html`<nav class="pager" aria-label="分页">${p.page > 1 ? html`<a rel="prev" href="${searchUrl({ ...p, page: p.page - 1 })}">上一页</a>` : ''}${items}${
    p.page < pages ? html`<a rel="next" href="${searchUrl({ ...p, page: p.page + 1 })}">下一页</a>` : ''
  }</nav>`;
}

export function searchPage(v: SearchView): Html {
  const titles = new Map(v.documents.map((d) => [d.id, d.title]));
  const href = unitHrefs(v.params);
  const r = v.result;
  const body = v.error
    ? problem(v.error)
    : r
      ? html`${summary(v, r)}<ol class="hits" start="${(v.params.page - 1) * v.pageSize + 1}">${v.hits.map((h) => hitItem(h, titles, href))}</ol>${pager(v, r)}`
      : intro(v);
  return page(
    { title: v.params.q ? `检索：${v.params.q}` : '检索', current: 'search', ingest: v.ingest },
    html`${searchForm(v)}<section class="results" aria-live="polite">${body}</section>`,
  );
}

function intro(v: SearchView): Html {
  const examples = ['宅基地', '随迁子女', '老旧小区改造', '"闲置宅基地"'];
  return html`<div class="intro"><p>在 ${v.documents.length} 份文件的任务、段落和指标中检索。例如：${examples.map((q, i) => html`${i > 0 ? '、' : ''}<a href="${searchUrl({ q })}">${q}</a>`)}。</p>
<p>部门可以按习惯写：交通局、住建委、發改委；加引号的词组须原文出现。</p></div>`;
}
