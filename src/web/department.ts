import type { URL } from 'node:url';
import { taskHeading } from '../model/headings.js';
import type { Department, PolicyDocument } from '../model/types.js';
import { creationDate } from '../report/dates.js';
import { toXlsx } from '../report/export.js';
import { safeFileName } from '../report/filenames.js';
import { renderSheet } from '../report/sheet.js';
import { buildSheet, describeTarget, type SheetData } from '../report/sheet-data.js';
import { resolveDepartment, resolveEach } from '../select/departments.js';
import { htmlResponse, nearUnits, notFound, type WebResponse, type WorkbenchApp } from './app.js';
import { type Html, html, type Part, url } from './html.js';
import { docUrl } from './templates/document.js';
import { page, problem } from './templates/layout.js';
import { searchUrl, unitBox } from './templates/search.js';

/**
 * The department page: one unit across documents — its tasks by role with their full text,
 * its names, its mentions — and its responsibility sheet (PDF) and task table (XLSX) from the
 * report library (buildSheet/renderSheet, toXlsx), as `policy sheet` and `policy export` make them.
 */

interface Found {
  document: PolicyDocument;
  department: Department;
}

/** Where the name resolves, document by document (select/departments.ts: a family gives each member); candidates where it is ambiguous. */
function resolve(name: string, docs: PolicyDocument[]): { found: Found[]; ambiguous: Array<{ doc: string; names: string[] }> } {
  const r = resolveEach(name, docs);
  const byId = new Map(docs.map((d) => [d.id, d]));
  return {
    found: r.found.flatMap((f) => f.departments.map((department) => ({ document: byId.get(f.doc)!, department }))),
    ambiguous: r.ambiguous.map((a) => ({ doc: a.doc, names: a.candidates.map((c) => c.name) })),
  };
}

function params(u: URL): { name: string; doc: string } {
  return { name: (u.searchParams.get('name') ?? '').trim().slice(0, 100), doc: (u.searchParams.get('doc') ?? '').trim().slice(0, 200) };
}

async function documentsFor(app: WorkbenchApp, doc: string): Promise<PolicyDocument[] | null> {
  if (!doc) return app.workbench.documents();
  const one = await app.workbench.document(doc);
  return one ? [one] : null;
}

export async function departmentRoute(app: WorkbenchApp, u: URL): Promise<WebResponse> {
  const { name, doc } = params(u);
  const docs = await documentsFor(app, doc);
  if (!docs) return notFound(`没有文件“${doc}”。`, app.allowIngest);
  if (!name) return htmlResponse(unitIndex(docs, app.allowIngest));
  const { found, ambiguous } = resolve(name, docs);
  const frame = (status: number, body: Part) =>
    htmlResponse(page({ title: name, current: 'dept', ingest: app.allowIngest }, html`${lookup(name, doc)}${body}`), status);
  if (found.length === 0 && ambiguous.length === 0) {
    const near = nearUnits(name, docs, (n) => url('/dept', { name: n, doc }));
    return frame(
      404,
      problem(html`${docs.length === 1 ? `文件 ${docs[0].id} 中` : `${docs.length} 份文件中都`}没有部门“${name}”。${near}<br><a href="/dept">查看全部部门</a>`),
    );
  }
  const choices = ambiguous.map(
    (a) =>
      html`<p class="problem">“${name}”在 ${a.doc} 中不止一个：${a.names.map((n, i) => html`${i > 0 ? '、' : ''}<a href="${url('/dept', { name: n, doc: a.doc })}">${n}</a>`)}（请选一个）。</p>`,
  );
  // one unit in several documents (市交通局 and 县交通局 for 交通局): say so first, each a link to its section
  const anchors = found.map((f, i) => (found.findIndex((g) => g.document.id === f.document.id) === i ? `doc-${f.document.id}` : `doc-${f.document.id}-${i}`));
  const overview =
    found.length > 1
      ? html`<p class="overview">“${name}”在 ${new Set(found.map((f) => f.document.id)).size} 份文件中：${found.map(
          (f, i) => html`${i > 0 ? '；' : ''}<a href="${`#${anchors[i]}`}">${f.department.name}</a>（${f.document.title ?? f.document.id}）`,
        )}</p>`
      : '';
  return frame(200, html`${overview}${choices}${found.map((f, i) => departmentSection(buildSheet(f.document, f.department), anchors[i]))}`);
}

function lookup(name: string, doc: string): Html {
  return html`<form class="search" method="get" action="/dept"><div class="query"><label for="dn" class="sr">部门</label>${unitBox('dn', 'name', name)}${doc ? html`<input type="hidden" name="doc" value="${doc}">` : ''}<button type="submit">查看</button></div></form>`;
}

/** Every unit of the documents, busiest first, each a link to its page. */
function unitIndex(docs: PolicyDocument[], ingest: boolean): Html {
  const units = new Map<string, { lead: number; responsible: number; docs: Set<string> }>();
  for (const d of docs)
    for (const dep of d.departments) {
      const u = units.get(dep.name) ?? { lead: 0, responsible: 0, docs: new Set<string>() };
      u.lead += dep.lead.length;
      u.responsible += dep.responsible.length;
      u.docs.add(d.id);
      units.set(dep.name, u);
    }
  const list = [...units].sort((a, b) => b[1].lead + b[1].responsible - (a[1].lead + a[1].responsible) || a[0].localeCompare(b[0], 'zh-CN'));
  return page(
    { title: '部门', current: 'dept', ingest },
    html`<h1>部门（${list.length}）</h1>${lookup('', '')}<ul class="unit-index">${list.map(
      ([n, u]) =>
        html`<li><a href="${url('/dept', { name: n })}">${n}</a> <span class="sub">${[u.lead ? `牵头 ${u.lead}` : '', u.responsible ? `责任 ${u.responsible}` : ''].filter(Boolean).join(' · ') || '提及'}${u.docs.size > 1 ? ` · ${u.docs.size} 份文件` : ''}</span></li>`,
    )}</ul>`,
  );
}

