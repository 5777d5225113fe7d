import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ingestFile } from '../ingest.js';
import { UserError } from '../model/errors.js';
import { saveDocument } from '../model/store.js';
import type { PolicyDocument } from '../model/types.js';
import { safeFileName } from '../report/filenames.js';
import { updateSearchStore } from '../search/store.js';
import { htmlResponse, type WebRequest, type WebResponse, type WorkbenchApp } from './app.js';
import { type Html, html } from './html.js';
import { docUrl } from './templates/document.js';
import { page, problem } from './templates/layout.js';

/**
 * Ingest from the browser (only when the server allows ingest): a multipart upload, parsed here, each
 * file written to <data>/uploads/ and read by `ingestFile` — the code path of `policy ingest`,
 * with its formats and its one-line errors — then saved and the search index rebuilt.
 */

export const ACCEPT = '.txt,.md,.markdown,.html,.htm,.docx,.doc,.wps,.pdf,.ofd,.xlsx,.xls,.et,.csv';
export const UPLOADS = 'uploads';

export function ingestFormPage(app: WorkbenchApp, results: Html | null = null): Html {
  const mb = Math.round(app.maxUploadBytes / 1024 / 1024);
  return page(
    { title: '导入', current: 'ingest', ingest: true },
    html`<h1>导入文件</h1>${results ?? ''}
<form class="upload" method="post" action="/ingest" enctype="multipart/form-data"><label for="files">选择文件</label><input id="files" name="files" type="file" multiple accept="${ACCEPT}" required><button type="submit">导入</button></form>
<p class="sub">格式：.txt .md .html .docx .doc .wps .pdf .ofd .xlsx .xls .et .csv（与 <code>policy ingest</code> 相同）；一次最多 ${app.maxUploadFiles} 个文件，合计不超过 ${mb} MB。导入后写入数据目录 ${app.options.dataDir}/ 并重建检索索引。</p>`,
  );
}

export interface UploadedFile {
  field: string;
  fileName: string;
  bytes: Buffer;
}

/** The file parts of a multipart/form-data body; null when it is not one. */
export function parseMultipart(body: Buffer, contentType: string): UploadedFile[] | null {
  const m = /^multipart\/form-data\s*;.*\bboundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!m) return null;
  const delimiter = Buffer.from(`--${m[1] ?? m[2]}`);
  const files: UploadedFile[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return null;
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString('latin1') === '--') break; // the closing delimiter
    if (body.subarray(at, at + 2).toString('latin1') === '\r\n') at += 2;
    const headEnd = body.indexOf('\r\n\r\n', at);
    if (headEnd < 0) return null;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headEnd + 4);
    if (next < 0) return null;
    const head = body.subarray(at, headEnd).toString('utf8');
    const disposition = /^content-disposition:(.*)$/im.exec(head)?.[1] ?? '';
    const field = /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const star = /\bfilename\*=(?:UTF-8|utf-8)''([^;\s]+)/.exec(disposition)?.[1];
    const plain = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
    const fileName = star !== undefined ? safeDecode(star) : plain;
    if (fileName !== undefined && fileName !== '') files.push({ field, fileName, bytes: body.subarray(headEnd + 4, next) });
    at = next + 2;
  }
  return files;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The upload's own name without any folder a browser may send (C:\fakepath\a.txt, ../a.txt), safe on disk. */
export function uploadName(name: string): string {
  return safeFileName(name.split(/[\\/]/).pop() ?? '');
}

export async function ingestUpload(app: WorkbenchApp, req: WebRequest): Promise<WebResponse> {
  const header = (name: string) => {
    const v = req.headers?.[name];
    return Array.isArray(v) ? v[0] : v;
  };
  // a page of another site may post to this port: only this workbench's own form counts
  const origin = header('origin');
  const host = header('host');
  if (origin && origin !== 'null' && host && new URL(origin).host !== host) {
    return htmlResponse(ingestFormPage(app, problem('拒绝：上传须来自本工作台的页面。')), 403);
  }
  const files = parseMultipart(req.body ?? Buffer.alloc(0), header('content-type') ?? '');
  if (files === null) return htmlResponse(ingestFormPage(app, problem('请求不是文件上传（multipart/form-data）。')), 400);
  if (files.length === 0) return htmlResponse(ingestFormPage(app, problem('没有选择文件。')), 400);
  if (files.length > app.maxUploadFiles)
    return htmlResponse(ingestFormPage(app, problem(`一次最多导入 ${app.maxUploadFiles} 个文件，收到 ${files.length} 个。`)), 413);
  const total = files.reduce((n, f) => n + f.bytes.length, 0);
  if (total > app.maxUploadBytes)
    return htmlResponse(
      ingestFormPage(app, problem(`上传合计 ${Math.ceil(total / 1024 / 1024)} MB，超过上限 ${Math.round(app.maxUploadBytes / 1024 / 1024)} MB。`)),
      413,
    );

  const dataDir = app.options.dataDir;
  const folder = path.join(dataDir, UPLOADS);
  await mkdir(folder, { recursive: true });
  const done: PolicyDocument[] = [];
  const failed: string[] = [];
  const ids = new Map<string, string>();
  for (const f of files) {
    const name = uploadName(f.fileName);
    const file = path.join(folder, name);
    try {
      await writeFile(file, f.bytes);
      const doc = await ingestFile(file);
      const clash = ids.get(doc.id);
      if (clash) throw new UserError(`${file}: id "${doc.id}" is already taken by ${clash} in this run (rename one of the files)`);
      ids.set(doc.id, name);
      await saveDocument(dataDir, doc);
      done.push(doc);
    } catch (error) {
      const message = error instanceof UserError ? error.message : `${file}: ${(error as Error).message}`;
      // the one line `policy ingest` gives, naming the file as uploaded
      failed.push(message.split(file).join(name));
    }
  }
  // the documents go into the folder's search (the store); a damaged document of the folder is named
  const leftOut = done.length > 0 ? (await updateSearchStore(dataDir, done)).leftOut.map((e) => `${e.message}; left out of the search index`) : [];
  app.workbench.invalidate();
  const results = html`<section class="ingest-results"><h2>导入结果：成功 ${done.length} 个，失败 ${failed.length} 个</h2><ul class="results-list">${done.map(
    (d) =>
      html`<li class="ok"><a href="${docUrl(d.id)}">${d.title ?? d.id}</a> <span class="sub">${d.id} · ${d.tasks.length} 项任务 · ${d.departments.length} 个单位 · ${d.indicators.length} 项指标 · ${d.diagnostics.filter((x) => x.severity !== 'info').length} 个警告</span></li>`,
  )}${[...failed, ...leftOut].map((m) => html`<li class="fail"><code>policy: ${m}</code></li>`)}</ul></section>`;
  return htmlResponse(ingestFormPage(app, results), failed.length > 0 && done.length === 0 ? 422 : 200);
}
