import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The node arguments that run the CLI from the TypeScript sources. tsx is named by its file
 * URL, not by `--import tsx`, so the command also runs with a working folder outside the repo.
 */
export const policyArgv: string[] = [
  '--import',
  pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href,
  path.join(root, 'test/helpers/policy-dev.ts'),
];

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the `policy` CLI from the TypeScript sources (no build needed), as a separate process,
 * so exit codes, stdout and stderr are what a user gets.
 */
export function policy(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [...policyArgv, ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const repoRoot = root;

/**
 * Run the CLI in this process (fast; stdout is not a terminal, as in a pipe), capturing what
 * it writes. Use `policy` above where the exit status of a real process matters.
 */
export async function runInProcess(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { vi } = await import('vitest');
  const { main } = await import('../../src/cli/main.js');
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((out += String(chunk)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((err += String(chunk)), true));
  const saved = process.exitCode;
  try {
    const code = await main(['node', 'policy', ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = saved;
  }
}

/**
 * Run the CLI in this process as on a terminal `columns` wide, without colour; its stdout, or
 * an error with its stderr when it fails.
 */
export async function onTerminal(columns: number, ...args: string[]): Promise<string> {
  const saved = { isTTY: process.stdout.isTTY, columns: process.stdout.columns };
  Object.assign(process.stdout, { isTTY: true, columns });
  const colour = process.env.NO_COLOR;
  process.env.NO_COLOR = '1';
  try {
    const r = await runInProcess(...args);
    if (r.code !== 0) throw new Error(`policy ${args.join(' ')} exited ${r.code}: ${r.err}`);
    return r.out;
  } finally {
    Object.assign(process.stdout, saved);
    if (colour === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = colour;
  }
}
