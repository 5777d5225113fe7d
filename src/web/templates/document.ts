import type { PolicyDocument } from '../../model/types.js';
import { type Html, html, type Part, raw, url } from '../html.js';
import { documentMarks, type Mark, type MarkedText, markText } from '../marks.js';
import type { SourceText } from '../workbench.js';
import { page, problem } from './layout.js';

const FORMAT_LABEL: Record<string, string> = {
  text: '文本',
  markdown: 'Markdown',
  html: '网页',
  docx: 'Word (.docx)',
  doc: 'Word (.doc)',
  wps: 'WPS',
  pdf: 'PDF',
  ofd: 'OFD',
  xlsx: 'Excel (.xlsx)',
  xls: 'Excel (.xls)',
  et: 'WPS 表格',
  csv: 'CSV',
};

export function docUrl(id: string, fragment = ''): string {
  return `/doc/${encodeURIComponent(id)}${fragment ? `#${fragment}` : ''}`;
}

export function deptUrl(name: string, doc?: string): string {
  return url('/dept', { name, doc });
}

/** The documents of the data folder, with what each holds. */
export function documentListPage(docs: PolicyDocument[], ingest: boolean): Html {
  const rows = docs.map(
    (d) =>
      html`<tr><td class="lead-cell"><a href="${docUrl(d.id)}">${d.title ?? d.source.fileName}</a><div class="id">${d.id}</div></td><td data-label="文号">${d.docNumber ?? '—'}</td><td data-label="日期">${d.date ?? '—'}</td><td class="n" data-label="任务">${d.tasks.length}</td><td class="n" data-label="单位">${d.departments.length}</td><td class="n" data-label="指标">${d.indicators.length}</td><td class="n" data-label="警告">${d.diagnostics.filter((x) => x.severity !== 'info').length}</td></tr>`,
  );
  const compare = docs.length >= 2 ? html`<p><a href="/compare">对照两份文件</a></p>` : '';
  return page(
    { title: '文件', current: 'docs', ingest },
    html`<h1>文件（${docs.length}）</h1><div class="table-wrap"><table class="list stack"><thead><tr><th>标题</th><th>文号</th><th>日期</th><th>任务</th><th>单位</th><th>指标</th><th>警告</th></tr></thead><tbody>${rows}</tbody></table></div>${compare}`,
  );
}

const KIND_NAME: Record<Mark['kind'], string> = {
  task: '任务',
  lead: '牵头单位',
  responsible: '责任单位',
  mention: '提及',
  indicator: '指标',
  target: '目标',
  reference: '引用',
};

/** The review view: the text as written with every extracted item marked, and the list of them. */
export function documentPage(doc: PolicyDocument, source: SourceText | null, ingest: boolean): Html {
  let marked: MarkedText | null = null;
  if (source) {
    const { marks, unplaced } = documentMarks(doc, source.text);
    marked = { ...markText(source.text, marks, doc.diagnostics), unplaced };
  }
  const meta = [doc.issuer, doc.docNumber, doc.date, doc.period ? `${doc.period.start}—${doc.period.end}年` : null].filter(Boolean).join(' · ');
  const head = html`<header class="doc-head">
<h1>${doc.title ?? doc.source.fileName}</h1>
${doc.noticeTitle ? html`<p class="notice">${doc.noticeTitle}</p>` : ''}
<p class="meta">${meta}</p>
<p class="meta">${doc.id} · ${FORMAT_LABEL[doc.source.format] ?? doc.source.format} · ${doc.tasks.length} 项任务 · ${doc.departments.length} 个单位 · ${doc.indicators.length} 项指标 · ${doc.targets.length} 个目标 · ${doc.references.length} 处引用</p>
<form class="inline-search" method="get" action="/" role="search"><input type="hidden" name="doc" value="${doc.id}"><label for="dq" class="sr">在本文件中检索</label><input id="dq" name="q" type="search" placeholder="在本文件中检索" maxlength="200"><button type="submit">检索</button> <a href="${url('/compare', { a: doc.id })}">与另一份文件对照</a> <a class="to-panel" href="#panel">提取结果清单 ↓</a></form>
</header>`;
  const text = marked
    ? html`<section class="source" aria-label="原文"><p class="source-file">原文：${doc.source.fileName}${doc.source.format === 'text' || doc.source.format === 'markdown' ? '' : '（转换所得的文本）'}（标注：<span class="key m-task">任务</span> <span class="key m-lead">牵头</span> <span class="key m-responsible">责任/配合</span> <span class="key m-mention">提及</span> <span class="key m-indicator">指标</span> <span class="key m-target">目标</span> <span class="key m-reference">引用</span> <span class="warn">⚠</span> 警告）<span class="keys">点击标注查看提取结果<span class="kbd">；键盘：Tab 进入原文，← → 逐个查看，Esc 关闭说明</span>。</span></p><div class="text" id="text">${raw(marked.html)}</div></section>`
    : html`<section class="source">${problem(`找不到这份文件的原文（${doc.source.path}${doc.source.format !== 'text' && doc.source.format !== 'markdown' ? '，或 source.txt' : ''}，且内容须与导入时相同），无法在原文中标注。下面的清单仍可用。`)}</section>`;
  return page({ title: doc.title ?? doc.id, current: 'docs', ingest, bodyClass: 'doc' }, html`${head}<div class="review">${text}${panel(doc, marked)}</div>`);
}

