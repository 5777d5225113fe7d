/**
 * Saved web pages (.html/.htm) through the same pipeline as .txt: the converter's text
 * (src/read/html.ts), then the 公文 text parser. The three gov.cn pages of the real-document
 * set are read from ../shared (never copied here); the suite skips them where it is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/index.js';
import { collapse, htmlToText } from '../../src/read/html.js';
import { fastTree } from '../../src/read/html-tree.js';
import { fixture, ingestFixture } from '../helpers/fixtures.js';
import { runs } from '../helpers/property.js';

const REAL = path.resolve(__dirname, '../../../shared/real-docs');
const real = (prefix: string) => {
  const name = existsSync(REAL) ? readdirSync(REAL).find((f) => f.startsWith(prefix) && f.endsWith('.html')) : undefined;
  return name ? path.join(REAL, name) : null;
};
const enc = (s: string) => new TextEncoder().encode(s);

describe('html → text', () => {
  it('drops scripts and styles, ends lines at blocks, joins inline elements', async () => {
    const r = await htmlToText(
      enc(`<html><head><title>x</title><style>p{}</style></head><body><script>var a="一、";</script>
      <p>一、<span>总体</span><b>要求</b></p><div>坚持
      稳中求进。</div><noscript>请启用脚本</noscript><p>Made in&nbsp;China 2025</p></body></html>`),
    );
    expect(r.text.split('\n').filter(Boolean)).toEqual(['一、总体要求', '坚持稳中求进。', 'Made in China 2025']);
  });

  it('drops white space from source line breaks next to Chinese, keeps one space between other words', () => {
    expect(collapse('县发展改革委\n      县财政局')).toBe('县发展改革委县财政局');
    expect(collapse('县发展改革委 县财政局')).toBe('县发展改革委 县财政局');
    expect(collapse('GDP\n   growth')).toBe('GDP growth');
  });

  it('spreads rowspan and colspan so every row has its cells: a merged 牵头单位 gives its text to every row', async () => {
    const r = await htmlToText(
      enc(`<table><tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>责任单位</th></tr>
      <tr><td>1</td><td><p>推进</p><p>城市更新。</p></td><td rowspan="2">县住建委</td><td>县财政局</td></tr>
      <tr><td>2</td><td>完善管网。</td><td>县水利局</td></tr>
      <tr><td colspan="4">二、民生保障</td></tr></table>`),
    );
    expect(r.text.trim().split('\n')).toEqual([
      '序号\t重点任务\t牵头单位\t责任单位',
      '1\t推进城市更新。\t县住建委\t县财政局',
      '2\t完善管网。\t县住建委\t县水利局',
      '二、民生保障',
    ]);
  });

  it('reads a layout table (a cell holding a table) as blocks, not one giant row', async () => {
    const r = await htmlToText(
      enc(`<table><tr><td><table><tr><td>首页</td><td>政务公开</td></tr></table></td>
      <td><p>一、总体要求。</p><p>二、重点任务。</p></td></tr></table>`),
    );
    expect(r.text).toContain('一、总体要求。\n');
    expect(r.text).not.toMatch(/总体要求。\t/);
  });

  it('takes a gov page info table into meta and `label：value` lines', async () => {
    const r = await htmlToText(
      enc(`<table><tr><td>索 引 号：</td><td>000014349/2018-00214</td><td>主题分类：</td><td>综合政务</td></tr>
      <tr><td>发文机关：</td><td>国务院办公厅</td><td>成文日期：</td><td>2018年12月06日</td></tr>
      <tr><td>发文字号：</td><td>国办发〔2018〕117号</td><td>发布日期：</td><td>2018年12月10日</td></tr></table><p>正文。</p>`),
    );
    expect(r.meta).toEqual({ issuer: '国务院办公厅', date: '2018年12月06日', docNumber: '国办发〔2018〕117号' });
    expect(r.text).toContain('发文机关：国务院办公厅\n');
  });

  it('refuses a page without document text', async () => {
    await expect(htmlToText(enc('<html><body><a href="/">Home</a><img src="a.png"></body></html>'))).rejects.toMatchObject({ problem: 'no-document' });
  });
});

const PAGES = [
  {
    prefix: '23-',
    tasks: 30,
    issuer: '国务院办公厅',
    docNumber: '国办发〔2018〕117号',
    date: '2018-12-06',
    first: ['一', ['市场监管总局']],
    last: ['三十', ['国务院办公厅']],
  },
  {
    prefix: '24-',
    tasks: 21,
    issuer: '国务院',
    docNumber: '国发〔2019〕3号',
    date: '2019-01-12',
    first: ['1', ['税务总局', '财政部', '海关总署']],
    last: ['21', ['海关总署', '商务部']],
  },
  {
    prefix: '25-',
    tasks: 17,
    issuer: '国务院办公厅',
    docNumber: '国办发〔2018〕129号',
    date: '2018-12-30',
    first: ['一', ['扶贫办']],
    last: ['十七', ['发展改革委']],
  },
] as const;

describe.skipIf(!real('23-'))('real gov.cn pages (../shared/real-docs 23–25)', () => {
  it.each(PAGES)('$prefix: issuer, 文号, date and every numbered measure with its units', async (page) => {
    const doc = await ingestFile(real(page.prefix)!);
    expect(doc.source.format).toBe('html');
    expect(doc.issuer).toBe(page.issuer);
    expect(doc.docNumber).toBe(page.docNumber);
    expect(doc.date).toBe(page.date);
    expect(doc.tasks).toHaveLength(page.tasks);
    for (const t of doc.tasks) expect([...t.lead, ...t.responsible].length, `task ${t.number}`).toBeGreaterThan(0);
    const units = (n: string) => {
      const t = doc.tasks.find((x) => x.number === n)!;
      return [...t.lead, ...t.responsible];
    };
    expect(units(page.first[0])).toEqual(expect.arrayContaining([...page.first[1]]));
    expect(units(page.last[0])).toEqual(expect.arrayContaining([...page.last[1]]));
    // the page's clutter (info lines, 扫一扫) is kept as web paragraphs, never as a task or a title
    expect(doc.title).not.toMatch(/^标题/);
    expect(
      doc.paragraphs
        .filter((p) => p.kind === 'web')
        .map((p) => p.text)
        .join('\n'),
    ).toMatch(/发文机关：|扫一扫/);
  });
});

describe('a county CMS page saved in GBK (test/fixtures/formats/cms-page-gbk.html)', () => {
  it('reads the charset from <meta http-equiv>, the info table into the model, and every row of the 分工表 with its merged 牵头单位', async () => {
    const doc = await ingestFixture('formats', 'cms-page-gbk.html');
    expect(doc.source).toMatchObject({ format: 'html', encoding: 'gb18030' });
    expect([doc.issuer, doc.docNumber, doc.date]).toEqual(['清溪县人民政府办公室', '清溪府办发〔2025〕9号', '2025-03-18']);
    expect(doc.title).toBe('清溪县2025年营商环境优化重点任务分工方案');
    expect(doc.tasks.map((t) => [t.number, t.lead, t.responsible])).toEqual([
      ['1', ['县市场监管局'], ['县政务服务中心', '县税务局']],
      ['2', ['县市场监管局'], ['县司法局', '县政务服务中心']],
      ['3', ['县市场监管局'], ['县发展改革委']],
      ['4', ['县住房城乡建委'], ['县规划自然资源局', '县消防救援大队']],
      ['5', ['县住房城乡建委'], ['县城市管理局', '国网清溪供电公司']],
      ['6', ['县税务局'], ['县财政局']],
    ]);
    // a cell's two paragraphs are one line; the page's chrome is web clutter, never a task or a department
    expect(doc.tasks[0].title).toBe('推行企业开办“一网通办”，全年开办时间压减至1个工作日以内');
    const web = doc.paragraphs
      .filter((p) => p.kind === 'web')
      .map((p) => p.text)
      .join('\n');
    expect(web).toMatch(/当前位置/);
    expect(web).toMatch(/分享到/);
    expect(web).toMatch(/网站标识码/);
    expect(doc.departments.map((d) => d.name)).not.toContain('清溪县大数据发展中心');
  });
});

describe('the tree: htmlparser2, and rehype-parse (parse5) where the markup is misnested', () => {
  const FIX = fixture('formats');
  const pages = [
    ...['wuxi-plan.html', 'wuxi-plan-gbk.html', 'cms-page-gbk.html'].map((f) => path.join(FIX, f)),
    ...['23-', '24-', '25-'].map(real).filter((f): f is string => f !== null),
  ];

  it.each(pages.map((f) => [path.basename(f), f]))('%s: htmlparser2 reads it, to the text parse5 gives', async (_, file) => {
    const bytes = readFileSync(file);
    const html = /charset=["']?gb/i.test(bytes.subarray(0, 2048).toString('latin1')) ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
    expect(fastTree(html)).not.toBeNull();
    expect(await htmlToText(bytes)).toEqual(await htmlToText(bytes, { parser: 'parse5' }));
  });

  it.each([
    ['text inside a table row (moved before the table)', '<table><tr>表前<td>甲</td><td>乙</td></tr></table>'],
    ['a paragraph in a table but outside a cell', '<table><p>表里段落</p><tr><td>甲</td><td>乙</td></tr></table>'],
    ['a cell without a row', '<table><td>甲</td><td>乙</td></table>'],
    ['a <b> left open across paragraphs', '<p><b>粗体</p><p>仍是粗体。</p>'],
    ['a hidden <font> left open', '<p><font style="display:none">藏<p>这里还藏吗？</p>'],
    ['a table inside a paragraph in quirks mode', '<p>前文<table><tr><td>甲</td><td>乙</td></tr></table>后文</p>'],
    ['text after </body>', '<html><body><p>正文。</p></body></html>尾巴'],
    ['a second <body>', '<body><p>一</p><body><p>二</p>'],
    ['a block in <head>', '<html><head><div>页头块</div></head><body><p>正文。</p></body></html>'],
    ['a <p> closed by <li> inside it', '<ul><li><p>一项<li>二项</ul>'],
  ])('%s: left to parse5, same text as before', async (_, html) => {
    expect(fastTree(html)).toBeNull();
    expect(await htmlToText(enc(html)).catch((e: Error) => e.message)).toEqual(
      await htmlToText(enc(html), { parser: 'parse5' }).catch((e: Error) => e.message),
    );
  });

  it("any markup: the text is the one parse5 gives (the tree is htmlparser2's only where the two agree)", async () => {
    const TAGS = [
      'p',
      'div',
      'span',
      'b',
      'font',
      'a',
      'table',
      'tr',
      'td',
      'th',
      'tbody',
      'br',
      'li',
      'ul',
      'h1',
      'h2',
      'center',
      'strong',
      'pre',
      'select',
      'option',
      'form',
      'caption',
      'dl',
      'dt',
      'dd',
      'hr',
      'script',
      'head',
      'body',
      'html',
      'title',
      'noscript',
      'button',
      'thead',
      'em',
      'section',
      'svg',
      'input',
      'iframe',
    ];
    const ATTRS = ['', '', ' style="text-align:center"', ' align="center"', ' colspan="2"', ' rowspan="2"', ' hidden', ' style="display:none"'];
    const TEXTS = ['一、总体要求', '坚持稳中求进。', '县住建委', '\n  ', ' ', 'GDP', '发文机关：', '国务院办公厅', '&nbsp;', '&amp;', '标题'];
    const token = fc.oneof(
      fc.constantFrom(...TEXTS),
      fc.tuple(fc.constantFrom(...TAGS), fc.constantFrom(...ATTRS)).map(([t, a]) => `<${t}${a}>`),
      fc.constantFrom(...TAGS).map((t) => `</${t}>`),
    );
    const page = fc.tuple(
      fc.constantFrom(
        '',
        '<!DOCTYPE html>',
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
      ),
      fc.array(token, { maxLength: 40 }),
    );
    let fast = 0;
    await fc.assert(
      fc.asyncProperty(page, async ([doctype, tokens]) => {
        const html = `${doctype}<meta charset="utf-8">${tokens.join('')}`;
        if (fastTree(html)) fast++;
        const a = await htmlToText(enc(html)).catch((e: Error) => e.message);
        const b = await htmlToText(enc(html), { parser: 'parse5' }).catch((e: Error) => e.message);
        expect(a).toEqual(b);
      }),
      { numRuns: runs(400) },
    );
    expect(fast).toBeGreaterThan(20);
  });
});
