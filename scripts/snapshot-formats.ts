/**
 * `npm run snapshot:formats -- [--out FILE] [--base FILE]`: what every converter gives — the
 * converted text, its meta, warnings and encoding, and the model's JSON — for the format
 * fixtures (test/fixtures/formats), the real web pages beside the project
 * (../shared/real-docs/*.html, when present), and hand-written edge cases (Word XML with
 * fields, tracked changes, text boxes, merged and nested cells, numbering; malformed HTML).
 * `npm run snapshot` covers .txt/.md only; this is its counterpart for work on the converters
 * that must not change their output (speed-ups): snapshot before, change, build, snapshot
 * with --base, and every input whose text or model differs is listed with its first
 * differing line.
 *
 * Uses the compiled dist/ (run `npm run build` first).
 */

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { strToU8, zipSync } from 'fflate';

const ROOT = path.resolve(import.meta.dirname, '..');
const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url).href;
if (!existsSync(new URL('../dist/ingest.js', import.meta.url))) throw new Error('dist/ is missing: run `npm run build` first');
const { ingestAnyBytes } = (await import(dist('ingest.js'))) as typeof import('../src/ingest.js');
const { htmlToText } = (await import(dist('read/html.js'))) as typeof import('../src/read/html.js');
const { docxToText } = (await import(dist('read/docx.js'))) as typeof import('../src/read/docx.js');

const { values } = parseArgs({ options: { out: { type: 'string' }, base: { type: 'string' } } });

// ---------------------------------------------------------------- edge cases: Word XML

