/**
 * Benchmark of the PDF reader: `npm run bench:pdf [-- --pages 300] [-- --fresh]` (the compiled dist/).
 *
 * Makes (or reuses, in the system's temp folder) a long PDF — the bundled plan's text repeated
 * until it fills the pages, printed by pdfkit in 16 pt Noto Serif SC, 28 characters a line,
 * paragraphs indented, — N — at the foot — and times, in one process:
 *   - pdfToText (pdfjs text extraction + layout; the first call, pdfjs loading included),
 *   - parse + extract of the converted text (the 公文 pipeline),
 *   - baseline: parse + extract of the same converted text read as a .txt (the text route),
 * and prints pages, seconds, peak RSS and the ratio of the PDF route to the text route.
 * Target: a 300-page PDF read in under 10 s.
 */

import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, renameSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import PDFDocument from 'pdfkit';
import { resolveFonts } from '../src/report/pdf/fonts.js';

const { values } = parseArgs({ options: { pages: { type: 'string', default: '300' }, fresh: { type: 'boolean', default: false } } });
const PAGES = Math.max(1, Number(values.pages));
const root = fileURLToPath(new URL('..', import.meta.url));
const PLAN = path.join(root, 'corpus/wuxi-urbanization-plan-2021-2035.txt');
const FILE = path.join(os.tmpdir(), `policy-bench-${PAGES}p.pdf`);

/** The plan's paragraphs (the indicator table as tab rows), repeated, printed to `pages` pages. */
async function makePdf(file: string, pages: number): Promise<void> {
  const text = readFileSync(PLAN, 'utf8');
  const paragraphs = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
  const doc = new PDFDocument({ size: 'A4', margins: { top: 105, bottom: 99, left: 79, right: 74 }, bufferPages: true });
  const tmp = `${file}.part`;
  const out = createWriteStream(tmp);
  doc.pipe(out);
  doc.registerFont('serif', resolveFonts().serif);
  doc.font('serif').fontSize(16);
  // pdfkit adds a page where a paragraph runs past the foot
  for (let i = 0; doc.bufferedPageRange().count < pages || doc.y < 600; i++) {
    if (doc.bufferedPageRange().count >= pages && doc.y > 600) break;
    doc.text(paragraphs[i % paragraphs.length], { width: 442, indent: 32, lineGap: 12.9, align: 'justify' });
    if (doc.bufferedPageRange().count > pages) break;
  }
  const { count } = doc.bufferedPageRange();
  for (let n = 0; n < count; n++) {
    doc.switchToPage(n);
    doc.page.margins.bottom = 0;
    doc.fontSize(14).text(`— ${n + 1} —`, 0, 842 - 70, { width: 595, align: 'center', lineBreak: false });
  }
  doc.end();
  await new Promise<void>((resolve, reject) => out.on('finish', resolve).on('error', reject));
  renameSync(tmp, file);
}

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/**
 * Timed in a plain `node` child on the compiled dist/ (as users run it): under tsx, its loader
 * takes seconds to pass pdfjs's 2 MB of modules, and the memory is the child's alone.
 */
const MEASURE = `
import { readFileSync } from 'node:fs';
import { VFile } from 'vfile';
const dist = (p) => new URL('dist/' + p, process.env.ROOT_URL).href;
const { pdfToText } = await import(dist('read/pdf.js'));
const { parse } = await import(dist('parse/index.js'));
const { extract } = await import(dist('extract/index.js'));
const { decodeToFile } = await import(dist('read/read.js'));
const bytes = new Uint8Array(readFileSync(process.env.PDF));
let peak = process.memoryUsage().rss;
const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const now = () => performance.now() / 1000;
let t = now();
const converted = await pdfToText(bytes, { maxPages: 100000 });
const convert = now() - t;
t = now();
const file = new VFile({ path: 'bench.pdf', value: converted.text });
file.data.source = { path: 'bench.pdf', fileName: 'bench.pdf', encoding: 'utf-8', lineEnding: 'lf', format: 'pdf', bytes: bytes.length, sha256: '' };
file.data.pages = converted.pages;
const model = extract(parse(file), file);
const pipeline = now() - t;
clearInterval(sample);
peak = Math.max(peak, process.memoryUsage().rss);
// warm: the same PDF again, and the text route on the same text
t = now();
await pdfToText(bytes, { maxPages: 100000 });
const convertWarm = now() - t;
t = now();
const txt = decodeToFile(new TextEncoder().encode(converted.text), 'bench.txt');
extract(parse(txt), txt);
const text = now() - t;
console.log(JSON.stringify({ pages: converted.pages.length, chars: converted.text.length, convert, convertWarm, pipeline, text, peak,
  paragraphs: model.paragraphs.length, tasks: model.tasks.length, lastPage: model.paragraphs.at(-1)?.page }));
`;

async function main(): Promise<void> {
  if (values.fresh || !existsSync(FILE)) {
    const t0 = process.hrtime.bigint();
    await makePdf(FILE, PAGES);
    console.log(`made ${FILE} in ${seconds(t0).toFixed(1)} s`);
  }
  if (!existsSync(path.join(root, 'dist/read/pdf.js'))) throw new Error('dist/ is missing: run `npm run build` first');
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', MEASURE], {
    cwd: root,
    env: { ...process.env, PDF: FILE, ROOT_URL: new URL('..', import.meta.url).href },
    encoding: 'utf8',
  });
  const r = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number>;
  const total = r.convert + r.pipeline;
  const size = (readFileSync(FILE).length / 1024 / 1024).toFixed(1);
  console.log(`pdf ${path.basename(FILE)}: ${r.pages} pages, ${size} MB, ${r.chars} characters of text`);
  console.log(
    `pdfToText ${r.convert.toFixed(2)} s (pdfjs loading included; warm ${r.convertWarm.toFixed(2)} s) + parse+extract ${r.pipeline.toFixed(2)} s = ${total.toFixed(2)} s  (target < 10 s ${total < 10 ? '✓' : '✗'})`,
  );
  console.log(
    `text route on the same text: parse+extract ${r.text.toFixed(2)} s; ratio pdf/text ${(total / r.text).toFixed(1)}× (warm ${((r.convertWarm + r.pipeline) / r.text).toFixed(1)}×)`,
  );
  console.log(`peak rss ${(r.peak / 1024 / 1024).toFixed(0)} MB; ${r.paragraphs} paragraphs, ${r.tasks} tasks, last paragraph on page ${r.lastPage}`);
}

await main();
