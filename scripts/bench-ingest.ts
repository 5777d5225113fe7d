/**
 * `npm run bench:ingest`: parse + extract throughput against jieba's raw segmentation of the
 * same text, measured in the same run, on the bundled corpus and on the 1,000-document scale
 * corpus (generated into .bench/scale-corpus if missing). Target: ratio ≥ 1.0 (ingest is
 * never the bottleneck next to tokenising for search) and the 1,000 models held in memory
 * under 500 MB. Also checks extraction against the generator's manifest.
 *
 * Options: --count N (scale documents, default 1000), --repeat N (bundled passes; by default as
 * many as make 10 MB, so that a one-document corpus is timed for more than a blink: at 20
 * passes of a 38 KB plan one GC pause moved the ratio by half).
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { PolicyDocument } from '../src/model/types.js';
import { makeScaleCorpus } from './make-scale-corpus.js';

// The pipeline as users run it: the compiled dist/ (`npm run build`), not the sources through
// tsx, whose helpers wrap every closure created in a hot loop.
// Only the pipeline's modules: the memory figure must not count pdfkit, exceljs and the search.
const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url);
if (!existsSync(dist('ingest.js'))) throw new Error('dist/ is missing: run `npm run build` first');
const { ingestBytes } = (await import(dist('ingest.js').href)) as typeof import('../src/ingest.js');
const { decodeBytes } = (await import(dist('read/decode.js').href)) as typeof import('../src/read/decode.js');
const { AliasTable } = (await import(dist('model/departments.js').href)) as typeof import('../src/model/departments.js');
const { formatOf } = (await import(dist('read/read.js').href)) as typeof import('../src/read/read.js');

const { values } = parseArgs({ options: { count: { type: 'string' }, repeat: { type: 'string' }, 'memory-child': { type: 'string' } } });
const count = Number(values.count ?? 1000);
const repeat = values.repeat === undefined ? null : Number(values.repeat);
const MB = 1e6;
const gc = (globalThis as { gc?: () => void }).gc;

function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, (performance.now() - t) / 1000];
}

// Memory is measured in a child process that only ingests (no inputs held, no jieba), the
// way `policy ingest` runs: one file read at a time, every model kept.
if (values['memory-child']) {
  const dir = values['memory-child'];
  gc?.();
  const base = process.memoryUsage();
  const kept: PolicyDocument[] = [];
  let peak = base.rss;
  for (const name of readdirSync(dir).filter((f) => /\.(txt|md)$/.test(f))) {
    kept.push(ingestBytes(readFileSync(path.join(dir, name)), name));
    peak = Math.max(peak, process.memoryUsage().rss);
  }
  gc?.();
  const end = process.memoryUsage();
  console.log(JSON.stringify({ docs: kept.length, baseRss: base.rss, peakRss: peak, endRss: end.rss, heapHeld: end.heapUsed - base.heapUsed }));
  process.exit(0);
}

// raw jieba: its bundled dictionary, none of our words (the program's one loader)
const { newJieba } = (await import(dist('util/jieba.js').href)) as typeof import('../src/util/jieba.js');
const jieba = newJieba();
const aliases = AliasTable.load();
// loaded after the memory child has returned: they are not part of ingesting
const { unified } = await import('unified');
const { default: remarkParse } = await import('remark-parse');
const { remarkTables } = (await import(dist('parse/markdown-tables.js').href)) as typeof import('../src/parse/markdown-tables.js');
const { SearchIndex } = (await import(dist('search/search-index.js').href)) as typeof import('../src/search/search-index.js');
const remark = unified().use(remarkParse).use(remarkTables).freeze();

interface Input {
  name: string;
  bytes: Buffer;
  text: string;
  format: string;
}

function load(dir: string, names: string[]): Input[] {
  return names.map((name) => {
    const bytes = readFileSync(path.join(dir, name));
    return { name, bytes, text: decodeBytes(bytes).text, format: formatOf(name) ?? 'text' };
  });
}

interface Measured {
  docs: PolicyDocument[];
  ratio: number;
  /** seconds and MB per source format, pipeline and jieba, over the timed passes */
  byFormat: Map<string, { mb: number; pipeline: number; segment: number }>;
}

/**
 * Untimed passes first (JIT warm-up; the first pass's models are kept for the accuracy check), then
 * `passes` timed passes that alternate pipeline and jieba document by document on the same texts
 * and keep nothing, so neither side pays for the other's garbage more than the other does.
 */