const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="x" xmlns:v="y" xmlns:r="z"';
const p = (text: string, pPr = '') =>
  `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:rPr><w:rFonts w:ascii="仿宋"/><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const num = (id: number, lvl: number) => `<w:pStyle w:val="Body"/><w:numPr><w:ilvl w:val="${lvl}"/><w:numId w:val="${id}"/></w:numPr><w:spacing w:line="560"/>`;
const tc = (body: string, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${body}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr><w:trPr><w:trHeight w:val="400"/></w:trPr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) => `<w:tbl><w:tblPr><w:tblW w:w="0"/></w:tblPr><w:tblGrid><w:gridCol/></w:tblGrid>${rows.join('')}</w:tbl>`;

const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering ${W}>
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/></w:lvl>
<w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:isLgl/><w:lvlText w:val="%1.%2"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>`;
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles ${W}>
<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Body"><w:basedOn w:val="Normal"/></w:style>
</w:styles>`;

const BODY = [
  p('关于印发某某方案的通知', '<w:jc w:val="center"/>'),
  `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>总体要求</w:t></w:r></w:p>`,
  `<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>指导思想</w:t></w:r></w:p>`,
  p('坚持 &amp; 稳中&lt;求&gt;进，&quot;引号&apos;，&#x4E00;&amp;lt;', num(1, 2)),
  `<w:p><w:pPr>${num(1, 2)}<w:rPr><w:b/></w:rPr><w:pPrChange w:id="1"><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr></w:pPrChange></w:pPr><w:r><w:t>第二项</w:t><w:tab/><w:t>跟着制表符</w:t><w:br/><w:t>软回车之后</w:t><w:br w:type="page"/><w:t>分页符之后</w:t><w:noBreakHyphen/><w:t>x</w:t><w:cr/><w:t>回车</w:t><w:ptab w:relativeTo="margin"/><w:t>y</w:t></w:r></w:p>`,
  `<w:p><w:r><w:t>域前</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK "http://x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>域结果</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:fldChar w:fldCharType="begin"/><w:t>隐藏域码</w:t><w:fldChar w:fldCharType="end"/><w:t>同一run</w:t></w:r></w:p>`,
  `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>跨段域码</w:t></w:r></w:p>`,
  p('下一段不受域影响'),
  `<w:p><w:del w:id="2"><w:r><w:delText>删除的</w:delText></w:r></w:del><w:ins w:id="3"><w:r><w:t>插入的</w:t></w:r></w:ins><w:hyperlink r:id="rId9"><w:r><w:t>超链接</w:t></w:r></w:hyperlink><w:moveFrom><w:r><w:t>移出</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>移入</w:t></w:r></w:moveTo><w:smartTag><w:r><w:t>智能</w:t></w:r></w:smartTag><w:sdt><w:sdtPr><w:alias w:val="a"/></w:sdtPr><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt><w:fldSimple w:instr="PAGE"><w:r><w:t>3</w:t></w:r></w:fldSimple><w:customXml><w:r><w:t>自定义</w:t></w:r></w:customXml><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:t>书签后</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>`,
  `<w:p><w:r><w:t>文本框前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent><w:p><w:r><w:t>文本框里</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>框内表格</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r><w:t>文本框里</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="1"/></w:r><w:r><w:t>脚注后</w:t></w:r><w:r><w:commentReference w:id="1"/><w:t>批注后</w:t></w:r></w:p>`,
  `<w:sdt><w:sdtPr/><w:sdtContent>${p('块级控件里的段落')}</w:sdtContent></w:sdt>`,
  `<w:customXml>${p('自定义XML里的段落')}</w:customXml>`,
  `<mc:AlternateContent><mc:Choice>${p('正文层的替代内容')}</mc:Choice></mc:AlternateContent>`,
  `<w:p/>`,
  `<w:p><w:r><w:t/></w:r></w:p>`,
  `<w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>`,
  `<w:p><w:r><w:t>A</w:t></w:r><w:r><w:t xml:space="preserve"> B </w:t></w:r></w:p>`,
  tbl(
    tr(tc(p('序号')), tc(p('任务')), tc(p('牵头单位')), tc(p('责任单位'))),
    tr(
      tc(p('1')),
      tc(`${p('推进')}${p('城市更新。')}`),
      tc(p('县住建委'), '<w:vMerge w:val="restart"/>'),
      tc(`<w:p><w:r><w:t>县财政局</w:t><w:br/><w:t>县税务局</w:t><w:tab/><w:t>Tax</w:t></w:r></w:p>`),
    ),
    tr(tc(p('2')), tc(p('完善管网。', num(3, 0))), tc(p('不读', num(3, 0)), '<w:vMerge/>'), tc(p('县水利局'))),
    `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p('前空一格'), '<w:gridSpan w:val="2"/>')}${tc(p('末格'))}</w:tr>`,
    tr(tc(p('二、民生保障'), '<w:gridSpan w:val="4"/>')),
    tr(tc('<w:p/>'), tc('<w:p/>'), tc('<w:p/>'), tc('<w:p/>')),
    `<w:tr><w:sdt><w:sdtContent>${tc(p('控件里的格'))}</w:sdtContent></w:sdt>${tc(`${tbl(tr(tc(p('嵌套甲')), tc(p('嵌套乙'))), tr(tc(p('嵌套丙', num(1, 3)))))}${p('嵌套后')}`)}${tc(p('x'), '<w:tcPrChange><w:tcPr><w:gridSpan w:val="3"/></w:tcPr></w:tcPrChange>')}</w:tr>`,
  ),
  tbl(tr(tc(`${p('专栏一 重点项目', num(1, 0))}${p('01 项目甲')}`)), tr(tc(p('专栏续行', num(1, 0)), '<w:vMerge/>'))),
  p('表后', num(2, 0)),
  p('罗马', num(2, 1)),
  p('罗马二', num(2, 1)),
  p('回到一级', num(1, 0)),
  p('二级', num(1, 1)),
  p('子弹', num(1, 4)),
  `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>编号零</w:t></w:r></w:p>`,
  `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="99"/></w:numPr></w:pPr><w:r><w:t>未定义编号</w:t></w:r></w:p>`,
  `<w:p><w:r><w:t>Line1\r\nLine2\rLine3</w:t></w:r></w:p>`,
  `<w:p ><w:r\n><w:t\txml:space='preserve' >单引号属性</w:t ></w:r ></w:p >`,
  `<w:p><w:r><w:t>a<!-- 注释 -->b</w:t><w:t><![CDATA[c<d]]></w:t></w:r></w:p>`,
  `<w:p><w:r><w:t>结束。</w:t></w:r></w:p>`,
].join('\n');

const docXml = (body: string, prolog = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n') =>
  `${prolog}<w:document ${W} mc:Ignorable="w14"><w:body>${body}<w:sectPr><w:headerReference w:type="default" r:id="rId1"/><w:pgSz w:w="11906"/></w:sectPr></w:body></w:document>`;

function docx(document: string, extra: Record<string, string> = {}): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'word/document.xml': strToU8(document),
    'word/header1.xml': strToU8(`<w:hdr ${W}>${p('页眉不读')}</w:hdr>`),
    'word/footnotes.xml': strToU8(`<w:footnotes ${W}><w:footnote w:id="1">${p('脚注不读')}</w:footnote></w:footnotes>`),
    ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, strToU8(v)])),
  });
}