function panel(doc: PolicyDocument, marked: MarkedText | null): Html {
  const marks = marked?.marks ?? [];
  const firstOf = new Map<string, Mark>();
  for (const m of marks) if (m.unit && !firstOf.has(m.unit)) firstOf.set(m.unit, m);
  const placed = new Set(marks.map((m) => m.id));
  const link = (id: string, body: Part) =>
    placed.has(id) ? html`<a href="${`#${id}`}" data-target="${id}">${body}</a>` : html`<span class="unplaced" title="原文中未找到位置">${body}</span>`;
  const tasks = doc.tasks.map((t) => {
    const units = [
      ...t.lead.map((n) => html`<span class="u u-lead">${n}</span>`),
      ...t.responsible.map((n) => html`<span class="u u-responsible">${n}</span>`),
    ];
    return html`<li>${link(`task-${t.number}`, html`<b>${t.label || t.number}</b> ${t.title}`)}${units.length ? html`<div class="units">${units}</div>` : ''}${t.deadline ? html`<div class="deadline">完成时限：${t.deadline}</div>` : ''}</li>`;
  });
  const depts = [...doc.departments]
    .sort((a, b) => b.lead.length + b.responsible.length - (a.lead.length + a.responsible.length))
    .map((d) => {
      const first = firstOf.get(d.name);
      const counts = [
        d.lead.length ? `牵头 ${d.lead.length}` : '',
        d.responsible.length ? `责任 ${d.responsible.length}` : '',
        d.mentions.length ? `提及 ${d.mentions.length}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      const name = first ? html`<a href="${`#${first.id}`}" data-target="${first.id}">${d.name}</a>` : html`<span>${d.name}</span>`;
      return html`<li data-unit="${d.name}">${name} <span class="sub">${counts}</span> <a class="more" href="${deptUrl(d.name, doc.id)}" title="${`${d.name}的任务与责任清单`}">清单 ›</a>${d.aliases.length ? html`<div class="sub">又称 ${d.aliases.join('、')}</div>` : ''}</li>`;
    });
  const indicators = doc.indicators.map((i) => html`<li>${link(`ind-${i.number}`, html`${i.number}. ${i.name}${i.unit ? `（${i.unit}）` : ''}`)}</li>`);
  const targets = marks.filter((m) => m.kind === 'target').map((m) => html`<li>${link(m.id, m.label)}</li>`);
  const refs = marks.filter((m) => m.kind === 'reference').map((m) => html`<li>${link(m.id, m.label)}</li>`);
  const warnings = (marked?.warnings ?? []).map(
    (w) => html`<li><a href="${`#${w.id}`}" data-target="${w.id}">第 ${w.line} 行</a> <span class="sub">${w.rule}</span><div>${w.message}</div></li>`,
  );
  const section = (title: string, kind: string, items: Html[], open = true) =>
    items.length === 0
      ? ''
      : html`<details class="group group-${kind}"${open ? html` open` : ''}><summary>${title}（${items.length}）</summary><ul>${items}</ul></details>`;
  const unplaced = marked?.unplaced.length
    ? html`<p class="sub">原文中未找到位置的单位：${marked.unplaced.map((u, i) => html`${i > 0 ? '、' : ''}${u.unit}（任务 ${u.task}）`)}</p>`
    : '';
  return html`<aside class="panel" id="panel" aria-label="提取结果">
<div id="detail" class="detail" role="region" aria-label="选中的提取项" aria-live="polite" hidden></div>
<h2>提取结果</h2>
${section('任务', 'task', tasks)}${section('单位', 'unit', depts, depts.length <= 40)}${section('指标', 'indicator', indicators)}${section('目标', 'target', targets)}${section('引用文件', 'reference', refs)}${section('警告', 'warning', warnings)}${unplaced}
</aside>`;
}

export { KIND_NAME };
