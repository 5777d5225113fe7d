import { html, type Html } from './html.js';
import { notFound, type WebRequest, type WebResponse, type WorkbenchApp } from './app.js';
import { page } from './templates/layout.js';

export function ingestFormPage(app: WorkbenchApp): Html {
  return page({ title: '导入', ingest: app.allowIngest }, html`<h1>导入</h1>`);
}
export async function ingestUpload(app: WorkbenchApp, _req: WebRequest): Promise<WebResponse> {
  return notFound(undefined, app.allowIngest);
}
