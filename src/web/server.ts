import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AppOptions, SECURITY_HEADERS, type WebRequest, WorkbenchApp } from './app.js';

export interface ServeOptions extends AppOptions {
  /** Default 8080; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1: reachable from this machine only. */
  host?: string;
}

export interface RunningServer {
  server: http.Server;
  app: WorkbenchApp;
  /** http://127.0.0.1:8080 */
  url: string;
  close(): Promise<void>;
}

/**
 * The web workbench over a data folder (`policy serve`): node:http and the routes of app.ts.
 * A request body is read only for an upload the server accepts (allowIngest), and only up
 * to the upload cap.
 */
export function createWorkbenchServer(app: WorkbenchApp): http.Server {
  return http.createServer((req, res) => {
    void respond(app, req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end(`500 ${(error as Error)?.message ?? 'internal error'}\n`);
    });
  });
}

async function respond(app: WorkbenchApp, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const request: WebRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers };
  if (request.method === 'POST') {
    if (!app.allowIngest) {
      req.resume();
    } else {
      const declared = Number(req.headers['content-length'] ?? NaN);
      // the form's own fields are small: a little room above the files' cap
      const limit = app.maxUploadBytes + 64 * 1024;
      if (declared > limit) {
        res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close', ...SECURITY_HEADERS });
        res.end(`413 upload too large: at most ${Math.round(app.maxUploadBytes / 1024 / 1024)} MB in all\n`);
        req.resume();
        return;
      }
      const body = await readBody(req, limit);
      if (body === null) {
        res.writeHead(413, { 'content-type': 'text/plain; charset=utf-8', connection: 'close', ...SECURITY_HEADERS });
        res.end(`413 upload too large: at most ${Math.round(app.maxUploadBytes / 1024 / 1024)} MB in all\n`);
        return;
      }
      request.body = body;
    }
  }
  const response = await app.handle(request);
  const body = typeof response.body === 'string' ? Buffer.from(response.body, 'utf8') : response.body;
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(request.method === 'HEAD' ? undefined : body);
}

/** The request body, or null when it is longer than `limit` (the rest is drained, not kept). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (!over) chunks.push(chunk);
    });
    req.on('end', () => resolve(over ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Start the workbench; resolves when it listens. */
export async function serve(options: ServeOptions): Promise<RunningServer> {
  const app = new WorkbenchApp(options);
  const server = createWorkbenchServer(app);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    app,
    url: `http://${shown === '0.0.0.0' ? '127.0.0.1' : shown}:${address.port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