function measure(label: string, inputs: Input[], passes: number): Measured {
  const mb = inputs.reduce((n, i) => n + Buffer.byteLength(i.text), 0) / MB;
  const docs = inputs.map((i) => ingestBytes(i.bytes, i.name, { aliases }));
  // a small corpus needs more than one pass before the JIT has settled (at least 200 documents)
  for (let w = 0; w < Math.ceil(200 / inputs.length); w++) {
    for (const i of inputs) ingestBytes(i.bytes, i.name, { aliases });
    inputs.forEach((i) => jieba.cut(i.text));
  }
  gc?.();
  const byFormat = new Map<string, { mb: number; pipeline: number; segment: number }>();
  let pipeline = 0;
  let segment = 0;
  for (let p = 0; p < passes; p++) {
    for (const i of inputs) {
      const t0 = performance.now();
      ingestBytes(i.bytes, i.name, { aliases });
      const t1 = performance.now();
      jieba.cut(i.text);
      const t2 = performance.now();
      const f = byFormat.get(i.format) ?? { mb: 0, pipeline: 0, segment: 0 };
      f.mb += Buffer.byteLength(i.text) / MB;
      f.pipeline += (t1 - t0) / 1000;
      f.segment += (t2 - t1) / 1000;
      byFormat.set(i.format, f);
      pipeline += (t1 - t0) / 1000;
      segment += (t2 - t1) / 1000;
    }
  }
  const ours = (mb * passes) / pipeline;
  const theirs = (mb * passes) / segment;
  const ratio = ours / theirs;
  console.log(
    `${label.padEnd(22)} ${String(inputs.length).padStart(5)} docs ${mb.toFixed(2).padStart(7)} MB × ${passes}   ` +
      `parse+extract ${ours.toFixed(1).padStart(6)} MB/s   jieba cut ${theirs.toFixed(1).padStart(6)} MB/s   ratio ${ratio.toFixed(2)} ${ratio >= 1 ? '✓' : '✗ (target ≥ 1.0)'}`,
  );
  if (byFormat.size > 1) {
    for (const [format, f] of byFormat) {
      const share = f.mb / (mb * passes);
      console.log(
        `  of which ${format.padEnd(12)} ${(100 * share).toFixed(0).padStart(3)} % of the text        ` +
          `parse+extract ${(f.mb / f.pipeline).toFixed(1).padStart(6)} MB/s   jieba cut ${(f.mb / f.segment).toFixed(1).padStart(6)} MB/s   ratio ${(f.mb / f.pipeline / (f.mb / f.segment)).toFixed(2)}`,
      );
    }
  }
  return { docs, ratio, byFormat };
}

/**
 * The floor of the Markdown route: remark-parse itself (micromark + mdast-util-from-markdown, with
 * the pipe-table extension and none of our transforms), beside jieba on the same texts.
 */
function markdownFloor(inputs: Input[]): void {
  const md = inputs.filter((i) => i.format === 'markdown');
  if (md.length === 0) return;
  const mb = md.reduce((n, i) => n + Buffer.byteLength(i.text), 0) / MB;
  for (const i of md) remark.parse(i.text);
  let parse = 0;
  let segment = 0;
  for (let p = 0; p < 2; p++) {
    for (const i of md) {
      const t0 = performance.now();
      remark.parse(i.text);
      const t1 = performance.now();
      jieba.cut(i.text);
      const t2 = performance.now();
      parse += (t1 - t0) / 1000;
      segment += (t2 - t1) / 1000;
    }
  }
  console.log(
    `  remark-parse alone on the Markdown ${((2 * mb) / parse).toFixed(1).padStart(6)} MB/s   jieba cut ${((2 * mb) / segment).toFixed(1).padStart(6)} MB/s   ` +
      `ratio ${(segment / parse).toFixed(2)}  (the ceiling of the Markdown route, before any extraction)`,
  );
}

/**
 * What `policy ingest` does after extraction: build the search index, which segments every unit
 * with jieba (search mode) and fills MiniSearch. Timed on the same models, for scale.
 */
