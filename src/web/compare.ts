import type { URL } from 'node:url';
import { type Comparison, comparePlans, type Match } from '../compare/compare.js';
import { indicatorValues, SCORE_METHOD, STATUS_LABEL, scoreText, shortUnitsCaveat, targetValue, taskNumber, VERDICT_LABEL } from '../compare/format.js';
import { headingText } from '../model/headings.js';
import type { PolicyDocument } from '../model/types.js';
import { htmlResponse, type WebResponse, type WorkbenchApp } from './app.js';
import { type Html, html, type Part } from './html.js';
import { docUrl } from './templates/document.js';
import { page, problem } from './templates/layout.js';

/**
 * The compare page: two documents picked in a GET form; the comparison of src/compare
 * (comparePlans, the wording of its formatters) with links into both document pages.
 */
export async function compareRoute(app: WorkbenchApp, u: URL): Promise<WebResponse> {
  const a = (u.searchParams.get('a') ?? '').trim().slice(0, 200);
  const b = (u.searchParams.get('b') ?? '').trim().slice(0, 200);
  const docs = await app.workbench.documents();
  const frame = (body: Part, status = 200) =>
    htmlResponse(page({ title: '对照', current: 'compare', ingest: app.allowIngest }, html`<h1>对照两份文件</h1>${picker(docs, a, b)}${body}`), status);
  if (!a || !b)
    return frame(
      html`<p class="note">A 通常是下级的实施方案，B 是它落实的上级规划：看 A 的每项任务在 B 中有无对应，B 的哪些内容 A 没有承接，两者共有的指标和目标。</p>`,
    );
  const [docA, docB] = await Promise.all([app.workbench.document(a), app.workbench.document(b)]);
  const missing = [!docA ? a : null, !docB ? b : null].filter(Boolean);
  if (missing.length) return frame(problem(`没有文件“${missing.join('”“')}”。`), 404);
  return frame(comparison(comparePlans(docA!, docB!), docA!, docB!));
}

function picker(docs: PolicyDocument[], a: string, b: string): Html {
  const options = (selected: string) =>
    docs.map((d) => html`<option value="${d.id}"${d.id === selected ? html` selected` : ''}>${d.title ? `${d.title}（${d.id}）` : d.id}</option>`);
  return html`<form class="pick" method="get" action="/compare"><label>A（下级）<select name="a" required><option value="">选择文件</option>${options(a)}</select></label><label>B（上级）<select name="b" required><option value="">选择文件</option>${options(b)}</select></label><button type="submit">对照</button></form>`;
}

/** Where a match of B lies in B's document page: a task's span, else its line. */
function matchAnchor(m: Match, b: PolicyDocument): string {
  if (m.kind === 'task') return `task-${m.id}`;
  const line = m.kind === 'section' ? b.sections.find((s) => s.id === m.id)?.position.start.line : b.paragraphs.find((p) => p.id === m.id)?.position.start.line;
  return line ? `L${line}` : '';
}

function matchLabel(m: Match): string {
  if (m.kind === 'section') return headingText(m.number ?? '', m.title);
  return headingText(m.kind === 'task' ? `任务${taskNumber(m)}` : '段落', m.title);
}

