/**
 * `npm run bench:robustness`: memory and model size of `policy ingest` on large inputs, each
 * ingested by the compiled CLI (bin/policy.js, as users run it) in a process of its own:
 *
 *   plan-1mb, plan-5mb, plan-20mb   the bundled plan repeated to 1, 5 and 20 MB
 *   line-10mb                       10 MB on one line (a paste without line breaks)
 *   lines-100k                      100,000 short numbered lines (1. … 100000. …)
 *
 * Targets: peak RSS ≤ 20 × input + 150 MB, document.json ≤ 6 × input. Prints, for each, the
 * seconds, peak RSS, its budget and ratio, and the model and index sizes with their ratio to
 * the input. Inputs are generated into .bench/robustness (kept; --only NAME runs one of them;
 * --skip NAME leaves one out, e.g. --skip line-10mb, whose extraction alone takes minutes).
 */

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, '.bench', 'robustness');
const MB = 1e6;
const { values } = parseArgs({ options: { only: { type: 'string', multiple: true }, skip: { type: 'string', multiple: true } } });

if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
mkdirSync(dir, { recursive: true });

const plan = readFileSync(path.join(root, 'corpus', 'wuxi-urbanization-plan-2021-2035.txt'), 'utf8');

function repeated(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    parts.push(plan);
    size += Buffer.byteLength(plan) + 1;
  }
  return parts.join('\n');
}

function oneLine(bytes: number): string {
  const flat = plan.replace(/\r?\n/g, '');
  const out = flat.repeat(Math.ceil(bytes / Buffer.byteLength(flat)) + 1);
  return out.slice(0, Math.round((out.length * bytes) / Buffer.byteLength(out)));
}

function manyLines(n: number): string {
  const lines = ['某县人民政府', '某县重点工作实施方案', '', '一、重点任务'];
  for (let i = 1; i <= n; i++) lines.push(`${i}. 第${i}项工作。`);
  return lines.join('\n') + '\n';
}

const inputs: Array<{ name: string; make: () => string }> = [
  { name: 'plan-1mb', make: () => repeated(1 * MB) },
  { name: 'plan-5mb', make: () => repeated(5 * MB) },
  { name: 'plan-20mb', make: () => repeated(20 * MB) },
  { name: 'line-10mb', make: () => oneLine(10 * MB) },
  { name: 'lines-100k', make: () => manyLines(100_000) },
];

// The child reports its peak RSS on exit (process.resourceUsage is the kernel's maxrss).
const preload = path.join(dir, 'report-rss.mjs');
writeFileSync(
  preload,
  "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.POLICY_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)));\n",
);

const fmt = (n: number, digits = 1) => n.toFixed(digits);
console.log('input         size MB   seconds  peak RSS MB  budget MB  peak/budget  model MB  model/input  index MB  exit');
let failed = false;
for (const { name, make } of inputs) {
  if (values.only && !values.only.includes(name)) continue;
  if (values.skip?.includes(name)) continue;
  const file = path.join(dir, `${name}.txt`);
  if (!existsSync(file)) writeFileSync(file, make());
  const size = statSync(file).size;
  const data = path.join(dir, `data-${name}`);
  rmSync(data, { recursive: true, force: true });
  const rssFile = path.join(dir, `${name}.rss`);
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--import', preload, path.join(root, 'bin', 'policy.js'), 'ingest', file, '--data', data, '-q', '--max-size', '100MB'],
    {
      env: { ...process.env, POLICY_RSS_FILE: rssFile, NO_COLOR: '1' },
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    },
  );
  const seconds = (performance.now() - t) / 1000;
  const peak = Number(readFileSync(rssFile, 'utf8')) / MB;
  const budget = (20 * size) / MB + 150;
  const model = path.join(data, name, 'document.json');
  const modelSize = existsSync(model) ? statSync(model).size : NaN;
  // the search store (policy.db), or the in-memory index's file with POLICY_SEARCH_ENGINE=minisearch
  const index = [path.join(data, 'policy.db'), path.join(data, 'index.json')].find((f) => existsSync(f));
  const indexSize = index ? statSync(index).size : NaN;
  const ok = peak <= budget && modelSize <= 6 * size && r.status === 0;
  failed ||= !ok;
  console.log(
    [
      name.padEnd(12),
      fmt(size / MB).padStart(8),
      fmt(seconds).padStart(9),
      fmt(peak, 0).padStart(12),
      fmt(budget, 0).padStart(10),
      fmt(peak / budget, 2).padStart(12),
      fmt(modelSize / MB).padStart(9),
      fmt(modelSize / size, 2).padStart(12),
      fmt(indexSize / MB).padStart(9),
      `  ${r.status}${ok ? ' ✓' : ' ✗'}`,
    ].join(' '),
  );
  if (r.status !== 0) console.log(`  stderr: ${r.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const warnings = r.stdout.split('\n').filter((l) => /warning/.test(l)).length;
  console.log(`  ${warnings} warning lines printed`);
  rmSync(data, { recursive: true, force: true });
}
console.log('\ntargets: peak RSS ≤ 20 × input + 150 MB; document.json ≤ 6 × input');
if (failed) process.exitCode = 1;