function indexBuild(docs: PolicyDocument[], inputs: Input[]): void {
  const mb = inputs.reduce((n, i) => n + Buffer.byteLength(i.text), 0) / MB;
  SearchIndex.build(docs.slice(0, 10));
  const [, pipeline] = time(() => inputs.forEach((i) => ingestBytes(i.bytes, i.name, { aliases })));
  const [, build] = time(() => SearchIndex.build(docs));
  console.log(
    `ingest stages on ${docs.length} scale documents (${mb.toFixed(1)} MB): parse+extract ${pipeline.toFixed(2)} s, ` +
      `search index build ${build.toFixed(2)} s (${(build / pipeline).toFixed(1)}× parse+extract)`,
  );
}

console.log(`node ${process.version}, ${new Date().toISOString()}`);
console.log('throughput (UTF-8 MB of decoded text per second; the same texts, the same run)');

// bundled corpus
const corpusDir = 'corpus';
const bundled = load(
  corpusDir,
  readdirSync(corpusDir).filter((f) => /\.(txt|md)$/.test(f)),
);
const bundledMb = bundled.reduce((n, i) => n + Buffer.byteLength(i.text), 0) / MB;
const small = measure('bundled corpus', bundled, repeat ?? Math.max(2, Math.ceil(10 / bundledMb)));

// scale corpus
const scaleDir = path.resolve('.bench/scale-corpus');
const manifestFile = `${scaleDir}.manifest.json`;
let manifest = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest) : null;
if (!manifest || manifest.count !== count) {
  const [, t] = time(() => makeScaleCorpus({ count, out: scaleDir }));
  manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  console.log(`(generated the scale corpus in ${t.toFixed(1)} s)`);
}
const scale = load(
  scaleDir,
  manifest.documents.map((d) => d.file),
);
const big = measure('scale corpus', scale, 2);
markdownFloor(scale);
indexBuild(big.docs.slice(0, 100), scale.slice(0, 100));
const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--memory-child', scaleDir], { encoding: 'utf8' });
if (child.status !== 0) throw new Error(`memory child failed: ${child.stderr}`);
const mem = JSON.parse(child.stdout.trim().split('\n').pop()!) as { docs: number; baseRss: number; peakRss: number; endRss: number; heapHeld: number };
console.log(
  `memory (separate process ingesting the ${mem.docs} documents and keeping every model): ` +
    `peak rss ${(mem.peakRss / MB).toFixed(0)} MB (${(mem.baseRss / MB).toFixed(0)} MB before the first document), ` +
    `models held ${(mem.heapHeld / MB).toFixed(0)} MB of heap  ${mem.peakRss / MB < 500 ? '✓' : '✗'} (target: under 500 MB)`,
);

// accuracy against what the generator wrote
interface Manifest {
  count: number;
  documents: {
    file: string;
    title: string;
    docNumber: string | null;
    date: string | null;
    indicators: number;
    tasks: { number: string; title: string; lead: string[]; responsible: string[] }[];
  }[];
}
let tasks = 0;
let tasksRight = 0;
let unitsRight = 0;
let meta = 0;
let metaRight = 0;
let indicatorsRight = 0;
const byFile = new Map(big.docs.map((d, i) => [scale[i].name, d]));
const key = (names: string[]) =>
  names
    .map((n) => aliases.key(n))
    .sort()
    .join('|');
for (const m of manifest.documents) {
  const d = byFile.get(m.file)!;
  meta += 3;
  metaRight += Number(d.title === m.title) + Number(d.docNumber === m.docNumber) + Number(d.date === m.date);
  indicatorsRight += Number(d.indicators.length === m.indicators);
  for (const t of m.tasks) {
    tasks++;
    const got = d.tasks.find((x) => x.number === t.number);
    if (got && got.title === t.title) tasksRight++;
    if (got && key(got.lead) === key(t.lead) && key(got.responsible) === key(t.responsible)) unitsRight++;
  }
}
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)}%`;
console.log(
  `accuracy on the scale corpus: tasks ${pct(tasksRight, tasks)} (${tasksRight}/${tasks}), units ${pct(unitsRight, tasks)}, ` +
    `metadata ${pct(metaRight, meta)}, indicator tables ${pct(indicatorsRight, manifest.documents.length)}`,
);
console.log(
  `summary: ratio bundled ${small.ratio.toFixed(2)}, scale ${big.ratio.toFixed(2)}; ${small.ratio >= 1 && big.ratio >= 1 ? 'targets met' : 'TARGET MISSED'}`,
);
