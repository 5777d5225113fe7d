/**
 * Makes test/fixtures/formats/ from the bundled plan (corpus/*.txt) with real tools, so the
 * format readers are tested on files those tools write. Needs LibreOffice and iconv (Debian:
 * `apt-get install -y pandoc libreoffice-writer-nogui`); CI does not: the generated files are
 * committed. Run: `node --import tsx scripts/make-format-fixtures.ts`.
 *
 * - wuxi-plan.docx   LibreOffice from an HTML rendering of the .txt (typed numbers, a real table)
 * - wuxi-plan.doc    LibreOffice: the .docx saved as Word 97–2003
 * - wuxi-plan.html   LibreOffice: the .docx saved as a web page (UTF-8)
 * - wuxi-plan-gbk.html  the same page in GBK (iconv), its meta charset saying so
 * - wuxi-plan-numbered.docx  the `docx` package: Word's automatic numbering (一、 （一） 1.) instead
 *   of typed numbers, and the indicator table's 指标属性 cells merged down (vMerge)
 * - cms-page-gbk.html  a saved page of a county government CMS in GBK, written here: nav, breadcrumb,
 *   info table, a 分工表 with rowspan-merged 牵头单位 cells, share bar and footer
 * - bad-damaged.docx (a cut ZIP), bad-image-only.docx (one picture, no text), bad-no-text.html (links only)
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AlignmentType, Document, ImageRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import iconv from 'iconv-lite';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'test/fixtures/formats');
const SOURCE = path.join(ROOT, 'corpus/wuxi-urbanization-plan-2021-2035.txt');

type Block = { kind: 'p'; text: string } | { kind: 'table'; rows: string[][] };

/** The .txt as blocks: one paragraph a line; Word's one-cell-per-line tables (tab-indented cells, rows apart by blank lines) as rows. */
function blocks(text: string): Block[] {
  const out: Block[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('\t')) {
      const rows: string[][] = [];
      let row: string[] = [];
      for (; i < lines.length && (lines[i].startsWith('\t') || (lines[i].trim() === '' && lines[i + 1]?.startsWith('\t'))); i++) {
        if (lines[i].trim() === '') {
          rows.push(row);
          row = [];
        } else row.push(lines[i].trim());
      }
      if (row.length) rows.push(row);
      out.push({ kind: 'table', rows });
      i--;
    } else if (lines[i].trim()) out.push({ kind: 'p', text: lines[i].trim() });
  }
  return out;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function asHtml(bs: Block[]): string {
  const body = bs
    .map((b) =>
      b.kind === 'p'
        ? `<p>${esc(b.text)}</p>`
        : `<table border="1">${b.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')}</table>`,
    )
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>巫溪县新型城镇化实施方案</title></head><body>\n${body}\n</body></html>\n`;
}

function soffice(args: string[], cwd: string): void {
  execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${cwd}/profile`, ...args], { cwd, stdio: 'pipe' });
}

// ------------------------------------------------------------- automatic numbering with the docx package

const CN = '〇一二三四五六七八九';
const cn = (n: number) => (n < 10 ? CN[n] : n < 20 ? '十' + (n % 10 ? CN[n % 10] : '') : CN[Math.floor(n / 10)] + '十' + (n % 10 ? CN[n % 10] : ''));

async function numberedDocx(bs: Block[]): Promise<{ bytes: Buffer; numbered: number; typed: number }> {
  // what Word will show: 一、 and （一） one list (（一） starting again under each 一、), 1. a list of its own that runs on
  let top = 0;
  let sub = 0;
  let item = 0;
  let numbered = 0;
  let typed = 0;
  const children: (Paragraph | Table)[] = [];
  for (const b of bs) {
    if (b.kind === 'table') {
      children.push(mergedTable(b.rows));
      continue;
    }
    let m: RegExpExecArray | null;
    let para: Paragraph | null = null;
    if ((m = /^([一二三四五六七八九十]+)、(.*)$/.exec(b.text)) && m[1] === cn(top + 1)) {
      top++;
      sub = 0;
      para = new Paragraph({ children: [new TextRun(m[2])], numbering: { reference: 'outline', level: 0 } });
    } else if ((m = /^（([一二三四五六七八九十]+)）(.*)$/.exec(b.text)) && m[1] === cn(sub + 1) && top > 0) {
      sub++;
      para = new Paragraph({ children: [new TextRun(m[2])], numbering: { reference: 'outline', level: 1 } });
    } else if ((m = /^(\d+)\. ?(.*)$/.exec(b.text)) && Number(m[1]) === item + 1) {
      item++;
      para = new Paragraph({ children: [new TextRun(m[2])], numbering: { reference: 'items', level: 0 } });
    }
    if (para) numbered++;
    else if (/^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)/.test(b.text)) typed++;
    children.push(para ?? new Paragraph({ children: [new TextRun(b.text)] }));
  }
  const doc = new Document({
    numbering: {
      config: [
        {
          reference: 'outline',
          levels: [
            { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
            { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT },
          ],
        },
        { reference: 'items', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] },
      ],
    },
    sections: [{ children }],
  });
  return { bytes: await Packer.toBuffer(doc), numbered, typed };
}

