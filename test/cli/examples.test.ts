/**
 * Every example a newcomer is shown runs as written: the command lines of README.md's ```sh
 * blocks (lines starting `policy` or `npx policy`, after any VAR=value) and the lines of the
 * "Examples:" block of `policy --help` and of every command's --help. README.md is parsed as it
 * stands, whatever its examples are.
 *
 * Where they run: a scratch folder laid out like the repository after `npm start` — corpus/ (a
 * link to the repository's) and output/ (corpus/* ingested once) — so the default data folder
 * and `--data output` both mean the ingested corpus, paths such as corpus/… resolve, and the
 * files examples write (--out 分工矩阵.pdf, > 对照.md) land there. Each line runs in sh (quotes,
 * &&, > and VAR=value as a user's shell reads them; a # comment is cut first), with `policy` a
 * shim on PATH for the CLI from src/; `npx policy` is read as `policy`, so npx never goes to
 * the registry.
 *
 * The rules:
 * - An example whose input files do not exist there is an illustration of a call with the
 *   user's own files (plan.docx, "plans/*.txt", county-plan.txt) and is skipped, by name. An
 *   input file is a word of a policy call that looks like a path — it has a / or a wildcard,
 *   or ends in .ext — and is not written by the example (the value of --out, of --pdf FILE,
 *   or a > target). Wildcards are expanded as the CLI expands them.
 * - Every other example exits 0, prints something (into its > file when it redirects), shows
 *   no stack trace or internal error, and no empty answer: no line starting "No " (search's
 *   "No clause matches …"), no JSON [] or "total": 0.
 * - `policy serve …` runs until stopped: it is started with --port 0 instead of the example's
 *   port (which a busy machine may have taken), must print its address and answer / with 200,
 *   and is then stopped.
 * - `policy ingest …` examples write the data folder the others read: they run after the
 *   rest, one at a time.
 * - A line shown twice (README and --help share some) runs once.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandPatterns } from '../../src/cli/files.js';
import { buildProgram } from '../../src/cli/main.js';
import { policy, policyArgv, repoRoot } from '../helpers/cli.js';

interface Example {
  line: string; // as run: comment cut, npx policy → policy, spaces folded
  from: string[]; // where it is shown
}

// ---------------------------------------------------------------------------------------------
// reading the examples

/** Cut a # comment (a # starting a word, outside quotes). */
function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}

/** The words of a shell line, quotes removed; operators (&&, ||, ;, |, >, >>, <) are words of their own. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = '';
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      word ??= '';
    } else if (/\s/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
    } else if (/[&|;<>]/.test(c)) {
      if (word !== null) words.push(word);
      word = null;
      const op = /^(&&|\|\||>>|[;|<>&])/.exec(line.slice(i))![0];
      words.push(op);
      i += op.length - 1;
    } else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}

const OPERATORS = new Set(['&&', '||', ';', '|', '&']);

/** Each `policy` call of a line: its arguments, and the > target after it, if any. */
function policyCalls(line: string): { args: string[]; redirect: string | null }[] {
  const calls: { args: string[]; redirect: string | null }[] = [];
  let current: string[] = [];
  const flush = () => {
    const words = current; // VAR=value words before `policy` are left behind below
    current = [];
    const at = words.indexOf('policy');
    if (at < 0) return;
    const rest = words.slice(at + 1);
    const r = rest.findIndex((w) => w === '>' || w === '>>');
    calls.push({ args: r < 0 ? rest : rest.slice(0, r), redirect: r < 0 ? null : (rest[r + 1] ?? null) });
  };
  for (const w of shellWords(line)) {
    if (OPERATORS.has(w)) flush();
    else current.push(w);
  }
  flush();
  return calls;
}

