/**
 * `npm run bench:xlsx`: reading a 分工表.xlsx of 500, 5,000 and 30,000 rows (six columns, 重点任务
 * and 牵头单位 merged over three rows, dates; written by test/helpers/xlsx.ts) — the converter alone
 * (xlsxToText) against the pipeline's parse + extract of the text it gives, in the same rounds,
 * on the compiled dist/; medians of the rounds (CPU time of the process: a shared machine's other
 * work disturbs it less than wall time). Then a sheet past the cell limit (200,000 cells with
 * text): how long until it is refused, and the heap it took. Target: the converter costs no more
 * than the text route's parse + extract of its own text (× ≤ 1).
 *
 * Options: --rounds N (default 5).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type CellSpec, xlsx } from '../test/helpers/xlsx.js';

const dist = (file: string) => new URL(`../dist/${file}`, import.meta.url);
if (!existsSync(dist('ingest.js'))) throw new Error('dist/ is missing: run `npm run build` first');
const { ingestText } = (await import(dist('ingest.js').href)) as typeof import('../src/ingest.js');
const { xlsxToText } = (await import(dist('read/xlsx.js').href)) as typeof import('../src/read/xlsx.js');

const { values } = parseArgs({ options: { rounds: { type: 'string' } } });
const rounds = Number(values.rounds ?? 5);

const UNITS = ['县发展改革局', '县市场监管局', '县政务服务中心', '县住建局', '县民政局', '县财政局'];

function workbook(rows: number): Uint8Array {
  const body: CellSpec[][] = [['附件1'], ['某县重点任务分工表'], ['序号', '重点任务', '具体措施', '牵头单位', '责任单位', '完成时限']];
  const merges = ['A2:F2'];
  for (let r = 0; r < rows; r++) {
    const first = r % 3 === 0;
    body.push([
      r + 1,
      first ? `推进第${r / 3 + 1}项重点工作` : null,
      `落实第${r + 1}条具体措施，完善工作机制，按季度报送进展。`,
      first ? UNITS[r % UNITS.length] : null,
      `${UNITS[(r + 1) % UNITS.length]}、${UNITS[(r + 2) % UNITS.length]}`,
      { n: 45473 + (r % 200), fmt: 'yyyy"年"m"月"d"日"' },
    ]);
    if (first && r + 2 < rows) merges.push(`B${r + 4}:B${r + 6}`, `D${r + 4}:D${r + 6}`);
  }
  return xlsx([{ name: '分工表', rows: body, merges }]);
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`rounds: ${rounds}`);
console.log('rows     bytes    convert ms  parse+extract ms  × text  tasks');
for (const rows of [500, 5000, 30000]) {
  const bytes = workbook(rows);
  const convert: number[] = [];
  const pipeline: number[] = [];
  let tasks = 0;
  for (let i = 0; i < rounds; i++) {
    let t = cpu();
    const { text } = await xlsxToText(bytes);
    convert.push(cpu() - t);
    t = cpu();
    tasks = ingestText(text, { fileName: 'bench.txt' }).tasks.length;
    pipeline.push(cpu() - t);
  }
  const c = median(convert);
  const p = median(pipeline);
  console.log(
    `${String(rows).padEnd(8)} ${String(bytes.length).padEnd(8)} ${c.toFixed(1).padStart(10)}  ${p.toFixed(1).padStart(16)}  ${(c / p).toFixed(2).padStart(6)}  ${tasks}${c <= p ? ' ✓ (≤ 1)' : ' ✗'}`,
  );
}

const big = workbook(50_000); // about 233,000 cells with text (merged cells written once), past the limit
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const t = cpu();
const refused = await xlsxToText(big).then(
  () => 'read',
  (e: Error) => e.message,
);
console.log(
  `50,000 rows (${big.length} bytes): ${refused} — after ${(cpu() - t).toFixed(0)} ms of CPU, heap +${Math.round((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024)} MB`,
);
