import { UserError } from '../model/errors.js';
import type { PolicyDocument, Role } from '../model/types.js';
import { InvalidQuery } from '../search/query.js';
import { UNIT_KINDS } from '../search/search-index.js';
import type { UnitKind } from '../search/units.js';
import { AmbiguousDepartment, EmptyDepartment, UnknownDepartment } from '../select/errors.js';
import { APP_JS, STYLE_CSS } from './assets.js';
import { type Html, html, type Part } from './html.js';
import { page, problem } from './templates/layout.js';
import { type SearchParams, searchPage, searchUrl } from './templates/search.js';
import { suggestUnits, unitCatalog } from './units.js';
import { isValidId, Workbench } from './workbench.js';

export interface WebRequest {
  method: string;
  /** Path and query as sent: `/doc/wuxi?x=1`. */
  url: string;
  headers?: Record<string, string | string[] | undefined>;
  body?: Buffer;
}

export interface WebResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface AppOptions {
  dataDir: string;
  /** Accept uploads (POST /ingest). Default false: the workbench only reads. */
  allowIngest?: boolean;
  /** Largest upload in bytes (all files of one request). Default 20 MB. */
  maxUploadBytes?: number;
  /** Most files in one upload. Default 20. */
  maxUploadFiles?: number;
}

/** No inline script or style anywhere: every script and stylesheet is a file of this server. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

export const PAGE_SIZE = 20;

export function htmlResponse(body: Html, status = 200): WebResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: body.value };
}

export function notFound(message: Part = '没有这个页面。', ingest = false): WebResponse {
  return htmlResponse(page({ title: '未找到', ingest }, html`<h1>未找到</h1>${problem(message)}<p><a href="/">回到检索</a></p>`), 404);
}

function badRequest(message: Part, ingest = false): WebResponse {
  return htmlResponse(page({ title: '请求有误', ingest }, html`<h1>请求有误</h1>${problem(message)}<p><a href="/">回到检索</a></p>`), 400);
}

/** A query parameter as one trimmed string ('' when absent), at most `max` characters. */
function param(query: URLSearchParams, name: string, max = 200): string {
  return (query.get(name) ?? '').trim().slice(0, max);
}

type Handler = (req: WebRequest, url: URL) => Promise<WebResponse>;

/**
 * The workbench's routes over one data folder. `handle` takes a request (method, url, body)
 * and answers with status, headers and body: no socket needed (tests call it directly).
 */
export class WorkbenchApp {
  readonly workbench: Workbench;
  readonly allowIngest: boolean;
  readonly maxUploadBytes: number;
  readonly maxUploadFiles: number;
  private readonly routes: Array<{ method: string; path: RegExp; handler: Handler }>;

  constructor(readonly options: AppOptions) {
    this.workbench = new Workbench(options.dataDir);
    this.allowIngest = options.allowIngest ?? false;
    this.maxUploadBytes = options.maxUploadBytes ?? 20 * 1024 * 1024;
    this.maxUploadFiles = options.maxUploadFiles ?? 20;
    this.routes = [
      { method: 'GET', path: /^\/$/, handler: (_r, u) => this.search(u) },
      { method: 'GET', path: /^\/static\/(app\.js|style\.css)$/, handler: async (_r, u) => staticFile(u.pathname) },
      { method: 'GET', path: /^\/docs$/, handler: () => this.documentList() },
      { method: 'GET', path: /^\/doc\/[^/]+$/, handler: (_r, u) => this.documentPage(u) },
      { method: 'GET', path: /^\/units$/, handler: (_r, u) => this.unitSuggestions(u) },
      { method: 'GET', path: /^\/dept$/, handler: (_r, u) => this.departmentPage(u) },
      { method: 'GET', path: /^\/dept\/(sheet\.pdf|tasks\.xlsx)$/, handler: (_r, u) => this.departmentDownload(u) },
      { method: 'GET', path: /^\/compare$/, handler: (_r, u) => this.comparePage(u) },
      { method: 'GET', path: /^\/ingest$/, handler: () => this.ingestForm() },
      { method: 'POST', path: /^\/ingest$/, handler: (r) => this.ingestUpload(r) },
      { method: 'GET', path: /^\/favicon\.ico$/, handler: async () => ({ status: 204, headers: {}, body: '' }) },
    ];
  }

  async handle(req: WebRequest): Promise<WebResponse> {
    const response = await this.route(req);
    return { ...response, headers: { ...SECURITY_HEADERS, ...response.headers } };
  }