const DOCX_CASES: [string, Uint8Array][] = [
  ['edge-numbered', docx(docXml(BODY), { 'word/numbering.xml': NUMBERING, 'word/styles.xml': STYLES })],
  ['edge-no-numbering-part', docx(docXml(BODY), { 'word/styles.xml': STYLES })],
  ['edge-unnumbered', docx(docXml(BODY.replace(/<w:numPr>.*?<\/w:numPr>/g, '')))],
  ['edge-styles-only-numbering', docx(docXml(BODY.replace(/<w:numPr>.*?<\/w:numPr>/g, '')), { 'word/numbering.xml': NUMBERING, 'word/styles.xml': STYLES })],
  ['edge-crlf', docx(docXml(BODY).replace(/\n/g, '\r\n'), { 'word/numbering.xml': NUMBERING.replace(/\n/g, '\r\n'), 'word/styles.xml': STYLES })],
  ['edge-doctype', docx(docXml(p('实体&foo;'), '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY foo "替换">]>'))],
  ['edge-no-prolog', docx(docXml(p('无声明'), ''))],
  ['edge-bom', docx(`\ufeff${docXml(p('带BOM'))}`)],
  ['edge-mismatched', docx(docXml(`${p('甲')}<w:p><w:r><w:t>乙</w:r></w:p>${p('丙')}`))],
  ['edge-unclosed', docx(docXml(p('甲')).replace('</w:body></w:document>', ''))],
  ['edge-bare-lt', docx(docXml(`<w:p><w:r><w:t>1 < 2</w:t></w:r></w:p>${p('后')}`))],
  [
    'edge-unquoted-attr',
    docx(docXml(`<w:p><w:pPr><w:numPr><w:ilvl w:val=0/><w:numId w:val=1/></w:numPr></w:pPr><w:r><w:t>无引号</w:t></w:r></w:p>`), {
      'word/numbering.xml': NUMBERING,
    }),
  ],
  ['edge-gt-in-attr', docx(docXml(`<w:p><w:pPr><w:pStyle w:val="a>b"/></w:pPr><w:r><w:t>属性里有大于号</w:t></w:r></w:p>`))],
  ['edge-two-bodies', docx(`<w:document ${W}><w:body>${p('第一')}</w:body><w:body>${p('第二')}</w:body></w:document>`)],
  [
    'edge-other-prefix',
    docx(
      `<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:p><x:r><x:t>别的前缀</x:t></x:r></x:p></x:body></x:document>`,
    ),
  ],
  ['edge-only-image', docx(docXml(`<w:p><w:r><w:drawing><wp:inline/></w:drawing></w:r></w:p>`))],
  ['edge-empty', docx(docXml(''))],
  ['edge-not-xml', docx('这不是XML')],
  ['edge-no-document', zipSync({ 'word/other.xml': strToU8('<a/>') })],
];

// ---------------------------------------------------------------- edge cases: HTML