/** A table whose cells equal to the one above in the last column (指标属性: 预期性 …) are merged down, as people lay them out. */
function mergedTable(rows: string[][]): Table {
  const last = rows[0].length - 1;
  const out: TableRow[] = [];
  for (let r = 0; r < rows.length; r++) {
    const cells = rows[r].map((text, c) => {
      if (c === last && r > 1 && rows[r - 1][c] === text) return null; // covered by the merged cell above
      let span = 1;
      if (c === last && r >= 1) while (r + span < rows.length && rows[r + span][c] === text) span++;
      return new TableCell({ children: [new Paragraph(text)], rowSpan: span, width: { size: 1500, type: WidthType.DXA } });
    });
    out.push(new TableRow({ children: cells.filter((c): c is TableCell => c !== null) }));
  }
  return new Table({ rows: out });
}

// ------------------------------------------------------------- bad files

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

async function imageOnlyDocx(): Promise<Buffer> {
  const doc = new Document({
    sections: [{ children: [new Paragraph({ children: [new ImageRun({ type: 'png', data: PNG_1PX, transformation: { width: 100, height: 100 } })] })] }],
  });
  return Packer.toBuffer(doc);
}

/** A county government site's article page as such CMSs write it (GBK, tables for layout, the document in a content div). */
const CMS_PAGE = `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>清溪县人民政府办公室关于印发清溪县2025年营商环境优化重点任务分工方案的通知_清溪县人民政府</title>
<link rel="stylesheet" href="/css/style.css" />
<script type="text/javascript">var siteId = "qx"; document.write("<div>统计</div>");</script>
<style>.nav li{float:left}</style>
</head>
<body>
<div class="top"><a href="/">清溪县人民政府</a> <a href="/en">English</a> <a href="/wza">无障碍</a></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/zwfw">政务服务</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; <a href="/zwgk/wj">政府文件</a></div>
<table class="xxgk" width="100%" border="1" cellspacing="0">
  <tr><td class="l">索&nbsp;引&nbsp;号：</td><td>11500238MB1234567X/2025-00031</td><td class="l">主题分类：</td><td>综合政务\\营商环境</td></tr>
  <tr><td class="l">发文机关：</td><td>清溪县人民政府办公室</td><td class="l">成文日期：</td><td>2025年03月18日</td></tr>
  <tr><td class="l">标&emsp;&emsp;题：</td><td colspan="3">清溪县人民政府办公室关于印发清溪县2025年营商环境优化重点任务分工方案的通知</td></tr>
  <tr><td class="l">发文字号：</td><td>清溪府办发〔2025〕9号</td><td class="l">发布日期：</td><td>2025年03月20日</td></tr>
</table>
<div class="article">
<div class="tools">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</div>
<div class="TRS_Editor" id="zoom">
<p align="center"><strong>清溪县人民政府办公室</strong></p>
<p align="center"><strong>关于印发清溪县2025年营商环境优化</strong></p>
<p align="center"><strong>重点任务分工方案的通知</strong></p>
<p align="center">清溪府办发〔2025〕9号</p>
<p>各乡镇人民政府、街道办事处，县政府各部门，有关单位：</p>
<p>&emsp;&emsp;《清溪县2025年营商环境优化重点任务分工方案》已经县政府同意，现印发给你们，请认真
  贯彻落实。</p>
<p align="right">清溪县人民政府办公室</p>
<p align="right">2025年3月18日</p>
<p>（此件公开发布）</p>
<p align="center"><strong>清溪县2025年营商环境优化重点任务分工方案</strong></p>
<p>&emsp;&emsp;为持续优化营商环境，激发市场主体活力，制定本方案。</p>
<table border="1" cellspacing="0" cellpadding="2" width="100%">
  <tr><td><p align="center">序号</p></td><td><p align="center">重点任务</p></td><td><p align="center">牵头单位</p></td><td><p align="center">责任单位</p></td></tr>
  <tr><td>1</td><td><p>推行企业开办“一网通办”，</p><p>全年开办时间压减至1个工作日以内。</p></td><td rowspan="3">县市场监管局</td><td>县政务服务中心、县税务局</td></tr>
  <tr><td>2</td><td>深化“证照分离”改革，推动涉企经营许可事项清单管理全覆盖。</td><td>县司法局、县政务服务中心</td></tr>
  <tr><td>3</td><td>开展信用分级分类监管，扩大“双随机、一公开”抽查覆盖面。</td><td>县发展改革委</td></tr>
  <tr><td>4</td><td>推进工程建设项目审批制度改革，社会投资小型低风险项目审批时间控制在15个工作日以内。</td><td rowspan="2">县住房城乡建委</td><td>县规划自然资源局、县消防救援大队</td></tr>
  <tr><td>5</td><td>推行水电气讯联合报装，实现“一次申请、并联办理”。</td><td>县城市管理局、国网清溪供电公司</td></tr>
  <tr><td>6</td><td>落实减税降费政策，实现符合条件的退税“即报即退”。</td><td>县税务局</td><td>县财政局</td></tr>
</table>
</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
<div class="prevnext"><p>上一篇：<a href="/a.html">清溪县2024年营商环境工作总结</a></p><p>下一篇：<a href="/b.html">关于开展2025年政务公开工作的通知</a></p></div>
</div>
<div class="footer">
<p>主办：清溪县人民政府办公室&nbsp;&nbsp;承办：清溪县大数据发展中心</p>
<p>网站标识码：5002380001&nbsp;&nbsp;渝ICP备12345678号&nbsp;&nbsp;渝公网安备 50023802000123号</p>
<p>版权所有 © 清溪县人民政府</p>
</div>
</body>
</html>
`;

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'policy-fixtures-'));
  try {
    const bs = blocks(readFileSync(SOURCE, 'utf8'));
    writeFileSync(path.join(work, 'wuxi-plan.html'), asHtml(bs));
    // HTML → Writer document → .docx; .docx → .doc and → a web page, as a user would save them
    soffice(['--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', path.join(work, 'docx'), 'wuxi-plan.html'], work);
    copyFileSync(path.join(work, 'docx/wuxi-plan.docx'), path.join(OUT, 'wuxi-plan.docx'));
    soffice(['--convert-to', 'doc:MS Word 97', '--outdir', path.join(work, 'doc'), path.join(work, 'docx/wuxi-plan.docx')], work);
    copyFileSync(path.join(work, 'doc/wuxi-plan.doc'), path.join(OUT, 'wuxi-plan.doc'));
    soffice(['--convert-to', 'html:HTML (StarWriter)', '--outdir', path.join(work, 'html'), path.join(work, 'docx/wuxi-plan.docx')], work);
    const page = readFileSync(path.join(work, 'html/wuxi-plan.html'));
    writeFileSync(path.join(OUT, 'wuxi-plan.html'), page);
    const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: page.toString('utf8').replace(/charset=utf-8/gi, 'charset=gbk') });
    writeFileSync(path.join(OUT, 'wuxi-plan-gbk.html'), gbk);

    const numbered = await numberedDocx(bs);
    writeFileSync(path.join(OUT, 'wuxi-plan-numbered.docx'), numbered.bytes);
    console.log(`numbered docx: ${numbered.numbered} paragraphs numbered by Word, ${numbered.typed} left typed`);

    writeFileSync(path.join(OUT, 'cms-page-gbk.html'), iconv.encode(CMS_PAGE, 'gbk'));

    const good = readFileSync(path.join(OUT, 'wuxi-plan.docx'));
    writeFileSync(path.join(OUT, 'bad-damaged.docx'), good.subarray(0, Math.floor(good.length / 2)));
    writeFileSync(path.join(OUT, 'bad-image-only.docx'), await imageOnlyDocx());
    writeFileSync(
      path.join(OUT, 'bad-no-text.html'),
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>首页</title><script>var x = 1;</script></head>\n<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav><img src="banner.png"><footer><a href="/about">About</a></footer></body></html>\n',
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
