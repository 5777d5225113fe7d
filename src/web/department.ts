import type { URL } from 'node:url';
import { notFound, type WebResponse, type WorkbenchApp } from './app.js';

export async function departmentRoute(app: WorkbenchApp, _u: URL): Promise<WebResponse> {
  return notFound(undefined, app.allowIngest);
}
export async function departmentDownload(app: WorkbenchApp, _u: URL): Promise<WebResponse> {
  return notFound(undefined, app.allowIngest);
}
