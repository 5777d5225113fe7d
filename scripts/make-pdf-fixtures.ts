/**
 * Makes the PDF fixtures of test/fixtures/formats/ with real tools, from the bundled plan:
 *
 *   wuxi-plan.pdf            the plan laid out as a printed 公文 (GB/T 9704: A4, 28 characters
 *                            a line in 16 pt serif, paragraphs indented two characters, headings
 *                            in sans, the indicator table as a ruled table, — N — at the foot),
 *                            written as flat ODT and printed by LibreOffice
 *   wuxi-scan.pdf            the notice and the plan's opening (two pages) as images only
 *                            (pdftoppm → img2pdf): no text layer
 *   wuxi-encrypted.pdf       the same two pages, password-protected (qpdf, user password "secret")
 *   wuxi-damaged.pdf         their first 60 % of bytes (a cut-off download)
 *
 * Needs (not in CI: the outputs are committed):
 *   apt-get install -y libreoffice-writer-nogui fonts-noto-cjk poppler-utils img2pdf qpdf
 * Run: node --import tsx scripts/make-pdf-fixtures.ts
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'test/fixtures/formats');
const PLAN = path.join(ROOT, 'corpus/wuxi-urbanization-plan-2021-2035.txt');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Word's one-cell-a-line table in the plan's .txt (tab-indented cells, rows separated by blank
 * lines) from line `i`: its rows, and the line after it.
 */
export function cellTable(lines: string[], i: number): { rows: string[][]; next: number } {
  const rows: string[][] = [];
  let row: string[] = [];
  while (i < lines.length && (lines[i].startsWith('\t') || (lines[i].trim() === '' && lines[i + 1]?.startsWith('\t')))) {
    if (lines[i].startsWith('\t')) row.push(lines[i].trim());
    else if (row.length) rows.push(row), (row = []);
    i++;
  }
  if (row.length) rows.push(row);
  return { rows, next: i };
}

/** The plan's lines → ODT body paragraphs and the indicator table (one cell a line in the .txt). */
export function planToFodt(text: string): string {
  const lines = text.split(/\r?\n/);
  const body: string[] = [];
  let i = 0;
  let inHeader = true;
  while (i < lines.length) {
    const raw = lines[i];
    const line = raw.trim();
    if (raw.startsWith('\t')) {
      const read = cellTable(lines, i);
      i = read.next;
      body.push(table(read.rows));
      continue;
    }
    i++;
    if (!line) continue;
    let style = 'Body';
    if (inHeader) {
      if (line === '巫溪县人民政府' && body.length === 0) style = 'Issuer';
      else if (/^关于印发|的通知$|^（2021—2035年）/.test(line)) style = 'Title';
      else if (/府发〔/.test(line)) style = 'Center';
      else if (raw.startsWith('   ')) style = 'Signature';
      else if (/^（此件公开发布）$/.test(line)) style = 'Body';
      else if (line === '巫溪县新型城镇化实施方案') style = 'Title';
      else if (/^主送|：$/.test(line)) style = 'Flush';
    }
    if (/^[一二三四五六七八九十]+、/.test(line) && line.length < 20) (style = 'H1'), (inHeader = false);
    else if (/^（[一二三四五六七八九十]+）/.test(line) && line.length < 24 && !/。./.test(line)) style = 'H2';
    if (line.startsWith('根据《')) inHeader = false;
    body.push(`<text:p text:style-name="${style}">${esc(line)}</text:p>`);
  }
  return fodt(body.join('\n'));
}

function table(rows: string[][]): string {
  const width = Math.max(...rows.map((r) => r.length));
  // 序号, 指标, then the value columns: 156 mm in all
  const widths = [14, 64, ...new Array(width - 2).fill((156 - 78) / (width - 2))];
  const cols = widths.map(
    (w, n) =>
      `<style:style style:name="TC${n}" style:family="table-column"><style:table-column-properties style:column-width="${w.toFixed(1)}mm"/></style:style>`,
  );
  const out = [`<table:table table:name="Indicators" table:style-name="Tbl">`];
  widths.forEach((_, n) => out.push(`<table:table-column table:style-name="TC${n}"/>`));
  rows.forEach((r, n) => {
    const cells = r.map(
      (c) =>
        `<table:table-cell table:style-name="Cell" office:value-type="string"><text:p text:style-name="${n === 0 ? 'TableHead' : 'TableText'}">${esc(c)}</text:p></table:table-cell>`,
    );
    const row = `<table:table-row>${cells.join('')}</table:table-row>`;
    out.push(n === 0 ? `<table:table-header-rows>${row}</table:table-header-rows>` : row);
  });
  out.push('</table:table>');
  return `<!--cols ${cols.join('')}-->` + out.join('');
}