const HTML_CASES: [string, string][] = [
  ['p-unclosed', '<p>一、总体要求<p>二、重点任务<div>坚持稳中求进。</div>'],
  ['table-in-p-quirks', '<p>前文<table><tr><td>甲</td><td>乙</td></tr></table>后文</p><p>正文。</p>'],
  ['table-in-p-standards', '<!DOCTYPE html><p>前文<table><tr><td>甲</td><td>乙</td></tr></table>后文</p><p>正文。</p>'],
  ['foster-text', '<table>表前文字<tr><td>甲</td><td>乙</td></tr><p>表里段落</p><tr><td>丙</td><td>丁</td></tr></table>'],
  ['td-without-tr', '<table><td>甲</td><td>乙</td></table><table><tbody><td>丙</td></tbody></table>'],
  ['formatting-misnested', '<p><b>粗体<i>斜体</b>仍斜</i>正常</p><p>第二段</p>'],
  ['formatting-across-p', '<p><font style="display:none">藏<p>这里还藏吗？</p><p>正文。</p>'],
  ['nested-a', '<p><a href="1">一<a href="2">二</a>三</a></p>'],
  ['heading-in-heading', '<h1>标题一<h2>标题二</h2></h1><p>正文。</p>'],
  ['li-unclosed', '<ul><li>一项<li>二项<ul><li>子项</ul><li>三项</ul>'],
  ['head-text', '<html><head><meta charset="utf-8">页头文字<title>标题</title></head><body><p>正文。</p></body></html>'],
  ['head-div', '<html><head><div>页头块</div></head><body><p>正文。</p></body></html>'],
  ['after-body', '<html><body><p>正文。</p></body></html><p>页尾之后</p>文字'],
  ['after-body-script', '<html><body><p>正文。</p></body></html><script>var x="一、";</script>\n'],
  ['entities', '<p>&nbsp;&emsp;中&ensp;文&copy2020 &amp; &lt;&gt; &#20013;&#x6587; &#150; &#0; &notin; &noti; &unknown;</p>'],
  ['attr-entities', '<table><tr><td colspan="2&#x20;">甲</td><td rowspan=" 2">乙</td></tr><tr><td>丙</td><td>丁</td></tr></table>'],
  [
    'colspan-weird',
    '<table><tr><td colspan="2px">甲</td><td colspan="">乙</td><td colspan="0">丙</td><td ROWSPAN="abc">丁</td></tr><tr><td colspan=100>戊</td></tr></table>',
  ],
  ['hidden', '<p hidden>藏</p><p hidden="false">也藏</p><div style="DISPLAY: NONE">藏三</div><p style="display:block">显示。</p>'],
  ['pre', '<pre>\n第一行\n\t第二行  有空格\r\n第三行</pre><textarea>\n框</textarea><p>后。</p>'],
  ['br-end', '<p>一</br>二</p></p><p>三。</p>'],
  ['crlf', '<p>县发展改革委\r\n      县财政局\r县水利局</p><p>A\r\nB</p>'],
  ['nul', '<p>甲\u0000乙</p>'],
  [
    'title-centred',
    '<p style="text-align:center"><span style="font-size:22pt">关于印发</span></p><p style="text-align:center"><span style="font-size:22pt">某某方案的通知</span></p><p align="center">另一</p><h1>标题</h1><h1>第二行</h1><p>正文。</p>',
  ],
  [
    'info-table',
    '<table><tr><td>索 引 号：</td><td>000014349/2018-00214</td><td>主题分类：</td><td>综合政务</td></tr><tr><td>发文机关：</td><td>国务院办公厅</td><td>成文日期：</td><td>2018年12月06日</td></tr><tr><td>标　　题：</td><td>关于某某的意见</td></tr><tr><td>发文字号：</td><td>国办发〔2018〕117号</td><td>发布日期：</td><td>2018年12月10日</td></tr></table><p>正文。</p>',
  ],
  [
    'layout-table',
    '<table><tr><td><table><tr><td>首页</td><td>政务公开</td></tr></table></td><td><p>一、总体要求。</p><p>二、重点任务。</p></td></tr></table><table><tr><td><ul><li>菜单</li></ul></td><td>x</td></tr></table><table><tr><td>单列</td></tr><tr><td>第二行</td></tr></table>',
  ],
  [
    'caption',
    '<table><caption>表1 <b>指标</b></caption><thead><tr><th>指标</th><th>目标</th></tr></thead><tbody><tr><td>GDP</td><td>增长6%</td></tr></tbody><tfoot><tr><td colspan="2">注：预期性</td></tr></tfoot></table>',
  ],
  [
    'skip-elements',
    '<p>前<script>一、</script><style>p{}</style><noscript><p>请启用</p></noscript><template><p>模板</p></template><iframe>框</iframe><object>对象</object><svg><text>图</text></svg><canvas>画</canvas><select><option>选项</option></select><button>按钮</button><input value="x"><textarea>文本</textarea><map>地图</map>后</p>',
  ],
  [
    'inline-block-mix',
    '<div>一、<span>总体</span><b>要求</b><div>内块</div>尾巴<br>换行<br/><br>再换</div><center>居中</center><hr>分隔<address>地址</address>',
  ],
  ['tr-outside-table', '<div><tr><td>甲</td><td>乙</td></tr></div><td>丙</td><th>丁</th>'],
  ['math', '<p>公式<math><mi>x</mi><mtext>文字</mtext></math>后</p>'],
  ['plaintext', '<p>前文</p><plaintext><p>不是标签</p>'],
  ['comment-cdata', '<p>甲<!-- 注释 -->乙<![CDATA[丙]]>丁</p><!-- <p>注释段</p> -->'],
  ['form-nested', '<form><p>表单一<form><p>表单二</p></form></p></form>'],
  ['select-text', '<select>文字<p>段落</p></select><p>正文。</p>'],
  ['table-nested-in-cell-text', '<table><tr><td>外<table><tr><td>内甲</td><td>内乙</td></tr></table>外尾</td><td>乙</td></tr></table>'],
  ['cell-blocks', '<table><tr><td><p>段一</p><p>段二</p><div>Eng</div><div>lish</div>Tail<br>end</td><td>x</td></tr></table>'],
  ['unclosed-table', '<table><tr><td>甲<td>乙<tr><td>丙<td>丁</table><p>后。</p>'],
  ['table-in-td-in-p', '<p><span><table><tr><td>一</td><td>二</td></tr></table></span>文字</p>'],
  ['dl', '<dl><dt>术语<dd>解释<dt>术语二<dd>解释二</dl>'],
  ['uppercase', '<P ALIGN=CENTER>大写标签</P><TABLE><TR><TD>甲</TD><TD>乙</TD></TR></TABLE>'],
  ['body-attrs', '<body><p>一</p><body style="x"><p>二</p>'],
  ['frameset', '<frameset><frame src="x"></frameset><p>文字</p>'],
  ['image', '<p>图<image src="x">后</p>'],
  ['empty-chinese-free', '<p>only English here and there</p>'],
  ['only-links', '<a href="/">Home</a>'],
  ['xml-prolog', '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>XHTML页面。</p><br/><p/>后</body></html>'],
  ['self-closing', '<div/>自闭合<p/>之后<span/>尾</div>'],
  ['deep-inline', `<p>${'<span>'.repeat(300)}深${'</span>'.repeat(300)}</p>`],
];