function departmentSection(sheet: SheetData, anchor: string): Html {
  const { document: doc, department: dep } = sheet;
  const lead = sheet.tasks.filter((t) => t.role === 'lead');
  const resp = sheet.tasks.filter((t) => t.role === 'responsible');
  const download = (file: string) => url(`/dept/${file}`, { name: dep.name, doc: doc.id });
  const taskList = (items: SheetData['tasks']) =>
    html`<ol class="tasks">${items.map(
      (
        t,
      ) => html`<li><span class="badge badge-${t.role}">${t.roleLabel}</span> <a href="${docUrl(doc.id, `task-${t.task.number}`)}"><b>${taskHeading(t.task)}</b></a>${t.via ? html` <span class="sub">（以“${t.via}”名义）</span>` : ''}
<p class="task-text">${t.task.text}</p>
<div class="units">${t.otherLeads.length ? html`<span class="role">其他牵头：</span>${t.otherLeads.join('、')} ` : ''}${t.task.deadline ? html`<span class="deadline">完成时限：${t.task.deadline}</span>` : ''}</div>
${t.targets.length ? html`<div class="sub">目标：${t.targets.map(describeTarget).join('；')}</div>` : ''}${t.indicators.length ? html`<div class="sub">相关指标：${t.indicators.map((i) => i.indicator.name).join('、')}</div>` : ''}</li>`,
    )}</ol>`;
  return html`<section class="dept-doc" id="${anchor}">
<h1>${dep.name}</h1>
<p class="meta"><a href="${docUrl(doc.id)}">${doc.title ?? doc.id}</a>${doc.docNumber ? ` · ${doc.docNumber}` : ''} · 牵头 ${sheet.leadCount} 项 · 责任/配合 ${sheet.responsibleCount} 项 · 提及 ${sheet.mentions.length} 处</p>
${dep.aliases.length ? html`<p class="sub">又称：${dep.aliases.join('、')}</p>` : ''}${sheet.carriers.length ? html`<p class="sub">含以第二名称承担的任务：${sheet.carriers.join('、')}</p>` : ''}${sheet.seeAlso ? html`<p class="sub">另见 <a href="${url('/dept', { name: sheet.seeAlso, doc: doc.id })}">${sheet.seeAlso}</a></p>` : ''}
<div class="actions"><a class="button" href="${download('sheet.pdf')}" download>下载责任清单（PDF）</a><a class="button light" href="${download('tasks.xlsx')}" download>下载任务表（XLSX）</a><a class="button light" href="${searchUrl({ q: '', dept: dep.name, doc: doc.id })}">在此部门的条文中检索</a></div>
${lead.length ? html`<h2>牵头任务（${lead.length}）</h2>${taskList(lead)}` : ''}
${resp.length ? html`<h2>责任/配合任务（${resp.length}）</h2>${taskList(resp)}` : ''}
${sheet.tasks.length === 0 ? html`<p class="note">本文件没有分配给该单位的任务。</p>` : ''}
${
  sheet.mentions.length
    ? html`<h2>其他提及（${sheet.mentions.length}）</h2><ul class="mentions">${sheet.mentions.map(
        (m) =>
          html`<li><a href="${docUrl(doc.id, `L${m.mention.position.start.line}`)}">第 ${m.mention.position.start.line} 行</a>${m.where ? html` <span class="sub">${m.where}</span>` : ''}：${m.mention.context}</li>`,
      )}</ul>`
    : ''
}
</section>`;
}

/** The department's sheet (PDF) or task table (XLSX) in one document, as a download. */
export async function departmentDownload(app: WorkbenchApp, u: URL): Promise<WebResponse> {
  const { name, doc } = params(u);
  const document = doc ? await app.workbench.document(doc) : null;
  if (!document || !name) return notFound('请指定文件和部门。', app.allowIngest);
  const r = resolveDepartment(name, document.departments);
  if (r.status !== 'found') return notFound(`文件 ${document.id} 中没有唯一的部门“${name}”。`, app.allowIngest);
  const sheet = buildSheet(document, r.department);
  const date = creationDate({}) ?? new Date();
  if (u.pathname.endsWith('.pdf')) {
    const { bytes } = await renderSheet(sheet, { date });
    return attachment(bytes, safeFileName(`${r.department.name}责任清单`, '.pdf'), 'application/pdf');
  }
  const bytes = await toXlsx({ ...document, tasks: sheet.tasks.map((t) => t.task), indicators: [] }, { date });
  return attachment(bytes, safeFileName(`${r.department.name}任务表`, '.xlsx'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}

function attachment(bytes: Buffer, fileName: string, type: string): WebResponse {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return {
    status: 200,
    headers: {
      'content-type': type,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      'cache-control': 'no-store',
    },
    body: bytes,
  };
}
