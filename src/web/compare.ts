import type { URL } from 'node:url';
import { notFound, type WebResponse, type WorkbenchApp } from './app.js';

export async function compareRoute(app: WorkbenchApp, _u: URL): Promise<WebResponse> {
  return notFound(undefined, app.allowIngest);
}
