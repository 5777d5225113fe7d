/**
 * The whole `policy ingest` (read + parse + extract + document.json + store + compact) of the
 * first N files of the scale corpus, in a fresh process, for one or more built trees run in
 * turn (A B A B …), so that a change is measured against the code before it in one session on
 * a shared machine: wall time, CPU time (user + system, from /usr/bin/time) and peak RSS, the
 * medians of each tree and the ratios against the first. The quick loop of an ingest change;
 * `npm run bench:scale` is the figure of record (beside raw jieba on the same text).
 *
 *   node --import tsx scripts/bench-whole-ingest.ts [--count 300] [--rounds 3] [--keep DIR] [tree …]
 *
 * A tree is a checkout with dist/ built (default: this one). --keep DIR leaves each tree's last
 * data folder in DIR/<n> (to compare their document.json files and stores byte for byte).
 */

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { count: { type: 'string' }, rounds: { type: 'string' }, keep: { type: 'string' }, corpus: { type: 'string' } },
});
const count = Number(values.count ?? 300);
const rounds = Number(values.rounds ?? 3);
const trees = positionals.length > 0 ? positionals.map((t) => path.resolve(t)) : [ROOT];
const corpus = values.corpus ?? path.join(ROOT, '.bench', 'scale-1000');
if (!existsSync(corpus)) throw new Error(`${corpus}: missing (npm run scale-corpus, or copy .bench/scale-1000)`);
const files = readdirSync(corpus)
  .filter((f) => /\.(txt|md)$/.test(f))
  .sort()
  .slice(0, count)
  .map((f) => path.join(corpus, f));
for (const tree of trees) if (!existsSync(path.join(tree, 'dist/cli/main.js'))) throw new Error(`${tree}: dist/ is missing (npm run build)`);

interface Run {
  wall: number;
  cpu: number;
  rssMb: number;
}

function ingest(tree: string, keep: string | null): Run {
  const data = mkdtempSync(path.join(os.tmpdir(), 'policy-whole-ingest-'));
  const stats = path.join(data, '..', `${path.basename(data)}.time`);
  const r = spawnSync(
    '/usr/bin/time',
    ['-o', stats, '-f', '%e %U %S %M', process.execPath, path.join(tree, 'bin/policy.js'), 'ingest', ...files, '--data', data, '-q'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  if (r.status !== 0) throw new Error(`${tree}: policy ingest failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
  const [wall, user, sys, rss] = readFileSync(stats, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
  rmSync(stats, { force: true });
  if (keep) {
    rmSync(keep, { recursive: true, force: true });
    cpSync(data, keep, { recursive: true });
  }
  rmSync(data, { recursive: true, force: true });
  return { wall, cpu: user + sys, rssMb: rss / 1024 };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
console.log(`policy ingest of ${files.length} files, ${rounds} rounds, trees: ${trees.join(', ')}; load average ${load()}`);
const runs: Run[][] = trees.map(() => []);
for (let round = 0; round < rounds; round++) {
  trees.forEach((tree, t) => {
    const keep = values.keep && round === rounds - 1 ? path.join(values.keep, String(t)) : null;
    const run = ingest(tree, keep);
    runs[t].push(run);
    console.log(
      `  round ${round + 1} tree ${t}: wall ${run.wall.toFixed(1)} s, CPU ${run.cpu.toFixed(1)} s (${((run.cpu / files.length) * 1000).toFixed(1)} ms a document), peak RSS ${run.rssMb.toFixed(0)} MB; load ${load()}`,
    );
  });
}
const base = { wall: median(runs[0].map((r) => r.wall)), cpu: median(runs[0].map((r) => r.cpu)) };
trees.forEach((tree, t) => {
  const wall = median(runs[t].map((r) => r.wall));
  const cpu = median(runs[t].map((r) => r.cpu));
  console.log(
    `tree ${t} (${tree}): median wall ${wall.toFixed(1)} s (${(files.length / wall).toFixed(1)} docs/s), CPU ${cpu.toFixed(1)} s (${((cpu / files.length) * 1000).toFixed(1)} ms a document), ` +
      `peak RSS ${median(runs[t].map((r) => r.rssMb)).toFixed(0)} MB` +
      (t > 0 ? `; against tree 0: wall ${(wall / base.wall).toFixed(2)}×, CPU ${(cpu / base.cpu).toFixed(2)}×` : ''),
  );
});