function comparison(c: Comparison, a: PolicyDocument, b: PolicyDocument): Html {
  const name = (d: Comparison['a']) => (d.title ? `${d.title}（${d.id}）` : d.id);
  const caveat = shortUnitsCaveat(c);
  const bt = c.summary.bTasks;
  const gaps = c.uncovered.filter((g) => g.status === 'uncovered');
  const aOnly = c.tasks.filter((t) => t.verdict === 'none');
  const levels = c.departments.filter((d) => d.relation === 'level');
  return html`<section class="compare">
<p><b>A</b> <a href="${docUrl(a.id)}">${name(c.a)}</a>：任务 ${c.a.tasks} 项，指标 ${c.a.indicators} 项<br><b>B</b> <a href="${docUrl(b.id)}">${name(c.b)}</a>：任务 ${c.b.tasks} 项，指标 ${c.b.indicators} 项</p>
<p>${c.citesB ? html`A 引用 B：是 —— ${c.references.map((r, i) => html`${i > 0 ? '；' : ''}<a href="${docUrl(a.id, `L${r.line}`)}">《${r.title}》（第 ${r.line} 行）</a>`)}` : 'A 引用 B：否（A 的《》引文中没有 B 的标题）'}${
    c.citedByB.length ? html`<br>B 引用 A：是 —— ${c.citedByB.map((r) => `《${r.title}》`).join('；')}` : ''
  }</p>
${caveat ? html`<p class="problem">${caveat}</p>` : ''}
<h2>A 的任务在 B 中的对应</h2>
<p class="sub">对应 ≥ ${c.thresholds.counterpart}，弱相关 ≥ ${c.thresholds.weak}（${SCORE_METHOD}）：对应 ${c.summary.counterpart}，弱相关 ${c.summary.weak}，无对应 ${c.summary.none}</p>
<div class="table-wrap"><table class="list stack"><thead><tr><th>序号</th><th>A 的任务</th><th>判断</th><th>相似度</th><th>B 中最相近</th></tr></thead><tbody>${c.tasks.map(
    (t) => {
      const m = t.matches[0];
      const anchor = m ? matchAnchor(m, b) : '';
      return html`<tr><td class="n" data-label="序号">${taskNumber(t)}</td><td class="lead-cell"><a href="${docUrl(a.id, `task-${t.number}`)}">${t.title}</a>${t.lead.length ? html`<div class="sub">牵头：${t.lead.join('、')}</div>` : ''}</td><td class="tag" data-label="判断"><span class="verdict verdict-${t.verdict}">${VERDICT_LABEL[t.verdict]}</span></td><td class="score" data-label="相似度">${scoreText(t.score, [c.thresholds.counterpart, c.thresholds.weak])}</td><td data-label="B 中最相近">${
        m ? html`<a href="${docUrl(b.id, anchor)}">${matchLabel(m)}</a>${m.lead?.length ? html`<div class="sub">牵头：${m.lead.join('、')}</div>` : ''}` : '—'
      }</td></tr>`;
    },
  )}</tbody></table></div>
<h2>B 的承接情况</h2>
<p class="sub">任务已承接 ${bt.covered}，部分承接 ${bt.partial}，未承接 ${bt.uncovered}（每格一项任务；无任务的章节按段落计）</p>
<div class="table-wrap"><table class="list"><tbody>${c.coverage
    .filter((s) => s.level <= 2)
    .map((s) => {
      const line = b.sections.find((x) => x.id === s.id)?.position.start.line;
      return html`<tr><td>${s.level > 1 ? '　' : ''}<a href="${docUrl(b.id, line ? `L${line}` : '')}">${headingText(s.label, s.title)}</a></td><td><span class="cells" aria-label="${`已承接 ${s.cells.filter((x) => x === 'covered').length}，部分 ${s.cells.filter((x) => x === 'partial').length}，未承接 ${s.cells.filter((x) => x === 'uncovered').length}`}">${s.cells.map((x) => html`<span class="cell cell-${x}" title="${STATUS_LABEL[x]}"></span>`)}</span></td><td class="score">${Math.round(s.ratio * 100)}%</td><td><span class="verdict status-${s.status}">${STATUS_LABEL[s.status]}</span></td></tr>`;
    })}</tbody></table></div>
<h2>B 中 A 未承接的内容（${gaps.length} 处）</h2>
${gaps.length ? html`<ul>${gaps.map((g) => html`<li>${g.kind === 'section' ? '章节' : '任务'} <a href="${docUrl(b.id, g.kind === 'task' ? `task-${g.id}` : `L${g.line}`)}">${headingText(g.kind === 'task' ? taskNumber(g) : g.number, g.title)}</a> <span class="sub">${g.section}</span></li>`)}</ul>` : html`<p class="note">无。</p>`}
<h2>A 独有的任务（${aOnly.length} 项，B 中无对应）</h2>
${aOnly.length ? html`<ul>${aOnly.map((t) => html`<li><a href="${docUrl(a.id, `task-${t.number}`)}">${headingText(t.label, t.title)}</a></li>`)}</ul>` : html`<p class="note">无。</p>`}
<h2>共有指标（${c.indicators.length} 项）</h2>
${
  c.indicators.length
    ? html`<div class="table-wrap"><table class="list stack"><thead><tr><th>A 的指标</th><th>A 基数 → 目标</th><th>B 的指标</th><th>B 基数 → 目标</th></tr></thead><tbody>${c.indicators.map(
        (p) =>
          html`<tr><td data-label="A 的指标"><a href="${docUrl(a.id, `L${p.a.line}`)}">${p.a.name}</a></td><td data-label="A 基数 → 目标">${indicatorValues(p.a)}${p.unitsDiffer ? ` ${p.a.unit}` : ''}</td><td data-label="B 的指标"><a href="${docUrl(b.id, `L${p.b.line}`)}">${p.b.name}</a></td><td data-label="B 基数 → 目标">${indicatorValues(p.b)}${p.unitsDiffer ? ` ${p.b.unit}` : ''}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="note">无。</p>`
}
${c.indicatorsOnlyA.length ? html`<p class="sub">仅 A：${c.indicatorsOnlyA.map((i) => i.name).join('、')}</p>` : ''}${c.indicatorsOnlyB.length ? html`<p class="sub">仅 B：${c.indicatorsOnlyB.map((i) => i.name).join('、')}</p>` : ''}
${
  c.targets.length
    ? html`<h2>正文中的量化目标（${c.targets.length} 对，至少一方写在正文里）</h2><div class="table-wrap"><table class="list stack"><thead><tr><th>A 的目标</th><th>A 数值</th><th>B 的目标</th><th>B 数值</th></tr></thead><tbody>${c.targets.map(
        (p) =>
          html`<tr><td data-label="A 的目标"><a href="${docUrl(a.id, `L${p.a.line}`)}">${p.a.metric}</a></td><td data-label="A 数值">${targetValue(p.a)}</td><td data-label="B 的目标"><a href="${docUrl(b.id, `L${p.b.line}`)}">${p.b.metric}</a></td><td data-label="B 数值">${targetValue(p.b)}</td></tr>`,
      )}</tbody></table></div>`
    : ''
}
${
  levels.length
    ? html`<h2>上下级对应单位（${levels.length} 对）</h2><div class="table-wrap"><table class="list stack"><thead><tr><th>A</th><th>B</th><th>A 牵头任务</th><th>B 牵头任务</th></tr></thead><tbody>${levels.map(
        (d) =>
          html`<tr><td data-label="A"><a href="/dept?name=${encodeURIComponent(d.a)}&amp;doc=${encodeURIComponent(a.id)}">${d.a}</a></td><td data-label="B"><a href="/dept?name=${encodeURIComponent(d.b)}&amp;doc=${encodeURIComponent(b.id)}">${d.b}</a></td><td data-label="A 牵头任务">${d.aLead.join('、') || '—'}</td><td data-label="B 牵头任务">${d.bLead.join('、') || '—'}</td></tr>`,
      )}</tbody></table></div>`
    : ''
}
</section>`;
}
