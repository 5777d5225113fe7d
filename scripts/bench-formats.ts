/**
 * `npm run bench:formats`: read + parse + extract of the bundled plan in each format (a saved
 * web page in UTF-8 and GBK, Word .docx typed and auto-numbered, binary .doc) beside the .txt
 * route, in the same run, from bytes in memory (no disk), on the compiled dist/. The formats
 * are timed in turn, round after round, so that a load on the machine falls on all of them;
 * each figure is the median of its rounds. Peak memory: each format in a process of its own
 * (its peak RSS after the same rounds) and the heap it holds after one conversion.
 * Target: .docx and .html within 3× of .txt.
 *
 * Options: --rounds N (default 40).
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url);
if (!existsSync(dist('ingest.js'))) throw new Error('dist/ is missing: run `npm run build` first');
const { ingestAnyBytes } = (await import(dist('ingest.js').href)) as typeof import('../src/ingest.js');

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

async function once(file: { name: string; bytes: Buffer }): Promise<number> {
  const t = performance.now();
  const doc = await ingestAnyBytes(file.bytes, file.name);
  const ms = performance.now() - t;
  if (doc.tasks.length !== 27) throw new Error(`${file.name}: ${doc.tasks.length} tasks, expected 27`);
  return ms;
}

if (values.child !== undefined) {
  // memory of one format alone: rounds of it, then this process's peak RSS
  const file = load(FILES.find(([k]) => k === values.child)![1]);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const kept = await ingestAnyBytes(file.bytes, file.name);
  const held = process.memoryUsage().heapUsed - before;
  for (let i = 0; i < rounds; i++) await once(file);
  process.stdout.write(JSON.stringify({ rss: process.resourceUsage().maxRSS * 1024, held, tasks: kept.tasks.length }));
  process.exit(0);
}

const files = FILES.map(([key, rel]) => ({ key, ...load(rel) }));
const times = new Map<string, number[]>(files.map((f) => [f.key, []]));
for (let w = 0; w < 5; w++) for (const f of files) await once(f); // warm-up: JIT, lazy imports
for (let r = 0; r < rounds; r++) for (const f of files) times.get(f.key)!.push(await once(f));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const base = median(times.get('txt')!);
const mb = (n: number) => (n / 1e6).toFixed(1).padStart(6);
console.log(`bundled plan, ${rounds} rounds after warm-up, median per document (read+parse+extract from bytes in memory)`);
console.log(`${'format'.padEnd(15)}${'bytes'.padStart(8)}${'ms'.padStart(9)}${'× txt'.padStart(8)}${'peak RSS MB'.padStart(13)}${'model+text heap MB'.padStart(20)}`);
let ok = true;
for (const f of files) {
  const ms = median(times.get(f.key)!);
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', f.key, '--rounds', String(Math.min(rounds, 10))], { encoding: 'utf8' });
  const mem = child.status === 0 ? (JSON.parse(child.stdout) as { rss: number; held: number }) : null;
  const ratio = ms / base;
  const target = f.key.startsWith('docx') || f.key.startsWith('html') ? (ratio <= 3 ? ' ✓ (≤ 3×)' : ' ✗ (> 3×)') : '';
  if (target.includes('✗')) ok = false;
  console.log(`${f.key.padEnd(15)}${String(f.bytes.length).padStart(8)}${ms.toFixed(2).padStart(9)}${ratio.toFixed(2).padStart(8)}${mem ? mb(mem.rss).padStart(13) : '?'.padStart(13)}${mem ? mb(mem.held).padStart(20) : '?'.padStart(20)}${target}`);
}
console.log(ok ? 'target met: .docx and .html within 3× of .txt' : 'target missed: see ✗');
