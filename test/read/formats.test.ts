/**
 * The bundled plan in the formats users have it — a web page (UTF-8 and GBK), Word .docx
 * (typed numbers, and Word's automatic numbering with merged table cells), binary .doc —
 * read through the same pipeline gives the model the .txt gives: the .txt model is the oracle.
 * The files were made by LibreOffice and the `docx` package (scripts/make-format-fixtures.ts).
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFile, loadDocument, type PolicyDocument, saveDocument, UserError } from '../../src/index.js';
import { attributes, docxToText, formatNumber, scanXml, treeXml, type XEl } from '../../src/read/docx.js';
import { readDocument } from '../../src/read/read.js';
import { fixture, WUXI_FILE } from '../helpers/fixtures.js';

const FIX = fixture('formats');
const TXT = WUXI_FILE;

const FORMATS = [
  ['wuxi-plan.html', 'html', 'utf-8'],
  ['wuxi-plan-gbk.html', 'html', 'gb18030'],
  ['wuxi-plan.docx', 'docx', 'utf-8'],
  ['wuxi-plan-numbered.docx', 'docx', 'utf-8'],
  ['wuxi-plan.doc', 'doc', 'binary'],
] as const;

const summary = (doc: PolicyDocument) => ({
  title: doc.title,
  issuer: doc.issuer,
  docNumber: doc.docNumber,
  date: doc.date,
  tasks: doc.tasks.map((t) => ({ number: t.number, title: t.title, lead: t.lead, responsible: t.responsible })),
  indicators: doc.indicators.map((i) => ({ number: i.number, name: i.name, baseline: i.baseline?.raw, target: i.target?.raw, attribute: i.attribute })),
});

let oracle: PolicyDocument;
beforeAll(async () => {
  oracle = await ingestFile(TXT);
});

describe('the bundled plan in every format gives the .txt model', () => {
  it('the oracle: 27 tasks, 8 indicators', () => {
    expect(oracle.tasks).toHaveLength(27);
    expect(oracle.indicators).toHaveLength(8);
  });

  it.each(FORMATS)('%s: same tasks (numbers, titles, units), indicators and metadata', async (name, format, encoding) => {
    const doc = await ingestFile(path.join(FIX, name));
    expect(doc.source.format).toBe(format);
    expect(doc.source.encoding).toBe(encoding);
    expect(summary(doc)).toEqual(summary(oracle));
  });

  it('Word automatic numbering: the labels come from numbering.xml (一、 （一） 1.), not from the text', async () => {
    const file = await readDocument(path.join(FIX, 'wuxi-plan-numbered.docx'));
    const text = String(file.value);
    expect(text).toMatch(/^一、指导思想$/m);
    expect(text).toMatch(/^（一）党揽全局/m);
    expect(text).toMatch(/^27\./m);
    // the label is no w:t of the document: Word shows it from the list definition
    const { unzipSync } = await import('fflate');
    const xml = new TextDecoder().decode(unzipSync(readFileSync(path.join(FIX, 'wuxi-plan-numbered.docx')))['word/document.xml']);
    expect(xml).not.toContain('>一、指导思想<');
    // the 指标属性 cells are merged down (vMerge): every row still gets its 预期性/约束性
    expect(xml).toContain('w:vMerge');
    expect(text).toMatch(/^8\t城乡居民收入比[^\n]*\t预期性$/m);
  });

  it('the XML scanner reads every part of the fixtures as fast-xml-parser does, and leaves XML it does not expect to it', async () => {
    const { unzipSync } = await import('fflate');
    const shape = (els: XEl[]): unknown[] => els.filter((e) => !e.name.startsWith('?')).map((e) => [e.name, e.text, attributes(e), shape(e.kids ?? [])]);
    let parts = 0;
    for (const name of ['wuxi-plan.docx', 'wuxi-plan-numbered.docx', 'bad-image-only.docx']) {
      const files = unzipSync(readFileSync(path.join(FIX, name)), { filter: (f) => /^word\/(document|styles|numbering)\.xml$/.test(f.name) });
      for (const [part, bytes] of Object.entries(files)) {
        const xml = new TextDecoder().decode(bytes);
        const scanned = scanXml(xml, null);
        expect(scanned, `${name} ${part}`).not.toBeNull();
        expect(shape(scanned!), `${name} ${part}`).toEqual(shape(treeXml(xml)));
        parts++;
      }
    }
    expect(parts).toBe(8);
    const w = (body: string) => `<?xml version="1.0"?><w:document><w:body>${body}</w:body></w:document>`;
    // entities as fast-xml-parser gives them (character references stay as written), line ends normalised
    const [doc] = scanXml(w('<w:p><w:r><w:t xml:space="preserve">a &amp;lt; &lt;b&gt; &#x4E00;\r\nc</w:t></w:r></w:p>'), null)!;
    expect(doc.kids![0].kids![0].kids![0].kids![0].text).toBe('a &lt; <b> &#x4E00;\nc');
    for (const odd of [
      w('<!-- x --><w:p/>'),
      `<!DOCTYPE w:document>${w('')}`,
      w('<w:p><w:r></w:p>'),
      w('<w:p>').replace('</w:body></w:document>', ''),
      w('<w:t>1 < 2</w:t>'),
    ])
      expect(scanXml(odd, null), odd).toBeNull();
  });

  it('the scanner and fast-xml-parser give the same text: fields, tracked changes, text boxes, merged and nested cells, numbering', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="m"';
    const p = (t: string, pPr = '') =>
      `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:rPr><w:sz w:val="32"/></w:rPr><w:t xml:space="preserve">${t}</w:t></w:r></w:p>`;
    const num = (id: number, lvl: number) => `<w:numPr><w:ilvl w:val="${lvl}"/><w:numId w:val="${id}"/></w:numPr>`;
    const tc = (body: string, pr = '') => `<w:tc>${pr ? `<w:tcPr>${pr}</w:tcPr>` : ''}${body}</w:tc>`;
    const body = [
      p('关于印发某某方案的通知'),
      p('总体要求', num(1, 0)),
      `<w:p><w:pPr>${num(1, 1)}<w:pPrChange><w:pPr>${num(2, 0)}</w:pPr></w:pPrChange></w:pPr><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙 &amp;lt; &#x4E00;</w:t></w:r></w:p>`,
      `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>域结果</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del><w:ins><w:r><w:t>增</w:t></w:r></w:ins><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink></w:p>`,
      `<w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>${p('文本框')}</w:txbxContent></w:drawing></mc:Choice></mc:AlternateContent><w:t>框后</w:t></w:r></w:p>`,
      `<w:sdt><w:sdtContent>${p('控件里的段落', num(1, 1))}</w:sdtContent></w:sdt>`,
      `<w:tbl><w:tblPr/><w:tr>${tc(p('序号'))}${tc(p('任务'))}${tc(p('牵头单位'))}</w:tr><w:tr>${tc(p('1'))}${tc(p('推进', num(1, 2)))}${tc(p('县住建委'), '<w:vMerge w:val="restart"/>')}</w:tr><w:tr>${tc(p('2'))}${tc(`${p('完善', num(1, 2))}<w:tbl><w:tr>${tc(p('内甲'))}${tc(p('内乙', num(1, 2)))}</w:tr></w:tbl>`)}${tc(p('不读', num(1, 2)), '<w:vMerge/>')}</w:tr><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc(p('跨两列'), '<w:gridSpan w:val="2"/>')}</w:tr></w:tbl>`,
      `<w:tbl><w:tr>${tc(p('专栏', num(1, 0)))}</w:tr><w:tr>${tc(p('续', num(1, 0)), '<w:vMerge/>')}</w:tr></w:tbl>`,
      p('结束。', num(1, 1)),
    ].join('');
    const numbering = `<w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl><w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num></w:numbering>`;
    const bytes = zipSync({
      'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?>\r\n<w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`),
      'word/numbering.xml': strToU8(numbering),
    });
    const scanned = await docxToText(bytes);
    expect(scanned).toEqual(await docxToText(bytes, { parser: 'fast-xml-parser' }));
    expect(scanned.text).toMatch(/^（一）甲\t乙\n丙 &lt; &#x4E00;$/m);
    expect(scanned.text).toMatch(/^域结果增链接$/m);
    expect(scanned.text).not.toMatch(/文本框|删|不读|PAGE/);
    expect(scanned.text).toMatch(/^2\t2\.完善内甲3\.内乙\t县住建委$/m);
  });

  it('Word number formats', () => {
    expect(
      ['chineseCounting', 'chineseCountingThousand', 'ideographTraditional', 'decimalEnclosedCircle', 'lowerLetter', 'decimal'].map((f) => formatNumber(12, f)),
    ).toEqual(['十二', '十二', '乙', '⑫', 'l', '12']);
    expect(formatNumber(21, 'chineseCounting')).toBe('二十一');
    expect(formatNumber(105, 'chineseCounting')).toBe('一百〇五');
  });
});

describe('sniffing: the bytes decide, not the extension', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'policy-formats-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a .docx saved as .wps or .doc is read as .docx', async () => {
    for (const ext of ['.wps', '.doc']) {
      const file = path.join(dir, `plan${ext}`);
      copyFileSync(path.join(FIX, 'wuxi-plan.docx'), file);
      const doc = await ingestFile(file);
      expect(doc.source.format).toBe('docx');
      expect(doc.tasks).toHaveLength(27);
    }
  });

  it('a binary .doc saved as .wps is read (WPS writes the same compound file)', async () => {
    const file = path.join(dir, 'plan-binary.wps');
    copyFileSync(path.join(FIX, 'wuxi-plan.doc'), file);
    const doc = await ingestFile(file);
    expect(doc.source.format).toBe('wps');
    expect(doc.tasks).toHaveLength(27);
  });

  it('refuses, naming the file and the problem: a ZIP that is no Word file, a .doc that is no compound file, a .docx renamed .txt', async () => {
    const cases: [string, Uint8Array | string, RegExp][] = [
      ['sheet.docx', (await import('fflate')).zipSync({ 'xl/workbook.xml': new TextEncoder().encode('<workbook/>') }), /sheet\.docx: an Excel workbook/],
      ['other.wps', (await import('fflate')).zipSync({ 'a.txt': new TextEncoder().encode('x') }), /other\.wps: a ZIP archive that is not a Word document/],
      ['plain.doc', '这不是Word文件，只是文字。', /plain\.doc: not a Word\/WPS document/],
      ['scan.docx', Buffer.from('89504e470d0a1a0a0000', 'hex'), /scan\.docx: an image/],
      ['plan.txt', readFileSync(path.join(FIX, 'wuxi-plan.docx')), /plan\.txt: a ZIP archive/],
    ];
    for (const [name, bytes, message] of cases) {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      const error = await readDocument(file).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(UserError);
      expect((error as Error).message, name).toMatch(message);
      expect((error as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it.each([
    ['bad-damaged.docx', /bad-damaged\.docx: a damaged \.docx/],
    ['bad-image-only.docx', /bad-image-only\.docx: a Word document with images only/],
    ['bad-no-text.html', /bad-no-text\.html: a web page without/],
  ])('%s is refused with its problem', async (name, message) => {
    await expect(readDocument(path.join(FIX, name))).rejects.toThrow(message);
  });
});

describe('source.txt: the converted text beside the model', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'policy-source-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is written for a converted format, and every position refers to it', async () => {
    const doc = await ingestFile(path.join(FIX, 'wuxi-plan.docx'));
    await saveDocument(dir, doc);
    const text = readFileSync(path.join(dir, doc.id, 'source.txt'), 'utf8');
    const saved = await loadDocument(dir, doc.id);
    for (const t of saved.tasks) expect(text.slice(t.position.start.offset, t.position.end.offset)).toContain(t.title);
    for (const t of saved.tasks) if (t.clause) expect(text.slice(t.clause.position.start.offset, t.clause.position.end.offset)).toBe(t.clause.raw);
  });

  it('is not written for a .txt, and one left from an earlier ingest of the id goes', async () => {
    const html = await ingestFile(path.join(FIX, 'wuxi-plan.html'));
    await saveDocument(dir, { ...html, id: 'same' } as PolicyDocument);
    // the spread copy has no text attached: only the model is written
    expect(existsSync(path.join(dir, 'same', 'source.txt'))).toBe(false);
    const { attachSourceText } = await import('../../src/index.js');
    const copy = { ...html, id: 'same' } as PolicyDocument;
    attachSourceText(copy, 'x');
    await saveDocument(dir, copy);
    expect(existsSync(path.join(dir, 'same', 'source.txt'))).toBe(true);
    const txt = await ingestFile(TXT);
    await saveDocument(dir, { ...txt, id: 'same' } as PolicyDocument);
    expect(existsSync(path.join(dir, 'same', 'source.txt'))).toBe(false);
  });
});