  private async route(req: WebRequest): Promise<WebResponse> {
    let u: URL;
    try {
      u = new URL(req.url, 'http://workbench.local');
      decodeURIComponent(u.pathname);
    } catch {
      return badRequest('地址无法解析。');
    }
    const matching = this.routes.filter((r) => r.path.test(u.pathname));
    if (matching.length === 0) return notFound(undefined, this.allowIngest);
    const route = matching.find((r) => r.method === req.method || (req.method === 'HEAD' && r.method === 'GET'));
    if (!route)
      return {
        status: 405,
        headers: { allow: [...new Set(matching.map((r) => r.method))].join(', '), 'content-type': 'text/plain; charset=utf-8' },
        body: '405 method not allowed\n',
      };
    try {
      if (!u.pathname.startsWith('/static/')) await this.workbench.refresh();
      return await route.handler(req, u);
    } catch (error) {
      if (error instanceof UserError) return badRequest(error.message, this.allowIngest);
      const message = (error as Error)?.message ?? String(error);
      if (process.env.POLICY_DEBUG) process.stderr.write(`${(error as Error)?.stack}\n`);
      return htmlResponse(page({ title: '内部错误', ingest: this.allowIngest }, html`<h1>内部错误</h1>${problem(message)}`), 500);
    }
  }

  // --- search -------------------------------------------------------------------------

  async search(u: URL): Promise<WebResponse> {
    const q = u.searchParams;
    const kind = param(q, 'kind');
    const role = param(q, 'role');
    const pageNumber = Number(param(q, 'page') || '1');
    const params: SearchParams = {
      q: param(q, 'q', 2000),
      doc: param(q, 'doc'),
      dept: param(q, 'dept', 100),
      role: role === 'lead' || role === 'responsible' ? role : '',
      kind: (UNIT_KINDS as readonly string[]).includes(kind) ? (kind as UnitKind) : '',
      page: Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= 1000 ? pageNumber : 1,
      exact: param(q, 'syn') === '0',
    };
    // the documents' ids and titles from the search store: a corpus's models are not read for a search
    const documents = await this.workbench.memo('documents', async () =>
      (await this.workbench.searchIndex()).documents.map((d) => ({ id: d.id, title: d.title })),
    );
    const view = { params, documents, result: null, hits: [], pageSize: PAGE_SIZE, error: null as Part, ingest: this.allowIngest };
    if (!params.q) return htmlResponse(searchPage(view));
    if (params.doc && !documents.some((d) => d.id === params.doc)) return htmlResponse(searchPage({ ...view, error: `没有文件“${params.doc}”。` }), 404);
    const index = await this.workbench.searchIndex();
    try {
      const result = index.search(params.q, {
        dept: params.dept || undefined,
        role: params.dept && params.role ? (params.role as Role) : undefined,
        synonyms: !params.exact,
        kind: params.kind || undefined,
        doc: params.doc || undefined,
        limit: params.page * PAGE_SIZE,
      });
      const hits = result.hits.slice((params.page - 1) * PAGE_SIZE);
      return htmlResponse(searchPage({ ...view, result, hits }));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      let problem = browserProblem(error, params);
      if (error instanceof UnknownDepartment) {
        const docs = await this.workbench.documents();
        const scope = params.doc ? docs.filter((d) => d.id === params.doc) : docs;
        problem = html`${problem}${nearUnits(params.dept, scope, (name) => searchUrl({ ...params, dept: name, page: 1 }))}`;
      }
      return htmlResponse(searchPage({ ...view, error: problem }));
    }
  }