function fodt(body: string): string {
  const columnStyles = [...body.matchAll(/<!--cols (.*?)-->/g)].map((m) => m[1]).join('');
  body = body.replace(/<!--cols .*?-->/g, '');
  const serif = 'Noto Serif CJK SC';
  const sans = 'Noto Sans CJK SC';
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
  <style:font-face style:name="${serif}" svg:font-family="'${serif}'"/>
  <style:font-face style:name="${sans}" svg:font-family="'${sans}'"/>
</office:font-face-decls>
<office:styles>
  <style:default-style style:family="paragraph">
    <style:paragraph-properties fo:line-height="28.9pt" style:line-break="strict" style:punctuation-wrap="simple" fo:hyphenate="false"/>
    <style:text-properties style:font-name="${serif}" style:font-name-asian="${serif}" fo:font-size="16pt" style:font-size-asian="16pt" fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"/>
  </style:default-style>
  <style:style style:name="Body" style:family="paragraph"><style:paragraph-properties fo:text-indent="32pt" fo:text-align="justify"/></style:style>
  <style:style style:name="Flush" style:family="paragraph"><style:paragraph-properties fo:text-align="justify"/></style:style>
  <style:style style:name="Center" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/></style:style>
  <style:style style:name="Signature" style:family="paragraph"><style:paragraph-properties fo:text-align="end" fo:margin-right="64pt"/></style:style>
  <style:style style:name="Issuer" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:line-height="60pt" fo:margin-bottom="24pt"/><style:text-properties fo:color="#d00000" style:font-name="${serif}" style:font-name-asian="${serif}" fo:font-size="36pt" style:font-size-asian="36pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
  <style:style style:name="Title" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:line-height="36pt"/><style:text-properties fo:font-size="22pt" style:font-size-asian="22pt" fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
  <style:style style:name="H1" style:family="paragraph"><style:paragraph-properties fo:text-indent="32pt"/><style:text-properties style:font-name="${sans}" style:font-name-asian="${sans}"/></style:style>
  <style:style style:name="H2" style:family="paragraph"><style:paragraph-properties fo:text-indent="32pt"/><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
  <style:style style:name="TableText" style:family="paragraph"><style:paragraph-properties fo:line-height="18pt" fo:text-align="center"/><style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt"/></style:style>
  <style:style style:name="TableHead" style:family="paragraph"><style:paragraph-properties fo:line-height="18pt" fo:text-align="center"/><style:text-properties fo:font-size="10.5pt" style:font-size-asian="10.5pt" style:font-name="${sans}" style:font-name-asian="${sans}"/></style:style>
  <style:style style:name="Footer" style:family="paragraph"><style:paragraph-properties fo:text-align="center" fo:line-height="100%"/><style:text-properties fo:font-size="14pt" style:font-size-asian="14pt"/></style:style>
</office:styles>
<office:automatic-styles>
  <style:page-layout style:name="A4">
    <style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" fo:margin-top="37mm" fo:margin-bottom="20mm" fo:margin-left="28mm" fo:margin-right="26mm" style:print-orientation="portrait"/>
    <style:footer-style><style:header-footer-properties fo:min-height="15mm" fo:margin-top="5mm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="Tbl" style:family="table"><style:table-properties style:width="156mm" table:align="center" fo:margin-top="6pt" fo:margin-bottom="6pt"/></style:style>
  <style:style style:name="Cell" style:family="table-cell"><style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="1mm" style:vertical-align="top"/></style:style>
  ${columnStyles}
</office:automatic-styles>
<office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="A4">
    <style:footer><text:p text:style-name="Footer">— <text:page-number text:select-page="current">1</text:page-number> —</text:p></style:footer>
  </style:master-page>
</office:master-styles>
<office:body><office:text>
${body}
</office:text></office:body>
</office:document>
`;
}

function run(cmd: string, args: string[], cwd?: string): void {
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

function main(): void {
  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), 'pdf-fixtures-'));
  try {
    const fodtFile = path.join(work, 'wuxi-plan.fodt');
    writeFileSync(fodtFile, planToFodt(readFileSync(PLAN, 'utf8')));
    // a profile of its own: no clash with a LibreOffice the user has open
    run('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, fodtFile]);
    const pdf = path.join(work, 'wuxi-plan.pdf');
    copyFileSync(pdf, path.join(OUT, 'wuxi-plan.pdf'));

    // the others from the notice and the plan's opening (two pages): small files
    const shortFodt = path.join(work, 'short.fodt');
    writeFileSync(shortFodt, planToFodt(readFileSync(PLAN, 'utf8').split('\n').slice(0, 30).join('\n')));
    run('soffice', [`-env:UserInstallation=file://${work}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', work, shortFodt]);
    const short = path.join(work, 'short.pdf');

    // a scan: the pages as grey images, no text
    run('pdftoppm', ['-r', '40', '-gray', '-jpeg', '-jpegopt', 'quality=60', short, path.join(work, 'scan')]);
    const images = readdirSync(work)
      .filter((f) => /^scan.*\.jpg$/.test(f))
      .sort()
      .map((f) => path.join(work, f));
    run('img2pdf', ['--pagesize', 'A4', '-o', path.join(OUT, 'wuxi-scan.pdf'), ...images]);

    // password-protected: AES-256, user password "secret"
    run('qpdf', ['--encrypt', 'secret', 'owner-secret', '256', '--', short, path.join(OUT, 'wuxi-encrypted.pdf')]);

    // cut off: the first 60 % of the bytes
    const bytes = readFileSync(short);
    writeFileSync(path.join(OUT, 'wuxi-damaged.pdf'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    for (const f of readdirSync(OUT).filter((f) => f.endsWith('.pdf'))) console.log(`${f}\t${readFileSync(path.join(OUT, f)).length} bytes`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
