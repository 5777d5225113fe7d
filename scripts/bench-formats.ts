/**
 * `npm run bench:formats`: read + parse + extract of the bundled plan in each format (a saved
 * web page in UTF-8 and GBK, Word .docx typed and auto-numbered, binary .doc) beside the .txt
 * route, in the same run, from bytes in memory (no disk), on the compiled dist/. The formats
 * are timed in turn, round after round, so that a load on the machine falls on all of them;
 * each figure is the median of its rounds, warm. Two clocks: wall time, and the process's CPU
 * time (user + system), which a shared machine's other work disturbs far less. `convert` is
 * the converter alone (CPU). The routes the converters took before — rehype-parse for HTML
 * (still its fallback for misnested pages), fast-xml-parser's full tree for .docx — are timed
 * in the same rounds. Cold: the first document in a fresh process (the converter's modules
 * loaded on first use, nothing compiled yet), each format in a process of its own, which also
 * gives its peak RSS and the heap one conversion holds.
 * Target: .docx and .html within 3× of .txt.
 *
 * Options: --rounds N (default 40).
 */

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url);
if (!existsSync(dist('ingest.js'))) throw new Error('dist/ is missing: run `npm run build` first');
const { ingestAnyBytes } = (await import(dist('ingest.js').href)) as typeof import('../src/ingest.js');
const { htmlToText } = (await import(dist('read/html.js').href)) as typeof import('../src/read/html.js');
const { docxToText } = (await import(dist('read/docx.js').href)) as typeof import('../src/read/docx.js');

const FILES: [string, string][] = [
  ['txt', 'corpus/wuxi-urbanization-plan-2021-2035.txt'],
  ['html', 'test/fixtures/formats/wuxi-plan.html'],
  ['html gbk', 'test/fixtures/formats/wuxi-plan-gbk.html'],
  ['docx', 'test/fixtures/formats/wuxi-plan.docx'],
  ['docx numbered', 'test/fixtures/formats/wuxi-plan-numbered.docx'],
  ['doc', 'test/fixtures/formats/wuxi-plan.doc'],
];

const { values } = parseArgs({ options: { rounds: { type: 'string' }, child: { type: 'string' } } });
const rounds = Number(values.rounds ?? 40);
const load = (rel: string) => ({ name: path.basename(rel), bytes: readFileSync(path.join(ROOT, rel)) });

const cpuMs = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
};

/** One document through the pipeline: wall and CPU ms. */
async function once(file: { name: string; bytes: Buffer }): Promise<{ wall: number; cpu: number }> {
  const c = process.cpuUsage();
  const t = performance.now();
  const doc = await ingestAnyBytes(file.bytes, file.name);
  const wall = performance.now() - t;
  const cpu = cpuMs(c);
  if (doc.tasks.length !== 27) throw new Error(`${file.name}: ${doc.tasks.length} tasks, expected 27`);
  return { wall, cpu };
}

/** The converter alone (CPU ms), by its current route or the one it took before. */
async function convert(file: { key: string; bytes: Buffer }, before = false): Promise<number> {
  const c = process.cpuUsage();
  if (file.key.startsWith('html')) await htmlToText(file.bytes, before ? { parser: 'parse5' } : {});
  else if (file.key.startsWith('docx')) await docxToText(file.bytes, before ? { parser: 'fast-xml-parser' } : {});
  return cpuMs(c);
}

if (values.child !== undefined) {
  // memory of one format alone: rounds of it, then this process's peak RSS
  const file = load(FILES.find(([k]) => k === values.child)![1]);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const t = performance.now();
  const kept = await ingestAnyBytes(file.bytes, file.name);
  const cold = performance.now() - t;
  const held = process.memoryUsage().heapUsed - before;
  for (let i = 0; i < rounds; i++) await once(file);
  process.stdout.write(JSON.stringify({ rss: process.resourceUsage().maxRSS * 1024, held, cold, tasks: kept.tasks.length }));
  process.exit(0);
}

const files = FILES.map(([key, rel]) => ({ key, ...load(rel) }));
type Times = { wall: number[]; cpu: number[]; convert: number[]; before: number[] };
const times = new Map<string, Times>(files.map((f) => [f.key, { wall: [], cpu: [], convert: [], before: [] }]));
for (let w = 0; w < 5; w++) for (const f of files) await once(f); // warm-up: JIT, lazy imports
for (let w = 0; w < 5; w++) for (const f of files) await convert(f, true);
for (let r = 0; r < rounds; r++) {
  for (const f of files) {
    const t = times.get(f.key)!;
    const { wall, cpu } = await once(f);
    t.wall.push(wall);
    t.cpu.push(cpu);
    if (f.key.startsWith('html') || f.key.startsWith('docx')) {
      t.convert.push(await convert(f));
      t.before.push(await convert(f, true));
    }
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const base = { wall: median(times.get('txt')!.wall), cpu: median(times.get('txt')!.cpu) };
const mb = (n: number) => (n / 1e6).toFixed(1);
const ms = (n: number) => (Number.isNaN(n) ? '' : n.toFixed(2));
console.log(
  `bundled plan, ${rounds} rounds after warm-up, median per document (read+parse+extract from bytes in memory); load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
);
console.log(
  `${'format'.padEnd(15)}${'bytes'.padStart(7)}${'wall ms'.padStart(9)}${'× txt'.padStart(7)}${'CPU ms'.padStart(8)}${'× txt'.padStart(7)}${'convert'.padStart(9)}${'before'.padStart(8)}${'cold ms'.padStart(9)}${'peak RSS MB'.padStart(13)}${'heap MB'.padStart(9)}`,
);
let ok = true;
for (const f of files) {
  const t = times.get(f.key)!;
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', f.key, '--rounds', String(Math.min(rounds, 10))],
    { encoding: 'utf8' },
  );
  const mem = child.status === 0 ? (JSON.parse(child.stdout) as { rss: number; held: number; cold: number }) : null;
  const wall = median(t.wall);
  const cpu = median(t.cpu);
  const checked = f.key.startsWith('docx') || f.key.startsWith('html');
  const met = wall / base.wall <= 3 && cpu / base.cpu <= 3;
  if (checked && !met) ok = false;
  console.log(
    `${f.key.padEnd(15)}${String(f.bytes.length).padStart(7)}${ms(wall).padStart(9)}${(wall / base.wall).toFixed(2).padStart(7)}${ms(cpu).padStart(8)}${(cpu / base.cpu).toFixed(2).padStart(7)}` +
      `${ms(median(t.convert)).padStart(9)}${ms(median(t.before)).padStart(8)}${(mem ? ms(mem.cold) : '?').padStart(9)}${(mem ? mb(mem.rss) : '?').padStart(13)}${(mem ? mb(mem.held) : '?').padStart(9)}` +
      `${checked ? (met ? ' ✓ (≤ 3×)' : ' ✗ (> 3×)') : ''}`,
  );
}
console.log(
  "convert: the converter alone, CPU ms; before: the route it took before (HTML: rehype-parse, the fallback for misnested pages; .docx: fast-xml-parser's full tree)",
);
console.log(ok ? 'target met: .docx and .html within 3× of .txt (wall and CPU)' : 'target missed: see ✗');