  /** Units for what was typed in a department box, as JSON (the script shows them under the box); `doc` keeps to one document. */
  private async unitSuggestions(u: URL): Promise<WebResponse> {
    const doc = param(u.searchParams, 'doc');
    const all = await this.workbench.documents();
    const docs = doc && all.some((d) => d.id === doc) ? all.filter((d) => d.id === doc) : all;
    const catalog = await this.workbench.memo(`units:${docs.length === 1 ? docs[0].id : ''}`, async () => unitCatalog(docs));
    const suggestions = suggestUnits(param(u.searchParams, 'q', 100), catalog, docs);
    return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body: JSON.stringify(suggestions) };
  }

  // --- the other pages load lazily: a search never loads the report or compare code -----

  private async documentList(): Promise<WebResponse> {
    const { documentListPage } = await import('./templates/document.js');
    return htmlResponse(documentListPage(await this.workbench.documents(), this.allowIngest));
  }

  private async documentPage(u: URL): Promise<WebResponse> {
    const id = decodeURIComponent(u.pathname.slice('/doc/'.length));
    if (!isValidId(id)) return badRequest(`文件编号“${id}”不合法。`, this.allowIngest);
    const doc = await this.workbench.document(id);
    if (!doc) return notFound(`没有文件“${id}”。`, this.allowIngest);
    const { documentPage } = await import('./templates/document.js');
    const source = await this.workbench.sourceText(doc);
    return htmlResponse(documentPage(doc, source, this.allowIngest));
  }

  private async departmentPage(u: URL): Promise<WebResponse> {
    const { departmentRoute } = await import('./department.js');
    return departmentRoute(this, u);
  }

  private async departmentDownload(u: URL): Promise<WebResponse> {
    const { departmentDownload } = await import('./department.js');
    return departmentDownload(this, u);
  }

  private async comparePage(u: URL): Promise<WebResponse> {
    const { compareRoute } = await import('./compare.js');
    return compareRoute(this, u);
  }

  private async ingestForm(): Promise<WebResponse> {
    if (!this.allowIngest) return readOnly();
    const { ingestFormPage } = await import('./ingest.js');
    return htmlResponse(ingestFormPage(this));
  }

  private async ingestUpload(req: WebRequest): Promise<WebResponse> {
    if (!this.allowIngest) return readOnly();
    const { ingestUpload } = await import('./ingest.js');
    return ingestUpload(this, req);
  }
}

function readOnly(): WebResponse {
  return htmlResponse(
    page({ title: '只读' }, html`<h1>只读</h1>${problem(html`这个工作台只读。要从浏览器导入文件，请用 <code>policy serve --allow-ingest</code> 启动。`)}`),
    403,
  );
}

/**
 * The library's errors of a search (select/errors.ts, search/query.ts) in the interface's words:
 * an unknown department, an ambiguous one with its candidates (and their task counts) as links,
 * a query with nothing to search for; others as they are.
 */
export function browserProblem(error: UserError, p?: SearchParams): Part {
  if (error instanceof UnknownDepartment) {
    const docs = error.documents;
    return html`${docs.length === 1 ? `文件 ${docs[0]} 中` : `${docs.length} 份文件中都`}没有部门“${error.query}”（见<a href="/dept">部门列表</a>）。`;
  }
  if (error instanceof AmbiguousDepartment) {
    const names = new Map<string, number>();
    for (const c of error.candidates) names.set(c.name, (names.get(c.name) ?? 0) + c.lead + c.responsible);
    const link = (c: string) => (p ? searchUrl({ ...p, dept: c, page: 1 }) : `/dept?name=${encodeURIComponent(c)}`);
    return html`部门“${error.query}”不止一个：${[...names].map(([c, n], i) => html`${i > 0 ? '、' : ''}<a href="${link(c)}">${c}</a>（${n} 项任务）`)}（请写全称）。`;
  }
  if (error instanceof EmptyDepartment) return '请输入部门名称。';
  if (error instanceof InvalidQuery) {
    if (error.problem === 'empty') return '请输入检索词。';
    if (error.problem === 'too-long') return `检索词有 ${error.query.length} 个字，上限 ${error.limit} 个（请只写关键词）。`;
    return '检索词只有标点或虚词，没有可检索的内容。';
  }
  return error.message;
}

/**
 * “您是不是要找” for a department no document has: units whose names or aliases contain what
 * was typed, else its core (巫溪县交通运输局 → 交通运输); nothing when nothing is near.
 */
export function nearUnits(typed: string, docs: PolicyDocument[], href: (name: string) => string): Part {
  const core = typed.replace(/^(?:[\u4e00-\u9fff]{1,6}?(?:省|市|县|区))/, '').replace(/(?:局|委|办|部|厅|委员会|办公室|中心)$/, '');
  const catalog = unitCatalog(docs);
  let near = suggestUnits(typed, catalog, docs, 6);
  if (near.length === 0 && core.length >= 2 && core !== typed) near = suggestUnits(core, catalog, docs, 6);
  if (near.length === 0) return null;
  return html`<br>您是不是要找：${near.map((u, i) => html`${i > 0 ? '、' : ''}<a href="${href(u.name)}">${u.name}</a>`)}？`;
}

function staticFile(pathname: string): WebResponse {
  const js = pathname.endsWith('.js');
  return {
    status: 200,
    headers: { 'content-type': js ? 'text/javascript; charset=utf-8' : 'text/css; charset=utf-8', 'cache-control': 'no-cache' },
    body: js ? APP_JS : STYLE_CSS,
  };
}