function normalise(line: string): string {
  return stripComment(line)
    .replace(/(^|&&\s*|;\s*)npx\s+policy\b/g, '$1policy')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * README.md: the lines of ```sh blocks that start with `policy` or `npx policy` (after VAR=value),
 * and in any other code block the prompt lines (`$ npx policy …`: a tour shows a command with
 * its output).
 */
function readmeExamples(markdown: string): string[] {
  const lines: string[] = [];
  let inBlock = false;
  let inSh = false;
  for (const raw of markdown.split(/\r?\n/)) {
    const fence = /^\s*(```|~~~)\s*([\w-]*)/.exec(raw);
    if (fence) {
      inBlock = !inBlock;
      inSh = inBlock && /^(sh|bash|shell|console)$/.test(fence[2]);
      continue;
    }
    if (!inBlock) continue;
    const prompt = /^\s*\$\s+/.test(raw);
    if (!inSh && !prompt) continue;
    const line = raw.trim().replace(/^\$\s+/, '');
    if (/^([A-Za-z_][A-Za-z0-9_]*=\S*\s+)*(npx\s+)?policy(\s|$)/.test(line)) lines.push(line);
  }
  return lines;
}

/** A help text's "Examples:" block: its `$ …` lines. */
function helpExamples(help: string): string[] {
  const lines = help.split(/\r?\n/);
  const start = lines.findIndex((l) => /^Examples:\s*$/.test(l));
  if (start < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    const m = /^\s+\$\s+(.*)$/.exec(l);
    if (!m) break;
    out.push(m[1]);
  }
  return out;
}

async function allHelpTexts(): Promise<{ name: string; text: string }[]> {
  const program = await buildProgram([]);
  const texts: { name: string; text: string }[] = [];
  for (const command of [program, ...program.commands]) {
    let text = '';
    command.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
    command.outputHelp();
    texts.push({ name: command === program ? 'policy --help' : `policy ${command.name()} --help`, text });
  }
  return texts;
}

// ---------------------------------------------------------------------------------------------
// the scratch folder and the list, at collection time (skips are decided from it)

const scratch = mkdtempSync(path.join(os.tmpdir(), 'policy-examples-'));
symlinkSync(path.join(repoRoot, 'corpus'), path.join(scratch, 'corpus'), process.platform === 'win32' ? 'junction' : 'dir');
const bin = path.join(scratch, '.bin');
mkdirSync(bin);
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
writeFileSync(path.join(bin, 'policy'), `#!/bin/sh\nexec ${[process.execPath, ...policyArgv].map(q).join(' ')} "$@"\n`);
chmodSync(path.join(bin, 'policy'), 0o755);

const examples = new Map<string, Example>();
const add = (raw: string, from: string) => {
  const line = normalise(raw);
  if (!line) return;
  const known = examples.get(line);
  if (known) known.from.push(from);
  else examples.set(line, { line, from: [from] });
};
for (const line of readmeExamples(readFileSync(path.join(repoRoot, 'README.md'), 'utf8'))) add(line, 'README.md');
for (const { name, text } of await allHelpTexts()) for (const line of helpExamples(text)) add(line, name);

