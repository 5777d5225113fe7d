import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebResponse, WorkbenchApp } from '../../src/web/app.js';
import { escapeHtml, html } from '../../src/web/html.js';
import { type Mark, markText } from '../../src/web/marks.js';
import { HOSTILE_TITLE, makeWebData, type WebData } from '../helpers/web.js';

/**
 * The web workbench's routes and templates, without a browser or a socket: requests go
 * straight to WorkbenchApp.handle.
 */

let data: WebData;
let app: WorkbenchApp;

beforeAll(async () => {
  data = await makeWebData();
  app = new WorkbenchApp({ dataDir: data.dir });
});

afterAll(async () => {
  await data?.cleanup();
});

async function get(url: string, which = app): Promise<WebResponse & { text: string }> {
  const r = await which.handle({ method: 'GET', url });
  return { ...r, text: typeof r.body === 'string' ? r.body : r.body.toString('latin1') };
}

const q = (params: Record<string, string>) => `/?${new URLSearchParams(params)}`;

/** The hits of a search page: [document id, fragment] of each hit's title link. */
function hits(page: string): Array<{ doc: string; anchor: string }> {
  return [...page.matchAll(/<a class="hit-title" href="\/doc\/([^"#]+)#([^"]+)"/g)].map((m) => ({ doc: decodeURIComponent(m[1]), anchor: m[2] }));
}

describe('escaping', () => {
  it('one helper escapes text for content and attributes; html`` escapes every value it is given', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    const title = '<img src=x onerror=alert(1)>';
    expect(html`<p title="${title}">${title}</p>`.value).toBe('<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html`${['<b>', html`<i>ok</i>`]}`.value).toBe('&lt;b&gt;<i>ok</i>');
  });

  it('a hostile title and text (<script>, <img onerror>, <svg onload>) stay text on every page', async () => {
    const id = data.docs.hostile.id;
    const pages = [
      await get(`/doc/${id}`),
      await get('/docs'),
      await get(q({ q: '建设', doc: id })),
      await get(q({ q: '工程' })),
      await get(q({ q: '管理', dept: '交通局', doc: id })),
    ];
    for (const p of pages) {
      expect(p.status).toBe(200);
      expect(p.text).not.toMatch(/<script>alert|<img src=x|<svg onload|<b>住建委/i);
      expect(p.text).not.toMatch(/<script(?! src="\/static\/app\.js" defer><\/script>)/);
    }
    const doc = pages[0].text;
    expect(doc).toContain(escapeHtml(HOSTILE_TITLE));
    expect(doc).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(doc).toContain('&lt;svg onload=alert(4)&gt;');
    // the hostile unit name is a unit, marked, and escaped inside its attributes too
    expect(doc).toContain('data-unit="县&lt;b&gt;住建委&lt;"');
    expect(pages[1].text).toContain(escapeHtml(HOSTILE_TITLE));
  });

  it('every response carries a Content-Security-Policy without inline script', async () => {
    for (const url of ['/', '/docs', `/doc/${data.docs.wuxi.id}`, '/static/app.js', '/nowhere']) {
      const r = await get(url);
      expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/);
      expect(r.headers['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
      expect(r.headers['content-security-policy']).not.toMatch(/unsafe-inline/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
    // no inline script or style in any page
    for (const url of ['/', q({ q: '宅基地' }), `/doc/${data.docs.wuxi.id}`, `/doc/${data.docs.hostile.id}`, '/docs']) {
      const page = (await get(url)).text;
      expect(page).not.toMatch(/<script(?![^>]*\bsrc=)/);
      // attribute names of the markup (escaped text has no `<`, and quoted values no `"`)
      const markup = page.replace(/"[^"]*"/g, '""');
      expect(markup).not.toMatch(/<[^>]*\s(style|on[a-z]+)=|<style/i);
    }
  });
});

describe('search page', () => {
  it('without a query: the form, the documents, a department box that asks /units for suggestions', async () => {
    const r = await get('/');
    expect(r.status).toBe(200);
    expect(r.text).toContain('<form class="search" method="get" action="/"');
    expect(r.text).toMatch(/<input id="dept" name="dept" value="" [^>]*data-suggest="dept-list"/);
    // no list of every unit on every page
    expect(r.text).not.toContain('<datalist');
    for (const d of Object.values(data.docs)) expect(r.text).toContain(`<option value="${d.id}">`);
  });

  it('/units suggests units for what was typed: part of a name, an alias, traditional script, a short form', async () => {
    const names = async (typed: string) => {
      const r = await get(`/units?q=${encodeURIComponent(typed)}`);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
      return JSON.parse(r.text) as Array<{ name: string; alias?: string; docs: number; lead: number }>;
    };
    expect((await names('交通')).map((u) => u.name)).toContain('县交通局');
    expect((await names('發改')).map((u) => u.name)).toContain('县发展改革委');
    // 住建委 is no part of 县住房城乡建委: the library's resolution gives it (in each plan), first
    const housing = (await names('住建委')).map((u) => u.name);
    expect(housing.slice(0, 2).sort()).toEqual(['县住房城乡建委', '市住房城乡建委']);
    // one document's units when the form has one picked
    const inWuxi = JSON.parse((await get(`/units?q=${encodeURIComponent('住建委')}&doc=${data.docs.wuxi.id}`)).text) as Array<{ name: string }>;
    expect(inWuxi.map((u) => u.name)).toEqual(['县住房城乡建委']);
    const traffic = (await names('交通局')).find((u) => u.name === '县交通局')!;
    expect(traffic.lead).toBeGreaterThan(0);
    expect(await names('')).toEqual([]);
    expect(await names('宇宙飞船局')).toEqual([]);
    expect((await names('局')).length).toBeLessThanOrEqual(10);
  });

  it('hits with matched words in <mark>, trail, document and line, units as filter links', async () => {
    const r = await get(q({ q: '随迁子女', doc: data.docs.wuxi.id }));
    expect(r.text).toMatch(/<strong>1<\/strong> 条与 “随迁子女” 匹配的条文/);
    expect(r.text).toContain('<mark>随迁子女</mark>');
    expect(hits(r.text)).toEqual([{ doc: data.docs.wuxi.id, anchor: 'task-11' }]);
    expect(r.text).toContain('第 129 行');
    expect(r.text).toContain('四、重点任务 › （四）促进农业转移人口全面融入城市');
    // a click on a unit filters by it, the query and the document kept
    expect(r.text).toContain(`href="${escapeHtml(q({ q: '随迁子女', doc: data.docs.wuxi.id, dept: '县人力社保局' }))}"`);
  });

  it('department as people write it: 交通局, 住建委, traditional 發改委 — the library resolution, per document', async () => {
    const wuxi = data.docs.wuxi.id;
    for (const [dept, name] of [
      ['交通局', '县交通局'],
      ['住建委', '县住房城乡建委'],
      ['發改委', '县发展改革委'],
    ]) {
      const r = await get(q({ q: '建设', dept, doc: wuxi }));
      expect(r.status).toBe(200);
      expect(r.text).toContain(`部门 ${name}`);
      const found = hits(r.text);
      expect(found.length).toBeGreaterThan(0);
      // every hit is a task of wuxi that names the unit
      for (const h of found) {
        const task = data.docs.wuxi.tasks.find((t) => `task-${t.number}` === h.anchor)!;
        expect([...task.lead, ...task.responsible]).toContain(name);
      }
    }
  });

  it('role narrows to the tasks the unit leads', async () => {
    const wuxi = data.docs.wuxi;
    const all = hits((await get(q({ q: '建设', dept: '交通局', doc: wuxi.id }))).text);
    const lead = hits((await get(q({ q: '建设', dept: '交通局', role: 'lead', doc: wuxi.id }))).text);
    expect(lead.length).toBeGreaterThan(0);
    expect(lead.length).toBeLessThan(all.length);
    for (const h of lead) expect(wuxi.tasks.find((t) => `task-${t.number}` === h.anchor)!.lead).toContain('县交通局');
    // a role without a department narrows nothing, and the page says so
    expect((await get(q({ q: '建设', role: 'lead' }))).text).toContain('“角色”须与部门一起用');
  });

  it('kind and document filters', async () => {
    const ind = await get(q({ q: '城镇化率', kind: 'indicator' }));
    const found = hits(ind.text);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((h) => h.anchor.startsWith('ind-'))).toBe(true);
    expect(ind.text).toContain('类型 指标');
    const one = hits((await get(q({ q: '宅基地', doc: data.docs.qingxi.id }))).text);
    expect(one.length).toBeGreaterThan(0);
    expect(one.every((h) => h.doc === data.docs.qingxi.id)).toBe(true);
  });

  it('pages of 20 with a pager; every state in the URL', async () => {
    const first = await get(q({ q: '建设' }));
    const total = Number(/<strong>(\d+)<\/strong>/.exec(first.text)![1]);
    expect(total).toBeGreaterThan(40);
    expect(hits(first.text)).toHaveLength(20);
    expect(first.text).toContain('显示第 1–20 条');
    expect(first.text).toContain(`rel="next" href="${escapeHtml(q({ q: '建设', page: '2' }))}"`);
    const second = await get(q({ q: '建设', page: '2' }));
    expect(second.text).toContain('显示第 21–40 条');
    expect(second.text).toContain('<ol class="hits" start="21">');
    expect(hits(second.text)[0]).not.toEqual(hits(first.text)[0]);
    // a page past the last says so and links the last
    const pages = Math.ceil(total / 20);
    const past = await get(q({ q: '建设', page: '40' }));
    expect(past.text).toContain(`共 ${pages} 页，没有第 40 页`);
    expect(past.text).toContain(`href="${escapeHtml(q({ q: '建设', page: String(pages) }))}"`);
    expect(past.text).not.toContain('class="pager"');
  });

  it('no hit: the message with the filters, and "did you mean" from the library', async () => {
    const r = await get(q({ q: '宅几地' }));
    expect(r.text).toContain('没有与 “宅几地” 匹配的条文');
    expect(r.text).toMatch(/您是不是要找：<a href="[^"]*">宅基地<\/a>/);
    const k = await get(q({ q: '宅基地', kind: 'indicator' }));
    expect(k.text).toContain('没有与 “宅基地” 匹配的条文（类型 指标）');
    // filters narrowed it to nothing: one link searches without them
    expect(k.text).toContain(`<a href="${escapeHtml(q({ q: '宅基地' }))}">去掉筛选条件`);
  });

  it('unknown or ambiguous departments and bad queries are one-line problems', async () => {
    expect((await get(q({ q: '建设', dept: '宇宙局' }))).text).toContain('没有部门“宇宙局”');
    // a name no plan writes, near one they do: the near units offered, the query kept
    const near = await get(q({ q: '建设', dept: '巫溪县交通运输局', doc: data.docs.wuxi.id }));
    expect(near.text).toContain(`您是不是要找：<a href="${escapeHtml(q({ q: '建设', doc: data.docs.wuxi.id, dept: '县交通局' }))}">县交通局</a>`);
    const long = await get(q({ q: '建'.repeat(199) + '设设' }));
    expect(long.text).toContain('class="problem"');
    const none = await get(q({ q: '，。' }));
    expect(none.text).toContain('检索词只有标点或虚词');
  });

  it('says which synonyms were searched too (医保 → 医疗保险), and searches the word as typed with syn=0', async () => {
    const doc = data.docs.wuxi.id;
    const withSynonyms = await get(q({ q: '医保', doc }));
    expect(withSynonyms.text).toMatch(/同义词：医保 → [^<]*医疗保险/);
    const exactUrl = escapeHtml(q({ q: '医保', doc, syn: '0' }));
    expect(withSynonyms.text).toContain(`<a href="${exactUrl}">只检索所写的词</a>`);
    const exact = await get(q({ q: '医保', doc, syn: '0' }));
    expect(exact.text).toContain('只检索所写的词，未用同义词');
    expect(exact.text).toContain('<input type="hidden" name="syn" value="0">');
    // the plan writes 医保 only inside a unit's name (no topic word there) and 医疗保险 in clauses:
    // only the synonyms find them
    const count = (page: string) => Number(/<strong>(\d+)<\/strong> 条与/.exec(page)?.[1] ?? 0);
    expect(count(withSynonyms.text)).toBeGreaterThan(0);
    expect(exact.text).toContain('没有与 “医保” 匹配的条文');
  });
});

describe('document page (review view)', () => {
  it('every task of the bundled plan is marked in place, with each of its units by role', async () => {
    const doc = data.docs.wuxi;
    const page = (await get(`/doc/${doc.id}`)).text;
    const text = page.slice(page.indexOf('<div class="text" id="text">'), page.indexOf('<aside class="panel"'));
    expect(doc.tasks).toHaveLength(27);
    const at = doc.tasks.map((t) => text.indexOf(`id="task-${t.number}"`));
    for (const [i, t] of doc.tasks.entries()) {
      expect(at[i], `task ${t.number}`).toBeGreaterThan(0);
      const region = text.slice(at[i], i + 1 < at.length ? at[i + 1] : undefined);
      for (const name of t.lead)
        expect(region, `task ${t.number} lead ${name}`).toMatch(
          new RegExp(`class="m m-lead" id="u-\\d+" data-m="u-\\d+" data-unit="${escapeHtml(name).replace(/[()（）]/g, '\\$&')}"`),
        );
      for (const name of t.responsible)
        expect(region, `task ${t.number} responsible ${name}`).toMatch(
          new RegExp(`class="m m-responsible" id="u-\\d+" data-m="u-\\d+" data-unit="${escapeHtml(name).replace(/[()（）]/g, '\\$&')}"`),
        );
    }
    // indicators, targets and references are marked too, and listed in the panel
    for (const i of doc.indicators) expect(text).toContain(`id="ind-${i.number}"`);
    expect((text.match(/class="m m-target" id="tg-/g) ?? []).length).toBe(doc.targets.length);
    expect((text.match(/class="m m-reference" id="ref-/g) ?? []).length).toBe(doc.references.length);
    expect(page).toContain('任务（27）');
    // what was extracted, a field a line (the script lists them in the detail box)
    const task8 = doc.tasks.find((t) => t.number === '8')!;
    expect(text).toContain(`title="任务 8：${escapeHtml(task8.title)}&#10;牵头：县交通局&#10;责任：`);
    expect(text).toMatch(/data-unit="县交通局" title="县交通局 · 牵头&#10;规范名称：县交通局&#10;(?:原文写作：[^&]+&#10;)?角色：牵头（[^）]+）&#10;任务：\d+ /);
    expect(text).toMatch(/class="m m-target" id="tg-1" data-m="tg-1" title="目标 · [^&]+&#10;事项：[^&]+&#10;数值：[^&]+&#10;比较：[^&]+&#10;年份：/);
    // the bare-number warning at its line
    const warning = doc.diagnostics.find((d) => d.rule === 'bare-number')!;
    expect(text).toMatch(new RegExp(`<div class="line warned" id="L${warning.line}">`));
    expect(text).toContain('<a class="warn" id="w-1" href="#w-1"');
  });

  it('the text is the original, line for line: marks take nothing away', async () => {
    const doc = data.docs.wuxi;
    const page = (await get(`/doc/${doc.id}`)).text;
    const lines = [...page.matchAll(/<span class="tx">(.*?)<\/span><\/div>\n/g)].map((m) =>
      m[1]
        .replace(/<a class="warn"[^>]*>⚠<\/a>/g, '')
        .replace(/<[^>]+>/g, '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    );
    const { readFile } = await import('node:fs/promises');
    const original = (await readFile(doc.source.path, 'utf8')).replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
    expect(lines).toEqual(original);
  });

  it('overlapping marks nest or are split, never cross', () => {
    const m = (kind: Mark['kind'], id: string, start: number, end: number): Mark => ({ kind, id, start, end, info: id, label: id });
    const { html: out } = markText('abcdefghij\nklmno', [m('task', 't', 1, 14), m('target', 'g', 3, 7), m('lead', 'u', 5, 9), m('reference', 'r', 5, 9)]);
    // well-formed: every closing tag closes the last opened span
    const stack: string[] = [];
    for (const tag of out.match(/<\/?(span|div|a)\b[^>]*>/g)!) {
      if (tag.startsWith('</')) expect(stack.pop()).toBe(tag.slice(2, -1));
      else stack.push(/^<(\w+)/.exec(tag)![1]);
    }
    expect(stack).toEqual([]);
    // the crossing mark is split: its first piece has the id, the rest are continuations
    expect(out.match(/id="u"/g)).toHaveLength(1);
    expect(out).toMatch(/data-m="u"[^>]*>fg<\/span>/);
    expect(out).toMatch(/class="m m-task cont" data-m="t"[^>]*>klm<\/span>/);
  });

  it('unknown ids and paths outside the data folder are refused', async () => {
    for (const url of [
      '/doc/..%2F..%2Fetc%2Fpasswd',
      '/doc/..%2Findex.json',
      '/doc/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      '/doc/nope',
      '/doc/.index.json',
      '/doc/index.json',
      '/static/../../etc/passwd',
      '/doc/%00',
      '/doc/a%2Fb',
    ]) {
      const r = await get(url);
      expect([400, 404], url).toContain(r.status);
      expect(r.text).not.toContain('root:');
    }
    expect((await get('/doc/wuxi')).status).toBe(404); // a prefix is no id here
    // dot segments are resolved before routing: /doc/.. is the search page, never a file
    expect((await get('/doc/%2e%2e')).text).toContain('<form class="search"');
  });

  it('read-only: POST is refused unless --allow-ingest', async () => {
    const r = await app.handle({ method: 'POST', url: '/ingest', body: Buffer.from('x') });
    expect(r.status).toBe(403);
    expect((await get('/ingest')).status).toBe(403);
    expect((await get('/')).text).not.toContain('href="/ingest"');
  });
});

describe('department page', () => {
  it('one unit across documents: its tasks by role with full text, its names, the download buttons', async () => {
    const r = await get('/dept?name=%E4%BA%A4%E9%80%9A%E5%B1%80'); // 交通局
    expect(r.status).toBe(200);
    const wuxi = data.docs.wuxi;
    const dept = wuxi.departments.find((d) => d.name === '县交通局')!;
    expect(r.text).toContain(`id="doc-${wuxi.id}"`);
    expect(r.text).toContain(`id="doc-${data.docs.qingxi.id}"`);
    // found in several documents: said first, each a link to its section
    expect(r.text).toMatch(/<p class="overview">“交通局”在 \d+ 份文件中：/);
    expect(r.text).toContain(`<a href="#doc-${wuxi.id}">县交通局</a>`);
    expect(r.text).toContain(`牵头任务（${dept.lead.length}）`);
    for (const n of [...dept.lead, ...dept.responsible]) {
      const task = wuxi.tasks.find((t) => t.number === n)!;
      expect(r.text).toContain(`href="/doc/${wuxi.id}#task-${n}"`);
      expect(r.text).toContain(escapeHtml(task.text));
    }
    expect(r.text).toContain(`href="/dept/sheet.pdf?name=${encodeURIComponent('县交通局')}&amp;doc=${wuxi.id}"`);
    expect(r.text).toContain(`href="/dept/tasks.xlsx?name=${encodeURIComponent('县交通局')}&amp;doc=${wuxi.id}"`);
  });

  it('aliases and traditional script resolve as in the CLI; an unknown name says so; the index lists every unit', async () => {
    expect((await get(`/dept?name=${encodeURIComponent('發改委')}&doc=${data.docs.wuxi.id}`)).text).toContain('<h1>县发展改革委</h1>');
    expect((await get(`/dept?name=${encodeURIComponent('住建委')}&doc=${data.docs.wuxi.id}`)).text).toContain('<h1>县住房城乡建委</h1>');
    const unknown = await get(`/dept?name=${encodeURIComponent('宇宙局')}`);
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('没有部门“宇宙局”');
    expect(unknown.text).toContain('<a href="/dept">查看全部部门</a>');
    const index = await get('/dept');
    expect(index.text).toContain(`href="/dept?name=${encodeURIComponent('县交通局')}"`);
  });

  it('the PDF responsibility sheet downloads as a PDF, the task table as XLSX', async () => {
    const wuxi = data.docs.wuxi.id;
    const pdf = await app.handle({ method: 'GET', url: `/dept/sheet.pdf?name=${encodeURIComponent('交通局')}&doc=${wuxi}` });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('县交通局责任清单.pdf')}`);
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const xlsx = await app.handle({ method: 'GET', url: `/dept/tasks.xlsx?name=${encodeURIComponent('交通局')}&doc=${wuxi}` });
    expect(xlsx.status).toBe(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
    for (const bad of [
      `/dept/sheet.pdf?name=x&doc=..%2F..%2Fetc`,
      `/dept/sheet.pdf?name=${encodeURIComponent('交通局')}`,
      `/dept/tasks.xlsx?name=${encodeURIComponent('宇宙局')}&doc=${wuxi}`,
    ]) {
      expect((await get(bad)).status).toBe(404);
    }
  });
});

describe('compare page', () => {
  it('two documents picked: verdicts, uncovered parts, indicator and target pairs, links into both document pages', async () => {
    const { qingxi: a, yunchuan: b } = data.docs;
    const r = await get(`/compare?a=${a.id}&b=${b.id}`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('A 的任务在 B 中的对应');
    expect(r.text).toMatch(/<span class="verdict verdict-counterpart">对应<\/span>/);
    expect(r.text).toMatch(/<span class="verdict verdict-none">无对应<\/span>/);
    // 提升县城综合承载能力 (A 1) ↔ 推进县城补短板强弱项 (B 3.1.3), each a link into its document
    expect(r.text).toContain(`href="/doc/${a.id}#task-1">提升县城综合承载能力</a>`);
    expect(r.text).toMatch(new RegExp(`href="/doc/${b.id}#task-3\\.1\\.3">任务3\\.1\\.3 推进县城补短板强弱项</a>`));
    expect(r.text).toMatch(/B 中 A 未承接的内容（[1-9]\d* 处）/);
    expect(r.text).toMatch(/共有指标（[1-9]\d* 项）/);
    expect(r.text).toContain('正文中的量化目标');
    expect(r.text).toContain('A 引用 B：是');
    // the picker keeps both choices
    expect(r.text).toContain(`<option value="${a.id}" selected>`);
  });

  it('without two documents the picker alone; an unknown id is refused', async () => {
    const r = await get('/compare');
    expect(r.text).toContain('<form class="pick" method="get" action="/compare">');
    expect(r.text).not.toContain('A 的任务在 B 中的对应');
    const bad = await get(`/compare?a=..%2F..%2Fetc&b=${data.docs.wuxi.id}`);
    expect(bad.status).toBe(404);
  });
});

describe('ingest from the browser (--allow-ingest)', () => {
  const boundary = '----policytest';
  const multipart = (files: Array<[string, Buffer | string]>) =>
    Buffer.concat([
      ...files.flatMap(([name, bytes]) => [
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
        Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes),
        Buffer.from('\r\n'),
      ]),
      Buffer.from(`--${boundary}--\r\n`),
    ]);
  const post = (target: WorkbenchApp, files: Array<[string, Buffer | string]>, headers: Record<string, string> = {}) =>
    target.handle({
      method: 'POST',
      url: '/ingest',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, host: '127.0.0.1:8080', ...headers },
      body: multipart(files),
    });

  it('uploads go through the ingest code path: the same formats, the same one-line errors, then the pages see them', async () => {
    const { mkdtemp, readFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'policy-web-ingest-'));
    try {
      const upload = new WorkbenchApp({ dataDir: dir, allowIngest: true, maxUploadFiles: 3 });
      expect((await upload.handle({ method: 'GET', url: '/ingest' })).body).toContain('enctype="multipart/form-data"');
      const plan = await readFile(data.docs.qingxi.source.path);
      const r = await post(upload, [
        ['../../qingxi-plan.txt', plan],
        ['tool.exe', 'MZ'],
        ['blank.txt', '   \n'],
      ]);
      const page = String(r.body);
      expect(r.status).toBe(200);
      expect(page).toContain('成功 1 个，失败 2 个');
      expect(page).toContain('<code>policy: tool.exe: unsupported file type &quot;.exe&quot;');
      expect(page).toMatch(/<code>policy: blank\.txt: [^<]+<\/code>/);
      expect(page).toContain('href="/doc/qingxi-plan"');
      // saved inside the data folder whatever path the browser sent; searchable and reviewable
      const doc = await upload.handle({ method: 'GET', url: '/doc/qingxi-plan' });
      expect(doc.status).toBe(200);
      expect(String(doc.body)).toContain('id="task-1"');
      expect(String((await upload.handle({ method: 'GET', url: `/?q=${encodeURIComponent('宅基地')}` })).body)).toContain('/doc/qingxi-plan#task-');
      // caps and origin
      expect(
        (
          await post(upload, [
            ['a.txt', 'x'],
            ['b.txt', 'x'],
            ['c.txt', 'x'],
            ['d.txt', 'x'],
          ])
        ).status,
      ).toBe(413);
      expect((await post(upload, [['a.txt', plan]], { origin: 'http://evil.example' })).status).toBe(403);
      const small = new WorkbenchApp({ dataDir: dir, allowIngest: true, maxUploadBytes: 1000 });
      expect((await post(small, [['big.txt', plan]])).status).toBe(413);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('policy serve', () => {
  it('listens on 127.0.0.1 and says where; bad options are one-line errors', async () => {
    const { spawn } = await import('node:child_process');
    const path = await import('node:path');
    const { policy, repoRoot } = await import('../helpers/cli.js');
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/helpers/policy-dev.ts'), 'serve', '--data', data.dir, '--port', '0'], {
      cwd: repoRoot,
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          if (out.includes('\n')) resolve(out);
        });
        child.on('exit', () => reject(new Error(`exited: ${out}`)));
      });
      const url = /policy workbench: (http:\/\/127\.0\.0\.1:\d+)\/ {2}\(4 documents in .*, read-only; Ctrl\+C stops it\)/.exec(line)?.[1];
      expect(url, line).toBeDefined();
      const r = await fetch(`${url}/?q=${encodeURIComponent('宅基地')}`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await r.text()).toContain('<mark>宅基地</mark>');
    } finally {
      child.kill('SIGTERM');
    }
    const bad = policy(['serve', '--port', 'x', '--data', data.dir]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('policy: --port: must be a whole number from 0 to 65535, got "x"\n');
    const none = policy(['serve', '--data', path.join(data.dir, 'missing')]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/^policy: .*missing: data folder not found/);
  });
});
