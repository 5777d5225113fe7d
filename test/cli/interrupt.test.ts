import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/model/store.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { isTemporaryName } from '../../src/util/atomic.js';
import { policy, repoRoot } from '../helpers/cli.js';

/**
 * An ingest stopped at random points — Ctrl-C (SIGINT) and a hard kill (SIGKILL) — leaves
 * only whole files: every document.json loads, index.json is an index. Ctrl-C exits 130 with
 * a line saying what was done. The kill points come from a fixed seed.
 */
let inputs: string[];

beforeAll(() => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'policy-interrupt-in-'));
  const sources = readdirSync(path.join(repoRoot, 'test/fixtures/qa5')).filter((f) => /\.(txt|md)$/.test(f));
  inputs = [];
  for (let i = 0; i < 14; i++) {
    const source = i % 3 === 0 ? 'corpus/wuxi-urbanization-plan-2021-2035.txt' : path.join('test/fixtures/qa5', sources[i % sources.length]);
    const target = path.join(dir, `plan-${String(i).padStart(2, '0')}${path.extname(source)}`);
    copyFileSync(path.join(repoRoot, source), target);
    inputs.push(target);
  }
});

/** mulberry32: the same kill points on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Documents saved so far in a data folder. */
function saved(data: string): number {
  try {
    return readdirSync(data).filter((e) => existsSync(path.join(data, e, 'document.json'))).length;
  } catch {
    return 0;
  }
}

/**
 * Run an ingest of the inputs and stop it with `signal` once `after` documents are saved,
 * `delay` ms later (polling the folder: a loaded machine starts processes slowly, so a time
 * from the spawn alone would often stop it before it began).
 */
function ingestKilled(
  data: string,
  signal: NodeJS.Signals,
  after: number,
  delay: number,
): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/helpers/policy-dev.ts'), 'ingest', ...inputs, '--data', data, '-q'], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let timer: NodeJS.Timeout | undefined;
    const poll = setInterval(() => {
      if (saved(data) < after) return;
      clearInterval(poll);
      timer = setTimeout(() => child.kill(signal), delay);
    }, 10);
    child.on('close', (status, sig) => {
      clearInterval(poll);
      clearTimeout(timer);
      resolve({ status, signal: sig, stderr });
    });
  });
}

/** Every file the run left: whole. Temporary files only after a hard kill. */
function checkWhole(data: string, hardKill: boolean): number {
  if (!existsSync(data)) return 0;
  let documents = 0;
  for (const entry of readdirSync(data)) {
    const full = path.join(data, entry);
    if (isTemporaryName(entry)) {
      expect(hardKill, `${entry} left behind`).toBe(true);
      continue;
    }
    if (entry === 'index.json') {
      expect(() => SearchIndex.fromJSON(JSON.parse(readFileSync(full, 'utf8')))).not.toThrow();
      continue;
    }
    if (!statSync(full).isDirectory()) continue;
    for (const name of readdirSync(full)) {
      if (isTemporaryName(name)) {
        expect(hardKill, `${entry}/${name} left behind`).toBe(true);
        continue;
      }
      expect(name).toBe('document.json');
      expect(() => JSON.parse(readFileSync(path.join(full, name), 'utf8'))).not.toThrow();
      documents++;
    }
  }
  return documents;
}

describe('an ingest stopped part-way', () => {
  it('leaves only whole files at each of 8 kill points, and Ctrl-C exits 130 saying what was done', async () => {
    const next = random(20240611);
    const root = mkdtempSync(path.join(os.tmpdir(), 'policy-interrupt-'));
    const points = Array.from({ length: 8 }, (_, i) => ({
      signal: (i % 4 === 3 ? 'SIGKILL' : 'SIGINT') as NodeJS.Signals,
      after: 1 + Math.floor(next() * 11),
      delay: Math.round(next() * 150),
      data: path.join(root, `run-${i}`),
    }));
    const runs = await Promise.all(points.map((p) => ingestKilled(p.data, p.signal, p.after, p.delay)));
    const outcomes: string[] = [];
    for (const [i, r] of runs.entries()) {
      const { signal, data, after, delay } = points[i];
      const delayText = `${after} documents + ${delay} ms`;
      expect(r.stderr, `${signal} at ${delayText}`).not.toMatch(/\n\s+at /);
      const documents = checkWhole(data, signal === 'SIGKILL');
      if (r.status === 130) {
        // stopped by Ctrl-C: one line saying what was done
        expect(r.stderr.trim().split('\n').pop()).toMatch(/^policy: interrupted: (\d+ of 14 documents ingested into .*|the command had finished its work)/);
        const said = /interrupted: (\d+) of 14/.exec(r.stderr);
        if (said) expect(Number(said[1])).toBe(documents);
        outcomes.push('130');
      } else if (r.status === 0) {
        outcomes.push('finished');
      } else {
        expect(r.signal, `${signal} at ${delayText}: status ${r.status} ${r.stderr}`).toBe('SIGKILL'); // Ctrl-C always comes after the CLI listens
        outcomes.push(`killed ${signal}`);
      }
      if (documents > 0) {
        // a folder holding only a temporary file (killed before the rename) is no document
        for (const entry of readdirSync(data).filter((e) => existsSync(path.join(data, e, 'document.json')))) {
          await expect(loadDocument(data, entry)).resolves.toBeTruthy();
        }
        // the folder stays usable: the index is rebuilt when it is stale or missing
        const search = policy(['search', '宅基地', '--data', data, '--limit', '1']);
        expect(search.status, search.stderr).toBe(0);
      }
    }
    // every Ctrl-C landed while documents were being written
    expect(outcomes.filter((o) => o === '130').length).toBe(points.filter((p) => p.signal === 'SIGINT').length);
  }, 180_000); // 8 ingests of 14 files from the sources: 35-45 s on a quiet 2-core machine, past 60 s under load
});
