import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

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
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'test/helpers/policy-dev.ts'), ...args], {
    cwd: options.cwd ?? root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const repoRoot = root;