// ---------------------------------------------------------------- inputs

const files: { key: string; bytes: Uint8Array; name: string }[] = [];
const fix = path.join(ROOT, 'test/fixtures/formats');
for (const f of readdirSync(fix).sort()) files.push({ key: `fixtures/${f}`, bytes: readFileSync(path.join(fix, f)), name: f });
const real = path.join(ROOT, '../shared/real-docs');
if (existsSync(real))
  for (const f of readdirSync(real)
    .filter((n) => /\.html?$/.test(n))
    .sort())
    files.push({ key: `real-docs/${f}`, bytes: readFileSync(path.join(real, f)), name: f });

const out: Record<string, unknown> = {};
const errorOf = (e: unknown) => ({
  error: `${(e as Error).name}: ${(e as Error).message}`,
  ...((e as { problem?: string }).problem ? { problem: (e as { problem?: string }).problem } : {}),
});
for (const f of files) {
  try {
    const doc = await ingestAnyBytes(f.bytes, f.name);
    out[f.key] = { model: JSON.parse(JSON.stringify(doc)) };
  } catch (e) {
    out[f.key] = errorOf(e);
  }
}
for (const [name, bytes] of DOCX_CASES) {
  try {
    out[`docx/${name}`] = await docxToText(bytes);
  } catch (e) {
    out[`docx/${name}`] = errorOf(e);
  }
}
for (const [name, html] of HTML_CASES) {
  for (const [variant, page] of [
    ['', html],
    [' (full page)', `<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title></head><body>\n${html}\n</body></html>`],
  ] as const) {
    try {
      out[`html/${name}${variant}`] = await htmlToText(new TextEncoder().encode(page));
    } catch (e) {
      out[`html/${name}${variant}`] = errorOf(e);
    }
  }
}

const json = JSON.stringify(out, null, 1);
const target = values.out ?? '.bench/formats-snapshot.json';
mkdirSync(path.dirname(target), { recursive: true });
writeFileSync(target, json);
console.log(
  `${Object.keys(out).length} inputs (${files.length} files, ${DOCX_CASES.length} Word edge cases, ${HTML_CASES.length * 2} HTML edge cases); sha256 ${createHash('sha256').update(json).digest('hex').slice(0, 16)}`,
);
if (values.base) {
  const base = JSON.parse(readFileSync(values.base, 'utf8')) as Record<string, unknown>;
  let differ = 0;
  for (const k of Object.keys({ ...base, ...out })) {
    const a = JSON.stringify(base[k], null, 1) ?? 'undefined';
    const b = JSON.stringify(out[k], null, 1) ?? 'undefined';
    if (a === b) continue;
    differ++;
    const al = a.split('\n');
    const bl = b.split('\n');
    const i = al.findIndex((l, n) => l !== bl[n]);
    console.log(`  ${k}: line ${i + 1}\n    base: ${al[i]?.slice(0, 160)}\n    now:  ${bl[i]?.slice(0, 160)}`);
  }
  console.log(differ === 0 ? 'identical to the base' : `differs from the base in ${differ} inputs`);
  if (differ) process.exitCode = 1;
}