/** Input files an example names that do not exist in the scratch folder. */
async function missingInputs(line: string): Promise<string[]> {
  const missing: string[] = [];
  for (const { args } of policyCalls(line)) {
    const inputs = args.filter((w, i) => {
      const before = args[i - 1];
      if (before === '--out' || (before === '--pdf' && !w.startsWith('-'))) return false; // written
      if (w.startsWith('-')) return false;
      return /[/*?]/.test(w) || /\.[A-Za-z][A-Za-z0-9]*$/.test(w);
    });
    for (const file of await expandPatterns(inputs.map((f) => path.resolve(scratch, f)))) {
      if (!existsSync(file)) missing.push(path.relative(scratch, file));
    }
  }
  return missing;
}

const subcommand = (line: string) => policyCalls(line)[0]?.args.find((w) => !w.startsWith('-')) ?? '';
const list = [...examples.values()];
const skipped = new Map<string, string[]>();
for (const e of list) {
  const missing = await missingInputs(e.line);
  if (missing.length > 0) skipped.set(e.line, missing);
}
const runnable = list.filter((e) => !skipped.has(e.line));

// ---------------------------------------------------------------------------------------------
// running them

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  served?: { url: string | null; status: number | null; body: string };
}

const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1', POLICY_DEBUG: '1' };

function run(line: string): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', line], { cwd: scratch, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A `policy serve` example: on any free port, asked for / once it says where it listens, then stopped. */
function serve(line: string): Promise<Outcome> {
  const command = `${line.replace(/\s--port\s+\S+/, '')} --port 0`;
  return new Promise((resolve) => {
    // its own process group, so stopping it stops the server under sh and the shim
    const child = spawn('sh', ['-c', command], { cwd: scratch, env, detached: true });
    let stdout = '';
    let stderr = '';
    let asked = false;
    const stop = () => {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(stop, 60_000);
    const served: Outcome['served'] = { url: null, status: null, body: '' };
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const url = /https?:\/\/[^\s/]+/.exec(stdout)?.[0];
      if (!url || asked) return;
      asked = true;
      served.url = url;
      fetch(`${url.replace('//0.0.0.0', '//127.0.0.1').replace('//[::]', '//127.0.0.1')}/`)
        .then(async (r) => {
          served.status = r.status;
          served.body = await r.text();
        })
        .catch((error: Error) => (served.body = String(error)))
        .finally(stop);
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: asked ? 0 : code, stdout, stderr, served });
    });
  });
}

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(limit, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

const outcomes = new Map<string, Outcome>();

beforeAll(async () => {
  const ingested = policy(['ingest', 'corpus/*', '--data', 'output', '-q'], { cwd: scratch });
  expect(ingested.status, ingested.stderr).toBe(0);
  const writers = runnable.filter((e) => subcommand(e.line) === 'ingest');
  const readers = runnable.filter((e) => !writers.includes(e));
  const limit = Math.max(2, Math.min(4, Math.floor((os.availableParallelism?.() ?? os.cpus().length) / 2)));
  await pool(readers, limit, async (e) => {
    outcomes.set(e.line, await (subcommand(e.line) === 'serve' ? serve(e.line) : run(e.line)));
  });
  for (const e of writers) outcomes.set(e.line, await run(e.line));
}, 600_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------

const STACK = /^\s+at .+:\d+:\d+\)?$|internal error/m;

/** Why an answer is empty, or null. */
function emptyAnswer(out: string): string | null {
  if (!out.trim()) return 'prints nothing';
  const none = /^No .*$/m.exec(out);
  if (none) return `answers "${none[0]}"`;
  try {
    const value: unknown = JSON.parse(out);
    if (Array.isArray(value) && value.length === 0) return 'answers []';
    if (value && typeof value === 'object' && (value as { total?: unknown }).total === 0) return 'answers "total": 0';
  } catch {
    // not JSON
  }
  return null;
}

describe('the examples of README.md and of every --help run as written on the bundled corpus', () => {
  it('finds examples in README.md and in the --help of every command that has some', () => {
    expect(list.some((e) => e.from.includes('README.md'))).toBe(true);
    const helps = new Set(list.flatMap((e) => e.from).filter((f) => f !== 'README.md'));
    for (const name of ['ingest', 'tasks', 'departments', 'indicators', 'search', 'compare', 'sheet', 'sheets', 'matrix', 'export', 'serve']) {
      expect(helps, name).toContain(`policy ${name} --help`);
    }
  });

  for (const e of list) {
    const missing = skipped.get(e.line);
    const title = `${e.line}   (${e.from.join(', ')})`;
    if (missing) {
      it.skip(`illustration, no ${missing.join(', ')}: ${title}`, () => {});
      continue;
    }
    it(title, () => {
      const o = outcomes.get(e.line)!;
      const report = `$ ${e.line}\n${o.stdout}${o.stderr}`;
      expect(o.code, report).toBe(0);
      expect(`${o.stdout}${o.stderr}`, report).not.toMatch(STACK);
      if (o.served) {
        expect(o.served.url, report).not.toBeNull();
        expect(o.served.status, `${report}\n${o.served.body.slice(0, 500)}`).toBe(200);
        expect(o.served.body).toContain('<html');
        return;
      }
      // what the example shows: its stdout, or the file its last > writes
      const target = policyCalls(e.line).findLast((c) => c.redirect)?.redirect;
      const shown = target ? readFileSync(path.join(scratch, target), 'utf8') : o.stdout;
      if (target) expect(statSync(path.join(scratch, target)).size, report).toBeGreaterThan(0);
      expect(emptyAnswer(shown), report).toBeNull();
    });
  }
});
